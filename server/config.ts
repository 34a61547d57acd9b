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
  /** SMTP server for outgoing mail (smtp:// or smtps://, optionally user:pass@); null writes .eml files. */
  smtpUrl: string | null;
  /** Where mail goes as .eml files while no SMTP server is configured. */
  mailFolder: string;
  /** Sender of every mail, e.g. "Schul-IT-Hub <hub@example.org>". */
  mailFrom: string;
  /**
   * How often the sender looks for due mail (0: this process sends none, another one does); also
   * the first retry's delay, doubled per attempt.
   */
  mailPollMs: number;
  /** The longest wait between two attempts at a mail the server refused or could not take. */
  mailRetryMaxMs: number;
  /** How often reminders and digests are looked for (0: never in this process). */
  mailJobsMs: number;
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

function smtpUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SMTP_URL must be a URL like smtp://host:587, got "${raw}"`);
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:")
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}//"`);
  return raw;
}

function mailFrom(raw: string | undefined): string {
  const value = raw || "Schul-IT-Hub <noreply@localhost>";
  if (!/^[^@<>]*<[^@<>\s]+@[^@<>\s]+>$|^[^@<>\s]+@[^@<>\s]+$/.test(value.trim()))
    throw new Error(
      `MAIL_FROM must be an address, optionally with a name ("Name <a@b.example>"), got "${value}"`,
    );
  return value.trim();
}

/** Mail folder by default beside the SQLite file (data/mail), or in data/ for PostgreSQL. */
function defaultMailFolder(databaseUrl: string): string {
  const dir = databaseUrl.startsWith("file:") ? path.dirname(databaseUrl.slice("file:".length)) : "data";
  return path.resolve(dir, "mail");
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === "production";
  const databaseUrl = env.DATABASE_URL || sqliteUrl("data/hub.db");
  return {
    port: int(env, "PORT", 4000),
    host: env.HOST || "0.0.0.0",
    databaseUrl,
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
    smtpUrl: smtpUrl(env.SMTP_URL),
    mailFolder: path.resolve(env.MAIL_FOLDER || defaultMailFolder(databaseUrl)),
    mailFrom: mailFrom(env.MAIL_FROM),
    mailPollMs: int(env, "MAIL_POLL_SECONDS", 15) * 1000,
    mailRetryMaxMs: int(env, "MAIL_RETRY_MAX_SECONDS", 3600) * 1000,
    mailJobsMs: int(env, "MAIL_JOBS_MINUTES", 15) * 60_000,
  };
}
