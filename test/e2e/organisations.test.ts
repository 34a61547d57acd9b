// Authorities and schools in the console, and the frame every page shares (menu, top-bar search).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, expectAccessible, startConsole } from "./harness.ts";

let hub: Console;
beforeAll(async () => {
  hub = await startConsole();
});
afterAll(() => hub?.close());

describe("organisations", () => {
  it("lists the authorities and opens one with its schools and steering group", async () => {
    const page = await hub.signIn("servicemanager@ksm.example");
    await page.getByRole("menuitem", { name: "Schulträger" }).click();
    await page.getByRole("cell", { name: "Landeshauptstadt Schwerin" }).click();
    await page.getByRole("tab", { name: "Schulen" }).click();
    await page.getByText("Grundschule Lankow").waitFor();
    expect(await page.getByRole("row").count()).toBe(25);
    await page.getByRole("tab", { name: "Steuerungsgruppe" }).click();
    await page.getByText("Steuerungsgruppe Schul-IT Schwerin").waitFor();
    await page.getByText("Finanzen").waitFor();
    await expectAccessible(page, "authority page");
  });

  it("shows schools with who supports them, in German", async () => {
    const page = await hub.signIn("schul-it@schwerin.example");
    await page.goto(`${hub.url}/#/schools`);
    await page.getByText("Grundschule Lankow").waitFor();
    await expect(page.getByText("Dienstleister").first().isVisible()).resolves.toBe(true);
    await expect(page.getByText("Grundschule", { exact: true }).first().isVisible()).resolves.toBe(true);
    await expectAccessible(page, "schools list");
  });

  it("the Parchim controller sees Parchim's schools and nothing of Schwerin's", async () => {
    const page = await hub.signIn("controlling@parchim.example");
    await page.goto(`${hub.url}/#/schools`);
    await page.getByRole("row").nth(5).waitFor();
    expect(await page.getByRole("row").count()).toBe(6);
    expect(await page.content()).not.toMatch(/Schwerin|Lankow/);
  });
});
