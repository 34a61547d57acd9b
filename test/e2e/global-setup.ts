// Builds the console once before the browser tests, as `npm start` would, and the seeded
// database every console starts on (a copy of it: the first start of a hub on an empty file
// would migrate and seed it, seconds per test file).
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { sqliteTemplates } from "../helpers/sqlite-global-setup.ts";

export default async function setup(project: TestProject) {
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, "../../scripts/build-admin.mjs")], {
    stdio: "inherit",
  });
  const { templates, remove } = sqliteTemplates();
  project.provide("sqliteTemplates", templates);
  return remove;
}
