// Helpers of the migration tests on both databases: scratch folders, migration folders, tables.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { defaultMigrationsDir, defaultSchemaPath } from "../../server/db/migrate.ts";

/** The first run loads five megabytes of wasm; replaying migrations is fast after that. */
export const timeout = 60_000;

const scratchDirs: string[] = [];

afterEach(() => {
  for (const dir of scratchDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder, removed after the test. */
export function scratchDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-migrations-test-"));
  scratchDirs.push(dir);
  return dir;
}

export function migrationFolders(dir = defaultMigrationsDir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
}

/** Table names the schema asks for, honouring `@@map`. */
export function schemaTables(): string[] {
  const schema = fs.readFileSync(defaultSchemaPath, "utf8");
  return [...schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)].map(
    ([, model, body]) => /@@map\(\s*"([^"]+)"\s*\)/.exec(body ?? "")?.[1] ?? (model as string),
  );
}

/** The folder as it was before its newest migration: the state an older deployment is in. */
export function previousMigrationsDir(source = defaultMigrationsDir): string {
  const dir = path.join(scratchDir(), "migrations");
  fs.cpSync(source, dir, { recursive: true });
  const last = migrationFolders(dir).at(-1);
  if (last) fs.rmSync(path.join(dir, last), { recursive: true });
  return dir;
}
