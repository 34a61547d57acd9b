// Builds the console once before the browser tests, as `npm start` would.
import { execFileSync } from "node:child_process";
import path from "node:path";

export default function setup() {
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, "../../scripts/build-admin.mjs")], {
    stdio: "inherit",
  });
}
