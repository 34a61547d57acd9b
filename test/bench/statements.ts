// SQL statements per request: the hub runs in this process on the given database (SQLite file or
// PostgreSQL), each bench query is asked once over HTTP, and the database handle's counter
// (Database.countQueries: every statement Prisma sends, the session lookup included) counts it.
import type { AddressInfo } from "node:net";
import { createApp } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import { openDatabase } from "../../server/db/client.ts";
import { openEvents } from "../../server/events/open.ts";
import type { BenchQuery } from "./queries.ts";

export interface StatementCount {
  name: string;
  statements: number;
  /** The answer's size in bytes (to see that the size did change). */
  bytes: number;
}

export async function countStatements(
  databaseUrl: string,
  queries: readonly BenchQuery[],
  password: string,
): Promise<StatementCount[]> {
  const config = { ...loadConfig({}), databaseUrl, port: 0, host: "127.0.0.1", logLevel: "silent" as const };
  const db = await openDatabase(databaseUrl, { countStatements: true });
  const events = await openEvents(config);
  const app = await createApp(config, db, events);
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
  const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    const body = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
    if (body.errors) throw new Error(`${JSON.stringify(body.errors).slice(0, 500)}`);
    return { body, bytes: Buffer.byteLength(text) };
  };
  try {
    const tokens = new Map<string, string>();
    const results: StatementCount[] = [];
    for (const q of queries) {
      let token = tokens.get(q.email);
      if (!token) {
        const { body } = await post(
          "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
          { e: q.email, p: password },
        );
        token = (body.data as { login: { token: string } }).login.token;
        tokens.set(q.email, token);
      }
      // Once to warm up (the session's first touch writes), then counted.
      await post(q.query, q.variables, token);
      const { result, count } = await db.countQueries(() => post(q.query, q.variables, token));
      results.push({ name: q.name, statements: count, bytes: result.bytes });
    }
    return results;
  } finally {
    await app.close();
    await events.close();
    await db.close();
  }
}
