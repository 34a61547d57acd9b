// The unit of work: the one place where a change meets the database. Every command (a
// service function that changes data) runs inside one write transaction, gets the caller's
// access, and hands its audit entries and events to the work instead of writing or sending
// them itself. The runner writes the audit entries before the commit and publishes the
// events after it, in commit order, while it still holds the writer's turn.
import type { AuditObjectType } from "../access/audit.ts";
import type { Access } from "../access/index.ts";
import type { Database, Tx } from "../db/client.ts";
import type { Events, PendingEvent, Topic, Topics } from "../events/index.ts";
import { chainHead, chainUnchained, link } from "./audit/chain.ts";

export interface AuditInput {
  authorityId: string | null;
  /** Each kind of record has its read rule in server/access/audit.ts, which audit entries follow. */
  objectType: AuditObjectType;
  objectId: string;
  action: string;
  /** The created values, or { field: [before, after] } for an update. */
  changes?: Record<string, unknown>;
  /** Who acted; the caller by default (sign-in names the person before a session exists). */
  actorId?: string | null;
}

export interface Work {
  /** The write transaction; reads through it see the work's own changes. */
  readonly tx: Tx;
  /** Who is calling. */
  readonly access: Access;
  /** Records an audit entry, written in this transaction. */
  audit(entry: AuditInput): void;
  /** Queues an event, published after the commit; dropped when the work fails. */
  publish<K extends Topic>(topic: K, payload: Topics[K]): void;
}

/** Every service that changes data has this shape. */
export type Command<I, O> = (work: Work, input: I) => Promise<O>;

const WRITES = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
  "$executeRaw",
  "$executeRawUnsafe",
]);

/** The transaction as a command sees it: every write operation is noted. */
function watched(tx: Tx, onWrite: (what: string) => void): Tx {
  const delegates = new Map<PropertyKey, unknown>();
  return new Proxy(tx, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop === "string" && WRITES.has(prop) && typeof value === "function") {
        return (...args: unknown[]) => {
          onWrite(prop);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      if (typeof prop !== "string" || prop.startsWith("$") || value === null || typeof value !== "object")
        return value;
      let delegate = delegates.get(prop);
      if (!delegate) {
        delegate = new Proxy(value, {
          get(model, op, modelReceiver) {
            const fn = Reflect.get(model, op, modelReceiver);
            if (typeof op !== "string" || typeof fn !== "function") return fn;
            return (...args: unknown[]) => {
              if (WRITES.has(op)) onWrite(`${prop}.${op}`);
              return (fn as (...a: unknown[]) => unknown).apply(model, args);
            };
          },
        });
        delegates.set(prop, delegate);
      }
      return delegate;
    },
  });
}

export class UnauditedChange extends Error {
  constructor(command: string, writes: string[]) {
    super(`${command || "A command"} changed data (${writes.join(", ")}) without an audit entry`);
    this.name = "UnauditedChange";
  }
}

/** Runs commands: one transaction each, audit entries inside it, events after its commit. */
export class Runner {
  constructor(
    private readonly db: Database,
    private readonly events: Events,
  ) {}

  async run<I, O>(access: Access, command: Command<I, O>, input: I): Promise<O> {
    const { result } = await this.db.transact(
      async (tx) => {
        const entries: AuditInput[] = [];
        const events: PendingEvent[] = [];
        const writes: string[] = [];
        const work: Work = {
          tx: watched(tx, (what) => writes.push(what)),
          access,
          audit: (entry) => entries.push(entry),
          publish: (topic, payload) => events.push({ topic, payload } as PendingEvent),
        };
        const result = await command(work, input);
        if (writes.length > 0 && entries.length === 0) throw new UnauditedChange(command.name, writes);
        if (entries.length > 0) {
          const at = Date.now();
          // The writer's turn keeps the head still until the commit: no other entry can claim it.
          const head = await chainHead(tx);
          await tx.auditEntry.createMany({
            // Distinct times keep the entries of one change in the order they were recorded.
            data: link(
              head,
              entries.map((entry, index) => ({
                at: new Date(at + index),
                actorId: entry.actorId === undefined ? (access.user?.id ?? null) : entry.actorId,
                authorityId: entry.authorityId,
                objectType: entry.objectType,
                objectId: entry.objectId,
                action: entry.action,
                changes: JSON.stringify(entry.changes ?? {}),
              })),
            ),
          });
        }
        return { result, events };
      },
      ({ events }) => (events.length > 0 ? this.events.publish(events) : Promise.resolve()),
    );
    return result;
  }

  /**
   * Chains the audit entries written before the chain existed, a batch per transaction so that
   * commands can run in between; the hub does this at its start. Returns how many it chained.
   */
  async chainEarlierEntries(batch = 5_000): Promise<number> {
    let total = 0;
    for (;;) {
      const chained = await this.db.transact((tx) => chainUnchained(tx, batch));
      total += chained;
      if (chained < batch) return total;
    }
  }
}
