// The database behind the hub: SQLite (the embedded default) or PostgreSQL, chosen by the URL.
// Both have one writer at a time: writes are serialised, and a transaction's after-commit
// step (publishing its events) finishes before the next writer starts, so that events leave
// in commit order. On SQLite the writer is a connection of its own and reads use a read-only
// one (the better-sqlite3 adapter shares a connection between a transaction and every other
// query); on PostgreSQL a pool serves both, and a session advisory lock held on a dedicated
// connection makes the writer's turn span every instance.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { type Prisma, PrismaClient } from "./generated/client/client.ts";
import { PrismaClient as PgPrismaClient } from "./generated/pg-client/client.ts";

export type Tx = Prisma.TransactionClient;
/** Both generated clients have the same models; the SQLite one names the type. */
export type ReadClient = PrismaClient;
export type DatabaseKind = "sqlite" | "postgres";

export interface Database {
  readonly url: string;
  readonly kind: DatabaseKind;
  /** Committed data only; on SQLite it refuses writes. */
  readonly read: ReadClient;
  /**
   * Runs `fn` in one serialised write transaction; commits when it resolves, rolls back when it
   * throws. `afterCommit` runs after the commit and before the next writer's turn.
   */
  transact<T>(fn: (tx: Tx) => Promise<T>, afterCommit?: (value: T) => Promise<void>): Promise<T>;
  /** Commits so far; on SQLite one commit may carry many transactions (group commit). */
  commits(): number;
  /**
   * Counts SQL statements sent while `fn` runs (for N+1 tests and benchmarks); only on a
   * database opened with `countStatements`.
   */
  countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; count: number }>;
  close(): Promise<void>;
}

export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL), got "${url}"`);
}

/**
 * A case-insensitive substring filter on either database: SQLite's LIKE ignores the case of
 * ASCII letters, PostgreSQL's needs `mode: "insensitive"`, which the SQLite client's types lack.
 */
export function textContains(db: Database, text: string): { contains: string } {
  return db.kind === "postgres"
    ? ({ contains: text, mode: "insensitive" } as { contains: string })
    : { contains: text };
}

export function sqliteFile(url: string): string {
  return url.replace(/^file:/, "");
}

const TX_OPTIONS = { maxWait: 60_000, timeout: 60_000 };
/** How long a SQLite connection waits for another process's write lock before giving up. */
export const SQLITE_BUSY_TIMEOUT_MS = 15_000;

export interface OpenOptions {
  /**
   * Has Prisma report every statement, so that countQueries can count them. Off in the hub:
   * the report of each statement (its text and parameters as JSON) cost 2-10 % of a request.
   */
  countStatements?: boolean;
}

function counter(enabled: boolean) {
  let counting = 0;
  let counted = 0;
  return {
    /** Prisma's log setting: query events only when counting. */
    log: enabled ? [{ emit: "event" as const, level: "query" as const }] : [],
    onQuery: () => {
      if (counting > 0) counted++;
    },
    async count<T>(fn: () => Promise<T>): Promise<{ result: T; count: number }> {
      if (!enabled) throw new Error("countQueries needs a database opened with { countStatements: true }");
      counting++;
      const before = counted;
      try {
        const result = await fn();
        return { result, count: counted - before };
      } finally {
        counting--;
      }
    },
  };
}

/**
 * The adapter opens transactions with a plain BEGIN. A transaction that reads first and writes
 * later fails at once (SQLITE_BUSY_SNAPSHOT, no busy wait) when another process committed in
 * between; a write as its first statement takes the write lock at the start instead, waiting
 * for other processes as long as the busy timeout allows. This one writes nothing.
 */
const TAKE_WRITE_LOCK = `UPDATE "_prisma_migrations" SET "id" = "id" WHERE 0`;

/** One writer per process; the chain keeps waiting writers out of Prisma's maxWait. */
function serial() {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };
}

export function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const counting = options.countStatements ?? false;
  return databaseKind(url) === "postgres" ? openPostgres(url, counting) : openSqlite(url, counting);
}

type SqliteConnection = BetterSqlite3.Database;

/** The better-sqlite3 connection under an adapter. */
const connectionOf = (adapter: SqlDriverAdapter) =>
  (adapter as unknown as { client: SqliteConnection }).client;

/**
 * The better-sqlite3 adapter prepares every statement anew (about a tenth of a small request's
 * time). This keeps prepared statements per connection, keyed by their SQL, and executes them
 * with the arguments the adapter would have bound; better-sqlite3 is synchronous, so a statement
 * is never in use twice at once.
 */
function cacheStatements(connection: SqliteConnection): void {
  const prepare = connection.prepare.bind(connection);
  // A statement's result columns are fixed once it is prepared (the schema does not change
  // while the hub serves), so they are asked for once, not with every execution.
  const cache = new Map<
    string,
    { statement: BetterSqlite3.Statement; columns?: BetterSqlite3.ColumnDefinition[] }
  >();
  (connection as { prepare: unknown }).prepare = (sql: string) => {
    let cached = cache.get(sql);
    if (!cached) {
      // Lists of ids give many shapes of one query: a bounded cache, emptied when full.
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
      cached = { statement: prepare(sql) };
      cache.set(sql, cached);
    }
    const entry = cached;
    const statement = entry.statement;
    return {
      run: (...args: unknown[]) => statement.run(...args),
      bind: (args: unknown[]) => ({
        reader: statement.reader,
        run: () => statement.run(args),
        columns: () => {
          entry.columns ??= statement.columns();
          return entry.columns;
        },
        raw: () => ({ all: () => statement.raw(true).all(args) }),
      }),
    };
  };
}

/**
 * One Prisma client over two connections (a client costs tens of MiB): queries outside a
 * transaction go to the read-only connection, so that nobody reads another writer's uncommitted
 * rows; the writer's turn opens its transaction on the writer connection. Any other transaction
 * (Prisma opens one for a nested write) runs on the read-only connection and cannot write.
 */
function splitConnections(url: string, turn: { writer: boolean }): SqlDriverAdapterFactory {
  const options = { url, timeout: SQLITE_BUSY_TIMEOUT_MS };
  const writerFactory = new PrismaBetterSqlite3(options);
  const readerFactory = new PrismaBetterSqlite3({ ...options, readonly: true });
  return {
    provider: writerFactory.provider,
    adapterName: writerFactory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const writer = await writerFactory.connect();
      const reader = await readerFactory.connect();
      const connection = connectionOf(writer);
      // journal_mode is stored in the file; synchronous and foreign_keys hold per connection.
      connection.pragma("journal_mode = WAL");
      connection.pragma("synchronous = FULL");
      connection.pragma("foreign_keys = ON");
      // ANALYZE by PRAGMA optimize reads at most this many rows per index: milliseconds, not minutes.
      connection.pragma("analysis_limit = 1000");
      cacheStatements(connection);
      cacheStatements(connectionOf(reader));
      return {
        provider: writer.provider,
        adapterName: writer.adapterName,
        queryRaw: (query) => reader.queryRaw(query),
        executeRaw: (query) => reader.executeRaw(query),
        executeScript: (script) => reader.executeScript(script),
        startTransaction: (isolationLevel) => {
          if (!turn.writer) return reader.startTransaction(isolationLevel);
          turn.writer = false;
          return writer.startTransaction(isolationLevel);
        },
        getConnectionInfo: () => writer.getConnectionInfo?.() ?? { supportsRelationJoins: false },
        async dispose() {
          await reader.dispose();
          await writer.dispose();
        },
      };
    },
  };
}

const STATEMENT_CACHE_SIZE = 1000;

interface PendingWork {
  fn: (tx: Tx) => Promise<unknown>;
  afterCommit?: (value: unknown) => Promise<void>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** At most this many writers share one commit. */
const GROUP_COMMIT_MAX = 64;

/**
 * Group commit: a commit waits for the disk (synchronous = FULL), and while it waits, other
 * writers queue. The next turn runs everything queued in one transaction, each writer in a
 * savepoint of its own, so that one writer's failure rolls back only its own changes, and
 * commits once. Every writer learns its outcome only after that commit is durable; the
 * after-commit steps (events) then run in commit order, before the next turn.
 */
class GroupCommit {
  private queue: PendingWork[] = [];
  private running = false;
  committed = 0;

  constructor(
    private readonly client: PrismaClient,
    /** Set right before the turn's transaction starts: it then opens on the writer connection. */
    private readonly turnFlag: { writer: boolean },
  ) {}

  submit<T>(fn: (tx: Tx) => Promise<T>, afterCommit?: (value: T) => Promise<void>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        fn,
        afterCommit: afterCommit as PendingWork["afterCommit"],
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        // Requests that were waiting while the last commit blocked the process reach the queue
        // in this round of the event loop: they join this turn instead of waiting for the next.
        await new Promise((resolve) => setImmediate(resolve));
        await this.turn(this.queue.splice(0, GROUP_COMMIT_MAX));
      }
    } finally {
      this.running = false;
    }
  }

  private async turn(batch: PendingWork[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      this.turnFlag.writer = true;
      outcomes = await this.client.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(TAKE_WRITE_LOCK);
        // One writer alone needs no savepoint: its failure rolls back the transaction.
        if (batch.length === 1) return [{ ok: true, value: await (batch[0] as PendingWork).fn(tx) }];
        const results: Outcome[] = [];
        for (const [index, work] of batch.entries()) {
          await tx.$executeRawUnsafe(`SAVEPOINT w${index}`);
          try {
            const value = await work.fn(tx);
            await tx.$executeRawUnsafe(`RELEASE w${index}`);
            results.push({ ok: true, value });
          } catch (error) {
            await tx.$executeRawUnsafe(`ROLLBACK TO w${index}`);
            await tx.$executeRawUnsafe(`RELEASE w${index}`);
            results.push({ ok: false, error });
          }
        }
        return results;
      }, TX_OPTIONS);
    } catch (error) {
      for (const work of batch) work.reject(error);
      return;
    }
    this.committed++;
    for (const [index, work] of batch.entries()) {
      const outcome = outcomes[index] as Outcome;
      if (!outcome.ok) {
        work.reject(outcome.error);
        continue;
      }
      try {
        await work.afterCommit?.(outcome.value);
        work.resolve(outcome.value);
      } catch (error) {
        work.reject(error);
      }
    }
  }
}

async function openSqlite(url: string, countStatements: boolean): Promise<Database> {
  const file = sqliteFile(url);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const queries = counter(countStatements);
  const turn = { writer: false };
  const read = new PrismaClient({ adapter: splitConnections(url, turn), log: queries.log });
  if (countStatements) (read as PrismaClient<"query">).$on("query", queries.onQuery);
  await read.$connect();
  const commits = new GroupCommit(read, turn);
  // The query planner's statistics, brought up to date where they are missing (a new index, a
  // never-analysed table) or stale (a table grown much since): without them SQLite picked the
  // (orderId, lineId) index for the per-day sums too, which then sorted (5.4 instead of 2.2 ms).
  // Before the first read: a connection loads the statistics with the schema and does not see
  // another connection's ANALYZE later (the read-only one cannot reload them itself), so this
  // runs once per start, after the migrations; PostgreSQL's autovacuum keeps its own.
  await commits.submit(async (tx) => {
    await tx.$executeRawUnsafe("PRAGMA optimize = 0x10002");
  });
  return {
    url,
    kind: "sqlite",
    read,
    transact: (fn, afterCommit) => commits.submit(fn, afterCommit),
    commits: () => commits.committed,
    countQueries: queries.count,
    async close() {
      await read.$disconnect();
    },
  };
}

/** PostgreSQL advisory lock keys: any fixed numbers, the same in every process of the hub. */
export const ADVISORY_LOCKS = {
  /** The writer's turn across instances. */
  writer: 7_310_420_261,
  /** One migration run at a time. */
  migration: 7_310_420_262,
  /** One copy into a database at a time (npm run db:copy). */
  copy: 7_310_420_263,
} as const;

/**
 * The writer's turn across instances: a session-level advisory lock on a connection of its own,
 * held from before the transaction until its events are published. A dead instance's
 * connection closes and PostgreSQL releases the lock with it.
 */
class WriterLock {
  private client: pg.Client | null = null;

  constructor(private readonly url: string) {}

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({ connectionString: this.url, application_name: "hub-writer-lock" });
    client.on("error", () => {
      if (this.client === client) this.client = null;
    });
    await client.connect();
    this.client = client;
    return client;
  }

  async hold<T>(task: () => Promise<T>): Promise<T> {
    const client = await this.connection();
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCKS.writer]);
    try {
      return await task();
    } finally {
      try {
        await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCKS.writer]);
      } catch {
        // A connection that cannot unlock is dropped; the server releases the lock with it.
        this.client = null;
        await client.end().catch(() => undefined);
      }
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end();
  }
}

async function openPostgres(url: string, countStatements: boolean): Promise<Database> {
  const queries = counter(countStatements);
  const client = new PgPrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 10, application_name: "hub" }),
    log: queries.log,
  });
  if (countStatements) (client as PgPrismaClient<"query">).$on("query", queries.onQuery);
  // The clients differ only in their transaction options' isolation levels.
  const read = client as unknown as PrismaClient;
  const lock = new WriterLock(url);
  const inTurn = serial();
  let committed = 0;
  return {
    url,
    kind: "postgres",
    read,
    transact: (fn, afterCommit) =>
      inTurn(() =>
        lock.hold(async () => {
          const value = await read.$transaction(fn, TX_OPTIONS);
          committed++;
          await afterCommit?.(value);
          return value;
        }),
      ),
    commits: () => committed,
    countQueries: queries.count,
    async close() {
      await lock.close();
      await client.$disconnect();
    },
  };
}
