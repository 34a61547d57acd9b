// PostgreSQL databases of their own for tests that create, migrate and drop them: plain pg, no
// template, no Prisma. A test that needs PostgreSQL fails (never skips) when it is unreachable.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** A server the tests may create and drop databases on (the role needs CREATEDB). */
export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** The URL of database `name` on the test server. */
export function postgresUrl(name: string, server = TEST_POSTGRES_URL): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `task` on one connection to `url` and closes it. */
export async function withPostgres<T>(url: string, task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Throws a one-line error saying how to get PostgreSQL when the test server does not answer. */
export async function requirePostgres(): Promise<void> {
  try {
    await withPostgres(TEST_POSTGRES_URL, (client) => client.query("SELECT 1"));
  } catch (error) {
    const reason = (error as Error).message || (error as { code?: string }).code || String(error);
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_POSTGRES_URL} (${reason}): apt-get install -y postgresql, start it (pg_ctlcluster <version> main start) or set TEST_POSTGRES_URL`,
    );
  }
}

export interface TestPostgresDatabase {
  name: string;
  url: string;
  /** Drops the database (also when it was never created), closing its connections. */
  drop(): Promise<void>;
}

/** A unique database name; `created: false` leaves creating it to the code under test. */
export async function testPostgresDatabase(
  options: { prefix?: string; created?: boolean } = {},
): Promise<TestPostgresDatabase> {
  const name = `${options.prefix ?? "hub_test"}_${randomBytes(6).toString("hex")}`;
  if (options.created !== false) {
    await withPostgres(TEST_POSTGRES_URL, (client) => client.query(`CREATE DATABASE "${name}"`));
  }
  return {
    name,
    url: postgresUrl(name),
    drop: async () => {
      await withPostgres(TEST_POSTGRES_URL, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
}

/** Whether database `name` exists on the test server. */
export async function postgresDatabaseExists(name: string): Promise<boolean> {
  return withPostgres(TEST_POSTGRES_URL, async (client) => {
    const rows = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return rows.rowCount === 1;
  });
}
