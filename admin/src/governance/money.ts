// German money input ("1.234,56") to the API's Decimal string ("1234.56"), as text throughout:
// a float would turn some cent amounts into 1234.5599999.

const GROUPED = /^\d{1,3}(\.\d{3})+(,\d{1,2})?$/;
const PLAIN = /^\d+(,\d{1,2})?$/;
/** A decimal point, as a spreadsheet or another system writes it: "1500.50". */
const POINT = /^\d+\.\d{1,2}$/;

/** "1.234,56" → "1234.56", "80" → "80"; null when the text is no German euro amount. */
export function germanEuroToDecimal(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const text = input.replace(/\s|€/g, "");
  if (!GROUPED.test(text) && !PLAIN.test(text)) return null;
  const [whole = "", cents] = text.replace(/\./g, "").split(",");
  const trimmed = whole.replace(/^0+(?=\d)/, "");
  return cents === undefined ? trimmed : `${trimmed}.${cents}`;
}

/**
 * An exact amount with up to two decimals (euros, person-days) as people paste it: the German
 * "1.500,50" and "1500,50", and also "1500.50" copied from a spreadsheet. "1.500" stays the German
 * thousand, as it reads in a German text; a point followed by one or two digits is a decimal point.
 */
export function exactAmountToDecimal(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const text = input.replace(/\s|€|PT/gi, "");
  const german = germanEuroToDecimal(text);
  if (german !== null) return german;
  return POINT.test(text) ? text.replace(/^0+(?=\d)/, "") : null;
}
