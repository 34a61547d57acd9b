// Throttles failed sign-ins per account and per client address. The counts live in the
// database, so every instance sees the same ones: switching instance does not reset them.
import { createHash } from "node:crypto";
import type { ReadClient, Tx } from "../../db/client.ts";

export interface ThrottlePolicy {
  /** Failures allowed before a key is locked. */
  freeFailures: number;
  /** Lock after the first failure beyond the free ones; doubles with each further failure. */
  baseLockMs: number;
  maxLockMs: number;
  /** Failures older than this are forgotten. */
  windowMs: number;
}

export interface ThrottleEntry {
  failures: number;
  lastFailure: number;
  lockedUntil: number;
}

export class Throttle {
  constructor(
    /** Keeps account and address keys apart in the one table. */
    private readonly kind: string,
    readonly policy: ThrottlePolicy,
  ) {}

  /** The entry still in force at `now`, or null once its window has passed and no lock holds. */
  current(entry: ThrottleEntry | null, now: number): ThrottleEntry | null {
    if (!entry) return null;
    if (now - entry.lastFailure > this.policy.windowMs && now >= entry.lockedUntil) return null;
    return entry;
  }

  /** Milliseconds until the key may try again; 0 when it may now. */
  wait(entry: ThrottleEntry | null, now: number): number {
    const live = this.current(entry, now);
    return live ? Math.max(0, live.lockedUntil - now) : 0;
  }

  /** The entry after one more failure at `now`. */
  next(entry: ThrottleEntry | null, now: number): ThrottleEntry {
    const live = this.current(entry, now) ?? { failures: 0, lastFailure: now, lockedUntil: 0 };
    const failures = live.failures + 1;
    const over = failures - this.policy.freeFailures;
    const lockedUntil =
      over > 0
        ? now + Math.min(this.policy.maxLockMs, this.policy.baseLockMs * 2 ** (over - 1))
        : live.lockedUntil;
    return { failures, lastFailure: now, lockedUntil };
  }

  /** Stored under a hash: a key is as long as a hash however long the e-mail address typed. */
  key(id: string): string {
    return createHash("sha256").update(`${this.kind}:${id}`).digest("hex");
  }

  async retryAfter(db: ReadClient | Tx, id: string, now = Date.now()): Promise<number> {
    return this.wait(await this.read(db, id), now);
  }

  async fail(tx: Tx, id: string, now = Date.now()): Promise<void> {
    const key = this.key(id);
    const entry = this.next(await this.read(tx, id), now);
    const data = {
      failures: entry.failures,
      lastFailure: new Date(entry.lastFailure),
      lockedUntil: new Date(entry.lockedUntil),
    };
    await tx.signInThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
    // Forgotten entries go as new ones come, so the table stays as small as the recent failures.
    await tx.signInThrottle.deleteMany({
      where: {
        lastFailure: { lt: new Date(now - this.policy.windowMs) },
        lockedUntil: { lt: new Date(now) },
      },
    });
  }

  async reset(tx: Tx, id: string): Promise<void> {
    await tx.signInThrottle.deleteMany({ where: { key: this.key(id) } });
  }

  private async read(db: ReadClient | Tx, id: string): Promise<ThrottleEntry | null> {
    const row = await db.signInThrottle.findUnique({ where: { key: this.key(id) } });
    return row
      ? {
          failures: row.failures,
          lastFailure: row.lastFailure.getTime(),
          lockedUntil: row.lockedUntil.getTime(),
        }
      : null;
  }
}
