import { Kind } from "graphql";
import { isIsoDate } from "../lib/dates.ts";
import { badInput } from "../lib/errors.ts";
import { DECIMAL_PATTERN } from "../lib/units.ts";
import { builder } from "./builder.ts";

function stringLiteral(ast: { kind: string; value?: unknown }, scalar: string): string {
  if (ast.kind !== Kind.STRING) throw badInput(scalar, `${scalar} muss als Zeichenkette angegeben werden.`);
  return ast.value as string;
}

function parseDecimal(value: unknown): string {
  if (typeof value !== "string" || !DECIMAL_PATTERN.test(value)) {
    throw badInput("Decimal", `"${String(value)}" ist keine Dezimalzahl (Beispiel: "12.50").`);
  }
  return value;
}

builder.scalarType("Decimal", {
  description: 'Exact decimal number as a string, e.g. "12.50". Person-days and money are always Decimal.',
  serialize: (value) => value,
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(stringLiteral(ast, "Decimal")),
});

function parseDate(value: unknown): string {
  if (typeof value !== "string" || !isIsoDate(value)) {
    throw badInput("Date", `"${String(value)}" ist kein Datum im Format JJJJ-MM-TT.`);
  }
  return value;
}

builder.scalarType("Date", {
  description: "Calendar date, YYYY-MM-DD.",
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(stringLiteral(ast, "Date")),
});

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/**
 * The years a point in time of the hub's work may fall in. PostgreSQL has no year 0, so
 * "0000-01-01T00:00Z" answered INTERNAL_SERVER_ERROR there (found by the fuzz test).
 */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

function parseDateTime(value: unknown): Date {
  // The calendar part must exist: new Date("2026-02-30T10:00Z") would quietly mean 2 March.
  const valid = typeof value === "string" && DATE_TIME.test(value) && isIsoDate(value.slice(0, 10));
  const date = valid ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw badInput("DateTime", `"${String(value)}" ist kein Zeitpunkt nach ISO 8601 mit Zeitzone.`);
  }
  const year = date.getUTCFullYear();
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw badInput("DateTime", `Der Zeitpunkt muss in den Jahren ${FIRST_YEAR} bis ${LAST_YEAR} liegen.`);
  }
  return date;
}

builder.scalarType("DateTime", {
  description: "Point in time, ISO 8601 with offset.",
  serialize: (value) =>
    value instanceof Date ? value.toISOString() : new Date(value as string).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(stringLiteral(ast, "DateTime")),
});
