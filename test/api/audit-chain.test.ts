// The audit trail as a hash chain: every entry hashes its content and its predecessor's hash;
// `npm run audit:verify` and /readyz name an entry edited, removed or reordered through the
// database itself, and a ledger trigger dropped or disabled.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Access } from "../../server/access/index.ts";
import { sqliteUrl } from "../../server/config.ts";
import { openDatabase } from "../../server/db/client.ts";
import { copyDatabase } from "../../server/db/copy.ts";
import {
  defaultMigrationsDir,
  defaultPostgresMigrationsDir,
  migrateDeploy,
} from "../../server/db/migrate.ts";
import { MemoryEvents } from "../../server/events/index.ts";
import { chainUnchained, entryHash, GENESIS } from "../../server/modules/audit/chain.ts";
import { ChainWatch, describeFinding, type Finding, verifyTrail } from "../../server/modules/audit/verify.ts";
import { Runner, type Work } from "../../server/modules/work.ts";
import { startHub, TEST_DATABASE, type TestHub } from "../helpers/hub.ts";
import { createDatabase } from "../helpers/postgres.ts";

const root = path.resolve(import.meta.dirname, "../..");
const anonymous = Access.anonymous();
let hub: TestHub;

/** A command that records `count` entries with text that has to survive both databases as it is. */
function recording(count: number, tag: string) {
  return async ({ audit }: Work) => {
    for (let i = 0; i < count; i++)
      audit({
        authorityId: null,
        objectType: "Session",
        objectId: `${tag}-${i}`,
        action: "CHECK",
        changes: { text: ["Grüße aus Schwerin", `🎉 ${tag} ${i} \u2028 "quoted" \\ backslash`] },
      });
  };
}

async function entries() {
  return hub.db.read.auditEntry.findMany({ orderBy: { seq: "asc" } });
}

/** Raw SQL as someone with the database file would send it. */
async function tamper(statement: string): Promise<void> {
  await hub.db.transact((tx) => tx.$executeRawUnsafe(statement));
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function findings(): Promise<Finding[]> {
  return (await verifyTrail(hub.db)).findings;
}

const RECREATE_TRIGGER =
  TEST_DATABASE === "postgres"
    ? `CREATE TRIGGER "Booking_no_update" BEFORE UPDATE ON "Booking" FOR EACH ROW EXECUTE FUNCTION "Booking_append_only"()`
    : `CREATE TRIGGER "Booking_no_update" BEFORE UPDATE ON "Booking" BEGIN SELECT RAISE(ABORT, 'Booking is append-only: book a reversal instead of changing an entry'); END`;

beforeAll(async () => {
  hub = await startHub();
  await hub.login("controlling@schwerin.example");
  for (let round = 0; round < 6; round++)
    await hub.app.runner.run(anonymous, recording(3, `r${round}`), null);
});
afterAll(() => hub.close());

describe("the chain", () => {
  it("numbers every entry and links it to the one before by hash", async () => {
    const all = await entries();
    expect(all.length).toBeGreaterThanOrEqual(19);
    all.forEach((entry, index) => {
      expect(entry.seq).toBe(index + 1);
      expect(entry.prevHash).toBe(index === 0 ? GENESIS : all[index - 1]?.hash);
      expect(entry.hash).toBe(entryHash({ ...entry, prevHash: entry.prevHash as string }));
    });
    const report = await verifyTrail(hub.db);
    expect(report.findings).toEqual([]);
    expect(report.entries).toBe(all.length);
    expect(report.head).toEqual({ seq: all.length, hash: all.at(-1)?.hash });
  });

  it("hashes a fixed serialisation, the same on every database", async () => {
    const content = {
      seq: 1,
      at: new Date("2026-01-02T03:04:05.678Z"),
      actorId: null,
      authorityId: "authority-1",
      objectType: "School",
      objectId: "school-1",
      action: "UPDATE",
      changes: '{"name":["Grüße","🎉 \\u2028"]}',
      prevHash: GENESIS,
    };
    // SHA-256 of [1,"2026-01-02T03:04:05.678Z",null,"authority-1","School","school-1","UPDATE","{…}","000…0"]
    expect(entryHash(content)).toBe("05fcfe9bbfd3a31663a385670b394ec577ba5ea22f61e60ab4077ddfafb56b52");
    // Stored and read back, times keep their milliseconds and texts every character.
    const stored = (await entries()).filter((entry) => entry.objectId.startsWith("r0-"));
    expect(stored.some((entry) => entry.at.getMilliseconds() !== 0)).toBe(true);
    expect(stored[0]?.changes).toContain("🎉 r0 0 \u2028");
  });
});

describe("npm run audit:verify's findings", () => {
  it("names an entry whose changes were edited", async () => {
    const victim = (await entries())[4];
    if (!victim) throw new Error("no entry");
    await tamper(`UPDATE "AuditEntry" SET "changes" = '{"text":"nichts"}' WHERE "id" = ${quote(victim.id)}`);
    expect(await findings()).toEqual([
      {
        kind: "chain",
        seq: victim.seq,
        id: victim.id,
        problem: "its content does not match its hash (altered)",
      },
    ]);
    await tamper(
      `UPDATE "AuditEntry" SET "changes" = ${quote(victim.changes)} WHERE "id" = ${quote(victim.id)}`,
    );
    expect(await findings()).toEqual([]);
  });

  it("names an edited entry whose hash was recomputed, where its successor no longer follows it", async () => {
    const [victim, next] = (await entries()).slice(6, 8);
    if (!victim || !next) throw new Error("no entries");
    const forged = { ...victim, action: "NOTHING", prevHash: victim.prevHash as string };
    await tamper(
      `UPDATE "AuditEntry" SET "action" = 'NOTHING', "hash" = ${quote(entryHash(forged))} WHERE "id" = ${quote(victim.id)}`,
    );
    const found = await findings();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ seq: next.seq, id: next.id });
    expect(found[0]?.problem).toContain(`does not follow seq ${victim.seq} (id ${victim.id})`);
    await tamper(
      `UPDATE "AuditEntry" SET "action" = ${quote(victim.action)}, "hash" = ${quote(victim.hash as string)} WHERE "id" = ${quote(victim.id)}`,
    );
    expect(await findings()).toEqual([]);
  });

  it("names a removed entry by its position", async () => {
    const victim = (await entries())[9];
    if (!victim) throw new Error("no entry");
    await tamper(`DELETE FROM "AuditEntry" WHERE "id" = ${quote(victim.id)}`);
    expect(await findings()).toEqual([
      { kind: "chain", seq: victim.seq, id: null, problem: "missing (removed)" },
    ]);
    await hub.db.transact((tx) => tx.auditEntry.create({ data: victim }));
    expect(await findings()).toEqual([]);
  });

  it("names two entries that swapped places", async () => {
    const all = await entries();
    const [a, b] = [all[3], all[11]];
    if (!a || !b) throw new Error("no entries");
    /** Puts entries at positions, through negative ones: seq is unique. */
    const place = async (moves: [typeof a, number][]) => {
      for (const [index, [entry]] of moves.entries())
        await tamper(`UPDATE "AuditEntry" SET "seq" = ${-1 - index} WHERE "id" = ${quote(entry.id)}`);
      for (const [entry, seq] of moves)
        await tamper(`UPDATE "AuditEntry" SET "seq" = ${seq} WHERE "id" = ${quote(entry.id)}`);
    };
    await place([
      [a, b.seq],
      [b, a.seq],
    ]);
    expect(await findings()).toEqual([
      {
        kind: "chain",
        seq: a.seq,
        id: b.id,
        problem: `recorded at seq ${b.seq}, now at seq ${a.seq} (reordered)`,
      },
      {
        kind: "chain",
        seq: b.seq,
        id: a.id,
        problem: `recorded at seq ${a.seq}, now at seq ${b.seq} (reordered)`,
      },
    ]);
    // Neighbours too: the successor's recorded predecessor is now behind it.
    const [c, d] = [all[14], all[15]];
    if (!c || !d) throw new Error("no entries");
    await place([
      [a, a.seq],
      [b, b.seq],
      [c, d.seq],
      [d, c.seq],
    ]);
    expect((await findings()).map((f) => [f.seq, f.id, f.problem.endsWith("(reordered)")])).toEqual([
      [c.seq, d.id, true],
      [d.seq, c.id, true],
    ]);
    await place([
      [c, c.seq],
      [d, d.seq],
    ]);
    expect(await findings()).toEqual([]);
  });

  it("names a dropped or disabled ledger trigger", async () => {
    await tamper(`DROP TRIGGER "Booking_no_update"${TEST_DATABASE === "postgres" ? ` ON "Booking"` : ""}`);
    expect(await findings()).toEqual([
      {
        kind: "trigger",
        seq: null,
        id: null,
        problem: "ledger trigger Booking_no_update is missing: bookings can be changed (UPDATE)",
      },
    ]);
    await tamper(RECREATE_TRIGGER);
    if (TEST_DATABASE === "postgres") {
      await tamper(`ALTER TABLE "Booking" DISABLE TRIGGER "Booking_no_delete"`);
      expect((await findings()).map((f) => f.problem)).toEqual([
        "ledger trigger Booking_no_delete no longer refuses DELETE on bookings (changed or disabled)",
      ]);
      await tamper(`ALTER TABLE "Booking" ENABLE TRIGGER "Booking_no_delete"`);
    } else {
      await tamper(`DROP TRIGGER "Booking_no_delete"`);
      await tamper(`CREATE TRIGGER "Booking_no_delete" BEFORE DELETE ON "Booking" BEGIN SELECT 1; END`);
      expect((await findings()).map((f) => f.problem)).toEqual([
        "ledger trigger Booking_no_delete no longer refuses DELETE on bookings (changed or disabled)",
      ]);
      await tamper(`DROP TRIGGER "Booking_no_delete"`);
      await tamper(
        `CREATE TRIGGER "Booking_no_delete" BEFORE DELETE ON "Booking" BEGIN SELECT RAISE(ABORT, 'Booking is append-only: book a reversal instead of deleting an entry'); END`,
      );
    }
    expect(await findings()).toEqual([]);
  });
});

describe("/readyz", () => {
  async function ready(): Promise<{ status: number; body: { status: string; reasons?: string[] } }> {
    const response = await fetch(`${hub.url}/readyz`);
    return {
      status: response.status,
      body: (await response.json()) as { status: string; reasons?: string[] },
    };
  }

  it("answers 503 with the entry while the latest entries are tampered with, and ready again once repaired", async () => {
    expect(await ready()).toEqual({ status: 200, body: { status: "ready" } });
    await hub.app.runner.run(anonymous, recording(2, "probe"), null);
    const last = (await entries()).at(-1);
    if (!last) throw new Error("no entry");
    await tamper(`UPDATE "AuditEntry" SET "objectId" = 'jemand anderes' WHERE "id" = ${quote(last.id)}`);
    expect(await ready()).toEqual({
      status: 503,
      body: {
        status: "audit chain broken",
        reasons: [`seq ${last.seq} (id ${last.id}): its content does not match its hash (altered)`],
      },
    });
    await tamper(
      `UPDATE "AuditEntry" SET "objectId" = ${quote(last.objectId)} WHERE "id" = ${quote(last.id)}`,
    );
    expect((await ready()).status).toBe(200);

    // The last verified entry removed: what the probe saw last must still be there.
    await tamper(`DELETE FROM "AuditEntry" WHERE "id" = ${quote(last.id)}`);
    expect(await ready()).toEqual({
      status: 503,
      body: {
        status: "audit chain broken",
        reasons: [`seq ${last.seq}: missing (removed from the end)`],
      },
    });
    await hub.db.transact((tx) => tx.auditEntry.create({ data: last }));
    expect((await ready()).status).toBe(200);
  });

  it("answers 503 while a ledger trigger is missing", async () => {
    await tamper(`DROP TRIGGER "Booking_no_update"${TEST_DATABASE === "postgres" ? ` ON "Booking"` : ""}`);
    expect(await ready()).toEqual({
      status: 503,
      body: {
        status: "ledger trigger missing",
        reasons: ["ledger trigger Booking_no_update is missing: bookings can be changed (UPDATE)"],
      },
    });
    await tamper(RECREATE_TRIGGER);
    expect((await ready()).status).toBe(200);
  });

  it("reads a bounded slice per probe and still reaches an old entry in its sweep", async () => {
    const limits = { fresh: 4, tail: 2, sweep: 3 };
    const watch = new ChainWatch(hub.db, limits);
    const total = (await entries()).length;
    // Catching up: at most `fresh` new entries per probe.
    for (let probe = 0; probe < Math.ceil(total / limits.fresh) + 1; probe++)
      expect(await watch.check()).toEqual([]);
    const { count } = await hub.db.countQueries(() => watch.check());
    // Triggers, the tail with what is new, one sweep slice: a handful of statements, whatever the trail's length.
    expect(count).toBeLessThanOrEqual(4);

    const old = (await entries())[1];
    if (!old) throw new Error("no entry");
    await tamper(`UPDATE "AuditEntry" SET "action" = 'DELETE' WHERE "id" = ${quote(old.id)}`);
    let probes = 0;
    let found: Finding[] = [];
    while (found.length === 0 && probes < total) {
      found = await watch.check();
      probes++;
    }
    expect(found.map((f) => [f.seq, f.id])).toEqual([[old.seq, old.id]]);
    // Within one round of the sweep.
    expect(probes).toBeLessThanOrEqual(Math.ceil(total / limits.sweep) + 1);
    // Found again on every probe until repaired.
    expect((await watch.check()).map((f) => f.seq)).toEqual([old.seq]);
    await tamper(`UPDATE "AuditEntry" SET "action" = ${quote(old.action)} WHERE "id" = ${quote(old.id)}`);
    expect(await watch.check()).toEqual([]);
  });
});

describe("the command line", () => {
  function verifyCli(args: string[], url = hub.db.url): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "server/modules/audit/verify-cli.ts", ...args],
        {
          cwd: root,
          env: { ...process.env, DATABASE_URL: url },
        },
      );
      let out = "";
      child.stdout.on("data", (data: Buffer) => {
        out += data.toString();
      });
      child.stderr.on("data", (data: Buffer) => {
        out += data.toString();
      });
      child.on("close", (code) => resolve({ code, out }));
    });
  }

  it("exits 0 with a summary, 1 naming a finding, 2 when it cannot verify", async () => {
    const all = await entries();
    const head = all.at(-1);
    if (!head) throw new Error("no entry");
    const ok = await verifyCli(["--expect", `${head.seq}:${head.hash}`]);
    expect(ok.out).toMatch(
      new RegExp(`^OK: ${all.length} audit entries chained, head ${head.seq}:${head.hash}; ledger triggers`),
    );
    expect(ok.code).toBe(0);

    const victim = all[2];
    if (!victim) throw new Error("no entry");
    await tamper(
      `UPDATE "AuditEntry" SET "authorityId" = NULL, "objectId" = 'x' WHERE "id" = ${quote(victim.id)}`,
    );
    const broken = await verifyCli([]);
    expect(broken.out).toContain(
      `Finding: seq ${victim.seq} (id ${victim.id}): its content does not match its hash`,
    );
    expect(broken.code).toBe(1);
    await tamper(
      `UPDATE "AuditEntry" SET "authorityId" = ${victim.authorityId === null ? "NULL" : quote(victim.authorityId)}, "objectId" = ${quote(victim.objectId)} WHERE "id" = ${quote(victim.id)}`,
    );

    // A trail rewritten as a whole verifies on its own; the head kept elsewhere does not match it.
    const rewritten = await verifyCli(["--expect", `${head.seq}:${"0".repeat(64)}`]);
    expect(rewritten.out).toContain(`Finding: seq ${head.seq} (id ${head.id}): its hash is no longer`);
    expect(rewritten.code).toBe(1);

    const usage = await verifyCli(["--expect", "17"]);
    expect(usage.out).toContain("--expect must be <seq>:<64 hex digits>");
    expect(usage.code).toBe(2);
  }, 60_000);
});

describe("a trail from before the chain", () => {
  const migrationsBefore = (dir: string) => {
    const copy = fs.mkdtempSync(path.join(hub.dir, "migrations-"));
    for (const name of fs.readdirSync(dir)) {
      if (name.localeCompare("20261130013842_audit_chain") < 0)
        fs.cpSync(path.join(dir, name), path.join(copy, name), { recursive: true });
    }
    return copy;
  };

  it("gets its positions from the migration in written order and its hashes from the hub", async () => {
    const times = ["2026-03-01T10:00:00.003Z", "2026-03-01T10:00:00.001Z", "2026-03-01T10:00:00.002Z"];
    let url: string;
    let drop = async () => {};
    if (TEST_DATABASE === "postgres") {
      const database = await createDatabase();
      ({ url, drop } = database);
      await migrateDeploy(url, undefined, { migrationsDir: migrationsBefore(defaultPostgresMigrationsDir) });
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      for (const [i, at] of times.entries())
        await client.query(
          `INSERT INTO "AuditEntry" ("id", "at", "objectType", "objectId", "action", "changes") VALUES ($1, $2, 'Old', $1, 'CREATE', '{}')`,
          [`old-${i}`, at],
        );
      await client.end();
    } else {
      url = sqliteUrl(path.join(hub.dir, "legacy.db"));
      await migrateDeploy(url, undefined, { migrationsDir: migrationsBefore(defaultMigrationsDir) });
      const raw = new Database(url.replace(/^file:/, ""));
      const insert = raw.prepare(
        `INSERT INTO "AuditEntry" ("id", "at", "objectType", "objectId", "action", "changes") VALUES (?, ?, 'Old', ?, 'CREATE', '{}')`,
      );
      // As the SQLite adapter stores times.
      for (const [i, at] of times.entries()) insert.run(`old-${i}`, at.replace("Z", "+00:00"), `old-${i}`);
      raw.close();
    }
    await migrateDeploy(url);
    const db = await openDatabase(url);
    try {
      const numbered = await db.read.auditEntry.findMany({ orderBy: { seq: "asc" } });
      expect(numbered.map((e) => [e.seq, e.id, e.hash])).toEqual([
        [1, "old-1", null],
        [2, "old-2", null],
        [3, "old-0", null],
      ]);
      expect((await verifyTrail(db)).findings.map(describeFinding)).toEqual([
        "seq 1–3: no hash (cleared, or written before the chain and not chained yet: the hub chains those when it starts)",
      ]);

      // Part of them chained (a batch of the hub's start), then a command chains the rest before its own.
      expect(await db.transact((tx) => chainUnchained(tx, 2))).toBe(2);
      expect((await verifyTrail(db)).findings.map((f) => f.seq)).toEqual([3]);
      const runner = new Runner(db, new MemoryEvents());
      await runner.run(anonymous, recording(1, "new"), null);
      const report = await verifyTrail(db);
      expect(report.findings).toEqual([]);
      expect(report.entries).toBe(4);

      // What the hub does at its start, in batches.
      await db.transact((tx) =>
        tx.$executeRawUnsafe(`UPDATE "AuditEntry" SET "hash" = NULL, "prevHash" = NULL WHERE "seq" >= 2`),
      );
      expect(await runner.chainEarlierEntries(2)).toBe(3);
      expect(await runner.chainEarlierEntries(2)).toBe(0);
      expect((await verifyTrail(db)).findings).toEqual([]);
    } finally {
      await db.close();
      await drop();
    }
  }, 60_000);
});

// Identical content hashes identically on both databases: a SQLite trail copied into PostgreSQL
// (npm run db:copy keeps seq, prevHash and hash as they are) verifies there.
if (TEST_DATABASE === "postgres") {
  describe("a trail copied from SQLite", () => {
    it("verifies on PostgreSQL", async () => {
      const from = sqliteUrl(path.join(hub.dir, "copy-source.db"));
      await migrateDeploy(from);
      const source = await openDatabase(from);
      const runner = new Runner(source, new MemoryEvents());
      for (let round = 0; round < 3; round++) await runner.run(anonymous, recording(4, `copy${round}`), null);
      const head = (await verifyTrail(source)).head;
      await source.close();
      const target = await createDatabase();
      try {
        await copyDatabase({ from, to: target.url });
        const db = await openDatabase(target.url);
        try {
          const report = await verifyTrail(db);
          expect(report.findings).toEqual([]);
          expect(report.entries).toBe(12);
          expect(report.head).toEqual(head);
        } finally {
          await db.close();
        }
      } finally {
        await target.drop();
      }
    }, 60_000);
  });
}
