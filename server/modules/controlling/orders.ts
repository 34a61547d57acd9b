// Service orders (Servicescheine): creation, amendments of a line's volume, the plan profile,
// status changes, and acknowledging alerts.
import {
  requireAlertAcknowledger,
  requireOrderManager,
  requirePlanSetter,
} from "../../access/controlling.ts";
import type { Access } from "../../access/index.ts";
import type { Tx } from "../../db/client.ts";
import type { ServiceOrderStatus } from "../../db/generated/client/enums.ts";
import { isIsoDate, todayInBerlin } from "../../lib/dates.ts";
import { badInput, conflict, notFound } from "../../lib/errors.ts";
import { fromCents, fromHundredths, toCents, toHundredths } from "../../lib/units.ts";
import { requiredText } from "../../lib/validate.ts";
import type { Work } from "../work.ts";

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
  draft?: boolean | null;
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
      `Die Leistungsarten ergeben ${fromHundredths(sum)} PT, beauftragt sind ${fromHundredths(contracted)} PT.`,
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
      status: input.draft ? "DRAFT" : "ACTIVE",
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

/**
 * A Nachtrag: the new volume of one service line (a new line when the name is new), with its
 * date and reason. The lines' volumes are the order's contract; the amendments are its history.
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
  const user = requireOrderManager(access, order.authorityId);
  const name = requiredText(input.category, "category", "Die Leistungsart", 100);
  const newVolume = volume(input.personDays, "personDays");
  const reason = requiredText(input.reason, "reason", "Der Grund des Nachtrags", 1000);
  const effectiveDate = input.effectiveDate ?? todayInBerlin();
  if (!isIsoDate(effectiveDate)) throw badInput("effectiveDate", `"${effectiveDate}" ist kein Datum.`);
  if (order.status === "CLOSED")
    throw conflict("Ein abgeschlossener Serviceschein wird nicht mehr geändert.");
  const lines = await tx.serviceLine.findMany({ where: { orderId: order.id } });
  let line = lines.find((l) => l.name === name);
  const previousVolume = line?.volume ?? 0;
  if (line && previousVolume === newVolume) throw conflict("Die Leistungsart hat dieses Volumen bereits.");
  line = line
    ? await tx.serviceLine.update({ where: { id: line.id }, data: { volume: newVolume } })
    : await tx.serviceLine.create({
        data: { orderId: order.id, name, volume: newVolume, position: lines.length + 1 },
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
      createdById: user.id,
    },
  });
  audit({
    authorityId: order.authorityId,
    objectType: "ServiceOrder",
    objectId: order.id,
    action: "AMEND",
    changes: {
      line: name,
      personDays: [fromHundredths(previousVolume), fromHundredths(newVolume)],
      effectiveDate,
      reason,
    },
  });
  return amendment;
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

const NEXT_STATUS: Record<ServiceOrderStatus, ServiceOrderStatus | null> = {
  DRAFT: "ACTIVE",
  ACTIVE: "CLOSED",
  CLOSED: null,
};

/** DRAFT → ACTIVE → CLOSED; a closed order takes no more bookings. */
export async function setServiceOrderStatus(
  { tx, access, audit }: Work,
  input: { orderId: string; status: ServiceOrderStatus },
) {
  const order = await orderFor(tx, access, input.orderId);
  requireOrderManager(access, order.authorityId);
  if (NEXT_STATUS[order.status] !== input.status) {
    throw conflict(`Ein Serviceschein im Status ${order.status} kann nicht in ${input.status} wechseln.`);
  }
  const updated = await tx.serviceOrder.update({
    where: { id: order.id },
    data: { status: input.status, version: { increment: 1 } },
  });
  audit({
    authorityId: order.authorityId,
    objectType: "ServiceOrder",
    objectId: order.id,
    action: "STATUS",
    changes: { status: [order.status, input.status] },
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
