// The provider-wide view: the authorities a provider serves side by side for one year. Every
// figure comes from the same reads and functions as the authority's own pages (orderTotals of
// controlling, the clocks and quality figures of escalations), batched over all authorities:
// a fixed number of SQL statements whatever their number.
import type { Access } from "../../access/index.ts";
import { requireProviderOverviewReader } from "../../access/provider.ts";
import type { ReadClient } from "../../db/client.ts";
import type { SchoolAuthority } from "../../db/generated/client/client.ts";
import { todayInBerlin } from "../../lib/dates.ts";
import { badInput } from "../../lib/errors.ts";
import { clipToPeriod, elapsedShare, type OrderPeriod } from "../controlling/figures.ts";
import { orderTotals } from "../controlling/reads.ts";
import { clockedRows, figures, type Rating, type Row, ratingsOfYear } from "../escalations/quality.ts";
import { targetsOf } from "../escalations/service.ts";

export interface AuthorityOverview {
  /** null in the totals row. */
  authority: SchoolAuthority | null;
  /** Hundredths of a person-day. */
  contracted: number;
  consumed: number;
  utilization: number;
  elapsed: number;
  schoolsTotal: number;
  schoolsUpgraded: number;
  openEscalations: number;
  overdueEscalations: number;
  reviewedWithinTargetShare: number | null;
  satisfaction: number | null;
}

export interface ProviderOverview {
  year: number;
  authorities: AuthorityOverview[];
  totals: AuthorityOverview;
}

const OPEN = new Set(["RAISED", "IN_REVIEW", "ON_AGENDA"]);
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** Share of the calendar year elapsed by the end of `today`: 1 for past years, 0 for future ones. */
function yearElapsed(year: number, today: string): number {
  const period: OrderPeriod = { validFrom: `${year}-01-01`, validTo: `${year}-12-31`, planProfile: null };
  return elapsedShare(period, today);
}

export async function providerOverview(
  db: ReadClient,
  access: Access,
  year: number,
  now = new Date(),
): Promise<ProviderOverview> {
  requireProviderOverviewReader(access);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw badInput("year", "Bitte ein Jahr zwischen 2000 und 2100 angeben.");
  }
  const ids = access.visibleAuthorityIds;
  const today = todayInBerlin(now);
  // Escalations and ratings of the year in Berlin time: a day's margin either side, filtered exactly below.
  const window = {
    gte: new Date(`${year - 1}-12-31T00:00:00Z`),
    lt: new Date(`${year + 1}-01-02T00:00:00Z`),
  };
  const [authorities, orders, schools, escalations, ratings, configs] = await Promise.all([
    db.schoolAuthority.findMany({ where: { id: { in: ids } }, orderBy: { name: "asc" } }),
    db.serviceOrder.findMany({
      where: { authorityId: { in: ids }, year, status: { in: ["ACTIVE", "CLOSED"] } },
      select: { id: true, authorityId: true, validFrom: true, validTo: true, planProfile: true },
    }),
    db.school.groupBy({
      by: ["authorityId", "upgradeStatus"],
      where: { authorityId: { in: ids } },
      _count: { _all: true },
    }),
    db.escalation.findMany({
      where: { authorityId: { in: ids }, raisedAt: window },
      select: {
        authorityId: true,
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
      where: { authorityId: { in: ids }, ratedAt: window },
      select: { authorityId: true, schoolId: true, score: true, ratedAt: true, period: true },
    }),
    targetsOf(db, ids),
  ]);
  const totals = await orderTotals(
    db,
    orders.map((o) => o.id),
  );

  const allRows: Row[] = [];
  const allRatings: Rating[] = [];
  const rows: AuthorityOverview[] = [];
  let weightedElapsed = 0;
  for (const authority of authorities) {
    const config = configs[ids.indexOf(authority.id)];
    if (!config) continue;
    const order = orders.find((o) => o.authorityId === authority.id);
    const figuresOfOrder = order ? totals.get(order.id) : undefined;
    const contracted = figuresOfOrder?.contracted ?? 0;
    const consumed = figuresOfOrder?.consumed ?? 0;
    const elapsed = order ? elapsedShare(order, clipToPeriod(order, today)) : yearElapsed(year, today);
    const counted = schools.filter((s) => s.authorityId === authority.id);
    const escalationRows = await clockedRows(
      escalations.filter((e) => e.authorityId === authority.id),
      config,
      year,
      now,
    );
    const rated = ratingsOfYear(
      ratings.filter((r) => r.authorityId === authority.id),
      year,
    );
    allRows.push(...escalationRows);
    allRatings.push(...rated);
    const quality = figures(String(year), escalationRows, rated);
    weightedElapsed += elapsed * contracted;
    rows.push({
      authority,
      contracted,
      consumed,
      utilization: ratio(consumed, contracted),
      elapsed,
      schoolsTotal: counted.reduce((sum, s) => sum + s._count._all, 0),
      schoolsUpgraded: counted
        .filter((s) => s.upgradeStatus === "COMPLETED")
        .reduce((sum, s) => sum + s._count._all, 0),
      openEscalations: escalationRows.filter((r) => OPEN.has(r.status)).length,
      overdueEscalations: quality.overdue,
      reviewedWithinTargetShare: quality.reviewedWithinTarget,
      satisfaction: quality.satisfactionAverage,
    });
  }

  const sum = (
    key:
      | "contracted"
      | "consumed"
      | "schoolsTotal"
      | "schoolsUpgraded"
      | "openEscalations"
      | "overdueEscalations",
  ) => rows.reduce((total, row) => total + row[key], 0);
  const contracted = sum("contracted");
  const consumed = sum("consumed");
  const pooled = figures(String(year), allRows, allRatings);
  return {
    year,
    authorities: rows,
    totals: {
      authority: null,
      contracted,
      consumed,
      utilization: ratio(consumed, contracted),
      // The contracted-weighted share of the orders' periods; the calendar year's without orders.
      elapsed: contracted > 0 ? weightedElapsed / contracted : yearElapsed(year, today),
      schoolsTotal: sum("schoolsTotal"),
      schoolsUpgraded: sum("schoolsUpgraded"),
      openEscalations: sum("openEscalations"),
      overdueEscalations: sum("overdueEscalations"),
      reviewedWithinTargetShare: pooled.reviewedWithinTarget,
      satisfaction: pooled.satisfactionAverage,
    },
  };
}
