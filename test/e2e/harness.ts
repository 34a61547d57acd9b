// End-to-end harness: the built console served by the real entry point (`npm start`'s
// server/main.ts) on a copy of the run's seeded SQLite file, driven by Debian's Chromium through playwright-core.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect, inject } from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const root = path.resolve(import.meta.dirname, "../..");
export const SCREENSHOTS = path.join(root, "test-results/screenshots");
export const DEMO_PASSWORD = "demo-passwort";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Console {
  url: string;
  browser: Browser;
  /** A fresh browser context (its own cookies), at 1280×800 unless told otherwise. */
  context(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  /** A new page signed in as the demo account, on the dashboard. */
  signIn(email: string, context?: BrowserContext): Promise<Page>;
  /** GraphQL as the given person, for setting up data the way another client would. */
  gql<T>(email: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Stops the server with SIGTERM and starts it again on the same database and port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startConsole(): Promise<Console> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-e2e-"));
  const port = await freePort();
  fs.copyFileSync(inject("sqliteTemplates").seeded, path.join(dir, "hub.db"));
  // The same database and port after a restart, as an instance behind a load balancer.
  const launch = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: `file:${path.join(dir, "hub.db")}`,
        PORT: String(port),
        HOST: "127.0.0.1",
        NODE_ENV: "development",
      },
    });
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
      const onData = (data: Buffer) => {
        output += data.toString();
        if (output.includes("läuft auf")) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    });
    return child;
  };
  const stop = async (child: ChildProcess) => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  let server = await launch();
  const url = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // As a German user's browser: native date inputs show TT.MM.JJJJ.
      "--lang=de-DE",
    ],
  });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const tokens = new Map<string, string>();

  const hub: Console = {
    url,
    browser,
    context: (viewport = { width: 1280, height: 800 }) =>
      browser.newContext({ viewport, locale: "de-DE", timezoneId: "Europe/Berlin" }),
    async signIn(email, context) {
      const page = await (context ?? (await hub.context())).newPage();
      await page.goto(`${url}/#/login`);
      await page.locator('input[name="username"]').fill(email);
      await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Anmelden" }).click();
      // Sign-in hashes the password (Argon2id) and the role's dashboard loads as a chunk of its own.
      await page.getByRole("heading", { name: /Willkommen/ }).waitFor({ timeout: 30_000 });
      return page;
    },
    async gql(email, query, variables = {}) {
      let token = tokens.get(email);
      if (!token) {
        const login = await post(
          url,
          "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
          { e: email, p: DEMO_PASSWORD },
        );
        token = (login as { login: { token: string } }).login.token;
        tokens.set(email, token);
      }
      return (await post(url, query, variables, token)) as never;
    },
    async restart() {
      await stop(server);
      server = await launch();
    },
    async close() {
      await browser.close();
      await stop(server);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return hub;
}

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join("; "));
  return body.data;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** No axe-core violation of serious or critical impact. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // A menu that is still fading out has half its contrast: let running transitions end first.
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
  );
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    ),
    label,
  ).toEqual([]);
}
