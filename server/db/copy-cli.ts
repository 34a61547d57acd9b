// `npm run db:copy -- --from file:./data/hub.db --to postgres://user@host/hub`: copies the SQLite
// database into an empty PostgreSQL database and checks the copy (server/db/copy.ts).
// Exit codes: 0 copied and verified; 1 refused, failed or a difference found; 2 wrong arguments.
import { parseArgs } from "node:util";
import { CopyRefused, CopyUsageError, checkUrls, copyDatabase, progressPrinter, verifyCopy } from "./copy.ts";

const USAGE =
  "Usage: npm run db:copy -- --from <SQLite URL, file:…> --to <PostgreSQL URL, postgres://…> [--batch-size 1000]";

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main(): Promise<number> {
  let from: string;
  let to: string;
  let batchSize: number | undefined;
  try {
    const { values } = parseArgs({
      options: {
        from: { type: "string" },
        to: { type: "string" },
        "batch-size": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    ({ from, to } = checkUrls(values.from, values.to));
    if (values["batch-size"] !== undefined) {
      batchSize = Number(values["batch-size"]);
      if (!Number.isInteger(batchSize) || batchSize < 1)
        throw new CopyUsageError(`--batch-size must be a positive integer, got "${values["batch-size"]}".`);
    }
  } catch (error) {
    console.error((error as Error).message);
    console.error(USAGE);
    return 2;
  }

  try {
    const copy = await copyDatabase({
      from,
      to,
      batchSize,
      log: (line) => console.log(line),
      progress: progressPrinter(process.stdout),
    });
    console.log(
      `Copied ${copy.records} records in ${copy.tables.length} tables in ${seconds(copy.copyMs)} ` +
        `(migrations ${seconds(copy.migrateMs)}).`,
    );
    const started = performance.now();
    const check = await verifyCopy(from, to);
    if (check.mismatches.length > 0) {
      for (const line of check.mismatches) console.error(`Mismatch: ${line}`);
      console.error(
        `The copy differs from the source in ${check.mismatches.length} place(s). ` +
          "Was the hub still writing to the source?",
      );
      return 1;
    }
    console.log(`Verified in ${seconds(performance.now() - started)}.`);
    console.log(`OK: ${check.tables} tables, ${check.records} records, ledger sums equal`);
    return 0;
  } catch (error) {
    if (error instanceof CopyRefused) console.error(`Refused: ${error.message}`);
    else console.error(`The copy failed: ${error instanceof Error ? error.message : error}`);
    return 1;
  }
}

process.exitCode = await main();
