// Generates the Prisma clients (SQLite and PostgreSQL, from one model source) and the Pothos
// types without downloading Prisma's schema-engine binary: `prisma generate` does not use it,
// but the CLI fetches it unless PRISMA_SCHEMA_ENGINE_BINARY names an existing file.
import { spawnSync } from "node:child_process";

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const steps = [
  ["node", ["scripts/pg-schema.mjs"]],
  ["npx", ["--no-install", "prisma", "generate"]],
  ["npx", ["--no-install", "prisma", "generate", "--schema", "prisma/postgresql/schema.prisma"]],
];
for (const [command, args] of steps) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
