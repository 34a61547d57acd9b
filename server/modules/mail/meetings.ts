// The mail a meeting's changes cause, written into the outbox by the governance commands in
// their own transaction: invitations with a calendar entry when people are invited, updates
// when the meeting moves or its title or place change, cancellations, and the final minutes.
import { Access } from "../../access/index.ts";
import type { Tx } from "../../db/client.ts";
import { berlinDate, berlinTime, germanDate, germanDateTime } from "../../lib/dates.ts";
import { KIND_LABEL } from "../governance/exports.ts";
import { type CalendarMethod, invitationCalendar } from "./ical.ts";
import { enqueue, type Mail, type Recipient, recipients } from "./outbox.ts";

/** What a command changed about a meeting, as far as the people invited are concerned. */
export type MeetingChange =
  | { kind: "CREATED" }
  /** Moved, renamed or relocated, or none of these (an edit of the minutes' text sends nothing). */
  | { kind: "CHANGED"; before: MeetingFacts; after: MeetingFacts }
  | { kind: "CANCELLED" }
  /** The invited people were set anew: `before` are those invited until then. */
  | { kind: "INVITED"; before: readonly string[] };

interface MeetingFacts {
  scheduledAt: Date;
  title: string;
  location: string | null;
}

const sameFacts = (a: MeetingFacts, b: MeetingFacts) =>
  a.scheduledAt.getTime() === b.scheduledAt.getTime() && a.title === b.title && a.location === b.location;

/** The people invited to a meeting, read before a command replaces them. */
export async function invitedOf(tx: Tx, meetingId: string): Promise<string[]> {
  const rows = await tx.meetingParticipant.findMany({
    where: { meetingId, invited: true },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}

async function meetingOf(tx: Tx, meetingId: string) {
  return tx.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    include: {
      authority: { select: { name: true } },
      participants: {
        where: { invited: true },
        include: { user: { select: { id: true, name: true, email: true } } },
        orderBy: { user: { name: "asc" } },
      },
    },
  });
}

type MeetingForMail = Awaited<ReturnType<typeof meetingOf>>;

const when = (at: Date) => `am ${germanDate(berlinDate(at))} um ${berlinTime(at)} Uhr`;

function facts(meeting: MeetingForMail): string {
  const end = new Date(meeting.scheduledAt.getTime() + meeting.durationMinutes * 60_000);
  return [
    `${KIND_LABEL[meeting.kind]}: ${meeting.title}`,
    `Schulträger: ${meeting.authority.name}`,
    `Termin: ${germanDateTime(meeting.scheduledAt)} bis ${berlinTime(end)} Uhr`,
    `Ort: ${meeting.location ?? "nicht angegeben"}`,
  ].join("\n");
}

/** One kind of calendar mail a change causes, to some of the people concerned. */
interface Notice {
  to: string[];
  method: CalendarMethod;
  subject: string;
  /** Continues the greeting ("Guten Tag …,"). */
  body: string;
  /** A cancellation to someone no longer invited names only them; everything else everyone invited. */
  alone?: boolean;
}

const INVITATION = "Sie sind zu dieser Sitzung eingeladen. Der Termin liegt als Kalendereintrag bei.";
const UPDATE = "Der Kalendereintrag wird mit dieser Nachricht aktualisiert.";

function notices(meeting: MeetingForMail, change: MeetingChange): Notice[] {
  const invited = meeting.participants.map((p) => p.user.id);
  const { title } = meeting;
  const at = when(meeting.scheduledAt);
  switch (change.kind) {
    case "CREATED":
      return [{ to: invited, method: "REQUEST", subject: `Einladung: ${title} ${at}`, body: INVITATION }];
    case "CHANGED":
      return change.before.scheduledAt.getTime() !== meeting.scheduledAt.getTime()
        ? [
            {
              to: invited,
              method: "REQUEST",
              subject: `Verschoben: ${title} jetzt ${at}`,
              body: `die Sitzung wurde verschoben; bisher war sie für ${germanDateTime(change.before.scheduledAt)} Uhr angesetzt. ${UPDATE}`,
            },
          ]
        : [
            {
              to: invited,
              method: "REQUEST",
              subject: `Geändert: ${title} ${at}`,
              body: `Titel oder Ort der Sitzung haben sich geändert. ${UPDATE}`,
            },
          ];
    case "CANCELLED":
      return [
        {
          to: invited,
          method: "CANCEL",
          subject: `Abgesagt: ${title} ${at}`,
          body: `die Sitzung wurde abgesagt.${meeting.cancelReason ? ` Grund: ${meeting.cancelReason}` : ""}`,
        },
      ];
    case "INVITED": {
      const before = new Set(change.before);
      const now = new Set(invited);
      return [
        {
          to: invited.filter((id) => !before.has(id)),
          method: "REQUEST",
          subject: `Einladung: ${title} ${at}`,
          body: INVITATION,
        },
        {
          to: change.before.filter((id) => !now.has(id)),
          method: "CANCEL",
          subject: `Einladung zurückgenommen: ${title} ${at}`,
          body: "Sie sind zu dieser Sitzung nicht mehr eingeladen. Der Kalendereintrag wird mit dieser Nachricht entfernt.",
          alone: true,
        },
      ];
    }
  }
}

function calendarMail(meeting: MeetingForMail, notice: Notice, recipient: Recipient): Mail {
  const text = `${notice.body}\n\n${facts(meeting)}`;
  const attendees = notice.alone ? [recipient] : meeting.participants.map((p) => p.user);
  const content = invitationCalendar(notice.method, {
    meetingId: meeting.id,
    sequence: meeting.version,
    summary: `${KIND_LABEL[meeting.kind]}: ${meeting.title}`,
    start: meeting.scheduledAt,
    durationMinutes: meeting.durationMinutes,
    location: meeting.location,
    // The calendar shows the text on its own, without the greeting it continues.
    description: `${text.charAt(0).toUpperCase()}${text.slice(1)}`,
    attendees: attendees.map((p) => ({ name: p.name, address: p.email })),
  });
  return {
    kind: "INVITATION",
    recipient,
    subject: notice.subject,
    text,
    calendar: { method: notice.method, content },
    meetingId: meeting.id,
  };
}

/** Queues the invitations, updates or cancellations a change of a meeting causes. */
export async function queueMeetingMail(tx: Tx, meetingId: string, change: MeetingChange): Promise<void> {
  if (change.kind === "CHANGED" && sameFacts(change.before, change.after)) return;
  const meeting = await meetingOf(tx, meetingId);
  // A meeting that is over has no use for a calendar entry: recording attendance afterwards sends nothing.
  if (meeting.scheduledAt.getTime() + meeting.durationMinutes * 60_000 <= Date.now()) return;
  const mails: Mail[] = [];
  for (const notice of notices(meeting, change)) {
    for (const recipient of await recipients(tx, "INVITATION", notice.to)) {
      mails.push(calendarMail(meeting, notice, recipient));
    }
  }
  await enqueue(tx, mails);
}

/**
 * The final minutes go to the people who attended and to the authority's steering group, each
 * only if they may read the minutes; the PDF is rendered when the mail is sent (sender.ts).
 */
export async function queueMinutesMail(tx: Tx, meetingId: string): Promise<void> {
  const meeting = await tx.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    include: {
      authority: {
        select: { name: true, steeringGroup: { select: { members: { select: { userId: true } } } } },
      },
      participants: { where: { attended: true }, select: { userId: true } },
    },
  });
  const candidates = await recipients(tx, "MINUTES", [
    ...meeting.participants.map((p) => p.userId),
    ...(meeting.authority.steeringGroup?.members.map((m) => m.userId) ?? []),
  ]);
  const to: Recipient[] = [];
  for (const person of candidates) {
    const access = await Access.ofPerson(tx, person.id);
    if (access?.canSeeSteeringRecords(meeting.authorityId)) to.push(person);
  }
  const date = germanDate(berlinDate(meeting.scheduledAt));
  await enqueue(
    tx,
    to.map((recipient) => ({
      kind: "MINUTES",
      recipient,
      subject: `Protokoll: ${meeting.title} vom ${date}`,
      text:
        `das Protokoll der Sitzung „${meeting.title}“ (${KIND_LABEL[meeting.kind]}, ${meeting.authority.name}) ` +
        `vom ${germanDateTime(meeting.scheduledAt)} Uhr ist abgeschlossen. Es liegt als PDF bei.`,
      meetingId: meeting.id,
    })),
  );
}
