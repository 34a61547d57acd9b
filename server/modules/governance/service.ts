// Meetings, agenda, minutes, decisions and their review, action items, amendments and
// procurement requests: the rules, free of GraphQL.
//
// A FINAL record is not edited: the meeting, its attendance, agenda, decisions and action
// items answer CONFLICT, and corrections are amendments. What happens after the meeting is
// recorded as it happens and audited: steering members' reviews, a decision's later status
// (e.g. revoked, or a deferred one approved), an action item done or cancelled, and the
// order, delivery and acceptance of a procurement request.
import {
  canSeeProcurement,
  requireAcceptor,
  requireMinuteTaker,
  requireProcurementRaiser,
  requireProcurementSupplier,
  requireReviewer,
} from "../../access/governance.ts";
import type { Access, ViewerUser } from "../../access/index.ts";
import type { ReadClient, Tx } from "../../db/client.ts";
import type {
  ActionItemStatus,
  AgendaItemKind,
  AgendaItemStatus,
  DecisionStatus,
  MeetingKind,
  ProcurementCategory,
  ProcurementStatus,
  ReviewVerdict,
} from "../../db/generated/client/enums.ts";
import {
  addDays,
  berlinDate,
  berlinInstant,
  germanDateTime,
  isIsoDate,
  todayInBerlin,
  weekday,
} from "../../lib/dates.ts";
import { badInput, conflict, notFound } from "../../lib/errors.ts";
import { fromCents, fromHundredths, toCents, toHundredths } from "../../lib/units.ts";
import { optionalText, requiredText } from "../../lib/validate.ts";
import { diff } from "../audit/service.ts";
import { putOnAgenda } from "../escalations/lifecycle.ts";
import { invitedOf, queueMeetingMail, queueMinutesMail } from "../mail/meetings.ts";
import type { Work } from "../work.ts";
import { indexDocument, unindexDocument } from "./search.ts";

const MAX_SERIES_MEETINGS = 260;

function optionalDate(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  if (!isIsoDate(value)) throw badInput(field, `"${value}" ist kein Datum im Format JJJJ-MM-TT.`);
  return value;
}

const finalConflict = () =>
  conflict(
    "Das Protokoll ist abgeschlossen und kann nicht mehr geändert werden. Korrekturen bitte als Nachtrag.",
  );

type MeetingRow = NonNullable<Awaited<ReturnType<ReadClient["meeting"]["findUnique"]>>>;

/** Takes the read client of a query or the transaction of a command. */
async function visibleMeeting(db: Tx, access: Access, meetingId: string): Promise<MeetingRow> {
  access.requireUser();
  const meeting = await db.meeting.findUnique({ where: { id: meetingId } });
  if (!meeting || !access.canSeeSteeringRecords(meeting.authorityId)) throw notFound("Sitzung");
  return meeting;
}

/**
 * Checked on the meeting as the command's transaction read it, so that a finalisation
 * committed first wins over an edit.
 */
function requireDraft(meeting: MeetingRow): void {
  if (meeting.minutesStatus === "FINAL") throw finalConflict();
  if (meeting.status === "CANCELLED")
    throw conflict("Die Sitzung ist abgesagt und kann nicht geändert werden.");
}

/** People who may take part: the authority's own people and those of its provider. */
async function checkPeople(tx: Tx, authorityId: string, userIds: string[], field: string): Promise<void> {
  if (userIds.length === 0) return;
  const authority = await tx.schoolAuthority.findUniqueOrThrow({ where: { id: authorityId } });
  const people = await tx.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, authorityId: true, providerId: true },
  });
  for (const id of userIds) {
    const person = people.find((p) => p.id === id);
    if (!person || (person.authorityId !== authorityId && person.providerId !== authority.providerId)) {
      throw badInput(field, "Diese Person gehört weder zum Schulträger noch zu seinem Dienstleister.");
    }
  }
}

// ---------------------------------------------------------------------------
// Meetings and series
// ---------------------------------------------------------------------------

export interface CreateMeetingInput {
  authorityId: string;
  kind: MeetingKind;
  title: string;
  scheduledAt: Date;
  durationMinutes?: number | null;
  location?: string | null;
  invitedIds?: string[] | null;
}

function checkDuration(minutes: number | null | undefined): number {
  const value = minutes ?? 60;
  if (!Number.isInteger(value) || value < 5 || value > 600) {
    throw badInput("durationMinutes", "Die Dauer muss zwischen 5 und 600 Minuten liegen.");
  }
  return value;
}

export async function createMeeting({ tx, access, audit }: Work, input: CreateMeetingInput) {
  if (!access.canSeeAuthority(input.authorityId)) {
    access.requireUser();
    throw notFound("Schulträger");
  }
  requireMinuteTaker(access, input.authorityId);
  const title = requiredText(input.title, "title", "Der Titel");
  const durationMinutes = checkDuration(input.durationMinutes);
  const location = optionalText(input.location, "location", "Der Ort", 200);
  const invited = [...new Set(input.invitedIds ?? [])];
  await checkPeople(tx, input.authorityId, invited, "invitedIds");
  const meeting = await tx.meeting.create({
    data: {
      authorityId: input.authorityId,
      kind: input.kind,
      title,
      scheduledAt: input.scheduledAt,
      durationMinutes,
      location,
      participants: { create: invited.map((userId) => ({ userId, invited: true })) },
    },
  });
  audit({
    authorityId: input.authorityId,
    objectType: "Meeting",
    objectId: meeting.id,
    action: "CREATE",
    changes: {
      kind: input.kind,
      title,
      scheduledAt: input.scheduledAt,
      durationMinutes,
      location,
      invited,
    },
  });
  await queueMeetingMail(tx, meeting.id, { kind: "CREATED" });
  return meeting;
}

export interface CreateSeriesInput {
  authorityId: string;
  kind: MeetingKind;
  title: string;
  weekday: number;
  startTime: string;
  durationMinutes?: number | null;
  startDate: string;
  endDate?: string | null;
  count?: number | null;
  location?: string | null;
  invitedIds?: string[] | null;
}

/** The dates of a weekly series: from the first matching weekday on or after the start, until end or count. */
export function seriesDates(input: {
  weekday: number;
  startDate: string;
  endDate?: string | null;
  count?: number | null;
}): string[] {
  let date = input.startDate;
  while (weekday(date) !== input.weekday) date = addDays(date, 1);
  const dates: string[] = [];
  while (
    (input.count == null || dates.length < input.count) &&
    (input.endDate == null || date <= input.endDate)
  ) {
    dates.push(date);
    if (dates.length > MAX_SERIES_MEETINGS) break;
    date = addDays(date, 7);
  }
  return dates;
}

export async function createMeetingSeries({ tx, access, audit }: Work, input: CreateSeriesInput) {
  if (!access.canSeeAuthority(input.authorityId)) {
    access.requireUser();
    throw notFound("Schulträger");
  }
  const user = requireMinuteTaker(access, input.authorityId);
  const title = requiredText(input.title, "title", "Der Titel");
  if (!Number.isInteger(input.weekday) || input.weekday < 1 || input.weekday > 7) {
    throw badInput("weekday", "Der Wochentag ist eine Zahl von 1 (Montag) bis 7 (Sonntag).");
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(input.startTime)) {
    throw badInput("startTime", "Die Uhrzeit bitte als HH:MM angeben, z. B. 10:00.");
  }
  const durationMinutes = checkDuration(input.durationMinutes);
  const startDate = optionalDate(input.startDate, "startDate") as string;
  const endDate = optionalDate(input.endDate, "endDate");
  if ((endDate == null) === (input.count == null)) {
    throw badInput("endDate", "Bitte entweder ein Enddatum oder eine Anzahl von Terminen angeben.");
  }
  if (endDate != null && endDate < startDate) throw badInput("endDate", "Das Enddatum liegt vor dem Beginn.");
  if (input.count != null && (!Number.isInteger(input.count) || input.count < 1)) {
    throw badInput("count", "Die Anzahl der Termine muss mindestens 1 sein.");
  }
  const dates = seriesDates({ weekday: input.weekday, startDate, endDate, count: input.count });
  if (dates.length > MAX_SERIES_MEETINGS) {
    throw badInput("endDate", `Eine Serie hat höchstens ${MAX_SERIES_MEETINGS} Termine.`);
  }
  if (dates.length === 0) throw badInput("endDate", "In diesem Zeitraum liegt kein Termin.");
  const location = optionalText(input.location, "location", "Der Ort", 200);
  const invited = [...new Set(input.invitedIds ?? [])];
  await checkPeople(tx, input.authorityId, invited, "invitedIds");
  const series = await tx.meetingSeries.create({
    data: {
      authorityId: input.authorityId,
      kind: input.kind,
      title,
      weekday: input.weekday,
      startTime: input.startTime,
      durationMinutes,
      startDate,
      endDate,
      count: input.count ?? null,
      createdById: user.id,
    },
  });
  const meetings = dates.map((date) => ({
    id: crypto.randomUUID(),
    authorityId: input.authorityId,
    seriesId: series.id,
    kind: input.kind,
    title,
    scheduledAt: berlinInstant(date, input.startTime),
    durationMinutes,
    location,
  }));
  await tx.meeting.createMany({ data: meetings });
  if (invited.length > 0) {
    await tx.meetingParticipant.createMany({
      data: meetings.flatMap((m) => invited.map((userId) => ({ meetingId: m.id, userId, invited: true }))),
    });
  }
  audit({
    authorityId: input.authorityId,
    objectType: "MeetingSeries",
    objectId: series.id,
    action: "CREATE",
    changes: {
      title,
      weekday: input.weekday,
      startTime: input.startTime,
      startDate,
      endDate,
      count: input.count,
      meetings: dates.length,
    },
  });
  return series;
}

/** Moving one meeting of a series changes that meeting only; the series keeps its rhythm. */
export async function moveMeeting(
  { tx, access, audit }: Work,
  input: { meetingId: string; scheduledAt: Date },
) {
  const meeting = await visibleMeeting(tx, access, input.meetingId);
  requireMinuteTaker(access, meeting.authorityId);
  requireDraft(meeting);
  const updated = await tx.meeting.update({
    where: { id: meeting.id },
    data: { scheduledAt: input.scheduledAt, version: { increment: 1 } },
  });
  audit({
    authorityId: meeting.authorityId,
    objectType: "Meeting",
    objectId: meeting.id,
    action: "MOVE",
    changes: { scheduledAt: [meeting.scheduledAt, input.scheduledAt] },
  });
  await queueMeetingMail(tx, meeting.id, { kind: "CHANGED", before: meeting, after: updated });
  return updated;
}

export async function cancelMeeting(
  { tx, access, audit }: Work,
  input: { meetingId: string; reason: string },
) {
  const meeting = await visibleMeeting(tx, access, input.meetingId);
  requireMinuteTaker(access, meeting.authorityId);
  const reason = requiredText(input.reason, "reason", "Der Grund", 500);
  requireDraft(meeting);
  const updated = await tx.meeting.update({
    where: { id: meeting.id },
    data: { status: "CANCELLED", cancelReason: reason, version: { increment: 1 } },
  });
  audit({
    authorityId: meeting.authorityId,
    objectType: "Meeting",
    objectId: meeting.id,
    action: "CANCEL",
    changes: { reason },
  });
  await queueMeetingMail(tx, meeting.id, { kind: "CANCELLED" });
  return updated;
}

export async function updateMeeting(
  { tx, access, audit }: Work,
  input: { meetingId: string; title?: string | null; location?: string | null; summary?: string | null },
) {
  const meeting = await visibleMeeting(tx, access, input.meetingId);
  requireMinuteTaker(access, meeting.authorityId);
  const changes = {
    title: input.title == null ? undefined : requiredText(input.title, "title", "Der Titel"),
    location:
      input.location === undefined ? undefined : optionalText(input.location, "location", "Der Ort", 200),
    summary:
      input.summary === undefined ? undefined : optionalText(input.summary, "summary", "Das Protokoll"),
  };
  requireDraft(meeting);
  const updated = await tx.meeting.update({
    where: { id: meeting.id },
    data: { ...changes, version: { increment: 1 } },
  });
  audit({
    authorityId: meeting.authorityId,
    objectType: "Meeting",
    objectId: meeting.id,
    action: "UPDATE",
    changes: diff(meeting, changes),
  });
  await indexMinutes(tx, updated);
  await queueMeetingMail(tx, meeting.id, { kind: "CHANGED", before: meeting, after: updated });
  return updated;
}

async function indexMinutes(tx: Tx, meeting: MeetingRow): Promise<void> {
  if (!meeting.summary) {
    await tx.searchEntry.deleteMany({ where: { objectId: meeting.id } });
    return;
  }
  await indexDocument(tx, {
    authorityId: meeting.authorityId,
    kind: "MINUTES",
    objectId: meeting.id,
    meetingId: meeting.id,
    date: berlinDate(meeting.scheduledAt),
    title: meeting.title,
    body: meeting.summary,
  });
}

/** Invited and attending people are recorded separately: a guest may attend uninvited, an invitee may be absent. */
export async function setParticipants(
  { tx, access, audit }: Work,
  input: { meetingId: string; invitedIds: string[]; attendedIds: string[] },
) {
  const meeting = await visibleMeeting(tx, access, input.meetingId);
  requireMinuteTaker(access, meeting.authorityId);
  const invited = new Set(input.invitedIds);
  const attended = new Set(input.attendedIds);
  const everyone = [...new Set([...invited, ...attended])];
  requireDraft(meeting);
  await checkPeople(tx, meeting.authorityId, everyone, "invitedIds");
  const invitedBefore = await invitedOf(tx, meeting.id);
  await tx.meetingParticipant.deleteMany({ where: { meetingId: meeting.id } });
  await tx.meetingParticipant.createMany({
    data: everyone.map((userId) => ({
      meetingId: meeting.id,
      userId,
      invited: invited.has(userId),
      attended: attended.has(userId),
    })),
  });
  audit({
    authorityId: meeting.authorityId,
    objectType: "Meeting",
    objectId: meeting.id,
    action: "PARTICIPANTS",
    changes: { invited: [...invited], attended: [...attended] },
  });
  const updated = await tx.meeting.update({ where: { id: meeting.id }, data: { version: { increment: 1 } } });
  await queueMeetingMail(tx, meeting.id, { kind: "INVITED", before: invitedBefore });
  return updated;
}

export async function finalizeMinutes({ tx, access, audit }: Work, input: { meetingId: string }) {
  const meeting = await visibleMeeting(tx, access, input.meetingId);
  const user = requireMinuteTaker(access, meeting.authorityId);
  if (meeting.minutesStatus === "FINAL") throw conflict("Das Protokoll ist bereits abgeschlossen.");
  if (meeting.status === "CANCELLED") throw conflict("Eine abgesagte Sitzung hat kein Protokoll.");
  if (meeting.scheduledAt.getTime() > Date.now()) {
    throw conflict(
      `Die Sitzung findet erst am ${germanDateTime(meeting.scheduledAt)} statt; ihr Protokoll wird danach abgeschlossen.`,
    );
  }
  const updated = await tx.meeting.update({
    where: { id: meeting.id },
    data: {
      minutesStatus: "FINAL",
      finalizedAt: new Date(),
      finalizedById: user.id,
      version: { increment: 1 },
    },
  });
  audit({
    authorityId: meeting.authorityId,
    objectType: "Meeting",
    objectId: meeting.id,
    action: "FINALIZE",
    changes: { minutesStatus: ["DRAFT", "FINAL"] },
  });
  await queueMinutesMail(tx, meeting.id);
  return updated;
}

/** The correction of finalised minutes: dated, with author and reason, shown with the record. */
export async function addAmendment(
  { tx, access, audit }: Work,
  input: { meetingId: string; reason: string; text: string },
) {
  const meeting = await visibleMeeting(tx, access, input.meetingId);
  const user = requireMinuteTaker(access, meeting.authorityId);
  const reason = requiredText(input.reason, "reason", "Der Grund", 500);
  const text = requiredText(input.text, "text", "Der Nachtrag", 20_000);
  if (meeting.minutesStatus !== "FINAL") {
    throw conflict(
      "Ein Entwurf wird direkt bearbeitet; Nachträge gibt es erst für abgeschlossene Protokolle.",
    );
  }
  const amendment = await tx.amendment.create({
    data: { meetingId: meeting.id, authorId: user.id, reason, text },
  });
  audit({
    authorityId: meeting.authorityId,
    objectType: "Amendment",
    objectId: amendment.id,
    action: "CREATE",
    changes: { meetingId: meeting.id, reason, text },
  });
  await indexDocument(tx, {
    authorityId: meeting.authorityId,
    kind: "AMENDMENT",
    objectId: amendment.id,
    meetingId: meeting.id,
    date: berlinDate(meeting.scheduledAt),
    title: `Nachtrag: ${reason}`,
    body: text,
  });
  return amendment;
}

// ---------------------------------------------------------------------------
// Agenda
// ---------------------------------------------------------------------------

export interface AgendaItemInput {
  meetingId: string;
  title: string;
  kind?: AgendaItemKind | null;
  presenterId?: string | null;
  notes?: string | null;
  procurementRequestId?: string | null;
  /** An open item of an earlier meeting that this one continues. */
  carriedFromId?: string | null;
  /** An escalation in review that this item puts on the agenda. */
  escalationId?: string | null;
}

export async function addAgendaItem(work: Work, input: AgendaItemInput) {
  const { tx, access, audit, publish } = work;
  const meeting = await visibleMeeting(tx, access, input.meetingId);
  requireMinuteTaker(access, meeting.authorityId);
  const title = requiredText(input.title, "title", "Der Titel");
  const notes = optionalText(input.notes, "notes", "Die Notizen");
  requireDraft(meeting);
  if (input.presenterId) await checkPeople(tx, meeting.authorityId, [input.presenterId], "presenterId");
  let kind = input.kind ?? (input.escalationId ? "ESCALATION" : "OTHER");
  if (input.carriedFromId) {
    const earlier = await tx.agendaItem.findUnique({
      where: { id: input.carriedFromId },
      include: { meeting: true, carriedTo: { select: { id: true } } },
    });
    if (!earlier || earlier.meeting.authorityId !== meeting.authorityId) {
      throw badInput("carriedFromId", "Dieser Tagesordnungspunkt gehört nicht zu diesem Schulträger.");
    }
    if (earlier.meeting.scheduledAt >= meeting.scheduledAt) {
      throw badInput("carriedFromId", "Übernommen werden nur Punkte früherer Sitzungen.");
    }
    if (earlier.status !== "OPEN" || earlier.carriedTo.length > 0) {
      throw conflict("Dieser Tagesordnungspunkt ist erledigt oder wurde bereits übernommen.");
    }
    if (!input.kind) kind = earlier.kind;
  }
  if (input.procurementRequestId) {
    const request = await tx.procurementRequest.findUnique({ where: { id: input.procurementRequestId } });
    if (!request || request.authorityId !== meeting.authorityId) {
      throw badInput("procurementRequestId", "Diese Beschaffungsanfrage gehört nicht zu diesem Schulträger.");
    }
    if (request.status !== "RAISED" && request.status !== "ON_AGENDA") {
      throw conflict("Über diese Beschaffungsanfrage ist bereits entschieden.");
    }
    if (!input.kind) kind = "PROCUREMENT";
    await tx.procurementRequest.update({ where: { id: request.id }, data: { status: "ON_AGENDA" } });
  }
  const last = await tx.agendaItem.aggregate({
    where: { meetingId: meeting.id },
    _max: { position: true },
  });
  const item = await tx.agendaItem.create({
    data: {
      meetingId: meeting.id,
      position: (last._max.position ?? 0) + 1,
      title,
      kind,
      presenterId: input.presenterId ?? null,
      notes,
      carriedFromId: input.carriedFromId ?? null,
      procurementRequestId: input.procurementRequestId ?? null,
    },
  });
  audit({
    authorityId: meeting.authorityId,
    objectType: "AgendaItem",
    objectId: item.id,
    action: "CREATE",
    changes: {
      meetingId: meeting.id,
      title,
      kind,
      notes,
      presenterId: input.presenterId ?? null,
      carriedFromId: input.carriedFromId ?? null,
      procurementRequestId: input.procurementRequestId ?? null,
    },
  });
  await indexAgendaItem(tx, meeting, item);
  if (input.escalationId) {
    const escalation = await putOnAgenda(work, {
      escalationId: input.escalationId,
      authorityId: meeting.authorityId,
      meetingId: meeting.id,
      agendaItemId: item.id,
    });
    publish("escalationUpdated", {
      authorityId: escalation.authorityId,
      schoolId: escalation.schoolId,
      escalationId: escalation.id,
    });
  }
  return item;
}

async function indexAgendaItem(
  tx: Tx,
  meeting: MeetingRow,
  item: { id: string; title: string; notes: string | null },
): Promise<void> {
  await indexDocument(tx, {
    authorityId: meeting.authorityId,
    kind: "AGENDA_ITEM",
    objectId: item.id,
    meetingId: meeting.id,
    date: berlinDate(meeting.scheduledAt),
    title: item.title,
    body: item.notes ?? "",
  });
}

async function agendaItemOf(tx: Tx, access: Access, agendaItemId: string) {
  access.requireUser();
  const item = await tx.agendaItem.findUnique({ where: { id: agendaItemId }, include: { meeting: true } });
  if (!item || !access.canSeeSteeringRecords(item.meeting.authorityId)) throw notFound("Tagesordnungspunkt");
  return item;
}

export async function updateAgendaItem(
  { tx, access, audit }: Work,
  input: {
    agendaItemId: string;
    title?: string | null;
    kind?: AgendaItemKind | null;
    notes?: string | null;
    presenterId?: string | null;
    status?: AgendaItemStatus | null;
  },
) {
  const item = await agendaItemOf(tx, access, input.agendaItemId);
  requireMinuteTaker(access, item.meeting.authorityId);
  if (input.status === "CARRIED_FORWARD") {
    throw badInput("status", "Übernommen wird ein Punkt, indem die nächste Sitzung ihn aufnimmt.");
  }
  const changes = {
    title: input.title == null ? undefined : requiredText(input.title, "title", "Der Titel"),
    kind: input.kind ?? undefined,
    notes: input.notes === undefined ? undefined : optionalText(input.notes, "notes", "Die Notizen"),
    presenterId: input.presenterId === undefined ? undefined : input.presenterId,
    status: input.status ?? undefined,
  };
  const { meeting } = item;
  requireDraft(meeting);
  if (changes.presenterId) await checkPeople(tx, meeting.authorityId, [changes.presenterId], "presenterId");
  const updated = await tx.agendaItem.update({ where: { id: item.id }, data: changes });
  audit({
    authorityId: meeting.authorityId,
    objectType: "AgendaItem",
    objectId: item.id,
    action: "UPDATE",
    changes: diff(item, changes),
  });
  await indexAgendaItem(tx, meeting, updated);
  return updated;
}

/** The new order names every item of the meeting exactly once. */
export async function reorderAgendaItems(
  { tx, access, audit }: Work,
  input: { meetingId: string; agendaItemIds: string[] },
) {
  const meeting = await visibleMeeting(tx, access, input.meetingId);
  requireMinuteTaker(access, meeting.authorityId);
  requireDraft(meeting);
  const items = await tx.agendaItem.findMany({ where: { meetingId: meeting.id }, select: { id: true } });
  const given = new Set(input.agendaItemIds);
  if (
    given.size !== input.agendaItemIds.length ||
    given.size !== items.length ||
    items.some((i) => !given.has(i.id))
  ) {
    throw badInput("agendaItemIds", "Bitte jeden Tagesordnungspunkt dieser Sitzung genau einmal nennen.");
  }
  for (const [index, id] of input.agendaItemIds.entries()) {
    await tx.agendaItem.update({ where: { id }, data: { position: index + 1 } });
  }
  audit({
    authorityId: meeting.authorityId,
    objectType: "Meeting",
    objectId: meeting.id,
    action: "REORDER_AGENDA",
    changes: { agendaItemIds: input.agendaItemIds },
  });
  return tx.meeting.update({ where: { id: meeting.id }, data: { version: { increment: 1 } } });
}

/**
 * A mistaken item leaves the draft minutes. Its decisions and action items stay in the minutes,
 * no longer under this item. An item that put an escalation or a procurement request on the
 * agenda, or that a later meeting continues, has consequences beyond these minutes: refused.
 */
export async function removeAgendaItem({ tx, access, audit }: Work, input: { agendaItemId: string }) {
  const item = await agendaItemOf(tx, access, input.agendaItemId);
  const { meeting } = item;
  requireMinuteTaker(access, meeting.authorityId);
  requireDraft(meeting);
  const [escalation, carriedTo] = await Promise.all([
    tx.escalation.count({ where: { agendaItemId: item.id } }),
    tx.agendaItem.count({ where: { carriedFromId: item.id } }),
  ]);
  if (escalation > 0) {
    throw conflict(
      `„${item.title}“ hat eine Eskalation auf die Tagesordnung gesetzt und bleibt; setzen Sie seinen Status auf „erledigt“ oder ändern Sie den Titel.`,
    );
  }
  if (item.procurementRequestId) {
    throw conflict(
      `„${item.title}“ hat eine Beschaffungsanfrage auf die Tagesordnung gesetzt und bleibt; ändern Sie bei Bedarf den Titel.`,
    );
  }
  if (carriedTo > 0) throw conflict(`„${item.title}“ wird in einer späteren Sitzung fortgeführt und bleibt.`);
  const detached = {
    decisions: (
      await tx.decision.updateMany({ where: { agendaItemId: item.id }, data: { agendaItemId: null } })
    ).count,
    actionItems: (
      await tx.actionItem.updateMany({ where: { agendaItemId: item.id }, data: { agendaItemId: null } })
    ).count,
  };
  await tx.agendaItem.delete({ where: { id: item.id } });
  await unindexDocument(tx, item.id);
  const rest = await tx.agendaItem.findMany({
    where: { meetingId: meeting.id },
    orderBy: { position: "asc" },
    select: { id: true, position: true },
  });
  for (const [index, other] of rest.entries()) {
    if (other.position !== index + 1) {
      await tx.agendaItem.update({ where: { id: other.id }, data: { position: index + 1 } });
    }
  }
  await tx.meeting.update({ where: { id: meeting.id }, data: { version: { increment: 1 } } });
  audit({
    authorityId: meeting.authorityId,
    objectType: "AgendaItem",
    objectId: item.id,
    action: "DELETE",
    changes: {
      meetingId: meeting.id,
      title: item.title,
      position: item.position,
      notes: item.notes,
      ...detached,
    },
  });
  return true;
}

/**
 * What the next meeting should pick up: open agenda items of earlier meetings of the same
 * authority that no later meeting has taken over yet, and open action items of earlier meetings.
 */
export async function carryForwardCandidates(db: ReadClient, access: Access, meetingId: string) {
  const meeting = await visibleMeeting(db, access, meetingId);
  const earlier = {
    authorityId: meeting.authorityId,
    scheduledAt: { lt: meeting.scheduledAt },
    status: "SCHEDULED" as const,
  };
  const [agendaItems, actionItems] = await Promise.all([
    db.agendaItem.findMany({
      where: { status: "OPEN", carriedTo: { none: {} }, meeting: earlier },
      select: { id: true },
      orderBy: [{ meeting: { scheduledAt: "asc" } }, { position: "asc" }],
    }),
    db.actionItem.findMany({
      where: { status: "OPEN", meeting: earlier },
      select: { id: true },
      orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
    }),
  ]);
  return { agendaItemIds: agendaItems.map((i) => i.id), actionItemIds: actionItems.map((i) => i.id) };
}

// ---------------------------------------------------------------------------
// Decisions and reviews
// ---------------------------------------------------------------------------

/** The allowed moves of a decision; everything else is a CONFLICT. */
const TRANSITIONS: Record<DecisionStatus, DecisionStatus[]> = {
  PROPOSED: ["APPROVED", "REJECTED", "DEFERRED"],
  DEFERRED: ["PROPOSED", "APPROVED", "REJECTED"],
  APPROVED: ["REVOKED"],
  REJECTED: [],
  REVOKED: [],
};

const STATUS_LABEL: Record<DecisionStatus, string> = {
  PROPOSED: "vorgeschlagen",
  APPROVED: "beschlossen",
  REJECTED: "abgelehnt",
  DEFERRED: "vertagt",
  REVOKED: "widerrufen",
};

/** What a decision's status means for the procurement request it decides. */
function procurementStatusFor(status: DecisionStatus): ProcurementStatus {
  if (status === "APPROVED") return "APPROVED";
  if (status === "REJECTED" || status === "REVOKED") return "REJECTED";
  return "ON_AGENDA";
}

async function applyToProcurement(tx: Tx, requestId: string | null, status: DecisionStatus): Promise<void> {
  if (!requestId) return;
  const request = await tx.procurementRequest.findUniqueOrThrow({ where: { id: requestId } });
  if (!["RAISED", "ON_AGENDA", "APPROVED", "REJECTED"].includes(request.status)) {
    throw conflict("Die Beschaffung ist bereits bestellt; der Beschluss kann sie nicht mehr ändern.");
  }
  await tx.procurementRequest.update({
    where: { id: requestId },
    data: { status: procurementStatusFor(status) },
  });
}

export interface RecordDecisionInput {
  meetingId: string;
  agendaItemId?: string | null;
  title: string;
  text: string;
  status?: DecisionStatus | null;
  schoolId?: string | null;
  procurementRequestId?: string | null;
  costImpact?: string | null;
  personDayImpact?: string | null;
  followUpDate?: string | null;
}

export async function recordDecision({ tx, access, audit, publish }: Work, input: RecordDecisionInput) {
  const meeting = await visibleMeeting(tx, access, input.meetingId);
  const user = requireMinuteTaker(access, meeting.authorityId);
  const status = input.status ?? "PROPOSED";
  if (status === "REVOKED") throw conflict("Ein neuer Beschluss kann nicht widerrufen sein.");
  const title = requiredText(input.title, "title", "Der Titel");
  const text = requiredText(input.text, "text", "Der Beschlusstext", 20_000);
  const costImpactCents = input.costImpact == null ? null : toCents(input.costImpact, "costImpact");
  const personDayImpact =
    input.personDayImpact == null ? null : toHundredths(input.personDayImpact, "personDayImpact");
  // An Int column: keep it far below 2^31 hundredths (a year of a large provider is a few thousand PT).
  if (personDayImpact !== null && Math.abs(personDayImpact) > 10_000_000) {
    throw badInput("personDayImpact", "Diese Auswirkung in Personentagen ist unplausibel groß.");
  }
  const followUpDate = optionalDate(input.followUpDate, "followUpDate");
  requireDraft(meeting);
  if (input.agendaItemId) {
    const item = await tx.agendaItem.findUnique({ where: { id: input.agendaItemId } });
    if (!item || item.meetingId !== meeting.id) {
      throw badInput("agendaItemId", "Dieser Tagesordnungspunkt gehört nicht zu dieser Sitzung.");
    }
  }
  if (input.schoolId) {
    const school = await tx.school.findUnique({ where: { id: input.schoolId } });
    if (!school || school.authorityId !== meeting.authorityId) {
      throw badInput("schoolId", "Diese Schule gehört nicht zu diesem Schulträger.");
    }
  }
  if (input.procurementRequestId) {
    const request = await tx.procurementRequest.findUnique({ where: { id: input.procurementRequestId } });
    if (!request || request.authorityId !== meeting.authorityId) {
      throw badInput("procurementRequestId", "Diese Beschaffungsanfrage gehört nicht zu diesem Schulträger.");
    }
    await applyToProcurement(tx, request.id, status);
  }
  const decision = await tx.decision.create({
    data: {
      authorityId: meeting.authorityId,
      meetingId: meeting.id,
      agendaItemId: input.agendaItemId ?? null,
      title,
      text,
      status,
      schoolId: input.schoolId ?? null,
      procurementRequestId: input.procurementRequestId ?? null,
      costImpactCents,
      personDayImpact,
      followUpDate,
      decidedOn: berlinDate(meeting.scheduledAt),
      createdById: user.id,
    },
  });
  audit({
    authorityId: meeting.authorityId,
    objectType: "Decision",
    objectId: decision.id,
    action: "CREATE",
    changes: {
      meetingId: meeting.id,
      agendaItemId: input.agendaItemId ?? null,
      title,
      text,
      status,
      schoolId: input.schoolId ?? null,
      procurementRequestId: input.procurementRequestId ?? null,
      costImpact: input.costImpact ?? null,
      personDayImpact: input.personDayImpact ?? null,
      followUpDate,
    },
  });
  await indexDocument(tx, {
    authorityId: meeting.authorityId,
    kind: "DECISION",
    objectId: decision.id,
    meetingId: meeting.id,
    date: decision.decidedOn,
    title,
    body: text,
  });
  publish("decisionUpdated", {
    authorityId: decision.authorityId,
    decisionId: decision.id,
    change: "CREATED",
  });
  return decision;
}

async function decisionOf(tx: Tx, access: Access, decisionId: string) {
  access.requireUser();
  const decision = await tx.decision.findUnique({ where: { id: decisionId } });
  if (!decision || !access.canSeeSteeringRecords(decision.authorityId)) throw notFound("Beschluss");
  return decision;
}

/** Hundredths of a person-day a decision may claim: an Int column, far above a year of a large provider. */
const MAX_PERSON_DAY_IMPACT = 10_000_000;

function personDayImpactOf(value: string, field: string): number {
  const hundredths = toHundredths(value, field);
  if (Math.abs(hundredths) > MAX_PERSON_DAY_IMPACT) {
    throw badInput(field, "Diese Auswirkung in Personentagen ist unplausibel groß.");
  }
  return hundredths;
}

export interface UpdateDecisionInput {
  decisionId: string;
  title?: string | null;
  text?: string | null;
  /** Euros; null clears it, undefined leaves it. */
  costImpact?: string | null;
  personDayImpact?: string | null;
  followUpDate?: string | null;
}

/**
 * A decision is worded while its minutes are DRAFT; after FINAL it stands as recorded (its status
 * moves through changeDecisionStatus, corrections are amendments of the minutes).
 */
export async function updateDecision({ tx, access, audit, publish }: Work, input: UpdateDecisionInput) {
  const decision = await decisionOf(tx, access, input.decisionId);
  const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: decision.meetingId } });
  requireMinuteTaker(access, decision.authorityId);
  requireDraft(meeting);
  const next = {
    title: input.title == null ? undefined : requiredText(input.title, "title", "Der Titel"),
    text: input.text == null ? undefined : requiredText(input.text, "text", "Der Beschlusstext", 20_000),
    costImpactCents:
      input.costImpact === undefined
        ? undefined
        : input.costImpact === null
          ? null
          : toCents(input.costImpact, "costImpact"),
    personDayImpact:
      input.personDayImpact === undefined
        ? undefined
        : input.personDayImpact === null
          ? null
          : personDayImpactOf(input.personDayImpact, "personDayImpact"),
    followUpDate:
      input.followUpDate === undefined ? undefined : optionalDate(input.followUpDate, "followUpDate"),
  };
  const changes = diff(decision, next);
  if (Object.keys(changes).length === 0) return decision;
  const updated = await tx.decision.update({
    where: { id: decision.id },
    data: { ...next, version: { increment: 1 } },
  });
  const shown = (key: string, value: unknown) =>
    value == null
      ? null
      : key === "costImpactCents"
        ? fromCents(value as bigint)
        : key === "personDayImpact"
          ? fromHundredths(value as number)
          : value;
  audit({
    authorityId: decision.authorityId,
    objectType: "Decision",
    objectId: decision.id,
    action: "UPDATE",
    changes: Object.fromEntries(
      Object.entries(changes).map(([key, [before, after]]) => [
        key === "costImpactCents" ? "costImpact" : key,
        [shown(key, before), shown(key, after)],
      ]),
    ),
  });
  if (changes.title || changes.text) {
    await indexDocument(tx, {
      authorityId: decision.authorityId,
      kind: "DECISION",
      objectId: decision.id,
      meetingId: decision.meetingId,
      date: decision.decidedOn,
      title: updated.title,
      body: updated.text,
    });
  }
  publish("decisionUpdated", {
    authorityId: decision.authorityId,
    decisionId: decision.id,
    change: "UPDATED",
  });
  return updated;
}

/** Allowed after finalisation too: a decision's fate is settled outside the meeting, and audited. */
export async function changeDecisionStatus(
  { tx, access, audit, publish }: Work,
  input: { decisionId: string; status: DecisionStatus; reason?: string | null },
) {
  const decision = await decisionOf(tx, access, input.decisionId);
  requireMinuteTaker(access, decision.authorityId);
  const reason = optionalText(input.reason, "reason", "Die Begründung", 2000);
  if (!TRANSITIONS[decision.status].includes(input.status)) {
    throw conflict(
      `Ein ${STATUS_LABEL[decision.status]}er Beschluss kann nicht ${STATUS_LABEL[input.status]} werden.`,
    );
  }
  if (input.status === "REVOKED" && !reason) {
    throw badInput("reason", "Der Widerruf eines Beschlusses braucht eine Begründung.");
  }
  await applyToProcurement(tx, decision.procurementRequestId, input.status);
  const updated = await tx.decision.update({
    where: { id: decision.id },
    data: { status: input.status, statusReason: reason, version: { increment: 1 } },
  });
  audit({
    authorityId: decision.authorityId,
    objectType: "Decision",
    objectId: decision.id,
    action: "STATUS",
    changes: { status: [decision.status, input.status], reason },
  });
  publish("decisionUpdated", {
    authorityId: updated.authorityId,
    decisionId: updated.id,
    change: "STATUS",
  });
  return updated;
}

/** A changed verdict is a new row; the earlier one stays as history. */
export async function reviewDecision(
  { tx, access, audit, publish }: Work,
  input: { decisionId: string; verdict: ReviewVerdict; comment?: string | null },
) {
  const decision = await decisionOf(tx, access, input.decisionId);
  const user = await requireReviewer(access, decision.authorityId);
  const comment = optionalText(input.comment, "comment", "Der Kommentar", 2000);
  if (input.verdict === "OBJECT" && !comment) {
    throw badInput("comment", "Ein Einwand braucht eine Begründung im Kommentar.");
  }
  if (decision.status === "REVOKED") throw conflict("Ein widerrufener Beschluss wird nicht mehr geprüft.");
  await tx.decisionReview.updateMany({
    where: { decisionId: decision.id, reviewerId: user.id, current: true },
    data: { current: false },
  });
  const review = await tx.decisionReview.create({
    data: { decisionId: decision.id, reviewerId: user.id, verdict: input.verdict, comment },
  });
  audit({
    authorityId: decision.authorityId,
    objectType: "DecisionReview",
    objectId: review.id,
    action: "CREATE",
    changes: { decisionId: decision.id, verdict: input.verdict, comment },
  });
  publish("decisionUpdated", {
    authorityId: decision.authorityId,
    decisionId: decision.id,
    change: "REVIEW",
  });
  return review;
}

// ---------------------------------------------------------------------------
// Action items
// ---------------------------------------------------------------------------

export async function addActionItem(
  { tx, access, audit }: Work,
  input: {
    meetingId: string;
    agendaItemId?: string | null;
    title: string;
    ownerId?: string | null;
    dueDate?: string | null;
  },
) {
  const meeting = await visibleMeeting(tx, access, input.meetingId);
  requireMinuteTaker(access, meeting.authorityId);
  const title = requiredText(input.title, "title", "Die Aufgabe", 500);
  const dueDate = optionalDate(input.dueDate, "dueDate");
  requireDraft(meeting);
  if (input.ownerId) await checkPeople(tx, meeting.authorityId, [input.ownerId], "ownerId");
  if (input.agendaItemId) {
    const item = await tx.agendaItem.findUnique({ where: { id: input.agendaItemId } });
    if (!item || item.meetingId !== meeting.id) {
      throw badInput("agendaItemId", "Dieser Tagesordnungspunkt gehört nicht zu dieser Sitzung.");
    }
  }
  const item = await tx.actionItem.create({
    data: {
      authorityId: meeting.authorityId,
      meetingId: meeting.id,
      agendaItemId: input.agendaItemId ?? null,
      title,
      ownerId: input.ownerId ?? null,
      dueDate,
    },
  });
  audit({
    authorityId: meeting.authorityId,
    objectType: "ActionItem",
    objectId: item.id,
    action: "CREATE",
    changes: { meetingId: meeting.id, title, ownerId: input.ownerId ?? null, dueDate },
  });
  return item;
}

/**
 * Done or cancelled is reported after the meeting, so it is allowed on finalised minutes;
 * the owner may report it too. Title, owner and due date are part of the minutes.
 */
export async function setActionItemStatus(
  { tx, access, audit }: Work,
  input: { actionItemId: string; status: ActionItemStatus },
) {
  const user: ViewerUser = access.requireUser();
  const item = await tx.actionItem.findUnique({ where: { id: input.actionItemId } });
  if (!item || !access.canSeeSteeringRecords(item.authorityId)) throw notFound("Aufgabe");
  if (item.ownerId !== user.id) requireMinuteTaker(access, item.authorityId);
  if (item.status !== "OPEN") throw conflict("Diese Aufgabe ist bereits erledigt oder abgebrochen.");
  if (input.status === "OPEN") throw conflict("Die Aufgabe ist bereits offen.");
  const updated = await tx.actionItem.update({
    where: { id: item.id },
    data: { status: input.status, completedAt: new Date() },
  });
  audit({
    authorityId: item.authorityId,
    objectType: "ActionItem",
    objectId: item.id,
    action: "STATUS",
    changes: { status: [item.status, input.status] },
  });
  return updated;
}

/** Title, owner and due date are part of the minutes: changed while they are DRAFT. */
export async function updateActionItem(
  { tx, access, audit }: Work,
  input: { actionItemId: string; title?: string | null; ownerId?: string | null; dueDate?: string | null },
) {
  access.requireUser();
  const item = await tx.actionItem.findUnique({
    where: { id: input.actionItemId },
    include: { meeting: true },
  });
  if (!item || !access.canSeeSteeringRecords(item.authorityId)) throw notFound("Aufgabe");
  requireMinuteTaker(access, item.authorityId);
  requireDraft(item.meeting);
  const next = {
    title: input.title == null ? undefined : requiredText(input.title, "title", "Die Aufgabe", 500),
    ownerId: input.ownerId,
    dueDate: input.dueDate === undefined ? undefined : optionalDate(input.dueDate, "dueDate"),
  };
  if (next.ownerId) await checkPeople(tx, item.authorityId, [next.ownerId], "ownerId");
  const { meeting, ...row } = item;
  const changes = diff(row, next);
  if (Object.keys(changes).length === 0) return row;
  const updated = await tx.actionItem.update({ where: { id: item.id }, data: next });
  audit({
    authorityId: item.authorityId,
    objectType: "ActionItem",
    objectId: item.id,
    action: "UPDATE",
    changes,
  });
  return updated;
}

export function overdueWhere(authorityId: string, today = todayInBerlin()) {
  return { authorityId, status: "OPEN" as const, dueDate: { lt: today, not: null } };
}

// ---------------------------------------------------------------------------
// Procurement requests
// ---------------------------------------------------------------------------

export async function raiseProcurementRequest(
  { tx, access, audit }: Work,
  input: {
    schoolId: string;
    category: ProcurementCategory;
    title: string;
    justification: string;
    estimatedCost: string;
  },
) {
  access.requireUser();
  const school = await tx.school.findUnique({ where: { id: input.schoolId } });
  if (!school || !access.canSeeAuthority(school.authorityId)) throw notFound("Schule");
  const user = requireProcurementRaiser(access, school);
  const title = requiredText(input.title, "title", "Der Titel");
  const justification = requiredText(input.justification, "justification", "Die Begründung", 5000);
  const estimatedCostCents = toCents(input.estimatedCost, "estimatedCost");
  if (estimatedCostCents <= 0n)
    throw badInput("estimatedCost", "Die geschätzten Kosten müssen größer als 0 sein.");
  const request = await tx.procurementRequest.create({
    data: {
      authorityId: school.authorityId,
      schoolId: school.id,
      category: input.category,
      title,
      justification,
      estimatedCostCents,
      raisedById: user.id,
    },
  });
  audit({
    authorityId: school.authorityId,
    objectType: "ProcurementRequest",
    objectId: request.id,
    action: "CREATE",
    changes: {
      schoolId: school.id,
      category: input.category,
      title,
      justification,
      estimatedCost: input.estimatedCost,
    },
  });
  return request;
}

type ProcurementStep = "ORDERED" | "DELIVERED" | "ACCEPTED";

const STEP_FROM: Record<ProcurementStep, ProcurementStatus> = {
  ORDERED: "APPROVED",
  DELIVERED: "ORDERED",
  ACCEPTED: "DELIVERED",
};

const STEP_ERROR: Record<ProcurementStep, string> = {
  ORDERED: "Bestellt wird erst, was der Jour-Fixe beschlossen hat.",
  DELIVERED: "Geliefert werden kann nur, was bestellt ist.",
  ACCEPTED: "Abgenommen werden kann nur, was geliefert ist.",
};

export async function advanceProcurementRequest(
  { tx, access, audit }: Work,
  input: { procurementRequestId: string; step: ProcurementStep },
) {
  access.requireUser();
  const request = await tx.procurementRequest.findUnique({ where: { id: input.procurementRequestId } });
  if (!request || !canSeeProcurement(access, request)) throw notFound("Beschaffungsanfrage");
  const user =
    input.step === "ACCEPTED"
      ? requireAcceptor(access, request.authorityId)
      : requireProcurementSupplier(access, request.authorityId);
  if (input.step === "ACCEPTED" && request.category === "NETWORK_INFRASTRUCTURE") {
    throw conflict("Netzwerkinfrastruktur wird nicht abgenommen.");
  }
  if (request.status !== STEP_FROM[input.step]) throw conflict(STEP_ERROR[input.step]);
  const now = new Date();
  const updated = await tx.procurementRequest.update({
    where: { id: request.id },
    data: {
      status: input.step,
      ...(input.step === "ORDERED" ? { orderedAt: now } : {}),
      ...(input.step === "DELIVERED" ? { deliveredAt: now } : {}),
      ...(input.step === "ACCEPTED" ? { acceptedAt: now, acceptedById: user.id } : {}),
    },
  });
  audit({
    authorityId: request.authorityId,
    objectType: "ProcurementRequest",
    objectId: request.id,
    action: input.step,
    changes: { status: [request.status, input.step] },
  });
  return updated;
}
