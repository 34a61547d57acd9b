import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);
const ci = process.env.CI === "true";

/** What a suite needs that a person's machine may lack: said in one line, a failure under CI. */
function missing(what: string, install: string): void {
  const line = `${what} Install it with: ${install}`;
  if (ci) throw new Error(line);
  console.warn(`Left out: ${line}`);
}

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || "127.0.0.1", port: Number(port) || defaultPort });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const postgresUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

const hasChromium = fs.existsSync(chromium);
if (!hasChromium) missing(`browser tests need Chromium at ${chromium}.`, "apt-get install -y chromium");
const hasPostgres = await reachable(postgresUrl, 5432);
if (!hasPostgres)
  missing(
    `the PostgreSQL suite needs PostgreSQL at ${postgresUrl}.`,
    "apt-get install -y postgresql && pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
  );
const hasRedis = await reachable(redisUrl, 6379);
if (!hasRedis)
  missing(
    `the multi-instance suite needs Redis at ${redisUrl}.`,
    "apt-get install -y redis-server && redis-server --daemonize yes --bind 127.0.0.1",
  );

// graphql 16 ships CJS and ESM builds; Node (and so Pothos and Apollo) load the CJS one, and a
// second copy in the tests would make graphql refuse the schema's types as "from another realm".
const resolve = { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] };

const api = {
  include: ["test/api/**/*.test.ts"],
  pool: "forks" as const,
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        resolve,
        test: {
          ...api,
          name: "api",
          include: [...api.include, "test/unit/**/*.test.ts"],
          exclude: ["test/api/postgres.test.ts", "test/api/migrations-postgres.test.ts"],
          globalSetup: ["test/helpers/sqlite-global-setup.ts"],
        },
      },
      ...(hasPostgres
        ? [
            {
              resolve,
              test: {
                ...api,
                name: "api-postgres",
                // Files about SQLite itself, the processes on a SQLite file and the migration runner
                // (which tests both databases itself) run once, in the SQLite project.
                exclude: [
                  "test/api/sqlite.test.ts",
                  "test/api/startup.test.ts",
                  "test/api/migrations.test.ts",
                ],
                env: { HUB_TEST_DATABASE: "postgres" },
                globalSetup: ["test/helpers/pg-global-setup.ts"],
              },
            },
          ]
        : []),
      ...(hasPostgres && hasRedis
        ? [
            {
              resolve,
              test: {
                name: "instances",
                include: ["test/instances/**/*.test.ts"],
                pool: "forks" as const,
                testTimeout: 120_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
      ...(hasChromium
        ? [
            {
              resolve,
              test: {
                name: "e2e",
                include: ["test/e2e/**/*.test.ts"],
                globalSetup: ["test/e2e/global-setup.ts"],
                pool: "forks" as const,
                fileParallelism: false,
                testTimeout: 60_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
