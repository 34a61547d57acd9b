// Calendar dates are ISO strings (YYYY-MM-DD) everywhere; this module is the only place
// that turns them into instants or back.

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// Built once: constructing a DateTimeFormat costs some 60 µs, formatting with one about 1 µs,
// and clocks and quality figures format thousands of dates per request.
const BERLIN_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" });

/** Today's date in Europe/Berlin, where the hub's users live. */
export function todayInBerlin(now = new Date()): string {
  return BERLIN_DAY.format(now);
}

// Calendar arithmetic in integers (days since 1970-01-01, proleptic Gregorian calendar, after
// Howard Hinnant's days_from_civil/civil_from_days): burn-down, plan curve and clocks step
// through every day of a year per request, and Date.parse + toISOString per day cost a tenth
// of such a request.

/** Days since 1970-01-01 of an ISO calendar date. */
export function epochDay(date: string): number {
  const m = Number(date.slice(5, 7));
  const y = Number(date.slice(0, 4)) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + Number(date.slice(8, 10)) - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The ISO calendar date of a day number since 1970-01-01. */
export function fromEpochDay(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(epochDay(date) + days);
}

/** ISO weekday of a calendar date, 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  return weekdayOfEpochDay(epochDay(date));
}

/** ISO weekday of a day counted from 1970-01-01 (a Thursday, 4). */
export function weekdayOfEpochDay(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** The calendar date in Europe/Berlin of an instant. */
export function berlinDate(instant: Date): string {
  return todayInBerlin(instant);
}

/** The instant of a wall-clock time (HH:MM) on a calendar date in Europe/Berlin, across DST changes. */
export function berlinInstant(date: string, time: string): Date {
  const guess = Date.parse(`${date}T${time}:00Z`);
  // The offset at the guess is right except within an hour of a DST switch; a second pass settles it.
  let instant = guess;
  for (let i = 0; i < 2; i++) instant = guess - berlinOffsetMs(new Date(instant));
  return new Date(instant);
}

/** The wall-clock time in Europe/Berlin of an instant, as YYYY-MM-DDTHH:MM:SS (no offset). */
export function berlinWallClock(instant: Date): string {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000 + berlinOffsetMs(instant))
    .toISOString()
    .slice(0, 19);
}

/** "10:00" for an instant, in Europe/Berlin. */
export function berlinTime(instant: Date): string {
  return berlinWallClock(instant).slice(11, 16);
}

function berlinOffsetMs(instant: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: "Europe/Berlin",
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** "Do., 19.11.2026, 10:00 Uhr" style German date and time in Europe/Berlin, for exports. */
export function germanDateTime(instant: Date): string {
  return new Intl.DateTimeFormat("de-DE", {
    timeZone: "Europe/Berlin",
    weekday: "short",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(instant);
}

/** "19.11.2026" for an ISO calendar date. */
export function germanDate(date: string): string {
  const [y, m, d] = date.split("-");
  return `${d}.${m}.${y}`;
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Number of days in the month of a calendar date. */
export function daysInMonth(date: string): number {
  const m = Number(date.slice(5, 7));
  if (m !== 2) return MONTH_DAYS[m - 1] as number;
  const y = Number(date.slice(0, 4));
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
}

/** The last day of the month of a calendar date. */
export function endOfMonth(date: string): string {
  return `${date.slice(0, 7)}-${String(daysInMonth(date)).padStart(2, "0")}`;
}
