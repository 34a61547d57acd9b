// Migrates one template database for the PostgreSQL run, and seeds a copy of it with the demo
// data; every hub of the run starts on a copy of one of the two.
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../server/db/client.ts";
import { migrateDeploy } from "../../server/db/migrate.ts";
import { seedDemo } from "../../server/db/seed.ts";
import { admin, databaseUrl, uniqueName } from "./postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string;
    pgSeededTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const name = uniqueName("hub_tpl");
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  await migrateDeploy(databaseUrl(name));
  const seeded = uniqueName("hub_tpl_seeded");
  await admin((client) => client.query(`CREATE DATABASE "${seeded}" TEMPLATE "${name}"`));
  const db = await openDatabase(databaseUrl(seeded));
  await seedDemo(db);
  await db.close();
  project.provide("pgTemplate", name);
  project.provide("pgSeededTemplate", seeded);
  return async () => {
    for (const db of [name, seeded]) {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`));
    }
  };
}
