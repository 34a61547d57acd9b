// Reads shared by the GraphQL layer and the exports: a plan's measures and their actuals, in a
// fixed number of queries whatever the plan's size (measures, links, bookings, procurement).
import type { PlanScope } from "../../access/plans.ts";
import type { ReadClient } from "../../db/client.ts";
import { berlinDate } from "../../lib/dates.ts";
import { type ActualRow, type MeasureRow, type PlanFigures, planFigures } from "./figures.ts";

const MEASURE_SELECT = {
  id: true,
  planId: true,
  schoolId: true,
  category: true,
  year: true,
  investmentCents: true,
  personDays: true,
  status: true,
} as const;

/** Actuals per planned measure and year: booked person-days of linked service measures, cost of linked accepted procurement. */
export async function actualsOf(db: ReadClient, measureIds: readonly string[]): Promise<ActualRow[]> {
  if (measureIds.length === 0) return [];
  const links = await db.plannedMeasureLink.findMany({
    where: { plannedMeasureId: { in: [...measureIds] } },
    select: { plannedMeasureId: true, serviceMeasureId: true, procurementRequestId: true },
  });
  const serviceMeasureIds = [
    ...new Set(links.flatMap((l) => (l.serviceMeasureId ? [l.serviceMeasureId] : []))),
  ];
  const requestIds = [
    ...new Set(links.flatMap((l) => (l.procurementRequestId ? [l.procurementRequestId] : []))),
  ];
  const [bookings, requests] = await Promise.all([
    serviceMeasureIds.length
      ? db.measureBooking.findMany({
          where: { measureId: { in: serviceMeasureIds } },
          select: { measureId: true, booking: { select: { date: true, personDays: true } } },
        })
      : [],
    requestIds.length
      ? db.procurementRequest.findMany({
          where: { id: { in: requestIds }, status: "ACCEPTED" },
          select: { id: true, estimatedCostCents: true, acceptedAt: true, updatedAt: true },
        })
      : [],
  ]);
  const daysByMeasure = new Map<string, Map<number, number>>();
  for (const { measureId, booking } of bookings) {
    const year = Number(booking.date.slice(0, 4));
    const perYear = daysByMeasure.get(measureId) ?? new Map<number, number>();
    perYear.set(year, (perYear.get(year) ?? 0) + booking.personDays);
    daysByMeasure.set(measureId, perYear);
  }
  const requestById = new Map(requests.map((r) => [r.id, r]));
  const rows: ActualRow[] = [];
  for (const link of links) {
    if (link.serviceMeasureId) {
      for (const [year, hundredths] of daysByMeasure.get(link.serviceMeasureId) ?? []) {
        rows.push({ plannedMeasureId: link.plannedMeasureId, year, cents: 0n, hundredths });
      }
    }
    const request = link.procurementRequestId ? requestById.get(link.procurementRequestId) : undefined;
    if (request) {
      const year = Number(berlinDate(request.acceptedAt ?? request.updatedAt).slice(0, 4));
      rows.push({
        plannedMeasureId: link.plannedMeasureId,
        year,
        cents: request.estimatedCostCents,
        hundredths: 0,
      });
    }
  }
  return rows;
}

export interface PlanHead {
  id: string;
  authorityId: string;
  periodStart: number;
  periodEnd: number;
}

/** The measures of the plans a viewer reads (all, or one school's), with their figures. */
export async function figuresOfPlans(
  db: ReadClient,
  plans: readonly PlanHead[],
  scopeOf: (authorityId: string) => PlanScope,
): Promise<Map<string, { measures: MeasureRow[]; figures: PlanFigures }>> {
  const result = new Map<string, { measures: MeasureRow[]; figures: PlanFigures }>();
  if (plans.length === 0) return result;
  const [measures, authorities] = await Promise.all([
    db.plannedMeasure.findMany({
      where: { planId: { in: plans.map((p) => p.id) } },
      select: MEASURE_SELECT,
    }),
    db.schoolAuthority.findMany({
      where: { id: { in: [...new Set(plans.map((p) => p.authorityId))] } },
      select: { id: true, mediaPlanVarianceThreshold: true },
    }),
  ]);
  const threshold = new Map(authorities.map((a) => [a.id, a.mediaPlanVarianceThreshold]));
  const planById = new Map(plans.map((p) => [p.id, p]));
  const visible = measures.filter((m) => {
    const plan = planById.get(m.planId) as PlanHead;
    const scope = scopeOf(plan.authorityId);
    return scope !== null && (scope.all || scope.schoolId === m.schoolId);
  });
  const actuals = await actualsOf(
    db,
    visible.map((m) => m.id),
  );
  for (const plan of plans) {
    const own = visible.filter((m) => m.planId === plan.id);
    const ids = new Set(own.map((m) => m.id));
    result.set(plan.id, {
      measures: own,
      figures: planFigures(
        { start: plan.periodStart, end: plan.periodEnd },
        own,
        actuals.filter((a) => ids.has(a.plannedMeasureId)),
        threshold.get(plan.authorityId) ?? 10,
      ),
    });
  }
  return result;
}

export interface ForecastLine {
  serviceLine: string;
  /** Hundredths of a person-day. */
  personDays: number;
  investmentCents: bigint;
  measures: number;
}

/**
 * What the adopted plan covering `year` foresees for it, by service line: its open measures
 * (PLANNED, IN_PROGRESS) of that year. The provider starts next year's order from it.
 */
export async function planForecast(db: ReadClient, authorityId: string, year: number) {
  const plan = await db.mediaDevelopmentPlan.findFirst({
    where: { authorityId, status: "ADOPTED", periodStart: { lte: year }, periodEnd: { gte: year } },
    orderBy: { version: "desc" },
  });
  if (!plan) return { plan: null, lines: [] as ForecastLine[] };
  const measures = await db.plannedMeasure.findMany({
    where: { planId: plan.id, year, status: { in: ["PLANNED", "IN_PROGRESS"] } },
    select: { serviceLine: true, personDays: true, investmentCents: true },
  });
  const lines = new Map<string, ForecastLine>();
  for (const m of measures) {
    const line = lines.get(m.serviceLine) ?? {
      serviceLine: m.serviceLine,
      personDays: 0,
      investmentCents: 0n,
      measures: 0,
    };
    line.personDays += m.personDays;
    line.investmentCents += m.investmentCents;
    line.measures++;
    lines.set(m.serviceLine, line);
  }
  return {
    plan,
    lines: [...lines.values()].sort((a, b) => a.serviceLine.localeCompare(b.serviceLine, "de")),
  };
}
