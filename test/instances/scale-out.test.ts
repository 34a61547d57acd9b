// Two hub processes on one PostgreSQL database and one Redis: events cross instances in commit
// order, concurrent bookings with repeated idempotency keys lose and double nothing, a killed
// instance leaves the other serving, and a Redis restart loses no event.
import { spawnSync } from "node:child_process";
import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type TestDatabase } from "../helpers/postgres.ts";
import {
  type HubProcess,
  type RedisProcess,
  root,
  startHubProcess,
  startRedis,
} from "../helpers/processes.ts";

let database: TestDatabase;
let redis: RedisProcess;
let a: HubProcess;
let b: HubProcess;
const clients: Client[] = [];

beforeAll(async () => {
  database = await createDatabase();
  redis = await startRedis();
  const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_STREAM: "hub-test:events" };
  // Both migrate and race for the demo seed at once: exactly one of them seeds.
  [a, b] = await Promise.all([startHubProcess(env), startHubProcess(env)]);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  for (const hub of [a, b]) if (hub && hub.child.exitCode === null) hub.child.kill("SIGKILL");
  await Promise.all([a?.exited, b?.exited]);
  await redis?.stop();
  await database?.drop();
});

const SUB = `subscription($id: ID!) { serviceOrderBurndown(serviceOrderId: $id) {
  consumedPersonDays booking { id sequence personDays description }
} }`;
const BOOK = `mutation($input: RecordBookingInput!) { recordBooking(input: $input) { id sequence } }`;

interface Update {
  consumedPersonDays: string;
  booking: { id: string; sequence: number; personDays: string; description: string };
}

/** Everything a subscription delivers, as it arrives. */
function listen(hub: HubProcess, token: string, orderId: string) {
  const updates: Update[] = [];
  const errors: unknown[] = [];
  const client = hub.ws(token);
  clients.push(client);
  client.subscribe<{ serviceOrderBurndown: Update }>(
    { query: SUB, variables: { id: orderId } },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) updates.push(value.data.serviceOrderBurndown);
      },
      error: (error) => errors.push(error),
      complete: () => {},
    },
  );
  return { updates, errors, client };
}

async function until(condition: () => boolean, timeoutMs = 30_000, what = "condition"): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what} not met in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let day = 0;
function booking(orderId: string, description: string, extra: Record<string, unknown> = {}) {
  day = (day % 28) + 1;
  return {
    serviceOrderId: orderId,
    date: `2011-05-${String(day).padStart(2, "0")}`,
    personDays: "0.25",
    category: "Support",
    description,
    ...extra,
  };
}

/**
 * Books on `hub` until every listener has heard of one, so all subscriptions are in place, then
 * waits until no warm-up event is still on its way. Listeners may have become active at
 * different warm-up bookings, so each counts its own updates from here on.
 */
async function warmUp(hub: HubProcess, token: string, orderId: string, listeners: { updates: Update[] }[]) {
  for (let i = 0; listeners.some((l) => l.updates.length === 0); i++) {
    if (i > 200) throw new Error("subscriptions never became active");
    const r = await hub.gql(BOOK, { input: booking(orderId, `warm-up ${i}`) }, token);
    expect(r.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const counts = () => listeners.map((l) => l.updates.length).join();
  for (let last = counts(); ; ) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = counts();
    if (now === last) return;
    last = now;
  }
}

describe("two instances on PostgreSQL and Redis", () => {
  let staffA: string;
  let staffB: string;
  let orderId: string;

  it("share sessions and data: a token from A works on B", async () => {
    const manager = await a.login("servicemanager@ksm.example");
    const schwerin = await b.gql<{ schoolAuthorities: { id: string; name: string }[] }>(
      "{ schoolAuthorities { id name } }",
      {},
      manager,
    );
    expect(schwerin.errors).toBeUndefined();
    const authority = schwerin.data?.schoolAuthorities.find((x) => x.name === "Landeshauptstadt Schwerin");
    expect(authority).toBeDefined();
    const created = await b.gql<{ createServiceOrder: { id: string } }>(
      "mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id } }",
      { input: { authorityId: authority?.id, year: 2011, contractedPersonDays: "1000" } },
      manager,
    );
    expect(created.errors).toBeUndefined();
    orderId = created.data?.createServiceOrder.id as string;
    // The provider drafts, the authority's controller commissions, citing an approved decision.
    const controller = await b.login("controlling@schwerin.example");
    const approved = await a.gql<{ decisions: { edges: { node: { id: string } }[] } }>(
      "query($f: DecisionFilter) { decisions(filter: $f, first: 1) { edges { node { id } } } }",
      { f: { authorityId: authority?.id, status: ["APPROVED"] } },
      controller,
    );
    const commissioned = await a.gql<{ commissionServiceOrder: { status: string } }>(
      "mutation($input: CommissionServiceOrderInput!) { commissionServiceOrder(input: $input) { status } }",
      {
        input: {
          serviceOrderId: orderId,
          decisionId: approved.data?.decisions.edges[0]?.node.id,
          budgetLine: "1.2.1.01.54310000",
        },
      },
      controller,
    );
    expect(commissioned.errors).toBeUndefined();
    expect(commissioned.data?.commissionServiceOrder.status).toBe("ACTIVE");
    staffA = await a.login("technik@ksm.example");
    staffB = staffA;
    // Exactly one demo data set, although both instances started on the empty database at once.
    const counted = await a.gql<{ schoolAuthorities: unknown[] }>(
      "{ schoolAuthorities { id } }",
      {},
      manager,
    );
    expect(counted.data?.schoolAuthorities).toHaveLength(schwerin.data?.schoolAuthorities.length ?? -1);
    expect(a.output() + b.output()).toMatch(/Demo data/);
  });

  it("delivers a booking made on A to subscribers on B, and concurrent bookings on both in commit order, none lost or doubled", async () => {
    const controller = await b.login("controlling@schwerin.example");
    const onB = listen(b, controller, orderId);
    const onA = listen(a, controller, orderId);
    await warmUp(a, staffA, orderId, [onA, onB]);
    const beforeA = onA.updates.length;
    const beforeB = onB.updates.length;
    const countBookings = async () => {
      const r = await b.gql<{ serviceOrder: { bookings: { totalCount: number } } }>(
        "query($id: ID!) { serviceOrder(id: $id) { bookings(first: 1) { totalCount } } }",
        { id: orderId },
        controller,
      );
      expect(r.errors).toBeUndefined();
      return r.data?.serviceOrder.bookings.totalCount as number;
    };
    const bookedBefore = await countBookings();

    // 120 keys, each sent to both instances at once: 240 requests, 120 bookings.
    const keys = Array.from({ length: 120 }, (_, i) => `key-${i}`);
    const inputs = keys.map((key) => booking(orderId, `concurrent ${key}`, { idempotencyKey: key }));
    const answers = await Promise.all(
      inputs.flatMap((input) => [
        a.gql<{ recordBooking: { id: string } }>(BOOK, { input }, staffA),
        b.gql<{ recordBooking: { id: string } }>(BOOK, { input }, staffB),
      ]),
    );
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    for (let i = 0; i < keys.length; i++) {
      expect(answers[2 * i]?.data?.recordBooking.id).toBe(answers[2 * i + 1]?.data?.recordBooking.id);
    }
    const ids = new Set(answers.map((r) => r.data?.recordBooking.id));
    expect(ids.size).toBe(keys.length);

    await until(
      () => onA.updates.length >= beforeA + keys.length && onB.updates.length >= beforeB + keys.length,
      30_000,
      "all events on both instances",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const freshA = onA.updates.slice(beforeA);
    const freshB = onB.updates.slice(beforeB);
    for (const [listener, fresh] of [
      [onA, freshA],
      [onB, freshB],
    ] as const) {
      expect(listener.errors).toEqual([]);
      expect(fresh.map((u) => u.booking.id).sort()).toEqual([...ids].sort());
      const sequences = listener.updates.map((u) => u.booking.sequence);
      expect(sequences).toEqual([...sequences].sort((x, y) => x - y));
      expect(new Set(sequences).size).toBe(sequences.length);
    }
    // Both instances deliver the same bookings in the same (commit) order.
    expect(freshA.map((u) => u.booking.id)).toEqual(freshB.map((u) => u.booking.id));
    expect(await countBookings()).toBe(bookedBefore + keys.length);
  });

  it("loses no event while Redis restarts", async () => {
    const controller = await b.login("controlling@schwerin.example");
    const onB = listen(b, controller, orderId);
    await warmUp(b, staffB, orderId, [onB]);
    const before = onB.updates.length;
    let booked = 0;
    let stop = false;
    const writer = (async () => {
      while (!stop) {
        const r = await a.gql(BOOK, { input: booking(orderId, `during restart ${booked}`) }, staffA);
        expect(r.errors).toBeUndefined();
        booked++;
      }
    })();
    await until(() => booked >= 20, 30_000, "bookings before the restart");
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await redis.start();
    await until(() => booked >= 60, 60_000, "bookings after the restart");
    stop = true;
    await writer;
    await until(() => onB.updates.length >= before + booked, 30_000, "all events delivered");
    const descriptions = onB.updates.slice(before).map((u) => u.booking.description);
    expect(descriptions).toEqual(Array.from({ length: booked }, (_, i) => `during restart ${i}`));
  });

  it("lets user:add and db:migrate run beside the serving instances", async () => {
    const cli = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, ["--import", "tsx", ...args], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: database.url, ...env },
        encoding: "utf8",
      });
    const migrate = cli(["server/db/migrate-cli.ts", "deploy"]);
    expect(migrate.stderr).toBe("");
    expect(migrate.stdout).toMatch(/up to date/);
    const add = cli(
      [
        "server/modules/organisations/user-add-cli.ts",
        "--email",
        "zweite@ksm.example",
        "--name",
        "Zweite",
      ].concat(["--role", "PROVIDER_STAFF", "--provider", "KSM"]),
      { HUB_PASSWORD: "ein-sicheres-passwort" },
    );
    expect(add.stderr).toBe("");
    expect(add.stdout).toMatch(/Created zweite@ksm\.example/);
    const token = await b.login("zweite@ksm.example", "ein-sicheres-passwort");
    const r = await a.gql(BOOK, { input: booking(orderId, "by the new colleague") }, token);
    expect(r.errors).toBeUndefined();
  });

  it("keeps serving on B, with its subscribers receiving, after A is killed", async () => {
    const controller = await b.login("controlling@schwerin.example");
    const onB = listen(b, controller, orderId);
    await warmUp(b, staffB, orderId, [onB]);
    a.child.kill("SIGKILL");
    await a.exited;
    const before = onB.updates.length;
    for (let i = 0; i < 10; i++) {
      const r = await b.gql(BOOK, { input: booking(orderId, `after A ${i}`) }, staffB);
      expect(r.errors).toBeUndefined();
    }
    await until(() => onB.updates.length >= before + 10, 30_000, "events after A died");
    expect(onB.updates.slice(before).map((u) => u.booking.description)).toEqual(
      Array.from({ length: 10 }, (_, i) => `after A ${i}`),
    );
    const ready = await fetch(`${b.url}/readyz`);
    expect(ready.status).toBe(200);
  });
});
