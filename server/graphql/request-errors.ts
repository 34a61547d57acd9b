// graphql-js refuses malformed variables before any resolver runs, in English and naming the
// variable path ('Variable "$input" got invalid value "1,5" at "input.personDays"; …'). People
// read these in the console: here they become German, name the field in words, and carry the
// field's path (as `field`, like the services' own BAD_USER_INPUT) so the console shows them there.

import { FIELD_LABELS } from "../lib/field-labels.ts";

export interface RequestError {
  message: string;
  field?: string;
}

/** "input.lines[0].personDays" (graphql-js) → "lines.0.personDays", the services' way of naming nested fields. */
function fieldPath(path: string): string {
  const parts = path.replace(/\[(\d+)\]/g, ".$1").split(".");
  return (parts.length > 1 ? parts.slice(1) : parts).join(".");
}

function label(field: string): string {
  const last =
    field
      .split(".")
      .filter((part) => !/^\d+$/.test(part))
      .at(-1) ?? field;
  return FIELD_LABELS[last] ?? `„${last}“`;
}

/** graphql-js prints values as JSON-like text; people see the value itself. */
function shown(value: string): string {
  const unquoted = /^"(.*)"$/s.exec(value)?.[1] ?? value;
  return unquoted.length > 60 ? `${unquoted.slice(0, 57)}…` : unquoted;
}

/** `base`: the path inside the variable ("" for the variable itself), `field` what to name. */
function reasonInGerman(reason: string, value: string, base: string, field: string): RequestError {
  const name = label(field);
  const missing = /^Field "(\w+)" of required type "[^"]+" was not provided\.$/.exec(reason);
  if (missing) {
    const inner = base ? `${base}.${missing[1]}` : (missing[1] as string);
    return { message: `${label(inner)}: Angabe fehlt.`, field: inner };
  }
  const unknown = /^Field "(\w+)" is not defined by type "[^"]+"/.exec(reason);
  if (unknown) return { message: `Das Feld „${unknown[1]}“ gibt es hier nicht.`, field };
  if (/Expected type "Decimal"/.test(reason)) {
    return {
      message: `${name}: „${shown(value)}“ ist keine Zahl, die sich genau speichern lässt (z. B. 1500.50).`,
      field,
    };
  }
  if (/Expected type "Date"/.test(reason)) {
    return { message: `${name}: „${shown(value)}“ ist kein gültiges Datum.`, field };
  }
  if (/Expected type "DateTime"/.test(reason)) {
    const inner = /Der Zeitpunkt muss .*$/.exec(reason)?.[0];
    return {
      message: inner ? `${name}: ${inner}` : `${name}: „${shown(value)}“ ist kein gültiger Zeitpunkt.`,
      field,
    };
  }
  if (/^Int cannot represent/.test(reason)) {
    return { message: `${name}: „${shown(value)}“ ist keine ganze Zahl.`, field };
  }
  if (/^Float cannot represent/.test(reason))
    return { message: `${name}: „${shown(value)}“ ist keine Zahl.`, field };
  if (/^(String|ID) cannot represent/.test(reason)) return { message: `${name}: Bitte Text angeben.`, field };
  if (/^Boolean cannot represent/.test(reason))
    return { message: `${name}: Bitte ja oder nein angeben.`, field };
  if (/^Value "[^"]*" does not exist in "\w+" enum|^Enum "\w+" cannot represent/.test(reason)) {
    return { message: `${name}: „${shown(value)}“ ist hier nicht zulässig.`, field };
  }
  if (/not to be null|found null/.test(reason)) return { message: `${name}: Angabe fehlt.`, field };
  return { message: `${name}: Die Eingabe „${shown(value)}“ ist ungültig.`, field };
}

/**
 * graphql-js' "Did you mean …?" in German; production strips it with the English one
 * (operation-limits.ts withoutSuggestions), as it would spell out the schema.
 */
function suggestion(reason: string): string {
  const names = /Did you mean (?:the enum value |the field )?(.+?)\?$/.exec(reason)?.[1];
  if (!names) return "";
  return ` Meinten Sie ${names.replace(/"([^"]*)"/g, "„$1“").replace(/ or /g, " oder ")}?`;
}

/** The German form of a graphql-js variable error, or null for any other message. */
export function requestErrorInGerman(message: string): RequestError | null {
  const invalid = /^Variable "\$(\w+)" got invalid value (.*?)(?: at "([^"]+)")?; (.*)$/s.exec(message);
  if (invalid) {
    const [, variable = "", value = "", at, reason = ""] = invalid;
    const base = at ? fieldPath(at) : "";
    const german = reasonInGerman(reason, value, base, base || variable);
    return { ...german, message: german.message + suggestion(reason) };
  }
  const absent =
    /^Variable "\$(\w+)" of (?:required|non-null) type "[^"]+" (?:was not provided|must not be null)\.$/.exec(
      message,
    );
  if (absent) return { message: `${label(absent[1] as string)}: Angabe fehlt.`, field: absent[1] as string };
  return null;
}
