// German money input ("1.234,56") to the API's Decimal string ("1234.56"), as text throughout:
// a float would turn some cent amounts into 1234.5599999.

const GROUPED = /^\d{1,3}(\.\d{3})+(,\d{1,2})?$/;
const PLAIN = /^\d+(,\d{1,2})?$/;

/** "1.234,56" → "1234.56", "80" → "80"; null when the text is no German euro amount. */
export function germanEuroToDecimal(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const text = input.replace(/\s|€/g, "");
  if (!GROUPED.test(text) && !PLAIN.test(text)) return null;
  const [whole = "", cents] = text.replace(/\./g, "").split(",");
  const trimmed = whole.replace(/^0+(?=\d)/, "");
  return cents === undefined ? trimmed : `${trimmed}.${cents}`;
}
