// The real entry points: first start seeds, production refuses demo accounts, user:add creates people.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
// One process (no tsx wrapper), so that killing it really stops the server.
const node = (args: string[]) => [process.execPath, ["--import", "tsx", ...args]] as const;
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-start-"));
  dirs.push(dir);
  return `file:${path.join(dir, "hub.db")}`;
}

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, LOG_LEVEL: "info", ...extra };
}

/** Starts server/main.ts and resolves with its output once it listens or exits. */
function start(
  extra: Record<string, string>,
): Promise<{ output: string; code: number | null; port?: number }> {
  return new Promise((resolve) => {
    const child = spawn(...node(["server/main.ts"]), { cwd: root, env: env(extra) });
    children.push(child);
    let output = "";
    const onData = (data: Buffer) => {
      output += data.toString();
      if (output.includes("läuft auf")) resolve({ output, code: null });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => resolve({ output, code }));
  });
}

function cli(args: string[], extra: Record<string, string>) {
  return spawnSync(...node(args), { cwd: root, env: env(extra), encoding: "utf8" });
}

async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("npm start", () => {
  it("migrates and seeds an empty database on first start, then serves the demo data and the console", async () => {
    const port = await freePort();
    const started = await start({ DATABASE_URL: tempDb(), PORT: String(port), NODE_ENV: "development" });
    expect(started.output).toMatch(/Demo data: 2 providers, 16 authorities/);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toEqual({ status: "ready" });
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html lang="de">/);
  });

  it("in production seeds nothing, and refuses to start while a demo account has the demo password", async () => {
    const url = tempDb();
    const production = await start({
      DATABASE_URL: url,
      PORT: String(await freePort()),
      NODE_ENV: "production",
    });
    expect(production.output).not.toMatch(/Demo data/);
    for (const child of children.splice(0)) child.kill("SIGKILL");

    const seeded = cli(["server/db/seed-cli.ts"], { DATABASE_URL: url, NODE_ENV: "development" });
    expect(seeded.stderr + seeded.stdout).toMatch(/Demo data/);
    const refused = await start({
      DATABASE_URL: url,
      PORT: String(await freePort()),
      NODE_ENV: "production",
    });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/demo accounts with the demo password exist/);
  });

  it("db:seed refuses to run in production", () => {
    const result = cli(["server/db/seed-cli.ts"], { DATABASE_URL: tempDb(), NODE_ENV: "production" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/never created in production/);
  });
});

describe("npm run user:add", () => {
  it("creates the first provider admin on an empty database from HUB_PASSWORD, who can then sign in", async () => {
    const url = tempDb();
    const add = cli(
      [
        "server/modules/organisations/user-add-cli.ts",
        "--email",
        "it-leitung@ksm.example",
        "--name",
        "Erste Admin",
        "--role",
        "ADMIN",
        "--provider",
        "KSM Kommunalservice Mecklenburg AöR",
      ],
      { DATABASE_URL: url, HUB_PASSWORD: "ein-sicheres-passwort" },
    );
    expect(add.stderr).toBe("");
    expect(add.stdout).toMatch(/Created it-leitung@ksm\.example \(ADMIN\)/);

    const port = await freePort();
    await start({ DATABASE_URL: url, PORT: String(port), NODE_ENV: "production" });
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query:
          'mutation { login(email: "it-leitung@ksm.example", password: "ein-sicheres-passwort") { user { roles authority { name } } } }',
      }),
    });
    expect(await response.json()).toEqual({
      data: { login: { user: { roles: ["ADMIN"], authority: null } } },
    });
  });

  it("refuses a short password, an unknown role and a duplicate address with a clear message", () => {
    const url = tempDb();
    const base = [
      "server/modules/organisations/user-add-cli.ts",
      "--email",
      "a@ksm.example",
      "--name",
      "A",
      "--provider",
      "KSM",
    ];
    const short = cli([...base, "--role", "ADMIN"], { DATABASE_URL: url, HUB_PASSWORD: "kurz" });
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/mindestens 12 Zeichen/);
    const role = cli([...base, "--role", "KAISER"], {
      DATABASE_URL: url,
      HUB_PASSWORD: "lang-genug-passwort",
    });
    expect(role.stderr).toMatch(/unknown role: KAISER/);
    expect(
      cli([...base, "--role", "ADMIN"], { DATABASE_URL: url, HUB_PASSWORD: "lang-genug-passwort" }).status,
    ).toBe(0);
    const again = cli([...base, "--role", "ADMIN"], {
      DATABASE_URL: url,
      HUB_PASSWORD: "lang-genug-passwort",
    });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/bereits eine Person/);
  });
});

describe("a second process beside a running hub on the same SQLite file", () => {
  it("user:add, db:migrate and a second hub instance work while the first serves and books", async () => {
    const url = tempDb();
    const firstPort = await freePort();
    const first = await start({ DATABASE_URL: url, PORT: String(firstPort), NODE_ENV: "development" });
    expect(first.output).toMatch(/läuft auf/);
    const gqlOn = async (port: number, query: string, variables = {}, token?: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      // biome-ignore lint/suspicious/noExplicitAny: answers of several shapes, checked by the assertions
      return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
    };
    const login = async (port: number, email: string, password = "demo-passwort") =>
      (
        await gqlOn(port, "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }", {
          e: email,
          p: password,
        })
      ).data?.login?.token as string | undefined;
    const staff = await login(firstPort, "technik@ksm.example");
    const manager = await login(firstPort, "servicemanager@ksm.example");
    const authorities = await gqlOn(firstPort, "{ schoolAuthorities { id name } }", {}, manager);
    const schwerin = (
      authorities.data?.schoolAuthorities as { id: string; name: string }[] | undefined
    )?.find((a) => a.name === "Landeshauptstadt Schwerin");
    const order = await gqlOn(
      firstPort,
      "mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id } }",
      { input: { authorityId: schwerin?.id, year: 2012, contractedPersonDays: "100" } },
      manager,
    );
    const orderId = (order.data?.createServiceOrder as { id: string } | undefined)?.id;
    expect(orderId).toBeDefined();
    // The provider drafts, the authority's controller commissions, citing an approved decision.
    const controller = await login(firstPort, "controlling@schwerin.example");
    const approved = await gqlOn(
      firstPort,
      "query($f: DecisionFilter) { decisions(filter: $f, first: 1) { edges { node { id } } } }",
      { f: { authorityId: schwerin?.id, status: ["APPROVED"] } },
      controller,
    );
    const commissioned = await gqlOn(
      firstPort,
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
    expect(commissioned.data?.commissionServiceOrder?.status).toBe("ACTIVE");

    // The first hub keeps writing while the other processes do their work.
    let booked = 0;
    let stop = false;
    const failures: unknown[] = [];
    const writer = (async () => {
      while (!stop) {
        const r = await gqlOn(
          firstPort,
          "mutation($input: RecordBookingInput!) { recordBooking(input: $input) { id } }",
          {
            input: {
              serviceOrderId: orderId,
              date: "2012-03-01",
              personDays: "0.5",
              category: "Support",
              description: `beside ${booked}`,
            },
          },
          staff,
        );
        if (r.errors) {
          failures.push(r.errors);
          break;
        }
        booked++;
      }
    })();

    const migrate = spawnSync(...node(["server/db/migrate-cli.ts", "deploy"]), {
      cwd: root,
      env: env({ DATABASE_URL: url }),
      encoding: "utf8",
    });
    expect(migrate.stderr).toBe("");
    expect(migrate.stdout).toMatch(/up to date/);
    const add = cli(
      ["server/modules/organisations/user-add-cli.ts", "--email", "neu@ksm.example", "--name", "Neu"].concat([
        "--role",
        "PROVIDER_STAFF",
        "--provider",
        "KSM",
      ]),
      { DATABASE_URL: url, HUB_PASSWORD: "ein-sicheres-passwort" },
    );
    expect(add.stderr).toBe("");
    expect(add.stdout).toMatch(/Created neu@ksm\.example/);

    const secondPort = await freePort();
    const second = await start({ DATABASE_URL: url, PORT: String(secondPort), NODE_ENV: "development" });
    expect(second.output).toMatch(/läuft auf/);
    expect(second.output).not.toMatch(/Demo data/);
    const newcomer = await login(secondPort, "neu@ksm.example", "ein-sicheres-passwort");
    const onSecond = await gqlOn(
      secondPort,
      "mutation($input: RecordBookingInput!) { recordBooking(input: $input) { id } }",
      {
        input: {
          serviceOrderId: orderId,
          date: "2012-03-02",
          personDays: "1",
          category: "Support",
          description: "on the second instance",
        },
      },
      newcomer,
    );
    expect(onSecond.errors).toBeUndefined();
    stop = true;
    await writer;
    expect(failures).toEqual([]);
    expect(booked).toBeGreaterThan(0);
    const count = await gqlOn(
      secondPort,
      "query($id: ID!) { serviceOrder(id: $id) { bookings(first: 1) { totalCount } } }",
      { id: orderId },
      manager,
    );
    expect(count.data?.serviceOrder?.bookings.totalCount).toBe(booked + 1);
  });
});

describe("SIGTERM", () => {
  it("finishes requests in flight, closes WebSockets with 1012 so clients reconnect elsewhere, and exits 0", async () => {
    const port = await freePort();
    const started = await start({ DATABASE_URL: tempDb(), PORT: String(port), NODE_ENV: "development" });
    expect(started.output).toMatch(/läuft auf/);
    const child = children.at(-1);
    const { default: WebSocket } = await import("ws");
    const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, "graphql-transport-ws");
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(JSON.stringify({ type: "connection_init", payload: {} }));
    await new Promise((resolve) => socket.once("message", resolve));
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    const exited = new Promise<number | null>((resolve) => child?.once("exit", resolve));

    // Requests whose bodies are still arriving when the signal comes: they are in flight for sure.
    const body = JSON.stringify({ query: "{ me { email } }" });
    const inFlight = Array.from({ length: 4 }, async () => {
      const { request } = await import("node:http");
      return new Promise<{ data?: { me: null } }>((resolve, reject) => {
        const req = request(
          {
            host: "127.0.0.1",
            port,
            path: "/graphql",
            method: "POST",
            headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
          },
          (res) => {
            let text = "";
            res.on("data", (chunk) => (text += chunk));
            res.on("end", () => resolve(JSON.parse(text)));
          },
        );
        req.on("error", reject);
        req.write(body.slice(0, 10));
        setTimeout(() => req.end(body.slice(10)), 500);
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    child?.kill("SIGTERM");
    const answers = await Promise.all(inFlight);
    expect(answers).toEqual(Array.from({ length: 4 }, () => ({ data: { me: null } })));
    expect(await closed).toBe(1012);
    expect(await exited).toBe(0);
  });
});
