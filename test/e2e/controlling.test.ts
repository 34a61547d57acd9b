// Service orders in the browser: figures and burn-down, the live update when someone books in
// another browser, reversal, proofs of service, exports, tenant isolation and tablet width.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, expectAccessible, screenshot, startConsole } from "./harness.ts";

let hub: Console;
let orderId: string;
let orderPath: string;

/** "350.75" + "2.50" in hundredths, formatted as the console shows it ("353,25 PT"). */
function addPersonDays(a: string, b: string): string {
  const h = (v: string) => Math.round(Number(v) * 100);
  const sum = h(a) + h(b);
  const whole = Math.floor(sum / 100).toLocaleString("de-DE");
  const cents = String(sum % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return `${whole}${cents ? `,${cents}` : ""} PT`;
}

beforeAll(async () => {
  hub = await startConsole();
  const data = await hub.gql<{ schoolAuthorities: { serviceOrders: { id: string; status: string }[] }[] }>(
    "controlling@schwerin.example",
    "{ schoolAuthorities { serviceOrders { id status } } }",
  );
  const order = data.schoolAuthorities.flatMap((a) => a.serviceOrders).find((o) => o.status === "ACTIVE");
  if (!order) throw new Error("no active service order in the demo data");
  orderId = order.id;
  orderPath = `${hub.url}/#/serviceOrders/${encodeURIComponent(orderId)}/show`;
});
afterAll(() => hub?.close());

describe("service orders", () => {
  it("shows the order's figures, utilisation against time, burn-down, lines, proofs and amendments", async () => {
    const page = await hub.signIn("controlling@schwerin.example");
    await page.goto(orderPath);
    await page.getByTestId("figure-contracted").getByText("420 PT").waitFor();
    await expect(page.getByTestId("utilization-summary").textContent()).resolves.toMatch(
      /^\d+ % verbraucht nach \d+ % der Laufzeit$/,
    );
    await page.getByTestId("burndown").locator("svg.recharts-surface").first().waitFor();
    await page.getByText("Prognose (Spanne)").first().waitFor();
    await page.getByTestId("line-Ertüchtigung").waitFor();
    await page.getByRole("heading", { level: 2, name: "Nachträge und Volumen" }).waitFor();
    await page.getByRole("cell", { name: "Beauftragung" }).waitFor();
    // The per-line burn-down, computed from the ledger.
    await page.getByRole("button", { name: "Ertüchtigung", exact: true }).click();
    await page.getByText(/von 80 PT\.$/).waitFor();
    // A controller sees no booking form and no "Stornieren", but the exports.
    await page.getByRole("heading", { name: "Buchungen" }).waitFor();
    await page.getByRole("cell", { name: "Storno: doppelt gebucht" }).waitFor();
    expect(await page.getByRole("button", { name: "Stornieren" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Buchen" }).count()).toBe(0);
    const csv = await page
      .context()
      .request.get(
        `${hub.url}${await page.getByRole("link", { name: "Buchungen als CSV" }).getAttribute("href")}`,
      );
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
    await screenshot(page, "service-order");
    await expectAccessible(page, "service order page");
    await page.context().close();
  });

  it("updates the controller's chart and figures within two seconds when staff book in another browser", async () => {
    const controller = await hub.signIn("controlling@schwerin.example");
    await controller.goto(orderPath);
    const chart = controller.getByTestId("burndown").first();
    await chart.locator("svg.recharts-surface").first().waitFor();
    const before = (await chart.getAttribute("data-consumed")) ?? "";
    expect(before).toMatch(/^\d+\.\d{2}$/);
    // A reload would lose this marker.
    await controller.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
    });

    // Staff book from their start page, which offers an active order's booking form; the provider
    // serves many authorities, so they choose Schwerin's order first.
    const staff = await hub.signIn("technik@ksm.example");
    await staff.getByRole("combobox", { name: "Serviceschein" }).click();
    await staff.getByRole("option", { name: /Landeshauptstadt Schwerin/ }).click();
    const form = staff.getByRole("form", { name: "Personentage buchen" });
    await form.locator('input[name="personDays"]').fill("2,5");
    await form.locator('input[name="ticketRef"]').fill("KSM-E2E-1");
    await form.locator('input[name="description"]').fill("Live-Test: Netzwerkstörung behoben");
    await form.getByRole("button", { name: "Buchen" }).click();
    const booked = Date.now();

    const expected = addPersonDays(before, "2.50");
    await controller.getByTestId("figure-consumed").getByText(expected).waitFor({ timeout: 2_000 });
    await controller
      .getByTestId("burndown-caption")
      .first()
      .getByText(new RegExp(`${expected} verbraucht`))
      .waitFor({ timeout: 2_000 });
    expect(Date.now() - booked).toBeLessThan(2_000);
    expect(await controller.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    // The bookings list refreshed too.
    await controller
      .getByRole("cell", { name: "Live-Test: Netzwerkstörung behoben" })
      .waitFor({ timeout: 2_000 });

    // Staff reverse it with a reason; the controller's figures go back.
    await staff.getByText("2,5 PT gebucht.").waitFor();
    const row = staff.getByRole("row").filter({ hasText: "Live-Test: Netzwerkstörung behoben" });
    await row.getByRole("button", { name: "Stornieren" }).click();
    await staff.getByRole("dialog").getByLabel("Grund der Stornierung").fill("Falscher Serviceschein");
    await staff.getByRole("dialog").getByRole("button", { name: "Stornieren" }).click();
    await staff.getByText("Buchung storniert.").waitFor();
    await controller
      .getByTestId("figure-consumed")
      .getByText(addPersonDays(before, "0"))
      .waitFor({ timeout: 2_000 });
    await controller.getByRole("cell", { name: /Falscher Serviceschein/ }).waitFor();
    await controller.context().close();
    await staff.context().close();
  });

  it("shows the server's German message when a booking is refused", async () => {
    const staff = await hub.signIn("technik@ksm.example");
    await staff.goto(orderPath);
    await staff.getByRole("heading", { level: 1, name: /Serviceschein/ }).waitFor();
    const form = staff.getByRole("form", { name: "Personentage buchen" });
    await form.locator('input[name="personDays"]').fill("0");
    await form.locator('input[name="description"]').fill("Nullbuchung");
    await form.getByRole("button", { name: "Buchen" }).click();
    await staff.getByText("Personentage müssen größer als 0 sein.").waitFor();
    await staff.context().close();
  });

  it("lets the controller check the issued proof of service of last month", async () => {
    const page = await hub.signIn("controlling@schwerin.example");
    await page.goto(orderPath);
    const issued = page.getByRole("row").filter({ has: page.getByText("ausgestellt", { exact: true }) });
    await issued.first().waitFor();
    const month = await issued.first().getByRole("rowheader").textContent();
    const pdf = await page.context().request.get(
      `${hub.url}${await issued
        .first()
        .getByRole("link", { name: /^PDF des Leistungsnachweises/ })
        .getAttribute("href")}`,
    );
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toMatch(/application\/pdf/);
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: month ?? "" }) });
    await row.getByRole("button", { name: "Als geprüft markieren" }).click();
    // A confirmation that says what checking means; cancelling changes nothing.
    const confirm = page.getByRole("dialog", { name: `Leistungsnachweis ${month} als geprüft markieren?` });
    await confirm.getByText(/als sachlich richtig\. Beanstanden ist danach nicht mehr möglich/).waitFor();
    await expectAccessible(page, "proof check confirmation");
    await confirm.getByRole("button", { name: "Abbrechen" }).click();
    await confirm.waitFor({ state: "hidden" });
    await row.getByText("ausgestellt", { exact: true }).waitFor();
    await row.getByRole("button", { name: "Als geprüft markieren" }).click();
    await confirm.getByRole("button", { name: "Als geprüft markieren" }).click();
    // The success message says what happened.
    await page
      .getByText(`Leistungsnachweis ${month} als geprüft markiert; er kann jetzt beglichen werden.`)
      .waitFor();
    await row.getByText("geprüft", { exact: true }).waitFor();
    await row.getByRole("button", { name: "Als beglichen markieren" }).waitFor();
    // Focus moves on to the next step of the same proof.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe("Als beglichen markieren");
    await page.context().close();
  });

  it("stays within the width of a tablet", async () => {
    const context = await hub.context({ width: 768, height: 1024 });
    const page = await hub.signIn("servicemanager@ksm.example", context);
    await page.goto(orderPath);
    await page.getByTestId("burndown").locator("svg.recharts-surface").first().waitFor();
    await page.getByRole("cell", { name: "Storno: doppelt gebucht" }).waitFor();
    const width = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(width.scroll).toBeLessThanOrEqual(width.inner);
    await screenshot(page, "service-order-tablet");
    await context.close();
  });

  it("shows the Parchim controller Parchim's own order and no Schwerin order, booking or alert", async () => {
    const page = await hub.signIn("controlling@parchim.example");
    // Parchim's own order of this year (the demo's, since July), and nothing of Schwerin.
    await page.getByTestId("utilization-summary").first().waitFor();
    await page
      .getByText(/Leistungsnachweise|Warnungen/)
      .first()
      .waitFor();
    expect(await page.locator("body").textContent()).not.toMatch(/Schwerin|420 PT/);

    await page.goto(`${hub.url}/#/serviceOrders`);
    await page.getByText("Stadt Parchim").first().waitFor();
    expect(await page.locator("main").textContent()).not.toMatch(/Schwerin/);

    // Schwerin's order by its address: refused, nothing of it shown.
    await page.goto(orderPath);
    await page
      .getByText(/nicht gefunden|existiert nicht|Serviceschein/)
      .first()
      .waitFor();
    expect(await page.locator("main").textContent()).not.toMatch(/Schwerin|420 PT|verbraucht nach/);
    await page.context().close();
  });
});
