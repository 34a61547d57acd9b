// `npm run db:copy`: the demo data of a SQLite file copied into an empty PostgreSQL database by
// the real command, compared row by row; a second copy into the now full database is refused;
// the verification names a table and an order whose records differ.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../server/db/client.ts";
import { copyOrder, verifyCopy } from "../../server/db/copy.ts";
import { migrateDeploy } from "../../server/db/migrate.ts";
import { seedDemo } from "../../server/db/seed.ts";
import { createDatabase, type TestDatabase } from "../helpers/postgres.ts";

const root = path.resolve(import.meta.dirname, "../..");
let dir: string;
let sourceUrl: string;
let target: TestDatabase;
let source: Database;
let copy: Database;

function runCopy(...args: string[]) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", "server/db/copy-cli.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 100_000,
  });
  return { ...result, ms: performance.now() - started };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-copy-"));
  sourceUrl = `file:${path.join(dir, "hub.db")}`;
  await migrateDeploy(sourceUrl);
  source = await openDatabase(sourceUrl);
  await seedDemo(source);
  // A carried-forward agenda item whose id sorts before the item it continues: read by id, it
  // comes first and has to wait for the other.
  await source.transact(async (tx) => {
    const [first, second] = await tx.meeting.findMany({ orderBy: { scheduledAt: "asc" }, take: 2 });
    if (!first || !second) throw new Error("the demo data has fewer than two meetings");
    await tx.agendaItem.create({
      data: { id: "zz-carried-original", meetingId: first.id, position: 90, title: "Printer rollout" },
    });
    await tx.agendaItem.create({
      data: {
        id: "aa-carried-continued",
        meetingId: second.id,
        position: 90,
        title: "Printer rollout (continued)",
        carriedFromId: "zz-carried-original",
      },
    });
  });
  target = await createDatabase();
});

afterAll(async () => {
  await copy?.close();
  await source?.close();
  await target?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm run db:copy", () => {
  it("refuses anything but SQLite to PostgreSQL with exit code 2", () => {
    const swapped = runCopy("--from", "postgresql://postgres@127.0.0.1/x", "--to", sourceUrl);
    expect(swapped.status).toBe(2);
    expect(swapped.stderr).toContain("--from must be a SQLite URL");
    const missing = runCopy("--from", sourceUrl);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("--to");
  });

  it("copies every record into an empty PostgreSQL database and verifies it", async () => {
    // Small batches: several pages per table, including the compound keys' cursors.
    const run = runCopy("--from", sourceUrl, "--to", target.url, "--batch-size", "100");
    console.log(
      `db:copy of the demo data: ${Math.round(run.ms)} ms in all; ${run.stdout.match(/Copied .*/)?.[0]}`,
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^OK: \d+ tables, \d+ records, ledger sums equal$/m);
    expect(run.stdout).toMatch(/^Booking: (\d+)\/\1$/m);

    copy = await openDatabase(target.url);
    for (const model of [
      "user",
      "booking",
      "dailyTotal",
      "agendaItem",
      "searchTerm",
      "escalation",
    ] as const) {
      const [a, b] = await Promise.all([
        (source.read[model] as { count(): Promise<number> }).count(),
        (copy.read[model] as { count(): Promise<number> }).count(),
      ]);
      expect(b, model).toBe(a);
      expect(a, model).toBeGreaterThan(0);
    }

    const order = await source.read.serviceOrder.findFirstOrThrow({ orderBy: { year: "asc" } });
    const sum = (db: Database) =>
      db.read.booking.aggregate({ where: { orderId: order.id }, _sum: { personDays: true }, _count: true });
    const [bookedA, bookedB] = await Promise.all([sum(source), sum(copy)]);
    expect(bookedA._count).toBeGreaterThan(0);
    expect(bookedB).toEqual(bookedA);

    const user = await source.read.user.findFirstOrThrow({
      where: { roles: { some: {} } },
      include: { roles: true },
    });
    const copied = await copy.read.user.findUniqueOrThrow({
      where: { id: user.id },
      include: { roles: true },
    });
    expect(copied.roles.map((r) => r.role).sort()).toEqual(user.roles.map((r) => r.role).sort());
    expect(copied.createdAt).toBeInstanceOf(Date);
    expect(copied.createdAt.toISOString()).toBe(user.createdAt.toISOString());
    expect(copied.active).toBe(user.active);

    const meeting = await source.read.meeting.findFirstOrThrow({ orderBy: { scheduledAt: "desc" } });
    expect(
      (await copy.read.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).scheduledAt.getTime(),
    ).toBe(meeting.scheduledAt.getTime());
    const reversal = await copy.read.booking.findFirst({ where: { reversalOfId: { not: null } } });
    if (reversal)
      expect(await copy.read.booking.count({ where: { id: reversal.reversalOfId ?? "" } })).toBe(1);
    expect(
      (await copy.read.agendaItem.findUniqueOrThrow({ where: { id: "aa-carried-continued" } })).carriedFromId,
    ).toBe("zz-carried-original");

    // Every row of every table, field by field (dates, BigInts, booleans and enums included).
    for (const table of copyOrder()) {
      const all = async (db: Database) => {
        const rows = await (
          db.read as unknown as Record<string, { findMany(): Promise<Record<string, unknown>[]> }>
        )[table.delegate]?.findMany();
        // SQLite and PostgreSQL sort text differently: sort here.
        const key = (row: Record<string, unknown>) => table.order.map((f) => String(row[f])).join("\u001f");
        return (rows ?? []).sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
      };
      const [rowsA, rowsB] = await Promise.all([all(source), all(copy)]);
      expect(rowsB, table.name).toEqual(rowsA);
    }
  });

  it("refuses a second copy into the database that now holds records", () => {
    const run = runCopy("--from", sourceUrl, "--to", target.url);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("already holds records");
    expect(run.stdout).not.toContain("OK:");
  });

  it("names the table and the order whose records differ", async () => {
    expect((await verifyCopy(sourceUrl, target.url)).mismatches).toEqual([]);
    const order = await copy.read.serviceOrder.findFirstOrThrow({ orderBy: { year: "asc" } });
    // The ledger takes inserts only: one more booking in the target than in the source.
    await copy.read.$executeRawUnsafe(
      `INSERT INTO "Booking" (id, seq, "orderId", "lineId", date, "personDays", "orderBalance", description, "bookedById", "createdAt")
       SELECT 'extra-booking', (SELECT max(seq) + 1 FROM "Booking"), b."orderId", b."lineId", b.date, 50,
              b."orderBalance" + 50, 'not in the source', b."bookedById", now()
       FROM "Booking" b WHERE b."orderId" = $1 ORDER BY b.seq DESC LIMIT 1`,
      order.id,
    );
    const check = await verifyCopy(sourceUrl, target.url);
    expect(check.mismatches).toContainEqual(
      expect.stringMatching(/^Booking: \d+ records in the source, \d+ in the target$/),
    );
    expect(check.mismatches).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^Booking: sum of personDays for order ${order.id} is -?\\d+ in the source, -?\\d+ in the target$`,
        ),
      ),
    );
    expect(check.mismatches.every((line) => line.startsWith("Booking:"))).toBe(true);
  });
});
