// Text that goes into a CSV or XLSX cell: a spreadsheet program must show it, never run it.

/** A number as germanDecimal writes it, a reversal's negative one too: no formula, so it stays as it is. */
const GERMAN_NUMBER = /^-?\d{1,3}(\.\d{3})*(,\d+)?$/;

/**
 * A text cell that starts with = + - @, a tab or a carriage return would make a spreadsheet run
 * it as a formula (`-2+3+cmd|…`); as OWASP recommends, a single quote in front keeps it text.
 */
export function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !GERMAN_NUMBER.test(text) ? `'${text}` : text;
}
