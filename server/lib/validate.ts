// Checks of free text that every module's input goes through, with the same German messages.
import { badInput, type HubError } from "./errors.ts";
import { FIELD_LABELS } from "./field-labels.ts";

/** What a string input may hold unless its field allows more: names, titles, keys, references, ids. */
export const DEFAULT_MAX_LENGTH = 200;
/** The longest free text: minutes, decision texts, reports. */
export const MAX_TEXT_LENGTH = 20_000;
/** The longest e-mail address a mail system delivers (RFC 5321). */
export const MAX_EMAIL_LENGTH = 254;
/** Long passphrases are welcome; hashing a megabyte on every failed sign-in is not. */
export const MAX_PASSWORD_LENGTH = 1024;
/** The most entries of a list input (people invited, agenda order, members, service lines). */
export const MAX_LIST_LENGTH = 500;

/** The field as people know it: its German name where it has one. */
function named(field: string): string {
  const last =
    field
      .split(".")
      .filter((part) => !/^\d+$/.test(part))
      .at(-1) ?? field;
  return FIELD_LABELS[last] ?? last;
}

export function tooLong(field: string, max: number): HubError {
  return badInput(field, `Die Eingabe „${named(field)}“ darf höchstens ${max} Zeichen lang sein.`);
}

/** PostgreSQL's text cannot hold U+0000, and no name or text of the hub needs it. */
export function nullCharacter(field: string): HubError {
  return badInput(field, `Die Eingabe „${field}“ enthält ein Nullzeichen (U+0000).`);
}

export function tooMany(field: string, max: number): HubError {
  return badInput(field, `Die Eingabe „${field}“ darf höchstens ${max} Einträge haben.`);
}

/** Trimmed text that must not be empty. */
export function requiredText(
  value: string | null | undefined,
  field: string,
  label: string,
  max = DEFAULT_MAX_LENGTH,
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
  max = MAX_TEXT_LENGTH,
): string | null {
  const text = value?.trim() ?? "";
  if (text.length > max) throw badInput(field, `${label} darf höchstens ${max} Zeichen lang sein.`);
  return text || null;
}
