import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createMigration,
  defaultMigrationsDir,
  defaultPostgresMigrationsDir,
  defaultSchemaPath,
  migrateDeploy,
  pendingMigrations,
  schemaDrift,
  schemaEngineStarts,
} from "../../server/db/migrate.ts";
import {
  postgresDatabaseExists,
  requirePostgres,
  TEST_POSTGRES_URL,
  type TestPostgresDatabase,
  testPostgresDatabase,
  withPostgres,
} from "../helpers/pg-db.ts";

// The first run loads five megabytes of wasm; replaying migrations is fast after that.
const timeout = 60_000;

const scratchDirs: string[] = [];

function scratchDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-migrations-test-"));
  scratchDirs.push(dir);
  return dir;
}

/** A fresh, not yet existing database file in its own (not yet existing) folder. */
function freshDatabaseUrl(): string {
  return `file:${path.join(scratchDir(), "nested", "hub.db")}`;
}

const databases: TestPostgresDatabase[] = [];

afterEach(async () => {
  for (const dir of scratchDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

function migrationFolders(dir = defaultMigrationsDir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
}

/** Table names the schema asks for, honouring `@@map`. */
function schemaTables(): string[] {
  const schema = fs.readFileSync(defaultSchemaPath, "utf8");
  return [...schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)].map(
    ([, model, body]) => /@@map\(\s*"([^"]+)"\s*\)/.exec(body ?? "")?.[1] ?? (model as string),
  );
}

function databaseTables(url: string): string[] {
  const db = new Database(url.slice("file:".length), { readonly: true });
  try {
    const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    return rows.map((row) => row.name);
  } finally {
    db.close();
  }
}

function appliedInDatabase(
  url: string,
): { migration_name: string; finished_at: unknown; checksum: string }[] {
  const db = new Database(url.slice("file:".length), { readonly: true });
  try {
    return db
      .prepare("SELECT migration_name, finished_at, checksum FROM _prisma_migrations ORDER BY started_at")
      .all() as { migration_name: string; finished_at: unknown; checksum: string }[];
  } finally {
    db.close();
  }
}

/** The folder as it was before its newest migration: the state an older deployment is in. */
function previousMigrationsDir(source = defaultMigrationsDir): string {
  const dir = path.join(scratchDir(), "migrations");
  fs.cpSync(source, dir, { recursive: true });
  const last = migrationFolders(dir).at(-1);
  if (last) fs.rmSync(path.join(dir, last), { recursive: true });
  return dir;
}

describe("migrations", () => {
  it("has at least one migration and Prisma's lockfile for SQLite", () => {
    expect(migrationFolders().length).toBeGreaterThan(0);
    for (const name of migrationFolders()) {
      expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(fs.existsSync(path.join(defaultMigrationsDir, name, "migration.sql"))).toBe(true);
    }
    const lockfile = fs.readFileSync(path.join(defaultMigrationsDir, "migration_lock.toml"), "utf8");
    expect(lockfile).toMatch(/^provider = "sqlite"$/m);
  });

  it(
    "brings a fresh database to the current schema",
    async () => {
      const url = freshDatabaseUrl();
      const all = migrationFolders();
      expect(await pendingMigrations(url)).toEqual(all);
      // The readiness probe must not create the database it looks at.
      expect(fs.existsSync(url.slice("file:".length))).toBe(false);

      const lines: string[] = [];
      const applied = await migrateDeploy(url, (line) => lines.push(line));

      expect(applied).toEqual(all);
      expect(await pendingMigrations(url)).toEqual([]);
      expect(databaseTables(url)).toEqual(expect.arrayContaining([...schemaTables(), "_prisma_migrations"]));
      expect(await schemaDrift(url)).toBeNull();
      const rows = appliedInDatabase(url);
      expect(rows.map((row) => row.migration_name)).toEqual(all);
      for (const row of rows) {
        expect(row.finished_at).not.toBeNull();
        expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      }
      expect(lines.some((line) => line.includes(all.at(-1) as string))).toBe(true);
    },
    timeout,
  );

  it(
    "upgrades a database from the previous migration by applying only the missing one",
    async () => {
      const url = freshDatabaseUrl();
      const previous = previousMigrationsDir();
      const older = migrationFolders(previous);
      const all = migrationFolders();
      const missing = all.slice(older.length);
      expect(missing.length).toBe(1);

      // With a single migration the previous state is an empty database.
      expect(await migrateDeploy(url, undefined, { migrationsDir: previous })).toEqual(older);
      expect(await pendingMigrations(url)).toEqual(missing);

      expect(await migrateDeploy(url)).toEqual(missing);
      expect(await pendingMigrations(url)).toEqual([]);
      expect(appliedInDatabase(url).map((row) => row.migration_name)).toEqual(all);
      expect(await schemaDrift(url)).toBeNull();
    },
    timeout,
  );

  it(
    "applies nothing on a second run",
    async () => {
      const url = freshDatabaseUrl();
      expect(await migrateDeploy(url)).toEqual(migrationFolders());
      expect(await migrateDeploy(url)).toEqual([]);
      expect(appliedInDatabase(url)).toHaveLength(migrationFolders().length);
    },
    timeout,
  );

  it(
    "writes no migration when the schema matches the migrations",
    async () => {
      // A copy, so that a schema edited without a migration fails this test instead of
      // leaving a stray migration in prisma/migrations.
      const dir = path.join(scratchDir(), "migrations");
      fs.cpSync(defaultMigrationsDir, dir, { recursive: true });
      const snapshot = () =>
        fs
          .readdirSync(dir, { recursive: true, encoding: "utf8" })
          .sort()
          .map((entry) => {
            const file = path.join(dir, entry);
            return [entry, fs.statSync(file).isFile() ? fs.readFileSync(file, "utf8") : null];
          });
      const before = snapshot();
      expect(
        await createMigration("unchanged_schema", undefined, {
          sqlite: { migrationsDir: dir },
          postgres: false,
        }),
      ).toEqual({ sqlite: null, postgres: null });
      expect(snapshot()).toEqual(before);
    },
    timeout,
  );

  it(
    "writes the next migration into a given folder when the schema changed",
    async () => {
      // Against the previous folder the newest migration is exactly what is missing,
      // so the generated script must recreate its effect.
      const previous = previousMigrationsDir();
      const folder = (
        await createMigration("catch_up", undefined, { sqlite: { migrationsDir: previous }, postgres: false })
      ).sqlite;
      expect(folder).not.toBeNull();
      const name = path.basename(folder as string);
      expect(name).toMatch(/^\d{14}_catch_up$/);
      expect(migrationFolders(previous).at(-1)).toBe(name);
      expect(fs.readFileSync(path.join(folder as string, "migration.sql"), "utf8").trim()).not.toBe("");
      expect(fs.readFileSync(path.join(previous, "migration_lock.toml"), "utf8")).toMatch(
        /^provider = "sqlite"$/m,
      );

      const url = freshDatabaseUrl();
      await migrateDeploy(url, undefined, { migrationsDir: previous });
      expect(await schemaDrift(url)).toBeNull();
    },
    timeout,
  );

  it(
    "deploys nothing, without starting the engine, while another process is writing to the database",
    async () => {
      // `npm run user:add` beside a serving hub: the engine would fail on the busy file
      // (WASM_ERROR: unknown variant `SocketTimeout`), so an up-to-date database must not start it.
      const url = freshDatabaseUrl();
      await migrateDeploy(url);
      const writer = new Database(url.slice("file:".length));
      try {
        writer.pragma("journal_mode = WAL");
        writer.exec("BEGIN IMMEDIATE");
        writer.exec(`CREATE TABLE "Busy" ("id" INTEGER)`);
        const starts = schemaEngineStarts();
        expect(await migrateDeploy(url)).toEqual([]);
        expect(await pendingMigrations(url)).toEqual([]);
        expect(schemaEngineStarts()).toBe(starts);
      } finally {
        writer.exec("ROLLBACK");
        writer.close();
      }
    },
    timeout,
  );

  it(
    "writes the SQLite migration and fails with a clear message when PostgreSQL is unreachable",
    async () => {
      const sqliteDir = previousMigrationsDir();
      const postgresDir = path.join(scratchDir(), "pg-migrations");
      fs.cpSync(defaultPostgresMigrationsDir, postgresDir, { recursive: true });
      const before = migrationFolders(postgresDir);
      await expect(
        createMigration("catch_up", undefined, {
          sqlite: { migrationsDir: sqliteDir },
          // Port 1: nothing listens there.
          postgres: { migrationsDir: postgresDir, serverUrl: "postgresql://postgres@127.0.0.1:1/postgres" },
        }),
      ).rejects.toThrow(
        /SQLite migration written .*catch_up.*No PostgreSQL migration written: PostgreSQL at .* is unreachable/,
      );
      expect(migrationFolders(sqliteDir).at(-1)).toMatch(/^\d{14}_catch_up$/);
      expect(migrationFolders(postgresDir)).toEqual(before);
    },
    timeout,
  );

  it("rejects migration names outside [a-z0-9_]+", async () => {
    await expect(createMigration("Add-Users")).rejects.toThrow(/\[a-z0-9_\]\+/);
  });
});

// ---------------------------------------------------------------------------------------------
// PostgreSQL: each test creates (or lets the runner create) a hub_test_… database and drops it.

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
    const messages = sqliteTriggerMessages();
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
