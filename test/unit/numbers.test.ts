// The console's one reader of typed numbers: what a German user means, never a silent guess.
import { describe, expect, it } from "vitest";
import {
  EURO,
  editText,
  PERSON_DAYS,
  parseNumber,
  understood,
  WHOLE_PERCENT,
} from "../../admin/src/ui/numbers.ts";

const value = (text: string, spec = EURO) => {
  const parsed = parseNumber(text, spec);
  return parsed.ok ? parsed.value : parsed.problem;
};

describe("parseNumber", () => {
  it("reads 1.500,50, 1500,50 and 1500.50 as the same amount", () => {
    for (const text of ["1.500,50", "1500,50", "1500.50", " 1.500,50 € ", "1 500,50", "1\u00a0500,50"]) {
      expect(value(text), text).toBe("1500.50");
    }
  });

  it("reads dots followed by groups of three as thousands, any other single dot as a decimal point", () => {
    expect(value("1.500")).toBe("1500.00");
    expect(value("1.500.000")).toBe("1500000.00");
    expect(value("1.5")).toBe("1.50");
    expect(value("12.5", PERSON_DAYS)).toBe("12.50");
    expect(value("0.5", PERSON_DAYS)).toBe("0.50");
    expect(value(",5", PERSON_DAYS)).toBe("0.50");
    expect(value("007")).toBe("7.00");
  });

  it("refuses more decimals than the field allows instead of rounding", () => {
    expect(value("1,333", PERSON_DAYS)).toBe("decimals");
    expect(value("0.500")).toBe("decimals");
    expect(value("1500.000")).toBe("decimals");
    expect(value("12,5", WHOLE_PERCENT)).toBe("whole");
    expect(value("15 %", WHOLE_PERCENT)).toBe("15");
  });

  it("refuses English grouping, stray separators, signs and text", () => {
    expect(value("1,500.50")).toBe("english");
    for (const text of ["1.50.3", "1.500.5", "15.00.00", "1,5,0", "1500,", "abc", "1e3", "12,5 PT", "1 50"]) {
      expect(value(text), text).toBe("invalid");
    }
    expect(value("")).toBe("empty");
    expect(value("-5")).toBe("negative");
    expect(value("-5", { ...EURO, negative: true })).toBe("-5.00");
    expect(value("0", PERSON_DAYS)).toBe("0.00");
    expect(value("1234567890123")).toBe("tooLarge");
  });

  it("keeps the text as typed in a refusal", () => {
    expect(parseNumber(" 1,333 ", PERSON_DAYS)).toEqual({
      ok: false,
      problem: "decimals",
      text: "1,333",
      decimals: 2,
    });
  });
});

describe("German display", () => {
  it("says what it understood and gives the text back as a person types it", () => {
    expect(understood("1500.50", EURO)).toBe("1.500,50 €");
    expect(understood("12.50", PERSON_DAYS)).toBe("12,5 PT");
    expect(understood("15", WHOLE_PERCENT)).toBe("15 %");
    expect(editText("1500.50", EURO)).toBe("1.500,50");
    expect(editText("12.50", PERSON_DAYS)).toBe("12,5");
    expect(value(editText("1234567.89", EURO))).toBe("1234567.89");
  });
});
