// Events across instances through one Redis stream. Publishing appends (XADD) and resolves
// once Redis holds the events; every instance reads the stream from the last entry it has
// seen (XREAD BLOCK), so a dropped connection or a restarted Redis resumes where it left off
// instead of skipping what happened meanwhile (plain pub/sub loses those). Commands issued
// while Redis is away wait for it; an append resent after a reconnect arrives twice and is
// recognised by its event id.
import { Redis } from "ioredis";
import { Events, type HubEvent, type PendingEvent, stamp } from "./index.ts";

/** The stream keeps about this many entries; readers are milliseconds behind, not minutes. */
const MAX_LENGTH = 100_000;
const BATCH = 1000;
const BLOCK_MS = 5000;
const REMEMBERED_IDS = 10_000;

export interface RedisEventsOptions {
  url: string;
  /** The stream's key; instances that share it share their events. */
  stream: string;
  log?: (line: string) => void;
}

function client(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    // Never fail a command because Redis is restarting: wait for it to come back.
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(100 * times, 2000),
    lazyConnect: true,
  });
}

export class RedisEvents extends Events {
  private readonly writer: Redis;
  private readonly reader: Redis;
  private lastId = "0-0";
  private running = true;
  private readonly seen = new Set<string>();
  private loop: Promise<void> = Promise.resolve();

  private constructor(private readonly options: RedisEventsOptions) {
    super();
    this.writer = client(options.url, "hub-events-writer");
    this.reader = client(options.url, "hub-events-reader");
    for (const connection of [this.writer, this.reader]) {
      connection.on("error", (error: Error) => options.log?.(`redis: ${error.message}`));
    }
  }

  static async connect(options: RedisEventsOptions): Promise<RedisEvents> {
    const events = new RedisEvents(options);
    await Promise.all([events.writer.connect(), events.reader.connect()]);
    // Start after what the stream holds now: a new instance has no subscribers for the past.
    const [last] = await events.reader.xrevrange(options.stream, "+", "-", "COUNT", 1);
    if (last) events.lastId = last[0];
    events.loop = events.read();
    return events;
  }

  async publish(events: readonly PendingEvent[]): Promise<void> {
    const pipeline = this.writer.pipeline();
    for (const event of stamp(events)) {
      pipeline.xadd(this.options.stream, "MAXLEN", "~", MAX_LENGTH, "*", "event", JSON.stringify(event));
    }
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  private async read(): Promise<void> {
    while (this.running) {
      try {
        const batches = await this.reader.xread(
          "COUNT",
          BATCH,
          "BLOCK",
          BLOCK_MS,
          "STREAMS",
          this.options.stream,
          this.lastId,
        );
        for (const [, entries] of batches ?? []) {
          for (const [id, fields] of entries) {
            this.lastId = id;
            this.accept(fields);
          }
        }
      } catch (error) {
        if (!this.running) return;
        this.options.log?.(`redis: reading events failed, retrying: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  private accept(fields: string[]): void {
    const raw = fields[fields.indexOf("event") + 1];
    if (!raw) return;
    const event = JSON.parse(raw) as HubEvent;
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    if (this.seen.size > REMEMBERED_IDS) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    this.deliver(event);
  }

  async close(): Promise<void> {
    this.running = false;
    this.reader.disconnect();
    await this.loop;
    await this.writer.quit().catch(() => this.writer.disconnect());
  }
}
