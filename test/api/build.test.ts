// `npm start` without a TypeScript loader: the hub and its production CLIs bundled into
// dist/server (scripts/build-server.mjs), run by plain node with source maps.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const dist = path.join(root, "dist/server");
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-build-"));
  dirs.push(dir);
  return `file:${path.join(dir, "hub.db")}`;
}

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  // No loader: whatever NODE_OPTIONS the test runner has must not reach the built server.
  const { NODE_OPTIONS: _, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: "info", NODE_ENV: "development", ...extra };
}

/** Plain node, source maps on, as `npm start` runs it. */
const built = (file: string, args: string[] = []) => [
  process.execPath,
  ["--enable-source-maps", path.join(dist, file), ...args],
];

async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function start(extra: Record<string, string>): Promise<{ output: string; code: number | null }> {
  const [command, args] = built("main.js") as [string, string[]];
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: os.tmpdir(), env: env(extra) });
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

beforeAll(() => {
  const build = spawnSync(process.execPath, [path.join(root, "scripts/build-server.mjs")], {
    cwd: root,
    encoding: "utf8",
  });
  expect(build.stderr).toBe("");
  expect(build.status).toBe(0);
}, 120_000);

describe("the built server (dist/server)", () => {
  it("is plain JavaScript with source maps, and rebuilds only when a source changed", () => {
    for (const file of ["main.js", "migrate-cli.js", "user-add-cli.js"]) {
      expect(fs.readFileSync(path.join(dist, file), "utf8")).toMatch(
        /\/\/# sourceMappingURL=.+\.js\.map\s*$/,
      );
    }
    const map = JSON.parse(fs.readFileSync(path.join(dist, "main.js.map"), "utf8")) as { sources: string[] };
    expect(map.sources).toContain("../../server/main.ts");
    const again = spawnSync(process.execPath, [path.join(root, "scripts/build-server.mjs")], {
      cwd: root,
      encoding: "utf8",
    });
    expect(again.status).toBe(0);
    expect(again.stdout).not.toMatch(/Building the server/);
  });

  it("migrates with the built CLI, adds a person with it, starts from any folder and signs her in over HTTP", async () => {
    const url = tempDb();
    const [node, migrateArgs] = built("migrate-cli.js", ["deploy"]) as [string, string[]];
    // From another working directory: the migrations and the schema engine are found by the bundle itself.
    const migrate = spawnSync(node, migrateArgs, {
      cwd: os.tmpdir(),
      env: env({ DATABASE_URL: url }),
      encoding: "utf8",
    });
    expect(migrate.stderr).toBe("");
    expect(migrate.stdout).toMatch(/Applied \d+ migration\(s\)\./);

    const [, addArgs] = built("user-add-cli.js", [
      "--email",
      "it-leitung@ksm.example",
      "--name",
      "Erste Admin",
      "--role",
      "ADMIN",
      "--provider",
      "KSM Kommunalservice Mecklenburg AöR",
    ]) as [string, string[]];
    const add = spawnSync(node, addArgs, {
      cwd: os.tmpdir(),
      env: env({ DATABASE_URL: url, HUB_PASSWORD: "ein-sicheres-passwort" }),
      encoding: "utf8",
    });
    expect(add.stderr).toBe("");
    expect(add.stdout).toMatch(/Created it-leitung@ksm\.example \(ADMIN\)/);

    const port = await freePort();
    const started = await start({ DATABASE_URL: url, PORT: String(port) });
    expect(started.code).toBeNull();
    expect(started.output).not.toMatch(/Migrations applied|Demo data/);
    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: "ready" });
    const login = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query:
          'mutation { login(email: "it-leitung@ksm.example", password: "ein-sicheres-passwort") { token user { name roles } } }',
      }),
    });
    const signedIn = (await login.json()) as {
      data: { login: { token: string; user: { name: string; roles: string[] } } };
    };
    expect(signedIn.data.login.user).toEqual({ name: "Erste Admin", roles: ["ADMIN"] });
    const me = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${signedIn.data.login.token}` },
      body: JSON.stringify({ query: "{ me { email } }" }),
    });
    expect(await me.json()).toEqual({ data: { me: { email: "it-leitung@ksm.example" } } });
    // The console is looked up next to the sources (admin/dist), not next to the bundle.
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(fs.existsSync(path.join(root, "admin/dist/index.html")) ? 200 : 503);
  }, 120_000);

  it("names the TypeScript source line of a thrown error in its stack trace", async () => {
    const failed = await start({
      DATABASE_URL: tempDb(),
      PORT: String(await freePort()),
      SESSION_IDLE_MINUTES: "abc",
    });
    expect(failed.code).toBe(1);
    expect(failed.output).toMatch(/SESSION_IDLE_MINUTES must be a non-negative integer/);
    expect(failed.output).toMatch(/at int \(\S*server\/config\.ts:\d+:\d+\)/);
    expect(failed.output).toMatch(/at loadConfig \(\S*server\/config\.ts:\d+:\d+\)/);
    expect(failed.output).not.toMatch(/dist\/server\/[\w-]+\.js:\d+/);
  }, 60_000);
});
