import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  daysInMonth,
  endOfMonth,
  epochDay,
  fromEpochDay,
  weekday,
} from "../../server/lib/dates.ts";

// The integer calendar against JavaScript's own Date, day by day over two centuries and a half.
const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const first = Date.UTC(1899, 0, 1);
const last = Date.UTC(2101, 11, 31);

describe("calendar arithmetic", () => {
  it("numbers every day from 1899 to 2101 as Date does, and back", () => {
    for (let ms = first; ms <= last; ms += DAY_MS) {
      const date = iso(ms);
      const days = Math.round(ms / DAY_MS);
      expect(epochDay(date)).toBe(days);
      expect(fromEpochDay(days)).toBe(date);
    }
  });

  it("adds days across months, leap days and years, in both directions", () => {
    for (let ms = first; ms <= last; ms += 7 * DAY_MS) {
      const date = iso(ms);
      for (const n of [-400, -366, -31, -1, 0, 1, 28, 29, 59, 365, 1000])
        expect(addDays(date, n)).toBe(iso(ms + n * DAY_MS));
    }
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2100-02-28", 1)).toBe("2100-03-01");
    expect(addDays("2000-02-28", 1)).toBe("2000-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("gives weekdays (Monday 1 … Sunday 7), distances and month lengths as Date does", () => {
    for (let ms = first; ms <= last; ms += DAY_MS) {
      const date = iso(ms);
      const day = new Date(ms).getUTCDay();
      expect(weekday(date)).toBe(day === 0 ? 7 : day);
      expect(daysInMonth(date)).toBe(
        new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate(),
      );
    }
    expect(daysBetween("2026-01-01", "2026-12-31")).toBe(364);
    expect(daysBetween("2026-03-01", "2024-02-29")).toBe(-731);
    expect(endOfMonth("2028-02-10")).toBe("2028-02-29");
    expect(endOfMonth("1900-02-10")).toBe("1900-02-28");
  });
});
