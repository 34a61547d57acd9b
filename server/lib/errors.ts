// The contract's expected failures. Anything thrown that is not a HubError is a bug
// and reaches the client only as a generic message (see graphql/errors.ts).
export type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "BAD_USER_INPUT" | "CONFLICT";

export class HubError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Further machine-readable facts for the client, e.g. { retryAfterSeconds }. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "HubError";
  }
}

export const unauthenticated = () => new HubError("UNAUTHENTICATED", "Bitte melden Sie sich an.");
export const forbidden = (message = "Dafür fehlt Ihnen die Berechtigung.") =>
  new HubError("FORBIDDEN", message);
export const notFound = (what = "Datensatz") => new HubError("NOT_FOUND", `${what} wurde nicht gefunden.`);
export const badInput = (field: string, message: string) => new HubError("BAD_USER_INPUT", message, field);
export const conflict = (message: string) => new HubError("CONFLICT", message);
