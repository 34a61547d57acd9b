// Copies a SQLite hub database into an empty PostgreSQL one (`npm run db:copy`), then checks
// the copy: row counts per table and the exact sums of the ledger and the money columns.
//
// Rows are read with the SQLite client and written with the PostgreSQL client, so Prisma
// converts every type on the way (DateTime, Boolean, BigInt, enums) as the hub itself would.
// Tables go in an order that satisfies the foreign keys, derived from the datamodel; rows of a
// table that refers to itself (a reversal to its booking, an agenda item to the one it carries
// forward) go after the rows they refer to. The source is read inside one transaction, so the
// copy is a consistent snapshot even if the file is in use; the target is written inside one
// transaction too, so a failed copy leaves the target empty and the copy can simply be repeated.
import fs from "node:fs";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { ADVISORY_LOCKS, databaseKind, type ReadClient, SQLITE_BUSY_TIMEOUT_MS } from "./client.ts";
import { PrismaClient } from "./generated/client/client.ts";
import { PrismaClient as PgPrismaClient } from "./generated/pg-client/client.ts";
import { getDatamodel } from "./generated/pothos-types.ts";
import { migrateDeploy, pendingMigrations, sqliteFilePath } from "./migrate.ts";

/** The arguments are wrong: the CLI exits with 2. */
export class CopyUsageError extends Error {}
/** The copy must not run (target not empty, source missing or behind): the CLI exits with 1. */
export class CopyRefused extends Error {}

type Row = Record<string, unknown>;

/** The model delegate operations the copy uses; both generated clients have them for every model. */
interface Delegate {
  count(args?: object): Promise<number>;
  findMany(args: object): Promise<Row[]>;
  findFirst(args: object): Promise<Row | null>;
  createMany(args: { data: Row[] }): Promise<{ count: number }>;
  groupBy(args: object): Promise<Row[]>;
}

export interface TableInfo {
  /** Model name, e.g. "Booking". */
  name: string;
  /** Its delegate on a Prisma client, e.g. "booking". */
  delegate: string;
  /** Other models it refers to through a foreign key. */
  dependsOn: string[];
  /** Fields the rows are read in, unique together (the primary key unless `READ_ORDER` says otherwise). */
  order: string[];
  /** The name of that unique key as a Prisma cursor takes it. */
  cursorName: string;
  /** Foreign keys into the same table: the row referred to has to be written first. */
  selfRelations: { from: string[]; to: string[] }[];
}

/**
 * Read orders that put referred-to rows first, where the schema has one: the ledger's commit
 * order (a reversal is always booked after its entry). Other self-referencing tables are read by
 * primary key and a row waits until the row it refers to has been written.
 */
const READ_ORDER: Record<string, string[]> = { Booking: ["seq"] };

function delegateName(model: string): string {
  return model.charAt(0).toLowerCase() + model.slice(1);
}

/**
 * Every model table in an order that satisfies its foreign keys (Kahn's algorithm, ties in
 * schema order). Prisma 7's `prisma-client` generator no longer exports `Prisma.dmmf`; the
 * datamodel Pothos generates from the same schema carries the relations and keys.
 */
export function copyOrder(): TableInfo[] {
  const models = getDatamodel().datamodel.models;
  const tables = new Map<string, TableInfo>();
  for (const [name, model] of Object.entries(models)) {
    const primaryKey = model.primaryKey?.fields ?? model.fields.filter((f) => f.isId).map((f) => f.name);
    if (primaryKey.length === 0)
      throw new Error(`Model ${name} has no primary key; the copy cannot page through it`);
    const dependsOn = new Set<string>();
    const selfRelations: TableInfo["selfRelations"] = [];
    for (const field of model.fields) {
      if (field.kind !== "object") continue;
      const from = field.relationFromFields ?? [];
      if (from.length === 0) {
        // An implicit many-to-many relation has a join table of its own that no model names.
        const other = models[field.type]?.fields.find(
          (f) => f.relationName === field.relationName && f !== field && f.kind === "object",
        );
        if (field.isList && other?.isList)
          throw new Error(
            `Implicit many-to-many relation ${field.relationName} is not supported by the copy`,
          );
        continue;
      }
      if (field.type === name) {
        // The datamodel names the referencing fields only; every self-relation here refers to the key.
        selfRelations.push({ from: [...from], to: [...primaryKey] });
      } else dependsOn.add(field.type);
    }
    const readOrder = READ_ORDER[name];
    const order = [...(readOrder ?? primaryKey)];
    const index = model.uniqueIndexes.find((unique) => unique.fields.join() === order.join());
    const unique =
      !readOrder ||
      index !== undefined ||
      (order.length === 1 && model.fields.some((f) => f.name === order[0] && (f.isUnique || f.isId)));
    if (!unique) throw new Error(`The read order of ${name} (${order.join(", ")}) is not a unique key`);
    // Prisma names a compound key after its fields unless the schema names it.
    const cursorName =
      order.length === 1
        ? (order[0] as string)
        : ((readOrder ? index?.name : model.primaryKey?.name) ?? order.join("_"));
    tables.set(name, {
      name,
      delegate: delegateName(name),
      dependsOn: [...dependsOn],
      order,
      cursorName,
      selfRelations,
    });
  }

  const sorted: TableInfo[] = [];
  const placed = new Set<string>();
  while (sorted.length < tables.size) {
    const next = [...tables.values()].find(
      (table) => !placed.has(table.name) && table.dependsOn.every((dep) => placed.has(dep)),
    );
    if (!next) {
      const left = [...tables.keys()].filter((name) => !placed.has(name));
      throw new Error(
        `The foreign keys between ${left.join(", ")} form a cycle; no insert order satisfies them`,
      );
    }
    sorted.push(next);
    placed.add(next.name);
  }
  return sorted;
}

/** The exact-amount columns summed per group on both sides after a copy. */
export const LEDGER_SUMS: readonly { model: string; field: string; by: string; group: string }[] = [
  { model: "Booking", field: "personDays", by: "orderId", group: "order" },
  { model: "DailyTotal", field: "personDays", by: "orderId", group: "order" },
  { model: "DailyTotal", field: "count", by: "orderId", group: "order" },
  { model: "ServiceLine", field: "volume", by: "orderId", group: "order" },
  { model: "OrderAmendment", field: "newVolume", by: "orderId", group: "order" },
  { model: "ServiceOrder", field: "dailyRateCents", by: "authorityId", group: "authority" },
  { model: "ProcurementRequest", field: "estimatedCostCents", by: "authorityId", group: "authority" },
  { model: "Decision", field: "costImpactCents", by: "authorityId", group: "authority" },
  { model: "Decision", field: "personDayImpact", by: "authorityId", group: "authority" },
];

/** A URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/, "$1***@");
}

/** Refuses anything but a copy from SQLite to PostgreSQL. */
export function checkUrls(from: string | undefined, to: string | undefined): { from: string; to: string } {
  if (!from || !to)
    throw new CopyUsageError("Both --from <SQLite URL> and --to <PostgreSQL URL> are required.");
  const kind = (url: string) => {
    try {
      return databaseKind(url);
    } catch {
      return undefined;
    }
  };
  if (kind(from) !== "sqlite")
    throw new CopyUsageError(`--from must be a SQLite URL (file:…), got "${redact(from)}".`);
  if (kind(to) !== "postgres")
    throw new CopyUsageError(
      `--to must be a PostgreSQL URL (postgres://… or postgresql://…), got "${redact(to)}".`,
    );
  return { from, to };
}

function openSource(url: string): ReadClient {
  return new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url, readonly: true, timeout: SQLITE_BUSY_TIMEOUT_MS }),
  });
}

function openTarget(url: string): ReadClient {
  const client = new PgPrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 2, application_name: "hub-db-copy" }),
  });
  // The clients differ only in their transaction options' isolation levels (see client.ts).
  return client as unknown as ReadClient;
}

function delegate(client: unknown, table: TableInfo | string): Delegate {
  const name = typeof table === "string" ? delegateName(table) : table.delegate;
  const found = (client as Record<string, unknown>)[name];
  if (!found) throw new Error(`The Prisma client has no model delegate "${name}"`);
  return found as Delegate;
}

/** Progress of one table; `done` once more after its last batch. */
export interface Progress {
  update(table: string, copied: number, total: number): void;
  done(table: string, copied: number, total: number): void;
}

/** `Booking: 12000/50000`, overwritten in place on a terminal, one line per table otherwise. */
export function progressPrinter(stream: NodeJS.WritableStream & { isTTY?: boolean }): Progress {
  const line = (table: string, copied: number, total: number) => `${table}: ${copied}/${total}`;
  if (stream.isTTY) {
    return {
      update: (table, copied, total) => stream.write(`\r${line(table, copied, total)}\x1b[K`),
      done: (table, copied, total) => stream.write(`\r${line(table, copied, total)}\x1b[K\n`),
    };
  }
  return {
    update: () => {},
    done: (table, copied, total) => stream.write(`${line(table, copied, total)}\n`),
  };
}

export interface CopyOptions {
  from: string;
  to: string;
  /** Rows per read and per `createMany`; 1000 unless told. */
  batchSize?: number;
  log?: (line: string) => void;
  progress?: Progress;
}

export interface CopyResult {
  tables: { name: string; records: number }[];
  records: number;
  /** Milliseconds for the copy itself (after the migrations). */
  copyMs: number;
  /** Milliseconds for the target's migrations. */
  migrateMs: number;
}

/** Two copies into one database take turns and the second finds it not empty. */
const COPY_LOCK_KEY = ADVISORY_LOCKS.copy;
/** The hub's writer lock: a hub on the target waits for the copy. */
const HUB_WRITER_LOCK_KEY = ADVISORY_LOCKS.writer;
/** Long enough for any database this hub holds; Prisma's default interactive timeout is 5 s. */
const LONG_TRANSACTION = { maxWait: 60_000, timeout: 24 * 60 * 60_000 };

function keyOf(row: Row, fields: readonly string[]): string {
  return fields.map((field) => String(row[field])).join("\u001f");
}

function cursorOf(table: TableInfo, row: Row): Row {
  if (table.order.length === 1) {
    const [field] = table.order as [string];
    return { [field]: row[field] };
  }
  return { [table.cursorName]: Object.fromEntries(table.order.map((field) => [field, row[field]])) };
}

/**
 * Copies every record of every model table from the SQLite database at `from` into the
 * PostgreSQL database at `to`, after applying the target's pending migrations. Refuses
 * (CopyRefused) when the target holds any record, or the source is missing or not migrated.
 */
export async function copyDatabase(options: CopyOptions): Promise<CopyResult> {
  const { from, to } = checkUrls(options.from, options.to);
  const batchSize = options.batchSize ?? 1000;
  const log = options.log ?? (() => {});
  const progress = options.progress ?? { update: () => {}, done: () => {} };

  const file = sqliteFilePath(from);
  if (!fs.existsSync(file)) throw new CopyRefused(`There is no SQLite database at ${file}.`);
  const behind = await pendingMigrations(from);
  if (behind.length > 0)
    throw new CopyRefused(
      `The source database lacks ${behind.length} migration(s) (${behind.join(", ")}); ` +
        "run npm run db:migrate with DATABASE_URL set to it first.",
    );

  const tables = copyOrder();
  const migrateStart = performance.now();
  await migrateDeploy(to, log);
  const migrateMs = performance.now() - migrateStart;

  const source = openSource(from);
  const target = openTarget(to);
  const copyStart = performance.now();
  try {
    const copied = await target.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${COPY_LOCK_KEY})`);
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${HUB_WRITER_LOCK_KEY})`);
      const occupied: string[] = [];
      for (const table of tables) {
        if (await delegate(tx, table).findFirst({ select: { [table.order[0] as string]: true } }))
          occupied.push(table.name);
      }
      if (occupied.length > 0)
        throw new CopyRefused(
          `The target database ${redact(to)} already holds records (in ${occupied.join(", ")}); ` +
            "the copy goes into an empty database only.",
        );
      // One read transaction: the rows of every table come from the same snapshot.
      return source.$transaction(async (read) => {
        const counts: CopyResult["tables"] = [];
        for (const table of tables) {
          const records = await copyTable(
            table,
            delegate(read, table),
            delegate(tx, table),
            batchSize,
            progress,
          );
          counts.push({ name: table.name, records });
        }
        return counts;
      }, LONG_TRANSACTION);
    }, LONG_TRANSACTION);
    return {
      tables: copied,
      records: copied.reduce((sum, table) => sum + table.records, 0),
      copyMs: performance.now() - copyStart,
      migrateMs,
    };
  } finally {
    await Promise.allSettled([source.$disconnect(), target.$disconnect()]);
  }
}

async function copyTable(
  table: TableInfo,
  read: Delegate,
  write: Delegate,
  batchSize: number,
  progress: Progress,
): Promise<number> {
  const total = await read.count();
  progress.update(table.name, 0, total);
  const orderBy = table.order.map((field) => ({ [field]: "asc" }));
  const self = table.selfRelations;
  // Per self-relation: the keys written so far; rows waiting for a key, by relation and key.
  const written = self.map(() => new Set<string>());
  const waiting = new Map<string, Row[]>();
  let copied = 0;

  /** The first self-relation whose row is not written yet, as a waiting-list key; null when none. */
  const missing = (row: Row): string | null => {
    for (const [index, relation] of self.entries()) {
      // A foreign key with a NULL column is not checked, as in SQL.
      if (relation.from.some((field) => row[field] === null || row[field] === undefined)) continue;
      const key = keyOf(row, relation.from);
      if (!written[index]?.has(key)) return `${index}:${key}`;
    }
    return null;
  };
  const sortOut = (rows: Row[]): Row[] => {
    const ready: Row[] = [];
    for (const row of rows) {
      const wait = missing(row);
      if (wait === null) ready.push(row);
      else waiting.set(wait, [...(waiting.get(wait) ?? []), row]);
    }
    return ready;
  };
  const writeRows = async (rows: Row[]) => {
    let batch = rows;
    while (batch.length > 0) {
      await write.createMany({ data: batch });
      copied += batch.length;
      progress.update(table.name, copied, total);
      if (self.length === 0) return;
      // Release the rows that waited for these; they go in the next statement, as a foreign key
      // is checked per statement.
      const released: Row[] = [];
      for (const row of batch) {
        for (const [index, relation] of self.entries()) {
          const key = keyOf(row, relation.to);
          written[index]?.add(key);
          const waiters = waiting.get(`${index}:${key}`);
          if (waiters) {
            waiting.delete(`${index}:${key}`);
            released.push(...waiters);
          }
        }
      }
      batch = sortOut(released);
    }
  };

  let cursor: Row | undefined;
  for (;;) {
    const rows = await read.findMany({
      orderBy,
      take: batchSize,
      ...(cursor ? { cursor, skip: 1 } : {}),
    });
    if (rows.length === 0) break;
    cursor = cursorOf(table, rows[rows.length - 1] as Row);
    await writeRows(self.length > 0 ? sortOut(rows) : rows);
    if (rows.length < batchSize) break;
  }
  if (waiting.size > 0) {
    const stuck = [...waiting.values()].reduce((sum, rows) => sum + rows.length, 0);
    throw new Error(
      `${table.name}: ${stuck} row(s) refer to rows of the same table that do not exist or form a cycle ` +
        `(${[...waiting.keys()].slice(0, 5).join(", ")})`,
    );
  }
  progress.done(table.name, copied, total);
  if (copied !== total) throw new Error(`${table.name}: copied ${copied} of ${total} rows`);
  return copied;
}

export interface Verification {
  tables: number;
  /** Records in the source. */
  records: number;
  /** One line per difference, naming the table (and the order or authority of a sum). */
  mismatches: string[];
}

/**
 * Compares the databases after a copy: the row count of every model table, and the sums of
 * `LEDGER_SUMS` per order or authority, exactly (BigInt and Int sums compared as decimal text).
 */
export async function verifyCopy(from: string, to: string): Promise<Verification> {
  checkUrls(from, to);
  const tables = copyOrder();
  const source = openSource(from);
  const target = openTarget(to);
  try {
    const mismatches: string[] = [];
    let records = 0;
    for (const table of tables) {
      const [a, b] = await Promise.all([delegate(source, table).count(), delegate(target, table).count()]);
      records += a;
      if (a !== b) mismatches.push(`${table.name}: ${a} records in the source, ${b} in the target`);
    }
    for (const sum of LEDGER_SUMS) {
      const args = { by: [sum.by], _sum: { [sum.field]: true } };
      const [a, b] = await Promise.all([
        delegate(source, sum.model).groupBy(args),
        delegate(target, sum.model).groupBy(args),
      ]);
      const bySide = (rows: Row[]) =>
        new Map(rows.map((row) => [String(row[sum.by]), String((row._sum as Row)[sum.field] ?? null)]));
      const left = bySide(a);
      const right = bySide(b);
      for (const group of new Set([...left.keys(), ...right.keys()])) {
        const x = left.get(group) ?? "none";
        const y = right.get(group) ?? "none";
        if (x !== y)
          mismatches.push(
            `${sum.model}: sum of ${sum.field} for ${sum.group} ${group} is ${x} in the source, ${y} in the target`,
          );
      }
    }
    return { tables: tables.length, records, mismatches };
  } finally {
    await Promise.allSettled([source.$disconnect(), target.$disconnect()]);
  }
}
