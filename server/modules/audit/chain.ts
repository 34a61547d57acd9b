// The audit trail as a hash chain. Each entry's hash covers its content, its position (seq) and
// its predecessor's hash, so editing, removing or reordering an entry through the database file
// breaks the chain at that entry (server/modules/audit/verify.ts finds it). Entries are appended
// only by the unit of work, inside the write transaction and the writer's turn, so the
// predecessor is always the entry with the highest seq.
//
// A chain without a secret proves nothing against someone who rewrites the whole trail and
// recomputes every hash; it shows every change made without doing so, and together with a head
// (seq and hash) kept elsewhere it shows a rewrite too.
import { createHash } from "node:crypto";
import type { Tx } from "../../db/client.ts";
import { Prisma } from "../../db/generated/client/client.ts";

/** The predecessor hash of the first entry. */
export const GENESIS = "0".repeat(64);

/** What an entry's hash covers. */
export interface ChainedContent {
  seq: number;
  at: Date;
  actorId: string | null;
  authorityId: string | null;
  objectType: string;
  objectId: string;
  action: string;
  /** The stored JSON text, exactly as written. */
  changes: string;
  prevHash: string;
}

/** The position and hash of an entry; `{ seq: 0, hash: GENESIS }` before the first. */
export interface ChainLink {
  seq: number;
  hash: string;
}

export const CHAIN_START: ChainLink = { seq: 0, hash: GENESIS };

/**
 * SHA-256 (hex) over a JSON array of the fields in a fixed order: JSON escapes every string the
 * same way on every platform, and a millisecond ISO time is what both databases store.
 */
export function entryHash(entry: ChainedContent): string {
  const canonical = JSON.stringify([
    entry.seq,
    entry.at.toISOString(),
    entry.actorId,
    entry.authorityId,
    entry.objectType,
    entry.objectId,
    entry.action,
    entry.changes,
    entry.prevHash,
  ]);
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

/** The columns an entry's hash is computed from, for Prisma selects. */
export const CHAINED_FIELDS = {
  id: true,
  seq: true,
  at: true,
  actorId: true,
  authorityId: true,
  objectType: true,
  objectId: true,
  action: true,
  changes: true,
  prevHash: true,
  hash: true,
} as const;

/** New entries after `head`, numbered and hashed in the order given. */
export function link<T extends Omit<ChainedContent, "seq" | "prevHash">>(
  head: ChainLink,
  entries: T[],
): (T & { seq: number; prevHash: string; hash: string })[] {
  let previous = head;
  return entries.map((entry) => {
    const chained = { ...entry, seq: previous.seq + 1, prevHash: previous.hash };
    const hash = entryHash(chained);
    previous = { seq: chained.seq, hash };
    return { ...chained, hash };
  });
}

/** How many entries one statement hashes when chaining entries from before the chain. */
const CHAIN_BATCH = 500;

/**
 * Chains up to `limit` entries written before the chain existed (their hash is null; the
 * migration numbered them in the order they were written), continuing from the last chained
 * entry. Returns how many it chained. Runs in the caller's write transaction.
 */
export async function chainUnchained(tx: Tx, limit = Number.POSITIVE_INFINITY): Promise<number> {
  const last = await tx.auditEntry.findFirst({
    where: { hash: { not: null } },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  let head: ChainLink = last?.hash ? { seq: last.seq, hash: last.hash } : CHAIN_START;
  let chained = 0;
  while (chained < limit) {
    const batch = await tx.auditEntry.findMany({
      where: { seq: { gt: head.seq } },
      orderBy: { seq: "asc" },
      take: Math.min(CHAIN_BATCH, limit - chained),
      select: CHAINED_FIELDS,
    });
    if (batch.length === 0) break;
    const rows = batch.map((entry) => {
      // Entries keep the positions the migration gave them.
      const hash = entryHash({ ...entry, prevHash: head.hash });
      const row = { id: entry.id, prevHash: head.hash, hash };
      head = { seq: entry.seq, hash };
      return row;
    });
    // One statement per batch: row by row, a long trail would take minutes on PostgreSQL.
    await tx.$executeRaw`UPDATE "AuditEntry" SET "prevHash" = v.column2, "hash" = v.column3
      FROM (VALUES ${Prisma.join(rows.map((row) => Prisma.sql`(${row.id}, ${row.prevHash}, ${row.hash})`))}) AS v
      WHERE "AuditEntry"."id" = v.column1`;
    chained += rows.length;
  }
  return chained;
}

/**
 * The entry new ones follow. Entries from before the chain are chained first, in this
 * transaction, if the hub has not done so at its start (e.g. `user:add` right after a migration).
 */
export async function chainHead(tx: Tx): Promise<ChainLink> {
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  if (!last) return CHAIN_START;
  if (last.hash !== null) return { seq: last.seq, hash: last.hash };
  await chainUnchained(tx);
  const head = await tx.auditEntry.findFirstOrThrow({
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  return { seq: head.seq, hash: head.hash ?? GENESIS };
}
