// Sums the console shows that the API does not give as a field (a category's column over the
// years): exact, in hundredths as BigInt, from and to the API's decimal strings.

function hundredths(value: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) throw new RangeError(`not an exact decimal: ${value}`);
  const units = BigInt(match[2] ?? "0") * 100n + BigInt((match[3] ?? "").padEnd(2, "0"));
  return match[1] ? -units : units;
}

/** "1500.50" + "0.25" → "1500.75"; always two decimals, as the API writes them. */
export function sumDecimals(values: readonly string[]): string {
  const total = values.reduce((sum, value) => sum + hundredths(value), 0n);
  const negative = total < 0n;
  const abs = negative ? -total : total;
  return `${negative ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/** Whether an exact decimal string is more than zero. */
export const positive = (value: string) => hundredths(value) > 0n;
