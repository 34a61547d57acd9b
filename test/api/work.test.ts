// The unit of work: one transaction per command, its audit entries inside it, its events after
// the commit; a change without an audit entry never commits. And it is the only such place.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Access } from "../../server/access/index.ts";
import { UnauditedChange, type Work } from "../../server/modules/work.ts";
import { startHub, type TestHub } from "../helpers/hub.ts";

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub({ seed: false });
});
afterAll(() => hub.close());

const anonymous = Access.anonymous();

describe("unit of work", () => {
  it("refuses to commit a change without an audit entry", async () => {
    const silent = async ({ tx }: Work) => tx.provider.create({ data: { name: "Still", shortName: "S" } });
    await expect(hub.app.runner.run(anonymous, silent, null)).rejects.toBeInstanceOf(UnauditedChange);
    expect(await hub.db.read.provider.count({ where: { name: "Still" } })).toBe(0);
  });

  it("notices writes through every kind of write operation", async () => {
    const upsert = async ({ tx }: Work) =>
      tx.provider.updateMany({ where: { name: "nobody" }, data: { shortName: "X" } });
    await expect(hub.app.runner.run(anonymous, upsert, null)).rejects.toBeInstanceOf(UnauditedChange);
  });

  it("writes the audit entries in the transaction and publishes events only after the commit", async () => {
    const seen: { committed: number; sessionId: string }[] = [];
    const stop = hub.app.events.on("sessionRevoked", ({ sessionId }) => {
      void hub.db.read.provider.count({ where: { name: "Laut" } }).then((committed) => {
        seen.push({ committed, sessionId });
      });
    });
    const loud = async ({ tx, audit, publish }: Work) => {
      const provider = await tx.provider.create({ data: { name: "Laut", shortName: "L" } });
      audit({ authorityId: null, objectType: "Provider", objectId: provider.id, action: "CREATE" });
      audit({ authorityId: null, objectType: "Provider", objectId: provider.id, action: "CHECK" });
      publish("sessionRevoked", { sessionId: provider.id });
      return provider;
    };
    const provider = await hub.app.runner.run(anonymous, loud, null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop();
    expect(seen).toEqual([{ committed: 1, sessionId: provider.id }]);
    const entries = await hub.db.read.auditEntry.findMany({
      where: { objectId: provider.id },
      orderBy: { at: "asc" },
    });
    expect(entries.map((e) => e.action)).toEqual(["CREATE", "CHECK"]);
  });

  it("drops the events and the entries of a command that fails", async () => {
    let heard = 0;
    const stop = hub.app.events.on("sessionRevoked", () => heard++);
    const failing = async ({ tx, audit, publish }: Work) => {
      const provider = await tx.provider.create({ data: { name: "Weg", shortName: "W" } });
      audit({ authorityId: null, objectType: "Provider", objectId: provider.id, action: "CREATE" });
      publish("sessionRevoked", { sessionId: provider.id });
      throw new Error("boom");
    };
    await expect(hub.app.runner.run(anonymous, failing, null)).rejects.toThrow("boom");
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop();
    expect(heard).toBe(0);
    expect(await hub.db.read.provider.count({ where: { name: "Weg" } })).toBe(0);
    expect(await hub.db.read.auditEntry.count({ where: { action: "CREATE", objectType: "Provider" } })).toBe(
      1,
    );
  });
});

describe("the wiring exists once", () => {
  const root = path.resolve(import.meta.dirname, "../../server");
  const files = (fs.readdirSync(root, { recursive: true, encoding: "utf8" }) as string[])
    .filter((f) => f.endsWith(".ts") && !f.startsWith("db/generated"))
    .map((f) => ({ file: f, text: fs.readFileSync(path.join(root, f), "utf8") }));
  // Seeds load demo data in bulk; the session's last-seen time is bookkeeping, not a change.
  const loaders = /(^|\/)seed\.ts$|^db\/seed\.ts$/;

  it("no service opens a transaction of its own", () => {
    const offenders = files
      .filter(({ file, text }) => text.includes(".transact(") && !loaders.test(file))
      .map(({ file }) => file)
      .sort();
    // Sign-in, and the mail sender and jobs: infrastructure that writes no record of the domain.
    expect(offenders).toEqual([
      "modules/mail/jobs.ts",
      "modules/mail/sender.ts",
      "modules/organisations/auth.ts",
      "modules/work.ts",
    ]);
  });

  it("no service writes audit rows or publishes events by hand", () => {
    const audits = files.filter(({ text }) => /auditEntry\.create/.test(text)).map(({ file }) => file);
    expect(audits.filter((file) => !loaders.test(file))).toEqual(["modules/work.ts"]);
    const publishes = files.filter(({ text }) => /events\.publish\(/.test(text)).map(({ file }) => file);
    expect(publishes).toEqual(["modules/work.ts"]);
  });
});
