// Reminders and the weekly digest, looked for periodically by every hub process (sender.ts).
// Each mail carries a key of kind, object, date and recipient, unique in the outbox: whichever
// process or run comes first enqueues it, every later one finds the key and leaves it.
import { Access } from "../../access/index.ts";
import type { Database, ReadClient } from "../../db/client.ts";
import { addDays, berlinDate, berlinTime, germanDate, weekday } from "../../lib/dates.ts";
import { enqueue, type Mail, recipients } from "./outbox.ts";

/**
 * Only dates this recent are reminded of: a hub that gets mail for the first time, or was
 * down for a while, does not send reminders of long-past dates.
 */
const LOOKBACK_DAYS = 14;
/** Reminders and digests are not sent at night. */
const FIRST_SENDING_TIME = "07:00";
/** A digest lists this many decisions and counts the rest. */
const DIGEST_LIST = 30;

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

async function existingKeys(db: ReadClient, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.mailOutbox.findMany({
    where: { dedupeKey: { in: keys } },
    select: { dedupeKey: true },
  });
  return new Set(rows.map((r) => r.dedupeKey as string));
}

async function actionItemReminders(db: ReadClient, today: string): Promise<Mail[]> {
  const items = await db.actionItem.findMany({
    where: {
      status: "OPEN",
      ownerId: { not: null },
      dueDate: { gte: addDays(today, -LOOKBACK_DAYS), lte: today },
      meeting: { status: { not: "CANCELLED" } },
    },
    include: {
      meeting: { select: { title: true, scheduledAt: true } },
      authority: { select: { name: true } },
    },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
  });
  const owners = new Map(
    (
      await recipients(
        db,
        "REMINDER",
        items.map((i) => i.ownerId as string),
      )
    ).map((p) => [p.id, p]),
  );
  return items.flatMap((item) => {
    const recipient = owners.get(item.ownerId as string);
    const due = item.dueDate as string;
    if (!recipient) return [];
    const dueText = due === today ? "ist heute fällig" : `war am ${germanDate(due)} fällig`;
    return [
      {
        kind: "REMINDER" as const,
        recipient,
        dedupeKey: `REMINDER:ActionItem:${item.id}:${due}:${recipient.id}`,
        subject: `Erinnerung: Aufgabe „${item.title}“ ${dueText}`,
        text: [
          `die folgende Aufgabe ${dueText} und ist noch offen:`,
          "",
          item.title,
          `Schulträger: ${item.authority.name}`,
          `Aus der Sitzung: ${item.meeting.title} vom ${germanDate(berlinDate(item.meeting.scheduledAt))}`,
          `Fällig: ${germanDate(due)}`,
          "",
          "Ist sie erledigt, melden Sie das bitte in der Konsole unter „Aufgaben“.",
        ].join("\n"),
        meetingId: item.meetingId,
      },
    ];
  });
}

/** A decision's follow-up goes to its steering group's coordinators, else to whoever recorded it. */
async function followUpReminders(db: ReadClient, today: string): Promise<Mail[]> {
  const decisions = await db.decision.findMany({
    where: {
      followUpDate: { gte: addDays(today, -LOOKBACK_DAYS), lte: today },
      status: { in: ["PROPOSED", "APPROVED", "DEFERRED"] },
    },
    include: {
      meeting: { select: { title: true, scheduledAt: true } },
      authority: {
        select: {
          name: true,
          steeringGroup: { select: { members: { where: { coordinator: true }, select: { userId: true } } } },
        },
      },
    },
    orderBy: [{ followUpDate: "asc" }, { id: "asc" }],
  });
  const accessOf = new Map<string, Promise<Access | null>>();
  const mails: Mail[] = [];
  for (const decision of decisions) {
    const coordinators = decision.authority.steeringGroup?.members.map((m) => m.userId) ?? [];
    const people = await recipients(
      db,
      "REMINDER",
      coordinators.length > 0 ? coordinators : [decision.createdById],
    );
    const date = decision.followUpDate as string;
    for (const recipient of people) {
      if (!accessOf.has(recipient.id)) accessOf.set(recipient.id, Access.ofPerson(db, recipient.id));
      if (!(await accessOf.get(recipient.id))?.canSeeSteeringRecords(decision.authorityId)) continue;
      const dueText = date === today ? "ist heute" : `war am ${germanDate(date)}`;
      mails.push({
        kind: "REMINDER",
        recipient,
        dedupeKey: `REMINDER:Decision:${decision.id}:${date}:${recipient.id}`,
        subject: `Wiedervorlage: Beschluss „${decision.title}“`,
        text: [
          `die Wiedervorlage dieses Beschlusses ${dueText}:`,
          "",
          decision.title,
          `Schulträger: ${decision.authority.name}`,
          `Beschlossen am ${germanDate(decision.decidedOn)} in der Sitzung: ${decision.meeting.title}`,
          `Wiedervorlage: ${germanDate(date)}`,
          "",
          "Bitte setzen Sie ihn auf die Tagesordnung der nächsten Sitzung oder ändern Sie seinen Status in der Konsole unter „Beschlüsse“.",
        ].join("\n"),
        meetingId: decision.meetingId,
      });
    }
  }
  return mails;
}

/** Once a week, for each steering member, the decisions awaiting their review (as myPendingReviews). */
async function digests(db: ReadClient, today: string): Promise<Mail[]> {
  const monday = addDays(today, 1 - weekday(today));
  const members = await db.steeringGroupMember.findMany({ select: { userId: true } });
  const keyOf = (userId: string) => `DIGEST:${monday}:${userId}`;
  const done = await existingKeys(
    db,
    members.map((m) => keyOf(m.userId)),
  );
  const people = await recipients(
    db,
    "DIGEST",
    members.map((m) => m.userId).filter((id) => !done.has(keyOf(id))),
  );
  const mails: Mail[] = [];
  for (const recipient of people) {
    const access = await Access.ofPerson(db, recipient.id);
    if (!access) continue;
    const where = {
      authorityId: { in: [...(await access.steeringAuthorityIds())] },
      status: { not: "REVOKED" as const },
      reviews: { none: { reviewerId: recipient.id, current: true } },
    };
    const [count, pending] = await Promise.all([
      db.decision.count({ where }),
      db.decision.findMany({
        where,
        include: { authority: { select: { name: true } }, meeting: { select: { title: true } } },
        orderBy: [{ decidedOn: "desc" }, { createdAt: "desc" }],
        take: DIGEST_LIST,
      }),
    ]);
    if (count === 0) continue;
    const lines = pending.map(
      (d) => `- ${germanDate(d.decidedOn)}, ${d.authority.name}: ${d.title} (Sitzung: ${d.meeting.title})`,
    );
    if (count > pending.length) lines.push(`- und ${count - pending.length} weitere`);
    mails.push({
      kind: "DIGEST",
      recipient,
      dedupeKey: keyOf(recipient.id),
      subject: `Wochenübersicht: ${count} ${plural(count, "Beschluss wartet", "Beschlüsse warten")} auf Ihre Bewertung`,
      text: [
        `${plural(count, "dieser Beschluss Ihrer Steuerungsgruppe wartet", "diese Beschlüsse Ihrer Steuerungsgruppe warten")} auf Ihre Bewertung (Stand ${germanDate(today)}):`,
        "",
        ...lines,
        "",
        `Sie bewerten ${plural(count, "ihn", "sie")} in der Konsole auf der Startseite oder unter „Beschlüsse“.`,
      ].join("\n"),
    });
  }
  return mails;
}

/**
 * Enqueues the reminders and digests that are due at `now` and not yet in the outbox; returns
 * how many. Safe to run at any time, from any number of processes.
 */
export async function queueDueMail(db: Database, now = new Date()): Promise<number> {
  if (berlinTime(now) < FIRST_SENDING_TIME) return 0;
  const today = berlinDate(now);
  const found = [
    ...(await actionItemReminders(db.read, today)),
    ...(await followUpReminders(db.read, today)),
    ...(await digests(db.read, today)),
  ];
  const done = await existingKeys(
    db.read,
    found.map((m) => m.dedupeKey as string),
  );
  const candidates = found.filter((m) => !done.has(m.dedupeKey as string));
  if (candidates.length === 0) return 0;
  return db.transact(async (tx) => {
    // Checked again in the writer's turn: another process may have enqueued them meanwhile.
    const rows = await tx.mailOutbox.findMany({
      where: { dedupeKey: { in: candidates.map((m) => m.dedupeKey as string) } },
      select: { dedupeKey: true },
    });
    const taken = new Set(rows.map((r) => r.dedupeKey));
    const fresh = candidates.filter((m) => !taken.has(m.dedupeKey as string));
    await enqueue(tx, fresh);
    return fresh.length;
  });
}
