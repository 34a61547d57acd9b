// `npm run schema:print`: writes the printed schema to schema.graphql at the project root.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { printSchema } from "graphql";
import { schema } from "./schema.ts";

export const schemaFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../schema.graphql");

export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  fs.writeFileSync(schemaFile, printedSchema());
  console.log(`schema.graphql written (${printedSchema().split("\n").length} lines)`);
}
