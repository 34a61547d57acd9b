// Subscriptions cost once per event, not once per subscriber, and WebSockets are bounded: per
// connection, per person, per address, anonymous only briefly, and never beyond their session.
import { type Client, createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { loadConfig } from "../../server/config.ts";
import { hashToken } from "../../server/modules/organisations/auth.ts";
import { authorityGid, book, createOrder, PARCHIM, SCHWERIN } from "../helpers/controlling.ts";
import { collect, gid, startHub, type TestHub, until } from "../helpers/hub.ts";

interface Connection {
  client: Client;
  /** "connected", or the close code if the hub closed it first. */
  outcome: Promise<"connected" | number>;
  /** The close code and reason, once closed. */
  closed: Promise<{ code: number; reason: string }>;
}

/** A graphql-ws connection that reports how it was acknowledged and how it ended. */
function connect(hub: TestHub, token: string | null): Connection {
  let settle: (value: "connected" | number) => void = () => {};
  let close: (value: { code: number; reason: string }) => void = () => {};
  const outcome = new Promise<"connected" | number>((resolve) => {
    settle = resolve;
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    close = resolve;
  });
  const client = createClient({
    url: hub.wsUrl,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: {
      connected: () => settle("connected"),
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        settle(code);
        close({ code, reason: String(reason) });
      },
    },
  });
  return { client, outcome, closed };
}

async function disconnect(hub: TestHub, connections: Connection[]): Promise<void> {
  await Promise.all(connections.map((c) => c.client.dispose()));
  await until(() => hub.app.sockets.open === 0);
}

const SCHOOLS = "subscription($id: ID!) { schoolUpdated(authorityId: $id) { name } }";

describe("configuration", () => {
  it("has the documented defaults", () => {
    expect(loadConfig({})).toMatchObject({
      wsMaxConnectionsPerAddress: 50,
      wsMaxConnectionsPerPerson: 10,
      wsMaxSubscriptionsPerConnection: 20,
      wsAnonymousGraceMs: 10_000,
    });
  });
});

describe("limits", () => {
  let hub: TestHub;
  let schwerin: string;
  beforeAll(async () => {
    hub = await startHub({
      config: { wsMaxConnectionsPerAddress: 12, wsAnonymousGraceMs: 1000, sessionIdleMinutes: 1 },
    });
    schwerin = await authorityGid(hub, SCHWERIN);
  });
  afterAll(() => hub.close());

  it("refuses the 21st subscription of a connection with a German BAD_USER_INPUT, and takes one after another ends", async () => {
    const officer = await hub.login("schul-it@schwerin.example");
    const connection = connect(hub, officer);
    expect(await connection.outcome).toBe("connected");
    const errors: unknown[] = [];
    const stops = Array.from({ length: 20 }, () =>
      connection.client.subscribe(
        { query: SCHOOLS, variables: { id: schwerin } },
        { next: () => {}, error: (e) => errors.push(e), complete: () => {} },
      ),
    );
    await until(() => hub.app.fanout.subscribers === 20);
    const refused = await collect(connection.client, SCHOOLS, { id: schwerin }, 1);
    expect(refused.results).toEqual([]);
    expect(refused.errors.flat()).toEqual([
      expect.objectContaining({
        message: "Höchstens 20 Abonnements je Verbindung. Beenden Sie zuerst ein anderes Abonnement.",
        extensions: { code: "BAD_USER_INPUT" },
      }),
    ]);
    expect(hub.app.fanout.subscribers).toBe(20);
    stops[0]?.();
    await until(() => hub.app.fanout.subscribers === 19);
    stops.push(
      connection.client.subscribe(
        { query: SCHOOLS, variables: { id: schwerin } },
        { next: () => {}, error: (e) => errors.push(e), complete: () => {} },
      ),
    );
    await until(() => hub.app.fanout.subscribers === 20);
    expect(errors).toEqual([]);
    for (const stop of stops) stop();
    await disconnect(hub, [connection]);
  });

  it("closes a person's 11th connection with 4429; others, and the person after one ends, still connect", async () => {
    const staff = await hub.login("technik@ksm.example");
    const own = Array.from({ length: 10 }, () => connect(hub, staff));
    expect(await Promise.all(own.map((c) => c.outcome))).toEqual(Array(10).fill("connected"));
    // Another session of the same person counts too.
    const eleventh = connect(hub, await hub.login("technik@ksm.example"));
    expect(await eleventh.outcome).toBe(4429);
    expect((await eleventh.closed).reason).toBe("Zu viele Verbindungen für diese Person.");
    const other = connect(hub, await hub.login("servicemanager@ksm.example"));
    expect(await other.outcome).toBe("connected");
    await until(() => hub.app.sockets.open === 11);
    await own[0]?.client.dispose();
    await until(() => hub.app.sockets.open === 10);
    const again = connect(hub, staff);
    expect(await again.outcome).toBe("connected");
    await disconnect(hub, [...own, eleventh, other, again]);
  });

  it("closes the 13th connection from one address with 4429 and anonymous ones after the grace with 4401", async () => {
    const anonymous = Array.from({ length: 12 }, () => connect(hub, null));
    expect(await Promise.all(anonymous.map((c) => c.outcome))).toEqual(Array(12).fill("connected"));
    const started = Date.now();
    const thirteenth = connect(hub, await hub.login("servicemanager@ksm.example"));
    expect(await thirteenth.outcome).toBe(4429);
    expect((await thirteenth.closed).reason).toBe("Zu viele Verbindungen von dieser Adresse.");
    const closed = await Promise.all(anonymous.map((c) => c.closed));
    expect(closed.map((c) => c.code)).toEqual(Array(12).fill(4401));
    expect(closed[0]?.reason).toBe("Bitte melden Sie sich an.");
    expect(Date.now() - started).toBeLessThan(5000);
    await disconnect(hub, [...anonymous, thirteenth]);
  });

  it("keeps a signed-in connection beyond the grace, and one that never initialises is closed", async () => {
    const signedIn = connect(hub, await hub.login("servicemanager@ksm.example"));
    expect(await signedIn.outcome).toBe("connected");
    const silent = new WebSocket(hub.wsUrl, "graphql-transport-ws");
    const silentClosed = new Promise<number>((resolve) => silent.once("close", resolve));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(hub.app.sockets.open).toBeGreaterThanOrEqual(1);
    const seen = collect<{ schoolUpdated: { name: string } }>(signedIn.client, SCHOOLS, { id: schwerin }, 1);
    await until(() => hub.app.fanout.subscribers === 1);
    const school = await hub.db.read.school.findFirstOrThrow({ where: { authority: { name: SCHWERIN } } });
    const manager = await hub.login("servicemanager@ksm.example");
    const renamed = await hub.gql(
      'mutation($id: ID!) { updateSchool(input: { schoolId: $id, name: "Nach der Schonfrist" }) { name } }',
      { id: gid("School", school.id) },
      manager,
    );
    expect(renamed.errors).toBeUndefined();
    expect((await seen).results).toEqual([{ schoolUpdated: { name: "Nach der Schonfrist" } }]);
    expect([4401, 4408]).toContain(await silentClosed);
    await disconnect(hub, [signedIn]);
  });

  it("closes a connection with 4401 once its session has been idle too long, unless use moved it on", async () => {
    const idle = await hub.login("controlling@schwerin.example");
    const used = await hub.login("controlling@schwerin.example");
    // Idle for 57 of the 60 seconds this hub allows: still valid when the socket opens.
    const lastSeenAt = new Date(Date.now() - 57_000);
    for (const token of [idle, used]) {
      await hub.db.transact((tx) =>
        tx.session.update({ where: { tokenHash: hashToken(token) }, data: { lastSeenAt } }),
      );
    }
    const started = Date.now();
    const idleConnection = connect(hub, idle);
    const usedConnection = connect(hub, used);
    expect(await idleConnection.outcome).toBe("connected");
    expect(await usedConnection.outcome).toBe("connected");
    // Use over HTTP moves lastSeenAt, as any request with the token does.
    await hub.db.transact((tx) =>
      tx.session.update({ where: { tokenHash: hashToken(used) }, data: { lastSeenAt: new Date() } }),
    );
    const closed = await idleConnection.closed;
    expect(closed).toEqual({ code: 4401, reason: "Die Sitzung ist beendet." });
    expect(Date.now() - started).toBeLessThan(8000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const stillOpen = await Promise.race([
      usedConnection.closed.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 100)),
    ]);
    expect(stillOpen).toBe(true);
    await disconnect(hub, [idleConnection, usedConnection]);
  });
});

describe("fan-out", () => {
  let hub: TestHub;
  let schwerinOrder: string;
  let parchimOrder: string;
  /** Ten controllers of Schwerin alike: the same roles, authority, and no steering group. */
  const controllers: string[] = [];

  const BURNDOWN = `subscription($id: ID!) { serviceOrderBurndown(serviceOrderId: $id) {
    consumedPersonDays booking { id personDays } serviceOrder { id consumedPersonDays }
  } }`;
  type Update = {
    serviceOrderBurndown: {
      consumedPersonDays: string;
      booking: { id: string; personDays: string };
      serviceOrder: { id: string; consumedPersonDays: string };
    };
  };

  beforeAll(async () => {
    hub = await startHub({ config: { wsMaxConnectionsPerAddress: 200 } });
    const template = await hub.db.read.user.findUniqueOrThrow({
      where: { email: "controlling@parchim.example" },
    });
    const authority = await hub.db.read.schoolAuthority.findUniqueOrThrow({ where: { name: SCHWERIN } });
    await hub.db.transact(async (tx) => {
      for (let i = 0; i < 10; i++) {
        await tx.user.create({
          data: {
            email: `controlling-${i}@schwerin.example`,
            name: `Controlling ${i}`,
            passwordHash: template.passwordHash,
            authorityId: authority.id,
            roles: { create: [{ role: "CONTROLLER" }] },
          },
        });
      }
    });
    for (let i = 0; i < 10; i++) controllers.push(await hub.login(`controlling-${i}@schwerin.example`));
    const manager = await hub.login("servicemanager@ksm.example");
    // Orders of a past year: the plan is spent, so small bookings never raise an alert.
    schwerinOrder = await createOrder(hub, manager, {
      authorityId: await authorityGid(hub, SCHWERIN),
      year: 2015,
      contractedPersonDays: "1000",
    });
    parchimOrder = await createOrder(hub, manager, {
      authorityId: await authorityGid(hub, PARCHIM),
      year: 2015,
      contractedPersonDays: "1000",
    });
  });
  afterAll(() => hub.close());

  /** Subscribes `count` times on `client`; every result goes to `onResult`. */
  function subscribeMany(
    client: Client,
    count: number,
    variables: Record<string, unknown>,
    onResult: (value: Update | null, errors: unknown) => void,
  ): (() => void)[] {
    return Array.from({ length: count }, () =>
      client.subscribe<Update>(
        { query: BURNDOWN, variables },
        {
          next: (value) => onResult((value.data as Update | undefined) ?? null, value.errors ?? null),
          error: (error) => onResult(null, error),
          complete: () => {},
        },
      ),
    );
  }

  /** Books on the order and counts the SQL statements until `delivered` holds; also the worst /healthz wait meanwhile. */
  async function bookAndWait(order: string, day: number, delivered: () => boolean) {
    let probing = true;
    let worst = 0;
    const probe = (async () => {
      while (probing) {
        const started = performance.now();
        await fetch(`${hub.url}/healthz`).then((r) => r.text());
        worst = Math.max(worst, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    // A fresh session: an older one would be touched by the booking's request, one more statement.
    const staff = await hub.login("technik@ksm.example");
    const resolutions = hub.app.fanout.resolutions;
    const { count } = await hub.db.countQueries(async () => {
      await book(hub, staff, {
        serviceOrderId: order,
        date: `2015-06-${String(day).padStart(2, "0")}`,
        personDays: "1",
      });
      await until(delivered, 60_000);
    });
    probing = false;
    await probe;
    return { queries: count, resolutions: hub.app.fanout.resolutions - resolutions, worstHealthzMs: worst };
  }

  it("resolves a booking once for 2,000 subscribers who share operation, variables and access", async () => {
    const received: Update[] = [];
    const errors: unknown[] = [];
    const onResult = (value: Update | null, error: unknown) => {
      if (value) received.push(value);
      if (error) errors.push(error);
    };
    const clients: Client[] = [];
    const open = () => {
      const client = hub.ws(controllers[clients.length % 10]);
      clients.push(client);
      return client;
    };
    subscribeMany(open(), 1, { id: schwerinOrder }, onResult);
    await until(
      () => hub.app.fanout.subscribers === 1 && hub.app.events.listenerCount("bookingRecorded") === 1,
    );
    const one = await bookAndWait(schwerinOrder, 1, () => received.length === 1);

    for (let i = 0; i < 100; i++)
      subscribeMany(
        i === 0 ? (clients[0] as Client) : open(),
        i === 0 ? 19 : 20,
        { id: schwerinOrder },
        onResult,
      );
    await until(() => hub.app.fanout.subscribers === 2000, 30_000);
    expect(hub.app.fanout.groupCount).toBe(1);
    expect(hub.app.events.listenerCount("bookingRecorded")).toBe(1);
    const many = await bookAndWait(schwerinOrder, 2, () => received.length === 2001);

    expect(errors).toEqual([]);
    expect(one.resolutions).toBe(1);
    expect(many.resolutions).toBe(1);
    expect(many.queries).toBe(one.queries);
    // Each event with the figures as of its own booking, not those cached from the one before.
    expect(received[0]?.serviceOrderBurndown).toMatchObject({
      consumedPersonDays: "1.00",
      serviceOrder: { consumedPersonDays: "1.00" },
    });
    const second = received.slice(1).map((r) => JSON.stringify(r));
    expect(new Set(second).size).toBe(1);
    expect(received[1]?.serviceOrderBurndown).toMatchObject({
      consumedPersonDays: "2.00",
      serviceOrder: { consumedPersonDays: "2.00" },
    });
    expect(many.worstHealthzMs).toBeLessThan(1000);
    await Promise.all(clients.map((c) => c.dispose()));
    await until(
      () => hub.app.fanout.subscribers === 0 && hub.app.events.listenerCount("bookingRecorded") === 0,
    );
  });

  it("never gives a Parchim controller a Schwerin order's update, even with the same operation", async () => {
    const schwerinSeen: Update[] = [];
    const parchimSeen: Update[] = [];
    const parchimErrors: unknown[] = [];
    subscribeMany(hub.ws(controllers[0]), 5, { id: schwerinOrder }, (v) => v && schwerinSeen.push(v));
    await until(() => hub.app.fanout.subscribers === 5 && hub.app.fanout.groupCount === 1);
    const parchim = hub.ws(await hub.login("controlling@parchim.example"));
    // The same document and variables as the Schwerin group: refused, not joined.
    const foreign = await collect(parchim, BURNDOWN, { id: schwerinOrder }, 1);
    expect(foreign.results).toEqual([]);
    expect(JSON.stringify(foreign.errors)).toMatch(/NOT_FOUND/);
    subscribeMany(parchim, 1, { id: parchimOrder }, (v, e) => {
      if (v) parchimSeen.push(v);
      if (e) parchimErrors.push(e);
    });
    await until(() => hub.app.fanout.subscribers === 6 && hub.app.fanout.groupCount === 2);
    await bookAndWait(schwerinOrder, 3, () => schwerinSeen.length === 5);
    await bookAndWait(parchimOrder, 3, () => parchimSeen.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(schwerinSeen).toHaveLength(5);
    expect(parchimSeen).toHaveLength(1);
    expect(parchimErrors).toEqual([]);
    expect(parchimSeen[0]?.serviceOrderBurndown.serviceOrder.id).toBe(parchimOrder);
    expect(new Set(schwerinSeen.map((u) => u.serviceOrderBurndown.serviceOrder.id))).toEqual(
      new Set([schwerinOrder]),
    );
  });

  it("keeps school contacts of different schools and steering members apart on escalations", async () => {
    const authority = await hub.db.read.schoolAuthority.findUniqueOrThrow({ where: { name: SCHWERIN } });
    const lankow = await hub.db.read.user.findUniqueOrThrow({ where: { email: "schule@schwerin.example" } });
    const other = await hub.db.read.school.findFirstOrThrow({
      where: { authorityId: authority.id, id: { not: lankow.schoolId as string } },
    });
    await hub.db.transact((tx) =>
      tx.user.create({
        data: {
          email: "schule-2@schwerin.example",
          name: "Andere Schule",
          passwordHash: lankow.passwordHash,
          authorityId: authority.id,
          schoolId: other.id,
          roles: { create: [{ role: "SCHOOL_CONTACT" }] },
        },
      }),
    );
    // Escalations concern schools the provider supports: both are handed over (confirmed) unless they are already.
    const manager = await hub.db.read.user.findUniqueOrThrow({
      where: { email: "servicemanager@ksm.example" },
    });
    const officerRow = await hub.db.read.user.findUniqueOrThrow({
      where: { email: "schul-it@schwerin.example" },
    });
    for (const schoolId of [other.id, lankow.schoolId as string]) {
      const handedOver = await hub.db.read.schoolHandover.count({
        where: { schoolId, confirmedAt: { not: null } },
      });
      if (handedOver > 0) continue;
      await hub.db.transact((tx) =>
        tx.schoolHandover.create({
          data: {
            schoolId,
            fromSide: "AUTHORITY_IT",
            toSide: "PROVIDER",
            handoverDate: authority.agreementStart,
            proposedById: manager.id,
            confirmedById: officerRow.id,
            confirmedAt: new Date(),
          },
        }),
      );
    }
    const query = "subscription($id: ID!) { escalationUpdated(authorityId: $id) { subject school { id } } }";
    type Seen = { escalationUpdated: { subject: string; school: { id: string } } };
    const watch = (client: Client, count: number) =>
      collect<Seen>(client, query, { id: gid("SchoolAuthority", authority.id) }, count, 4000);
    const groupsBefore = hub.app.fanout.groupCount;
    // Two each, so that one too many would show.
    const lankowSeen = watch(hub.ws(await hub.login("schule@schwerin.example")), 2);
    const otherSeen = watch(hub.ws(await hub.login("schule-2@schwerin.example")), 2);
    const steeringSeen = watch(hub.ws(await hub.login("schulverwaltung@schwerin.example")), 2);
    await until(() => hub.app.fanout.groupCount === groupsBefore + 3);
    const officer = await hub.login("schul-it@schwerin.example");
    for (const [schoolId, subject] of [
      [other.id, "Drucker der anderen Schule"],
      [lankow.schoolId as string, "WLAN in Lankow"],
    ]) {
      const r = await hub.gql(
        "mutation($input: RaiseEscalationInput!) { raiseEscalation(input: $input) { id } }",
        {
          input: {
            schoolId: gid("School", schoolId as string),
            severity: "LOW",
            subject,
            description: "Test",
          },
        },
        officer,
      );
      expect(r.errors).toBeUndefined();
    }
    const subjects = async (seen: Promise<{ results: Seen[] }>) =>
      (await seen).results.map((r) => r.escalationUpdated.subject);
    expect(await subjects(steeringSeen)).toEqual(["Drucker der anderen Schule", "WLAN in Lankow"]);
    expect(await subjects(lankowSeen)).toEqual(["WLAN in Lankow"]);
    expect(await subjects(otherSeen)).toEqual(["Drucker der anderen Schule"]);
  });
});
