// A school's handover in the browser: the provider's service manager proposes it on the school's
// page, the authority's school-IT officer confirms it in a dialog; the history and the new
// responsible side show. Then the provider's administrator onboards an authority and a school.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, expectAccessible, screenshot, startConsole } from "./harness.ts";

let hub: Console;
beforeAll(async () => {
  hub = await startConsole();
});
afterAll(() => hub?.close());

const berlinDate = (offsetDays = 0) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
const german = (iso: string) => iso.split("-").reverse().join(".");

describe("school handover", () => {
  it("is proposed by the service manager, confirmed by the school-IT officer, and shows in the history", async () => {
    const data = await hub.gql<{
      schoolAuthorities: {
        name: string;
        schools: { id: string; name: string; supportedBy: string; handovers: { id: string }[] }[];
      }[];
    }>(
      "schul-it@schwerin.example",
      "{ schoolAuthorities { name schools { id name supportedBy handovers { id } } } }",
    );
    const school = data.schoolAuthorities[0]?.schools.find(
      (s) => s.supportedBy === "AUTHORITY_IT" && s.handovers.length === 0,
    );
    if (!school) throw new Error("no school of Schwerin without a handover in the demo data");
    const handoverDate = berlinDate(-3);
    const page = `${hub.url}/#/schools/${encodeURIComponent(school.id)}/show/handovers`;

    const manager = await hub.signIn("servicemanager@ksm.example");
    await manager.goto(page);
    const section = manager.getByTestId("handovers");
    // The first visit loads the school page's code: under load this takes a while.
    await section.getByRole("heading", { name: "Betreuung und Übergaben" }).waitFor({ timeout: 60_000 });
    await expect(section.getByTestId("supported-by").textContent()).resolves.toBe("IT des Schulträgers");
    await section.getByText("Noch keine Übergabe").waitFor();
    // The provider proposes; it cannot confirm its own proposal.
    await section.getByRole("button", { name: "Übergabe vorschlagen" }).click();
    const dialog = manager.getByRole("dialog", { name: "Übergabe vorschlagen" });
    await dialog
      .getByText(`${school.name} soll ab dem gewählten Tag betreut werden durch: Dienstleister`)
      .waitFor();
    await dialog.getByLabel("Übergabe am").fill(handoverDate);
    await dialog.getByLabel("Notiz").fill("Ertüchtigung nach Zielbild abgeschlossen, Abnahme erfolgt.");
    await dialog.getByRole("button", { name: "Vorschlagen" }).click();
    await manager.getByText("Übergabe vorgeschlagen").first().waitFor();
    const proposedRow = section.getByTestId("handover-row");
    await proposedRow.getByText("vorgeschlagen", { exact: true }).waitFor();
    await proposedRow.getByText("IT des Schulträgers → Dienstleister").waitFor();
    await proposedRow.getByText(german(handoverDate)).waitFor();
    expect(await proposedRow.getByRole("button", { name: "Bestätigen" }).count()).toBe(0);
    // It may withdraw its proposal; the authority may decline it.
    expect(await proposedRow.getByRole("button", { name: "Zurückziehen" }).count()).toBe(1);
    // A second proposal waits for the first to be confirmed.
    expect(await section.getByRole("button", { name: "Übergabe vorschlagen" }).count()).toBe(0);
    await expect(section.getByTestId("supported-by").textContent()).resolves.toBe("IT des Schulträgers");
    await manager.context().close();

    const officer = await hub.signIn("schul-it@schwerin.example");
    await officer.goto(page);
    const row = officer.getByTestId("handovers").getByTestId("handover-row");
    await row.getByText("Ertüchtigung nach Zielbild abgeschlossen, Abnahme erfolgt.").waitFor();
    await row.getByText("Thomas Brandt").waitFor();
    expect(await officer.getByRole("button", { name: "Übergabe vorschlagen" }).count()).toBe(0);
    expect(await row.getByRole("button", { name: "Ablehnen" }).count()).toBe(1);
    await row.getByRole("button", { name: "Bestätigen" }).click();
    const confirm = officer.getByRole("dialog");
    await confirm
      .getByText(`${school.name} wird ab dem ${german(handoverDate)} betreut durch: Dienstleister.`, {
        exact: false,
      })
      .waitFor();
    await confirm.getByRole("button", { name: "Bestätigen" }).click();
    await officer.getByText("Übergabe bestätigt").first().waitFor();
    await row.getByText(/^bestätigt von Katrin Möller am \d{2}\.\d{2}\.\d{4}/).waitFor();
    await expect(officer.getByTestId("supported-by").textContent()).resolves.toBe("Dienstleister");
    await screenshot(officer, "school-handover");
    await expectAccessible(officer, "school handover page");

    // The overview tab and the list tell the same.
    await officer.getByRole("tab", { name: "Übersicht" }).click();
    await officer.getByText("Dienstleister").first().waitFor();
    await officer.context().close();

    const after = await hub.gql<{ node: { supportedBy: string; before: string } }>(
      "schul-it@schwerin.example",
      "query($id: ID!, $d: Date) { node(id: $id) { ... on School { supportedBy before: supportedBy(asOf: $d) } } }",
      { id: school.id, d: berlinDate(-4) },
    );
    expect(after.node).toEqual({ supportedBy: "PROVIDER", before: "AUTHORITY_IT" });
  });
});

describe("onboarding", () => {
  it("the provider's administrator creates an authority with its agreement and a school of it", async () => {
    const admin = await hub.signIn("admin@ksm.example");
    await admin.goto(`${hub.url}/#/authorities`);
    await admin.getByRole("link", { name: "Erstellen" }).click();
    await admin.getByRole("textbox", { name: /^Name/ }).fill("Stadt Hagenow");
    await admin.getByRole("combobox", { name: /^Art( \*)?$/ }).click();
    await admin.getByRole("option", { name: "Stadt" }).click();
    await admin.getByRole("combobox", { name: /^Land/ }).click();
    await admin.getByRole("option", { name: "Mecklenburg-Vorpommern" }).click();
    await admin.getByRole("combobox", { name: /^Art der Vereinbarung/ }).click();
    await admin.getByRole("option", { name: "Zweckvereinbarung" }).click();
    await admin.getByLabel("Beschluss der Vertretung am").fill("2026-09-10");
    await admin.getByLabel("Unterzeichnet am").fill("2026-10-01");
    await admin.getByLabel("Beginn der Übertragung").fill("2027-01-01");
    await admin.getByLabel("Aktenzeichen").fill("ZV-2026-17");
    await admin.getByRole("button", { name: "Speichern" }).click();
    await admin.getByText("ZV-2026-17").waitFor();
    await admin.getByText("Zweckvereinbarung").first().waitFor();
    await admin
      .getByText(/^0?1\.0?1\.2027$/)
      .first()
      .waitFor();
    await expectAccessible(admin, "new authority");

    await admin.goto(`${hub.url}/#/schools`);
    await admin.getByRole("link", { name: "Erstellen" }).click();
    await admin.getByRole("combobox", { name: /^Schulträger/ }).click();
    await admin.getByRole("option", { name: "Stadt Hagenow" }).click();
    await admin.getByRole("textbox", { name: /^Name/ }).fill("Grundschule Hagenow");
    await admin.getByRole("combobox", { name: /^Schulart/ }).click();
    await admin.getByRole("option", { name: "Grundschule" }).click();
    await admin.getByRole("button", { name: "Speichern" }).click();
    await admin.getByRole("tab", { name: "Betreuung" }).waitFor();
    await admin.getByText("Grundschule Hagenow").first().waitFor();
    await admin.context().close();

    // Nobody but the administrator sees the forms.
    const manager = await hub.signIn("servicemanager@ksm.example");
    await manager.goto(`${hub.url}/#/authorities`);
    await manager.getByRole("cell", { name: "Stadt Hagenow" }).waitFor();
    expect(await manager.getByRole("link", { name: "Erstellen" }).count()).toBe(0);
    await manager.context().close();
  });
});
