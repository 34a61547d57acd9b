// Burn-down and plan line against what they mean, day by day with JavaScript's Date: the points
// fall on the right days, consumption is the running sum of the ledger, and the plan reaches
// each month's share of its weights exactly at the month's end.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mulDivRound } from "../../server/lib/units.ts";
import {
  burndown,
  type DaySum,
  type Granularity,
  PlanCurve,
  type VolumeSchedule,
  volumeAt,
} from "../../server/modules/controlling/figures.ts";

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);
/** Every date from `from` to `to`, inclusive. */
const datesFrom = (from: string, to: string) => {
  const dates: string[] = [];
  for (let t = ms(from); t <= ms(to); t += DAY_MS) dates.push(iso(t));
  return dates;
};

const date = fc
  .integer({ min: ms("2018-01-01") / DAY_MS, max: ms("2031-12-31") / DAY_MS })
  .map((d) => iso(d * DAY_MS));
const period = fc
  .record({
    validFrom: date,
    length: fc.integer({ min: 1, max: 400 }),
    weights: fc.option(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 12, maxLength: 12 })),
  })
  .map(({ validFrom, length, weights }) => ({
    validFrom,
    validTo: iso(ms(validFrom) + (length - 1) * DAY_MS),
    planProfile: weights ? weights.join(",") : null,
  }));

describe("burn-down", () => {
  it("has a point per day, week end or month end up to the day asked, with the ledger's running sum", () => {
    fc.assert(
      fc.property(
        period,
        fc.integer({ min: -20, max: 420 }),
        fc.constantFrom<Granularity>("DAY", "WEEK", "MONTH"),
        fc.array(fc.tuple(fc.integer({ min: -5, max: 410 }), fc.integer({ min: -500, max: 2000 })), {
          maxLength: 60,
        }),
        fc.integer({ min: 0, max: 100_000 }),
        (p, asOfOffset, granularity, entries, volume) => {
          const asOf = iso(ms(p.validFrom) + asOfOffset * DAY_MS);
          // One entry per date, sorted, as the per-day totals come from the database.
          const byDate = new Map<string, number>();
          for (const [offset, amount] of entries) {
            const day = iso(ms(p.validFrom) + offset * DAY_MS);
            byDate.set(day, (byDate.get(day) ?? 0) + amount);
          }
          const days: DaySum[] = [...byDate]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([d, personDays]) => ({ date: d, personDays }));
          const points = burndown(p, volume, days, granularity, asOf);

          const end = [asOf, p.validTo].sort()[0] as string;
          const expected =
            end < p.validFrom
              ? []
              : datesFrom(p.validFrom, end).filter((d) => {
                  const next = new Date(ms(d) + DAY_MS);
                  if (d === end || granularity === "DAY") return true;
                  if (granularity === "WEEK") return new Date(ms(d)).getUTCDay() === 0;
                  return next.getUTCDate() === 1;
                });
          expect(points.map((point) => point.date)).toEqual(expected);
          for (const point of points) {
            const consumed = days.filter((d) => d.date <= point.date).reduce((s, d) => s + d.personDays, 0);
            expect(point.consumed).toBe(consumed);
            expect(point.remaining).toBe(volume - consumed);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("plan line", () => {
  it("is linear in the days without a profile and ends at the whole volume", () => {
    fc.assert(
      fc.property(period, fc.integer({ min: 0, max: 100_000 }), (p, volume) => {
        const plan = new PlanCurve({ ...p, planProfile: null });
        const dates = datesFrom(p.validFrom, p.validTo);
        dates.forEach((d, i) => {
          // The share is cut to millionths.
          expect(plan.plannedShare(d)).toBeCloseTo((i + 1) / dates.length, 5);
          expect(plan.plannedConsumed(volume, d)).toBe(Number(mulDivRound(volume, i + 1, dates.length)));
        });
        expect(plan.plannedConsumed(volume, iso(ms(p.validFrom) - DAY_MS))).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it("reaches each month's share of the monthly weights exactly at the month's end", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2018, max: 2031 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 100_000 }),
        (year, weights, volume) => {
          const total = weights.reduce((s, w) => s + w, 0);
          const plan = new PlanCurve({
            validFrom: `${year}-01-01`,
            validTo: `${year}-12-31`,
            planProfile: weights.join(","),
          });
          let sofar = 0;
          for (let month = 1; month <= 12; month++) {
            sofar += weights[month - 1] as number;
            const monthEnd = iso(Date.UTC(year, month, 0));
            const expected = total === 0 ? 0 : Number(mulDivRound(volume, sofar, total));
            expect(plan.plannedConsumed(volume, monthEnd)).toBe(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("plans each stretch of days with the volume in force then", () => {
    const plan = new PlanCurve({ validFrom: "2026-01-01", validTo: "2026-12-31", planProfile: null });
    // 365 days: 100 from the start, 465 from 1 July (day 182).
    const schedule: VolumeSchedule = [
      { from: "", volume: 36_500 },
      { from: "2026-07-01", volume: 73_000 },
    ];
    expect(volumeAt(schedule, "2026-06-30")).toBe(36_500);
    expect(plan.plannedConsumed(schedule, "2026-06-30")).toBe(18_100);
    expect(plan.plannedConsumed(schedule, "2026-07-01")).toBe(18_100 + 200);
    expect(plan.plannedConsumed(schedule, "2026-12-31")).toBe(18_100 + 184 * 200);
  });
});
