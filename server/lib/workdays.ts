// Working days of an authority's federal state: Monday to Friday, except public holidays.
// Clocks of escalations count in these.
import { addDays, berlinDate, weekday } from "./dates.ts";
import { type FederalState, holidays } from "./holidays.ts";

export function isWorkingDay(date: string, state: FederalState): boolean {
  return weekday(date) <= 5 && !holidays(state, Number(date.slice(0, 4))).has(date);
}

/** The date `n` working days after `date` (n ≥ 0; 0 gives the next working day from `date` on). */
export function addWorkingDays(date: string, n: number, state: FederalState): string {
  let current = date;
  while (!isWorkingDay(current, state)) current = addDays(current, 1);
  for (let left = n; left > 0; ) {
    current = addDays(current, 1);
    if (isWorkingDay(current, state)) left--;
  }
  return current;
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
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isWorkingDay(day, state)) count++;
  }
  return count;
}
