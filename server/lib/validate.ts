// Checks of free text that every module's input goes through, with the same German messages.
import { badInput } from "./errors.ts";

/** Trimmed text that must not be empty. */
export function requiredText(
  value: string | null | undefined,
  field: string,
  label: string,
  max = 200,
): string {
  const text = optionalText(value, field, label, max);
  if (!text) throw badInput(field, `${label} darf nicht leer sein.`);
  return text;
}

/** Trimmed text or null when empty. */
export function optionalText(
  value: string | null | undefined,
  field: string,
  label: string,
  max = 20_000,
): string | null {
  const text = value?.trim() ?? "";
  if (text.length > max) throw badInput(field, `${label} darf höchstens ${max} Zeichen lang sein.`);
  return text || null;
}
