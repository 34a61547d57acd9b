// Exact arithmetic: person-days are stored as hundredths (centi-person-days), money as
// euro cents, both as integers. This module is the only place that converts between
// those integers and the decimal strings of the API.
import { badInput } from "./errors.ts";

export const DECIMAL_PATTERN = /^-?\d{1,15}(\.\d{1,15})?$/;

/** "12.5" → 1250; refuses more than two decimal places instead of rounding. */
export function toHundredths(value: string, field: string): number {
  const match = /^(-?)(\d{1,12})(?:\.(\d{1,2})0*)?$/.exec(value);
  if (!match) throw badInput(field, `"${value}" hat mehr als zwei Nachkommastellen oder ist keine Zahl.`);
  const [, sign, whole, fraction = ""] = match;
  const units = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return sign === "-" ? -units : units;
}

/** 1250 → "12.50" */
export function fromHundredths(units: number | bigint): string {
  const n = BigInt(units);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
  return negative ? `-${text}` : text;
}

/** "1234.5" euros → 123450 cents; refuses more than two decimal places instead of rounding. */
export function toCents(value: string, field: string): bigint {
  return BigInt(toHundredths(value, field));
}

/** 123450n cents → "1234.50" */
export function fromCents(cents: number | bigint): string {
  return fromHundredths(cents);
}

/** a·b/c rounded half away from zero, exact for any integer sizes (BigInt inside). */
export function mulDivRound(a: number | bigint, b: number | bigint, c: number | bigint): bigint {
  const divisor = BigInt(c);
  if (divisor === 0n) throw new RangeError("division by zero");
  const product = BigInt(a) * BigInt(b);
  const negative = product < 0n !== divisor < 0n;
  const p = product < 0n ? -product : product;
  const d = divisor < 0n ? -divisor : divisor;
  const rounded = (2n * p + d) / (2n * d);
  return negative ? -rounded : rounded;
}

/** The amount in cents for person-days (hundredths) at a daily rate (cents), rounded half up to the cent. */
export function amountCents(hundredths: number | bigint, dailyRateCents: number | bigint): bigint {
  return mulDivRound(hundredths, dailyRateCents, 100);
}

/** "1234.50" → "1.234,50": the API's decimal string as German exports print it. */
export function germanDecimal(value: string): string {
  const [whole = "", fraction] = value.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped},${fraction}`;
}
