// `npm run bench:subscriptions`: 2,000 subscribers (100 sockets × 20 subscriptions of ten
// controllers) on one service order, then one booking. Reports how long until every subscriber
// has it, the worst /healthz answer while it fans out, and the hub's memory. The hub runs as a
// process of its own (BENCH_SERVER names another checkout to compare), the /healthz probe in a
// worker thread, so that neither the clients nor the probe share the hub's event loop.
// BENCH_MAX_OLD_SPACE=256 starts the hub with that heap. BENCH_PEOPLE=1 BENCH_DISTINCT=true is
// the worst one person can do: 200 subscriptions, each with a document of its own.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SERVER = path.resolve(process.env.BENCH_SERVER ?? ROOT);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10);
const DISTINCT = process.env.BENCH_DISTINCT === "true";
const SOCKETS_PER_PERSON = 10;
const SUBSCRIPTIONS_PER_SOCKET = 20;
const SUBSCRIBERS = PEOPLE * SOCKETS_PER_PERSON * SUBSCRIPTIONS_PER_SOCKET;
const SUB = `subscription($id: ID!) { serviceOrderBurndown(serviceOrderId: $id) {
  consumedPersonDays remainingPersonDays utilization
  booking { id sequence personDays description date }
  serviceOrder { id year contractedPersonDays }
} }`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Kilobytes of a /proc/<pid>/status line (VmRSS now, VmHWM the peak so far). */
function memory(pid: number, field: "VmRSS" | "VmHWM"): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith(field));
  return Number(line?.replace(/\D+/g, "") ?? 0);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-subs-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dbFile = path.join(dir, "hub.db");
  const heap = process.env.BENCH_MAX_OLD_SPACE;
  const hub = spawn(
    process.execPath,
    [
      ...(heap ? [`--max-old-space-size=${heap}`] : []),
      "--import",
      "tsx",
      path.join(SERVER, "server/main.ts"),
    ],
    {
      cwd: SERVER,
      env: {
        ...process.env,
        DATABASE_URL: `file:${dbFile}`,
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "silent",
        // All clients of the bench share one address.
        WS_MAX_CONNECTIONS_PER_ADDRESS: String(PEOPLE * SOCKETS_PER_PERSON),
      },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  let exited: string | null = null;
  hub.on("exit", (code, signal) => {
    exited = `hub exited (code ${code}, signal ${signal})`;
  });
  const clients: Client[] = [];
  try {
    for (let started = Date.now(); ; ) {
      if (exited) throw new Error(exited);
      const ready = await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() - started > 120_000) throw new Error("hub did not become ready");
      await new Promise((r) => setTimeout(r, 200));
    }
    const gql = async <T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: unknown };
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const login = async (email: string) =>
      (
        await gql<{ login: { token: string } }>(
          "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
          { e: email, p: "demo-passwort" },
        )
      ).login.token;

    // Ten controllers of Schwerin alike: the same roles, authority and (no) steering group.
    const raw = new Database(dbFile);
    raw.pragma("busy_timeout = 10000");
    const template = raw
      .prepare('SELECT "passwordHash", "createdAt" FROM "User" WHERE "email" = ?')
      .get("controlling@parchim.example") as { passwordHash: string; createdAt: unknown };
    const schwerin = raw
      .prepare('SELECT "id" FROM "SchoolAuthority" WHERE "name" = ?')
      .get("Landeshauptstadt Schwerin") as { id: string };
    const emails = Array.from({ length: PEOPLE }, (_, i) => `controlling-${i}@bench.example`);
    raw.transaction(() => {
      for (const [i, email] of emails.entries()) {
        raw
          .prepare(
            `INSERT INTO "User" ("id","email","name","passwordHash","authorityId","active","createdAt")
             VALUES (?,?,?,?,?,1,?)`,
          )
          .run(
            `bench-${i}`,
            email,
            `Controlling ${i}`,
            template.passwordHash,
            schwerin.id,
            template.createdAt,
          );
        raw.prepare('INSERT INTO "UserRole" ("userId","role") VALUES (?,?)').run(`bench-${i}`, "CONTROLLER");
      }
    })();
    raw.close();

    const manager = await login("servicemanager@ksm.example");
    const staff = await login("technik@ksm.example");
    const authorities = await gql<{ schoolAuthorities: { id: string; name: string }[] }>(
      "{ schoolAuthorities { id name } }",
      {},
      manager,
    );
    const authorityId = authorities.schoolAuthorities.find((a) => a.name === "Landeshauptstadt Schwerin")?.id;
    const order = (
      await gql<{ createServiceOrder: { id: string } }>(
        "mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id } }",
        { input: { authorityId, year: 2019, contractedPersonDays: "1000" } },
        manager,
      )
    ).createServiceOrder.id;
    // The provider drafts, the authority's controller commissions, citing an approved decision.
    const controller = await login("controlling@schwerin.example");
    const approved = await gql<{ decisions: { edges: { node: { id: string } }[] } }>(
      "query($f: DecisionFilter) { decisions(filter: $f, first: 1) { edges { node { id } } } }",
      { f: { authorityId, status: ["APPROVED"] } },
      controller,
    );
    await gql(
      "mutation($input: CommissionServiceOrderInput!) { commissionServiceOrder(input: $input) { id } }",
      {
        input: {
          serviceOrderId: order,
          decisionId: approved.decisions.edges[0]?.node.id,
          budgetLine: "1.2.1.01.54310000",
        },
      },
      controller,
    );

    const received = new Map<number, number>();
    let refused = 0;
    let subscribed = 0;
    for (const email of emails) {
      const token = await login(email);
      for (let s = 0; s < SOCKETS_PER_PERSON; s++) {
        const client = createClient({
          url: `ws://127.0.0.1:${port}/graphql`,
          webSocketImpl: WebSocket,
          lazy: false,
          retryAttempts: 0,
          onNonLazyError: () => {},
          connectionParams: { authorization: `Bearer ${token}` },
        });
        clients.push(client);
        for (let n = 0; n < SUBSCRIPTIONS_PER_SOCKET; n++, subscribed++) {
          client.subscribe<{ serviceOrderBurndown: { booking: { sequence: number } } }>(
            {
              // An alias of its own makes each document different, and so each a resolution of its own.
              query: DISTINCT ? SUB.replace("utilization", `u${subscribed}: utilization`) : SUB,
              variables: { id: order },
            },
            {
              next: (value) => {
                const sequence = value.data?.serviceOrderBurndown.booking.sequence;
                if (sequence === undefined) refused++;
                else received.set(sequence, (received.get(sequence) ?? 0) + 1);
              },
              error: () => refused++,
              complete: () => {},
            },
          );
        }
      }
    }

    const bookOnce = async (day: number) => {
      const started = performance.now();
      const r = await gql<{ recordBooking: { sequence: number } }>(
        `mutation($input: RecordBookingInput!) { recordBooking(input: $input) { sequence } }`,
        {
          input: {
            serviceOrderId: order,
            date: `2019-03-${String(day).padStart(2, "0")}`,
            personDays: "1.5",
            description: "Arbeit",
          },
        },
        staff,
      );
      const answered = performance.now() - started;
      const sequence = r.recordBooking.sequence;
      while ((received.get(sequence) ?? 0) + refused < SUBSCRIBERS) {
        if (exited) throw new Error(exited);
        if (performance.now() - started > 300_000) throw new Error(`only ${received.get(sequence)} received`);
        await new Promise((r) => setTimeout(r, 5));
      }
      return { ms: performance.now() - started, answered, delivered: received.get(sequence) ?? 0 };
    };

    // The first booking also tells us that every subscription is in place on the hub.
    await new Promise((r) => setTimeout(r, 2000));
    const warmup = await bookOnce(1);
    await new Promise((r) => setTimeout(r, 1000));

    const probe = new Worker(
      `const { parentPort } = require("node:worker_threads");
       let worst = 0, count = 0, failed = 0, running = true;
       parentPort.on("message", () => { running = false; });
       (async () => {
         while (running) {
           const started = performance.now();
           await fetch(${JSON.stringify(`${url}/healthz`)}).then((r) => r.text(), () => failed++);
           worst = Math.max(worst, performance.now() - started);
           count++;
           await new Promise((r) => setTimeout(r, 5));
         }
         parentPort.postMessage({ worst, count, failed });
       })();`,
      { eval: true },
    );
    await new Promise((r) => setTimeout(r, 300));
    const rssBefore = memory(hub.pid as number, "VmRSS");
    const measured = await bookOnce(2);
    const rssAfter = memory(hub.pid as number, "VmRSS");
    const peak = memory(hub.pid as number, "VmHWM");
    probe.postMessage("stop");
    const stall = await new Promise<{ worst: number; count: number; failed: number }>((resolve) =>
      probe.once("message", resolve),
    );
    await probe.terminate();

    const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
    console.log(`server: ${SERVER}${heap ? ` (heap ${heap} MB)` : ""}`);
    console.log(`subscribers: ${SUBSCRIBERS} (${refused} refused)`);
    for (const [name, run] of [
      ["first", warmup],
      ["second", measured],
    ] as const) {
      console.log(
        `${name} booking: answered in ${run.answered.toFixed(0)} ms, all ${run.delivered} delivered in ${run.ms.toFixed(0)} ms`,
      );
    }
    console.log(
      `worst /healthz during the second: ${stall.worst.toFixed(0)} ms (${stall.count} probes, ${stall.failed} failed)`,
    );
    console.log(`hub memory: RSS ${mb(rssBefore)} before, ${mb(rssAfter)} after, peak ${mb(peak)}`);
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    hub.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
