// The outbox: a mail is a row written in the transaction of the change that causes it, so it
// leaves if and only if that change committed; the sender (sender.ts) of whichever hub process
// claims it first sends it after the commit. Each person chooses per kind whether to get mail.
import type { Tx } from "../../db/client.ts";
import { MailKind } from "../../db/generated/client/enums.ts";
import type { CalendarMethod } from "./ical.ts";

export const MAIL_KINDS: readonly MailKind[] = Object.values(MailKind);

/** What each kind of mail is, in the words the console shows beside its switch. */
export const MAIL_KIND_DESCRIPTION: Record<MailKind, string> = {
  INVITATION:
    "Einladungen zu Sitzungen mit Kalendereintrag, auch wenn eine Sitzung verschoben oder abgesagt wird",
  MINUTES: "Das abgeschlossene Protokoll einer Sitzung als PDF",
  REMINDER: "Erinnerungen an fällige Aufgaben und an Beschlüsse zur Wiedervorlage",
  DIGEST: "Wöchentliche Übersicht der Beschlüsse, die auf Ihre Bewertung warten",
};

export interface Recipient {
  id: string;
  name: string;
  email: string;
}

export interface Mail {
  kind: MailKind;
  recipient: Recipient;
  subject: string;
  /** The body without greeting and footer: mailText adds them. */
  text: string;
  calendar?: { method: CalendarMethod; content: string };
  meetingId?: string;
  /** For mail a periodic job enqueues: the same key is enqueued once. */
  dedupeKey?: string;
}

/** The active people among `userIds` who have not turned this kind of mail off, in that order. */
export async function recipients(tx: Tx, kind: MailKind, userIds: readonly string[]): Promise<Recipient[]> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return [];
  const [people, off] = await Promise.all([
    tx.user.findMany({
      where: { id: { in: unique }, active: true },
      select: { id: true, name: true, email: true },
    }),
    tx.mailSetting.findMany({
      where: { userId: { in: unique }, kind, enabled: false },
      select: { userId: true },
    }),
  ]);
  const optedOut = new Set(off.map((s) => s.userId));
  const byId = new Map(people.map((p) => [p.id, p]));
  return unique.flatMap((id) => {
    const person = byId.get(id);
    return person && !optedOut.has(id) ? [person] : [];
  });
}

const FOOTER =
  "Diese Nachricht hat der Schul-IT-Hub automatisch versandt. Welche E-Mails Sie erhalten, " +
  "legen Sie in der Konsole unter „E-Mail-Benachrichtigungen“ fest.";

function mailText(recipient: Recipient, body: string): string {
  return `Guten Tag ${recipient.name},\n\n${body.trim()}\n\n-- \n${FOOTER}\n`;
}

/** Writes the mails into the outbox through the caller's transaction. */
export async function enqueue(tx: Tx, mails: readonly Mail[]): Promise<void> {
  if (mails.length === 0) return;
  await tx.mailOutbox.createMany({
    data: mails.map((mail) => ({
      kind: mail.kind,
      dedupeKey: mail.dedupeKey ?? null,
      recipientId: mail.recipient.id,
      toAddress: mail.recipient.email,
      toName: mail.recipient.name,
      subject: mail.subject,
      text: mailText(mail.recipient, mail.text),
      calendar: mail.calendar?.content ?? null,
      calendarMethod: mail.calendar?.method ?? null,
      meetingId: mail.meetingId ?? null,
    })),
  });
}
