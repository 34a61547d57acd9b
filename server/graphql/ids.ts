import { decodeGlobalID } from "@pothos/plugin-relay";
import { badInput } from "../lib/errors.ts";

/** The database id inside a global ID of the expected type; BAD_USER_INPUT for anything else. */
export function decodeId(globalId: string, typename: string, field: string): string {
  try {
    const decoded = decodeGlobalID(globalId);
    if (decoded.typename === typename && decoded.id) return decoded.id;
  } catch {
    // falls through to the error below
  }
  throw badInput(field, `"${globalId}" ist keine gültige ID für ${typename}.`);
}
