// Builds the console into admin/dist when its sources are newer than the last build, so that
// `npm start` serves a current console without rebuilding on every start.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../admin");
const built = path.join(root, "dist/index.html");

function newest(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

const sources = ["src", "index.html", "vite.config.ts"]
  .map((name) => path.join(root, name))
  .filter((p) => fs.existsSync(p));
const stale =
  !fs.existsSync(built) ||
  Math.max(...sources.map(newest)) > fs.statSync(built).mtimeMs ||
  process.argv.includes("--force");
if (stale) {
  const started = Date.now();
  console.log("Building the console (admin/dist) …");
  // Always React's production build, also when called from a test runner (NODE_ENV=test).
  process.env.NODE_ENV = "production";
  const { build } = await import("vite");
  await build({ configFile: path.join(root, "vite.config.ts"), mode: "production", logLevel: "warn" });
  console.log(`Console built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
