// Derives the PostgreSQL schema (prisma/postgresql/schema.prisma) from the one model source,
// prisma/schema.prisma: same models, another provider and its own client. `--check` fails
// when the committed copy is stale.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "prisma", "schema.prisma");
const target = path.join(root, "prisma", "postgresql", "schema.prisma");

export function derive(text) {
  const withoutPothos = text.replace(/\ngenerator pothos \{[^}]*\}\n/, "\n");
  const derived = withoutPothos
    .replace(
      'output       = "../server/db/generated/client"',
      'output       = "../../server/db/generated/pg-client"',
    )
    .replace('provider = "sqlite"', 'provider = "postgresql"');
  if (derived === withoutPothos || !derived.includes('provider = "postgresql"'))
    throw new Error("prisma/schema.prisma no longer has the generator/datasource lines this script rewrites");
  return `// Generated from prisma/schema.prisma by scripts/pg-schema.mjs; edit that file, not this one.\n${derived}`;
}

const expected = derive(fs.readFileSync(source, "utf8"));
if (process.argv.includes("--check")) {
  const actual = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
  if (actual !== expected) {
    console.error("prisma/postgresql/schema.prisma is stale: run node scripts/pg-schema.mjs");
    process.exit(1);
  }
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (!fs.existsSync(target) || fs.readFileSync(target, "utf8") !== expected)
    fs.writeFileSync(target, expected);
}
