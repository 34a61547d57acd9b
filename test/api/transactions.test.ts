// The better-sqlite3 adapter shares one connection between a transaction and every other
// query. The hub reads on a separate read-only connection and queues writes, so another
// request's write survives a rolled-back transaction and nobody reads uncommitted rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHub, type TestHub } from "../helpers/hub.ts";

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub({ seed: false });
});
afterAll(() => hub.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("transactions", () => {
  it("a failing transaction does not take another request's insert with it, and leaks nothing before commit", async () => {
    let seenInside: number | undefined;
    const failing = hub.db.transact(async (tx) => {
      await tx.provider.create({ data: { name: "Wird zurückgerollt", shortName: "RB" } });
      await sleep(100);
      seenInside = await hub.db.read.provider.count();
      throw new Error("boom");
    });
    await sleep(20);
    const other = hub.db.transact((tx) => tx.provider.create({ data: { name: "Bleibt", shortName: "OK" } }));
    await expect(failing).rejects.toThrow("boom");
    await other;
    expect(seenInside).toBe(0);
    const names = (await hub.db.read.provider.findMany()).map((p) => p.name);
    expect(names).toEqual(["Bleibt"]);
  });

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

  it("many concurrent writers all commit", async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        hub.db.transact((tx) => tx.provider.create({ data: { name: `P${i}`, shortName: "P" } })),
      ),
    );
    expect(await hub.db.read.provider.count({ where: { shortName: "P" } })).toBe(50);
  });
});
