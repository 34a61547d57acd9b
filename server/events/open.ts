import type { Config } from "../config.ts";
import { type Events, MemoryEvents } from "./index.ts";
import { RedisEvents } from "./redis.ts";

/** Redis when REDIS_URL is set (several instances), memory otherwise. */
export function openEvents(config: Config, log?: (line: string) => void): Promise<Events> {
  if (!config.redisUrl) return Promise.resolve(new MemoryEvents());
  return RedisEvents.connect({ url: config.redisUrl, stream: config.redisStream, log });
}
