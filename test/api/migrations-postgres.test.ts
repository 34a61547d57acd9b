import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createMigration,
  defaultMigrationsDir,
  defaultPostgresMigrationsDir,
  migrateDeploy,
  pendingMigrations,
  schemaDrift,
  schemaEngineStarts,
} from "../../server/db/migrate.ts";
import {
  migrationFolders,
  previousMigrationsDir,
  schemaTables,
  scratchDir,
  timeout,
} from "../helpers/migration-files.ts";
import {
  postgresDatabaseExists,
  requirePostgres,
  TEST_POSTGRES_URL,
  type TestPostgresDatabase,
  testPostgresDatabase,
  withPostgres,
} from "../helpers/pg-db.ts";

const databases: TestPostgresDatabase[] = [];

afterEach(async () => {
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

async function freshPostgres(options: { created?: boolean } = {}): Promise<TestPostgresDatabase> {
  const database = await testPostgresDatabase(options);
  databases.push(database);
  return database;
}

function postgresTables(url: string): Promise<string[]> {
  return withPostgres(url, async (client) => {
    const rows = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    return rows.rows.map((row) => row.name);
  });
}

function appliedInPostgres(
  url: string,
): Promise<{ migration_name: string; finished_at: Date | null; checksum: string }[]> {
  return withPostgres(url, async (client) => {
    const rows = await client.query<{ migration_name: string; finished_at: Date | null; checksum: string }>(
      "SELECT migration_name, finished_at, checksum FROM _prisma_migrations ORDER BY started_at",
    );
    return rows.rows;
  });
}

function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** The messages the SQLite migrations raise in the ledger's triggers. */
function sqliteTriggerMessages(): string[] {
  const messages: string[] = [];
  for (const name of migrationFolders()) {
    const sql = fs.readFileSync(path.join(defaultMigrationsDir, name, "migration.sql"), "utf8");
    for (const [, message] of sql.matchAll(/RAISE\(ABORT, '([^']+)'\)/g)) messages.push(message as string);
  }
  return messages;
}

/** Runs `npm run db:migrate` (without npm's wrapper) against `url`. */
function cliDeploy(url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/db/migrate-cli.ts", "deploy"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, DATABASE_URL: url },
    });
    let output = "";
    child.stdout.on("data", (data: Buffer) => {
      output += data.toString();
    });
    child.stderr.on("data", (data: Buffer) => {
      output += data.toString();
    });
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("migrations on PostgreSQL", () => {
  beforeAll(requirePostgres);

  const all = () => migrationFolders(defaultPostgresMigrationsDir);

  it("has a baseline with the ledger's append-only triggers and Prisma's lockfile for PostgreSQL", () => {
    expect(all()[0]).toBe("20261130000000_init");
    for (const name of all()) {
      expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(fs.existsSync(path.join(defaultPostgresMigrationsDir, name, "migration.sql"))).toBe(true);
    }
    const lockfile = fs.readFileSync(path.join(defaultPostgresMigrationsDir, "migration_lock.toml"), "utf8");
    expect(lockfile).toMatch(/^provider = "postgresql"$/m);
    const baseline = fs.readFileSync(
      path.join(defaultPostgresMigrationsDir, "20261130000000_init", "migration.sql"),
      "utf8",
    );
    // The ledger's triggers; later ones (the media plan's freeze) live in their own migrations,
    // and test/api/media-plans.test.ts shows them refusing on both databases.
    const messages = sqliteTriggerMessages().filter((message) => message.startsWith("Booking"));
    expect(messages).toHaveLength(2);
    for (const message of messages) expect(baseline).toContain(`'${message}'`);
  });

  it(
    "brings a fresh database to the current schema, recording each migration with its checksum",
    async () => {
      const { url } = await freshPostgres();
      expect(await pendingMigrations(url)).toEqual(all());

      const lines: string[] = [];
      expect(await migrateDeploy(url, (line) => lines.push(line))).toEqual(all());

      expect(await pendingMigrations(url)).toEqual([]);
      expect(await postgresTables(url)).toEqual(
        expect.arrayContaining([...schemaTables(), "_prisma_migrations"]),
      );
      const rows = await appliedInPostgres(url);
      expect(rows.map((row) => row.migration_name)).toEqual(all());
      for (const row of rows) {
        expect(row.finished_at).not.toBeNull();
        expect(row.checksum).toBe(
          sha256(path.join(defaultPostgresMigrationsDir, row.migration_name, "migration.sql")),
        );
      }
      expect(lines.some((line) => line.includes(all().at(-1) as string))).toBe(true);
      // The hand-written triggers are invisible to the differ: no drift either way.
      expect(await schemaDrift(url)).toBeNull();
    },
    timeout,
  );

  it(
    "lists every migration as pending for a database that does not exist yet, and creates it on deploy",
    async () => {
      const database = await freshPostgres({ created: false });
      expect(await pendingMigrations(database.url)).toEqual(all());
      // The readiness probe must not create the database it looks at.
      expect(await postgresDatabaseExists(database.name)).toBe(false);
      expect(await migrateDeploy(database.url)).toEqual(all());
      expect(await pendingMigrations(database.url)).toEqual([]);
    },
    timeout,
  );

  it(
    "refuses UPDATE and DELETE of a booking: the ledger is append-only",
    async () => {
      const { url } = await freshPostgres();
      await migrateDeploy(url);
      await withPostgres(url, async (client) => {
        // A booking without its order, line and user: this throwaway database drops the
        // foreign keys and keeps the triggers.
        const constraints = await client.query<{ conname: string }>(
          `SELECT conname FROM pg_constraint WHERE conrelid = '"Booking"'::regclass AND contype = 'f'`,
        );
        for (const { conname } of constraints.rows) {
          await client.query(`ALTER TABLE "Booking" DROP CONSTRAINT "${conname}"`);
        }
        await client.query(
          `INSERT INTO "Booking" ("id", "seq", "orderId", "lineId", "date", "personDays", "orderBalance", "description", "bookedById")
           VALUES ('b1', 1, 'o1', 'l1', '2026-11-30', 100, 100, 'on site', 'u1')`,
        );
        await expect(
          client.query(`UPDATE "Booking" SET "personDays" = 50 WHERE "id" = 'b1'`),
        ).rejects.toThrow("Booking is append-only: book a reversal instead of changing an entry");
        await expect(client.query(`DELETE FROM "Booking" WHERE "id" = 'b1'`)).rejects.toThrow(
          "Booking is append-only: book a reversal instead of deleting an entry",
        );
        const left = await client.query<{ personDays: number }>(`SELECT "personDays" FROM "Booking"`);
        expect(left.rows).toEqual([{ personDays: 100 }]);
      });
    },
    timeout,
  );

  it(
    "applies nothing on a second run, without starting the engine",
    async () => {
      const { url } = await freshPostgres();
      expect(await migrateDeploy(url)).toEqual(all());
      const starts = schemaEngineStarts();
      expect(await migrateDeploy(url)).toEqual([]);
      expect(schemaEngineStarts()).toBe(starts);
      expect(await appliedInPostgres(url)).toHaveLength(all().length);
    },
    timeout,
  );

  it(
    "lets concurrent deploys on one fresh database all succeed, applying each migration once",
    async () => {
      const database = await freshPostgres({ created: false });
      const results = await Promise.all([
        migrateDeploy(database.url),
        migrateDeploy(database.url),
        migrateDeploy(database.url),
      ]);
      expect(results.flat()).toEqual(all());
      expect((await appliedInPostgres(database.url)).map((row) => row.migration_name)).toEqual(all());
    },
    timeout,
  );

  it(
    "npm run db:migrate: two processes deploying one fresh database at once both succeed",
    async () => {
      const database = await freshPostgres({ created: false });
      const [first, second] = await Promise.all([cliDeploy(database.url), cliDeploy(database.url)]);
      expect([first?.code, second?.code], `${first?.output}\n${second?.output}`).toEqual([0, 0]);
      const outputs = [first?.output ?? "", second?.output ?? ""];
      expect(
        outputs.filter((output) => output.includes(`Applied ${all().length} migration(s).`)),
      ).toHaveLength(1);
      expect(outputs.filter((output) => output.includes("Database is up to date."))).toHaveLength(1);
      expect((await appliedInPostgres(database.url)).map((row) => row.migration_name)).toEqual(all());
    },
    timeout,
  );

  it(
    "applies a failing migration not at all: the whole script runs as one transaction",
    async () => {
      const { url } = await freshPostgres();
      const dir = path.join(scratchDir(), "pg-migrations");
      fs.cpSync(defaultPostgresMigrationsDir, dir, { recursive: true });
      fs.mkdirSync(path.join(dir, "29991231000000_broken"));
      fs.writeFileSync(
        path.join(dir, "29991231000000_broken", "migration.sql"),
        `CREATE TABLE "Half" ("id" INTEGER);\nCREATE FUNCTION "half"() RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$;\nSELECT 1 / 0;\n`,
      );
      await expect(migrateDeploy(url, undefined, { migrationsDir: dir })).rejects.toThrow(
        /failed: 29991231000000_broken.*division by zero/,
      );
      await withPostgres(url, async (client) => {
        const half = await client.query(`SELECT to_regclass('"Half"') AS half, to_regproc('"half"') AS fn`);
        expect(half.rows).toEqual([{ half: null, fn: null }]);
      });
      expect(await pendingMigrations(url, { migrationsDir: dir })).toEqual(["29991231000000_broken"]);
    },
    timeout,
  );

  it(
    "writes no PostgreSQL migration when the schema matches, and drops its scratch database",
    async () => {
      const dir = path.join(scratchDir(), "pg-migrations");
      fs.cpSync(defaultPostgresMigrationsDir, dir, { recursive: true });
      const lines: string[] = [];
      expect(
        await createMigration("unchanged_schema", (line) => lines.push(line), {
          sqlite: false,
          postgres: { migrationsDir: dir, serverUrl: TEST_POSTGRES_URL },
        }),
      ).toEqual({ sqlite: null, postgres: null });
      expect(migrationFolders(dir)).toEqual(all());
      const scratch = lines.join("\n").match(/hub_scratch_[0-9a-f]+/)?.[0];
      expect(scratch).toBeDefined();
      expect(await postgresDatabaseExists(scratch as string)).toBe(false);
    },
    timeout,
  );

  it(
    "writes the next migration for both databases, under one name, when the schema changed",
    async () => {
      // Against the previous folders the newest migrations are what is missing. The PostgreSQL
      // folder has only its baseline, so without it the whole schema is missing.
      const sqliteDir = previousMigrationsDir();
      const postgresDir = previousMigrationsDir(defaultPostgresMigrationsDir);
      const created = await createMigration("catch_up", undefined, {
        sqlite: { migrationsDir: sqliteDir },
        postgres: { migrationsDir: postgresDir, serverUrl: TEST_POSTGRES_URL },
      });
      expect(created.sqlite).not.toBeNull();
      expect(created.postgres).not.toBeNull();
      const name = path.basename(created.postgres as string);
      expect(name).toMatch(/^\d{14}_catch_up$/);
      expect(path.basename(created.sqlite as string)).toBe(name);
      expect(migrationFolders(postgresDir).at(-1)).toBe(name);
      expect(fs.readFileSync(path.join(postgresDir, "migration_lock.toml"), "utf8")).toMatch(
        /^provider = "postgresql"$/m,
      );

      const { url } = await freshPostgres();
      expect(await migrateDeploy(url, undefined, { migrationsDir: postgresDir })).toEqual(
        migrationFolders(postgresDir),
      );
      expect(await schemaDrift(url)).toBeNull();
    },
    timeout,
  );
});
