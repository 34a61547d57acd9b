// The arithmetic of controlling: plan line, burn-down, forecast, alert thresholds and the
// figures of a proof of service. Pure functions over integers (hundredths of a person-day,
// cents), so that they are exact and testable without a database.
import {
  addDays,
  daysBetween,
  daysInMonth,
  epochDay,
  fromEpochDay,
  germanDate,
  weekdayOfEpochDay,
} from "../../lib/dates.ts";
import { amountCents, fromHundredths, germanDecimal, mulDivRound } from "../../lib/units.ts";

export type Granularity = "DAY" | "WEEK" | "MONTH";
export type ForecastMethod = "RECENT_8_WEEKS" | "SINCE_START";

export interface OrderPeriod {
  validFrom: string;
  validTo: string;
  /** "w1,…,w12" monthly weights or null for a linear plan. */
  planProfile: string | null;
}

/** Consumption of one calendar day, in hundredths; sorted by date, one entry per date. */
export interface DaySum {
  date: string;
  personDays: number;
}

export const RECENT_WINDOW_DAYS = 56;
export const ALERT_THRESHOLDS = [50, 75, 90, 100] as const;

export function parsePlanProfile(profile: string | null): number[] | null {
  if (!profile) return null;
  return profile.split(",").map(Number);
}

/**
 * The volume (hundredths) a line or an order has in force over time: each step holds from its date
 * on (inclusive) until the next step's date. The first step's date is "" (from the beginning).
 */
export interface VolumeStep {
  from: string;
  volume: number;
}
export type VolumeSchedule = readonly VolumeStep[];

/** A volume that never changes. */
export const constantVolume = (volume: number): VolumeSchedule => [{ from: "", volume }];

/** The volume in force on `date`: the last step dated on or before it. */
export function volumeAt(schedule: VolumeSchedule, date: string): number {
  let volume = schedule[0]?.volume ?? 0;
  for (const step of schedule) {
    if (step.from > date) break;
    volume = step.volume;
  }
  return volume;
}

/** The order's schedule: the sum of its lines' schedules, one step per date on which any line changes. */
export function sumSchedules(schedules: readonly VolumeSchedule[]): VolumeSchedule {
  const dates = [...new Set(schedules.flatMap((s) => s.map((step) => step.from)))].sort();
  if (!dates.includes("")) dates.unshift("");
  return dates.map((from) => ({ from, volume: schedules.reduce((sum, s) => sum + volumeAt(s, from), 0) }));
}

export interface ApprovedAmendment {
  effectiveDate: string;
  decidedAt: Date | null;
  previousVolume: number;
  newVolume: number;
}

/** Approved amendments in the order they take effect: by date, ties by the time of approval. */
export function inForceOrder<T extends ApprovedAmendment>(amendments: readonly T[]): T[] {
  return [...amendments].sort(
    (a, b) =>
      a.effectiveDate.localeCompare(b.effectiveDate) ||
      (a.decidedAt?.getTime() ?? 0) - (b.decidedAt?.getTime() ?? 0),
  );
}

/**
 * A line's schedule from its approved amendments. ServiceLine.volume holds the contract as amended
 * (the volume the latest approved amendment sets); the volume before the first approved amendment is
 * that amendment's previousVolume (the approval keeps the chain of previous volumes consistent).
 */
export function lineSchedule(volume: number, approved: readonly ApprovedAmendment[]): VolumeSchedule {
  const ordered = inForceOrder(approved);
  const first = ordered[0];
  if (!first) return constantVolume(volume);
  return [
    { from: "", volume: first.previousVolume },
    ...ordered.map((a) => ({ from: a.effectiveDate, volume: a.newVolume })),
  ];
}

const asSchedule = (contracted: number | VolumeSchedule): VolumeSchedule =>
  typeof contracted === "number" ? constantVolume(contracted) : contracted;

/** Every month's days share its weight equally; 377 580 = lcm(28, 29, 30, 31) keeps that an integer. */
const MONTH_DAYS_LCM = 377_580n;

/**
 * Cumulative plan weight per day of the period: planned consumption to a day = contracted · cum / total.
 * Days are counted from the period's start in integers (epochDay): burn-down, forecast and alerts
 * ask for the plan at many dates per request.
 */
export class PlanCurve {
  private readonly cumulative: bigint[];
  /** The period's first day, as days since 1970-01-01. */
  private readonly start: number;

  constructor(readonly period: OrderPeriod) {
    const weights = parsePlanProfile(period.planProfile);
    this.start = epochDay(period.validFrom);
    const length = epochDay(period.validTo) - this.start + 1;
    this.cumulative = new Array<bigint>(Math.max(length, 0));
    let sum = 0n;
    // Month by month: every day of a month adds the same weight.
    for (let i = 0; i < length; ) {
      const date = fromEpochDay(this.start + i);
      const inMonth = daysInMonth(date);
      const perDay = weights
        ? (BigInt(weights[Number(date.slice(5, 7)) - 1] ?? 0) * MONTH_DAYS_LCM) / BigInt(inMonth)
        : 1n;
      const monthEnd = i + inMonth - Number(date.slice(8, 10));
      for (; i <= monthEnd && i < length; i++) {
        sum += perDay;
        this.cumulative[i] = sum;
      }
    }
  }

  private get total(): bigint {
    return this.cumulative.at(-1) ?? 0n;
  }

  /** Cumulative weight by the end of the period's day `index` (0 before the period). */
  private cumAt(index: number): bigint {
    if (index < 0) return 0n;
    return this.cumulative[Math.min(index, this.cumulative.length - 1)] ?? 0n;
  }

  /**
   * Planned consumption (hundredths) by the end of `date`. With a volume that changes, each stretch
   * of days plans its own volume's share: Σ volume · (its days' weight) / total, rounded once.
   */
  plannedConsumed(contracted: number | VolumeSchedule, date: string): number {
    const index = epochDay(date) - this.start;
    if (index < 0 || this.total === 0n) return 0;
    const schedule = asSchedule(contracted);
    let weighted = 0n;
    for (let i = 0; i < schedule.length; i++) {
      const step = schedule[i] as VolumeStep;
      const next = schedule[i + 1];
      if (step.from > date) break;
      // The first step ("") holds from before the period: nothing of the plan lies before it.
      const from = step.from === "" ? Number.NEGATIVE_INFINITY : epochDay(step.from) - this.start;
      const before = this.cumAt(from - 1);
      const end = next && next.from <= date ? epochDay(next.from) - this.start - 1 : index;
      const upTo = end < from ? before : this.cumAt(end);
      if (upTo > before) weighted += BigInt(step.volume) * (upTo - before);
    }
    return Number(mulDivRound(weighted, 1, this.total));
  }

  /** The share of the period's plan due by the end of `date`, 0…1 (the time share for a linear plan). */
  plannedShare(date: string): number {
    const index = epochDay(date) - this.start;
    if (index < 0 || this.total === 0n) return 0;
    const cum = this.cumulative[Math.min(index, this.cumulative.length - 1)] ?? 0n;
    return Number((cum * 1_000_000n) / this.total) / 1_000_000;
  }
}

/** The day the figures refer to: today, but never before the period starts or after it ends. */
export function clipToPeriod(period: OrderPeriod, date: string): string {
  if (date < period.validFrom) return period.validFrom;
  if (date > period.validTo) return period.validTo;
  return date;
}

/** Share of the period's days elapsed by the end of `asOf`, 0…1. */
export function elapsedShare(period: OrderPeriod, asOf: string): number {
  const length = daysBetween(period.validFrom, period.validTo) + 1;
  if (asOf < period.validFrom) return 0;
  const elapsed = Math.min(daysBetween(period.validFrom, asOf) + 1, length);
  return elapsed / length;
}

export interface BurndownPoint {
  date: string;
  consumed: number;
  remaining: number;
  plannedRemaining: number;
}

/** Points at the end of each day, ISO week or month of the period up to `asOf` (and at `asOf` itself). */
export function burndown(
  period: OrderPeriod,
  contracted: number | VolumeSchedule,
  days: readonly DaySum[],
  granularity: Granularity,
  asOf: string,
): BurndownPoint[] {
  const end = asOf > period.validTo ? period.validTo : asOf;
  if (end < period.validFrom) return [];
  const plan = new PlanCurve(period);
  const schedule = asSchedule(contracted);
  const points: BurndownPoint[] = [];
  let consumed = 0;
  let next = 0;
  // Days as integers; a date string only for the days that become points.
  const last = epochDay(end);
  for (let day = epochDay(period.validFrom); day <= last; day++) {
    while (next < days.length && epochDay((days[next] as DaySum).date) <= day)
      consumed += (days[next++] as DaySum).personDays;
    const point =
      day === last ||
      granularity === "DAY" ||
      (granularity === "WEEK" && weekdayOfEpochDay(day) === 7) ||
      (granularity === "MONTH" && fromEpochDay(day + 1).endsWith("-01"));
    if (point) {
      const date = fromEpochDay(day);
      const volume = volumeAt(schedule, date);
      points.push({
        date,
        consumed,
        remaining: volume - consumed,
        plannedRemaining: volume - plan.plannedConsumed(schedule, date),
      });
    }
  }
  return points;
}

export interface MethodForecast {
  method: ForecastMethod;
  /** Hundredths of a person-day per calendar day, rounded. */
  ratePerDay: number;
  projectedAtEnd: number;
  exhaustionDate: string | null;
}

export interface Forecast {
  asOf: string;
  method: ForecastMethod;
  consumed: number;
  projectedAtEnd: number;
  exhaustionDate: string | null;
  /** Both methods, so the reader sees how far they disagree. */
  methods: MethodForecast[];
  projectedLow: number;
  projectedHigh: number;
  elapsedDays: number;
}

/**
 * Projects consumption to the period's end from the burn rate of the last eight weeks and from the
 * rate since the start. The recent rate leads once eight weeks have passed; before that the rate
 * since the start is all there is. The range between the two says how sure the forecast is.
 */
export function forecast(
  period: OrderPeriod,
  contracted: number | VolumeSchedule,
  days: readonly DaySum[],
  asOfInput: string,
): Forecast {
  const schedule = asSchedule(contracted);
  const asOf = clipToPeriod(period, asOfInput);
  const started = asOfInput >= period.validFrom;
  const elapsedDays = started ? daysBetween(period.validFrom, asOf) + 1 : 0;
  const remainingDays = daysBetween(asOf, period.validTo);
  const windowDays = Math.min(RECENT_WINDOW_DAYS, elapsedDays);
  const windowStart = addDays(asOf, -windowDays);
  let consumed = 0;
  let windowConsumed = 0;
  let exhaustedOn: string | null = null;
  for (const day of days) {
    if (!started || day.date > asOf) break;
    consumed += day.personDays;
    if (day.date > windowStart) windowConsumed += day.personDays;
    const volume = volumeAt(schedule, day.date);
    if (exhaustedOn === null && volume > 0 && consumed >= volume) exhaustedOn = day.date;
    if (exhaustedOn !== null && consumed < volume) exhaustedOn = null;
  }

  /**
   * The first day after asOf on which the projected consumption reaches the volume in force that day:
   * per stretch of constant volume, the day the line crosses it, if within the stretch.
   */
  const projectedExhaustion = (burned: number, overDays: number): string | null => {
    for (let i = 0; i < schedule.length; i++) {
      const step = schedule[i] as VolumeStep;
      const next = schedule[i + 1];
      const last = next ? addDays(next.from, -1) : period.validTo;
      if (last <= asOf || step.volume <= 0) continue;
      const first = step.from > asOf ? step.from : addDays(asOf, 1);
      const needed = BigInt(step.volume - consumed) * BigInt(overDays);
      const daysLeft = needed <= 0n ? 0 : Number((needed + BigInt(burned) - 1n) / BigInt(burned));
      const crossing = addDays(asOf, daysLeft);
      let date = crossing;
      if (date < first) date = first;
      if (date <= last && date <= period.validTo) return date;
    }
    return null;
  };

  const project = (method: ForecastMethod, burned: number, overDays: number): MethodForecast => {
    if (overDays === 0)
      return { method, ratePerDay: 0, projectedAtEnd: consumed, exhaustionDate: exhaustedOn };
    const projectedAtEnd = consumed + Number(mulDivRound(burned, remainingDays, overDays));
    let exhaustionDate = exhaustedOn;
    if (exhaustionDate === null && burned > 0) exhaustionDate = projectedExhaustion(burned, overDays);
    return {
      method,
      ratePerDay: Number(mulDivRound(burned, 1, overDays)),
      projectedAtEnd,
      exhaustionDate,
    };
  };
  const recent = project("RECENT_8_WEEKS", windowConsumed, windowDays);
  const sinceStart = project("SINCE_START", consumed, elapsedDays);
  const primary = elapsedDays >= RECENT_WINDOW_DAYS ? recent : sinceStart;
  return {
    asOf,
    method: primary.method,
    consumed,
    projectedAtEnd: primary.projectedAtEnd,
    exhaustionDate: primary.exhaustionDate,
    methods: [recent, sinceStart],
    projectedLow: Math.min(recent.projectedAtEnd, sinceStart.projectedAtEnd),
    projectedHigh: Math.max(recent.projectedAtEnd, sinceStart.projectedAtEnd),
    elapsedDays,
  };
}

export interface AlertSpec {
  scope: string;
  lineId: string | null;
  kind: "THRESHOLD" | "BURN_RATE";
  threshold: number;
  message: string;
}

export interface AlertSubject {
  /** "order" or the line id. */
  scope: string;
  lineId: string | null;
  label: string;
  consumed: number;
  /** The volume in force on the alert's day. */
  volume: number;
  /** The volume over time, for the plan line; default: `volume` throughout. */
  schedule?: VolumeSchedule;
}

const pd = (hundredths: number) => germanDecimal(fromHundredths(hundredths));
const percent = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 100) / whole) : 0);

/** Every alert whose condition holds now; the caller creates those not yet fired (each fires once). */
export function dueAlerts(
  subject: AlertSubject,
  plan: PlanCurve,
  asOf: string,
  burnMarginPct: number,
): AlertSpec[] {
  const { consumed, volume, label } = subject;
  if (volume <= 0) return [];
  const due: AlertSpec[] = [];
  for (const threshold of ALERT_THRESHOLDS) {
    if (consumed * 100 >= threshold * volume) {
      due.push({
        scope: subject.scope,
        lineId: subject.lineId,
        kind: "THRESHOLD",
        threshold,
        message: `${label}: ${threshold} % der Personentage verbraucht (${pd(consumed)} von ${pd(volume)} PT).`,
      });
    }
  }
  const planned = plan.plannedConsumed(subject.schedule ?? volume, asOf);
  if ((consumed - planned) * 100 > burnMarginPct * volume) {
    due.push({
      scope: subject.scope,
      lineId: subject.lineId,
      kind: "BURN_RATE",
      threshold: burnMarginPct,
      message:
        `${label} verbraucht schneller als geplant: ${percent(consumed, volume)} % verbraucht, ` +
        `Plan bis ${germanDate(asOf)}: ${percent(planned, volume)} % (Toleranz ${burnMarginPct} Prozentpunkte).`,
    });
  }
  return due;
}

export const ROUNDING_RULE =
  "Betrag je Leistungsart = Personentage × Tagessatz, kaufmännisch auf volle Cent gerundet; " +
  "der Rechnungsbetrag ist die Summe dieser gerundeten Beträge. Die Aufteilung nach Schulen ist " +
  "je Schule ebenso gerundet und kann in der Summe um wenige Cent vom Rechnungsbetrag abweichen.";

export interface ProofItem {
  label: string;
  personDays: number;
  amountCents: string;
}

export interface ProofFigures {
  month: string;
  dailyRateCents: string;
  bookingCount: number;
  personDays: number;
  amountCents: string;
  byLine: ProofItem[];
  bySchool: ProofItem[];
  roundingRule: string;
}

export interface ProofRow {
  lineId: string;
  schoolId: string | null;
  personDays: number;
  count: number;
}

export const NO_SCHOOL = "ohne Schulbezug";

/** The figures of a month's proof of service from the month's ledger grouped by line and school. */
export function proofFigures(
  month: string,
  dailyRateCents: bigint,
  rows: readonly ProofRow[],
  lines: readonly { id: string; name: string; position: number }[],
  schoolNames: ReadonlyMap<string, string>,
): ProofFigures {
  const byLine = new Map<string, number>();
  const bySchool = new Map<string, number>();
  let personDays = 0;
  let bookingCount = 0;
  for (const row of rows) {
    byLine.set(row.lineId, (byLine.get(row.lineId) ?? 0) + row.personDays);
    const school = row.schoolId ? (schoolNames.get(row.schoolId) ?? row.schoolId) : NO_SCHOOL;
    bySchool.set(school, (bySchool.get(school) ?? 0) + row.personDays);
    personDays += row.personDays;
    bookingCount += row.count;
  }
  const item = (label: string, hundredths: number): ProofItem => ({
    label,
    personDays: hundredths,
    amountCents: amountCents(hundredths, dailyRateCents).toString(),
  });
  const lineItems = [...lines]
    .sort((a, b) => a.position - b.position)
    .map((line) => item(line.name, byLine.get(line.id) ?? 0));
  const schoolItems = [...bySchool.entries()]
    .sort(([a], [b]) => (a === NO_SCHOOL ? 1 : b === NO_SCHOOL ? -1 : a.localeCompare(b, "de")))
    .map(([label, hundredths]) => item(label, hundredths));
  const total = lineItems.reduce((sum, line) => sum + BigInt(line.amountCents), 0n);
  return {
    month,
    dailyRateCents: dailyRateCents.toString(),
    bookingCount,
    personDays,
    amountCents: total.toString(),
    byLine: lineItems,
    bySchool: schoolItems,
    roundingRule: ROUNDING_RULE,
  };
}
