// `npm run bench`: burn-down latency of a service order with 200,000 bookings, and booking
// throughput through the real API. Starts its own hub on a scratch SQLite file and exits.
import Database from "better-sqlite3";
import { sqliteFile } from "../../server/db/client.ts";
import { addDays } from "../../server/lib/dates.ts";
import { gid, startHub } from "../helpers/hub.ts";

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 200_000);
const BURNDOWN_REQUESTS = 50;
const THROUGHPUT_BOOKINGS = 2_000;
const CONCURRENCY = 16;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;

async function main(): Promise<void> {
  const hub = await startHub();
  try {
    const manager = await hub.login("servicemanager@ksm.example");
    const staff = await hub.login("technik@ksm.example");
    const controller = await hub.login("controlling@parchim.example");
    const authority = await hub.db.read.schoolAuthority.findUniqueOrThrow({
      where: { name: "Stadt Parchim" },
    });
    const created = await hub.gql<{ createServiceOrder: { id: string } }>(
      `mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id } }`,
      {
        input: {
          authorityId: gid("SchoolAuthority", authority.id),
          year: 2025,
          contractedPersonDays: "100000",
          dailyRate: "680",
          lines: [
            { name: "Support", personDays: "70000" },
            { name: "Ertüchtigung", personDays: "20000" },
            { name: "Beratung", personDays: "10000" },
          ],
        },
      },
      manager,
    );
    const orderGid = created.data?.createServiceOrder.id as string;
    const order = await hub.db.read.serviceOrder.findFirstOrThrow({
      where: { authorityId: authority.id, year: 2025 },
      include: { lines: true },
    });
    const user = await hub.db.read.user.findUniqueOrThrow({ where: { email: "technik@ksm.example" } });

    // Setup by direct inserts in one transaction (the append-only triggers stay in place: they refuse only UPDATE/DELETE).
    const started = Date.now();
    const raw = new Database(sqliteFile(hub.config.databaseUrl));
    raw.pragma("busy_timeout = 10000");
    const maxSeq = (raw.prepare('SELECT COALESCE(MAX("seq"), 0) AS m FROM "Booking"').get() as { m: number })
      .m;
    const insert = raw.prepare(
      'INSERT INTO "Booking" ("id","seq","orderId","lineId","date","personDays","orderBalance","description","bookedById","createdAt") VALUES (?,?,?,?,?,?,?,?,?,?)',
    );
    const totals = new Map<string, { lineId: string; date: string; personDays: number; count: number }>();
    raw.transaction(() => {
      let balance = 0;
      for (let i = 0; i < BOOKINGS; i++) {
        const line = order.lines[i % order.lines.length] as (typeof order.lines)[number];
        const date = addDays("2025-01-01", Math.floor((i * 365) / BOOKINGS));
        const personDays = 25 + (i % 4) * 25;
        balance += personDays;
        insert.run(
          `bench-${i}`,
          maxSeq + i + 1,
          order.id,
          line.id,
          date,
          personDays,
          balance,
          "Benchmark",
          user.id,
          Date.now(),
        );
        const key = `${line.id}/${date}`;
        const total = totals.get(key) ?? { lineId: line.id, date, personDays: 0, count: 0 };
        total.personDays += personDays;
        total.count += 1;
        totals.set(key, total);
      }
      const upsert = raw.prepare(
        'INSERT INTO "DailyTotal" ("orderId","lineId","date","personDays","count") VALUES (?,?,?,?,?)',
      );
      for (const t of totals.values()) upsert.run(order.id, t.lineId, t.date, t.personDays, t.count);
    })();
    raw.close();
    console.log(
      `setup: ${BOOKINGS} bookings, ${totals.size} daily totals inserted in ${Date.now() - started} ms`,
    );

    const burndownQuery = `query($id: ID!, $g: Granularity!) { serviceOrder(id: $id) {
      consumedPersonDays burndown(granularity: $g) { date consumedPersonDays remainingPersonDays plannedRemainingPersonDays }
      forecast { exhaustionDate projectedConsumedAtYearEnd } } }`;
    for (const granularity of ["WEEK", "DAY"]) {
      const times: number[] = [];
      for (let i = 0; i < BURNDOWN_REQUESTS + 5; i++) {
        const t0 = performance.now();
        const r = await hub.gql<{ serviceOrder: { burndown: unknown[] } }>(
          burndownQuery,
          { id: orderGid, g: granularity },
          controller,
        );
        if (r.errors) throw new Error(JSON.stringify(r.errors));
        if (i >= 5) times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(
        `burndown(${granularity}) + forecast, ${BOOKINGS} bookings, ${BURNDOWN_REQUESTS} requests over HTTP: ` +
          `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${percentile(times, 100).toFixed(1)} ms`,
      );
    }

    let next = 0;
    const latencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < THROUGHPUT_BOOKINGS) {
          const i = next++;
          const s = performance.now();
          const r = await hub.gql(
            `mutation($input: RecordBookingInput!) { recordBooking(input: $input) { id } }`,
            {
              input: {
                serviceOrderId: orderGid,
                date: addDays("2025-01-01", i % 365),
                personDays: "0.5",
                category: "Support",
                description: "Benchmark",
                idempotencyKey: `bench-${i}`,
              },
            },
            staff,
          );
          if (r.errors) throw new Error(JSON.stringify(r.errors));
          latencies.push(performance.now() - s);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `recordBooking over HTTP, ${CONCURRENCY} concurrent clients: ${THROUGHPUT_BOOKINGS} bookings in ${seconds.toFixed(2)} s = ` +
        `${(THROUGHPUT_BOOKINGS / seconds).toFixed(0)} bookings/s (p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(latencies, 95).toFixed(1)} ms)`,
    );
    const check = await hub.gql<{
      serviceOrder: { consumedPersonDays: string; bookings: { totalCount: number } };
    }>(
      `query($id: ID!) { serviceOrder(id: $id) { consumedPersonDays bookings(first: 1) { totalCount } } }`,
      { id: orderGid },
      controller,
    );
    console.log(
      `ledger after the run: ${check.data?.serviceOrder.bookings.totalCount} entries, consumed ${check.data?.serviceOrder.consumedPersonDays} PT`,
    );
  } finally {
    await hub.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
