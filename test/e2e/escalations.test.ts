// Escalations in the browser: the board with clocks, raising as a school, the officer's
// steps onto the Jour-Fixe and to resolution, satisfaction, quality figures, isolation, tablet.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, expectAccessible, screenshot, startConsole } from "./harness.ts";

let hub: Console;
beforeAll(async () => {
  hub = await startConsole();
  // Escalations concern schools the provider supports: the school contact's school is handed over today.
  const { me } = await hub.gql<{ me: { school: { id: string; supportedBy: string } } }>(
    "schule@schwerin.example",
    "{ me { school { id supportedBy } } }",
  );
  if (me.school.supportedBy !== "PROVIDER") {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
    const { proposeSchoolHandover } = await hub.gql<{ proposeSchoolHandover: { id: string } }>(
      "servicemanager@ksm.example",
      "mutation($input: ProposeSchoolHandoverInput!) { proposeSchoolHandover(input: $input) { id } }",
      { input: { schoolId: me.school.id, handoverDate: today } },
    );
    await hub.gql(
      "schul-it@schwerin.example",
      "mutation($id: ID!) { confirmSchoolHandover(handoverId: $id) { id } }",
      {
        id: proposeSchoolHandover.id,
      },
    );
  }
});
afterAll(() => hub?.close());

const SUBJECT = "Whiteboard-Software startet nicht (E2E)";

describe("escalations", () => {
  it("shows the board by status with clocks and overdue badges", async () => {
    const page = await hub.signIn("schul-it@schwerin.example");
    await page.goto(`${hub.url}/#/escalations`);
    for (const column of ["Erhoben", "In Prüfung", "Auf der Tagesordnung", "Gelöst", "Zurückgewiesen"])
      await page.getByRole("heading", { name: new RegExp(`^${column} \\(\\d+\\)$`) }).waitFor();
    const onAgenda = page.getByTestId("column-ON_AGENDA");
    await expect(onAgenda.getByTestId("overdue-badge").first().textContent()).resolves.toMatch(
      /^\d+ AT überfällig$/,
    );
    await page
      .getByTestId("column-IN_REVIEW")
      .getByText(/Lösung fällig am \d{2}\.\d{2}\.\d{4}/)
      .first()
      .waitFor();
    await screenshot(page, "escalation-board");
    await expectAccessible(page, "escalation board");
    await page.context().close();
  });

  it("carries a school's escalation from raising to resolution and satisfaction, live on the officer's board", async () => {
    const officer = await hub.signIn("schul-it@schwerin.example");
    await officer.goto(`${hub.url}/#/escalations`);
    const raised = officer.getByTestId("column-RAISED");
    await raised.getByRole("heading").waitFor();

    const school = await hub.signIn("schule@schwerin.example");
    await school.getByRole("link", { name: "Eskalation erheben" }).click();
    await school.getByLabel("Betreff").fill(SUBJECT);
    await school.getByLabel("Beschreibung").fill("Seit dem Update startet die Tafelsoftware in keinem Raum.");
    await school.getByLabel("Ticket des Service-Desks").fill("SD-99001");
    await school.getByRole("button", { name: "Speichern" }).click();
    await school.getByRole("heading", { level: 1, name: SUBJECT }).waitFor();
    await school.getByText("Für Sie gibt es hier gerade nichts zu tun.").waitFor();

    // The officer's board shows it without a reload (escalationUpdated).
    await raised.getByRole("link", { name: SUBJECT }).click();
    await officer.getByRole("heading", { level: 1, name: SUBJECT }).waitFor();
    await officer
      .getByText(/Prüfung/)
      .first()
      .waitFor();
    await officer.getByRole("button", { name: "Prüfen" }).click();
    await officer.getByText("Die Eskalation ist in Prüfung.").waitFor();
    await officer.getByRole("button", { name: "Auf Jour-Fixe setzen" }).click();
    await officer.getByText("Die Eskalation steht auf der Tagesordnung des nächsten Jour-Fixe.").waitFor();
    await officer.getByRole("link", { name: /^Auf der Tagesordnung von/ }).waitFor();
    await officer.getByRole("button", { name: "Lösen" }).click();
    await officer
      .getByRole("dialog")
      .getByLabel("Lösung")
      .fill("Softwareverteilung korrigiert; läuft wieder.");
    await officer.getByRole("dialog").getByRole("button", { name: "Lösen" }).click();
    await officer.getByText("Die Eskalation ist gelöst.").waitFor();
    await officer.getByText("Softwareverteilung korrigiert; läuft wieder.").waitFor();

    // The school sees the outcome on its open page and rates it.
    await school.getByText("Softwareverteilung korrigiert; läuft wieder.").waitFor();
    await school.getByRole("button", { name: "Zufriedenheit erfassen" }).click();
    await school.getByRole("dialog").getByLabel("Kommentar").fill("Schnell geholfen.");
    await school.getByRole("dialog").getByRole("button", { name: "Speichern" }).click();
    await school.getByText("Die Zufriedenheit ist erfasst.").waitFor();
    await school.getByText(/4 von 5 · nach Eskalation/).waitFor();
    await officer.context().close();
    await school.context().close();
  });

  it("shows the quality figures: months, medians and p90, share within target, satisfaction trend", async () => {
    const page = await hub.signIn("schul-it@schwerin.example");
    await page.goto(`${hub.url}/#/service-quality`);
    await page.getByTestId("quality-total").getByText("Fristgerecht gelöst").waitFor();
    await page
      .getByRole("table", { name: "Monate" })
      .getByRole("rowheader", { name: /^Januar \d{4}$/ })
      .waitFor();
    await page.getByText("Zufriedenheit im Verlauf").waitFor();
    await page
      .getByText(/\d\. Quartal \d{4}: \d/)
      .first()
      .waitFor();
    await expect(
      page
        .getByText(/Median bis zur Lösung/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await screenshot(page, "service-quality");
    await page.context().close();
  });

  it("keeps the board within a tablet's width", async () => {
    const context = await hub.context({ width: 768, height: 1024 });
    const page = await hub.signIn("schul-it@schwerin.example", context);
    await page.goto(`${hub.url}/#/escalations`);
    await page.getByTestId("escalation-card").first().waitFor();
    const width = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(width.scroll).toBeLessThanOrEqual(width.inner);
    await context.close();
  });

  it("shows the Parchim controller no Schwerin escalation", async () => {
    const page = await hub.signIn("controlling@parchim.example");
    await page.goto(`${hub.url}/#/escalations`);
    await page.getByRole("heading", { name: /^Gelöst \(0\)$/ }).waitFor();
    expect(await page.getByTestId("escalation-card").count()).toBe(0);
    expect(await page.locator("main").textContent()).not.toMatch(/Schwerin|Lankow/);
    const data = await hub.gql<{ schoolAuthorities: { escalations: { id: string }[] }[] }>(
      "schul-it@schwerin.example",
      "{ schoolAuthorities { escalations { id } } }",
    );
    const foreign = data.schoolAuthorities[0]?.escalations[0]?.id ?? "";
    await page.goto(`${hub.url}/#/escalations/${encodeURIComponent(foreign)}/show`);
    await page.getByText("Eskalation wurde nicht gefunden.").first().waitFor();
    expect(await page.locator("main").textContent()).not.toMatch(/Schwerin|Lankow/);
    await page.context().close();
  });
});
