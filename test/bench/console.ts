// How fast the console loads, measured in Debian's Chromium (playwright-core):
//   jsKiBCompressed  the JavaScript that the sign-in page and then the controller's dashboard load,
//                    as sent over the wire (compressed bodies, from the browser's resource timing);
//   dashboardMs      from navigation start of a signed-in, cold-cache load of the start page until
//                    the controller's order figures are on screen (median of a few loads).
// Standalone: `node --import tsx test/bench/console.ts [BASE_URL]`; without a URL it builds and
// starts the hub as `npm start` does, on a fresh demo database, and stops it afterwards.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CONTROLLER = "controlling@schwerin.example";
const PASSWORD = "demo-passwort";
/** The figures of the controller's first active order (admin/src/controlling/figures.tsx). */
const FIGURES = '[data-testid="dashboard-order"] [data-testid="figure-remaining"]';
const LOADS = 3;

export interface ConsoleFigures {
  jsKiBCompressed: number;
  dashboardMs: number;
  /** Of jsKiBCompressed, what the sign-in page loads before anyone signs in. */
  loginJsKiB: number;
  /** Of a signed-in cold load, the scripts fetched before the figures were on screen (the chart follows). */
  jsKiBAtFigures: number;
  /** Each cold load's time to the figures. */
  dashboardLoadsMs: number[];
  /** Script files loaded by sign-in page and dashboard. */
  scripts: number;
}

interface ScriptEntry {
  name: string;
  encodedBodySize: number;
}

/** Compressed bytes of every script the page fetched so far (resource timing, same origin). */
function scripts(page: Page): Promise<ScriptEntry[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((entry) => new URL(entry.name).pathname.endsWith(".js"))
      .map((entry) => ({ name: entry.name, encodedBodySize: entry.encodedBodySize })),
  );
}

const kib = (entries: ScriptEntry[]) =>
  Math.round((entries.reduce((sum, entry) => sum + entry.encodedBodySize, 0) / 1024) * 10) / 10;

/** Waits until no script has been added for `quietMs` (lazy chunks that follow the first paint). */
async function settled(page: Page, quietMs = 750): Promise<ScriptEntry[]> {
  let last = await scripts(page);
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(quietMs);
    const now = await scripts(page);
    if (now.length === last.length) return now;
    last = now;
  }
  return last;
}

export async function measureConsole(baseUrl: string): Promise<ConsoleFigures> {
  const base = baseUrl.replace(/\/$/, "");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--lang=de-DE",
    ],
  });
  const newContext = (): Promise<BrowserContext> =>
    browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: "de-DE",
      timezoneId: "Europe/Berlin",
    });
  try {
    // Sign-in page, then sign in and wait for the dashboard's figures and whatever it loads after.
    const first = await newContext();
    const page = await first.newPage();
    await page.goto(`${base}/#/login`);
    await page.locator('input[name="username"]').waitFor({ timeout: 30_000 });
    const login = await settled(page, 300);
    await page.locator('input[name="username"]').fill(CONTROLLER);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.locator(FIGURES).first().waitFor({ timeout: 30_000 });
    const all = await settled(page);
    const unique = [...new Map(all.map((entry) => [entry.name, entry])).values()];
    const cookies = await first.cookies();
    await first.close();

    // Signed in, cold cache: navigation start → figures on screen, timed in the page itself.
    const loads: number[] = [];
    let atFigures = Number.NaN;
    for (let i = 0; i < LOADS; i++) {
      const context = await newContext();
      await context.addCookies(cookies);
      await context.addInitScript((selector: string) => {
        // Polled every 5 ms from the first script on (a MutationObserver set up this early saw nothing).
        const w = window as unknown as { figuresAt?: number };
        const timer = setInterval(() => {
          if (!document.querySelector(selector)) return;
          w.figuresAt = performance.now();
          clearInterval(timer);
        }, 5);
      }, FIGURES);
      const cold = await context.newPage();
      await cold.goto(`${base}/`);
      await cold.waitForFunction(
        () => (window as unknown as { figuresAt?: number }).figuresAt !== undefined,
        null,
        {
          timeout: 30_000,
        },
      );
      const figuresAt = await cold.evaluate(() => (window as unknown as { figuresAt: number }).figuresAt);
      loads.push(Math.round(figuresAt));
      if (i === 0) {
        atFigures = await cold.evaluate(
          (at: number) =>
            (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
              .filter((entry) => new URL(entry.name).pathname.endsWith(".js") && entry.responseEnd <= at)
              .reduce((sum, entry) => sum + entry.encodedBodySize, 0),
          figuresAt,
        );
      }
      await context.close();
    }
    const sorted = [...loads].sort((a, b) => a - b);
    return {
      jsKiBCompressed: kib(unique),
      dashboardMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
      loginJsKiB: kib(login),
      jsKiBAtFigures: Math.round((atFigures / 1024) * 10) / 10,
      dashboardLoadsMs: loads,
      scripts: unique.length,
    };
  } finally {
    await browser.close();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `npm start` on a fresh demo database: built console, built server, plain node. */
export async function startBuiltHub(): Promise<{ url: string; stop(): Promise<void> }> {
  const root = path.resolve(import.meta.dirname, "../..");
  for (const script of ["scripts/build-admin.mjs", "scripts/build-server.mjs"]) {
    const result = spawnSync(process.execPath, [path.join(root, script)], { cwd: root, stdio: "inherit" });
    if (result.status !== 0) throw new Error(`${script} failed`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-console-bench-"));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ["--enable-source-maps", path.join(root, "dist/server/main.js")],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: `file:${path.join(dir, "hub.db")}`,
        PORT: String(port),
        HOST: "127.0.0.1",
        NODE_ENV: "development",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${output}`)), 120_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      if (output.includes("läuft auf")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`hub exited with ${code}:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const given = process.argv[2];
  const hub = given ? undefined : await startBuiltHub();
  try {
    const figures = await measureConsole(given ?? (hub as { url: string }).url);
    console.log(
      `Console: ${figures.jsKiBCompressed} KiB compressed JavaScript for sign-in and dashboard ` +
        `(${figures.scripts} files; sign-in page alone ${figures.loginJsKiB} KiB, ` +
        `a signed-in start page until its figures show ${figures.jsKiBAtFigures} KiB); ` +
        `controller's figures on screen after ${figures.dashboardMs} ms (loads: ${figures.dashboardLoadsMs.join(", ")} ms)`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await hub?.stop();
  }
}
