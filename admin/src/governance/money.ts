// The minutes editor's name for reading an amount; the reading itself is ui/numbers.ts, the one
// parser of typed numbers (ui/NumberInput.tsx is the field that shows what it understood).
import { EURO, toDecimal } from "../ui/numbers.ts";

/** "1.500,50", "1500,50", "1500.50" (also with € or PT) → "1500.50"; null when it is no such amount. */
export const exactAmountToDecimal = (input: unknown) =>
  toDecimal(typeof input === "string" ? input.replace(/\s*pt$/i, "") : input, EURO);
