import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
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

/** A fresh, not yet existing database file in its own (not yet existing) folder. */
function freshDatabaseUrl(): string {
  return `file:${path.join(scratchDir(), "nested", "hub.db")}`;
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
