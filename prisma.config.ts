import { defineConfig } from "prisma/config";

// Used by the Prisma CLI only for `generate`; the hub applies migrations itself (server/db/migrate.ts).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/hub.db" },
});
