// Writes the SQLite templates into the folder given: `migrated.db`, and `seeded.db` with the demo
// data. A process of its own: vitest's main process also migrates the PostgreSQL template, and
// Prisma's wasm schema engine panicked when one process migrated both kinds of database.
import fs from "node:fs";
import path from "node:path";
import { sqliteUrl } from "../../server/config.ts";
import { openDatabase } from "../../server/db/client.ts";
import { migrateDeploy } from "../../server/db/migrate.ts";
import { seedDemo } from "../../server/db/seed.ts";

const dir = process.argv[2];
if (!dir) throw new Error("usage: sqlite-template-cli.ts <folder>");
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
