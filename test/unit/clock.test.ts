import { describe, expect, it } from "vitest";
import { clock, DEFAULT_TARGETS } from "../../server/modules/escalations/clock.ts";
import { median, percentile } from "../../server/modules/escalations/quality.ts";

const critical = DEFAULT_TARGETS.CRITICAL;

describe("escalation clock", () => {
  it("a critical case is due for review one working day later, across a weekend", () => {
    const c = clock(
      {
        severity: "CRITICAL",
        raisedAt: new Date("2026-11-20T10:00:00+01:00"),
        reviewedAt: null,
        resolvedAt: null,
      },
      critical,
      "MV",
      new Date("2026-11-23T09:00:00+01:00"),
    );
    expect(c.reviewDueDate).toBe("2026-11-23");
    expect(c.overdue).toBe(false);
    const late = clock(
      {
        severity: "CRITICAL",
        raisedAt: new Date("2026-11-20T10:00:00+01:00"),
        reviewedAt: null,
        resolvedAt: null,
      },
      critical,
      "MV",
      new Date("2026-11-25T09:00:00+01:00"),
    );
    expect(late.overdue).toBe(true);
    expect(late.overdueWorkingDays).toBe(2);
  });

  it("skips Reformationstag in Mecklenburg-Vorpommern and Thüringen but not in Saarland", () => {
    const raised = {
      severity: "CRITICAL" as const,
      raisedAt: new Date("2025-10-30T10:00:00+01:00"),
      reviewedAt: null,
      resolvedAt: null,
    };
    expect(clock(raised, critical, "MV").reviewDueDate).toBe("2025-11-03");
    expect(clock(raised, critical, "TH").reviewDueDate).toBe("2025-11-03");
    expect(clock(raised, critical, "SL").reviewDueDate).toBe("2025-10-31");
  });

  it("skips Allerheiligen in Saarland and Weltkindertag in Thüringen", () => {
    const friday = (date: string) => ({
      severity: "CRITICAL" as const,
      raisedAt: new Date(`${date}T10:00:00+02:00`),
      reviewedAt: null,
      resolvedAt: null,
    });
    expect(clock(friday("2027-10-29"), critical, "SL").reviewDueDate).toBe("2027-11-02");
    expect(clock(friday("2027-10-29"), critical, "MV").reviewDueDate).toBe("2027-11-01");
    expect(clock(friday("2027-09-17"), critical, "TH").reviewDueDate).toBe("2027-09-21");
    expect(clock(friday("2027-09-17"), critical, "MV").reviewDueDate).toBe("2027-09-20");
  });

  it("stops the review clock at the review and judges it against the target", () => {
    const c = clock(
      {
        severity: "MEDIUM",
        raisedAt: new Date("2026-03-02T10:00:00+01:00"),
        reviewedAt: new Date("2026-03-06T10:00:00+01:00"),
        resolvedAt: null,
      },
      DEFAULT_TARGETS.MEDIUM,
      "MV",
      new Date("2026-03-10T10:00:00+01:00"),
    );
    expect(c.workingDaysToReview).toBe(4);
    expect(c.reviewedInTime).toBe(false);
    expect(c.workingDaysToResolution).toBe(6);
    expect(c.overdue).toBe(false);
  });
});

describe("statistics", () => {
  it("median of odd and even counts, nearest-rank 90th percentile", () => {
    expect(median([4, 0, 2, 3, 1])).toBe(2);
    expect(median([1, 4, 5, 20])).toBe(4.5);
    expect(median([])).toBeNull();
    expect(percentile([0, 1, 2, 3, 4], 90)).toBe(4);
    expect(
      percentile(
        Array.from({ length: 10 }, (_, i) => i + 1),
        90,
      ),
    ).toBe(9);
    expect(percentile([7], 90)).toBe(7);
  });
});
