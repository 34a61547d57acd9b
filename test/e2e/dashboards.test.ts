// Every demo role signs in and lands on the dashboard of its main role; the dashboards of the
// controlling and escalation side are photographed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, expectAccessible, screenshot, startConsole } from "./harness.ts";

let hub: Console;
beforeAll(async () => {
  hub = await startConsole();
});
afterAll(() => hub?.close());

/** Account, a text only that role's dashboard shows, and the screenshot (only for this area's dashboards). */
const ROLES: { email: string; text: RegExp; shot?: string }[] = [
  { email: "admin@ksm.example", text: /Servicescheine aller Schulträger/, shot: "dashboard-admin" },
  { email: "servicemanager@ksm.example", text: /Nächster Jour-Fixe/ },
  { email: "technik@ksm.example", text: /Personentage buchen/, shot: "dashboard-provider-staff" },
  {
    email: "schul-it@schwerin.example",
    text: /Eskalationen nach Frist – überfällige zuerst/,
    shot: "dashboard-school-it-officer",
  },
  {
    email: "controlling@schwerin.example",
    text: /Controlling: Ausschöpfung der Servicescheine/,
    shot: "dashboard-controller",
  },
  { email: "schulverwaltung@schwerin.example", text: /Beschlüsse, die auf Ihre Bewertung warten/ },
  { email: "gebaeude@schwerin.example", text: /Beschlüsse, die auf Ihre Bewertung warten/ },
  { email: "schule@schwerin.example", text: /Eskalationen meiner Schule/, shot: "dashboard-school-contact" },
  { email: "controlling@parchim.example", text: /Controlling: Ausschöpfung der Servicescheine/ },
];

describe("dashboards by role", () => {
  it("shows each demo account the dashboard of its main role", async () => {
    // One browser context per account in parallel keeps the file fast.
    await Promise.all(
      ROLES.map(async ({ email, text, shot }) => {
        const page = await hub.signIn(email);
        await page.getByText(text).first().waitFor({ timeout: 45_000 });
        if (shot) {
          // Wait for the content the screenshot is meant to show, not only the heading.
          if (shot === "dashboard-controller") await page.getByTestId("burndown").first().waitFor();
          if (shot === "dashboard-school-it-officer")
            await page.getByTestId("escalation-card").first().waitFor();
          if (shot === "dashboard-provider-staff")
            await page.getByText("Storno: doppelt gebucht").first().waitFor();
          await screenshot(page, shot);
        }
        await page.context().close();
      }),
    );
  });

  it("shows the controller utilisation against time, the burn-down, open alerts and proofs to check", async () => {
    const page = await hub.signIn("controlling@schwerin.example");
    const order = page.getByTestId("dashboard-order").first();
    await order.getByText(/\d+ % verbraucht nach \d+ % der Laufzeit/).waitFor();
    await order.getByTestId("burndown").waitFor();
    await expect(order.getByRole("button", { name: "Ertüchtigung" }).isVisible()).resolves.toBe(true);
    await page.getByTestId("open-alerts").getByRole("button", { name: "Bestätigen" }).first().waitFor();
    await page.getByTestId("proofs-to-check").getByText("Oktober", { exact: false }).first().waitFor();
    await expectAccessible(page, "controller dashboard");
    await page.context().close();
  });

  it("lists the school-IT officer's overdue escalations before the others, with their clock", async () => {
    const page = await hub.signIn("schul-it@schwerin.example");
    const overdue = page.getByTestId("overdue-escalations");
    await overdue.getByTestId("overdue-badge").first().waitFor();
    await expect(overdue.getByTestId("overdue-badge").first().textContent()).resolves.toMatch(
      /^\d+ AT überfällig$/,
    );
    // Overdue first: the overdue section comes before the other open escalations, and every card in it is overdue.
    const order = await page
      .locator("[data-testid='overdue-escalations'], [data-testid='open-escalations']")
      .evaluateAll((sections) => sections.map((section) => section.getAttribute("data-testid")));
    expect(order).toEqual(["overdue-escalations", "open-escalations"]);
    const cards = await overdue.getByTestId("escalation-card").count();
    expect(await overdue.getByTestId("overdue-badge").count()).toBe(cards);
    await page
      .getByTestId("open-escalations")
      .getByText(/fällig am \d{2}\.\d{2}\.\d{4}/)
      .first()
      .waitFor();
    await page.context().close();
  });
});
