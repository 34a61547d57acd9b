// Every environment variable the hub reads, parsed once. Nothing else reads process.env.
import path from "node:path";

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Redis for events across instances; null keeps them in this process. */
  redisUrl: string | null;
  /** The Redis stream the instances of one hub share. */
  redisStream: string;
  /** How long SIGTERM waits for requests in flight before closing them. */
  shutdownGraceMs: number;
  production: boolean;
  /** Seed the demo data when the database has no provider yet (never in production). */
  seedDemo: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** WebSocket connections from one address (0: no limit); behind a proxy all share its address. */
  wsMaxConnectionsPerAddress: number;
  /** WebSocket connections of one person on this instance (0: no limit). */
  wsMaxConnectionsPerPerson: number;
  /** Subscriptions running at once on one WebSocket connection (0: no limit). */
  wsMaxSubscriptionsPerConnection: number;
  /** How long a WebSocket may stay open without a valid session. */
  wsAnonymousGraceMs: number;
  logLevel: "silent" | "info";
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

export function sqliteUrl(file: string): string {
  return `file:${path.resolve(file)}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === "production";
  return {
    port: int(env, "PORT", 4000),
    host: env.HOST || "0.0.0.0",
    databaseUrl: env.DATABASE_URL || sqliteUrl("data/hub.db"),
    redisUrl: env.REDIS_URL || null,
    redisStream: env.REDIS_STREAM || "hub:events",
    shutdownGraceMs: int(env, "SHUTDOWN_GRACE_SECONDS", 10) * 1000,
    production,
    seedDemo: !production && env.SEED_DEMO !== "false",
    sessionIdleMinutes: int(env, "SESSION_IDLE_MINUTES", 8 * 60),
    sessionMaxHours: int(env, "SESSION_MAX_HOURS", 24),
    wsMaxConnectionsPerAddress: int(env, "WS_MAX_CONNECTIONS_PER_ADDRESS", 50),
    wsMaxConnectionsPerPerson: int(env, "WS_MAX_CONNECTIONS_PER_PERSON", 10),
    wsMaxSubscriptionsPerConnection: int(env, "WS_MAX_SUBSCRIPTIONS_PER_CONNECTION", 20),
    wsAnonymousGraceMs: int(env, "WS_ANONYMOUS_GRACE_SECONDS", 10) * 1000,
    logLevel: env.LOG_LEVEL === "silent" ? "silent" : "info",
  };
}
