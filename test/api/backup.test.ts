// Backups of a running hub: taken while bookings are being written, restored into a fresh
// database with every table's rows, a consistent ledger and an intact audit chain; the command
// line refuses to overwrite what it should not.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteUrl } from "../../server/config.ts";
import { backupDatabase, restoreDatabase } from "../../server/db/backup.ts";
import { openDatabase, type ReadClient } from "../../server/db/client.ts";
import { copyOrder } from "../../server/db/copy.ts";
import { verifyTrail } from "../../server/modules/audit/verify.ts";
import { authorityGid, book, createOrder, SCHWERIN } from "../helpers/controlling.ts";
import { startHub, TEST_DATABASE, type TestHub } from "../helpers/hub.ts";
import { createDatabase, type TestDatabase } from "../helpers/postgres.ts";

const root = path.resolve(import.meta.dirname, "../..");
const extension = TEST_DATABASE === "postgres" ? "dump" : "db";
let hub: TestHub;
let staff: string;
let order: string;
const targets: TestDatabase[] = [];

/** A database nobody has used yet. */
async function freshUrl(name: string): Promise<string> {
  if (TEST_DATABASE === "sqlite") return sqliteUrl(path.join(hub.dir, `${name}.db`));
  const database = await createDatabase();
  targets.push(database);
  return database.url;
}

/** Rows of every model table and of Prisma's bookkeeping, counted through the client. */
async function countEvery(read: ReadClient): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of copyOrder()) {
    const delegate = (read as unknown as Record<string, { count(): Promise<number> }>)[table.delegate];
    counts[table.name] = await (delegate as { count(): Promise<number> }).count();
  }
  const [migrations] = await read.$queryRawUnsafe<{ n: number | bigint }[]>(
    `SELECT count(*) AS n FROM "_prisma_migrations"`,
  );
  counts._prisma_migrations = Number(migrations?.n);
  return counts;
}

beforeAll(async () => {
  hub = await startHub();
  staff = await hub.login("technik@ksm.example");
  const manager = await hub.login("servicemanager@ksm.example");
  order = await createOrder(hub, manager, {
    authorityId: await authorityGid(hub, SCHWERIN),
    year: 2013,
    contractedPersonDays: "5000",
  });
});
afterAll(async () => {
  await hub.close();
  await Promise.all(targets.map((target) => target.drop()));
});

describe("npm run db:backup and db:restore", () => {
  it("restores a backup taken while bookings are being written: every table, the ledger in order, the audit chain intact", async () => {
    let writing = true;
    let booked = 0;
    const writers = Array.from({ length: 3 }, async (_, writer) => {
      for (let i = 0; writing; i++) {
        await book(hub, staff, {
          serviceOrderId: order,
          date: `2013-0${writer + 1}-${String((i % 28) + 1).padStart(2, "0")}`,
          personDays: "0.25",
        });
        booked++;
      }
    });
    while (booked < 3) await new Promise((resolve) => setTimeout(resolve, 10));

    // Until a backup had bookings committed while it ran (at once on PostgreSQL, where pg_dump
    // takes a while; SQLite's backup of the demo database takes a few milliseconds).
    const file = path.join(hub.dir, `backup.${extension}`);
    let backup: Awaited<ReturnType<typeof backupDatabase>> | undefined;
    let during = 0;
    for (let attempt = 0; attempt < 50 && during === 0; attempt++) {
      const before = await hub.db.read.booking.count();
      backup = await backupDatabase({ url: hub.db.url, to: file, force: true });
      const after = await hub.db.read.booking.count();
      during = after - before;
      expect(backup.tables.Booking).toBeGreaterThanOrEqual(before);
      expect(backup.tables.Booking).toBeLessThanOrEqual(after);
    }
    writing = false;
    await Promise.all(writers);
    expect(during).toBeGreaterThan(0);
    if (!backup) throw new Error("no backup");
    expect(backup.checked).toMatch(/row counts equal to the snapshot/);

    // Every table of the hub is in the backup, counted as its snapshot held it.
    const source = await countEvery(hub.db.read);
    expect(Object.keys(backup.tables).sort()).toEqual(Object.keys(source).sort());

    const url = await freshUrl("restored");
    const restored = await restoreDatabase({ url, from: file });
    expect(restored.tables).toEqual(backup.tables);
    expect(restored.trail?.findings).toEqual([]);
    expect(restored.trail?.auditEntries).toBe(backup.tables.AuditEntry);

    const db = await openDatabase(url);
    try {
      expect(await countEvery(db.read)).toEqual(backup.tables);
      // The snapshot is a moment of the hub: its ledger and its audit trail are the beginning of the hub's.
      const bookings = await db.read.booking.findMany({
        orderBy: { seq: "asc" },
        select: { id: true, seq: true },
      });
      const original = await hub.db.read.booking.findMany({
        orderBy: { seq: "asc" },
        take: bookings.length,
        select: { id: true, seq: true },
      });
      expect(bookings).toEqual(original);
      const head = (await verifyTrail(db)).head;
      const same = await hub.db.read.auditEntry.findUnique({
        where: { seq: head?.seq ?? 0 },
        select: { seq: true, hash: true },
      });
      expect(same).toEqual(head);
    } finally {
      await db.close();
    }
  }, 120_000);

  it("on the command line: backs up a serving hub, refuses a target in use or holding records, replaces one with --force", async () => {
    const cli = (args: string[], url: string): Promise<{ code: number | null; out: string }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, ["--import", "tsx", "server/db/backup-cli.ts", ...args], {
          cwd: root,
          env: { ...process.env, DATABASE_URL: url },
        });
        let out = "";
        child.stdout.on("data", (data: Buffer) => {
          out += data.toString();
        });
        child.stderr.on("data", (data: Buffer) => {
          out += data.toString();
        });
        child.on("close", (code) => resolve({ code, out }));
      });

    const file = path.join(hub.dir, `cli.${extension}`);
    const backup = await cli(["backup", "--to", file], hub.db.url);
    expect(backup.out).toMatch(
      /^Backup of .* written to .*: \d+ tables, \d+ rows; .*row counts equal to the snapshot\.$/m,
    );
    expect(backup.code).toBe(0);
    const again = await cli(["backup", "--to", file], hub.db.url);
    expect(again.out).toContain("exists; pass --force to replace it");
    expect(again.code).toBe(1);

    // The hub itself has its database open.
    const busy = await cli(["restore", "--from", file, "--force"], hub.db.url);
    expect(busy.out).toMatch(/is in use .*stop every/);
    expect(busy.code).toBe(1);

    const url = await freshUrl("cli-restored");
    const first = await cli(["restore", "--from", file], url);
    expect(first.out).toMatch(/Audit chain intact \(\d+ entries\), ledger triggers in place\./);
    expect(first.code).toBe(0);
    const refused = await cli(["restore", "--from", file], url);
    expect(refused.out).toMatch(/holds \d+ records; pass --force to replace them/);
    expect(refused.code).toBe(1);
    const forced = await cli(["restore", "--from", file, "--force"], url);
    expect(forced.out).toContain("Audit chain intact");
    expect(forced.code).toBe(0);

    const usage = await cli(["restore"], url);
    expect(usage.out).toContain("--from <file> is required.");
    expect(usage.code).toBe(2);
  }, 120_000);
});
