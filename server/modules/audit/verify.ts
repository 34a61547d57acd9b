// Checks the tamper evidence: the audit chain (server/modules/audit/chain.ts) entry by entry,
// and the triggers that keep the ledger append-only. `npm run audit:verify` checks everything;
// /readyz checks incrementally (ChainWatch) so that a probe's cost does not grow with the trail.
import type { Database, DatabaseKind, ReadClient } from "../../db/client.ts";
import { CHAIN_START, CHAINED_FIELDS, type ChainLink, entryHash, GENESIS } from "./chain.ts";

export interface Finding {
  kind: "chain" | "trigger";
  /** The entry concerned, or the first of a range; null for a trigger. */
  seq: number | null;
  /** The last of a range. */
  through?: number;
  /** The entry's id, where one entry is concerned and it is there. */
  id: string | null;
  problem: string;
}

function span(first: number, last: number): string {
  return first === last ? `seq ${first}` : `seq ${first}–${last}`;
}

export function describeFinding(finding: Finding): string {
  if (finding.seq === null) return finding.problem;
  const id = finding.id ? ` (id ${finding.id})` : "";
  return `${span(finding.seq, finding.through ?? finding.seq)}${id}: ${finding.problem}`;
}

/** What to verify: entries after a link, as far as a limit. */
export interface Range {
  /**
   * Entries after this one. A known hash is what the entry at `seq` must have had (the next
   * one must name it); without one, the entry at `seq` is read too and anchors the range: its
   * content is checked, its link to the one before it is not.
   */
  after: { seq: number; hash: string | null };
  /** At most this many entries besides the anchor. */
  limit?: number;
  /** An entry that must still be there with this hash (what an earlier check saw). */
  known?: ChainLink;
}

export interface RangeResult {
  findings: Finding[];
  /** Entries read, the anchor included. */
  checked: number;
  /** The last entry read, or null if none was. */
  last: ChainLink | null;
}

type Entry = {
  id: string;
  seq: number;
  at: Date;
  actorId: string | null;
  authorityId: string | null;
  objectType: string;
  objectId: string;
  action: string;
  changes: string;
  prevHash: string | null;
  hash: string | null;
};

const PAGE = 1_000;

/** An entry that does not match its hash: moved to another position, or altered. */
async function unmatched(read: ReadClient, entry: Entry & { hash: string }): Promise<Finding> {
  const at = { kind: "chain" as const, seq: entry.seq, id: entry.id };
  if (entry.prevHash === null) return { ...at, problem: "its predecessor's hash was cleared (altered)" };
  // Where it was recorded follows from its neighbours in the chain, wherever they are now.
  const [before, after] = await Promise.all([
    read.auditEntry.findUnique({ where: { hash: entry.prevHash }, select: { id: true, seq: true } }),
    read.auditEntry.findUnique({ where: { prevHash: entry.hash }, select: { id: true, seq: true } }),
  ]);
  const candidates = new Set<number>();
  if (before && before.id !== entry.id) candidates.add(before.seq + 1);
  if (after && after.id !== entry.id) candidates.add(after.seq - 1);
  for (const seq of candidates) {
    if (seq !== entry.seq && seq > 0 && entryHash({ ...entry, seq, prevHash: entry.prevHash }) === entry.hash)
      return { ...at, problem: `recorded at seq ${seq}, now at seq ${entry.seq} (reordered)` };
  }
  return { ...at, problem: "its content does not match its hash (altered)" };
}

/** Verifies the entries of `range` in chain order, reading a page at a time. */
export async function verifyRange(read: ReadClient, range: Range): Promise<RangeResult> {
  const findings: Finding[] = [];
  const anchored = range.after.hash === null;
  const limit = (range.limit ?? Number.POSITIVE_INFINITY) + (anchored ? 1 : 0);
  // The entry before the next one; `intact` when its own content matches its hash.
  let previous: { seq: number; id: string | null; hash: string; intact: boolean } | null = anchored
    ? null
    : { seq: range.after.seq, id: null, hash: range.after.hash as string, intact: true };
  let expected = anchored ? range.after.seq : range.after.seq + 1;
  // A run of entries without a hash, reported once it ends.
  let cleared = null as { first: Entry; last: Entry } | null;
  let knownSeen = range.known === undefined || range.known.seq <= range.after.seq;
  let checked = 0;
  let last: ChainLink | null = null;
  let cursor = anchored ? range.after.seq - 1 : range.after.seq;

  const reportCleared = () => {
    if (!cleared) return;
    const { first, last: end } = cleared;
    findings.push({
      kind: "chain",
      seq: first.seq,
      ...(end.seq > first.seq ? { through: end.seq } : {}),
      id: first === end ? first.id : null,
      problem:
        "no hash (cleared, or written before the chain and not chained yet: the hub chains those when it starts)",
    });
    cleared = null;
  };

  let more = true;
  while (more && checked < limit) {
    const take = Math.min(PAGE, limit - checked);
    const page: Entry[] = await read.auditEntry.findMany({
      where: { seq: { gt: cursor } },
      orderBy: { seq: "asc" },
      take,
      select: CHAINED_FIELDS,
    });
    more = page.length === take;
    for (const entry of page) {
      checked++;
      cursor = entry.seq;
      if (entry.seq > expected) {
        findings.push({
          kind: "chain",
          seq: expected,
          ...(entry.seq - 1 > expected ? { through: entry.seq - 1 } : {}),
          id: null,
          problem: "missing (removed)",
        });
        previous = null;
      }
      expected = entry.seq + 1;
      if (range.known?.seq === entry.seq) {
        knownSeen = true;
        if (entry.hash !== range.known.hash)
          findings.push({
            kind: "chain",
            seq: entry.seq,
            id: entry.id,
            problem: `its hash is no longer ${range.known.hash} (rewritten)`,
          });
      }
      if (entry.hash === null) {
        cleared = cleared ? { ...cleared, last: entry } : { first: entry, last: entry };
        previous = null;
        continue;
      }
      reportCleared();
      const hash = entry.hash;
      last = { seq: entry.seq, hash };
      const intact = entry.prevHash !== null && entryHash({ ...entry, prevHash: entry.prevHash }) === hash;
      if (!intact) findings.push(await unmatched(read, { ...entry, hash }));
      else if (previous?.intact && entry.prevHash !== previous.hash)
        // Both match their hashes, yet do not link: one was rewritten with a new hash.
        findings.push({
          kind: "chain",
          seq: entry.seq,
          id: entry.id,
          problem:
            `does not follow seq ${previous.seq}${previous.id ? ` (id ${previous.id})` : ""}: ` +
            "one of the two was rewritten with a recomputed hash",
        });
      previous = { seq: entry.seq, id: entry.id, hash, intact };
    }
  }
  reportCleared();
  if (!knownSeen && range.known && checked < limit)
    findings.push({
      kind: "chain",
      seq: expected,
      ...(range.known.seq > expected ? { through: range.known.seq } : {}),
      id: null,
      problem: "missing (removed from the end)",
    });
  return { findings, checked, last };
}

/** The triggers that keep the ledger append-only, by name, and the change each refuses. */
export const LEDGER_TRIGGERS = { Booking_no_update: "UPDATE", Booking_no_delete: "DELETE" } as const;

interface TriggerRow {
  name: string;
  /** SQLite: the CREATE TRIGGER statement; PostgreSQL: pg_get_triggerdef. */
  definition: string;
  /** PostgreSQL: the function's body and whether the trigger fires (tgenabled). */
  body?: string;
  enabled?: string;
}

/** Missing, disabled or defused ledger triggers. */
export async function ledgerTriggerFindings(db: {
  kind: DatabaseKind;
  read: ReadClient;
}): Promise<Finding[]> {
  const rows =
    db.kind === "sqlite"
      ? await db.read.$queryRawUnsafe<TriggerRow[]>(
          `SELECT name, sql AS definition FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Booking'`,
        )
      : await db.read.$queryRawUnsafe<TriggerRow[]>(
          `SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS definition, p.prosrc AS body,
                  t.tgenabled::text AS enabled
             FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE t.tgrelid = to_regclass('"Booking"') AND NOT t.tgisinternal`,
        );
  const findings: Finding[] = [];
  const problem = (text: string) => findings.push({ kind: "trigger", seq: null, id: null, problem: text });
  for (const [name, event] of Object.entries(LEDGER_TRIGGERS)) {
    const row = rows.find((one) => one.name === name);
    if (!row) {
      problem(`ledger trigger ${name} is missing: bookings can be changed (${event})`);
      continue;
    }
    const fires = new RegExp(`\\bBEFORE\\s+${event}\\s+ON\\s+"?(public"?\\."?)?Booking"?`, "i").test(
      row.definition,
    );
    // 'O' fires in normal sessions, 'A' always; 'D' is disabled, 'R' only fires on replicas.
    const enabled = db.kind === "sqlite" || row.enabled === "O" || row.enabled === "A";
    const refuses =
      db.kind === "sqlite"
        ? /RAISE\s*\(\s*ABORT/i.test(row.definition)
        : /RAISE\s+EXCEPTION/i.test(row.body ?? "");
    if (!fires || !enabled || !refuses)
      problem(`ledger trigger ${name} no longer refuses ${event} on bookings (changed or disabled)`);
  }
  return findings;
}

export interface TrailReport {
  findings: Finding[];
  entries: number;
  head: ChainLink | null;
}

/** Everything: the whole chain from its first entry, and the ledger's triggers. */
export async function verifyTrail(
  db: { kind: DatabaseKind; read: ReadClient },
  known?: ChainLink,
): Promise<TrailReport> {
  const chain = await verifyRange(db.read, { after: CHAIN_START, known });
  const triggers = await ledgerTriggerFindings(db);
  return { findings: [...chain.findings, ...triggers], entries: chain.checked, head: chain.last };
}

/** What one /readyz probe reads at most, in entries. */
export interface ProbeLimits {
  /** Entries written since the last probe. */
  fresh: number;
  /** The latest entries, checked again on every probe. */
  tail: number;
  /** Older entries, checked again in turn, a slice per probe, round the whole trail. */
  sweep: number;
}

export const PROBE_LIMITS: ProbeLimits = { fresh: 5_000, tail: 100, sweep: 500 };

/**
 * The probe's view of the chain, per instance: the last entry it verified (new entries must
 * follow it, and it must keep its hash), and where its sweep through older entries stands.
 * A finding does not move either, so every later probe finds it again until it is repaired.
 */
export class ChainWatch {
  private verified: ChainLink = CHAIN_START;
  private sweptTo = 0;
  private running: Promise<Finding[]> | null = null;

  constructor(
    private readonly db: Database,
    private readonly limits: ProbeLimits = PROBE_LIMITS,
  ) {}

  /** The findings now; probes that arrive while one runs share its answer. */
  check(): Promise<Finding[]> {
    this.running ??= this.probe().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async probe(): Promise<Finding[]> {
    const triggers = await ledgerTriggerFindings(this.db);
    const tailFrom = Math.max(0, this.verified.seq - this.limits.tail);
    const recent = await verifyRange(this.db.read, {
      after: { seq: tailFrom, hash: tailFrom === 0 ? GENESIS : null },
      limit: this.verified.seq - tailFrom + this.limits.fresh,
      known: this.verified.seq > 0 ? this.verified : undefined,
    });
    if (recent.findings.length === 0 && recent.last) this.verified = recent.last;
    const older = await this.sweep(tailFrom);
    return [...recent.findings, ...older, ...triggers];
  }

  /** The next slice of the entries before the tail; back to the start after the last. */
  private async sweep(tailFrom: number): Promise<Finding[]> {
    if (tailFrom === 0) return [];
    const from = this.sweptTo;
    const slice = await verifyRange(this.db.read, {
      after: { seq: from, hash: from === 0 ? GENESIS : null },
      limit: Math.min(this.limits.sweep, Math.max(1, tailFrom - from)),
    });
    if (slice.findings.length > 0) return slice.findings;
    const reached = slice.last?.seq ?? 0;
    this.sweptTo = reached >= tailFrom || slice.last === null ? 0 : reached;
    return [];
  }
}
