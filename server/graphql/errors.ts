// The one place where errors become what a client sees: expected failures keep their
// code and message; everything else is logged and answered with a generic message, so
// no stack trace or SQL text ever leaves the server.
import { unwrapResolverError } from "@apollo/server/errors";
import { PothosValidationError } from "@pothos/core";
import { GraphQLError as GraphQLErrorClass, type GraphQLFormattedError } from "graphql";
import { HubError } from "../lib/errors.ts";
import { operationRefusal } from "./operation-limits.ts";
import { requestErrorInGerman } from "./request-errors.ts";

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

/** People read German: the Pothos plugins' English messages about paging and ids, translated. */
const POTHOS_MESSAGES: [RegExp, string][] = [
  [/global ID/i, "Die ID ist ungültig."],
  [/cursor/i, "Der Cursor ist ungültig."],
  [/"(first|last)" must be a non-negative integer/, "„$1“ darf nicht negativ sein."],
  [
    /not supported at the same time|can only be used in combination/,
    "Diese Kombination von first, last, after und before ist nicht möglich.",
  ],
];

function pothosMessage(message: string): string {
  for (const [pattern, german] of POTHOS_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return german.replace("$1", match[1] ?? "");
  }
  return "Die Eingabe ist ungültig.";
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // A request refused by the operation limits before execution carries its HubError inside.
  const original = operationRefusal(error) ?? unwrapResolverError(error);
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
    return { ...base, message: pothosMessage(original.message), extensions: { code: "BAD_USER_INPUT" } };
  }
  const code = formatted.extensions?.code;
  if (code === "BAD_USER_INPUT") {
    const german = requestErrorInGerman(formatted.message);
    if (german) {
      return {
        ...base,
        message: german.message,
        extensions: { code, ...(german.field ? { field: german.field } : {}) },
      };
    }
  }
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
