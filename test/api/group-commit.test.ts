// Group commit on SQLite: writers that queue while a commit waits for the disk share the next
// commit, each in a savepoint of its own. One writer's failure rolls back only its own changes,
// every writer learns its outcome after the commit, and after-commit steps run in commit order.
// This is SQLite's writer (PostgreSQL commits each transaction alone), so the file opens a SQLite
// database of its own whichever database the suite runs on.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteUrl } from "../../server/config.ts";
import { type Database, openDatabase } from "../../server/db/client.ts";
import { migrateDeploy } from "../../server/db/migrate.ts";

let dir: string;
let db: Database;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-group-commit-"));
  const url = sqliteUrl(path.join(dir, "hub.db"));
  await migrateDeploy(url, () => {});
  db = await openDatabase(url);
});
afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("group commit (SQLite)", () => {
  it("commits queued writers together, rolls back only the one that fails, and publishes in order", async () => {
    const before = db.commits();
    const published: number[] = [];
    const writers = Array.from({ length: 10 }, (_, i) =>
      db.transact(
        async (tx) => {
          const provider = await tx.provider.create({ data: { name: `Gruppe ${i}`, shortName: "G" } });
          // Writer 4 breaks a unique constraint after its first insert: SQLite refuses the statement.
          if (i === 4) await tx.provider.create({ data: { name: `Gruppe ${i}`, shortName: "G" } });
          // A later writer in the same commit sees the earlier writers' rows, not the failed one's.
          return { i, id: provider.id, seen: await tx.provider.count({ where: { shortName: "G" } }) };
        },
        async (value) => {
          published.push(value.i);
        },
      ),
    );
    const outcomes = await Promise.allSettled(writers);

    expect(outcomes.map((o) => o.status)).toEqual([
      ...Array(4).fill("fulfilled"),
      "rejected",
      ...Array(5).fill("fulfilled"),
    ]);
    expect(String((outcomes[4] as PromiseRejectedResult).reason)).toMatch(/Unique constraint/);
    // All ten queued before the writer's next turn: one commit carries them.
    expect(db.commits() - before).toBe(1);
    expect(published).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    const seen = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value.seen] : []));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Every acknowledged writer is committed: the read connection sees exactly those rows.
    const names = (
      await db.read.provider.findMany({ where: { shortName: "G" }, orderBy: { name: "asc" } })
    ).map((p) => p.name);
    expect(names).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9].map((i) => `Gruppe ${i}`));
  });

  it("a writer that arrives during a turn waits for the next commit, and a lone writer's failure rolls back its transaction", async () => {
    const before = db.commits();
    let second: Promise<unknown> | undefined;
    const first = db.transact(async (tx) => {
      await tx.provider.create({ data: { name: "Erster", shortName: "E" } });
      second = db.transact(async (tx2) => {
        await tx2.provider.create({ data: { name: "Zweiter", shortName: "E" } });
        throw new Error("zweiter scheitert");
      });
    });
    await first;
    await expect(second).rejects.toThrow("zweiter scheitert");
    expect(db.commits() - before).toBe(1);
    expect((await db.read.provider.findMany({ where: { shortName: "E" } })).map((p) => p.name)).toEqual([
      "Erster",
    ]);
  });
});
