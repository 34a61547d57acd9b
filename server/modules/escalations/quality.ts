// Service quality figures per authority, school and month. Times are working days of the
// authority's state; the median of an even count is the mean of the middle two, the 90th
// percentile is the nearest rank (the smallest value with at least 90 % at or below it).
import type { ReadClient } from "../../db/client.ts";
import type { EscalationStatus, Severity } from "../../db/generated/client/enums.ts";
import { berlinDate } from "../../lib/dates.ts";
import { cpuTurn } from "../../lib/turns.ts";
import { clock } from "./clock.ts";
import { targetsOf } from "./service.ts";

const SEVERITIES: Severity[] = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];
/** Some 40 µs each: a turn of the event loop holds about ten milliseconds of clocks. */
const CLOCKS_PER_TURN = 50;
const STATUSES: EscalationStatus[] = ["RAISED", "IN_REVIEW", "ON_AGENDA", "RESOLVED", "REJECTED"];

export interface Figures {
  /** "2026" for the year, "2026-03" for a month. */
  period: string;
  raised: number;
  bySeverity: { severity: Severity; count: number }[];
  byStatus: { status: EscalationStatus; count: number }[];
  medianDaysToReview: number | null;
  p90DaysToReview: number | null;
  medianDaysToResolution: number | null;
  p90DaysToResolution: number | null;
  /** Share (0..1) of reviewed escalations reviewed within target. */
  reviewedWithinTarget: number | null;
  /** Share (0..1) of closed escalations closed within target. */
  resolvedWithinTarget: number | null;
  overdue: number;
  satisfactionAverage: number | null;
  satisfactionCount: number;
}

export interface ServiceQuality {
  year: number;
  total: Figures;
  months: Figures[];
  schools: { schoolId: string; figures: Figures }[];
  repeatTickets: { ticketRef: string; count: number }[];
  satisfactionTrend: { period: string; average: number; count: number }[];
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

const round2 = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
const share = (part: number, whole: number) => (whole === 0 ? null : round2(part / whole));

export interface Row {
  schoolId: string;
  severity: Severity;
  status: EscalationStatus;
  raisedAt: Date;
  reviewedAt: Date | null;
  resolvedAt: Date | null;
  ticketRef: string | null;
  month: string;
  clock: ReturnType<typeof clock>;
}

export interface Rating {
  schoolId: string;
  score: number;
  month: string;
  quarter: string;
}

type EscalationInput = Omit<Row, "month" | "clock">;
type Config = Awaited<ReturnType<typeof targetsOf>>[number];

/** The escalations raised in `year` (Berlin time) with their clocks against the authority's targets. */
export async function clockedRows(
  escalations: readonly EscalationInput[],
  config: Config,
  year: number,
  now: Date,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [i, e] of escalations.entries()) {
    // A large authority raises thousands a year; the clocks take their turns with other work.
    if (i > 0 && i % CLOCKS_PER_TURN === 0) await cpuTurn();
    const month = berlinDate(e.raisedAt).slice(0, 7);
    if (month.startsWith(`${year}-`))
      rows.push({ ...e, month, clock: clock(e, config.targets[e.severity], config.state, now) });
  }
  return rows;
}

/** The ratings given in `year` (Berlin time), with their month and survey quarter. */
export function ratingsOfYear(
  ratings: readonly { schoolId: string; score: number; ratedAt: Date; period: string | null }[],
  year: number,
): Rating[] {
  return ratings
    .map((r) => {
      const month = berlinDate(r.ratedAt).slice(0, 7);
      const quarter = r.period ?? `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
      return { schoolId: r.schoolId, score: r.score, month, quarter };
    })
    .filter((r) => r.month.startsWith(`${year}-`));
}

export function figures(period: string, rows: Row[], ratings: Rating[]): Figures {
  const reviewed = rows.filter((r) => r.reviewedAt);
  const closed = rows.filter((r) => r.resolvedAt);
  const toReview = reviewed.map((r) => r.clock.workingDaysToReview);
  const toResolution = closed.map((r) => r.clock.workingDaysToResolution);
  const scores = ratings.map((r) => r.score);
  return {
    period,
    raised: rows.length,
    bySeverity: SEVERITIES.map((severity) => ({
      severity,
      count: rows.filter((r) => r.severity === severity).length,
    })),
    byStatus: STATUSES.map((status) => ({ status, count: rows.filter((r) => r.status === status).length })),
    medianDaysToReview: median(toReview),
    p90DaysToReview: percentile(toReview, 90),
    medianDaysToResolution: median(toResolution),
    p90DaysToResolution: percentile(toResolution, 90),
    reviewedWithinTarget: share(reviewed.filter((r) => r.clock.reviewedInTime).length, reviewed.length),
    resolvedWithinTarget: share(closed.filter((r) => r.clock.resolvedInTime).length, closed.length),
    overdue: rows.filter((r) => r.clock.overdue).length,
    satisfactionAverage: round2(scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null),
    satisfactionCount: scores.length,
  };
}

export async function serviceQuality(
  db: ReadClient,
  authorityId: string,
  year: number,
  schoolId: string | null,
  now = new Date(),
): Promise<ServiceQuality> {
  const from = new Date(`${year - 1}-12-31T00:00:00Z`);
  const to = new Date(`${year + 1}-01-02T00:00:00Z`);
  const [[config], escalations, ratings] = await Promise.all([
    targetsOf(db, [authorityId]),
    db.escalation.findMany({
      where: { authorityId, ...(schoolId ? { schoolId } : {}), raisedAt: { gte: from, lt: to } },
      select: {
        schoolId: true,
        severity: true,
        status: true,
        raisedAt: true,
        reviewedAt: true,
        resolvedAt: true,
        ticketRef: true,
      },
    }),
    db.satisfactionRating.findMany({
      where: { authorityId, ...(schoolId ? { schoolId } : {}), ratedAt: { gte: from, lt: to } },
      select: { schoolId: true, score: true, ratedAt: true, period: true },
    }),
  ]);
  if (!config) throw new Error("authority without configuration");
  const rows = await clockedRows(escalations, config, year, now);
  const rated = ratingsOfYear(ratings, year);

  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
  const tickets = new Map<string, number>();
  for (const row of rows)
    if (row.ticketRef) tickets.set(row.ticketRef, (tickets.get(row.ticketRef) ?? 0) + 1);
  const quarters = [...new Set(rated.map((r) => r.quarter))].sort();
  // Grouped once rather than filtered per month and school.
  const rowsBy = { month: groupBy(rows, (r) => r.month), school: groupBy(rows, (r) => r.schoolId) };
  const ratedBy = { month: groupBy(rated, (r) => r.month), school: groupBy(rated, (r) => r.schoolId) };
  const schoolIds = [...rowsBy.school.keys()].sort();

  return {
    year,
    total: figures(String(year), rows, rated),
    months: months.map((m) => figures(m, rowsBy.month.get(m) ?? [], ratedBy.month.get(m) ?? [])),
    schools: schoolIds.map((id) => ({
      schoolId: id,
      figures: figures(String(year), rowsBy.school.get(id) ?? [], ratedBy.school.get(id) ?? []),
    })),
    repeatTickets: [...tickets.entries()]
      .filter(([, count]) => count > 1)
      .map(([ticketRef, count]) => ({ ticketRef, count }))
      .sort((a, b) => b.count - a.count || a.ticketRef.localeCompare(b.ticketRef)),
    satisfactionTrend: quarters.map((period) => {
      const scores = rated.filter((r) => r.quarter === period).map((r) => r.score);
      return {
        period,
        average: round2(scores.reduce((a, b) => a + b, 0) / scores.length) ?? 0,
        count: scores.length,
      };
    }),
  };
}
