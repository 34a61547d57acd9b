// Every demo role signs in and lands on its dashboard, in German.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, expectAccessible, screenshot, startConsole } from "./harness.ts";

let hub: Console;
beforeAll(async () => {
  hub = await startConsole();
});
afterAll(() => hub?.close());

describe("sign-in", () => {
  it("shows a German sign-in page and refuses a wrong password with the server's message", async () => {
    const page = await (await hub.context()).newPage();
    await page.goto(`${hub.url}/#/login`);
    await expect(page.getByRole("button", { name: "Anmelden" }).isVisible()).resolves.toBe(true);
    await page.locator('input[name="username"]').fill("controlling@parchim.example");
    await page.locator('input[name="password"]').fill("falsch");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.getByText("E-Mail-Adresse oder Passwort ist falsch.").waitFor();
    await screenshot(page, "login");
    await expectAccessible(page, "login");
  });

  it("keeps the session across a reload without a token in reach of scripts, and signs out", async () => {
    const page = await hub.signIn("schulverwaltung@schwerin.example");
    await page.reload();
    await page.getByRole("heading", { name: /Willkommen/ }).waitFor();
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, cookie: document.cookie }));
    expect(storage).not.toMatch(/hub_session|token/i);
    await page
      .getByRole("button", { name: /Profil|Benutzer|Konto/ })
      .first()
      .click();
    await page.getByRole("menuitem", { name: "Abmelden" }).click();
    await page.getByRole("button", { name: "Anmelden" }).waitFor();
  });
});
