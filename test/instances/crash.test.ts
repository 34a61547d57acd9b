// A hub killed with SIGKILL in the middle of bookings, on SQLite and on PostgreSQL: after a
// restart, every booking retried with its idempotency key is booked exactly once, every
// acknowledged one is still there under the same id, and the ledger, its per-day totals, its
// running balance, its audit entries and (on SQLite) the file's integrity and foreign keys agree.
// `npm test` runs a few rounds per database; `npm run test:soak` sets CRASH_ROUNDS to 200.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { type Database, openDatabase, sqliteFile } from "../../server/db/client.ts";
import type { Booking } from "../../server/db/generated/client/client.ts";
import { migrateDeploy } from "../../server/db/migrate.ts";
import { insertUser } from "../../server/modules/organisations/service.ts";
import { createDatabase } from "../helpers/postgres.ts";
import { type HubProcess, startHubProcess } from "../helpers/processes.ts";

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 3);
/** Bookings sent per round; the kill comes somewhere among them. */
const PER_ROUND = 30;
/** Requests in flight at once. */
const PARALLEL = 6;
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31);

/** A small seeded generator (mulberry32), so that a failing run can be repeated with CRASH_SEED. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const BOOK = "mutation($input: RecordBookingInput!) { recordBooking(input: $input) { id } }";

interface BookingInput {
  serviceOrderId: string;
  date: string;
  personDays: string;
  category: string;
  description: string;
  idempotencyKey: string;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function stop(hub: HubProcess | null, signal: NodeJS.Signals): Promise<void> {
  if (!hub || hub.child.exitCode !== null || hub.child.signalCode !== null) return;
  hub.child.kill(signal);
  await hub.exited;
}

const STAFF = "technik@crash.example";
const PASSWORD = "absturz-probe-2011";

/**
 * A fresh database with just what booking needs (a provider, an authority, a booking person and
 * an active order), written before the hub's first start: the demo seed would double that start.
 */
async function freshDatabase(kind: "sqlite" | "postgres"): Promise<{ url: string; orderId: string }> {
  let url: string;
  if (kind === "postgres") {
    const database = await createDatabase();
    cleanups.push(() => database.drop());
    url = database.url;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-crash-"));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    url = `file:${path.join(dir, "hub.db")}`;
  }
  await migrateDeploy(url);
  const db = await openDatabase(url);
  try {
    const order = await db.transact(async (tx) => {
      const provider = await tx.provider.create({ data: { name: "Absturz-IT", shortName: "AIT" } });
      const authority = await tx.schoolAuthority.create({
        data: {
          providerId: provider.id,
          name: "Stadt Absturz",
          kind: "CITY",
          state: "MV",
          legalBasis: "Probe",
          agreementStart: "2010-01-01",
        },
      });
      await insertUser(tx, {
        email: STAFF,
        name: "Technik",
        password: PASSWORD,
        roles: ["PROVIDER_STAFF"],
        providerId: provider.id,
      });
      return tx.serviceOrder.create({
        data: {
          authorityId: authority.id,
          year: 2011,
          title: "Serviceschein 2011",
          dailyRateCents: 0n,
          validFrom: "2011-01-01",
          validTo: "2011-12-31",
          // Written directly, as commissioned: the test is about the ledger, not about commissioning.
          status: "ACTIVE",
          lines: { create: [{ name: "Support", volume: 500_000, position: 1 }] },
        },
      });
    });
    return { url, orderId: encodeGlobalID("ServiceOrder", order.id) };
  } finally {
    await db.close();
  }
}

// Both databases at once: most of a round is a process starting, which waits on I/O.
describe("SIGKILL during bookings", () => {
  it.concurrent.each(["sqlite", "postgres"] as const)(
    `on %s loses and doubles no booking over ${ROUNDS} crashes`,
    async (kind) => {
      const next = random(SEED + (kind === "sqlite" ? 0 : 1));
      const database = await freshDatabase(kind);
      const env = { DATABASE_URL: database.url, SEED_DEMO: "false" };
      let hub = await startHubProcess(env);
      cleanups.push(() => stop(hub, "SIGKILL"));
      const staff = await hub.login(STAFF, PASSWORD);
      const orderId = database.orderId;

      const inputs = new Map<string, BookingInput>();
      /** The booking id each acknowledged key was answered with. */
      const acknowledged = new Map<string, string>();
      const send = (key: string) =>
        hub.gql<{ recordBooking: { id: string } }>(BOOK, { input: inputs.get(key) }, staff);
      const book = async (key: string) => {
        const r = await send(key);
        expect(r.errors, key).toBeUndefined();
        return r.data?.recordBooking.id as string;
      };

      /** Keys unanswered at a kill, and when the hub that answered their retry started. */
      const unansweredAt = new Map<string, number>();
      for (let round = 0; round < ROUNDS; round++) {
        const keys = Array.from({ length: PER_ROUND }, (_, i) => `r${round}-${i}`);
        for (const key of keys) {
          inputs.set(key, {
            serviceOrderId: orderId,
            date: `2011-${String(1 + Math.floor(next() * 12)).padStart(2, "0")}-${String(1 + Math.floor(next() * 28)).padStart(2, "0")}`,
            personDays: (0.25 * (1 + Math.floor(next() * 8))).toFixed(2),
            category: "Support",
            description: `Absturzprobe ${key}`,
            idempotencyKey: key,
          });
        }
        // The kill comes after a random number of acknowledged bookings, a little later still.
        const killAfter = Math.floor(next() * PER_ROUND);
        const killDelayMs = Math.floor(next() * 15);
        const sent = [...keys];
        let acked = 0;
        let killed: Promise<void> | null = null;
        const current = hub;
        const worker = async () => {
          for (let key = sent.shift(); key !== undefined; key = sent.shift()) {
            let answer: Awaited<ReturnType<typeof send>>;
            try {
              answer = await send(key);
            } catch (error) {
              // A request the kill cut off, or one sent after it: unacknowledged.
              if (killed) continue;
              throw error;
            }
            expect(answer.errors, key).toBeUndefined();
            acknowledged.set(key, answer.data?.recordBooking.id as string);
            acked++;
            if (acked >= killAfter && !killed)
              killed = new Promise((resolve) => setTimeout(resolve, killDelayMs)).then(() =>
                stop(current, "SIGKILL"),
              );
          }
        };
        await Promise.all(Array.from({ length: PARALLEL }, worker));
        // The kill may come after the last answer: the round then crashes an idle hub.
        await (killed ?? stop(current, "SIGKILL"));
        expect(current.child.signalCode).toBe("SIGKILL");

        const restartedAt = Date.now();
        hub = await startHubProcess(env);
        const unanswered = keys.filter((key) => !acknowledged.has(key));
        for (const key of unanswered) unansweredAt.set(key, restartedAt);
        for (const key of unanswered) acknowledged.set(key, await book(key));
        // Acknowledged ones retried: the same booking, not a second one.
        const sample = keys.filter((key) => !unanswered.includes(key) && next() < 0.3);
        for (const key of sample) expect(await book(key), key).toBe(acknowledged.get(key));
      }
      await stop(hub, "SIGTERM");

      const db = await openDatabase(database.url);
      try {
        const bookings = await checkLedger(db, orderId, inputs, acknowledged);
        // Committed before the kill, but the answer never left: the retry found the booking.
        const lostAnswers = bookings.filter((b) => {
          const restartedAt = unansweredAt.get(b.idempotencyKey ?? "");
          return restartedAt !== undefined && b.createdAt.getTime() < restartedAt;
        }).length;
        console.log(
          `crash (${kind}, seed ${SEED}): ${ROUNDS} rounds, ${acknowledged.size} bookings, ` +
            `${unansweredAt.size} unanswered at a kill and retried, ${lostAnswers} of them committed before it`,
        );
      } finally {
        await db.close();
      }
      if (kind === "sqlite") {
        const file = new BetterSqlite3(sqliteFile(database.url), { readonly: true });
        try {
          expect(file.pragma("integrity_check")).toEqual([{ integrity_check: "ok" }]);
          expect(file.pragma("foreign_key_check")).toEqual([]);
        } finally {
          file.close();
        }
      }
    },
    60_000 + ROUNDS * 30_000,
  );
});

async function checkLedger(
  db: Database,
  globalOrderId: string,
  inputs: Map<string, BookingInput>,
  acknowledged: Map<string, string>,
): Promise<Booking[]> {
  const order = await db.read.serviceOrder.findUniqueOrThrow({
    where: { id: decodeGlobalID(globalOrderId).id },
  });
  const bookings = await db.read.booking.findMany({ where: { orderId: order.id }, orderBy: { seq: "asc" } });

  // Every key booked exactly once, under the id its first answer named.
  expect(bookings.map((b) => b.idempotencyKey).sort()).toEqual([...inputs.keys()].sort());
  for (const booking of bookings) {
    const key = booking.idempotencyKey as string;
    expect(encodeGlobalID("Booking", booking.id), key).toBe(acknowledged.get(key));
    expect(booking.personDays, key).toBe(Math.round(Number(inputs.get(key)?.personDays) * 100));
    expect(booking.date, key).toBe(inputs.get(key)?.date);
  }

  // The running balance is the prefix sum of the ledger in commit order.
  let balance = 0;
  for (const booking of bookings) {
    balance += booking.personDays;
    expect(booking.orderBalance, booking.idempotencyKey ?? booking.id).toBe(balance);
  }

  // The per-day totals are the ledger's sums and counts per line and day.
  const expected = new Map<string, { personDays: number; count: number }>();
  for (const booking of bookings) {
    const day = expected.get(`${booking.lineId}/${booking.date}`) ?? { personDays: 0, count: 0 };
    expected.set(`${booking.lineId}/${booking.date}`, {
      personDays: day.personDays + booking.personDays,
      count: day.count + 1,
    });
  }
  const totals = await db.read.dailyTotal.findMany({ where: { orderId: order.id } });
  expect(
    new Map(totals.map((t) => [`${t.lineId}/${t.date}`, { personDays: t.personDays, count: t.count }])),
  ).toEqual(expected);

  // One audit entry per booking, none for a booking that is not there.
  const entries = await db.read.auditEntry.findMany({
    where: { objectType: "Booking", action: "CREATE", authorityId: order.authorityId },
    select: { objectId: true },
  });
  const ours = new Set(bookings.map((b) => b.id));
  const audited = entries.map((e) => e.objectId).filter((id) => ours.has(id));
  expect(audited.sort()).toEqual([...ours].sort());
  const seeded = await db.read.booking.findMany({
    where: { orderId: { not: order.id } },
    select: { id: true },
  });
  const known = new Set([...ours, ...seeded.map((b) => b.id)]);
  expect(entries.filter((e) => !known.has(e.objectId))).toEqual([]);
  return bookings;
}
