import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, startHub, type TestHub } from "../helpers/hub.ts";

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.close());

const ME = "{ me { email name roles authority { name } school { name } } }";

describe("sign-in", () => {
  it("returns a token and the person, and `me` answers with that token", async () => {
    const result = await hub.gql<{
      login: { token: string; expiresAt: string; user: { email: string; roles: string[] } };
    }>(
      'mutation { login(email: "schul-it@schwerin.example", password: "demo-passwort") { token expiresAt user { email roles } } }',
    );
    expect(result.errors).toBeUndefined();
    const login = result.data?.login;
    expect(login?.token).toMatch(/^[\w-]{40,}$/);
    expect(login?.user).toEqual({
      email: "schul-it@schwerin.example",
      roles: ["SCHOOL_IT_OFFICER", "STEERING_MEMBER"],
    });
    const hours = (Date.parse(login?.expiresAt ?? "") - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);

    const me = await hub.gql(ME, {}, login?.token);
    expect(me.data?.me).toEqual({
      email: "schul-it@schwerin.example",
      name: "Katrin Möller",
      roles: ["SCHOOL_IT_OFFICER", "STEERING_MEMBER"],
      authority: { name: "Landeshauptstadt Schwerin" },
      school: null,
    });
  });

  it("accepts the e-mail address in any case", async () => {
    await expect(hub.login("Controlling@Schwerin.Example")).resolves.toBeTruthy();
  });

  it("stores only a hash of the token", async () => {
    const token = await hub.login("gebaeude@schwerin.example");
    const sessions = await hub.db.read.session.findMany({ select: { tokenHash: true } });
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.some((s) => s.tokenHash === token || s.tokenHash.includes(token))).toBe(false);
  });

  it("refuses a wrong password with UNAUTHENTICATED and the same message as an unknown account", async () => {
    const wrong = await hub.gql(
      'mutation { login(email: "schulverwaltung@schwerin.example", password: "falsch") { token } }',
    );
    const unknown = await hub.gql(
      'mutation { login(email: "niemand@schwerin.example", password: "falsch") { token } }',
    );
    expect(codes(wrong)).toEqual(["UNAUTHENTICATED"]);
    expect(codes(unknown)).toEqual(["UNAUTHENTICATED"]);
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
    expect(wrong.data).toBeNull();
  });

  it("`me` is null without a token and with an unknown token", async () => {
    expect((await hub.gql(ME)).data).toEqual({ me: null });
    expect((await hub.gql(ME, {}, "not-a-token")).data).toEqual({ me: null });
  });

  it("sets an HttpOnly session cookie that authenticates later requests", async () => {
    const response = await fetch(`${hub.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query:
          'mutation { login(email: "controlling@schwerin.example", password: "demo-passwort") { token } }',
      }),
    });
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^hub_session=[\w-]+;/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(";")[0] ?? "";
    const me = await fetch(`${hub.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ query: "{ me { email } }" }),
    });
    expect(await me.json()).toEqual({ data: { me: { email: "controlling@schwerin.example" } } });
  });
});

describe("sessions", () => {
  it("logout revokes the token at once", async () => {
    const token = await hub.login("schulverwaltung@schwerin.example");
    expect((await hub.gql("{ me { email } }", {}, token)).data?.me).toBeTruthy();
    const out = await hub.gql("mutation { logout }", {}, token);
    expect(out.data).toEqual({ logout: true });
    expect((await hub.gql("{ me { email } }", {}, token)).data).toEqual({ me: null });
    expect(codes(await hub.gql("{ schoolAuthorities { name } }", {}, token))).toEqual(["UNAUTHENTICATED"]);
    const session = await hub.db.read.session.findFirst({ where: { revokedAt: { not: null } } });
    expect(session).not.toBeNull();
  });

  it("expires after 8 hours without use", async () => {
    const token = await hub.login("gebaeude@schwerin.example");
    await setLastSeen(token, -8 * 60 - 1);
    expect((await hub.gql("{ me { email } }", {}, token)).data).toEqual({ me: null });
  });

  it("stays valid while used within 8 hours, and refreshes its idle clock", async () => {
    const token = await hub.login("gebaeude@schwerin.example");
    await setLastSeen(token, -7 * 60);
    expect((await hub.gql("{ me { email } }", {}, token)).data?.me).toEqual({
      email: "gebaeude@schwerin.example",
    });
    const session = await sessionOf(token);
    expect(Date.now() - session.lastSeenAt.getTime()).toBeLessThan(60_000);
  });

  it("expires 24 hours after sign-in however much it is used", async () => {
    const token = await hub.login("gebaeude@schwerin.example");
    const session = await sessionOf(token);
    await hub.db.transact((tx) =>
      tx.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } }),
    );
    expect((await hub.gql("{ me { email } }", {}, token)).data).toEqual({ me: null });
  });
});

describe("throttling", () => {
  it("locks an account at an address after five failures, even for the right password, and says how long", async () => {
    const email = "controlling@parchim.example";
    for (let i = 0; i < 5; i++) {
      const r = await hub.gql(`mutation { login(email: "${email}", password: "falsch-${i}") { token } }`);
      expect(r.errors?.[0]?.extensions?.retryAfterSeconds).toBeUndefined();
    }
    await hub.gql(`mutation { login(email: "${email}", password: "falsch") { token } }`);
    const locked = await hub.gql(
      `mutation { login(email: "${email}", password: "demo-passwort") { token } }`,
    );
    expect(codes(locked)).toEqual(["UNAUTHENTICATED"]);
    expect(locked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.errors?.[0]?.message).toMatch(/Zu viele/);
    // Other accounts from the same address are not locked by it.
    await expect(hub.login("technik@ksm.example")).resolves.toBeTruthy();
  });

  it("locks an address after 30 failures across accounts", async () => {
    await forgetAddress(); // forget the failures of earlier tests
    for (let i = 0; i < 30; i++) {
      const r = await hub.gql(
        `mutation { login(email: "unbekannt-${i}@example.org", password: "x") { token } }`,
      );
      expect(r.errors?.[0]?.extensions?.retryAfterSeconds).toBeUndefined();
    }
    await hub.gql('mutation { login(email: "unbekannt@example.org", password: "x") { token } }');
    const refused = await hub.gql(
      'mutation { login(email: "technik@ksm.example", password: "demo-passwort") { token } }',
    );
    expect(codes(refused)).toEqual(["UNAUTHENTICATED"]);
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBe(30);
    await forgetAddress();
    await expect(hub.login("technik@ksm.example")).resolves.toBeTruthy();
  });

  it("doubles the lock with each further failure and forgets it afterwards", async () => {
    const { Throttle } = await import("../../server/modules/organisations/throttle.ts");
    const throttle = new Throttle("k", {
      freeFailures: 2,
      baseLockMs: 1000,
      maxLockMs: 3000,
      windowMs: 10_000,
    });
    let entry = throttle.next(throttle.next(null, 0), 0);
    expect(throttle.wait(entry, 0)).toBe(0);
    entry = throttle.next(entry, 0);
    expect(throttle.wait(entry, 0)).toBe(1000);
    entry = throttle.next(entry, 0);
    expect(throttle.wait(entry, 0)).toBe(2000);
    entry = throttle.next(throttle.next(entry, 0), 0);
    expect(throttle.wait(entry, 0)).toBe(3000);
    expect(throttle.wait(entry, 20_000)).toBe(0);
    expect(throttle.next(entry, 20_000).failures).toBe(1);
  });

  it("keeps the counts in the database, under a hash of the key", async () => {
    const email = `${"x".repeat(5000)}@example.org`;
    await hub.gql(`mutation { login(email: "${email}", password: "x") { token } }`);
    const rows = await hub.db.read.signInThrottle.findMany({ select: { key: true } });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.key).toMatch(/^[0-9a-f]{64}$/);
    expect(await hub.app.signIn.throttles.accounts.retryAfter(hub.db.read, email)).toBe(0);
    await forgetAddress();
  });
});

async function forgetAddress() {
  await hub.db.transact((tx) => hub.app.signIn.throttles.addresses.reset(tx, "127.0.0.1"));
}

async function sessionOf(token: string) {
  const { hashToken } = await import("../../server/modules/organisations/auth.ts");
  return hub.db.read.session.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
}

async function setLastSeen(token: string, minutesFromNow: number) {
  const session = await sessionOf(token);
  await hub.db.transact((tx) =>
    tx.session.update({
      where: { id: session.id },
      data: { lastSeenAt: new Date(Date.now() + minutesFromNow * 60_000) },
    }),
  );
}
