// Migrates one template database for the PostgreSQL run; every test file copies it.
import type { TestProject } from "vitest/node";
import { migrateDeploy } from "../../server/db/migrate.ts";
import { admin, databaseUrl, uniqueName } from "./postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const name = uniqueName("hub_tpl");
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  await migrateDeploy(databaseUrl(name));
  project.provide("pgTemplate", name);
  return async () => {
    await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
}
