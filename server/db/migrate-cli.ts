// `npm run db:migrate` and `npm run db:migration -- <name>`: the stand-ins for
// `prisma migrate deploy` and `prisma migrate dev --create-only`, which need the native
// schema engine that these machines cannot download.
//   deploy: applies the pending migrations to DATABASE_URL, SQLite (file:…) or PostgreSQL
//           (postgres://…), from prisma/migrations or prisma/postgresql/migrations.
//   create: writes the next migration for both databases from prisma/schema.prisma; the
//           PostgreSQL one is diffed on a scratch database created (and dropped) on the server
//           named by MIGRATION_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres).
import { loadConfig } from "../config.ts";
import { createMigration, defaultMigrationPostgresUrl, migrateDeploy } from "./migrate.ts";

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
    const created = await createMigration(rest[0] as string, log, {
      postgres: { serverUrl: process.env.MIGRATION_POSTGRES_URL || defaultMigrationPostgresUrl },
    });
    console.log(`SQLite:     ${created.sqlite ?? "no changes: the schema matches the migrations."}`);
    console.log(`PostgreSQL: ${created.postgres ?? "no changes: the schema matches the migrations."}`);
    return;
  }
  throw new Error(usage);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
