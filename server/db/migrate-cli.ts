// `npm run db:migrate` and `npm run db:migration -- <name>`: the stand-ins for
// `prisma migrate deploy` and `prisma migrate dev --create-only`, which need the native
// schema engine that these machines cannot download.
import { loadConfig } from "../config.ts";
import { createMigration, migrateDeploy } from "./migrate.ts";

const usage = "usage: tsx server/db/migrate-cli.ts deploy | create <name>   (name: [a-z0-9_]+)";

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  const log = (line: string) => console.log(line);
  if (command === "deploy" && rest.length === 0) {
    const url = loadConfig().databaseUrl;
    const applied = await migrateDeploy(url, log);
    console.log(applied.length === 0 ? "Database is up to date." : `Applied ${applied.length} migration(s).`);
    return;
  }
  if (command === "create" && rest.length === 1 && /^[a-z0-9_]+$/.test(rest[0] ?? "")) {
    const folder = await createMigration(rest[0] as string, log);
    console.log(folder ?? "No changes: the schema matches the migrations.");
    return;
  }
  throw new Error(usage);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
