// Working days of an authority's federal state: Monday to Friday, except public holidays.
// Clocks of escalations count in these.
import { berlinDate, weekday } from "./dates.ts";
import { type FederalState, holidays } from "./holidays.ts";

export function isWorkingDay(date: string, state: FederalState): boolean {
  return weekday(date) <= 5 && !holidays(state, Number(date.slice(0, 4))).has(date);
}

/** The date `n` working days after `date` (n ≥ 0; 0 gives the next working day from `date` on). */
export function addWorkingDays(date: string, n: number, state: FederalState): string {
  // Day numbers rather than date strings: every escalation's clock takes two of these.
  let day = dayNumber(date);
  while (!isWorkingDayNumber(day, state)) day++;
  for (let left = n; left > 0; ) {
    day++;
    if (isWorkingDayNumber(day, state)) left--;
  }
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isWorkingDayNumber(day: number, state: FederalState): boolean {
  // Day 0 is a Thursday: (day + 3) % 7 is 0 on Mondays, 5 and 6 on weekends.
  if ((((day + 3) % 7) + 7) % 7 >= 5) return false;
  const date = new Date(day * DAY_MS);
  return !holidayNumbers(state, date.getUTCFullYear()).has(day);
}

const holidayCache = new Map<string, Set<number>>();
function holidayNumbers(state: FederalState, year: number): Set<number> {
  const key = `${state}${year}`;
  let found = holidayCache.get(key);
  if (!found) {
    found = new Set([...holidays(state, year).keys()].map(dayNumber));
    holidayCache.set(key, found);
  }
  return found;
}

/**
 * Whole working days between two instants, counted in Berlin calendar days: the number of
 * working days after the start day up to and including the end day. Raised on Friday and
 * answered on Monday is 1 working day; answered the same day is 0.
 */
export function workingDaysBetween(start: Date, end: Date, state: FederalState): number {
  const from = berlinDate(start);
  const to = berlinDate(end);
  if (to <= from) return 0;
  // Counted, not walked day by day: quality figures take the clocks of a year of escalations.
  let count = weekdaysUpTo(dayNumber(to)) - weekdaysUpTo(dayNumber(from));
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const holiday of holidays(state, year).keys()) {
      if (holiday > from && holiday <= to && weekday(holiday) <= 5) count--;
    }
  }
  return count;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01, a Thursday. */
function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

// Weekdays among the first n days of a week that starts on a Thursday (Thu, Fri, Sat, Sun, Mon, Tue, Wed).
const WEEKDAYS_BEFORE = [0, 1, 2, 2, 2, 3, 4, 5];

/** Monday-to-Friday days among day numbers 0…n (n ≥ 0). */
function weekdaysUpTo(n: number): number {
  const days = n + 1;
  return Math.floor(days / 7) * 5 + (WEEKDAYS_BEFORE[days % 7] as number);
}
