// SQLite itself: the better-sqlite3 adapter shares one connection between a transaction and
// every other query, so the hub reads on a read-only connection of its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHub, type TestHub } from "../helpers/hub.ts";

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub({ seed: false });
});
afterAll(() => hub.close());

describe("SQLite", () => {
  it("the read connection refuses writes", async () => {
    await expect(hub.db.read.provider.create({ data: { name: "x", shortName: "x" } })).rejects.toThrow();
  });

  it("runs with WAL, synchronous=FULL and foreign keys on the writer", async () => {
    const pragmas = await hub.db.transact(async (tx) => ({
      journal: await tx.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode"),
      sync: await tx.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous"),
      fk: await tx.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>("PRAGMA foreign_keys"),
    }));
    expect(pragmas.journal[0]?.journal_mode).toBe("wal");
    expect(Number(pragmas.sync[0]?.synchronous)).toBe(2);
    expect(Number(pragmas.fk[0]?.foreign_keys)).toBe(1);
  });

  it("opens with the planner's statistics, so each sum over the per-day totals reads its index in group order", async () => {
    const seeded = await startHub();
    try {
      const orders = await seeded.db.read.serviceOrder.findMany({ select: { id: true }, take: 5 });
      const ids = orders.map((o) => o.id);
      const plan = async (grouping: string) => {
        const rows = await seeded.db.read.$queryRawUnsafe<{ detail: string }[]>(
          `EXPLAIN QUERY PLAN SELECT SUM("personDays") FROM "DailyTotal"
           WHERE "orderId" IN (${ids.map(() => "?").join(",")}) GROUP BY ${grouping}`,
          ...ids,
        );
        return rows.map((r) => r.detail).join(" | ");
      };
      // The seeded copy was never analysed: opening it did that, before its first read.
      const analysed = await seeded.db.read.$queryRawUnsafe<{ idx: string }[]>(
        `SELECT "idx" FROM "sqlite_stat1" WHERE "tbl" = 'DailyTotal'`,
      );
      expect(analysed.map((r) => r.idx)).toEqual(
        expect.arrayContaining([
          "DailyTotal_orderId_date_lineId_personDays_count_idx",
          "DailyTotal_orderId_lineId_personDays_idx",
        ]),
      );
      // Burn-down: by order and day. Figures: by order and line.
      const byDay = await plan(`"orderId", "date"`);
      expect(byDay).toContain("COVERING INDEX DailyTotal_orderId_date_lineId_personDays_count_idx");
      expect(byDay).not.toContain("TEMP B-TREE");
      const byLine = await plan(`"orderId", "lineId"`);
      expect(byLine).toContain("COVERING INDEX DailyTotal_orderId_lineId_personDays_idx");
      expect(byLine).not.toContain("TEMP B-TREE");
    } finally {
      await seeded.close();
    }
  });
});
