// German formats, computed from the exact decimal strings of the API: no float ever
// touches person-days or money.

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

function split(value: string): { sign: string; whole: string; fraction: string } {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return { sign: "", whole: value, fraction: "" };
  return { sign: match[1] ?? "", whole: match[2] ?? "0", fraction: match[3] ?? "" };
}

/** "1234.5" → "1.234,5"; keeps the given decimals, drops trailing zeros unless `decimals` is fixed. */
export function decimal(value: string | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || value === "") return "–";
  const { sign, whole, fraction } = split(value);
  let digits =
    decimals === undefined ? fraction.replace(/0+$/, "") : fraction.padEnd(decimals, "0").slice(0, decimals);
  if (decimals === undefined && digits.length > 2) digits = digits.slice(0, 2);
  return `${sign}${group(whole)}${digits ? `,${digits}` : ""}`;
}

/** "12.50" → "12,5 PT" */
export const personDays = (value: string | null | undefined) =>
  value == null ? "–" : `${decimal(value)} PT`;

/** "1234.56" → "1.234,56 €" */
export const euro = (value: string | null | undefined) => (value == null ? "–" : `${decimal(value, 2)} €`);

/** A share 0..1 → "34 %" */
export const percent = (value: number | null | undefined) =>
  value == null ? "–" : `${Math.round(value * 100).toLocaleString("de-DE")} %`;

/** "2026-03-05" or an ISO instant → "05.03.2026" (in Europe/Berlin for instants). */
export function date(value: string | null | undefined): string {
  if (!value) return "–";
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split("-");
    return `${d}.${m}.${y}`;
  }
  return new Intl.DateTimeFormat("de-DE", {
    timeZone: "Europe/Berlin",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(new Date(value));
}

/** An ISO instant → "05.03.2026, 14:30" in Europe/Berlin. */
export function dateTime(value: string | null | undefined): string {
  if (!value) return "–";
  return new Intl.DateTimeFormat("de-DE", {
    timeZone: "Europe/Berlin",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(value));
}
