// The one place where errors become what a client sees: expected failures keep their
// code and message; everything else is logged and answered with a generic message, so
// no stack trace or SQL text ever leaves the server.
import { unwrapResolverError } from "@apollo/server/errors";
import { PothosValidationError } from "@pothos/core";
import { type GraphQLError, GraphQLError as GraphQLErrorClass, type GraphQLFormattedError } from "graphql";
import { HubError } from "../lib/errors.ts";

/** Codes graphql-js and Apollo give to failures caused by the request itself. */
const REQUEST_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof HubError) {
    return {
      ...base,
      message: original.message,
      extensions: {
        code: original.code,
        ...(original.field ? { field: original.field } : {}),
        ...original.extra,
      },
    };
  }
  // The database's own guards, where a service had no better word for them.
  const prismaCode = (original as { code?: unknown } | null)?.code;
  if (prismaCode === "P2002") {
    return { ...base, message: "Einen solchen Eintrag gibt es bereits.", extensions: { code: "CONFLICT" } };
  }
  if (prismaCode === "P2025") {
    return { ...base, message: "Der Datensatz wurde nicht gefunden.", extensions: { code: "NOT_FOUND" } };
  }
  // Pothos raises these for malformed input such as an undecodable global ID.
  if (original instanceof PothosValidationError) {
    return { ...base, message: original.message, extensions: { code: "BAD_USER_INPUT" } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && REQUEST_CODES.has(code)) return { ...base, extensions: { code } };
  // Errors graphql-js raises while validating a request carry no original error.
  if (original instanceof GraphQLErrorClass && !original.originalError && !formatted.path) {
    return { ...base, extensions: { code: "BAD_USER_INPUT" } };
  }
  console.error("Unexpected error:", original);
  return {
    ...base,
    message: "Interner Fehler. Der Vorgang wurde nicht ausgeführt.",
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}

/** The same formatting for errors produced outside Apollo (graphql-ws). */
export function formatErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  return errors.map((error) => formatError(error.toJSON(), error));
}
