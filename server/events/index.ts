// Typed topics and an in-memory pub/sub. Services publish after commit; subscriptions
// listen. One process per database, so memory is enough; a Redis transport can replace
// `Events` behind the same interface when several instances run.
import { EventEmitter } from "node:events";

export interface Topics {
  schoolUpdated: { authorityId: string; schoolId: string };
  /** A decision was recorded, changed its status, or got a review. */
  decisionUpdated: { authorityId: string; decisionId: string; change: "CREATED" | "STATUS" | "REVIEW" };
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

export class Events {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish<K extends Topic>(topic: K, payload: Topics[K]): void {
    this.emitter.emit(topic, payload);
  }

  /** Events of `topic` that pass `filter`, in publish order, buffered per subscriber so none is lost. */
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
