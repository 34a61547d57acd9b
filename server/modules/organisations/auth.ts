// Sign-in, sessions and sign-out. Tokens are random and stored only as their SHA-256.
import { createHash, randomBytes } from "node:crypto";
import type { ViewerUser } from "../../access/index.ts";
import type { Database } from "../../db/client.ts";
import type { Events } from "../../events/index.ts";
import { HubError } from "../../lib/errors.ts";
import { audit } from "../audit/service.ts";
import { dummyHash, verifyPassword } from "./passwords.ts";
import { Throttle } from "./throttle.ts";

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

const MINUTE = 60_000;
/** lastSeenAt is refreshed at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = MINUTE;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const userSelect = {
  id: true,
  email: true,
  name: true,
  providerId: true,
  authorityId: true,
  schoolId: true,
  active: true,
  passwordHash: true,
  roles: { select: { role: true } },
} as const;

function toViewer(user: {
  id: string;
  email: string;
  name: string;
  providerId: string | null;
  authorityId: string | null;
  schoolId: string | null;
  roles: { role: ViewerUser["roles"][number] }[];
}): ViewerUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    providerId: user.providerId,
    authorityId: user.authorityId,
    schoolId: user.schoolId,
    roles: user.roles.map((r) => r.role),
  };
}

function throttled(ms: number): HubError {
  const seconds = Math.ceil(ms / 1000);
  return new HubError(
    "UNAUTHENTICATED",
    `Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in ${seconds} Sekunden erneut.`,
    undefined,
    { retryAfterSeconds: seconds },
  );
}

/** Sign-in for one running hub: its throttles live as long as the server does. */
export class SignIn {
  readonly accounts = new Throttle({
    freeFailures: 5,
    baseLockMs: 30_000,
    maxLockMs: 15 * MINUTE,
    windowMs: 15 * MINUTE,
  });
  readonly addresses = new Throttle({
    freeFailures: 30,
    baseLockMs: 30_000,
    maxLockMs: 15 * MINUTE,
    windowMs: 15 * MINUTE,
  });

  constructor(
    private readonly db: Database,
    private readonly policy: SessionPolicy,
    private readonly events: Events,
  ) {}

  async login(input: {
    email: string;
    password: string;
    address: string;
  }): Promise<{ token: string; user: ViewerUser; expiresAt: Date; sessionId: string }> {
    const email = input.email.trim().toLowerCase();
    const accountKey = `account:${email}`;
    const addressKey = `address:${input.address}`;
    const wait = Math.max(this.accounts.retryAfter(accountKey), this.addresses.retryAfter(addressKey));
    if (wait > 0) throw throttled(wait);

    const user = await this.db.read.user.findUnique({ where: { email }, select: userSelect });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
    if (!user || !ok || !user.active) {
      this.accounts.fail(accountKey);
      this.addresses.fail(addressKey);
      await this.db.transact((tx) =>
        audit(tx, user?.id ?? null, {
          authorityId: null,
          objectType: "Session",
          objectId: user?.id ?? email,
          action: "LOGIN_FAILED",
          changes: { address: input.address },
        }),
      );
      throw new HubError("UNAUTHENTICATED", "E-Mail-Adresse oder Passwort ist falsch.");
    }
    this.accounts.reset(accountKey);

    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + this.policy.maxHours * 60 * MINUTE);
    const sessionId = await this.db.transact(async (tx) => {
      const session = await tx.session.create({
        data: { tokenHash: hashToken(token), userId: user.id, expiresAt },
      });
      await audit(tx, user.id, {
        authorityId: null,
        objectType: "Session",
        objectId: session.id,
        action: "LOGIN",
        changes: { address: input.address },
      });
      return session.id;
    });
    return { token, user: toViewer(user), expiresAt, sessionId };
  }

  /** The signed-in person for a bearer token, or null when it is unknown, revoked or expired. */
  async resolve(token: string): Promise<{ user: ViewerUser; sessionId: string; expiresAt: Date } | null> {
    const session = await this.db.read.session.findUnique({
      where: { tokenHash: hashToken(token) },
      select: { id: true, lastSeenAt: true, expiresAt: true, revokedAt: true, user: { select: userSelect } },
    });
    if (!session || session.revokedAt || !session.user.active) return null;
    const now = Date.now();
    if (session.expiresAt.getTime() <= now) return null;
    if (now - session.lastSeenAt.getTime() > this.policy.idleMinutes * MINUTE) return null;
    if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.db.transact((tx) =>
        tx.session.update({
          where: { id: session.id },
          data: { lastSeenAt: new Date(now) },
          select: { id: true },
        }),
      );
    }
    return { user: toViewer(session.user), sessionId: session.id, expiresAt: session.expiresAt };
  }

  async logout(sessionId: string, user: ViewerUser): Promise<void> {
    await this.db.transact(async (tx) => {
      await tx.session.update({
        where: { id: sessionId },
        data: { revokedAt: new Date() },
        select: { id: true },
      });
      await audit(tx, user.id, {
        authorityId: null,
        objectType: "Session",
        objectId: sessionId,
        action: "LOGOUT",
      });
    });
    // Open subscriptions of this session end with it (see app.ts).
    this.events.publish("sessionRevoked", { sessionId });
  }
}
