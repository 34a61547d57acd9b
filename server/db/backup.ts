// Backups of a running hub (`npm run db:backup`) and putting one back (`npm run db:restore`).
//
// SQLite: SQLite's online backup API (better-sqlite3's `backup()`) on a connection that holds
// one read transaction for the row counts and the copy: in WAL mode the hub goes on writing,
// and the copy is the snapshot the counts were taken in. The copy is one self-contained file
// (rollback journal), checked with `PRAGMA integrity_check`, `foreign_key_check` and the counts.
// PostgreSQL: `pg_dump --format=custom` on a snapshot exported by a transaction that also takes
// the row counts, checked by reading its table of contents (`pg_restore --list`) and restoring it
// into a scratch database whose counts must equal those of the snapshot.
//
// A restore replaces the database behind DATABASE_URL while no hub uses it: it refuses a target
// another process has open, and one holding any record unless forced. Afterwards it counts the
// rows and verifies the audit chain and the ledger's triggers.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { type Finding, verifyTrail } from "../modules/audit/verify.ts";
import { databaseKind, openDatabase, SQLITE_BUSY_TIMEOUT_MS } from "./client.ts";
import { type PgConnection, pendingMigrations, pgConnection, sqliteFilePath } from "./migrate.ts";

/** The arguments are wrong: the CLI exits with 2. */
export class BackupUsageError extends Error {}
/** The backup or restore must not run, or its check failed: the CLI exits with 1. */
export class BackupRefused extends Error {}

/** Rows per table, every table of the database (Prisma's bookkeeping included). */
export type TableCounts = Record<string, number>;

export interface BackupResult {
  file: string;
  bytes: number;
  /** The row counts of the snapshot the backup holds. */
  tables: TableCounts;
  rows: number;
  /** How the copy was checked, for the summary line. */
  checked: string;
}

export interface RestoreResult {
  tables: TableCounts;
  rows: number;
  /** SQLite: the restored counts equal the backup's. PostgreSQL restores in one transaction. */
  checked: string;
  /** The audit chain and ledger triggers of the restored database; null when it is not migrated yet. */
  trail: { findings: Finding[]; auditEntries: number } | null;
}

const MIGRATIONS_TABLE = "_prisma_migrations";

function total(tables: TableCounts): number {
  return Object.values(tables).reduce((sum, count) => sum + count, 0);
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Tables whose counts differ, one line each; [] when equal. */
export function countDifferences(expected: TableCounts, actual: TableCounts): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names
    .filter((name) => expected[name] !== actual[name])
    .map(
      (name) =>
        `${name}: ${expected[name] ?? "no table"} in the snapshot, ${actual[name] ?? "no table"} in the copy`,
    );
}

/** Where a new file is written before it is renamed into place: beside it, so the rename is atomic. */
function partialPath(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.partial-${randomBytes(4).toString("hex")}`);
}

function refuseExisting(file: string, force: boolean): void {
  if (fs.existsSync(file) && !force) throw new BackupRefused(`${file} exists; pass --force to replace it.`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

// ---------------------------------------------------------------------------------------------
// SQLite

function sqliteCounts(db: Database.Database): TableCounts {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const counts: TableCounts = {};
  for (const { name } of tables) {
    counts[name] = (
      db.prepare(`SELECT count(*) AS n FROM ${quoteIdentifier(name)}`).get() as { n: number }
    ).n;
  }
  return counts;
}

/** integrity_check, foreign_key_check and the row counts of a SQLite file; throws on any problem. */
function checkSqliteFile(file: string, expected?: TableCounts): TableCounts {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map(
      (row) => row.integrity_check,
    );
    if (integrity.join() !== "ok")
      throw new BackupRefused(`${file} fails PRAGMA integrity_check: ${integrity.slice(0, 5).join("; ")}`);
    const orphans = db.pragma("foreign_key_check") as { table: string; parent: string }[];
    if (orphans.length > 0)
      throw new BackupRefused(
        `${file} has ${orphans.length} row(s) whose foreign key points nowhere (first: ${orphans[0]?.table} → ${orphans[0]?.parent})`,
      );
    const counts = sqliteCounts(db);
    const differences = expected ? countDifferences(expected, counts) : [];
    if (differences.length > 0)
      throw new BackupRefused(`${file} differs from the snapshot: ${differences.join("; ")}`);
    return counts;
  } finally {
    db.close();
  }
}

async function backupSqlite(url: string, partial: string): Promise<{ tables: TableCounts; checked: string }> {
  const file = sqliteFilePath(url);
  if (!fs.existsSync(file)) throw new BackupRefused(`No database at ${file}.`);
  const source = new Database(file, { readonly: true, fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  let tables: TableCounts;
  try {
    // The first read starts the snapshot; the backup steps read inside it, so a write by the
    // hub between two steps neither shows in the copy nor makes SQLite restart the backup.
    source.exec("BEGIN");
    tables = sqliteCounts(source);
    await source.backup(partial);
    source.exec("COMMIT");
  } finally {
    source.close();
  }
  const copy = new Database(partial, { fileMustExist: true });
  try {
    // One file to keep: no -wal beside it.
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  checkSqliteFile(partial, tables);
  return { tables, checked: "integrity_check ok, foreign keys ok, row counts equal to the snapshot" };
}

/**
 * Whether another connection has the SQLite file open (a running hub keeps it open): an
 * exclusive lock is refused then. An idle hub in WAL mode holds its shared-memory lock too.
 */
function sqliteInUse(file: string): boolean {
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("COMMIT");
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") return true;
    throw error;
  } finally {
    db.close();
  }
}

function recordsBesideMigrations(tables: TableCounts): number {
  return Object.entries(tables)
    .filter(([name]) => name !== MIGRATIONS_TABLE)
    .reduce((sum, [, count]) => sum + count, 0);
}

async function restoreSqlite(
  url: string,
  from: string,
  force: boolean,
  log: (line: string) => void,
): Promise<{ tables: TableCounts; checked: string }> {
  let expected: TableCounts;
  try {
    expected = checkSqliteFile(from);
  } catch (error) {
    if (error instanceof BackupRefused) throw error;
    throw new BackupRefused(`${from} is not a SQLite backup: ${(error as Error).message}`);
  }
  const file = sqliteFilePath(url);
  if (fs.existsSync(file)) {
    if (sqliteInUse(file))
      throw new BackupRefused(
        `${file} is in use (a running hub?): stop every process that has it open first.`,
      );
    const target = new Database(file, { readonly: true, fileMustExist: true });
    let records: number;
    try {
      records = recordsBesideMigrations(sqliteCounts(target));
    } finally {
      target.close();
    }
    if (records > 0 && !force)
      throw new BackupRefused(`${file} holds ${records} records; pass --force to replace them.`);
  }
  log(`Replacing ${file} (the hub must stay stopped until the restore is done).`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = partialPath(file);
  try {
    fs.copyFileSync(from, partial);
    // A -wal left beside the old file would be replayed into the new one.
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  checkSqliteFile(file, expected);
  return { tables: expected, checked: "row counts equal to the backup" };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

const INSTALL_HINT = "Install the PostgreSQL client tools with: apt-get install -y postgresql-client";

/** A PostgreSQL client program: the newest of /usr/lib/postgresql/<version>/bin, else on PATH. */
export function postgresTool(name: "pg_dump" | "pg_restore"): string {
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((version) => /^\d+$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const candidates = [
    ...versions.map((version) => path.join(base, version, "bin", name)),
    ...(process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, name)),
  ];
  const found = candidates.find((candidate) => {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) throw new BackupRefused(`${name} not found. ${INSTALL_HINT}`);
  return found;
}

/** libpq's environment for a connection: the password stays out of the process list. */
function libpqEnv(connection: PgConnection): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGHOST: connection.host,
    PGPORT: String(connection.port),
    PGUSER: connection.user,
    PGDATABASE: connection.database,
    PGAPPNAME: "hub-backup",
    PGCONNECT_TIMEOUT: "10",
  };
  if (connection.password) env.PGPASSWORD = connection.password;
  else delete env.PGPASSWORD;
  if (connection.ssl === false) env.PGSSLMODE = "disable";
  else if (connection.ssl) env.PGSSLMODE = "require";
  return env;
}

/** Runs a client program; resolves with its standard output, rejects with its error output. */
function run(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (data: Buffer) => {
      out += data.toString();
    });
    child.stderr.on("data", (data: Buffer) => {
      err += data.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(out);
      else reject(new BackupRefused(`${path.basename(program)} failed (exit ${code}): ${err.trim()}`));
    });
  });
}

async function withClient<T>(connection: PgConnection, task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    ...connection,
    application_name: "hub-backup",
    connectionTimeoutMillis: 10_000,
  });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function postgresCounts(client: pg.Client): Promise<TableCounts> {
  const tables = await client.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
  );
  const counts: TableCounts = {};
  for (const { name } of tables.rows) {
    const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdentifier(name)}`);
    counts[name] = Number(result.rows[0]?.n);
  }
  return counts;
}

/** The same server's maintenance database, for creating and dropping databases. */
function maintenance(connection: PgConnection): PgConnection {
  return { ...connection, database: connection.database === "postgres" ? "template1" : "postgres" };
}

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

async function restoreInto(connection: PgConnection, file: string): Promise<void> {
  await run(
    postgresTool("pg_restore"),
    [
      "--no-owner",
      "--no-privileges",
      "--exit-on-error",
      "--single-transaction",
      "--dbname",
      connection.database,
      file,
    ],
    libpqEnv(connection),
  );
}

/** Restores the dump into a scratch database and compares its counts; skipped without CREATEDB. */
async function checkInScratch(
  connection: PgConnection,
  file: string,
  expected: TableCounts,
  log: (line: string) => void,
): Promise<string> {
  const scratch = { ...connection, database: `hub_backup_check_${randomBytes(6).toString("hex")}` };
  try {
    await withClient(maintenance(connection), (client) =>
      client.query(`CREATE DATABASE ${quoteIdentifier(scratch.database)}`),
    );
  } catch (error) {
    if (sqlState(error) !== "42501") throw error;
    log(`No scratch database for the check (the role may not create databases): ${(error as Error).message}`);
    return "table of contents read (no scratch restore: the role lacks CREATEDB)";
  }
  try {
    await restoreInto(scratch, file);
    const differences = countDifferences(
      expected,
      await withClient(scratch, (client) => postgresCounts(client)),
    );
    if (differences.length > 0)
      throw new BackupRefused(`The dump differs from the snapshot: ${differences.join("; ")}`);
    return "table of contents read, restored into a scratch database, row counts equal to the snapshot";
  } finally {
    await withClient(maintenance(connection), (client) =>
      client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(scratch.database)} WITH (FORCE)`),
    );
  }
}

async function backupPostgres(
  url: string,
  partial: string,
  log: (line: string) => void,
): Promise<{ tables: TableCounts; checked: string }> {
  const pgDump = postgresTool("pg_dump");
  const pgRestore = postgresTool("pg_restore");
  const connection = pgConnection(url);
  const tables = await withClient(connection, async (client) => {
    // pg_dump reads the snapshot this transaction exported, the one the counts come from.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshot = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]?.id;
    const counts = await postgresCounts(client);
    await run(
      pgDump,
      ["--format=custom", `--snapshot=${snapshot}`, `--file=${partial}`, "--no-password"],
      libpqEnv(connection),
    );
    await client.query("COMMIT");
    return counts;
  });
  const contents = await run(pgRestore, ["--list", partial], libpqEnv(connection));
  const data = contents.split("\n").filter((line) => / TABLE DATA /.test(line)).length;
  if (data !== Object.keys(tables).length)
    throw new BackupRefused(
      `The dump lists data for ${data} tables, the database has ${Object.keys(tables).length}.`,
    );
  return { tables, checked: await checkInScratch(connection, partial, tables, log) };
}

async function restorePostgres(
  url: string,
  from: string,
  force: boolean,
  log: (line: string) => void,
): Promise<{ tables: TableCounts; checked: string }> {
  const connection = pgConnection(url);
  try {
    await run(postgresTool("pg_restore"), ["--list", from], libpqEnv(connection));
  } catch (error) {
    throw new BackupRefused(`${from} is not a pg_dump archive: ${(error as Error).message}`);
  }
  try {
    await withClient(maintenance(connection), (client) =>
      client.query(`CREATE DATABASE ${quoteIdentifier(connection.database)}`),
    );
    log(`Created database ${connection.database}.`);
  } catch (error) {
    // 42P04: it exists.
    if (sqlState(error) !== "42P04") throw error;
  }
  await withClient(connection, async (client) => {
    const others = await client.query<{ name: string }>(
      "SELECT DISTINCT coalesce(nullif(application_name, ''), 'unnamed') AS name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    if (others.rows.length > 0)
      throw new BackupRefused(
        `${connection.database} is in use (${others.rows.map((row) => row.name).join(", ")}): stop every hub instance first.`,
      );
    const records = recordsBesideMigrations(await postgresCounts(client));
    if (records > 0 && !force)
      throw new BackupRefused(
        `${connection.database} holds ${records} records; pass --force to replace them.`,
      );
    // The hub's objects go, the schema stays (its owner and grants are the server's business).
    await client.query(`DO $$
      DECLARE item record;
      BEGIN
        FOR item IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
          EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', item.tablename);
        END LOOP;
        FOR item IN SELECT p.oid::regprocedure AS signature FROM pg_proc p
                     WHERE p.pronamespace = current_schema()::regnamespace LOOP
          EXECUTE format('DROP FUNCTION IF EXISTS %s CASCADE', item.signature);
        END LOOP;
        FOR item IN SELECT t.typname FROM pg_type t
                     WHERE t.typnamespace = current_schema()::regnamespace AND t.typtype = 'e' LOOP
          EXECUTE format('DROP TYPE IF EXISTS %I CASCADE', item.typname);
        END LOOP;
      END $$`);
  });
  log(`Restoring into ${connection.database} (the hub must stay stopped until the restore is done).`);
  await restoreInto(connection, from);
  const tables = await withClient(connection, (client) => postgresCounts(client));
  return { tables, checked: "restored in one transaction" };
}

// ---------------------------------------------------------------------------------------------

export interface BackupOptions {
  /** DATABASE_URL of the hub. */
  url: string;
  to: string;
  /** Replace an existing file. */
  force?: boolean;
  log?: (line: string) => void;
}

/** Takes and checks a backup of the database at `url`, written to `to` only once it checked out. */
export async function backupDatabase(options: BackupOptions): Promise<BackupResult> {
  const log = options.log ?? (() => {});
  const file = path.resolve(options.to);
  refuseExisting(file, options.force ?? false);
  const partial = partialPath(file);
  try {
    const { tables, checked } =
      databaseKind(options.url) === "postgres"
        ? await backupPostgres(options.url, partial, log)
        : await backupSqlite(options.url, partial);
    fs.renameSync(partial, file);
    return { file, bytes: fs.statSync(file).size, tables, rows: total(tables), checked };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

export interface RestoreOptions {
  /** DATABASE_URL to restore into. */
  url: string;
  from: string;
  /** Replace a database that holds records. */
  force?: boolean;
  log?: (line: string) => void;
}

/** Puts a backup back into the database at `url`, then checks counts, audit chain and triggers. */
export async function restoreDatabase(options: RestoreOptions): Promise<RestoreResult> {
  const log = options.log ?? (() => {});
  const from = path.resolve(options.from);
  if (!fs.existsSync(from)) throw new BackupRefused(`No backup at ${from}.`);
  const kind = databaseKind(options.url);
  const { tables, checked } =
    kind === "postgres"
      ? await restorePostgres(options.url, from, options.force ?? false, log)
      : await restoreSqlite(options.url, from, options.force ?? false, log);
  // A backup from before the audit chain has no chain to check until the hub has migrated it.
  if ((await pendingMigrations(options.url)).length > 0)
    return { tables, rows: total(tables), checked, trail: null };
  const db = await openDatabase(options.url);
  try {
    const trail = await verifyTrail(db);
    return {
      tables,
      rows: total(tables),
      checked,
      trail: { findings: trail.findings, auditEntries: trail.entries },
    };
  } finally {
    await db.close();
  }
}
