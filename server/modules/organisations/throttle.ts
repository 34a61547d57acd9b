// Throttles failed sign-ins per account and per client address. Kept in memory: the hub
// runs one process per database, and a restart merely forgives recent failures.

export interface ThrottlePolicy {
  /** Failures allowed before a key is locked. */
  freeFailures: number;
  /** Lock after the first failure beyond the free ones; doubles with each further failure. */
  baseLockMs: number;
  maxLockMs: number;
  /** Failures older than this are forgotten. */
  windowMs: number;
}

interface Entry {
  failures: number;
  lastFailure: number;
  lockedUntil: number;
}

export class Throttle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly policy: ThrottlePolicy) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfter(key: string, now = Date.now()): number {
    const entry = this.current(key, now);
    return entry ? Math.max(0, entry.lockedUntil - now) : 0;
  }

  fail(key: string, now = Date.now()): void {
    const entry = this.current(key, now) ?? { failures: 0, lastFailure: now, lockedUntil: 0 };
    entry.failures++;
    entry.lastFailure = now;
    const over = entry.failures - this.policy.freeFailures;
    if (over > 0) {
      entry.lockedUntil = now + Math.min(this.policy.maxLockMs, this.policy.baseLockMs * 2 ** (over - 1));
    }
    this.entries.set(key, entry);
    if (this.entries.size > 10_000) this.prune(now);
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastFailure > this.policy.windowMs && now >= entry.lockedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private prune(now: number): void {
    for (const key of this.entries.keys()) this.current(key, now);
  }
}
