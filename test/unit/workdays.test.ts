import { describe, expect, it } from "vitest";
import { easterSunday, holidays } from "../../server/lib/holidays.ts";
import { addWorkingDays, isWorkingDay, workingDaysBetween } from "../../server/lib/workdays.ts";

const at = (isoLocal: string) => new Date(isoLocal);

describe("public holidays", () => {
  it("computes Easter Sunday", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2027)).toBe("2027-03-28");
  });

  it("knows each state's own days", () => {
    const mv = holidays("MV", 2026);
    const sl = holidays("SL", 2026);
    const th = holidays("TH", 2026);
    expect(mv.get("2026-03-08")).toBe("Internationaler Frauentag");
    expect(mv.get("2026-10-31")).toBe("Reformationstag");
    expect(sl.has("2026-10-31")).toBe(false);
    expect(sl.get("2026-06-04")).toBe("Fronleichnam");
    expect(sl.get("2026-08-15")).toBe("Mariä Himmelfahrt");
    expect(sl.get("2026-11-01")).toBe("Allerheiligen");
    expect(th.get("2026-09-20")).toBe("Weltkindertag");
    expect(th.has("2026-06-04")).toBe(false);
    for (const state of [mv, sl, th]) {
      expect(state.get("2026-04-03")).toBe("Karfreitag");
      expect(state.get("2026-05-14")).toBe("Christi Himmelfahrt");
      expect(state.get("2026-05-25")).toBe("Pfingstmontag");
      expect(state.get("2026-10-03")).toBe("Tag der Deutschen Einheit");
    }
    expect(holidays("MV", 2022).has("2022-03-08")).toBe(false);
  });
});

describe("working days", () => {
  it("skips weekends", () => {
    expect(isWorkingDay("2026-11-21", "MV")).toBe(false); // Saturday
    expect(workingDaysBetween(at("2026-11-20T10:00:00+01:00"), at("2026-11-23T09:00:00+01:00"), "MV")).toBe(
      1,
    );
    expect(addWorkingDays("2026-11-20", 1, "MV")).toBe("2026-11-23");
  });

  it("skips a holiday of Mecklenburg-Vorpommern: Reformationstag 2025 (Friday)", () => {
    expect(workingDaysBetween(at("2025-10-30T12:00:00+01:00"), at("2025-11-03T12:00:00+01:00"), "MV")).toBe(
      1,
    );
    expect(workingDaysBetween(at("2025-10-30T12:00:00+01:00"), at("2025-11-03T12:00:00+01:00"), "SL")).toBe(
      2,
    );
  });

  it("skips a holiday of Saarland: Allerheiligen 2027 (Monday)", () => {
    expect(addWorkingDays("2027-10-29", 1, "SL")).toBe("2027-11-02");
    expect(addWorkingDays("2027-10-29", 1, "MV")).toBe("2027-11-01");
  });

  it("skips a holiday of Thüringen: Weltkindertag 2027 (Monday)", () => {
    expect(workingDaysBetween(at("2027-09-17T08:00:00+02:00"), at("2027-09-21T08:00:00+02:00"), "TH")).toBe(
      1,
    );
    expect(workingDaysBetween(at("2027-09-17T08:00:00+02:00"), at("2027-09-21T08:00:00+02:00"), "MV")).toBe(
      2,
    );
  });

  it("counts Berlin calendar days, not UTC days", () => {
    // Monday 23:30 to Tuesday 00:30 in Berlin crosses a Berlin midnight; the UTC date does not change.
    expect(workingDaysBetween(at("2026-11-23T23:30:00+01:00"), at("2026-11-24T00:30:00+01:00"), "MV")).toBe(
      1,
    );
    expect(workingDaysBetween(at("2026-11-23T00:30:00+01:00"), at("2026-11-23T23:30:00+01:00"), "MV")).toBe(
      0,
    );
  });
});
