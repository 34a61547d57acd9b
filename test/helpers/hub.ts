// Starts a real hub (HTTP + WebSocket) on a free port with a fresh database: a SQLite file, or
// under HUB_TEST_DATABASE=postgres a PostgreSQL database of its own (see vitest.config.ts).
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { type Client, createClient } from "graphql-ws";
import { inject } from "vitest";
import WebSocket from "ws";
import { type App, createApp } from "../../server/app.ts";
import { type Config, loadConfig, sqliteUrl } from "../../server/config.ts";
import { type Database, openDatabase } from "../../server/db/client.ts";
import { DEMO_PASSWORD } from "../../server/db/seed.ts";
import { openEvents } from "../../server/events/open.ts";
import { createDatabase } from "./postgres.ts";

export { DEMO_PASSWORD };

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  headers: Headers;
}

export interface TestHub {
  url: string;
  wsUrl: string;
  db: Database;
  app: App;
  config: Config;
  dir: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GraphQLResponse<T>>;
  /** Signs in a demo account and returns its bearer token. */
  login(email: string, password?: string): Promise<string>;
  ws(token?: string | null): Client;
  close(): Promise<void>;
}

export const gid = (type: string, id: string) => encodeGlobalID(type, id);

/** The database kind this test run uses. */
export const TEST_DATABASE: "sqlite" | "postgres" =
  process.env.HUB_TEST_DATABASE === "postgres" ? "postgres" : "sqlite";

/**
 * A fresh, migrated database for one hub, with the demo data when `seeded`: a copy of the run's
 * template (test/helpers/*-global-setup.ts). Its URL and how to remove it.
 */
async function freshDatabase(dir: string, seeded: boolean): Promise<{ url: string; drop(): Promise<void> }> {
  if (TEST_DATABASE === "postgres") return createDatabase(inject(seeded ? "pgSeededTemplate" : "pgTemplate"));
  const file = path.join(dir, "hub.db");
  const templates = inject("sqliteTemplates");
  fs.copyFileSync(seeded ? templates.seeded : templates.migrated, file);
  return { url: sqliteUrl(file), drop: async () => {} };
}

export async function startHub(options: { seed?: boolean; config?: Partial<Config> } = {}): Promise<TestHub> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-test-"));
  const seeded = options.seed !== false;
  const database = await freshDatabase(dir, seeded);
  const config: Config = {
    ...loadConfig({}),
    databaseUrl: database.url,
    port: 0,
    host: "127.0.0.1",
    logLevel: "silent",
    // Without SMTP_URL a hub writes mail as files: into its own folder, not the repository's data/.
    mailFolder: path.join(dir, "mail"),
    // No mail loop unless a test asks for one: its polling would count in tests that count queries.
    mailPollMs: 0,
    ...options.config,
  };
  const db = await openDatabase(config.databaseUrl, { countStatements: true });
  const events = await openEvents(config);
  const app = await createApp(config, db, events);
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const clients: Client[] = [];

  const hub: TestHub = {
    url,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    db,
    app,
    config,
    dir,
    async gql(query, variables, token) {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: never; errors?: never };
      return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
    },
    async login(email, password = DEMO_PASSWORD) {
      const result = await hub.gql<{ login: { token: string } }>(
        "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
        { e: email, p: password },
      );
      if (!result.data?.login) throw new Error(`login ${email} failed: ${JSON.stringify(result.errors)}`);
      return result.data.login.token;
    },
    ws(token) {
      const client = createClient({
        url: hub.wsUrl,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: () => {},
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      await app.close();
      await events.close();
      await db.close();
      await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return hub;
}

/** The first `count` results (data or errors) of a subscription, or what arrived before `timeoutMs`. */
export function collect<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  count: number,
  timeoutMs = 5000,
): Promise<{ results: T[]; errors: unknown[] }> {
  const results: T[] = [];
  const errors: unknown[] = [];
  return new Promise((resolve) => {
    let unsubscribe: () => void = () => {};
    const finish = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve({ results, errors });
    };
    const timer = setTimeout(finish, timeoutMs);
    unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) errors.push(...value.errors);
          if (value.data) results.push(value.data as T);
          if (results.length + errors.length >= count) finish();
        },
        error: (error) => {
          errors.push(error);
          finish();
        },
        complete: finish,
      },
    );
  });
}

/** Polls `condition` until it holds (e.g. a subscription's listener is registered on the server). */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Errors' codes, for compact assertions. */
export function codes(response: { errors?: { extensions?: Record<string, unknown> }[] }): unknown[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}
