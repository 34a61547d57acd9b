// The WebSocket connections of this instance and their bounds: so many per address and per
// person, anonymous ones only briefly, none beyond its session (signed out, expired, or idle
// for as long as SESSION_IDLE_MINUTES allows: 4401), and so many operations per connection.
// The counts are this instance's: each instance guards its own memory and event loop, and a
// load balancer spreads one person's connections over instances whose capacity grows with them.
import { GraphQLError } from "graphql";
import type { WebSocket } from "ws";
import type { Database } from "../db/client.ts";

/** graphql-ws' codes: the client does not retry them. */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_TOO_MANY = 4429;

export interface SocketLimits {
  /** Connections from one address, signed in or not; 0: no limit. */
  perAddress: number;
  /** Connections of one person; 0: no limit. */
  perPerson: number;
  /** Subscriptions (and other operations) running at once on one connection; 0: no limit. */
  operationsPerConnection: number;
  /** How long a connection may stay without a valid session. */
  anonymousGraceMs: number;
  /** A session unused this long ends, and its connections with it. */
  sessionIdleMs: number;
}

/** A failed look-up of a session (database away) is tried again after this long. */
const RETRY_MS = 60_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Adds `socket` under `key` unless `limit` are there already; the socket leaves when it closes. */
function admit(map: Map<string, Set<WebSocket>>, key: string, socket: WebSocket, limit: number): boolean {
  const sockets = map.get(key) ?? new Set<WebSocket>();
  if (limit > 0 && sockets.size >= limit) return false;
  sockets.add(socket);
  map.set(key, sockets);
  socket.once("close", () => {
    sockets.delete(socket);
    if (sockets.size === 0 && map.get(key) === sockets) map.delete(key);
  });
  return true;
}

export class Sockets {
  private readonly byAddress = new Map<string, Set<WebSocket>>();
  private readonly byPerson = new Map<string, Set<WebSocket>>();
  private readonly bySession = new Map<string, { sockets: Set<WebSocket>; timer?: NodeJS.Timeout }>();
  private readonly signedInSockets = new WeakSet<WebSocket>();

  constructor(
    private readonly db: Database,
    private readonly limits: SocketLimits,
  ) {}

  /** Connections open on this instance. */
  get open(): number {
    let count = 0;
    for (const sockets of this.byAddress.values()) count += sockets.size;
    return count;
  }

  /** A new connection: refused (4429) beyond the address's limit, else closed (4401) unless it signs in in time. */
  opened(socket: WebSocket, address: string): void {
    if (!admit(this.byAddress, address, socket, this.limits.perAddress)) {
      socket.close(CLOSE_TOO_MANY, "Zu viele Verbindungen von dieser Adresse.");
      return;
    }
    const grace = setTimeout(() => {
      if (!this.signedInSockets.has(socket)) socket.close(CLOSE_UNAUTHORIZED, "Bitte melden Sie sich an.");
    }, this.limits.anonymousGraceMs);
    socket.once("close", () => clearTimeout(grace));
  }

  /** The connection's `connection_init` named a valid session; false (closed with 4429) beyond the person's limit. */
  signedIn(socket: WebSocket, session: { sessionId: string; userId: string }): boolean {
    // Gone while its session was looked up: its close has passed and would never release it.
    if (socket.readyState !== socket.OPEN) return false;
    if (!admit(this.byPerson, session.userId, socket, this.limits.perPerson)) {
      socket.close(CLOSE_TOO_MANY, "Zu viele Verbindungen für diese Person.");
      return false;
    }
    this.signedInSockets.add(socket);
    const known = this.bySession.get(session.sessionId);
    const entry = known ?? { sockets: new Set<WebSocket>() };
    entry.sockets.add(socket);
    this.bySession.set(session.sessionId, entry);
    socket.once("close", () => {
      entry.sockets.delete(socket);
      if (entry.sockets.size > 0 || this.bySession.get(session.sessionId) !== entry) return;
      clearTimeout(entry.timer);
      this.bySession.delete(session.sessionId);
    });
    if (!known) void this.watch(session.sessionId);
    return true;
  }

  /** Closes every connection of the session (4401): signed out, expired or idle. */
  endSession(sessionId: string): void {
    const entry = this.bySession.get(sessionId);
    if (!entry) return;
    this.bySession.delete(sessionId);
    clearTimeout(entry.timer);
    for (const socket of entry.sockets) socket.close(CLOSE_UNAUTHORIZED, "Die Sitzung ist beendet.");
  }

  /**
   * graphql-ws' `onSubscribe`: refuses an operation beyond the connection's limit. `running`
   * counts the connection's operations, this one included.
   */
  refuseOperation(running: number): GraphQLError[] | undefined {
    const limit = this.limits.operationsPerConnection;
    if (limit === 0 || running <= limit) return undefined;
    return [
      new GraphQLError(
        `Höchstens ${limit} Abonnements je Verbindung. Beenden Sie zuerst ein anderes Abonnement.`,
        { extensions: { code: "BAD_USER_INPUT" } },
      ),
    ];
  }

  /**
   * Closes the session's connections once it has been unused for the idle time or reached its
   * end; until then looks again at its deadline, which use over HTTP (on any instance) moves.
   */
  private async watch(sessionId: string): Promise<void> {
    const entry = this.bySession.get(sessionId);
    if (!entry) return;
    let wait: number;
    try {
      const session = await this.db.read.session.findUnique({
        where: { id: sessionId },
        select: { lastSeenAt: true, expiresAt: true, revokedAt: true, user: { select: { active: true } } },
      });
      const deadline =
        session && !session.revokedAt && session.user.active
          ? Math.min(session.lastSeenAt.getTime() + this.limits.sessionIdleMs, session.expiresAt.getTime())
          : 0;
      wait = deadline - Date.now();
    } catch {
      wait = RETRY_MS;
    }
    if (this.bySession.get(sessionId) !== entry) return;
    if (wait <= 0) {
      this.endSession(sessionId);
      return;
    }
    entry.timer = setTimeout(() => void this.watch(sessionId), Math.min(wait, MAX_TIMER_MS));
    entry.timer.unref();
  }
}
