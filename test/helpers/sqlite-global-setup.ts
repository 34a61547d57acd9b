// Migrates one SQLite file, and seeds a copy of it with the demo data, once per test run; every
// hub of the SQLite project (and every console of the browser tests) starts on a copy of one of
// the two. The demo seed takes seconds of CPU, and some fifty test files start a hub.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { sqliteUrl } from "../../server/config.ts";
import { openDatabase } from "../../server/db/client.ts";
import { migrateDeploy } from "../../server/db/migrate.ts";
import { seedDemo } from "../../server/db/seed.ts";

export interface SqliteTemplates {
  migrated: string;
  seeded: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    sqliteTemplates: SqliteTemplates;
  }
}

/** Writes both templates into a new folder; returns them and how to remove them. */
export async function sqliteTemplates(): Promise<{ templates: SqliteTemplates; remove(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-templates-"));
  const migrated = path.join(dir, "migrated.db");
  const seeded = path.join(dir, "seeded.db");
  await migrateDeploy(sqliteUrl(migrated));
  fs.copyFileSync(migrated, seeded);
  const db = await openDatabase(sqliteUrl(seeded));
  await seedDemo(db);
  await db.close();
  for (const file of [migrated, seeded]) {
    if (fs.existsSync(`${file}-wal`)) throw new Error(`${file} was not checkpointed on close`);
  }
  return { templates: { migrated, seeded }, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export default async function setup(project: TestProject) {
  const { templates, remove } = await sqliteTemplates();
  project.provide("sqliteTemplates", templates);
  return remove;
}
