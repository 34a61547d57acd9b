import { decodeBase64 } from "@pothos/core";
import { decodeGlobalID } from "@pothos/plugin-relay";
import { badInput } from "../lib/errors.ts";
import { DEFAULT_MAX_LENGTH } from "../lib/validate.ts";

/** The database id inside a global ID of the expected type; BAD_USER_INPUT for anything else. */
export function decodeId(globalId: string, typename: string, field: string): string {
  try {
    const decoded = decodeGlobalID(globalId);
    if (decoded.typename === typename && decoded.id) return decoded.id;
  } catch {
    // falls through to the error below
  }
  // Echoed only while short: an export's query string is no GraphQL argument with a length limit.
  const shown = globalId.length <= DEFAULT_MAX_LENGTH ? `"${globalId}"` : "Die Eingabe";
  throw badInput(field, `${shown} ist keine gültige ID für ${typename}.`);
}

/**
 * The Relay plugin's decoder for `node(id:)` and `nodes(ids:)`: its own one answers in English
 * and repeats whatever was sent.
 */
export function globalId(globalId: string): { typename: string; id: string } {
  try {
    const decoded = decodeGlobalID(globalId);
    if (decoded.typename && decoded.id) return decoded;
  } catch {
    // falls through to the error below
  }
  throw badInput("id", "Die ID ist ungültig.");
}

/**
 * Every connection pages by record id, so a cursor is the Prisma plugin's `GPC:S:<id>`. Anything
 * else (another type's tag, a number, JSON, null) would reach the query as a value of the wrong
 * type; it is refused before any resolver runs.
 */
const CURSOR = /^GPC:S:[A-Za-z0-9_-]{1,64}$/;

export function checkCursor(cursor: string, field: string): void {
  let decoded = "";
  try {
    decoded = decodeBase64(cursor);
  } catch {
    // falls through to the error below
  }
  if (!CURSOR.test(decoded)) throw badInput(field, `„${field}“ ist kein gültiger Cursor dieser Liste.`);
}
