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
