// The minutes of a meeting as PDF and Markdown, and an authority's meetings as an iCal feed.
// German texts: these documents go to people and into their calendars.
import type { Access } from "../../access/index.ts";
import type { ReadClient } from "../../db/client.ts";
import type { ActionItemStatus, DecisionStatus, ReviewVerdict } from "../../db/generated/client/enums.ts";
import { germanDate, germanDateTime } from "../../lib/dates.ts";
import { notFound } from "../../lib/errors.ts";
import { stampPages } from "../../lib/pdf.ts";
import { fromCents, fromHundredths, germanDecimal } from "../../lib/units.ts";

// The export libraries load on the first export: a hub that never exports does not carry them.
const pdfkit = async () => (await import("pdfkit")).default;

const DECISION_LABEL: Record<DecisionStatus, string> = {
  PROPOSED: "vorgeschlagen",
  APPROVED: "beschlossen",
  REJECTED: "abgelehnt",
  DEFERRED: "vertagt",
  REVOKED: "widerrufen",
};
const VERDICT_LABEL: Record<ReviewVerdict, string> = {
  ACKNOWLEDGE: "zur Kenntnis genommen",
  APPROVE: "Zustimmung",
  OBJECT: "Einwand",
  ABSTAIN: "Enthaltung",
};
const ACTION_LABEL: Record<ActionItemStatus, string> = {
  OPEN: "offen",
  DONE: "erledigt",
  CANCELLED: "entfallen",
};
export const KIND_LABEL = { JOUR_FIXE: "Jour-Fixe", STEERING_GROUP: "Steuerungsgruppe Schul-IT" } as const;

/** Everything the minutes show, read in one go; NOT_FOUND for a meeting the caller may not see. */
export async function minutesRecord(db: ReadClient, access: Access, meetingId: string) {
  access.requireUser();
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    include: {
      authority: {
        select: { name: true, steeringGroup: { select: { members: { select: { userId: true } } } } },
      },
      participants: { include: { user: { select: { name: true } } } },
      agendaItems: { orderBy: { position: "asc" }, include: { presenter: { select: { name: true } } } },
      decisions: {
        orderBy: { createdAt: "asc" },
        include: { reviews: { where: { current: true }, include: { reviewer: { select: { name: true } } } } },
      },
      actionItems: { orderBy: { createdAt: "asc" }, include: { owner: { select: { name: true } } } },
      amendments: { orderBy: { createdAt: "asc" }, include: { author: { select: { name: true } } } },
    },
  });
  if (!meeting || !access.canSeeSteeringRecords(meeting.authorityId)) throw notFound("Sitzung");
  return meeting;
}

type Minutes = Awaited<ReturnType<typeof minutesRecord>>;
type MinutesDecision = Minutes["decisions"][number];

function reviewLine(decision: MinutesDecision, members: number): string {
  const counts = new Map<ReviewVerdict, number>();
  for (const r of decision.reviews) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
  const parts = (Object.keys(VERDICT_LABEL) as ReviewVerdict[])
    .filter((v) => counts.get(v))
    .map((v) => `${counts.get(v)}× ${VERDICT_LABEL[v]}`);
  const open = Math.max(0, members - decision.reviews.length);
  return `Prüfung der Steuerungsgruppe: ${parts.length ? parts.join(", ") : "noch keine Rückmeldung"}${open ? `; ${open} ausstehend` : ""}`;
}

function decisionFacts(d: MinutesDecision): string[] {
  const facts = [`Status: ${DECISION_LABEL[d.status]}`];
  if (d.statusReason) facts.push(`Begründung: ${d.statusReason}`);
  if (d.costImpactCents != null) facts.push(`Kosten: ${germanDecimal(fromCents(d.costImpactCents))} €`);
  if (d.personDayImpact != null)
    facts.push(`Aufwand: ${germanDecimal(fromHundredths(d.personDayImpact))} PT`);
  if (d.followUpDate) facts.push(`Wiedervorlage: ${germanDate(d.followUpDate)}`);
  return facts;
}

function attendees(m: Minutes) {
  const present = m.participants.filter((p) => p.attended).map((p) => p.user.name);
  const absent = m.participants.filter((p) => p.invited && !p.attended).map((p) => p.user.name);
  return { present, absent };
}

export function minutesMarkdown(m: Minutes): string {
  const members = m.authority.steeringGroup?.members.length ?? 0;
  const { present, absent } = attendees(m);
  const lines: string[] = [];
  lines.push(`# Protokoll: ${m.title}${m.minutesStatus === "DRAFT" ? " (ENTWURF)" : ""}`, "");
  lines.push(`- **Schulträger:** ${m.authority.name}`);
  lines.push(
    `- **Sitzung:** ${KIND_LABEL[m.kind]}, ${germanDateTime(m.scheduledAt)}${m.location ? `, ${m.location}` : ""}`,
  );
  if (m.status === "CANCELLED") lines.push(`- **Abgesagt:** ${m.cancelReason ?? ""}`);
  lines.push(`- **Anwesend:** ${present.join(", ") || "—"}`);
  if (absent.length) lines.push(`- **Entschuldigt:** ${absent.join(", ")}`);
  lines.push(
    `- **Status:** ${m.minutesStatus === "FINAL" && m.finalizedAt ? `abgeschlossen am ${germanDateTime(m.finalizedAt)}` : "Entwurf"}`,
    "",
  );
  lines.push("## Tagesordnung", "");
  for (const item of m.agendaItems) {
    lines.push(`### TOP ${item.position}: ${item.title}`, "");
    if (item.presenter) lines.push(`Vortrag: ${item.presenter.name}`, "");
    if (item.notes) lines.push(item.notes, "");
    for (const d of m.decisions.filter((x) => x.agendaItemId === item.id))
      lines.push(...decisionMarkdown(d, members));
  }
  const loose = m.decisions.filter((d) => !d.agendaItemId);
  if (loose.length) {
    lines.push("## Weitere Beschlüsse", "");
    for (const d of loose) lines.push(...decisionMarkdown(d, members));
  }
  if (m.summary) lines.push("## Weitere Notizen", "", m.summary, "");
  lines.push("## Aufgaben", "");
  if (m.actionItems.length === 0) lines.push("Keine.", "");
  else {
    lines.push("| Aufgabe | Verantwortlich | Fällig | Status |", "| --- | --- | --- | --- |");
    for (const a of m.actionItems) {
      lines.push(
        `| ${cell(a.title)} | ${cell(a.owner?.name ?? "—")} | ${a.dueDate ? germanDate(a.dueDate) : "—"} | ${ACTION_LABEL[a.status]} |`,
      );
    }
    lines.push("");
  }
  if (m.amendments.length) {
    lines.push("## Nachträge", "");
    for (const a of m.amendments) {
      lines.push(`- **${germanDateTime(a.createdAt)}, ${a.author.name}** (Grund: ${a.reason}): ${a.text}`);
    }
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function decisionMarkdown(d: MinutesDecision, members: number): string[] {
  return [
    `**Beschluss: ${d.title}** (${decisionFacts(d).join("; ")})`,
    "",
    d.text,
    "",
    `_${reviewLine(d, members)}_`,
    "",
  ];
}

/** A4, Helvetica (WinAnsi covers the umlauts), "ENTWURF" across every page of a draft, "Seite X von Y". */
export async function minutesPdf(m: Minutes): Promise<Buffer> {
  const PDFDocument = await pdfkit();
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 60, bottom: 70, left: 60, right: 60 },
    bufferPages: true,
    info: { Title: `Protokoll ${m.title}`, Author: m.authority.name },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const members = m.authority.steeringGroup?.members.length ?? 0;
  const { present, absent } = attendees(m);
  const heading = (text: string) =>
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(13).text(text).moveDown(0.3);
  const body = (text: string, options: PDFKit.Mixins.TextOptions = {}) =>
    doc.font("Helvetica").fontSize(10).text(text, options);

  doc.font("Helvetica-Bold").fontSize(16).text(`Protokoll: ${m.title}`);
  doc.moveDown(0.3);
  body(m.authority.name);
  body(`${KIND_LABEL[m.kind]}, ${germanDateTime(m.scheduledAt)}${m.location ? `, ${m.location}` : ""}`);
  if (m.status === "CANCELLED") body(`Abgesagt: ${m.cancelReason ?? ""}`);
  body(`Anwesend: ${present.join(", ") || "—"}`);
  if (absent.length) body(`Entschuldigt: ${absent.join(", ")}`);
  body(
    m.minutesStatus === "FINAL" && m.finalizedAt
      ? `Protokoll abgeschlossen am ${germanDateTime(m.finalizedAt)}`
      : "Entwurf, noch nicht abgeschlossen",
  );

  const printDecision = (d: MinutesDecision) => {
    doc.moveDown(0.3).font("Helvetica-Bold").fontSize(10).text(`Beschluss: ${d.title}`, { indent: 12 });
    body(decisionFacts(d).join("; "), { indent: 12 });
    body(d.text, { indent: 12 });
    doc.font("Helvetica-Oblique").fontSize(9).text(reviewLine(d, members), { indent: 12 });
    for (const r of d.reviews) {
      doc
        .fontSize(9)
        .text(`${r.reviewer.name}: ${VERDICT_LABEL[r.verdict]}${r.comment ? ` – ${r.comment}` : ""}`, {
          indent: 24,
        });
    }
  };

  heading("Tagesordnung");
  if (m.agendaItems.length === 0) body("Keine Tagesordnungspunkte.");
  for (const item of m.agendaItems) {
    doc.moveDown(0.4).font("Helvetica-Bold").fontSize(11).text(`TOP ${item.position}: ${item.title}`);
    if (item.presenter) body(`Vortrag: ${item.presenter.name}`);
    if (item.notes) body(item.notes);
    for (const d of m.decisions.filter((x) => x.agendaItemId === item.id)) printDecision(d);
  }
  const loose = m.decisions.filter((d) => !d.agendaItemId);
  if (loose.length) {
    heading("Weitere Beschlüsse");
    for (const d of loose) printDecision(d);
  }
  if (m.summary) {
    heading("Weitere Notizen");
    body(m.summary);
  }
  heading("Aufgaben");
  if (m.actionItems.length === 0) body("Keine.");
  for (const a of m.actionItems) {
    body(
      `• ${a.title} – ${a.owner?.name ?? "ohne Verantwortliche"}, fällig ${a.dueDate ? germanDate(a.dueDate) : "ohne Termin"} (${ACTION_LABEL[a.status]})`,
    );
  }
  if (m.amendments.length) {
    heading("Nachträge");
    for (const a of m.amendments) {
      doc
        .font("Helvetica-Bold")
        .fontSize(10)
        .text(`${germanDateTime(a.createdAt)}, ${a.author.name} – Grund: ${a.reason}`);
      body(a.text);
    }
  }

  stampPages(doc, {
    draft: m.minutesStatus === "DRAFT",
    footer: `${m.authority.name} – ${m.title}`,
    left: 60,
  });
  doc.end();
  return done;
}

// ---------------------------------------------------------------------------
// iCal (RFC 5545)
// ---------------------------------------------------------------------------

/**
 * TEXT values escaped as RFC 5545 asks; every line break (CRLF, a lone CR, LF) becomes \\n, and
 * other control characters go, so no value can end its line and start a property of its own.
 */
export function icalText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/[^\P{Cc}\t]/gu, "");
}

export function icalTime(instant: Date): string {
  return `${instant
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "")}`;
}

/** Lines longer than 75 octets are folded with CRLF and a space, never inside a UTF-8 sequence. */
export function fold(line: string): string {
  const parts: string[] = [];
  let current = "";
  let bytes = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (bytes + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export interface CalendarMeeting {
  id: string;
  kind: "JOUR_FIXE" | "STEERING_GROUP";
  title: string;
  scheduledAt: Date;
  durationMinutes: number;
  location: string | null;
  status: "SCHEDULED" | "CANCELLED";
  version: number;
  updatedAt: Date;
}

/** A meeting's calendar entry everywhere (feed and invitations): a move or cancellation updates it. */
export function meetingUid(meetingId: string): string {
  return `meeting-${meetingId}@schul-it-hub`;
}

/** UIDs are the meeting ids: a moved or cancelled meeting updates the same calendar entry (SEQUENCE = version). */
export function meetingsIcal(authorityName: string, meetings: CalendarMeeting[]): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Schul-IT-Hub//Sitzungen//DE",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${icalText(`Sitzungen ${authorityName}`)}`,
    "X-WR-TIMEZONE:Europe/Berlin",
  ];
  for (const m of meetings) {
    const end = new Date(m.scheduledAt.getTime() + m.durationMinutes * 60_000);
    lines.push(
      "BEGIN:VEVENT",
      `UID:${meetingUid(m.id)}`,
      `DTSTAMP:${icalTime(m.updatedAt)}`,
      `DTSTART:${icalTime(m.scheduledAt)}`,
      `DTEND:${icalTime(end)}`,
      `SEQUENCE:${m.version}`,
      `SUMMARY:${icalText(`${KIND_LABEL[m.kind]}: ${m.title}`)}`,
      `STATUS:${m.status === "CANCELLED" ? "CANCELLED" : "CONFIRMED"}`,
      ...(m.location ? [`LOCATION:${icalText(m.location)}`] : []),
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
