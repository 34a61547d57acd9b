// Service orders (Servicescheine): the provider drafts, the authority commissions (Beauftragung);
// amendments of a line's volume (Nachträge) are proposed by either side and approved or rejected by
// the authority; the plan profile, closing, and acknowledging alerts.
import {
  requireAlertAcknowledger,
  requireAmendmentDecider,
  requireAmendmentProposer,
  requireCommissioner,
  requireOrderManager,
  requirePlanSetter,
} from "../../access/controlling.ts";
import type { Access } from "../../access/index.ts";
import type { Tx } from "../../db/client.ts";
import type { DecisionStatus } from "../../db/generated/client/enums.ts";
import { germanDate, isIsoDate, todayInBerlin } from "../../lib/dates.ts";
import { badInput, conflict, notFound } from "../../lib/errors.ts";
import { fromCents, fromHundredths, germanDecimal, toCents, toHundredths } from "../../lib/units.ts";
import { requiredText } from "../../lib/validate.ts";
import type { Work } from "../work.ts";
import { type ApprovedAmendment, inForceOrder, lineSchedule, volumeAt } from "./figures.ts";
import { checkAlerts } from "./ledger.ts";

export const DEFAULT_LINE = "Support";
const MAX_VOLUME_HUNDREDTHS = 100_000_00;

export interface LineInput {
  name: string;
  personDays: string;
}

export interface CreateOrderInput {
  authorityId: string;
  year: number;
  contractedPersonDays: string;
  dailyRate?: string | null;
  title?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  lines?: LineInput[] | null;
  planProfile?: number[] | null;
  burnMarginPct?: number | null;
}

function volume(value: string, field: string): number {
  const hundredths = toHundredths(value.trim(), field);
  if (hundredths < 0) throw badInput(field, "Ein Volumen kann nicht negativ sein.");
  if (hundredths > MAX_VOLUME_HUNDREDTHS) throw badInput(field, "Dieses Volumen ist unplausibel groß.");
  return hundredths;
}

export function planProfileText(
  weights: number[] | null | undefined,
  field = "monthlyWeights",
): string | null {
  if (weights == null || weights.length === 0) return null;
  if (weights.length !== 12)
    throw badInput(field, "Ein Monatsprofil hat genau zwölf Gewichte (Januar bis Dezember).");
  if (weights.some((w) => !Number.isInteger(w) || w < 0 || w > 1000)) {
    throw badInput(field, "Monatsgewichte sind ganze Zahlen von 0 bis 1000.");
  }
  if (weights.every((w) => w === 0))
    throw badInput(field, "Mindestens ein Monat braucht ein Gewicht über 0.");
  return weights.join(",");
}

function burnMargin(value: number | null | undefined): number | undefined {
  if (value == null) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    throw badInput("burnMarginPct", "Die Toleranz liegt zwischen 1 und 100 Prozentpunkten.");
  }
  return value;
}

export async function createServiceOrder({ tx, access, audit }: Work, input: CreateOrderInput) {
  requireOrderManager(access, input.authorityId);
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    throw badInput("year", "Das Jahr liegt zwischen 2000 und 2100.");
  }
  const contracted = volume(input.contractedPersonDays, "contractedPersonDays");
  const rate = input.dailyRate == null ? 0n : toCents(input.dailyRate.trim(), "dailyRate");
  if (rate < 0n) throw badInput("dailyRate", "Der Tagessatz kann nicht negativ sein.");
  const validFrom = input.validFrom ?? `${input.year}-01-01`;
  const validTo = input.validTo ?? `${input.year}-12-31`;
  for (const [field, value] of [
    ["validFrom", validFrom],
    ["validTo", validTo],
  ] as const) {
    if (!isIsoDate(value)) throw badInput(field, `"${value}" ist kein Datum im Format JJJJ-MM-TT.`);
  }
  if (validTo < validFrom) throw badInput("validTo", "Die Laufzeit endet vor ihrem Beginn.");
  if (validFrom > `${input.year}-12-31` || validTo < `${input.year}-01-01`) {
    throw badInput("validFrom", `Die Laufzeit muss das Jahr ${input.year} berühren.`);
  }
  if (validTo > `${input.year + 1}-12-31` || validFrom < `${input.year - 1}-01-01`) {
    throw badInput("validTo", "Eine Laufzeit umfasst höchstens das Jahr und seine Nachbarjahre.");
  }
  const lines = (
    input.lines?.length ? input.lines : [{ name: DEFAULT_LINE, personDays: input.contractedPersonDays }]
  ).map((line, i) => ({
    name: requiredText(line.name, `lines.${i}.name`, "Der Name der Leistungsart", 100),
    volume: volume(line.personDays, `lines.${i}.personDays`),
    position: i + 1,
  }));
  if (new Set(lines.map((l) => l.name)).size !== lines.length) {
    throw badInput("lines", "Jede Leistungsart darf nur einmal vorkommen.");
  }
  const sum = lines.reduce((s, l) => s + l.volume, 0);
  if (sum !== contracted) {
    throw badInput(
      "lines",
      `Die Leistungsarten ergeben ${germanDecimal(fromHundredths(sum))} PT, beauftragt sind ${germanDecimal(fromHundredths(contracted))} PT.`,
    );
  }
  const title = input.title?.trim() || `Serviceschein ${input.year}`;
  const planProfile = planProfileText(input.planProfile, "planProfile");
  const margin = burnMargin(input.burnMarginPct);
  const authority = await tx.schoolAuthority.findUnique({ where: { id: input.authorityId } });
  if (!authority) throw notFound("Schulträger");

  const existing = await tx.serviceOrder.findUnique({
    where: { authorityId_year: { authorityId: input.authorityId, year: input.year } },
    select: { id: true },
  });
  if (existing) throw conflict(`Für ${input.year} gibt es bereits einen Serviceschein dieses Schulträgers.`);
  const order = await tx.serviceOrder.create({
    data: {
      authorityId: input.authorityId,
      year: input.year,
      title,
      dailyRateCents: rate,
      validFrom,
      validTo,
      // The provider drafts; the authority commissions (commissionServiceOrder).
      status: "DRAFT",
      planProfile,
      ...(margin === undefined ? {} : { burnMarginPct: margin }),
      lines: { create: lines },
    },
  });
  audit({
    authorityId: input.authorityId,
    objectType: "ServiceOrder",
    objectId: order.id,
    action: "CREATE",
    changes: {
      status: "DRAFT",
      year: input.year,
      contractedPersonDays: fromHundredths(contracted),
      dailyRate: fromCents(rate),
      validFrom,
      validTo,
      lines: lines.map((l) => ({ name: l.name, personDays: fromHundredths(l.volume) })),
    },
  });
  return order;
}

async function orderFor(tx: Tx, access: Access, orderId: string) {
  const order = await tx.serviceOrder.findUnique({ where: { id: orderId } });
  if (!order || !access.canSeeAuthority(order.authorityId)) throw notFound("Serviceschein");
  return order;
}

const DECISION_STATUS_LABEL: Record<DecisionStatus, string> = {
  PROPOSED: "erst vorgeschlagen",
  APPROVED: "gefasst",
  REJECTED: "abgelehnt",
  DEFERRED: "vertagt",
  REVOKED: "widerrufen",
};

export const MAX_BUDGET_LINE_LENGTH = 100;

/**
 * Beauftragung: the authority's controller or IT-department coordinator commissions the provider's
 * draft, citing the steering group's decision (one that was taken: APPROVED; a proposed, rejected,
 * deferred or revoked decision carries no commission) and the budget line (Haushaltsstelle).
 */
export async function commissionServiceOrder(
  { tx, access, audit }: Work,
  input: { orderId: string; decisionId: string; budgetLine: string },
) {
  const order = await orderFor(tx, access, input.orderId);
  const user = await requireCommissioner(access, tx, order.authorityId);
  const budgetLine = requiredText(
    input.budgetLine,
    "budgetLine",
    "Die Haushaltsstelle",
    MAX_BUDGET_LINE_LENGTH,
  );
  const decision = await tx.decision.findUnique({
    where: { id: input.decisionId },
    select: { id: true, authorityId: true, status: true, title: true, decidedOn: true },
  });
  if (!decision || decision.authorityId !== order.authorityId) {
    throw badInput("decisionId", "Dieser Beschluss ist kein Beschluss dieses Schulträgers.");
  }
  if (decision.status !== "APPROVED") {
    throw badInput(
      "decisionId",
      `Beauftragt wird auf Grundlage eines gefassten Beschlusses; dieser Beschluss ist ${DECISION_STATUS_LABEL[decision.status]}.`,
    );
  }
  if (order.status !== "DRAFT") {
    throw conflict(
      order.status === "ACTIVE"
        ? "Dieser Serviceschein ist bereits beauftragt."
        : "Ein abgeschlossener Serviceschein kann nicht mehr beauftragt werden.",
    );
  }
  const updated = await tx.serviceOrder.update({
    where: { id: order.id },
    data: {
      status: "ACTIVE",
      commissionedAt: new Date(),
      commissionedById: user.id,
      commissioningDecisionId: decision.id,
      budgetLine,
      version: { increment: 1 },
    },
  });
  audit({
    authorityId: order.authorityId,
    objectType: "ServiceOrder",
    objectId: order.id,
    action: "COMMISSION",
    changes: {
      status: [order.status, "ACTIVE"],
      decisionId: decision.id,
      decision: decision.title,
      budgetLine,
    },
  });
  return updated;
}

/** The approved amendments of a line, as figures.ts orders them. */
async function approvedOf(tx: Tx, lineId: string) {
  return tx.orderAmendment.findMany({
    where: { lineId, status: "APPROVED" },
    select: { id: true, effectiveDate: true, decidedAt: true, previousVolume: true, newVolume: true },
  });
}

/**
 * A Nachtrag: the proposed new volume of one service line (a new line, at 0 until approved, when
 * the name is new), with its date and reason. Proposed by either side; it changes nothing until the
 * authority approves it. Its date lies within the order's term.
 */
export async function amendServiceOrder(
  { tx, access, audit }: Work,
  input: {
    orderId: string;
    category: string;
    personDays: string;
    effectiveDate?: string | null;
    reason: string;
  },
) {
  const order = await orderFor(tx, access, input.orderId);
  const user = await requireAmendmentProposer(access, tx, order.authorityId);
  const name = requiredText(input.category, "category", "Die Leistungsart", 100);
  const newVolume = volume(input.personDays, "personDays");
  const reason = requiredText(input.reason, "reason", "Der Grund des Nachtrags", 1000);
  const effectiveDate = input.effectiveDate ?? todayInBerlin();
  if (!isIsoDate(effectiveDate)) throw badInput("effectiveDate", `"${effectiveDate}" ist kein Datum.`);
  if (effectiveDate < order.validFrom) {
    throw badInput(
      "effectiveDate",
      `Ein Nachtrag gilt frühestens ab Beginn der Laufzeit (${germanDate(order.validFrom)}), nicht ab ${germanDate(effectiveDate)}.`,
    );
  }
  if (effectiveDate > order.validTo) {
    throw badInput(
      "effectiveDate",
      `Ein Nachtrag gilt innerhalb der Laufzeit (bis ${germanDate(order.validTo)}), nicht ab ${germanDate(effectiveDate)}.`,
    );
  }
  if (order.status === "DRAFT")
    throw conflict(
      "Nachträge gibt es erst zu einem beauftragten Serviceschein; dieser ist noch ein Entwurf.",
    );
  if (order.status === "CLOSED")
    throw conflict("Ein abgeschlossener Serviceschein wird nicht mehr geändert.");
  const lines = await tx.serviceLine.findMany({ where: { orderId: order.id } });
  let line = lines.find((l) => l.name === name);
  const previousVolume = line
    ? volumeAt(lineSchedule(line.volume, await approvedOf(tx, line.id)), effectiveDate)
    : 0;
  if (line && previousVolume === newVolume)
    throw conflict(`Die Leistungsart hat ab ${germanDate(effectiveDate)} bereits dieses Volumen.`);
  line ??= await tx.serviceLine.create({
    data: { orderId: order.id, name, volume: 0, position: lines.length + 1 },
  });
  await tx.serviceOrder.update({ where: { id: order.id }, data: { version: { increment: 1 } } });
  const amendment = await tx.orderAmendment.create({
    data: {
      orderId: order.id,
      lineId: line.id,
      effectiveDate,
      reason,
      previousVolume,
      newVolume,
      status: "PROPOSED",
      createdById: user.id,
    },
  });
  audit({
    authorityId: order.authorityId,
    objectType: "ServiceOrder",
    objectId: order.id,
    action: "AMEND",
    changes: {
      amendmentId: amendment.id,
      status: "PROPOSED",
      line: name,
      personDays: [fromHundredths(previousVolume), fromHundredths(newVolume)],
      effectiveDate,
      reason,
    },
  });
  return amendment;
}

async function proposedAmendment(tx: Tx, access: Access, amendmentId: string) {
  const amendment = await tx.orderAmendment.findUnique({
    where: { id: amendmentId },
    include: { order: true, line: { select: { id: true, name: true, volume: true } } },
  });
  if (!amendment || !access.canSeeAuthority(amendment.order.authorityId)) throw notFound("Nachtrag");
  return amendment;
}

function refuseDecided(amendment: { status: string }) {
  if (amendment.status !== "PROPOSED") {
    throw conflict(
      `Über diesen Nachtrag ist bereits entschieden (${amendment.status === "APPROVED" ? "genehmigt" : "abgelehnt"}).`,
    );
  }
}

/**
 * The authority approves a Nachtrag: from its date the line has the new volume. The chain of previous
 * volumes of the line's approved amendments is recomputed in the order they take effect, so that each
 * says what it changed, and ServiceLine.volume becomes the volume the last of them sets.
 */
export async function approveServiceOrderAmendment(
  { tx, access, audit, publish }: Work,
  input: { amendmentId: string; today?: string },
) {
  const amendment = await proposedAmendment(tx, access, input.amendmentId);
  const { order, line } = amendment;
  const user = await requireAmendmentDecider(access, tx, order.authorityId);
  refuseDecided(amendment);
  if (order.status === "CLOSED")
    throw conflict("Ein abgeschlossener Serviceschein wird nicht mehr geändert.");
  const decidedAt = new Date();
  const approved = [
    ...(await approvedOf(tx, line.id)),
    {
      id: amendment.id,
      effectiveDate: amendment.effectiveDate,
      decidedAt,
      previousVolume: amendment.previousVolume,
      newVolume: amendment.newVolume,
    },
  ];
  // The volume before the first approved amendment: what the line had before any of them.
  const base = lineSchedule(line.volume, approved.slice(0, -1))[0]?.volume ?? line.volume;
  let previous = base;
  let previousVolume = amendment.previousVolume;
  const corrected: Record<string, [string, string]> = {};
  for (const a of inForceOrder<ApprovedAmendment & { id: string }>(approved)) {
    if (a.id === amendment.id) previousVolume = previous;
    else if (a.previousVolume !== previous) {
      await tx.orderAmendment.update({ where: { id: a.id }, data: { previousVolume: previous } });
      corrected[a.id] = [fromHundredths(a.previousVolume), fromHundredths(previous)];
    }
    previous = a.newVolume;
  }
  const updated = await tx.orderAmendment.update({
    where: { id: amendment.id },
    data: { status: "APPROVED", decidedById: user.id, decidedAt, previousVolume },
  });
  await tx.serviceLine.update({ where: { id: line.id }, data: { volume: previous } });
  await tx.serviceOrder.update({ where: { id: order.id }, data: { version: { increment: 1 } } });
  audit({
    authorityId: order.authorityId,
    objectType: "ServiceOrder",
    objectId: order.id,
    action: "AMENDMENT_APPROVE",
    changes: {
      amendmentId: amendment.id,
      status: ["PROPOSED", "APPROVED"],
      line: line.name,
      personDays: [fromHundredths(previousVolume), fromHundredths(amendment.newVolume)],
      effectiveDate: amendment.effectiveDate,
      lineVolume: [fromHundredths(line.volume), fromHundredths(previous)],
      ...(Object.keys(corrected).length ? { previousVolumesCorrected: corrected } : {}),
    },
  });
  // A smaller volume may cross an alert's threshold now.
  if (order.status === "ACTIVE") {
    for (const alertId of await checkAlerts(tx, order, line.id, input.today ?? todayInBerlin()))
      publish("controllingAlert", { authorityId: order.authorityId, alertId });
  }
  return updated;
}

/** The authority rejects a Nachtrag, with its reason; nothing changes. */
export async function rejectServiceOrderAmendment(
  { tx, access, audit }: Work,
  input: { amendmentId: string; reason: string },
) {
  const amendment = await proposedAmendment(tx, access, input.amendmentId);
  const user = await requireAmendmentDecider(access, tx, amendment.order.authorityId);
  const reason = requiredText(input.reason, "reason", "Der Grund der Ablehnung", 1000);
  refuseDecided(amendment);
  const updated = await tx.orderAmendment.update({
    where: { id: amendment.id },
    data: { status: "REJECTED", decidedById: user.id, decidedAt: new Date(), rejectionReason: reason },
  });
  audit({
    authorityId: amendment.order.authorityId,
    objectType: "ServiceOrder",
    objectId: amendment.orderId,
    action: "AMENDMENT_REJECT",
    changes: {
      amendmentId: amendment.id,
      status: ["PROPOSED", "REJECTED"],
      line: amendment.line.name,
      reason,
    },
  });
  return updated;
}

export async function setServiceOrderPlan(
  { tx, access, audit }: Work,
  input: { orderId: string; monthlyWeights?: number[] | null; burnMarginPct?: number | null },
) {
  const order = await orderFor(tx, access, input.orderId);
  requirePlanSetter(access, order.authorityId);
  const planProfile = planProfileText(input.monthlyWeights);
  const margin = burnMargin(input.burnMarginPct);
  const updated = await tx.serviceOrder.update({
    where: { id: order.id },
    data: {
      planProfile,
      ...(margin === undefined ? {} : { burnMarginPct: margin }),
      version: { increment: 1 },
    },
  });
  audit({
    authorityId: order.authorityId,
    objectType: "ServiceOrder",
    objectId: order.id,
    action: "PLAN",
    changes: {
      planProfile: [order.planProfile, planProfile],
      burnMarginPct: [order.burnMarginPct, updated.burnMarginPct],
    },
  });
  return updated;
}

/** ACTIVE → CLOSED; a closed order takes no more bookings. Commissioning is commissionServiceOrder. */
export async function closeServiceOrder({ tx, access, audit }: Work, input: { orderId: string }) {
  const order = await orderFor(tx, access, input.orderId);
  requireOrderManager(access, order.authorityId);
  if (order.status !== "ACTIVE") {
    throw conflict(
      order.status === "DRAFT"
        ? "Ein Entwurf wird nicht abgeschlossen; er ist noch nicht beauftragt."
        : "Dieser Serviceschein ist bereits abgeschlossen.",
    );
  }
  const updated = await tx.serviceOrder.update({
    where: { id: order.id },
    data: { status: "CLOSED", version: { increment: 1 } },
  });
  audit({
    authorityId: order.authorityId,
    objectType: "ServiceOrder",
    objectId: order.id,
    action: "STATUS",
    changes: { status: [order.status, "CLOSED"] },
  });
  return updated;
}

export async function acknowledgeAlert({ tx, access, audit, publish }: Work, input: { alertId: string }) {
  const alert = await tx.alert.findUnique({
    where: { id: input.alertId },
    include: { order: { select: { authorityId: true } } },
  });
  if (!alert || !access.canSeeAuthority(alert.order.authorityId)) throw notFound("Warnung");
  const user = requireAlertAcknowledger(access, alert.order.authorityId);
  if (alert.acknowledgedAt) throw conflict("Diese Warnung ist bereits bestätigt.");
  const updated = await tx.alert.update({
    where: { id: alert.id },
    data: { acknowledgedById: user.id, acknowledgedAt: new Date() },
  });
  audit({
    authorityId: alert.order.authorityId,
    objectType: "Alert",
    objectId: alert.id,
    action: "ACKNOWLEDGE",
  });
  publish("controllingAlert", { authorityId: alert.order.authorityId, alertId: alert.id });
  return updated;
}
