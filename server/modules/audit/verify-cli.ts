// `npm run audit:verify [-- --expect <seq>:<hash>]`: recomputes the audit chain of DATABASE_URL
// and checks the ledger's append-only triggers (server/modules/audit/verify.ts). The summary
// line ends with the head (seq:hash); kept somewhere else and passed back as --expect later, it
// shows a trail that was rewritten as a whole, hashes recomputed.
// Exit codes: 0 intact; 1 a finding; 2 could not verify (arguments, no database, not migrated).
import fs from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../../config.ts";
import { databaseKind, openDatabase } from "../../db/client.ts";
import { pendingMigrations, sqliteFilePath } from "../../db/migrate.ts";
import type { ChainLink } from "./chain.ts";
import { describeFinding, LEDGER_TRIGGERS, verifyTrail } from "./verify.ts";

const USAGE = "Usage: npm run audit:verify [-- --expect <seq>:<hash>]   (DATABASE_URL names the database)";

class CannotVerify extends Error {}

function parseExpect(value: string | undefined): ChainLink | undefined {
  if (value === undefined) return undefined;
  const match = /^([1-9]\d*):([0-9a-f]{64})$/.exec(value);
  if (!match) throw new CannotVerify(`--expect must be <seq>:<64 hex digits>, got "${value}".`);
  return { seq: Number(match[1]), hash: match[2] as string };
}

async function main(): Promise<number> {
  let expect: ChainLink | undefined;
  try {
    const { values } = parseArgs({
      options: { expect: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    expect = parseExpect(values.expect);
  } catch (error) {
    console.error((error as Error).message);
    console.error(USAGE);
    return 2;
  }

  const url = loadConfig().databaseUrl;
  try {
    if (databaseKind(url) === "sqlite" && !fs.existsSync(sqliteFilePath(url)))
      throw new CannotVerify(`No database at ${sqliteFilePath(url)}.`);
    const pending = await pendingMigrations(url);
    if (pending.length > 0)
      throw new CannotVerify(`Migrations pending (${pending.join(", ")}): run npm run db:migrate first.`);
  } catch (error) {
    console.error(`Cannot verify: ${(error as Error).message}`);
    return 2;
  }

  const db = await openDatabase(url);
  try {
    const started = performance.now();
    const report = await verifyTrail(db, expect);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (report.findings.length > 0) {
      for (const finding of report.findings) console.error(`Finding: ${describeFinding(finding)}`);
      console.error(
        `${report.findings.length} finding(s) in ${report.entries} audit entries and the ledger's triggers (${seconds} s).`,
      );
      return 1;
    }
    const head = report.head ? `, head ${report.head.seq}:${report.head.hash}` : "";
    console.log(
      `OK: ${report.entries} audit entries chained${head}; ledger triggers ${Object.keys(LEDGER_TRIGGERS).join(", ")} in place (${seconds} s).`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`Cannot verify: ${error instanceof Error ? error.message : String(error)}`);
  return 2;
});
