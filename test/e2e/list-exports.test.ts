// Lists as files: "Exportieren" → "Als CSV" gives what a German spreadsheet opens (";", UTF-8
// with BOM, German headers, numbers and dates) with only the rows the list's filters let through;
// "Als Excel" gives a workbook with the same rows as real numbers and dates.
import fs from "node:fs";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, screenshot, startConsole } from "./harness.ts";

let hub: Console;
beforeAll(async () => {
  hub = await startConsole();
});
afterAll(() => hub?.close());

const CONTROLLER = "controlling@schwerin.example";

/** Clicks "Exportieren" and the format, and returns the downloaded file. */
async function download(
  page: Page,
  format: "Als CSV" | "Als Excel",
): Promise<{ name: string; data: Buffer }> {
  await page.getByRole("button", { name: "Exportieren" }).click();
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("menuitem", { name: format }).click(),
  ]);
  return { name: file.suggestedFilename(), data: fs.readFileSync(await file.path()) };
}

/** CSV lines split at ";" (the test's data hold no quoted separators in the columns it reads). */
function csvRows(text: string): string[][] {
  return text
    .split("\r\n")
    .filter(Boolean)
    .map((line) => line.split(";"));
}

async function sheetRows(data: Buffer): Promise<{ sheet: ExcelJS.Worksheet; rows: ExcelJS.CellValue[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("the workbook has no sheet");
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row) => {
    rows.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  return { sheet, rows };
}

describe("list exports", () => {
  it("exports the decisions register filtered by status as CSV and Excel", async () => {
    const { decisions } = await hub.gql<{ decisions: { totalCount: number } }>(
      CONTROLLER,
      "{ decisions(filter: { status: [APPROVED] }) { totalCount } }",
    );
    const { decisions: all } = await hub.gql<{ decisions: { totalCount: number } }>(
      CONTROLLER,
      "{ decisions { totalCount } }",
    );
    expect(decisions.totalCount).toBeGreaterThan(0);
    expect(all.totalCount).toBeGreaterThan(decisions.totalCount);

    const page = await hub.signIn(CONTROLLER);
    await page.goto(`${hub.url}/#/decisions`);
    await page.getByRole("combobox", { name: "Status" }).click();
    await page.getByRole("option", { name: "beschlossen" }).click();
    await page.waitForURL(/APPROVED/);
    await page.getByRole("row").nth(1).waitFor();

    await page.getByRole("button", { name: "Exportieren" }).click();
    await page.getByRole("menuitem", { name: "Als Excel" }).waitFor();
    await page.waitForTimeout(300); // the menu's opening animation
    await screenshot(page, "list-export-menu");
    await page.keyboard.press("Escape");
    const csv = await download(page, "Als CSV");
    expect(csv.name).toBe("Beschlüsse.csv");
    // The BOM, so that Excel reads the umlauts as UTF-8.
    expect([...csv.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.data.toString("utf8").slice(1);
    const [header = [], ...rows] = csvRows(text);
    expect(header.slice(0, 5)).toEqual(["Beschlossen am", "Titel", "Schulträger", "Schule", "Status"]);
    expect(header).toContain("Kostenwirkung (€)");
    expect(rows).toHaveLength(decisions.totalCount);
    for (const row of rows) {
      expect(row[0]).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
      expect(row[4]).toBe("beschlossen");
    }
    const costs = rows.map((row) => row[header.indexOf("Kostenwirkung (€)")]).filter(Boolean);
    expect(costs.length).toBeGreaterThan(0);
    for (const cost of costs) expect(cost).toMatch(/^-?\d{1,3}(\.\d{3})*,\d{2}$/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    const xlsx = await download(page, "Als Excel");
    expect(xlsx.name).toBe("Beschlüsse.xlsx");
    const { sheet, rows: cells } = await sheetRows(xlsx.data);
    expect(cells[0]?.slice(0, 5)).toEqual(["Beschlossen am", "Titel", "Schulträger", "Schule", "Status"]);
    expect(cells).toHaveLength(decisions.totalCount + 1);
    for (const row of cells.slice(1)) {
      expect(row[0]).toBeInstanceOf(Date);
      expect(row[4]).toBe("beschlossen");
    }
    expect(sheet.getColumn(1).numFmt).toBe("dd.mm.yyyy");
    const costColumn = header.indexOf("Kostenwirkung (€)") + 1;
    expect(sheet.getColumn(costColumn).numFmt).toBe('#,##0.00 "€"');
    expect(cells.slice(1).some((row) => typeof row[costColumn - 1] === "number")).toBe(true);

    // A long list (the audit trail, after 60 bookings) is read in several requests, each far
    // below the API's limits.
    const { schoolAuthorities } = await hub.gql<{
      schoolAuthorities: { name: string; serviceOrders: { id: string; status: string }[] }[];
    }>(CONTROLLER, "{ schoolAuthorities { name serviceOrders { id status } } }");
    const order = schoolAuthorities
      .find((a) => a.name.includes("Schwerin"))
      ?.serviceOrders.find((o) => o.status === "ACTIVE");
    const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin" }).format(new Date());
    for (let i = 0; i < 60; i++) {
      await hub.gql(
        "technik@ksm.example",
        "mutation ($input: RecordBookingInput!) { recordBooking(input: $input) { id } }",
        {
          input: {
            serviceOrderId: order?.id,
            date: today,
            personDays: "0.25",
            category: "Support",
            description: `Export-Test ${i + 1}`,
          },
        },
      );
    }
    const { auditLog } = await hub.gql<{ auditLog: { totalCount: number } }>(
      CONTROLLER,
      "{ auditLog(first: 1) { totalCount } }",
    );
    expect(auditLog.totalCount).toBeGreaterThanOrEqual(60);
    await page.goto(`${hub.url}/#/auditLog`);
    await page.getByRole("row").nth(1).waitFor();
    const trail = await download(page, "Als CSV");
    expect(trail.name).toBe("Änderungsprotokoll.csv");
    const entries = csvRows(trail.data.toString("utf8").slice(1));
    expect(entries[0]?.[0]).toBe("Zeitpunkt");
    expect(entries).toHaveLength(Math.min(auditLog.totalCount, 5000) + 1);
    await page.context().close();
  });

  it("exports only the procurement requests a search finds, with German euros", async () => {
    const page = await hub.signIn(CONTROLLER);
    await page.goto(`${hub.url}/#/procurementRequests`);
    await page.getByRole("row").nth(1).waitFor();
    const before = await page.getByRole("row").count();
    await page.locator('#main-content input[name="q"]').fill("Laptops");
    await page.waitForURL(/Laptops/);
    await expect.poll(() => page.getByRole("row").count()).toBeLessThan(before);
    const shown = (await page.getByRole("row").count()) - 1;

    const csv = await download(page, "Als CSV");
    const [header = [], ...rows] = csvRows(csv.data.toString("utf8").slice(1));
    expect(header).toContain("Geschätzte Kosten (€)");
    expect(rows).toHaveLength(shown);
    const cost = header.indexOf("Geschätzte Kosten (€)");
    for (const row of rows) {
      expect(row.join(";")).toMatch(/Laptops/i);
      expect(row[cost]).toMatch(/^\d{1,3}(\.\d{3})*,\d{2}$/);
    }
    await page.context().close();
  });

  it("exports the escalations board as its filters show it", async () => {
    const page = await hub.signIn(CONTROLLER);
    await page.goto(`${hub.url}/#/escalations`);
    await page.getByTestId("column-RAISED").waitFor();
    await page.getByRole("combobox", { name: "Schweregrad" }).click();
    await page.getByRole("option", { name: "hoch" }).click();
    const csv = await download(page, "Als CSV");
    expect(csv.name).toBe("Eskalationen.csv");
    const [header = [], ...rows] = csvRows(csv.data.toString("utf8").slice(1));
    const severity = header.indexOf("Schweregrad");
    expect(severity).toBeGreaterThan(-1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row[severity]).toBe("hoch");
      expect(row[0]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    }
    await page.context().close();
  });
});
