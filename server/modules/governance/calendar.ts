// Calendar subscription links. A calendar app cannot send a bearer token, so the link holds a
// random secret of its own; only its hash is stored, a new link revokes the previous one, and
// the feed is answered with the access the person has at that moment (a person who lost access
// to the authority, or was deactivated, gets nothing).
import { createHash, randomBytes } from "node:crypto";
import { Access } from "../../access/index.ts";
import type { Database } from "../../db/client.ts";
import { notFound } from "../../lib/errors.ts";
import type { Work } from "../work.ts";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export function feedPath(token: string): string {
  return `/exports/calendar/${token}/meetings.ics`;
}

export async function createCalendarFeed({ tx, access, audit }: Work, input: { authorityId: string }) {
  const { authorityId } = input;
  const user = access.requireUser();
  if (!access.canSeeSteeringRecords(authorityId)) throw notFound("Schulträger");
  const token = randomBytes(32).toString("base64url");
  await tx.calendarFeed.updateMany({
    where: { userId: user.id, authorityId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  const feed = await tx.calendarFeed.create({
    data: { userId: user.id, authorityId, tokenHash: hash(token) },
  });
  audit({
    authorityId,
    objectType: "CalendarFeed",
    objectId: feed.id,
    action: "CREATE",
  });
  return { path: feedPath(token), createdAt: feed.createdAt };
}

export async function revokeCalendarFeeds(
  { tx, access, audit }: Work,
  input: { authorityId: string },
): Promise<boolean> {
  const { authorityId } = input;
  const user = access.requireUser();
  if (!access.canSeeSteeringRecords(authorityId)) throw notFound("Schulträger");
  const active = { userId: user.id, authorityId, revokedAt: null };
  // Without a link to revoke nothing is written, so nothing is audited.
  if ((await tx.calendarFeed.count({ where: active })) === 0) return false;
  await tx.calendarFeed.updateMany({ where: active, data: { revokedAt: new Date() } });
  audit({
    authorityId,
    objectType: "CalendarFeed",
    objectId: authorityId,
    action: "REVOKE",
  });
  return true;
}

/** The authority and the access of the feed's owner, or null for an unknown or revoked link. */
export async function feedAccess(
  db: Database,
  token: string,
): Promise<{ access: Access; authorityId: string } | null> {
  const feed = await db.read.calendarFeed.findUnique({
    where: { tokenHash: hash(token) },
    include: { user: { include: { roles: { select: { role: true } } } } },
  });
  if (!feed || feed.revokedAt || !feed.user.active) return null;
  const { user } = feed;
  const access = await Access.forUser(
    db.read,
    {
      id: user.id,
      email: user.email,
      name: user.name,
      providerId: user.providerId,
      authorityId: user.authorityId,
      schoolId: user.schoolId,
      roles: user.roles.map((r) => r.role),
    },
    null,
  );
  return access.canSeeSteeringRecords(feed.authorityId) ? { access, authorityId: feed.authorityId } : null;
}
