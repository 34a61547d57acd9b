// The one German number input: 1500,50, 1.500,50 and 1500.50 are the same euros, shown before
// saving and read back as 1.500,50 €; a refused text stays as typed with a German message at the
// field; the server's refusal of a field appears at that field too.
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, screenshot, startConsole } from "./harness.ts";

let hub: Console;
beforeAll(async () => {
  hub = await startConsole();
});
afterAll(() => hub?.close());

const SCHOOL_CONTACT = "schule@schwerin.example";
const STAFF = "technik@ksm.example";

/** The helper text under a field: what it understood, or why it refuses. */
async function helperOf(input: Locator): Promise<Locator> {
  const ids = (await input.getAttribute("aria-describedby")) ?? "";
  const id = ids.split(" ").find((part) => part.endsWith("helper-text"));
  if (!id) throw new Error("the field has no helper text");
  return input.page().locator(`[id="${id}"]`);
}

async function openRequestForm(page: Page, title: string): Promise<Locator> {
  await page.goto(`${hub.url}/#/procurementRequests/create`);
  await page.getByRole("combobox", { name: "Kategorie" }).click();
  await page.getByRole("option", { name: "Hardware" }).click();
  await page.getByLabel("Titel").fill(title);
  await page.getByLabel("Begründung").fill("Ersatz für ein defektes Gerät im Lehrerzimmer.");
  return page.getByLabel("Geschätzte Kosten (€)");
}

describe("the German number input", () => {
  it("reads 1500,50, 1.500,50 and 1500.50 as 1.500,50 €, says so before saving and reads it back", async () => {
    const page = await hub.signIn(SCHOOL_CONTACT);
    for (const typed of ["1500,50", "1.500,50", "1500.50"]) {
      const title = `Dokumentenkamera (${typed})`;
      const cost = await openRequestForm(page, title);
      await cost.fill(typed);
      await expect((await helperOf(cost)).textContent()).resolves.toBe("= 1.500,50 €");
      if (typed === "1.500,50") {
        await page.waitForTimeout(400); // the category menu's closing animation
        await screenshot(page, "number-input-understood");
      }
      await page.getByRole("button", { name: "Speichern" }).click();
      await page.waitForURL(/#\/procurementRequests(\?|$)/);
      const row = page.getByRole("row").filter({ hasText: title });
      await row.getByRole("cell", { name: "1.500,50 €", exact: true }).waitFor();
    }
    await page.context().close();
  });

  it("refuses 1,333 and words at the field in German, keeping them as typed", async () => {
    const page = await hub.signIn(SCHOOL_CONTACT);
    const cost = await openRequestForm(page, "Headsets für den Sprachunterricht");
    const helper = await helperOf(cost);
    await cost.fill("1,333");
    await cost.blur();
    await expect(helper.textContent()).resolves.toBe("„1,333“ hat zu viele Nachkommastellen: höchstens 2.");
    await expect(cost.getAttribute("aria-invalid")).resolves.toBe("true");
    await cost.fill("zwölf");
    await page.getByRole("button", { name: "Speichern" }).click();
    await helper.getByText("„zwölf“ ist keine Zahl. Bitte so schreiben: 1.500,50 oder 1500,50.").waitFor();
    await expect(cost.inputValue()).resolves.toBe("zwölf");
    expect(page.url()).toMatch(/#\/procurementRequests\/create/);
    // Corrected, the field says what it understood; 1.500 is one thousand five hundred, not 1,5.
    await cost.fill("1.500");
    await helper.getByText("= 1.500,00 €").waitFor();
    await cost.fill("1,333");
    await cost.blur();
    await page.waitForTimeout(400); // the label's colour transition
    await screenshot(page, "number-input-refused");
    await page.context().close();
  });

  it("shows the server's refusal of a field at that field, not only as a message", async () => {
    const page = await hub.signIn(SCHOOL_CONTACT);
    const cost = await openRequestForm(page, "x".repeat(201));
    await cost.fill("99,90");
    await page.getByRole("button", { name: "Speichern" }).click();
    const title = page.getByLabel("Titel");
    await (await helperOf(title)).getByText(/darf höchstens 200 Zeichen lang sein\.$/).waitFor();
    await expect(title.getAttribute("aria-invalid")).resolves.toBe("true");
    await page.context().close();
  });

  it("keeps a booking's refused amount as typed and books the one it understood", async () => {
    const page = await hub.signIn(STAFF);
    await page.getByRole("combobox", { name: "Serviceschein" }).click();
    await page.getByRole("option", { name: /Landeshauptstadt Schwerin/ }).click();
    const form = page.getByRole("form", { name: "Personentage buchen" });
    const amount = form.locator('input[name="personDays"]');
    await form.locator('input[name="ticketRef"]').fill("KSM-ZAHL-1");
    await form.locator('input[name="description"]').fill("Drucker im Sekretariat eingerichtet");
    await amount.fill("1,333");
    await form.getByRole("button", { name: "Buchen" }).click();
    const helper = await helperOf(amount);
    await helper.getByText("„1,333“ hat zu viele Nachkommastellen: höchstens 2.").waitFor();
    await expect(amount.inputValue()).resolves.toBe("1,333");
    // Too much for one booking: the server's German refusal stands at the field.
    await amount.fill("25");
    await helper.getByText("= 25 PT").waitFor();
    await form.getByRole("button", { name: "Buchen" }).click();
    await helper.getByText(/^Eine Buchung darf höchstens .* Personentage umfassen\.$/).waitFor();
    await expect(amount.getAttribute("aria-invalid")).resolves.toBe("true");
    await amount.fill("1.5");
    await helper.getByText("= 1,5 PT").waitFor();
    await form.getByRole("button", { name: "Buchen" }).click();
    await page.getByText("1,5 PT gebucht.").waitFor();
    await expect(amount.inputValue()).resolves.toBe("");
    await page.context().close();
  });
});
