// Subscriptions cost once per event, not once per subscriber. Subscribers who send the same
// operation with the same variables and whose access the rules cannot tell apart
// (Access.sharingKey) form one group: the subscription's source is opened once, with the
// first member's context, and every event is resolved once and the one result handed to every
// member. Each event is resolved with a context of its own, so that no loader or Pothos cache
// carries one event's rows into the next. A member leaving ends nothing for the others; the
// last one closes the source.
import { createSourceEventStream, type ExecutionArgs, type ExecutionResult, execute, print } from "graphql";
import type { Context } from "./context.ts";

/** Members served before the event loop gets a turn, so that no request waits for a whole fan-out. */
const DELIVERY_BATCH = 100;
/**
 * Resolutions running at once across all groups. An event wakes every group in the same tick;
 * unbounded, their queries (synchronous on SQLite) and results would hold the event loop in one
 * long run, and more at once only queue inside the database anyway.
 */
const CONCURRENT_RESOLUTIONS = 4;

type Done = IteratorReturnResult<undefined>;
const DONE: Done = { done: true, value: undefined };

/** JSON with object keys in order, so that `{a, b}` and `{b, a}` name the same variables. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** One subscriber: the results of its group from its joining on, in order, until it leaves. */
class Member implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: ExecutionResult[] = [];
  private wake: (() => void) | null = null;
  private ended = false;
  private failure: { error: unknown } | null = null;

  constructor(private readonly leave: (member: Member) => void) {}

  push(result: ExecutionResult): void {
    if (this.ended) return;
    this.queue.push(result);
    this.wake?.();
  }

  /** The group is over: what is queued is still delivered, then the end (or the error). */
  end(failure?: { error: unknown }): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = failure ?? null;
    this.wake?.();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    while (this.queue.length === 0 && !this.ended) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    this.wake = null;
    const value = this.queue.shift();
    if (value) return { done: false, value };
    const failure = this.failure;
    this.failure = null;
    if (failure) throw failure.error;
    return DONE;
  }

  async return(): Promise<Done> {
    this.queue.length = 0;
    this.end();
    this.leave(this);
    return DONE;
  }

  async throw(error: unknown): Promise<Done> {
    await this.return();
    throw error;
  }
}

class Group {
  readonly members = new Set<Member>();
  source: AsyncIterator<unknown> | null = null;
  /** Settles once the source is open (null) or refused (the refusal, for every member). */
  opened: Promise<ExecutionResult | null> = Promise.resolve(null);

  constructor(private readonly leftEmpty: () => void) {}

  join(): Member {
    const member = new Member((m) => {
      if (!this.members.delete(m) || this.members.size > 0) return;
      this.leftEmpty();
      void this.source?.return?.();
    });
    this.members.add(member);
    return member;
  }

  async deliver(result: ExecutionResult): Promise<void> {
    // Those who join while an event is handed out did not subscribe before it happened.
    const members = [...this.members];
    for (let i = 0; i < members.length; i++) {
      members[i]?.push(result);
      if ((i + 1) % DELIVERY_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  end(failure?: { error: unknown }): void {
    for (const member of this.members) member.end(failure);
  }
}

export class Fanout {
  private readonly groups = new Map<string, Group>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Events resolved so far, one per group and event (tests compare it with the subscriber count). */
  resolutions = 0;

  /** `contextFor` builds a fresh context for one event, for the viewer of the given one. */
  constructor(private readonly contextFor: (context: Context) => Context) {}

  /** Subscribers in all groups. */
  get subscribers(): number {
    let count = 0;
    for (const group of this.groups.values()) count += group.members.size;
    return count;
  }

  /** Distinct (operation, variables, access) with at least one subscriber. */
  get groupCount(): number {
    return this.groups.size;
  }

  /** graphql-ws' `subscribe`: joins the group of equal subscriptions, opening it if there is none. */
  subscribe = async (
    args: ExecutionArgs,
  ): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const context = args.contextValue as Context;
    const key = JSON.stringify([
      await context.access.sharingKey(),
      args.operationName ?? null,
      canonical(args.variableValues),
      print(args.document),
    ]);
    const group = this.groups.get(key) ?? this.open(key, args, context);
    const member = group.join();
    const refusal = await group.opened.catch(async (error: unknown) => {
      await member.return();
      throw error;
    });
    if (!refusal) return member;
    await member.return();
    return refusal;
  };

  private open(key: string, args: ExecutionArgs, context: Context): Group {
    // Only this group: once it has emptied, a new one may hold its key.
    const forget = () => {
      if (this.groups.get(key) === group) this.groups.delete(key);
    };
    const group: Group = new Group(forget);
    this.groups.set(key, group);
    group.opened = (async () => {
      try {
        const stream = await createSourceEventStream({ ...args, contextValue: context });
        if (!(Symbol.asyncIterator in stream)) {
          forget();
          return stream;
        }
        group.source = stream[Symbol.asyncIterator]();
        void this.pump(group, group.source, args, context, forget);
        return null;
      } catch (error) {
        forget();
        throw error;
      }
    })();
    return group;
  }

  /** Runs `resolve` once one of the CONCURRENT_RESOLUTIONS is free, after letting waiting requests in. */
  private async inTurn<T>(resolve: () => PromiseLike<T> | T): Promise<T> {
    if (this.running < CONCURRENT_RESOLUTIONS) this.running++;
    else await new Promise<void>((free) => this.waiting.push(free));
    try {
      await new Promise((next) => setImmediate(next));
      return await resolve();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  private async pump(
    group: Group,
    source: AsyncIterator<unknown>,
    args: ExecutionArgs,
    context: Context,
    forget: () => void,
  ): Promise<void> {
    let failure: { error: unknown } | undefined;
    try {
      while (group.members.size > 0) {
        const step = await source.next();
        if (step.done) break;
        this.resolutions++;
        const result = await this.inTurn(() =>
          execute({ ...args, rootValue: step.value, contextValue: this.contextFor(context) }),
        );
        await group.deliver(result);
      }
    } catch (error) {
      failure = { error };
    } finally {
      forget();
      group.end(failure);
      await source.return?.();
    }
  }
}
