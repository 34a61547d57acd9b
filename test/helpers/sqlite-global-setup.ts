// Migrates one SQLite file, and seeds a copy of it with the demo data, once per test run; every
// hub of the SQLite project (and every console of the browser tests) starts on a copy of one of
// the two. The demo seed takes seconds of CPU, and some fifty test files start a hub.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

export interface SqliteTemplates {
  migrated: string;
  seeded: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    sqliteTemplates: SqliteTemplates;
  }
}

/** Writes both templates into a new folder (in a process of its own); returns them and how to remove them. */
export function sqliteTemplates(): { templates: SqliteTemplates; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-templates-"));
  execFileSync(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "sqlite-template-cli.ts"), dir],
    {
      cwd: path.resolve(import.meta.dirname, "../.."),
      stdio: "inherit",
    },
  );
  return {
    templates: { migrated: path.join(dir, "migrated.db"), seeded: path.join(dir, "seeded.db") },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export default function setup(project: TestProject) {
  const { templates, remove } = sqliteTemplates();
  project.provide("sqliteTemplates", templates);
  return remove;
}
