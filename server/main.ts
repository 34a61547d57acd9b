// Start: config → database (migrated, seeded on first start) → events → app → listen.
// SIGTERM/SIGINT: stop accepting, close WebSockets so clients reconnect elsewhere, finish
// requests in flight, then close the event stream and the database.
import { createApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { migrateDeploy } from "./db/migrate.ts";
import { demoAccountsWithDemoPassword, isEmpty, seedDemo } from "./db/seed.ts";
import { openEvents } from "./events/open.ts";
import { describeDelivery } from "./modules/mail/sender.ts";

const config = loadConfig();
const log = config.logLevel === "silent" ? () => {} : (line: string) => console.log(line);

const applied = await migrateDeploy(config.databaseUrl, log);
if (applied.length > 0) log(`Migrations applied: ${applied.join(", ")}`);
const db = await openDatabase(config.databaseUrl);

if (config.seedDemo && (await isEmpty(db))) await seedDemo(db, log);
if (config.production) {
  const open = await demoAccountsWithDemoPassword(db.read);
  if (open.length > 0) {
    console.error(
      `Refusing to start in production: demo accounts with the demo password exist (${open.join(", ")}).`,
    );
    await db.close();
    process.exit(1);
  }
}

const events = await openEvents(config, log);
const app = await createApp(config, db, events);
// Audit entries from before the hash chain get their hashes before the first probe reads them.
const chained = await app.runner.chainEarlierEntries();
if (chained > 0) log(`Audit chain: ${chained} earlier entries chained`);
app.server.listen(config.port, config.host, () => {
  log(`Schul-IT-Hub läuft auf http://localhost:${config.port} (GraphQL: /graphql)`);
  log(describeDelivery(config));
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: shutting down`);
  await app.close();
  await events.close();
  await db.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
