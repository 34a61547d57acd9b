// Throttles sign-in attempts. An attempt is counted before its password is checked, inside the
// writer's turn, so attempts sent in parallel cannot slip past the count: of a burst only the
// allowed number reach the (costly) password check, the rest are refused with the wait. A
// correct password gives its attempt back. The counts live in the database, so every instance
// sees the same ones and switching instance resets nothing.
//
// Three counts, each with a wait that doubles with every further failure:
// - per account and address, strict: someone mistyping, or a guesser at one place;
// - per address across accounts: a guesser trying many accounts from one place;
// - per account across addresses, looser: a guesser moving between addresses. It spares the
//   addresses the account recently signed in from, so the owner at their usual place is never
//   locked out by someone elsewhere.
import { createHash } from "node:crypto";
import type { ReadClient, Tx } from "../../db/client.ts";

export interface ThrottlePolicy {
  /** Failures allowed before a key has to wait. */
  freeFailures: number;
  /** Wait after the first failure beyond the free ones; doubles with each further failure. */
  baseLockMs: number;
  maxLockMs: number;
  /** Failures older than this are forgotten (longer than maxLockMs, so that waits keep growing). */
  windowMs: number;
}

export interface ThrottleEntry {
  failures: number;
  lastFailure: number;
  lockedUntil: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Stored under a hash: a key is as long as a hash however long the e-mail address typed. */
function hashKey(kind: string, id: string): string {
  return createHash("sha256").update(`${kind}:${id}`).digest("hex");
}

type Client = ReadClient | Tx;

export class Throttle {
  constructor(
    /** Keeps the kinds of keys apart in the one table. */
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

  key(id: string): string {
    return hashKey(this.kind, id);
  }

  async retryAfter(db: Client, id: string, now = Date.now()): Promise<number> {
    return this.wait(await this.read(db, id), now);
  }

  /** Counts one attempt as failed until it proves otherwise (`refund`). */
  async count(tx: Tx, id: string, now: number): Promise<void> {
    await this.write(tx, id, this.next(await this.read(tx, id), now));
  }

  /** Gives a counted attempt back; a wait that only this attempt caused goes with it. */
  async refund(tx: Tx, id: string, now: number): Promise<void> {
    const live = this.current(await this.read(tx, id), now);
    if (!live) return;
    const failures = live.failures - 1;
    if (failures <= 0) return this.reset(tx, id);
    const lockedUntil = failures > this.policy.freeFailures ? live.lockedUntil : 0;
    await this.write(tx, id, { failures, lastFailure: live.lastFailure, lockedUntil });
  }

  async reset(tx: Tx, id: string): Promise<void> {
    await tx.signInThrottle.deleteMany({ where: { key: this.key(id) } });
  }

  private async write(tx: Tx, id: string, entry: ThrottleEntry): Promise<void> {
    const key = this.key(id);
    const data = {
      failures: entry.failures,
      lastFailure: new Date(entry.lastFailure),
      lockedUntil: new Date(entry.lockedUntil),
    };
    await tx.signInThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
  }

  private async read(db: Client, id: string): Promise<ThrottleEntry | null> {
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

/** One sign-in attempt: the e-mail address as typed (normalised) and the client's address. */
export interface Attempt {
  email: string;
  address: string;
}

/** A count an attempt went against. */
export interface Counted {
  throttle: Throttle;
  id: string;
}

export type Reservation = { granted: true; counted: Counted[] } | { granted: false; waitMs: number };

export class SignInThrottles {
  readonly pairs = new Throttle("pair", {
    freeFailures: 5,
    baseLockMs: 30_000,
    maxLockMs: 15 * MINUTE,
    windowMs: HOUR,
  });
  readonly addresses = new Throttle("address", {
    freeFailures: 30,
    baseLockMs: 30_000,
    maxLockMs: 15 * MINUTE,
    windowMs: HOUR,
  });
  /** Counts attempts from addresses the account has not recently signed in from. */
  readonly accounts = new Throttle("account", {
    freeFailures: 20,
    baseLockMs: 30_000,
    maxLockMs: 15 * MINUTE,
    windowMs: DAY,
  });
  /** How long an address stays usual for an account after a successful sign-in from it. */
  readonly usualForMs = 30 * DAY;

  private readonly longestWindowMs = Math.max(
    this.pairs.policy.windowMs,
    this.addresses.policy.windowMs,
    this.accounts.policy.windowMs,
  );

  /** Milliseconds until this attempt may be made; 0 when it may now. */
  async retryAfter(db: Client, attempt: Attempt, now = Date.now()): Promise<number> {
    let wait = 0;
    for (const { throttle, id } of await this.countsOf(db, attempt, now))
      wait = Math.max(wait, await throttle.retryAfter(db, id, now));
    return wait;
  }

  /**
   * Counts the attempt against every count it goes against, unless one of them has to wait.
   * Runs in the writer's turn: the check and the count are one step for all instances.
   */
  async reserve(tx: Tx, attempt: Attempt, now = Date.now()): Promise<Reservation> {
    const counted = await this.countsOf(tx, attempt, now);
    let waitMs = 0;
    for (const { throttle, id } of counted) waitMs = Math.max(waitMs, await throttle.retryAfter(tx, id, now));
    if (waitMs > 0) return { granted: false, waitMs };
    for (const { throttle, id } of counted) await throttle.count(tx, id, now);
    // Forgotten entries go as new ones come, so the table stays as small as the recent failures.
    await tx.signInThrottle.deleteMany({
      where: {
        lastFailure: { lt: new Date(now - this.longestWindowMs) },
        lockedUntil: { lt: new Date(now) },
      },
    });
    return { granted: true, counted };
  }

  /**
   * A correct password: its attempt is given back, the mistakes at this place are forgiven, and
   * the address becomes usual for the account. Failures elsewhere stay counted.
   */
  async succeeded(tx: Tx, attempt: Attempt, counted: Counted[], now = Date.now()): Promise<void> {
    for (const { throttle, id } of counted) {
      if (throttle === this.pairs) await throttle.reset(tx, id);
      else await throttle.refund(tx, id, now);
    }
    const key = originKey(attempt);
    const lastSignIn = new Date(now);
    await tx.signInOrigin.upsert({ where: { key }, create: { key, lastSignIn }, update: { lastSignIn } });
    await tx.signInOrigin.deleteMany({ where: { lastSignIn: { lt: new Date(now - this.usualForMs) } } });
  }

  /** Whether the account signed in from this address recently. */
  async usual(db: Client, attempt: Attempt, now = Date.now()): Promise<boolean> {
    const origin = await db.signInOrigin.findUnique({ where: { key: originKey(attempt) } });
    return origin !== null && now - origin.lastSignIn.getTime() <= this.usualForMs;
  }

  private async countsOf(db: Client, attempt: Attempt, now: number): Promise<Counted[]> {
    const counted: Counted[] = [
      { throttle: this.pairs, id: pairId(attempt) },
      { throttle: this.addresses, id: attempt.address },
    ];
    if (!(await this.usual(db, attempt, now))) counted.push({ throttle: this.accounts, id: attempt.email });
    return counted;
  }
}

/** Unambiguous whatever the e-mail address contains. */
export function pairId(attempt: Attempt): string {
  return JSON.stringify([attempt.email, attempt.address]);
}

function originKey(attempt: Attempt): string {
  return hashKey("origin", pairId(attempt));
}
