// `npm run dev`: the hub on PORT (default 4000) and the console with hot reload on 5173,
// proxying /graphql and /exports to the hub.
import { spawn } from "node:child_process";

const hub = `http://localhost:${process.env.PORT || 4000}`;
const children = [
  spawn(process.execPath, ["--import", "tsx", "--watch", "server/main.ts"], { stdio: "inherit" }),
  spawn(process.execPath, ["node_modules/vite/bin/vite.js", "--config", "admin/vite.config.ts"], {
    stdio: "inherit",
    env: { ...process.env, HUB_URL: process.env.HUB_URL || hub },
  }),
];
const stop = () => {
  for (const child of children) child.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) child.on("exit", stop);
