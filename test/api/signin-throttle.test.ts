// Sign-in throttling as a guesser meets it: attempts are counted before the password is checked,
// so a parallel burst gets no further than a sequence; waits grow with every further failure; the
// owner at their usual address still gets in; and every instance sees the same counts.
// Requests come from addresses of their own (127.0.0.x), so the tests do not share counts.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, startHub, type TestHub } from "../helpers/hub.ts";
import { type HubProcess, startHubProcess } from "../helpers/processes.ts";

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.close());

interface LoginResult {
  token: string | null;
  code: unknown;
  message: string | undefined;
  retryAfterSeconds: number | undefined;
}

/** `login` over its own connection from `address`, as a client there would send it. */
function loginFrom(address: string, email: string, password: string, url = hub.url): Promise<LoginResult> {
  const body = JSON.stringify({
    query: "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
    variables: { e: email, p: password },
  });
  const target = new URL(`${url}/graphql`);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        localAddress: address,
        agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () => {
          const result = JSON.parse(text) as {
            data?: { login: { token: string } } | null;
            errors?: { message: string; extensions?: Record<string, unknown> }[];
          };
          const error = result.errors?.[0];
          resolve({
            token: result.data?.login.token ?? null,
            code: error?.extensions?.code,
            message: error?.message,
            retryAfterSeconds: error?.extensions?.retryAfterSeconds as number | undefined,
          });
        });
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** Failed sign-ins whose password was checked: each one is audited, a refused attempt is not. */
function checkedFailures(): Promise<number> {
  return hub.db.read.auditEntry.count({ where: { action: "LOGIN_FAILED" } });
}

/** Lets every current wait run out, as if the guesser had waited; the counts stay. */
async function letWaitsPass(): Promise<void> {
  await hub.db.transact((tx) =>
    tx.signInThrottle.updateMany({ data: { lockedUntil: new Date(Date.now() - 1000) } }),
  );
}

describe("sign-in throttling", () => {
  it("checks the password of only the allowed number of 200 parallel attempts and refuses the rest with the wait", async () => {
    const before = await checkedFailures();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        loginFrom("127.0.0.11", "schulverwaltung@schwerin.example", `falsch-${i}`),
      ),
    );
    const checked = (await checkedFailures()) - before;
    const allowed = hub.app.signIn.throttles.pairs.policy.freeFailures + 1;
    expect(checked).toBe(allowed);
    expect(results.every((r) => r.token === null && r.code === "UNAUTHENTICATED")).toBe(true);
    const refused = results.filter((r) => r.retryAfterSeconds !== undefined);
    expect(refused).toHaveLength(200 - allowed);
    for (const r of refused) {
      expect(r.retryAfterSeconds).toBeGreaterThan(0);
      expect(r.message).toMatch(/^Zu viele fehlgeschlagene Anmeldeversuche\. .* \d+ Sekunden erneut\.$/);
    }
  });

  it("makes a guesser wait longer after each further failure, up to 15 minutes", async () => {
    const guess = (password: string) => loginFrom("127.0.0.12", "gebaeude@schwerin.example", password);
    for (let i = 0; i < 5; i++) expect((await guess(`falsch-${i}`)).retryAfterSeconds).toBeUndefined();
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      expect((await guess(`noch-falsch-${i}`)).message).toBe("E-Mail-Adresse oder Passwort ist falsch.");
      const refused = await guess(DEMO_PASSWORD);
      expect(refused.token).toBeNull();
      waits.push(refused.retryAfterSeconds ?? 0);
      await letWaitsPass();
    }
    const expected = [30, 60, 120, 240, 480, 900, 900, 900];
    // A slow machine takes a few seconds off a wait, never adds to one.
    waits.forEach((wait, i) => {
      expect(wait).toBeLessThanOrEqual(expected[i] as number);
      expect(wait).toBeGreaterThan((expected[i] as number) - 5);
    });
    const last = await guess("falsch");
    expect(last.message).toBe("E-Mail-Adresse oder Passwort ist falsch.");
    expect((await guess("falsch")).message).toMatch(/in 15 Minuten erneut\.$/);
  });

  it("lets the owner in from their usual address after a guesser's 50 failures from another", async () => {
    const owner = "controlling@schwerin.example";
    expect((await loginFrom("127.0.0.21", owner, DEMO_PASSWORD)).token).toBeTruthy();

    const before = await checkedFailures();
    for (let i = 0; i < 50; i++) {
      await letWaitsPass();
      const r = await loginFrom("127.0.0.22", owner, `geraten-${i}`);
      expect(r.message).toBe("E-Mail-Adresse oder Passwort ist falsch.");
    }
    expect((await checkedFailures()) - before).toBe(50);

    // The guesser waits, even with the right password; so does any other new address.
    for (const address of ["127.0.0.22", "127.0.0.23"]) {
      const refused = await loginFrom(address, owner, DEMO_PASSWORD);
      expect(refused.token).toBeNull();
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    }
    // The owner at their usual address does not.
    const token = (await loginFrom("127.0.0.21", owner, DEMO_PASSWORD)).token;
    expect(token).toBeTruthy();
    expect((await hub.gql("{ me { email } }", {}, token)).data).toEqual({ me: { email: owner } });
  });

  it("forgives the owner's own mistakes at a place once they get the password right there", async () => {
    const owner = "schul-it@schwerin.example";
    for (let i = 0; i < 5; i++) await loginFrom("127.0.0.24", owner, `vertippt-${i}`);
    expect((await loginFrom("127.0.0.24", owner, DEMO_PASSWORD)).token).toBeTruthy();
    for (let i = 0; i < 5; i++)
      expect((await loginFrom("127.0.0.24", owner, `vertippt-${i}`)).retryAfterSeconds).toBeUndefined();
  });

  it("stores the usual addresses only as hashes", async () => {
    const rows = await hub.db.read.signInOrigin.findMany({ select: { key: true } });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.key).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("two instances on one database", () => {
  let second: HubProcess;
  beforeAll(async () => {
    second = await startHubProcess({ DATABASE_URL: hub.config.databaseUrl, SEED_DEMO: "false" });
  });
  afterAll(async () => {
    second?.child.kill("SIGTERM");
    await second?.exited;
  });

  it("share the counts: a burst spread over both is checked no more often than on one", async () => {
    const before = await checkedFailures();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        loginFrom("127.0.0.31", "technik@ksm.example", `falsch-${i}`, i % 2 ? second.url : hub.url),
      ),
    );
    expect((await checkedFailures()) - before).toBe(hub.app.signIn.throttles.pairs.policy.freeFailures + 1);
    expect(results.filter((r) => r.retryAfterSeconds !== undefined)).toHaveLength(
      100 - (hub.app.signIn.throttles.pairs.policy.freeFailures + 1),
    );
    for (const url of [hub.url, second.url]) {
      const refused = await loginFrom("127.0.0.31", "technik@ksm.example", DEMO_PASSWORD, url);
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    }
  });

  it("share the usual addresses: a sign-in on one makes the address usual on the other", async () => {
    const owner = "servicemanager@ksm.example";
    expect((await loginFrom("127.0.0.32", owner, DEMO_PASSWORD, second.url)).token).toBeTruthy();
    for (let i = 0; i < 25; i++) {
      await letWaitsPass();
      await loginFrom("127.0.0.33", owner, `geraten-${i}`, second.url);
    }
    expect((await loginFrom("127.0.0.34", owner, DEMO_PASSWORD, hub.url)).retryAfterSeconds).toBeGreaterThan(
      0,
    );
    expect((await loginFrom("127.0.0.32", owner, DEMO_PASSWORD, hub.url)).token).toBeTruthy();
  });
});
