// Governance in the browser: a Jour-Fixe from agenda to finalised minutes and its PDF, a
// steering member's review, the dashboards, tenant isolation in meetings, decisions and search,
// and axe checks of the main governance pages.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, expectAccessible, screenshot, startConsole } from "./harness.ts";

let hub: Console;
beforeAll(async () => {
  hub = await startConsole();
});
afterAll(() => hub?.close());

const SERVICE_MANAGER = "servicemanager@ksm.example";
const STEERING_MEMBER = "schulverwaltung@schwerin.example";
const DECISION_TITLE = "Neuer Serverschrank für die Grundschule Lankow";

/** Yesterday in Europe/Berlin as the value of a datetime-local input: minutes are finalised after the meeting. */
function yesterdayAt(time: string): string {
  const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin" }).format(
    new Date(Date.now() - 86_400_000),
  );
  return `${day}T${time}`;
}

async function go(page: Page, route: string): Promise<void> {
  await page.goto(`${hub.url}/#${route}`);
}

describe("governance", () => {
  it("shows the service manager the next Jour-Fixe with its proposed agenda", async () => {
    const page = await hub.signIn(SERVICE_MANAGER);
    await page.getByRole("heading", { name: /Nächster Jour-Fixe: \d{2}\.\d{2}\.\d{4}, 10:00/ }).waitFor();
    const carried = page.getByRole("region", { name: "Offene Punkte früherer Sitzungen" });
    await carried.getByText("Tablet-Ausstattung der Grundschulen").first().waitFor();
    const escalations = page.getByRole("region", { name: "Eingeplante Eskalationen" });
    await escalations.getByText("Eskalationen aus den Schulen").waitFor();
    const procurement = page.getByRole("region", { name: "Offene Beschaffungsanfragen" });
    await procurement.getByText("Zwei zusätzliche Laptops für das Lehrerzimmer").waitFor();
    await expect(procurement.getByText("1.800,00 €", { exact: false }).count()).resolves.toBe(1);
    await screenshot(page, "dashboard-service-manager");
    await page.getByRole("link", { name: "Jour-Fixe öffnen" }).click();
    await page.getByText("ENTWURF", { exact: true }).waitFor();
  });

  it("runs a Jour-Fixe from agenda to finalised minutes and downloads the PDF", async () => {
    const page = await hub.signIn(SERVICE_MANAGER);
    await go(page, "/meetings");
    await page.getByRole("columnheader", { name: "Termin" }).waitFor();
    await page.getByText("Landeshauptstadt Schwerin").first().waitFor();
    await expectAccessible(page, "meetings list");

    await page.getByRole("link", { name: "Sitzung anlegen" }).click();
    await page.waitForURL(/#\/meetings\/create/);
    await page.locator('input[name="scheduledAt"]').waitFor();
    await page.getByRole("combobox", { name: "Schulträger" }).click();
    await page.getByRole("option", { name: "Landeshauptstadt Schwerin" }).click();
    await page.locator('input[name="scheduledAt"]').fill(yesterdayAt("14:00"));
    await page.locator('input[name="location"]').fill("Stadthaus, Raum 3.021");
    await page.getByRole("button", { name: "Speichern" }).click();

    // The new meeting opens as the minutes editor, a draft.
    await page.getByRole("heading", { name: "Teilnehmende" }).waitFor();
    await page.getByText("ENTWURF", { exact: true }).waitFor();

    await page.getByLabel("Titel des Tagesordnungspunkts").fill("Serverraum Grundschule Lankow");
    await page.getByRole("combobox", { name: "Art" }).click();
    await page.getByRole("option", { name: "Beschlussvorlage" }).click();
    await page.getByRole("button", { name: "Tagesordnungspunkt hinzufügen" }).click();
    await page.getByRole("heading", { name: "TOP 1: Serverraum Grundschule Lankow" }).waitFor();

    // An open item of an earlier meeting is taken over and moved to the top.
    await page
      .getByRole("button", { name: /^Übernehmen: Tablet-Ausstattung der Grundschulen/ })
      .first()
      .click();
    await page.getByRole("heading", { name: "TOP 2: Tablet-Ausstattung der Grundschulen" }).waitFor();
    await page.getByRole("button", { name: "TOP 2 nach oben" }).click();
    await page.getByRole("heading", { name: "TOP 1: Tablet-Ausstattung der Grundschulen" }).waitFor();
    await page.getByRole("heading", { name: "TOP 2: Serverraum Grundschule Lankow" }).waitFor();

    await page.getByLabel("Notizen zu TOP 2").fill("Der Serverschrank ist zu klein für den neuen Switch.");
    await page.getByRole("button", { name: "Notizen speichern" }).nth(1).click();
    await page.getByText("Gespeichert.").waitFor();

    await page.getByRole("button", { name: "Beschluss erfassen (TOP 2)" }).click();
    const decisionForm = page.getByRole("form", { name: "Beschluss erfassen (TOP 2)" });
    await decisionForm.getByLabel("Titel des Beschlusses").fill(DECISION_TITLE);
    await decisionForm.getByLabel("Beschlusstext").fill("KSM liefert einen 19-Zoll-Schrank mit 24 HE.");
    await decisionForm.getByLabel(/Kostenwirkung/).fill("1.250,50");
    await decisionForm.getByRole("button", { name: "Beschluss erfassen" }).click();
    const top2 = page.getByRole("region", { name: "TOP 2: Serverraum Grundschule Lankow" });
    await top2.getByRole("link", { name: DECISION_TITLE }).waitFor();
    await top2.getByText("1.250,50 €").waitFor();

    await page.getByRole("button", { name: "Aufgabe hinzufügen (TOP 2)" }).click();
    const actionForm = page.getByRole("form", { name: "Aufgabe hinzufügen (TOP 2)" });
    await actionForm.getByRole("textbox", { name: /^Aufgabe/ }).fill("Serverschrank bestellen");
    await actionForm.getByRole("combobox", { name: "Verantwortlich" }).click();
    await page.getByRole("option", { name: "Thomas Brandt" }).click();
    await actionForm.getByRole("button", { name: "Aufgabe hinzufügen" }).click();
    await top2.getByText(/Serverschrank bestellen – Thomas Brandt/).waitFor();

    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "minutes-editor");
    await expectAccessible(page, "minutes editor");

    await page.getByRole("button", { name: "Protokoll abschließen" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText(/nur noch als Nachtrag/).waitFor();
    await dialog.getByRole("button", { name: "Protokoll abschließen" }).click();
    await page.getByText("ABGESCHLOSSEN", { exact: true }).waitFor();
    // Final minutes are read-only: nothing to record any more, but amendments.
    await expect(page.getByRole("button", { name: /Beschluss erfassen/ }).count()).resolves.toBe(0);
    await expect(page.getByLabel("Titel des Tagesordnungspunkts").count()).resolves.toBe(0);
    await page.getByRole("textbox", { name: /^Grund/ }).fill("Schreibfehler");
    await page
      .getByRole("textbox", { name: /^Text des Nachtrags/ })
      .fill("Der Schrank hat 24 HE, nicht 42 HE.");
    await page.getByRole("button", { name: "Nachtrag hinzufügen" }).click();
    await page.getByText(/Thomas Brandt · Grund: Schreibfehler/).waitFor();

    const href = await page.getByRole("link", { name: "Protokoll als PDF" }).getAttribute("href");
    expect(href).toMatch(/^\/exports\/meetings\/.+\/minutes\.pdf$/);
    const pdf = await page.context().request.get(new URL(href as string, hub.url).toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");
    expect((await pdf.body()).subarray(0, 4).toString()).toBe("%PDF");
    const mdHref = await page.getByRole("link", { name: "Protokoll als Markdown" }).getAttribute("href");
    const markdown = await page.context().request.get(new URL(mdHref as string, hub.url).toString());
    expect(await markdown.text()).toContain(DECISION_TITLE);
  });

  it("lets a steering member review a decision from the dashboard and counts the verdict", async () => {
    const page = await hub.signIn(STEERING_MEMBER);
    const pending = page.getByRole("region", { name: "Beschlüsse, die auf Ihre Bewertung warten" });
    const review = pending.getByRole("link", { name: /^Bewerten: / }).first();
    await review.waitFor();
    await page.getByRole("region", { name: "Neueste Beschlüsse" }).getByRole("link").first().waitFor();
    await screenshot(page, "dashboard-steering-member");
    const title = ((await review.getAttribute("aria-label")) ?? "").replace(/^Bewerten: /, "");
    await review.click();

    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    const panel = page.getByRole("region", { name: "Bewertung durch die Steuerungsgruppe" });
    const summary = panel.getByTestId("review-summary");
    const before = Number(/^(\d+) Zustimmung/.exec((await summary.textContent()) ?? "")?.[1]);
    const name = "Susanne Wendt";
    await panel.getByTestId("review-pending").getByText(name).waitFor();

    await panel.getByRole("radio", { name: "Einwand" }).check();
    await panel.getByRole("button", { name: "Bewertung abgeben" }).click();
    // An objection needs a reason: the server says so, in German.
    await page.getByText("Ein Einwand braucht eine Begründung im Kommentar.").waitFor();

    await panel.getByRole("radio", { name: "Zustimmung" }).check();
    await panel.getByLabel("Kommentar").fill("Einverstanden.");
    await panel.getByRole("button", { name: "Bewertung abgeben" }).click();
    await summary.getByText(new RegExp(`^${before + 1} Zustimmung`)).waitFor();
    await panel.getByText("„Einverstanden.“").waitFor();
    await expect(panel.getByTestId("review-pending").getByText(name).count()).resolves.toBe(0);
  });

  it("shows Parchim's controller no Schwerin meetings, decisions or search hits", async () => {
    const page = await hub.signIn("controlling@parchim.example");
    await go(page, `/meetings?filter=${encodeURIComponent(JSON.stringify({ when: "all" }))}`);
    await page.getByText(/Keine Sitzungen|Noch keine Sitzungen/).waitFor();
    await expect(page.getByText(/Schwerin/).count()).resolves.toBe(0);

    await go(page, "/decisions");
    await page.getByText(/Keine Beschlüsse|Noch keine Beschlüsse/).waitFor();
    await expect(page.getByText(/Schwerin|Access Points/).count()).resolves.toBe(0);

    for (const word of ["Schwerin", "Access Points"]) {
      await page.getByRole("textbox", { name: "Suchen …" }).fill(word);
      await page.getByRole("textbox", { name: "Suchen …" }).press("Enter");
      await page.getByText(`Keine Treffer für „${word}“.`).waitFor();
    }
  });

  it("finds decisions by text in the register and in the top-bar search", async () => {
    const page = await hub.signIn(SERVICE_MANAGER);
    await go(page, "/decisions");
    await page.getByText("Zusätzliche Access Points im Goethe-Gymnasium").first().waitFor();
    await page.getByPlaceholder("Titel oder Text durchsuchen").fill("Beamer");
    await page
      .getByText("Zusätzliche Access Points im Goethe-Gymnasium")
      .first()
      .waitFor({ state: "detached" });
    await page.getByText("Ersatz defekter Beamer durch Displays").first().waitFor();
    await expectAccessible(page, "decisions register");

    await page.getByRole("textbox", { name: "Suchen …" }).fill("Access Points");
    await page.getByRole("textbox", { name: "Suchen …" }).press("Enter");
    await page.getByText(/\d+ Treffer für „Access Points“/).waitFor();
    await expectAccessible(page, "search page");
    await page
      .getByRole("link", { name: /^Jour-Fixe Schul-IT vom / })
      .first()
      .click();
    await page.getByRole("heading", { name: "Tagesordnung" }).waitFor();
  });

  it("keeps the minutes read-only for a controller, also at tablet width", async () => {
    const context = await hub.context({ width: 768, height: 1024 });
    const page = await hub.signIn("controlling@schwerin.example", context);
    await go(page, "/meetings");
    await page.getByRole("cell", { name: "Landeshauptstadt Schwerin" }).first().waitFor();
    await expect(page.getByRole("link", { name: "Sitzung anlegen" }).count()).resolves.toBe(0);
    await page.getByRole("row").filter({ hasText: "ENTWURF" }).first().click();
    await page.getByRole("heading", { name: "Tagesordnung" }).waitFor();
    await page.getByText(/führen dürfen es Servicemanagement und Schul-IT/).waitFor();
    await expect(page.getByRole("button", { name: /Beschluss erfassen/ }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Protokoll abschließen" }).count()).resolves.toBe(0);
  });
});
