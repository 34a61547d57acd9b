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

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date, 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
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
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Number of days in the month of a calendar date. */
export function daysInMonth(date: string): number {
  const [y, m] = date.split("-").map(Number);
  return new Date(Date.UTC(y as number, m as number, 0)).getUTCDate();
}

/** The last day of the month of a calendar date. */
export function endOfMonth(date: string): string {
  return `${date.slice(0, 7)}-${String(daysInMonth(date)).padStart(2, "0")}`;
}
