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
});
