// Sign-in, sessions and sign-out. Tokens are random and stored only as their SHA-256.
import { createHash, randomBytes } from "node:crypto";
import { Access, type ViewerUser } from "../../access/index.ts";
import type { Database } from "../../db/client.ts";
import { HubError } from "../../lib/errors.ts";
import { MAX_EMAIL_LENGTH } from "../../lib/validate.ts";
import type { Runner, Work } from "../work.ts";
import { dummyHash, isDemoPassword, verifyPassword } from "./passwords.ts";
import { type Attempt, type Counted, SignInThrottles } from "./throttle.ts";

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
  /** Production: the published demo password signs no one in, whichever account it is tried on. */
  refuseDemoPassword: boolean;
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
  const wait = seconds < 120 ? `${seconds} Sekunden` : `${Math.ceil(seconds / 60)} Minuten`;
  return new HubError(
    "UNAUTHENTICATED",
    `Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in ${wait} erneut.`,
    undefined,
    { retryAfterSeconds: seconds },
  );
}

/**
 * An unknown account as its failed sign-in's audit entry names it: the e-mail address when it
 * could be one, else its SHA-256, so no one can fill the audit trail, which is kept for ever.
 */
function attemptedAccount(email: string): string {
  return email.length <= MAX_EMAIL_LENGTH ? email : `sha256:${hashToken(email)}`;
}

/** A failed sign-in is audited; the throttles counted it before the password was checked. */
async function signInFailed({ audit }: Work, input: Attempt & { userId: string | null }): Promise<void> {
  audit({
    actorId: input.userId,
    authorityId: null,
    objectType: "Session",
    objectId: input.userId ?? attemptedAccount(input.email),
    action: "LOGIN_FAILED",
    changes: { address: input.address },
  });
}

async function openSession(
  { tx, audit }: Work,
  input: Attempt & {
    userId: string;
    tokenHash: string;
    expiresAt: Date;
    throttles: SignInThrottles;
    counted: Counted[];
  },
): Promise<string> {
  await input.throttles.succeeded(tx, input, input.counted);
  const session = await tx.session.create({
    data: { tokenHash: input.tokenHash, userId: input.userId, expiresAt: input.expiresAt },
  });
  audit({
    actorId: input.userId,
    authorityId: null,
    objectType: "Session",
    objectId: session.id,
    action: "LOGIN",
    changes: { address: input.address },
  });
  return session.id;
}

/** Revokes the caller's session; its open WebSocket connections close on every instance. */
async function closeSession({ tx, access, audit, publish }: Work, _input: null): Promise<boolean> {
  const sessionId = access.sessionId;
  if (!access.user || !sessionId) return false;
  await tx.session.update({
    where: { id: sessionId },
    data: { revokedAt: new Date() },
    select: { id: true },
  });
  audit({ authorityId: null, objectType: "Session", objectId: sessionId, action: "LOGOUT" });
  publish("sessionRevoked", { sessionId });
  return true;
}

/** Sign-in, sign-out and sessions; the throttles' counts live in the database. */
export class SignIn {
  readonly throttles = new SignInThrottles();

  constructor(
    private readonly db: Database,
    private readonly runner: Runner,
    private readonly policy: SessionPolicy,
  ) {}

  async login(input: {
    email: string;
    password: string;
    address: string;
  }): Promise<{ token: string; user: ViewerUser; expiresAt: Date; sessionId: string }> {
    if (this.policy.refuseDemoPassword && isDemoPassword(input.password)) {
      throw new HubError(
        "UNAUTHENTICATED",
        "Das Demo-Passwort gilt im Produktivbetrieb für kein Konto. Bitte melden Sie sich mit Ihrem eigenen Passwort an.",
      );
    }
    const email = input.email.trim().toLowerCase();
    const attempt = { email, address: input.address };
    // A look without the writer's turn first, so a flood of refused attempts does not queue there.
    const wait = await this.throttles.retryAfter(this.db.read, attempt);
    if (wait > 0) throw throttled(wait);
    // Throttle bookkeeping, not a change anyone makes: no command, no audit entry.
    const reservation = await this.db.transact((tx) => this.throttles.reserve(tx, attempt));
    if (!reservation.granted) throw throttled(reservation.waitMs);

    const user = await this.db.read.user.findUnique({ where: { email }, select: userSelect });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
    const anonymous = Access.anonymous();
    if (!user || !ok || !user.active) {
      await this.runner.run(anonymous, signInFailed, { ...attempt, userId: user?.id ?? null });
      throw new HubError("UNAUTHENTICATED", "E-Mail-Adresse oder Passwort ist falsch.");
    }

    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + this.policy.maxHours * 60 * MINUTE);
    const sessionId = await this.runner.run(anonymous, openSession, {
      ...attempt,
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt,
      throttles: this.throttles,
      counted: reservation.counted,
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
      // Bookkeeping of the session itself, not a change anyone makes: no command, no audit entry.
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

  logout(access: Access): Promise<boolean> {
    return this.runner.run(access, closeSession, null);
  }
}
