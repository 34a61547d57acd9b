// The Dienstleister-Übersicht: the service manager opens it from the menu, sees the provider's 13
// authorities with their figures and the totals, sorts by a column and the order changes; the
// year selector loads another year; other roles find no menu entry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, expectAccessible, screenshot, startConsole } from "./harness.ts";

let hub: Console;
beforeAll(async () => {
  hub = await startConsole();
});
afterAll(() => hub?.close());

interface Overview {
  providerOverview: {
    authorities: { authority: { name: string }; openEscalations: number; contractedPersonDays: string }[];
    totals: { contractedPersonDays: string; consumedPersonDays: string };
  };
}

/** "1234.5" → "1.234,50": the German format the page shows. */
const german = (value: string) => {
  const [whole = "0", fraction = ""] = value.split(".");
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".")},${fraction.padEnd(2, "0").slice(0, 2)}`;
};

describe("provider-wide view", () => {
  it("shows the service manager the 13 authorities and the totals, sortable by a column", async () => {
    const year = new Date().getFullYear();
    const data = await hub.gql<Overview>(
      "servicemanager@ksm.example",
      `query($year: Int!) { providerOverview(year: $year) { authorities { authority { name } openEscalations contractedPersonDays }
        totals { contractedPersonDays consumedPersonDays } } }`,
      { year },
    );
    const page = await hub.signIn("servicemanager@ksm.example");
    await page.getByRole("menuitem", { name: "Dienstleister-Übersicht" }).click();
    await page.getByRole("heading", { level: 1, name: "Dienstleister-Übersicht" }).waitFor();
    const table = page.getByTestId("provider-overview");
    await table.waitFor();
    const names = () => page.getByTestId("overview-authority").allTextContents();

    // 13 authorities, by name first, and the totals row with the sums in German format.
    await expect(page.getByTestId("overview-row").count()).resolves.toBe(13);
    const byName = await names();
    expect(byName).toEqual(
      data.providerOverview.authorities.map((a) => a.authority.name).sort((a, b) => a.localeCompare(b, "de")),
    );
    expect(byName).toContain("Landeshauptstadt Schwerin");
    expect(byName).toContain("Stadt Parchim");
    const totals = page.getByTestId("overview-totals");
    await totals.getByText("Summe").waitFor();
    await totals.getByText(`${german(data.providerOverview.totals.contractedPersonDays)} PT`).waitFor();
    await totals.getByText(`${german(data.providerOverview.totals.consumedPersonDays)} PT`).waitFor();
    // A chart in every column's header.
    await expect(table.locator("thead .recharts-wrapper").count()).resolves.toBe(8);

    // Sorted by contracted volume: the largest first, then the other way round.
    await page.getByRole("button", { name: "Nach Vertragsvolumen sortieren" }).click();
    const byVolume = await names();
    expect(byVolume).not.toEqual(byName);
    const largest = [...data.providerOverview.authorities].sort(
      (a, b) => Number(b.contractedPersonDays) - Number(a.contractedPersonDays),
    )[0];
    expect(byVolume[0]).toBe(largest?.authority.name);
    await page.getByRole("button", { name: "Nach Vertragsvolumen sortieren" }).click();
    const smallest = Math.min(
      ...data.providerOverview.authorities.map((a) => Number(a.contractedPersonDays)),
    );
    const [top] = await names();
    const first = data.providerOverview.authorities.find((a) => a.authority.name === top);
    expect(Number(first?.contractedPersonDays)).toBe(smallest);
    // The totals row stays below the authorities, whatever the order.
    await expect(page.getByRole("row").last().textContent()).resolves.toMatch(/^Summe/);
    await screenshot(page, "provider-overview");
    await expectAccessible(page, "provider overview");

    // Another year: a year without orders shows zeros, the authorities stay.
    await page.getByRole("combobox", { name: "Jahr" }).click();
    await page.getByRole("option", { name: String(year - 3) }).click();
    await totals.getByText("0,00 PT").first().waitFor();
    await expect(page.getByTestId("overview-row").count()).resolves.toBe(13);
    await page.context().close();
  });

  it("offers the page to no one but the service manager and the administrator", async () => {
    const admin = await hub.signIn("admin@ksm.example");
    await admin.getByRole("menuitem", { name: "Dienstleister-Übersicht" }).waitFor();
    await admin.context().close();
    const controller = await hub.signIn("controlling@schwerin.example");
    await controller.getByRole("menuitem").first().waitFor();
    await expect(controller.getByRole("menuitem", { name: "Dienstleister-Übersicht" }).count()).resolves.toBe(
      0,
    );
    // By its address: the server refuses, the page says so in German.
    await controller.goto(`${hub.url}/#/provider-overview`);
    await controller.getByText(/Servicemanagement und die Administration des Dienstleisters/).waitFor();
    await controller.context().close();
  });
});
