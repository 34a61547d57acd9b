// Writes are serialised and reads see committed data only, on either database: another
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

  it("many concurrent writers all commit", async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        hub.db.transact((tx) => tx.provider.create({ data: { name: `P${i}`, shortName: "P" } })),
      ),
    );
    expect(await hub.db.read.provider.count({ where: { shortName: "P" } })).toBe(50);
  });
});
