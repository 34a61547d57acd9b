// The registry these machines reach lacks some platform builds that packages list as optional
// dependencies (e.g. Biome's macOS and Windows binaries). npm then leaves them out of
// package-lock.json, and `npm ci` refuses the lock as out of sync. This adds a lock entry for each
// missing platform package, carrying only its os/cpu/libc, so npm ci skips it on other platforms
// exactly as it would with the full entry. Run after `npm install` changes the lock.
import fs from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const packages = lock.packages;
const PLATFORM =
  /-(android|darwin|linux|win32|freebsd|openbsd|netbsd|sunos|aix|openharmony)-(arm64|x64|ia32|arm|riscv64|s390x|ppc64|loong64|wasm32)(?:-(gnu|musl|msvc|gnueabihf|musleabihf))?$/;

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `${path ? `${path}/` : ""}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[key] || packages[hoisted]) continue;
    const match = PLATFORM.exec(name);
    if (!match) continue;
    const [, os, cpu, libc] = match;
    packages[hoisted] = {
      version,
      cpu: [cpu],
      ...(entry.dev ? { dev: true } : {}),
      ...(libc === "musl" || libc === "gnu" ? { libc: [libc === "gnu" ? "glibc" : "musl"] } : {}),
      optional: true,
      os: [os],
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-stubs: ${added} platform package(s) added to package-lock.json`);
