// `npm run bench` (issue 11): writes a provider-scale data set (dataset.ts) at each size of
// BENCH_SCALES (default 0.1,0.5,1) and measures, per size, on the hub as a process of its own
// (dist/server/main.js as npm start runs it, NODE_ENV=production) and on the hand-written floor
// (floor.ts) on the same file:
//   a) the four read queries (queries.ts) at 32 keep-alive connections: req/s, p50, p99, hub and floor
//   b) SQL statements per request (statements.ts, the hub in this process)
//   c) burn-down and forecast of the order with 40 % of the bookings (200,000 at full size)
//   d) recordBooking through the API, sequential and 16 clients (largest size only)
//   e) subscription fan-out: 2,000 subscribers on one order, 100 bookings, send → delivery
//   f) the hub's resident memory idle after start and after the run
//   h) the console in Chromium (console.ts): compressed JavaScript of the first pages and the
//      time until the controller's figures are on screen
// then prints one table with the targets and writes test/bench/results.json (git-ignored).
// Environment: BENCH_SCALES, BENCH_SECONDS (per query and server at full size; default 10),
// BENCH_SUBSCRIBERS (default 2000), BENCH_FANOUT_CAP_SECONDS (default 30 per size), BENCH_SKIP
// (comma list of a,c,d,e,h), BENCH_KEEP=1 keeps the files. Statements per request: `b` always runs.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import Database from "better-sqlite3";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { sqliteUrl } from "../../server/config.ts";
import { todayInBerlin } from "../../server/lib/dates.ts";
import { hashPassword } from "../../server/modules/organisations/passwords.ts";
import { type ConsoleFigures, measureConsole, startBuiltHub } from "./console.ts";
import { BIG_AUTHORITY, type DatasetSummary, generateDataset, seedDemoFile } from "./dataset.ts";
import { benchQueries, gid } from "./queries.ts";
import { countStatements } from "./statements.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCALES = (process.env.BENCH_SCALES ?? "0.1,0.5,1").split(",").map(Number);
const FULL_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 2000);
const SUBSCRIPTIONS_PER_SOCKET = 20;
const SOCKETS_PER_PERSON = 10;
const FANOUT_BOOKINGS = 100;
const SEQUENTIAL_BOOKINGS = 300;
const CONCURRENT_BOOKINGS = 2000;
const BOOKING_CLIENTS = 16;
const BURNDOWN_REQUESTS = 30;
const SKIP = new Set((process.env.BENCH_SKIP ?? "").split(",").filter(Boolean));
/** Not the demo password: the hub runs in production mode, which refuses that one. */
const BENCH_PASSWORD = "bench-passwort-2026";
const RESULTS = path.join(import.meta.dirname, "results.json");

const log = (line: string) => process.stderr.write(`${line}\n`);
const progressLine = (line: string) =>
  process.stderr.isTTY ? process.stderr.write(`\r\x1b[K${line}`) : process.stderr.write(`${line}\n`);
/** Seconds per query and server: the full time at full size, less at smaller sizes (the ten-minute budget). */
const seconds = (scale: number) =>
  scale >= 1 ? FULL_SECONDS : Math.max(2, Math.round(FULL_SECONDS * (scale >= 0.5 ? 0.5 : 0.3)));
/** Time caps of the write measurements, so that a slow hub cannot stretch the run past ten minutes. */
const FANOUT_CAP_MS = Number(process.env.BENCH_FANOUT_CAP_SECONDS ?? 30) * 1000;
const SEQUENTIAL_CAP_MS = 15_000;
const CONCURRENT_CAP_MS = 20_000;
const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number);
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** KiB of VmRSS of a process. */
function rssKiB(pid: number): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS"));
  return Number(line?.replace(/\D+/g, "") ?? 0);
}

interface Server {
  name: "hub" | "floor";
  url: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startServer(
  name: "hub" | "floor",
  file: string,
  extraEnv: Record<string, string> = {},
): Promise<Server> {
  const port = await freePort();
  // The hub as `npm start` runs it: built JavaScript (main() builds it once), no TypeScript loader.
  const args =
    name === "hub"
      ? ["--enable-source-maps", "dist/server/main.js"]
      : ["--import", "tsx", "test/bench/floor.ts", file, String(port)];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: sqliteUrl(file),
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      LOG_LEVEL: "silent",
      SEED_DEMO: "false",
      // Every bench client shares one address.
      WS_MAX_CONNECTIONS_PER_ADDRESS: "1000",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  let exited: string | null = null;
  const gone = new Promise<void>((resolve) =>
    child.on("exit", (code, signal) => {
      exited = `${name} exited (code ${code}, signal ${signal})\n${output.slice(-2000)}`;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const probe = name === "hub" ? "/readyz" : "/healthz";
  for (const started = Date.now(); ; ) {
    if (exited) throw new Error(exited);
    const ready = await fetch(`${url}${probe}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() - started > 120_000) throw new Error(`${name} did not become ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name,
    url,
    port,
    child,
    async stop() {
      if (!exited) child.kill("SIGTERM");
      await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
      if (!exited) child.kill("SIGKILL");
    },
  };
}

async function gql<T>(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`${JSON.stringify(body.errors).slice(0, 600)}`);
  return { data: body.data, body, bytes: Buffer.byteLength(text) };
}

async function login(url: string, email: string): Promise<string> {
  const { data } = await gql<{ login: { token: string } }>(
    url,
    "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
    { e: email, p: BENCH_PASSWORD },
  );
  return data.login.token;
}

/** Every account gets the bench password; ten more controllers of the big authority subscribe. */
async function prepare(file: string): Promise<string[]> {
  const hash = await hashPassword(BENCH_PASSWORD);
  const db = new Database(file);
  db.pragma("busy_timeout = 10000");
  const people = Math.ceil(SUBSCRIBERS / (SOCKETS_PER_PERSON * SUBSCRIPTIONS_PER_SOCKET));
  const emails = Array.from({ length: people }, (_, i) => `controlling-${i}@bench.example`);
  const authority = db.prepare('SELECT "id" FROM "SchoolAuthority" WHERE "name" = ?').get(BIG_AUTHORITY) as {
    id: string;
  };
  db.transaction(() => {
    db.prepare('UPDATE "User" SET "passwordHash" = ?').run(hash);
    for (const [i, email] of emails.entries()) {
      db.prepare(
        `INSERT INTO "User" ("id","email","name","passwordHash","authorityId","active","createdAt")
         VALUES (?,?,?,?,?,1,?)`,
      ).run(`bench-controller-${i}`, email, `Controlling ${i}`, hash, authority.id, new Date().toISOString());
      db.prepare('INSERT INTO "UserRole" ("userId","role") VALUES (?,?)').run(
        `bench-controller-${i}`,
        "CONTROLLER",
      );
    }
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return emails;
}

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  failed: number;
}

/** CONNECTIONS clients, each sending the next request when its answer is in, for `duration` s. */
async function load(
  server: Server,
  body: { query: string; variables: Record<string, unknown> },
  token: string,
  duration: number,
  expectedBytes: number,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const payload = Buffer.from(JSON.stringify(body));
  const once = () =>
    new Promise<{ ms: number; ok: boolean }>((resolve) => {
      const started = performance.now();
      const req = http.request(
        {
          agent,
          host: "127.0.0.1",
          port: server.port,
          path: "/graphql",
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": payload.length,
            authorization: `Bearer ${token}`,
          },
        },
        (res) => {
          let bytes = 0;
          res.on("data", (chunk: Buffer) => {
            bytes += chunk.length;
          });
          res.on("end", () =>
            resolve({
              ms: performance.now() - started,
              ok: res.statusCode === 200 && bytes === expectedBytes,
            }),
          );
        },
      );
      req.on("error", () => resolve({ ms: performance.now() - started, ok: false }));
      req.end(payload);
    });
  const run = async (ms: number) => {
    const latencies: number[] = [];
    let failed = 0;
    const end = performance.now() + ms;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < end) {
          const r = await once();
          latencies.push(r.ms);
          if (!r.ok) failed++;
        }
      }),
    );
    return { latencies, failed, elapsed: (performance.now() - started) / 1000 };
  };
  await run(1000); // warm-up
  const { latencies, failed, elapsed } = await run(duration * 1000);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: round(latencies.length / elapsed),
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    failed,
  };
}

async function burndownLatency(hub: Server, orderId: string, token: string) {
  const query = `query($id: ID!, $g: Granularity!) { serviceOrder(id: $id) {
    consumedPersonDays burndown(granularity: $g) { date consumedPersonDays remainingPersonDays plannedRemainingPersonDays }
    forecast { exhaustionDate projectedConsumedAtYearEnd } } }`;
  const result: Record<string, { p50: number; p99: number }> = {};
  for (const granularity of ["WEEK", "DAY"]) {
    const times: number[] = [];
    for (let i = 0; i < BURNDOWN_REQUESTS + 5; i++) {
      const t0 = performance.now();
      await gql(hub.url, query, { id: orderId, g: granularity }, token);
      if (i >= 5) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    result[granularity] = { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)) };
  }
  return result;
}

const BOOK = `mutation($input: RecordBookingInput!) { recordBooking(input: $input) { id sequence } }`;

async function bookings(hub: Server, orderId: string, token: string, tag: string) {
  const today = todayInBerlin();
  const book = (i: number) =>
    gql(
      hub.url,
      BOOK,
      {
        input: {
          serviceOrderId: orderId,
          date: today,
          personDays: "0.25",
          category: "Support",
          description: "Benchmark",
          idempotencyKey: `bench-${tag}-${i}`,
        },
      },
      token,
    );
  let t0 = performance.now();
  let sequentialDone = 0;
  while (sequentialDone < SEQUENTIAL_BOOKINGS && performance.now() - t0 < SEQUENTIAL_CAP_MS)
    await book(sequentialDone++);
  const sequential = sequentialDone / ((performance.now() - t0) / 1000);
  let next = sequentialDone;
  const last = next + CONCURRENT_BOOKINGS;
  const latencies: number[] = [];
  t0 = performance.now();
  const stopAt = t0 + CONCURRENT_CAP_MS;
  await Promise.all(
    Array.from({ length: BOOKING_CLIENTS }, async () => {
      while (next < last && performance.now() < stopAt) {
        const i = next++;
        const s = performance.now();
        await book(i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const concurrent = latencies.length / ((performance.now() - t0) / 1000);
  latencies.sort((a, b) => a - b);
  return {
    sequential: sequentialDone,
    concurrent: latencies.length,
    sequentialPerSecond: round(sequential),
    concurrentPerSecond: round(concurrent),
    concurrentP50: round(percentile(latencies, 50)),
    concurrentP99: round(percentile(latencies, 99)),
  };
}

const SUB = `subscription($id: ID!) { serviceOrderBurndown(serviceOrderId: $id) {
  consumedPersonDays remainingPersonDays utilization
  booking { id sequence personDays description date }
  serviceOrder { id year contractedPersonDays }
} }`;

async function fanout(hub: Server, orderId: string, emails: string[], staffToken: string, tag: string) {
  const clients: Client[] = [];
  const sent = new Map<number, number>();
  const latencies: number[] = [];
  const received = new Map<number, number>();
  let refused = 0;
  const pending: { sequence: number; at: number }[] = [];
  try {
    const rssBefore = rssKiB(hub.child.pid as number);
    let subscribed = 0;
    for (const email of emails) {
      const token = await login(hub.url, email);
      for (let s = 0; s < SOCKETS_PER_PERSON && subscribed < SUBSCRIBERS; s++) {
        const client = createClient({
          url: `ws://127.0.0.1:${hub.port}/graphql`,
          webSocketImpl: WebSocket,
          lazy: false,
          retryAttempts: 0,
          onNonLazyError: () => {},
          connectionParams: { authorization: `Bearer ${token}` },
        });
        clients.push(client);
        for (let n = 0; n < SUBSCRIPTIONS_PER_SOCKET && subscribed < SUBSCRIBERS; n++, subscribed++) {
          client.subscribe<{ serviceOrderBurndown: { booking: { sequence: number } } }>(
            { query: SUB, variables: { id: orderId } },
            {
              next: (value) => {
                const at = performance.now();
                const sequence = value.data?.serviceOrderBurndown.booking.sequence;
                if (sequence === undefined) {
                  refused++;
                  return;
                }
                received.set(sequence, (received.get(sequence) ?? 0) + 1);
                const from = sent.get(sequence);
                if (from === undefined) pending.push({ sequence, at });
                else latencies.push(at - from);
              },
              error: () => refused++,
              complete: () => {},
            },
          );
        }
      }
    }
    const today = todayInBerlin();
    let n = 0;
    /** Deliveries that did not arrive in time (10 s per booking; 30 s for the warm-up). */
    let missed = 0;
    const bookOnce = async (measure: boolean) => {
      const started = performance.now();
      const { data } = await gql<{ recordBooking: { sequence: number } }>(
        hub.url,
        BOOK,
        {
          input: {
            serviceOrderId: orderId,
            date: today,
            personDays: "0.25",
            description: "Fan-out",
            idempotencyKey: `fanout-${tag}-${n++}`,
          },
        },
        staffToken,
      );
      const sequence = data.recordBooking.sequence;
      if (measure) {
        sent.set(sequence, started);
        // Deliveries that arrived before the mutation's answer.
        for (const p of pending.splice(0)) if (p.sequence === sequence) latencies.push(p.at - started);
      } else pending.length = 0;
      while ((received.get(sequence) ?? 0) + refused < SUBSCRIBERS) {
        if (performance.now() - started > (measure ? 10_000 : 30_000)) {
          const got = received.get(sequence) ?? 0;
          log(`  fan-out: booking ${sequence} reached ${got} of ${SUBSCRIBERS} subscribers in time`);
          if (measure) missed += SUBSCRIBERS - refused - got;
          break;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
    };
    // The first booking also tells that every subscription is in place on the hub.
    await new Promise((r) => setTimeout(r, 1500));
    await bookOnce(false);
    await new Promise((r) => setTimeout(r, 500));
    const rssSubscribed = rssKiB(hub.child.pid as number);
    const fanoutStarted = performance.now();
    let booked = 0;
    for (let i = 0; i < FANOUT_BOOKINGS && performance.now() - fanoutStarted < FANOUT_CAP_MS; i++) {
      await bookOnce(true);
      booked++;
      if (i % 10 === 0) progressLine(`  fan-out: booking ${i + 1}/${FANOUT_BOOKINGS}`);
    }
    if (process.stderr.isTTY) process.stderr.write("\n");
    latencies.sort((a, b) => a - b);
    return {
      subscribers: SUBSCRIBERS,
      missed,
      bookings: booked,
      refused,
      deliveries: latencies.length,
      p50: round(percentile(latencies, 50)),
      p99: round(percentile(latencies, 99)),
      kibPerSubscriber: round((rssSubscribed - rssBefore) / SUBSCRIBERS, 2),
    };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
}

interface ScaleResult {
  scale: number;
  dataset: Pick<DatasetSummary, "counts" | "bigOrderBookings" | "timings">;
  statements: { name: string; hub: number; floor: number }[];
  queries: {
    name: string;
    title: string;
    sameAnswer: boolean;
    bytes: number;
    hub: LoadResult;
    floor: LoadResult;
  }[];
  burndown?: Record<string, { p50: number; p99: number }>;
  bookings?: Awaited<ReturnType<typeof bookings>>;
  fanout?: Awaited<ReturnType<typeof fanout>>;
  rss: { idleMiB: number; afterMiB: number; floorAfterMiB: number };
}

async function measure(scale: number, file: string, template: string, last: boolean): Promise<ScaleResult> {
  log(`\n== scale ${scale} ==`);
  const dataset = await generateDataset(file, scale, progressLine, { demoTemplate: template });
  if (process.stderr.isTTY) process.stderr.write("\n");
  log(
    `data set: ${dataset.counts.Booking} bookings, ${dataset.counts.Meeting} meetings in ${(dataset.timings.total / 1000).toFixed(1)} s`,
  );
  const emails = await prepare(file);
  const asOf = todayInBerlin();
  const queries = benchQueries(file, asOf);

  log("statements per request (hub in this process) …");
  const counted = await countStatements(sqliteUrl(file), queries, BENCH_PASSWORD);

  const hub = await startServer("hub", file);
  const floor = await startServer("floor", file);
  try {
    await new Promise((r) => setTimeout(r, 3000));
    const idle = rssKiB(hub.child.pid as number);
    const orderId = gid("ServiceOrder", dataset.bigOrderId);
    const staff = await login(hub.url, "technik@ksm.example");
    // The fan-out first, while the hub's memory is that of its start (its memory per subscriber).
    let fanoutResult: ScaleResult["fanout"];
    if (!SKIP.has("e")) {
      fanoutResult = await fanout(hub, orderId, emails, staff, String(scale));
      log(`  fan-out: ${JSON.stringify(fanoutResult)}`);
    }
    const tokens = new Map<string, string>();
    for (const q of queries) if (!tokens.has(q.email)) tokens.set(q.email, await login(hub.url, q.email));

    const statementsOfFloor = async (q: (typeof queries)[number]) => {
      const before = ((await (await fetch(`${floor.url}/statements`)).json()) as { statements: number })
        .statements;
      await gql(floor.url, q.query, q.variables, tokens.get(q.email));
      const after = ((await (await fetch(`${floor.url}/statements`)).json()) as { statements: number })
        .statements;
      return after - before;
    };
    const results: ScaleResult["queries"] = [];
    const statements: ScaleResult["statements"] = [];
    for (const q of queries) {
      const token = tokens.get(q.email) as string;
      const fromHub = await gql(hub.url, q.query, q.variables, token);
      const fromFloor = await gql(floor.url, q.query, q.variables, token);
      const sameAnswer = isDeepStrictEqual(fromHub.body, fromFloor.body);
      if (!sameAnswer) {
        const [a, b] = [JSON.stringify(fromHub.body), JSON.stringify(fromFloor.body)];
        let i = 0;
        while (i < a.length && a[i] === b[i]) i++;
        log(`  ${q.name}: the floor's answer differs from the hub's at character ${i}:`);
        log(`    hub:   …${a.slice(Math.max(0, i - 150), i + 150)}`);
        log(`    floor: …${b.slice(Math.max(0, i - 150), i + 150)}`);
      }
      statements.push({
        name: q.name,
        hub: counted.find((c) => c.name === q.name)?.statements ?? -1,
        floor: await statementsOfFloor(q),
      });
      if (SKIP.has("a")) continue;
      const body = { query: q.query, variables: q.variables };
      progressLine(`  ${q.name}: hub …`);
      const onHub = await load(hub, body, token, seconds(scale), fromHub.bytes);
      progressLine(`  ${q.name}: floor …`);
      const onFloor = await load(floor, body, token, seconds(scale), fromFloor.bytes);
      if (process.stderr.isTTY) process.stderr.write("\n");
      log(
        `  ${q.name}: hub ${onHub.rps}/s p50 ${onHub.p50} p99 ${onHub.p99} ms | floor ${onFloor.rps}/s p50 ${onFloor.p50} p99 ${onFloor.p99} ms`,
      );
      results.push({
        name: q.name,
        title: q.title,
        sameAnswer,
        bytes: fromHub.bytes,
        hub: onHub,
        floor: onFloor,
      });
    }

    const authority = await gql<{ schoolAuthorities: { id: string; name: string }[] }>(
      hub.url,
      "{ schoolAuthorities { id name } }",
      {},
      tokens.get("servicemanager@ksm.example"),
    );
    if (!authority.data.schoolAuthorities.some((a) => a.name === BIG_AUTHORITY))
      throw new Error("no big authority");
    const controller = await login(hub.url, "controlling@schwerin.example");
    const result: ScaleResult = {
      scale,
      dataset: {
        counts: dataset.counts,
        bigOrderBookings: dataset.bigOrderBookings,
        timings: dataset.timings,
      },
      statements,
      queries: results,
      rss: { idleMiB: round(idle / 1024), afterMiB: 0, floorAfterMiB: 0 },
      ...(fanoutResult ? { fanout: fanoutResult } : {}),
    };
    if (!SKIP.has("c")) {
      result.burndown = await burndownLatency(hub, orderId, controller);
      log(`  burn-down+forecast (${dataset.bigOrderBookings} bookings): ${JSON.stringify(result.burndown)}`);
    }
    if (last && !SKIP.has("d")) {
      result.bookings = await bookings(hub, orderId, staff, String(scale));
      log(`  recordBooking: ${JSON.stringify(result.bookings)}`);
    }
    result.rss.afterMiB = round(rssKiB(hub.child.pid as number) / 1024);
    result.rss.floorAfterMiB = round(rssKiB(floor.child.pid as number) / 1024);
    return result;
  } finally {
    await hub.stop();
    await floor.stop();
  }
}

function table(results: ScaleResult[], consoleFigures?: ConsoleFigures): string {
  const rows: string[][] = [["measure", "size", "hub", "floor", "target", "pass"]];
  const pass = (ok: boolean) => (ok ? "yes" : "NO");
  if (consoleFigures) {
    rows.push([
      "h) console: sign-in page JavaScript KiB (compressed)",
      "demo",
      String(consoleFigures.loginJsKiB),
      "",
      "< 300",
      pass(consoleFigures.loginJsKiB < 300),
    ]);
    rows.push([
      `h) console: signed-in start page JavaScript until its figures KiB (all: ${consoleFigures.jsKiBCompressed})`,
      "demo",
      String(consoleFigures.jsKiBAtFigures),
      "",
      "< 300",
      pass(consoleFigures.jsKiBAtFigures < 300),
    ]);
    rows.push([
      `h) console: controller's figures on screen ms (loads ${consoleFigures.dashboardLoadsMs.join(", ")})`,
      "demo",
      String(consoleFigures.dashboardMs),
      "",
      "< 1000",
      pass(consoleFigures.dashboardMs < 1000),
    ]);
  }
  for (const r of results) {
    const size = r.scale === 1 ? "full" : `1/${Math.round(1 / r.scale)}`;
    for (const q of r.queries) {
      const okRps = q.hub.rps >= 0.6 * q.floor.rps;
      const okP99 = q.hub.p99 <= 2 * q.floor.p99;
      rows.push([
        `a) ${q.name} req/s${q.sameAnswer ? "" : " (ANSWERS DIFFER)"}${q.hub.failed + q.floor.failed > 0 ? ` (${q.hub.failed}/${q.floor.failed} failed)` : ""}`,
        size,
        String(q.hub.rps),
        String(q.floor.rps),
        `≥ ${round(0.6 * q.floor.rps)} (60 %)`,
        pass(okRps && q.sameAnswer),
      ]);
      rows.push([`   ${q.name} p50 ms`, size, String(q.hub.p50), String(q.floor.p50), "", ""]);
      rows.push([
        `   ${q.name} p99 ms`,
        size,
        String(q.hub.p99),
        String(q.floor.p99),
        `≤ ${round(2 * q.floor.p99)} (2×)`,
        pass(okP99),
      ]);
    }
    for (const s of r.statements) {
      const fixed = results.every((o) => o.statements.find((x) => x.name === s.name)?.hub === s.hub);
      rows.push([
        `b) ${s.name} SQL statements/request`,
        size,
        String(s.hub),
        String(s.floor),
        "same at every size",
        pass(fixed),
      ]);
    }
    if (r.burndown)
      for (const [g, t] of Object.entries(r.burndown))
        rows.push([
          `c) burn-down(${g})+forecast p50 / p99 ms (${r.dataset.bigOrderBookings} bookings)`,
          size,
          `${t.p50} / ${t.p99}`,
          "",
          "< 20 ms (p50)",
          pass(t.p50 < 20),
        ]);
    if (r.bookings) {
      rows.push([
        `d) recordBooking sequential /s (${r.bookings.sequential} bookings)`,
        size,
        String(r.bookings.sequentialPerSecond),
        "",
        "≥ 300",
        pass(r.bookings.sequentialPerSecond >= 300),
      ]);
      rows.push([
        `d) recordBooking ${BOOKING_CLIENTS} clients /s (${r.bookings.concurrent} bookings, p50 ${r.bookings.concurrentP50}, p99 ${r.bookings.concurrentP99} ms)`,
        size,
        String(r.bookings.concurrentPerSecond),
        "",
        "≥ 1000",
        pass(r.bookings.concurrentPerSecond >= 1000),
      ]);
    }
    if (r.fanout) {
      rows.push([
        `e) fan-out ${r.fanout.subscribers} subscribers × ${r.fanout.bookings} bookings, send→delivery p50 / p99 ms${r.fanout.refused ? ` (${r.fanout.refused} refused)` : ""}${r.fanout.missed ? ` (${r.fanout.missed} deliveries later than 10 s)` : ""}`,
        size,
        `${r.fanout.p50} / ${r.fanout.p99}`,
        "",
        "p99 < 150",
        pass(r.fanout.p99 < 150 && r.fanout.refused === 0 && r.fanout.missed === 0),
      ]);
      rows.push([
        "e) memory per subscriber KiB",
        size,
        String(r.fanout.kibPerSubscriber),
        "",
        "< 50",
        pass(r.fanout.kibPerSubscriber < 50),
      ]);
    }
    rows.push([
      "f) RSS idle after start MiB",
      size,
      String(r.rss.idleMiB),
      "",
      "< 200",
      pass(r.rss.idleMiB < 200),
    ]);
    rows.push([
      "f) RSS after the run MiB",
      size,
      String(r.rss.afterMiB),
      String(r.rss.floorAfterMiB),
      "",
      "",
    ]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length))) ?? [];
  return rows
    .map((row, i) => {
      const line = row
        .map((cell, c) => (c >= 2 && c <= 3 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
        .join(" | ");
      return i === 0 ? `${line}\n${widths.map((w) => "-".repeat(w)).join("-|-")}` : line;
    })
    .join("\n");
}

async function main(): Promise<void> {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-"));
  const results: ScaleResult[] = [];
  let consoleFigures: ConsoleFigures | undefined;
  try {
    log(`bench: sizes ${SCALES.join(", ")}; ${os.cpus().length} cores; files in ${dir}`);
    const build = spawnSync(process.execPath, ["scripts/build-server.mjs"], { cwd: ROOT, stdio: "inherit" });
    if (build.status !== 0) throw new Error("scripts/build-server.mjs failed");
    const template = path.join(dir, "demo.db");
    await seedDemoFile(template);
    const sorted = [...SCALES].sort((a, b) => a - b);
    for (const [i, scale] of sorted.entries()) {
      results.push(
        await measure(scale, path.join(dir, `bench-${scale}.db`), template, i === sorted.length - 1),
      );
    }
    if (!SKIP.has("h")) {
      log("h) console in Chromium: built as npm start builds it, on a fresh demo database");
      const hub = await startBuiltHub();
      try {
        consoleFigures = await measureConsole(hub.url);
      } finally {
        await hub.stop();
      }
      log(`  console: ${JSON.stringify(consoleFigures)}`);
    }
  } finally {
    if (!process.env.BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
  const totalSeconds = round((performance.now() - started) / 1000);
  const output = table(results, consoleFigures);
  console.log(`\n${output}\n`);
  console.log(
    `total ${totalSeconds} s on ${os.cpus().length} cores (load generator, hub and floor share them; a shared machine is noisy). ` +
      `a) ${CONNECTIONS} keep-alive connections, ${FULL_SECONDS} s per query and server at full size. ` +
      "e) from sending the booking to each delivery.",
  );
  fs.writeFileSync(
    RESULTS,
    `${JSON.stringify({ at: new Date().toISOString(), totalSeconds, cores: os.cpus().length, results, console: consoleFigures }, null, 2)}\n`,
  );
  console.log(`written: ${path.relative(process.cwd(), RESULTS)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
