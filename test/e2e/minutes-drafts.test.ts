// Correcting draft minutes in the browser: rename and reorder agenda items, remove one (and see
// the server refuse another with its German reason), edit a decision's cost and an action item
// in place, focus staying where the person worked; then finalise after a summary of what the
// minutes hold, and find a future meeting's finalising explained instead of refused.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, expectAccessible, screenshot, startConsole } from "./harness.ts";

const SERVICE_MANAGER = "servicemanager@ksm.example";
const SCHWERIN = "Landeshauptstadt Schwerin";

let hub: Console;
let meetingId = "";
let decisionId = "";
let actionId = "";
let procurementTitle = "";

/** A day ago: minutes are finalised after the meeting. */
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString();

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return hub.gql<T>(SERVICE_MANAGER, query, variables);
}

async function addItem(title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const data = await gql<{ addAgendaItem: { id: string } }>(
    "mutation ($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }",
    { input: { meetingId, title, ...extra } },
  );
  return data.addAgendaItem.id;
}

/** The id of the element that has the focus, read by its accessible label or text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return element?.getAttribute("aria-label") ?? element?.textContent?.trim() ?? "";
  });

beforeAll(async () => {
  hub = await startConsole();
  const { schoolAuthorities } = await gql<{
    schoolAuthorities: {
      id: string;
      name: string;
      procurementRequests: { id: string; title: string; status: string }[];
    }[];
  }>("{ schoolAuthorities { id name procurementRequests { id title status } } }");
  const schwerin = schoolAuthorities.find((a) => a.name === SCHWERIN);
  const raised = schwerin?.procurementRequests.find((p) => p.status === "RAISED");
  if (!schwerin || !raised) throw new Error("no raised procurement request of Schwerin in the demo data");
  procurementTitle = raised.title;
  const meeting = await gql<{ createMeeting: { id: string } }>(
    "mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }",
    {
      input: {
        authorityId: schwerin.id,
        kind: "JOUR_FIXE",
        title: "Jour-Fixe Korrekturen",
        scheduledAt: yesterday(),
      },
    },
  );
  meetingId = meeting.createMeeting.id;
  await addItem("Drucker im Sekretariat");
  const wlan = await addItem("WLAN-Ausleuchtung Turnhalle", { kind: "DECISION" });
  await addItem("Schulserver-Migration");
  // This item put a procurement request on the agenda: the server keeps it.
  await addItem(raised.title, { kind: "PROCUREMENT", procurementRequestId: raised.id });
  const decision = await gql<{ recordDecision: { id: string } }>(
    "mutation ($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }",
    {
      input: {
        meetingId,
        agendaItemId: wlan,
        title: "Zwei Access Points für die Turnhalle",
        text: "KSM montiert zwei Access Points an der Hallendecke.",
        costImpact: "800.00",
        status: "APPROVED",
      },
    },
  );
  decisionId = decision.recordDecision.id;
  const action = await gql<{ addActionItem: { id: string } }>(
    "mutation ($input: AddActionItemInput!) { addActionItem(input: $input) { id } }",
    { input: { meetingId, agendaItemId: wlan, title: "Angebot einholen" } },
  );
  actionId = action.addActionItem.id;
});
afterAll(() => hub?.close());

describe("draft minutes", () => {
  it("renames, reorders and removes agenda items, and edits a decision's cost and an action item in place", async () => {
    const page = await hub.signIn(SERVICE_MANAGER);
    await page.goto(`${hub.url}/#/meetings/${encodeURIComponent(meetingId)}/show`);
    await page.getByRole("heading", { name: "TOP 1: Drucker im Sekretariat" }).waitFor();

    // Rename and re-kind TOP 1; focus comes back to its edit button.
    await page.getByRole("button", { name: "TOP 1 bearbeiten" }).click();
    const rename = page.getByRole("form", { name: "TOP 1 bearbeiten" });
    await rename.getByLabel(/^Titel des Tagesordnungspunkts/).fill("Drucker und Kopierer im Sekretariat");
    await rename.getByRole("combobox", { name: "Art" }).click();
    await page.getByRole("option", { name: "Beschlussvorlage" }).click();
    await rename.getByRole("button", { name: "Speichern" }).click();
    await page.getByText("TOP 1 „Drucker und Kopierer im Sekretariat“ gespeichert.").waitFor();
    const top1 = page.getByRole("region", { name: "TOP 1: Drucker und Kopierer im Sekretariat" });
    await top1.getByText("Beschlussvorlage", { exact: true }).waitFor();
    await expect.poll(() => focused(page)).toBe("TOP 1 bearbeiten");

    // Move TOP 3 up: it becomes TOP 2, and focus stays on its arrow.
    await page.getByRole("button", { name: "TOP 3 nach oben" }).click();
    await page.getByRole("heading", { name: "TOP 2: Schulserver-Migration" }).waitFor();
    await page.getByRole("heading", { name: "TOP 3: WLAN-Ausleuchtung Turnhalle" }).waitFor();
    await expect.poll(() => focused(page)).toBe("TOP 2 nach oben");

    // The item that put a procurement request on the agenda stays: the server says why, in the dialog.
    await page.getByRole("button", { name: "TOP 4 entfernen" }).click();
    const refused = page.getByRole("dialog", { name: "TOP 4 entfernen?" });
    await refused.getByRole("button", { name: "Entfernen" }).click();
    await refused
      .getByRole("alert")
      .getByText(/hat eine Beschaffungsanfrage auf die Tagesordnung gesetzt/)
      .waitFor();
    await refused.getByRole("button", { name: "Abbrechen" }).click();
    await refused.waitFor({ state: "hidden" });
    await page.getByRole("heading", { name: `TOP 4: ${procurementTitle}` }).waitFor();

    // Remove TOP 1 after the confirmation; the others move up and focus goes to the next item.
    await page.getByRole("button", { name: "TOP 1 entfernen" }).click();
    const remove = page.getByRole("dialog", { name: "TOP 1 entfernen?" });
    await remove
      .getByText(/„Drucker und Kopierer im Sekretariat“ wird aus dem Protokollentwurf entfernt/)
      .waitFor();
    await remove.getByRole("button", { name: "Entfernen" }).click();
    await page.getByText("TOP 1 „Drucker und Kopierer im Sekretariat“ entfernt.").waitFor();
    await page.getByRole("heading", { name: "TOP 1: Schulserver-Migration" }).waitFor();
    await expect(page.getByRole("heading", { name: /Drucker und Kopierer/ }).count()).resolves.toBe(0);
    await expect.poll(() => focused(page)).toBe("TOP 1 bearbeiten");

    // The decision's cost as a spreadsheet writes it; the form says what it understood.
    const wlan = page.getByRole("region", { name: "TOP 2: WLAN-Ausleuchtung Turnhalle" });
    await wlan
      .getByRole("button", { name: "Beschluss „Zwei Access Points für die Turnhalle“ bearbeiten" })
      .click();
    const decisionForm = page.getByRole("form", {
      name: "Beschluss „Zwei Access Points für die Turnhalle“ bearbeiten",
    });
    const cost = decisionForm.getByLabel("Kostenwirkung (€)");
    await expect(cost.inputValue()).resolves.toBe("800,00");
    await cost.fill("12,345");
    await decisionForm.getByText("„12,345“ hat zu viele Nachkommastellen: höchstens 2.").waitFor();
    await expect(decisionForm.getByRole("button", { name: "Speichern" }).isDisabled()).resolves.toBe(true);
    await cost.fill("1500.50");
    await decisionForm.getByText("= 1.500,50 €").waitFor();
    await decisionForm.getByLabel("Personentage (PT)").fill("2,5");
    await decisionForm.getByLabel("Wiedervorlage").fill("2027-03-01");
    await expectAccessible(page, "minutes editor with a decision being edited");
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "minutes-draft-edit-decision");
    await decisionForm.getByRole("button", { name: "Speichern" }).click();
    await page.getByText("Beschluss „Zwei Access Points für die Turnhalle“ gespeichert.").waitFor();
    await wlan.getByText("Kostenwirkung: 1.500,50 €").waitFor();
    await wlan.getByText("Personentage: 2,5 PT").waitFor();
    await wlan.getByText("Wiedervorlage: 01.03.2027").waitFor();
    await expect
      .poll(() => focused(page))
      .toBe("Beschluss „Zwei Access Points für die Turnhalle“ bearbeiten");

    // The action item: new wording, an owner and a due date.
    await wlan.getByRole("button", { name: "Aufgabe „Angebot einholen“ bearbeiten" }).click();
    const actionForm = page.getByRole("form", { name: "Aufgabe „Angebot einholen“ bearbeiten" });
    await actionForm.getByRole("textbox", { name: /^Aufgabe/ }).fill("Angebot für Access Points einholen");
    await actionForm.getByRole("combobox", { name: "Verantwortlich" }).click();
    await page.getByRole("option", { name: "Thomas Brandt" }).click();
    await actionForm.getByLabel("Fällig am").fill("2027-01-15");
    await actionForm.getByRole("button", { name: "Speichern" }).click();
    await wlan
      .getByText(/Angebot für Access Points einholen – Thomas Brandt, Fällig am 15\.01\.2027/)
      .waitFor();
    await expect.poll(() => focused(page)).toBe("Aufgabe „Angebot für Access Points einholen“ bearbeiten");

    // What the server stored: exact amounts, the owner, the new order.
    const saved = await gql<{
      meeting: { agendaItems: { title: string; position: number }[] };
      decision: { costImpact: string; personDayImpact: string; followUpDate: string };
      node: { title: string; dueDate: string; owner: { name: string } };
    }>(
      `query ($m: ID!, $d: ID!, $a: ID!) {
        meeting(id: $m) { agendaItems { title position } }
        decision(id: $d) { costImpact personDayImpact followUpDate }
        node(id: $a) { ... on ActionItem { title dueDate owner { name } } } }`,
      { m: meetingId, d: decisionId, a: actionId },
    );
    expect(
      [...saved.meeting.agendaItems].sort((a, b) => a.position - b.position).map((i) => i.title),
    ).toEqual(["Schulserver-Migration", "WLAN-Ausleuchtung Turnhalle", procurementTitle]);
    expect(saved.decision).toEqual({
      costImpact: "1500.50",
      personDayImpact: "2.50",
      followUpDate: "2027-03-01",
    });
    expect(saved.node).toEqual({
      title: "Angebot für Access Points einholen",
      dueDate: "2027-01-15",
      owner: { name: "Thomas Brandt" },
    });
    await page.context().close();
  });

  it("finalises after a summary of open items, decisions and open action items", async () => {
    const page = await hub.signIn(SERVICE_MANAGER);
    await page.goto(`${hub.url}/#/meetings/${encodeURIComponent(meetingId)}/show`);
    await page.getByRole("heading", { name: "TOP 1: Schulserver-Migration" }).waitFor();
    // One item is done; the summary lists only the open ones.
    await page
      .getByRole("region", { name: "TOP 1: Schulserver-Migration" })
      .getByRole("button", { name: "Als erledigt markieren" })
      .click();
    await page
      .getByRole("region", { name: "TOP 1: Schulserver-Migration" })
      .getByText("erledigt", { exact: true })
      .waitFor();

    await page.getByRole("button", { name: "Protokoll abschließen" }).click();
    const dialog = page.getByRole("dialog", { name: "Protokoll abschließen?" });
    const summary = dialog.getByTestId("finalize-summary");
    await summary.getByText("Offene Tagesordnungspunkte (2)").waitFor();
    await summary.getByText("TOP 2: WLAN-Ausleuchtung Turnhalle").waitFor();
    await summary.getByText(`TOP 3: ${procurementTitle}`).waitFor();
    await expect(summary.getByText(/Schulserver-Migration/).count()).resolves.toBe(0);
    await summary.getByText("Beschlüsse (1)").waitFor();
    await summary.getByText("Zwei Access Points für die Turnhalle – beschlossen").waitFor();
    await summary.getByText("Offene Aufgaben (1)").waitFor();
    await summary
      .getByText("Angebot für Access Points einholen – Thomas Brandt, Fällig am 15.01.2027")
      .waitFor();
    await expectAccessible(page, "finalise dialog");
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "minutes-finalize-summary");

    await dialog.getByRole("button", { name: "Protokoll abschließen" }).click();
    // The success message says what happened, not the dialog's question.
    await page
      .getByText(/^Protokoll abgeschlossen: Tagesordnung, Beschlüsse und Aufgaben sind festgeschrieben/)
      .waitFor();
    await expect(page.getByText("Protokoll abschließen?").count()).resolves.toBe(0);
    await page.getByText("ABGESCHLOSSEN", { exact: true }).waitFor();
    await expect(page.getByRole("button", { name: /bearbeiten|entfernen|nach oben/ }).count()).resolves.toBe(
      0,
    );
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-focus")))
      .toBe("minutes-final");
    await page.context().close();
  });

  it("explains instead of finalising a meeting that has not taken place", async () => {
    const data = await gql<{
      meetings: {
        edges: { node: { id: string; status: string; minutesStatus: string; authority: { name: string } } }[];
      };
    }>(
      `{ meetings(filter: { from: "${new Date().toISOString()}" }, first: 20) {
        edges { node { id status minutesStatus authority { name } } } } }`,
    );
    const future = data.meetings.edges
      .map((e) => e.node)
      .find((m) => m.authority.name === SCHWERIN && m.status === "SCHEDULED" && m.minutesStatus === "DRAFT");
    expect(future).toBeDefined();
    const page = await hub.signIn(SERVICE_MANAGER);
    await page.goto(`${hub.url}/#/meetings/${encodeURIComponent(future?.id ?? "")}/show`);
    const button = page.getByRole("button", { name: "Protokoll abschließen" });
    await button.waitFor();
    await expect(button.isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId("finalize-hint").textContent()).resolves.toMatch(
      /^Die Sitzung findet erst am \d{2}\.\d{2}\.\d{4} um \d{2}:\d{2} Uhr statt; ihr Protokoll kann erst danach abgeschlossen werden\.$/,
    );
    await page.context().close();
  });
});
