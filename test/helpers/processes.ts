// Real hub processes (server/main.ts) and a Redis server of a test's own, for the tests of
// several instances and of processes beside a running hub.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";

export const root = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface HubProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  login(email: string, password?: string): Promise<string>;
  ws(token: string): Client;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** Starts server/main.ts (one node process, no wrapper, so signals reach the server itself). */
export function startHubProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<HubProcess> {
  return freePort().then(
    (port) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
          cwd: root,
          env: { ...process.env, LOG_LEVEL: "info", NODE_ENV: "development", PORT: String(port), ...env },
        });
        let output = "";
        const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
        const timer = setTimeout(() => reject(new Error(`hub did not start:\n${output}`)), timeoutMs);
        const onData = (data: Buffer) => {
          output += data.toString();
          if (output.includes("läuft auf")) {
            clearTimeout(timer);
            resolve(hubProcess(port, child, () => output, exited));
          }
        };
        child.stdout.on("data", onData);
        child.stderr.on("data", onData);
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`hub exited with ${code}:\n${output}`));
        });
      }),
  );
}

function hubProcess(
  port: number,
  child: ChildProcess,
  output: () => string,
  exited: Promise<number | null>,
): HubProcess {
  const url = `http://127.0.0.1:${port}`;
  const hub: HubProcess = {
    url,
    port,
    child,
    output,
    exited,
    async gql(query, variables = {}, token) {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
    async login(email, password = "demo-passwort") {
      const r = await hub.gql<{ login: { token: string } }>(
        "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
        { e: email, p: password },
      );
      if (!r.data?.login) throw new Error(`login ${email} failed: ${JSON.stringify(r.errors)}`);
      return r.data.login.token;
    },
    ws(token) {
      return createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: () => {},
        connectionParams: { authorization: `Bearer ${token}` },
      });
    },
  };
  return hub;
}

export interface RedisProcess {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A Redis server of the test's own on a free port, without persistence, to be stopped at will. */
export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const redis: RedisProcess = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const started = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        { stdio: "ignore" },
      );
      child = started;
      for (let i = 0; i < 100; i++) {
        const up = await new Promise<boolean>((resolve) => {
          const socket = net.connect(port, "127.0.0.1");
          socket.once("connect", () => resolve(true));
          socket.once("error", () => resolve(false));
        }).catch(() => false);
        if (up) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error("redis-server did not start");
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGKILL");
      await exited;
    },
  };
  await redis.start();
  return redis;
}
