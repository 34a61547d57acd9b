// `npm run db:seed`: applies migrations, then creates the demo data in an empty database.
import { loadConfig } from "../config.ts";
import { openDatabase } from "./client.ts";
import { migrateDeploy } from "./migrate.ts";
import { isEmpty, seedDemo } from "./seed.ts";

const config = loadConfig();
if (config.production) {
  console.error("Demo data is never created in production (NODE_ENV=production).");
  process.exit(1);
}
await migrateDeploy(config.databaseUrl, console.log);
const db = await openDatabase(config.databaseUrl);
try {
  if (!((await isEmpty(db)) && (await seedDemo(db, console.log))))
    console.log("The database already holds data; nothing seeded.");
} finally {
  await db.close();
}
