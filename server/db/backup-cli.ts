// `npm run db:backup -- --to <file> [--force]`: an online, checked backup of DATABASE_URL.
// `npm run db:restore -- --from <file> [--force]`: puts one back into DATABASE_URL, with the hub
// stopped (server/db/backup.ts).
// Exit codes: 0 done and checked; 1 refused, failed, or the restored audit chain shows a finding;
// 2 wrong arguments.
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { describeFinding } from "../modules/audit/verify.ts";
import { BackupRefused, BackupUsageError, backupDatabase, restoreDatabase } from "./backup.ts";
import { redact } from "./copy.ts";

const USAGE = [
  "Usage: npm run db:backup -- --to <file> [--force]      (--force replaces an existing file)",
  "       npm run db:restore -- --from <file> [--force]   (--force replaces a database that holds records)",
  "DATABASE_URL names the database, as for the hub.",
].join("\n");

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function main(): Promise<number> {
  let command: "backup" | "restore";
  let file: string;
  let force: boolean;
  try {
    const { values, positionals } = parseArgs({
      options: {
        to: { type: "string" },
        from: { type: "string" },
        force: { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    const [which] = positionals;
    if (which === "backup" && values.to && !values.from) file = values.to;
    else if (which === "restore" && values.from && !values.to) file = values.from;
    else
      throw new BackupUsageError(
        which === "restore" ? "--from <file> is required." : "--to <file> is required.",
      );
    command = which;
    force = values.force ?? false;
  } catch (error) {
    console.error((error as Error).message);
    console.error(USAGE);
    return 2;
  }

  const url = loadConfig().databaseUrl;
  const log = (line: string) => console.log(line);
  const started = performance.now();
  try {
    if (command === "backup") {
      const backup = await backupDatabase({ url, to: file, force, log });
      console.log(
        `Backup of ${redact(url)} written to ${backup.file} (${megabytes(backup.bytes)}) in ${seconds(performance.now() - started)}: ` +
          `${Object.keys(backup.tables).length} tables, ${backup.rows} rows; ${backup.checked}.`,
      );
      return 0;
    }
    const restore = await restoreDatabase({ url, from: file, force, log });
    console.log(
      `Restored ${file} into ${redact(url)} in ${seconds(performance.now() - started)}: ` +
        `${Object.keys(restore.tables).length} tables, ${restore.rows} rows; ${restore.checked}.`,
    );
    if (!restore.trail) {
      console.log(
        "Migrations pending: the hub applies them at its start; run npm run audit:verify afterwards.",
      );
      return 0;
    }
    if (restore.trail.findings.length > 0) {
      for (const finding of restore.trail.findings) console.error(`Finding: ${describeFinding(finding)}`);
      console.error(`The restored audit trail or ledger shows ${restore.trail.findings.length} finding(s).`);
      return 1;
    }
    console.log(`Audit chain intact (${restore.trail.auditEntries} entries), ledger triggers in place.`);
    return 0;
  } catch (error) {
    if (error instanceof BackupRefused) console.error(`Refused: ${error.message}`);
    else console.error(`The ${command} failed: ${error instanceof Error ? error.message : error}`);
    return 1;
  }
}

process.exitCode = await main();
