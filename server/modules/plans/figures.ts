// Planned against actual for a media development plan: pure arithmetic on integer units
// (euro cents, hundredths of a person-day), no database. Actuals count in the year they
// happened (a booking's date, a procurement request's acceptance), so a measure planned for
// 2026 and carried out in 2027 shows in both years' rows: that is the variance the council asks about.
import type { EquipmentCategory, PlannedMeasureStatus } from "../../db/generated/client/enums.ts";
import { mulDivRound } from "../../lib/units.ts";

export const CATEGORIES: readonly EquipmentCategory[] = [
  "NETWORK",
  "SERVER",
  "SERVICES",
  "PRESENTATION",
  "DEVICES",
  "TRAINING",
];

export interface MeasureRow {
  id: string;
  schoolId: string;
  category: EquipmentCategory;
  year: number;
  investmentCents: bigint;
  /** Hundredths of a person-day. */
  personDays: number;
  status: PlannedMeasureStatus;
}

/** One year's actuals of one planned measure. */
export interface ActualRow {
  plannedMeasureId: string;
  year: number;
  cents: bigint;
  hundredths: number;
}

export interface Sums {
  plannedCents: bigint;
  plannedHundredths: number;
  actualCents: bigint;
  actualHundredths: number;
}

export interface YearFigures extends Sums {
  year: number;
  overThreshold: boolean;
}

export interface CellFigures extends Sums {
  year: number;
  category: EquipmentCategory;
}

export interface SchoolFigures extends Sums {
  schoolId: string;
  /** Measures not dropped. */
  measures: number;
  done: number;
  inProgress: number;
  categories: { category: EquipmentCategory; measures: number; done: number }[];
}

export interface Variance {
  measureId: string;
  kind: "INVESTMENT" | "PERSON_DAYS";
  planned: bigint;
  actual: bigint;
}

export interface PlanFigures {
  measures: Map<string, Sums & { overThreshold: boolean }>;
  years: YearFigures[];
  cells: CellFigures[];
  schools: SchoolFigures[];
  variances: Variance[];
  totals: Sums;
}

const zero = (): Sums => ({ plannedCents: 0n, plannedHundredths: 0, actualCents: 0n, actualHundredths: 0 });

function add(into: Sums, from: Partial<Sums>) {
  into.plannedCents += from.plannedCents ?? 0n;
  into.plannedHundredths += from.plannedHundredths ?? 0;
  into.actualCents += from.actualCents ?? 0n;
  into.actualHundredths += from.actualHundredths ?? 0;
}

/** A school of the plan with nothing planned or spent yet (it may have targets only). */
export function emptySchoolFigures(schoolId: string): SchoolFigures {
  return {
    schoolId,
    measures: 0,
    done: 0,
    inProgress: 0,
    categories: CATEGORIES.map((category) => ({ category, measures: 0, done: 0 })),
    ...zero(),
  };
}

/** Actual beyond planned by more than `percent` % (anything actual on nothing planned). */
export function exceeds(planned: bigint, actual: bigint, percent: number): boolean {
  if (actual <= 0n) return false;
  return actual * 100n > planned * BigInt(100 + percent);
}

function overThreshold(sums: Sums, percent: number): boolean {
  return (
    exceeds(sums.plannedCents, sums.actualCents, percent) ||
    exceeds(BigInt(sums.plannedHundredths), BigInt(sums.actualHundredths), percent)
  );
}

/**
 * The figures of a plan (or of the part of it a viewer reads: pass only those measures and their
 * actuals). Dropped measures count nothing planned, but what was spent on them still counts as actual.
 * Years: the plan's period, and any year outside it in which actuals happened.
 */
export function planFigures(
  period: { start: number; end: number },
  measures: readonly MeasureRow[],
  actuals: readonly ActualRow[],
  thresholdPercent: number,
): PlanFigures {
  const byMeasure = new Map<string, Sums>();
  const years = new Map<number, Sums>();
  const cells = new Map<string, CellFigures>();
  const schools = new Map<string, SchoolFigures>();
  const totals = zero();
  const measureById = new Map(measures.map((m) => [m.id, m]));
  for (let year = period.start; year <= period.end; year++) years.set(year, zero());

  const cell = (year: number, category: EquipmentCategory) => {
    const key = `${year}:${category}`;
    let found = cells.get(key);
    if (!found) {
      found = { year, category, ...zero() };
      cells.set(key, found);
    }
    return found;
  };
  const school = (schoolId: string) => {
    let found = schools.get(schoolId);
    if (!found) {
      found = emptySchoolFigures(schoolId);
      schools.set(schoolId, found);
    }
    return found;
  };
  const yearSums = (year: number) => {
    let found = years.get(year);
    if (!found) {
      found = zero();
      years.set(year, found);
    }
    return found;
  };

  for (const m of measures) {
    const planned =
      m.status === "DROPPED" ? {} : { plannedCents: m.investmentCents, plannedHundredths: m.personDays };
    byMeasure.set(m.id, { ...zero(), ...planned });
    add(yearSums(m.year), planned);
    // A dropped measure plans nothing: no cell of its own unless something was spent on it.
    if (m.status !== "DROPPED") add(cell(m.year, m.category), planned);
    const s = school(m.schoolId);
    add(s, planned);
    add(totals, planned);
    if (m.status === "DROPPED") continue;
    s.measures++;
    if (m.status === "DONE") s.done++;
    if (m.status === "IN_PROGRESS") s.inProgress++;
    const c = s.categories.find((entry) => entry.category === m.category);
    if (c) {
      c.measures++;
      if (m.status === "DONE") c.done++;
    }
  }
  for (const a of actuals) {
    const m = measureById.get(a.plannedMeasureId);
    if (!m) continue;
    const actual = { actualCents: a.cents, actualHundredths: a.hundredths };
    add(byMeasure.get(m.id) as Sums, actual);
    add(yearSums(a.year), actual);
    add(cell(a.year, m.category), actual);
    add(school(m.schoolId), actual);
    add(totals, actual);
  }

  const variances: Variance[] = [];
  const measureFigures = new Map<string, Sums & { overThreshold: boolean }>();
  for (const m of measures) {
    const sums = byMeasure.get(m.id) as Sums;
    measureFigures.set(m.id, { ...sums, overThreshold: overThreshold(sums, thresholdPercent) });
    if (exceeds(sums.plannedCents, sums.actualCents, thresholdPercent)) {
      variances.push({
        measureId: m.id,
        kind: "INVESTMENT",
        planned: sums.plannedCents,
        actual: sums.actualCents,
      });
    }
    if (exceeds(BigInt(sums.plannedHundredths), BigInt(sums.actualHundredths), thresholdPercent)) {
      variances.push({
        measureId: m.id,
        kind: "PERSON_DAYS",
        planned: BigInt(sums.plannedHundredths),
        actual: BigInt(sums.actualHundredths),
      });
    }
  }

  return {
    measures: measureFigures,
    years: [...years.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, sums]) => ({ year, ...sums, overThreshold: overThreshold(sums, thresholdPercent) })),
    cells: [...cells.values()].sort(
      (a, b) => a.year - b.year || CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category),
    ),
    schools: [...schools.values()],
    variances,
    totals,
  };
}

/** How far actual is beyond planned, in percent rounded to one decimal; null when nothing was planned. */
export function excessPercent(planned: bigint, actual: bigint): number | null {
  if (planned <= 0n) return null;
  return Number(mulDivRound(actual - planned, 1000, planned)) / 10;
}
