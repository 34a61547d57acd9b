// Typed topics and the bus behind them. The unit of work publishes a transaction's events
// after its commit, in commit order; every instance's subscribers receive them from the bus
// and resolve the ids they carry themselves. In memory for one process; Redis Streams
// (server/events/redis.ts) when several instances share one database.
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";

export interface Topics {
  schoolUpdated: { authorityId: string; schoolId: string };
  /** A decision was recorded, changed its status, or got a review. */
  decisionUpdated: {
    authorityId: string;
    decisionId: string;
    change: "CREATED" | "UPDATED" | "STATUS" | "REVIEW";
  };
  /** A booking or reversal was committed to an order's ledger. */
  bookingRecorded: { authorityId: string; orderId: string; bookingId: string };
  /** An escalation was raised, moved through its lifecycle, or rated. */
  escalationUpdated: { authorityId: string; schoolId: string; escalationId: string };
  /** A session was signed out; its open WebSocket connections are closed. */
  sessionRevoked: { sessionId: string };
  /** A controlling alert fired or was acknowledged. */
  controllingAlert: { authorityId: string; alertId: string };
}

export type Topic = keyof Topics;

/** One event as it travels between instances: an id (for de-duplication), its topic, its ids. */
export interface HubEvent<K extends Topic = Topic> {
  id: string;
  topic: K;
  payload: Topics[K];
}

export type PendingEvent = { [K in Topic]: { topic: K; payload: Topics[K] } }[Topic];

export function stamp(events: readonly PendingEvent[]): HubEvent[] {
  return events.map((event) => ({ id: randomUUID(), ...event }) as HubEvent);
}

/**
 * Delivers events to this instance's listeners. Transports feed it; subscriptions read from it.
 * Each subscriber has its own buffer, so a slow one loses nothing and holds up nobody.
 */
export abstract class Events {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** Sends committed events to every instance, in the order given; resolves once the transport holds them. */
  abstract publish(events: readonly PendingEvent[]): Promise<void>;

  abstract close(): Promise<void>;

  /** Hands an event that arrived from the transport to this instance's listeners. */
  protected deliver(event: HubEvent): void {
    this.emitter.emit(event.topic, event.payload);
  }

  /** Events of `topic` that pass `filter`, in commit order, buffered per subscriber so none is lost. */
  subscribe<K extends Topic>(
    topic: K,
    filter: (payload: Topics[K]) => boolean = () => true,
  ): AsyncIterableIterator<Topics[K]> {
    const emitter = this.emitter;
    const buffer: Topics[K][] = [];
    let wake: (() => void) | null = null;
    let done = false;
    const listener = (payload: Topics[K]) => {
      if (!filter(payload)) return;
      buffer.push(payload);
      wake?.();
    };
    emitter.on(topic, listener);
    const finish = () => {
      done = true;
      emitter.off(topic, listener);
      wake?.();
    };
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next() {
        while (buffer.length === 0 && !done) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        const value = buffer.shift();
        return value === undefined ? { done: true, value: undefined } : { done: false, value };
      },
      async return() {
        finish();
        return { done: true, value: undefined };
      },
      async throw(error) {
        finish();
        throw error;
      },
    };
  }

  /** Calls `listener` for every event of `topic` until the returned function is called. */
  on<K extends Topic>(topic: K, listener: (payload: Topics[K]) => void): () => void {
    this.emitter.on(topic, listener);
    return () => this.emitter.off(topic, listener);
  }

  listenerCount(topic: Topic): number {
    return this.emitter.listenerCount(topic);
  }
}

/** One process: delivery is a function call, in publish order. */
export class MemoryEvents extends Events {
  async publish(events: readonly PendingEvent[]): Promise<void> {
    for (const event of stamp(events)) this.deliver(event);
  }

  async close(): Promise<void> {}
}
