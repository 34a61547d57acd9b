// The benchmark's read queries (test/bench/queries.ts) cost a fixed number of SQL statements,
// whatever the size of the data: the bench data set at 1/200 and 1/50 of a provider's scale, each
// query asked once, the statements counted by the database handle. The data set is written to
// SQLite by test/bench/dataset.ts; on PostgreSQL (api-postgres) it is copied there with db:copy's
// copyDatabase, so both databases are measured.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, inject, test } from "vitest";
import { sqliteUrl } from "../../server/config.ts";
import { copyDatabase } from "../../server/db/copy.ts";
import { generateDataset, seedDemoFile } from "../bench/dataset.ts";
import { benchQueries } from "../bench/queries.ts";
import { countStatements } from "../bench/statements.ts";
import { DEMO_PASSWORD, TEST_DATABASE } from "../helpers/hub.ts";
import { createDatabase } from "../helpers/postgres.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-statements-"));
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The data set at `scale` as a database of this test run's kind: its URL and the SQLite file. */
async function dataset(
  scale: number,
  template: string,
): Promise<{ url: string; file: string; bookings: number }> {
  const file = path.join(dir, `bench-${scale}.db`);
  const summary = await generateDataset(file, scale, () => {}, { demoTemplate: template });
  // The big order's bookings: all generated (the demo's own ledger is the same at both sizes).
  const bookings = summary.bigOrderBookings;
  if (TEST_DATABASE === "sqlite") return { url: sqliteUrl(file), file, bookings };
  const target = await createDatabase(inject("pgTemplate"));
  drops.push(target.drop);
  await copyDatabase({ from: sqliteUrl(file), to: target.url });
  return { url: target.url, file, bookings };
}

test("each bench query costs the same number of SQL statements at 1/200 and at 1/50 of a provider's scale", async () => {
  const template = path.join(dir, "demo.db");
  await seedDemoFile(template);
  const asOf = new Date().toISOString().slice(0, 10);
  const small = await dataset(1 / 200, template);
  const large = await dataset(1 / 50, template);
  expect(large.bookings).toBe(4 * small.bookings);

  const smallCounts = await countStatements(small.url, benchQueries(small.file, asOf), DEMO_PASSWORD);
  const largeCounts = await countStatements(large.url, benchQueries(large.file, asOf), DEMO_PASSWORD);
  expect(smallCounts.map((c) => c.name)).toEqual(["meetings", "bookings", "orders", "dashboard"]);
  for (const [i, count] of largeCounts.entries()) {
    const before = smallCounts[i];
    expect(count.statements, `${count.name}: at least one statement`).toBeGreaterThan(0);
    expect(
      { name: count.name, statements: count.statements },
      `${count.name}: ${before?.statements} statements at 1/200, ${count.statements} at 1/50`,
    ).toEqual({ name: before?.name, statements: before?.statements });
  }
}, 240_000);
