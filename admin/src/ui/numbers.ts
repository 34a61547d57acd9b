// The one reader of numbers people type (person-days, euros, percentages) and its German
// display. Text in, the API's exact decimal string out ("1.500,50" → "1500.50"): no float ever
// touches the value, and nothing is guessed silently; the input shows what it understood.
import { decimal } from "../format.ts";

export type NumberUnit = "euro" | "personDays" | "percent";

/**
 * What a field accepts: its unit, how many decimals, whether it may be negative. Ranges (more
 * than 0, at most 100 %) are the server's to check: its German message names the field's rule.
 */
export interface NumberSpec {
  unit: NumberUnit;
  decimals: number;
  negative?: boolean;
}

export const EURO: NumberSpec = { unit: "euro", decimals: 2 };
export const PERSON_DAYS: NumberSpec = { unit: "personDays", decimals: 2 };
export const WHOLE_PERCENT: NumberSpec = { unit: "percent", decimals: 0 };

export type NumberProblem = "empty" | "invalid" | "english" | "decimals" | "whole" | "negative" | "tooLarge";

export type ParsedNumber =
  | { ok: true; value: string }
  | { ok: false; problem: NumberProblem; text: string; decimals: number };

/** The whole part: up to twelve digits, as the server's exact units hold (toHundredths). */
const MAX_WHOLE_DIGITS = 12;

const UNIT_SUFFIX: Record<NumberUnit, RegExp> = {
  euro: /\s*(€|eur|euro)$/i,
  personDays: /\s*(pt|personentage?)$/i,
  percent: /\s*(%|prozent)$/i,
};

/** Digits grouped by thousands: 1–3 digits, then groups of exactly three, the first not a lone 0. */
const GROUPED_DOTS = /^[1-9]\d{0,2}(\.\d{3})+$/;
const GROUPED_SPACES = /^[1-9]\d{0,2}( \d{3})+$/;

/** The whole and fraction digits the text means, or the reason it means none. */
function read(text: string): { whole: string; fraction: string } | "invalid" | "english" {
  const comma = text.indexOf(",");
  const hasDot = text.includes(".");
  if (comma >= 0) {
    if (text.indexOf(",", comma + 1) >= 0) return "invalid";
    const whole = text.slice(0, comma);
    const fraction = text.slice(comma + 1);
    if (!/^\d+$/.test(fraction)) {
      // "1,500.50": a comma for thousands and a point for decimals, as English writes it.
      return /^\d{1,3}(,\d{3})+\.\d+$/.test(text) ? "english" : "invalid";
    }
    if (/^\d*$/.test(whole)) return { whole: whole || "0", fraction };
    if (GROUPED_DOTS.test(whole) || GROUPED_SPACES.test(whole))
      return { whole: whole.replace(/[. ]/g, ""), fraction };
    return "invalid";
  }
  if (hasDot) {
    // Only dots: thousands when every group after a dot has three digits ("1.500", "1.500.000"),
    // otherwise the one dot is a decimal point ("1500.50", "1.5"), as a spreadsheet writes it.
    if (GROUPED_DOTS.test(text)) return { whole: text.replace(/\./g, ""), fraction: "" };
    const point = /^(\d+)\.(\d+)$/.exec(text);
    return point ? { whole: point[1] ?? "0", fraction: point[2] ?? "" } : "invalid";
  }
  if (/^\d+$/.test(text)) return { whole: text, fraction: "" };
  if (GROUPED_SPACES.test(text)) return { whole: text.replace(/ /g, ""), fraction: "" };
  return "invalid";
}

/**
 * A number as a German user means it, for a field that allows `spec.decimals` decimals:
 * "1.500,50", "1500,50", "1 500,50" and "1500.50" are all 1500.50; "1.500" is one thousand five
 * hundred; "1,333" has three decimals and is refused where two are allowed, not rounded.
 */
export function parseNumber(input: string, spec: NumberSpec): ParsedNumber {
  const typed = input.trim();
  const fail = (problem: NumberProblem): ParsedNumber => ({
    ok: false,
    problem,
    text: typed,
    decimals: spec.decimals,
  });
  // No-break and narrow no-break spaces (as copied from a German document) are spaces here.
  if (!typed) return fail("empty");
  let text = typed.replace(/[\u00a0\u202f]/g, " ").replace(UNIT_SUFFIX[spec.unit], "");
  let negative = false;
  const sign = /^[-\u2212]\s*/.exec(text);
  if (sign) {
    negative = true;
    text = text.slice(sign[0].length);
  }
  const digits = read(text);
  if (digits === "invalid" || digits === "english") return fail(digits);
  const whole = digits.whole.replace(/^0+(?=\d)/, "");
  if (digits.fraction.length > spec.decimals) return fail(spec.decimals === 0 ? "whole" : "decimals");
  if (whole.length > MAX_WHOLE_DIGITS) return fail("tooLarge");
  const isZero = /^0*$/.test(whole + digits.fraction);
  if (negative && !isZero && !spec.negative) return fail("negative");
  const fraction = digits.fraction.padEnd(spec.decimals, "0");
  const value = `${negative && !isZero ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
  return { ok: true, value };
}

/** The exact decimal string, or null when the text is no number for the spec. */
export function toDecimal(input: unknown, spec: NumberSpec): string | null {
  if (typeof input !== "string") return null;
  const parsed = parseNumber(input, spec);
  return parsed.ok ? parsed.value : null;
}

/** An API decimal as the person would type it back: "1500.50" → "1.500,50", "12.50" → "12,5". */
export function editText(value: string | null | undefined, spec: NumberSpec): string {
  if (value === null || value === undefined || value === "") return "";
  return spec.unit === "euro" ? decimal(value, 2) : decimal(value);
}

/** What the input understood, as the person reads it: "1.500,50 €", "12,5 PT", "15 %". */
export function understood(value: string, spec: NumberSpec): string {
  switch (spec.unit) {
    case "euro":
      return `${decimal(value, 2)} €`;
    case "personDays":
      return `${decimal(value)} PT`;
    case "percent":
      return `${decimal(value)} %`;
  }
}

/** The message key and its arguments for a refused text (ui.number.* in ui/messages.ts). */
export function problemMessage(parsed: Extract<ParsedNumber, { ok: false }>): {
  message: string;
  args: Record<string, unknown>;
} {
  return {
    message: `ui.number.${parsed.problem}`,
    args: { text: parsed.text, smart_count: parsed.decimals },
  };
}
