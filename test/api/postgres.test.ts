// PostgreSQL itself: one writer across every instance, and the ledger's rule in the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../server/db/client.ts";
import { startHub, type TestHub } from "../helpers/hub.ts";

let hub: TestHub;
let second: Database;
beforeAll(async () => {
  hub = await startHub({ seed: false });
  second = await openDatabase(hub.config.databaseUrl);
});
afterAll(async () => {
  await second.close();
  await hub.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("PostgreSQL", () => {
  it("is the database of this run", () => {
    expect(hub.db.kind).toBe("postgres");
  });

  it("gives one writer its turn across instances, until its after-commit step is done", async () => {
    const steps: string[] = [];
    const first = hub.db.transact(
      async (tx) => {
        steps.push("A begins");
        await tx.provider.create({ data: { name: "A", shortName: "A" } });
        await sleep(150);
        steps.push("A commits");
      },
      async () => {
        await sleep(100);
        steps.push("A published");
      },
    );
    await sleep(30);
    const other = second.transact(async (tx) => {
      steps.push("B begins");
      await tx.provider.create({ data: { name: "B", shortName: "B" } });
    });
    await Promise.all([first, other]);
    expect(steps).toEqual(["A begins", "A commits", "A published", "B begins"]);
  });

  it("releases the turn when a transaction fails", async () => {
    await expect(
      hub.db.transact(async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await second.transact((tx) => tx.provider.create({ data: { name: "C", shortName: "C" } }));
    expect(await hub.db.read.provider.count({ where: { shortName: "C" } })).toBe(1);
  });
});
