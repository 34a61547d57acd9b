// One writer connection used only inside transactions, one read-only connection for
// everything else. The better-sqlite3 adapter shares a single connection between a
// transaction and every other query, so a read on the writer would see uncommitted
// rows and a write outside the transaction would be rolled back with it.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { type Prisma, PrismaClient } from "./generated/client/client.ts";

export type Tx = Prisma.TransactionClient;
export type ReadClient = PrismaClient;

export interface Database {
  readonly url: string;
  /** Committed data only; refuses writes. */
  readonly read: ReadClient;
  /** Runs `fn` in one serialised write transaction; commits when it resolves, rolls back when it throws. */
  transact<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Counts SQL statements sent on both connections while `fn` runs (for N+1 tests and benchmarks). */
  countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; count: number }>;
  close(): Promise<void>;
}

export function sqliteFile(url: string): string {
  return url.replace(/^file:/, "");
}

export async function openDatabase(url: string): Promise<Database> {
  const file = sqliteFile(url);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let counting = 0;
  let counted = 0;
  const onQuery = () => {
    if (counting > 0) counted++;
  };

  const writer = new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url, timeout: 10_000 }),
    log: [{ emit: "event", level: "query" }],
  });
  writer.$on("query", onQuery);
  // journal_mode is stored in the file; synchronous and foreign_keys hold per connection.
  await writer.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await writer.$queryRawUnsafe("PRAGMA synchronous = FULL");
  await writer.$queryRawUnsafe("PRAGMA foreign_keys = ON");

  const read = new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url, readonly: true, timeout: 10_000 }),
    log: [{ emit: "event", level: "query" }],
  });
  read.$on("query", onQuery);

  // SQLite has one writer; queueing here keeps waiting writers out of Prisma's maxWait.
  let queue: Promise<unknown> = Promise.resolve();
  function transact<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const run = queue.then(() => writer.$transaction(fn, { maxWait: 60_000, timeout: 60_000 }));
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    url,
    read,
    transact,
    async countQueries(fn) {
      counting++;
      const before = counted;
      try {
        const result = await fn();
        return { result, count: counted - before };
      } finally {
        counting--;
      }
    },
    async close() {
      await read.$disconnect();
      await writer.$disconnect();
    },
  };
}
