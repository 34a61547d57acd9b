// Warnings that reflect the current state, and the confirmation of a dispute: a service line
// above its volume stays warned about on the controller's start page and the order's page after
// every alert is acknowledged; disputing a proof of service says what happens and asks the reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, expectAccessible, screenshot, startConsole } from "./harness.ts";

const CONTROLLER = "controlling@schwerin.example";
const STAFF = "technik@ksm.example";
const LINE = "Ertüchtigung";

let hub: Console;
let orderId = "";
let orderTitle = "";

interface Order {
  id: string;
  title: string;
  status: string;
  lines: { name: string; contractedPersonDays: string; consumedPersonDays: string }[];
}

/** "80.5" → 8050 */
const hundredths = (value: string) => Math.round(Number(value) * 100);

beforeAll(async () => {
  hub = await startConsole();
  const data = await hub.gql<{ schoolAuthorities: { name: string; serviceOrders: Order[] }[] }>(
    CONTROLLER,
    "{ schoolAuthorities { name serviceOrders { id title status lines { name contractedPersonDays consumedPersonDays } } } }",
  );
  const order = data.schoolAuthorities.flatMap((a) => a.serviceOrders).find((o) => o.status === "ACTIVE");
  const line = order?.lines.find((l) => l.name === LINE);
  if (!order || !line) throw new Error("no active order with the line Ertüchtigung in the demo data");
  orderId = order.id;
  orderTitle = order.title;
  // Provider staff book the line past its volume, in bookings of at most 20 PT.
  let missing = hundredths(line.contractedPersonDays) - hundredths(line.consumedPersonDays) + 1_000;
  const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin" }).format(new Date());
  while (missing > 0) {
    const amount = Math.min(missing, 2_000);
    await hub.gql(STAFF, "mutation ($input: RecordBookingInput!) { recordBooking(input: $input) { id } }", {
      input: {
        serviceOrderId: orderId,
        date: today,
        personDays: (amount / 100).toFixed(2),
        category: LINE,
        description: "Zusatzaufwand WLAN-Ertüchtigung",
      },
    });
    missing -= amount;
  }
  // Every alert the bookings raised is acknowledged: nothing "open" is left in the alert list.
  const alerts = await hub.gql<{ schoolAuthorities: { controllingAlerts: { id: string }[] }[] }>(
    CONTROLLER,
    "{ schoolAuthorities { controllingAlerts(open: true) { id } } }",
  );
  for (const alert of alerts.schoolAuthorities.flatMap((a) => a.controllingAlerts)) {
    await hub.gql(CONTROLLER, "mutation ($id: ID!) { acknowledgeControllingAlert(alertId: $id) { id } }", {
      id: alert.id,
    });
  }
});
afterAll(() => hub?.close());

describe("controlling warnings and confirmations", () => {
  it("keeps warning about a line above 100 % after every alert is acknowledged", async () => {
    const page = await hub.signIn(CONTROLLER);
    const open = page.getByTestId("open-alerts");
    const warning = open.getByTestId("over-volume").filter({ hasText: `Leistungsart „${LINE}“` });
    await warning
      .getByText(new RegExp(`^Leistungsart „${LINE}“ \\(${orderTitle}\\) steht bei 1\\d\\d %: `))
      .waitFor();
    await warning.getByText(/bleibt angezeigt, bis ein Nachtrag das Volumen erhöht/).waitFor();
    await expect(open.getByText("Keine offenen Warnungen.").count()).resolves.toBe(0);
    await expect(open.getByRole("button", { name: "Bestätigen" }).count()).resolves.toBe(0);
    await expectAccessible(page, "controller dashboard with a line over its volume");
    await screenshot(page, "dashboard-controller-over-volume");

    await page.goto(`${hub.url}/#/serviceOrders/${encodeURIComponent(orderId)}/show`);
    await page
      .getByTestId("over-volume")
      .getByText(new RegExp(`^Leistungsart „${LINE}“ steht bei 1\\d\\d %: `))
      .waitFor();
    await page.context().close();
  });

  it("asks for the reason before disputing a proof of service, and says what happened", async () => {
    const page = await hub.signIn(CONTROLLER);
    await page.goto(`${hub.url}/#/serviceOrders/${encodeURIComponent(orderId)}/show`);
    const issued = page.getByRole("row").filter({ has: page.getByText("ausgestellt", { exact: true }) });
    await issued.first().waitFor();
    const month = (await issued.first().getByRole("rowheader").textContent()) ?? "";
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: month }) });
    await row.getByRole("button", { name: "Beanstanden" }).click();
    const dialog = page.getByRole("dialog", { name: `Leistungsnachweis ${month} beanstanden?` });
    await dialog.getByText(/geht mit Ihrem Grund an den Dienstleister zurück/).waitFor();
    // No dispute without a reason.
    await expect(dialog.getByRole("button", { name: "Beanstanden" }).isDisabled()).resolves.toBe(true);
    await dialog.getByLabel(/^Grund der Beanstandung/).fill("Im Oktober sind zwei Einsätze doppelt gebucht.");
    await dialog.getByRole("button", { name: "Beanstanden" }).click();
    await page
      .getByText(`Leistungsnachweis ${month} beanstandet; der Dienstleister sieht Ihren Grund am Nachweis.`)
      .waitFor();
    await row.getByText("beanstandet", { exact: true }).waitFor();
    await row.getByText("Im Oktober sind zwei Einsätze doppelt gebucht.").waitFor();
    await page.context().close();
  });
});
