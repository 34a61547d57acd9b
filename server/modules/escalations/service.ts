// Escalations from unhappy schools, their lifecycle on the Jour-Fixe, satisfaction, and the
// service measures that change a school's upgrade status. Free of GraphQL.

import {
  requireAccept,
  requireDeliver,
  requireEscalation,
  requireRaise,
  requireRate,
  requireReview,
  requireSetTargets,
  requireSettle,
} from "../../access/escalations.ts";
import type { Access } from "../../access/index.ts";
import type { ReadClient, Tx } from "../../db/client.ts";
import type {
  EscalationStatus,
  MeasureKind,
  MeasureStatus,
  Severity,
} from "../../db/generated/client/enums.ts";
import { berlinDate } from "../../lib/dates.ts";
import { badInput, conflict, notFound } from "../../lib/errors.ts";
import { type FederalState, isFederalState } from "../../lib/holidays.ts";
import { optionalText, requiredText } from "../../lib/validate.ts";
import { addAgendaItem } from "../governance/service.ts";
import { proposeHandoverForUpgrade, refuseUnsupportedSchool } from "../organisations/handovers.ts";
import type { Work } from "../work.ts";
import { DEFAULT_TARGETS, type Target } from "./clock.ts";
import { transition } from "./lifecycle.ts";

async function load(tx: Tx, access: Access, id: string) {
  return requireEscalation(access, await tx.escalation.findUnique({ where: { id } }));
}

/** The payload of `escalationUpdated`. */
function updated(escalation: { authorityId: string; schoolId: string; id: string }) {
  return { authorityId: escalation.authorityId, schoolId: escalation.schoolId, escalationId: escalation.id };
}

export async function raiseEscalation(
  { tx, access, audit, publish }: Work,
  input: {
    schoolId: string;
    subject: string;
    description: string;
    ticketRef?: string | null;
    severity: Severity;
  },
) {
  const school = await tx.school.findUnique({ where: { id: input.schoolId } });
  if (!school) throw notFound("Schule");
  requireRaise(access, { authorityId: school.authorityId, schoolId: school.id });
  const user = access.requireUser();
  // Escalations concern the provider's service; the authority's own IT answers for the rest.
  await refuseUnsupportedSchool(tx, school.id);
  const data = {
    authorityId: school.authorityId,
    schoolId: school.id,
    subject: requiredText(input.subject, "subject", "Der Betreff", 200),
    description: requiredText(input.description, "description", "Die Beschreibung", 5000),
    ticketRef: optionalText(input.ticketRef, "ticketRef", "Die Ticketnummer", 64),
    severity: input.severity,
    raisedById: user.id,
  };
  const escalation = await tx.escalation.create({ data });
  audit({
    authorityId: escalation.authorityId,
    objectType: "Escalation",
    objectId: escalation.id,
    action: "RAISE",
    changes: {
      subject: data.subject,
      severity: data.severity,
      ticketRef: data.ticketRef,
      schoolId: data.schoolId,
    },
  });
  publish("escalationUpdated", updated(escalation));
  return escalation;
}

export async function reviewEscalation(
  { tx, access, audit, publish }: Work,
  input: { escalationId: string },
) {
  const escalation = await load(tx, access, input.escalationId);
  requireReview(access);
  const user = access.requireUser();
  await transition(tx, escalation, ["RAISED"], {
    status: "IN_REVIEW",
    reviewedAt: new Date(),
    reviewedById: user.id,
  });
  audit({
    authorityId: escalation.authorityId,
    objectType: "Escalation",
    objectId: escalation.id,
    action: "REVIEW",
    changes: { status: [escalation.status, "IN_REVIEW"] },
  });
  publish("escalationUpdated", updated(escalation));
  return escalation.id;
}

/** The Jour-Fixe an escalation goes to: the one given, or the next upcoming one of its authority. */
async function targetMeeting(tx: Tx, authorityId: string, meetingId: string | null | undefined) {
  const meeting = meetingId
    ? await tx.meeting.findUnique({ where: { id: meetingId } })
    : await tx.meeting.findFirst({
        where: {
          authorityId,
          kind: "JOUR_FIXE",
          status: "SCHEDULED",
          minutesStatus: "DRAFT",
          scheduledAt: { gte: new Date() },
        },
        orderBy: { scheduledAt: "asc" },
      });
  if (!meetingId && !meeting)
    throw conflict(
      "Es ist kein Jour-Fixe dieses Schulträgers mehr geplant. Bitte legen Sie zuerst einen an.",
    );
  if (!meeting || meeting.authorityId !== authorityId) throw notFound("Jour-Fixe");
  if (meeting.kind !== "JOUR_FIXE")
    throw badInput("meetingId", "Eskalationen werden im Jour-Fixe besprochen.");
  if (meeting.status === "CANCELLED") throw conflict("Dieser Jour-Fixe ist abgesagt.");
  if (meeting.minutesStatus === "FINAL") throw conflict("Das Protokoll dieses Jour-Fixe ist abgeschlossen.");
  return meeting;
}

export async function scheduleEscalation(
  work: Work,
  input: { escalationId: string; meetingId?: string | null },
) {
  const { tx, access } = work;
  const escalation = await load(tx, access, input.escalationId);
  requireSettle(access);
  const meeting = await targetMeeting(tx, escalation.authorityId, input.meetingId);
  const school = await tx.school.findUniqueOrThrow({ where: { id: escalation.schoolId } });
  await addAgendaItem(work, {
    meetingId: meeting.id,
    title: `Eskalation: ${escalation.subject} (${school.name})`,
    kind: "ESCALATION",
    notes: escalation.description,
    escalationId: escalation.id,
  });
  return escalation.id;
}

export async function resolveEscalation(
  { tx, access, audit, publish }: Work,
  input: { escalationId: string; resolution: string; rejected?: boolean | null; decisionId?: string | null },
) {
  const escalation = await load(tx, access, input.escalationId);
  requireSettle(access);
  const user = access.requireUser();
  const resolution = requiredText(input.resolution, "resolution", "Die Lösung", 5000);
  if (input.decisionId) {
    const decision = await tx.decision.findUnique({ where: { id: input.decisionId } });
    if (!decision || decision.authorityId !== escalation.authorityId) throw notFound("Beschluss");
  }
  const status: EscalationStatus = input.rejected ? "REJECTED" : "RESOLVED";
  await transition(tx, escalation, ["IN_REVIEW", "ON_AGENDA"], {
    status,
    resolvedAt: new Date(),
    resolvedById: user.id,
    resolution,
    decisionId: input.decisionId ?? null,
  });
  audit({
    authorityId: escalation.authorityId,
    objectType: "Escalation",
    objectId: escalation.id,
    action: input.rejected ? "REJECT" : "RESOLVE",
    changes: { status: [escalation.status, status], resolution, decisionId: input.decisionId ?? null },
  });
  publish("escalationUpdated", updated(escalation));
  return escalation.id;
}

const PERIOD = /^(\d{4})-Q([1-4])$/;

export async function recordSatisfaction(
  { tx, access, audit, publish }: Work,
  input: {
    schoolId: string;
    score: number;
    comment?: string | null;
    escalationId?: string | null;
    period?: string | null;
  },
) {
  const school = await tx.school.findUnique({ where: { id: input.schoolId } });
  if (!school) throw notFound("Schule");
  requireRate(access, { authorityId: school.authorityId, schoolId: school.id });
  const user = access.requireUser();
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) {
    throw badInput(
      "score",
      "Die Zufriedenheit wird mit 1 (sehr unzufrieden) bis 5 (sehr zufrieden) bewertet.",
    );
  }
  let period: string | null = null;
  if (input.escalationId) {
    const escalation = await load(tx, access, input.escalationId);
    if (escalation.schoolId !== school.id)
      throw badInput("escalationId", "Die Eskalation gehört zu einer anderen Schule.");
    if (escalation.status !== "RESOLVED" && escalation.status !== "REJECTED") {
      throw conflict("Die Zufriedenheit mit einer Eskalation wird erfasst, wenn sie abgeschlossen ist.");
    }
  } else {
    if (!input.period || !PERIOD.test(input.period)) {
      throw badInput("period", "Eine Umfrage braucht ihr Quartal im Format JJJJ-Qn, z. B. 2026-Q3.");
    }
    period = input.period;
  }
  const data = {
    authorityId: school.authorityId,
    schoolId: school.id,
    source: input.escalationId ? ("ESCALATION" as const) : ("SURVEY" as const),
    escalationId: input.escalationId ?? null,
    period,
    score: input.score,
    comment: optionalText(input.comment, "comment", "Der Kommentar", 2000),
    ratedById: user.id,
  };
  // The unique key on escalationId settles a race between two ratings of one escalation.
  const rating = await tx.satisfactionRating.create({ data }).catch((error: unknown) => {
    if ((error as { code?: string }).code === "P2002") {
      throw conflict("Für diese Eskalation ist die Zufriedenheit schon erfasst.");
    }
    throw error;
  });
  audit({
    authorityId: school.authorityId,
    objectType: "SatisfactionRating",
    objectId: rating.id,
    action: "CREATE",
    changes: { score: data.score, source: data.source, period, escalationId: data.escalationId },
  });
  if (input.escalationId)
    publish(
      "escalationUpdated",
      updated({ id: input.escalationId, authorityId: school.authorityId, schoolId: school.id }),
    );
  return rating;
}

/** The authority's federal state and targets, with the defaults for severities it has not set. */
export async function targetsOf(db: ReadClient, authorityIds: readonly string[]) {
  const [authorities, rows] = await Promise.all([
    db.schoolAuthority.findMany({
      where: { id: { in: [...authorityIds] } },
      select: { id: true, state: true },
    }),
    db.escalationTarget.findMany({ where: { authorityId: { in: [...authorityIds] } } }),
  ]);
  return authorityIds.map((id) => {
    const state = authorities.find((a) => a.id === id)?.state ?? "MV";
    const targets: Record<Severity, Target> = { ...DEFAULT_TARGETS };
    for (const row of rows.filter((r) => r.authorityId === id)) {
      targets[row.severity] = { reviewDays: row.reviewDays, resolveDays: row.resolveDays };
    }
    return { state: (isFederalState(state) ? state : "MV") as FederalState, targets };
  });
}

export async function setEscalationTarget(
  { tx, access, audit }: Work,
  input: { authorityId: string; severity: Severity; reviewDays: number; resolveDays: number },
) {
  requireSetTargets(access, input.authorityId);
  for (const [field, value] of [
    ["reviewDays", input.reviewDays],
    ["resolveDays", input.resolveDays],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 250) {
      throw badInput(field, "Ziele werden in Arbeitstagen von 0 bis 250 angegeben.");
    }
  }
  if (input.resolveDays < input.reviewDays) {
    throw badInput("resolveDays", "Die Lösung kann nicht vor der Prüfung fällig sein.");
  }
  const key = { authorityId: input.authorityId, severity: input.severity };
  const before = await tx.escalationTarget.findUnique({ where: { authorityId_severity: key } });
  await tx.escalationTarget.upsert({
    where: { authorityId_severity: key },
    create: { ...key, reviewDays: input.reviewDays, resolveDays: input.resolveDays },
    update: { reviewDays: input.reviewDays, resolveDays: input.resolveDays },
  });
  audit({
    authorityId: input.authorityId,
    objectType: "EscalationTarget",
    objectId: `${input.authorityId}:${input.severity}`,
    action: "SET",
    changes: {
      reviewDays: [before?.reviewDays ?? DEFAULT_TARGETS[input.severity].reviewDays, input.reviewDays],
      resolveDays: [before?.resolveDays ?? DEFAULT_TARGETS[input.severity].resolveDays, input.resolveDays],
    },
  });
}

// --- Service measures ------------------------------------------------------

async function loadMeasure(tx: Tx, access: Access, id: string) {
  const measure = await tx.serviceMeasure.findUnique({ where: { id } });
  if (!measure || !access.canSeeAuthority(measure.authorityId)) throw notFound("Maßnahme");
  return measure;
}

/** An upgrade measure moves its school along: started → IN_PROGRESS, done (accepted where due) → COMPLETED. */
async function moveSchool(
  { tx, audit }: Work,
  measure: { kind: MeasureKind; schoolId: string; authorityId: string },
  to: "IN_PROGRESS" | "COMPLETED",
) {
  if (measure.kind !== "UPGRADE") return false;
  const school = await tx.school.findUniqueOrThrow({ where: { id: measure.schoolId } });
  if (school.upgradeStatus === to || school.upgradeStatus === "COMPLETED") return false;
  await tx.school.update({ where: { id: school.id }, data: { upgradeStatus: to } });
  audit({
    authorityId: measure.authorityId,
    objectType: "School",
    objectId: school.id,
    action: "UPDATE",
    changes: { upgradeStatus: [school.upgradeStatus, to] },
  });
  return true;
}

export async function createServiceMeasure(
  { tx, access, audit }: Work,
  input: { schoolId: string; kind: MeasureKind; title: string; description?: string | null },
) {
  const school = await tx.school.findUnique({ where: { id: input.schoolId } });
  if (!school) throw notFound("Schule");
  requireDeliver(access, school.authorityId);
  const user = access.requireUser();
  const data = {
    authorityId: school.authorityId,
    schoolId: school.id,
    kind: input.kind,
    title: requiredText(input.title, "title", "Der Titel", 200),
    description: optionalText(input.description, "description", "Die Beschreibung", 5000),
    acceptanceRequired: input.kind !== "NETWORK",
    createdById: user.id,
  };
  const measure = await tx.serviceMeasure.create({ data });
  audit({
    authorityId: measure.authorityId,
    objectType: "ServiceMeasure",
    objectId: measure.id,
    action: "CREATE",
    changes: { title: data.title, kind: data.kind, schoolId: data.schoolId },
  });
  return measure;
}

/**
 * One step of a measure's life, guarded by its current status inside the transaction, so two
 * people completing the same measure at once get one success and one CONFLICT.
 */
async function advanceMeasure(
  work: Work,
  measure: { id: string; status: MeasureStatus; kind: MeasureKind; schoolId: string; authorityId: string },
  step: {
    from: MeasureStatus;
    to: MeasureStatus;
    action: string;
    data?: Record<string, unknown>;
    school?: "IN_PROGRESS" | "COMPLETED";
  },
  refused: string,
) {
  const { tx, audit, publish } = work;
  if (measure.status !== step.from) throw conflict(refused);
  const { count } = await tx.serviceMeasure.updateMany({
    where: { id: measure.id, status: step.from },
    data: { status: step.to, ...step.data },
  });
  if (count !== 1) throw conflict(refused);
  const moved = step.school ? await moveSchool(work, measure, step.school) : false;
  audit({
    authorityId: measure.authorityId,
    objectType: "ServiceMeasure",
    objectId: measure.id,
    action: step.action,
    changes: { status: [step.from, step.to], ...step.data },
  });
  if (moved) publish("schoolUpdated", { authorityId: measure.authorityId, schoolId: measure.schoolId });
  return tx.serviceMeasure.findUniqueOrThrow({ where: { id: measure.id } });
}

export async function startServiceMeasure(work: Work, input: { measureId: string }) {
  const { tx, access } = work;
  const measure = await loadMeasure(tx, access, input.measureId);
  requireDeliver(access, measure.authorityId);
  return advanceMeasure(
    work,
    measure,
    {
      from: "PLANNED",
      to: "IN_PROGRESS",
      action: "START",
      data: { startedAt: new Date() },
      school: "IN_PROGRESS",
    },
    "Nur eine geplante Maßnahme kann beginnen.",
  );
}

export async function completeServiceMeasure(work: Work, input: { measureId: string; report: string }) {
  const { tx, access } = work;
  const measure = await loadMeasure(tx, access, input.measureId);
  requireDeliver(access, measure.authorityId);
  const report = requiredText(input.report, "report", "Der Servicebericht", 20_000);
  // Without an acceptance due (network infrastructure), completion is the end of the measure.
  return advanceMeasure(
    work,
    measure,
    {
      from: "IN_PROGRESS",
      to: measure.acceptanceRequired ? "COMPLETED" : "ACCEPTED",
      action: "COMPLETE",
      data: { completedAt: new Date(), report },
      school: measure.acceptanceRequired ? undefined : "COMPLETED",
    },
    "Nur eine laufende Maßnahme kann abgeschlossen werden.",
  );
}

export async function acceptServiceMeasure(work: Work, input: { measureId: string }) {
  const { tx, access } = work;
  const measure = await loadMeasure(tx, access, input.measureId);
  requireAccept(access, measure.authorityId);
  const user = access.requireUser();
  if (!measure.acceptanceRequired)
    throw conflict("Maßnahmen an der Netzwerkinfrastruktur werden nicht abgenommen.");
  const acceptedAt = new Date();
  const accepted = await advanceMeasure(
    work,
    measure,
    {
      from: "COMPLETED",
      to: "ACCEPTED",
      action: "ACCEPT",
      data: { acceptedAt, acceptedById: user.id },
      school: "COMPLETED",
    },
    "Abgenommen wird eine abgeschlossene Maßnahme mit Servicebericht.",
  );
  // An accepted upgrade proposes the school's handover to the provider at the acceptance date.
  if (measure.kind === "UPGRADE") await proposeHandoverForUpgrade(work, measure, berlinDate(acceptedAt));
  return accepted;
}

export async function linkBooking(
  { tx, access, audit }: Work,
  input: { measureId: string; bookingId: string },
) {
  const measure = await loadMeasure(tx, access, input.measureId);
  requireDeliver(access, measure.authorityId);
  const booking = await tx.booking.findUnique({
    where: { id: input.bookingId },
    include: { order: true },
  });
  if (!booking || booking.order.authorityId !== measure.authorityId) throw notFound("Buchung");
  if (booking.schoolId && booking.schoolId !== measure.schoolId) {
    throw badInput("bookingId", "Die Buchung gehört zu einer anderen Schule.");
  }
  if (booking.reversalOfId) throw badInput("bookingId", "Eine Stornobuchung wird nicht eigens zugeordnet.");
  const existing = await tx.measureBooking.findUnique({ where: { bookingId: booking.id } });
  if (existing) throw conflict("Die Buchung ist bereits einer Maßnahme zugeordnet.");
  await tx.measureBooking.create({ data: { measureId: measure.id, bookingId: booking.id } });
  audit({
    authorityId: measure.authorityId,
    objectType: "ServiceMeasure",
    objectId: measure.id,
    action: "LINK_BOOKING",
    changes: { bookingId: booking.id },
  });
  return measure.id;
}
