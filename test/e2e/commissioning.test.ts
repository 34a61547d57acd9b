// The authority as client, end to end: the provider's service manager drafts a service order in the
// console, the authority's controller commissions it citing a decision and the budget line after a
// confirmation; a proposed amendment is approved (and another rejected) by the controller, and the
// page shows what is in force.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, expectAccessible, screenshot, startConsole } from "./harness.ts";

const MANAGER = "servicemanager@ksm.example";
const CONTROLLER = "controlling@schwerin.example";
const SCHWERIN = "Landeshauptstadt Schwerin";
const DECISION = "Beauftragung des Servicescheins 2029";

let hub: Console;
let orderPath = "";
let orderId = "";
let controllerName = "";

beforeAll(async () => {
  hub = await startConsole();
  // The steering group's decision the controller will cite, recorded as the service manager would.
  const data = await hub.gql<{ schoolAuthorities: { id: string; name: string }[] }>(
    MANAGER,
    "{ schoolAuthorities { id name } }",
  );
  const schwerin = data.schoolAuthorities.find((a) => a.name === SCHWERIN);
  const meeting = await hub.gql<{ createMeeting: { id: string } }>(
    MANAGER,
    "mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }",
    {
      input: {
        authorityId: schwerin?.id,
        kind: "STEERING_GROUP",
        title: "Steuerungsgruppe Wirtschaftsplanung 2029",
        scheduledAt: "2026-11-12T09:00:00Z",
      },
    },
  );
  await hub.gql(MANAGER, "mutation ($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }", {
    input: {
      meetingId: meeting.createMeeting.id,
      title: DECISION,
      text: "Die Steuerungsgruppe empfiehlt die Beauftragung wie vorgelegt.",
      status: "APPROVED",
    },
  });
  controllerName = (await hub.gql<{ me: { name: string } }>(CONTROLLER, "{ me { name } }")).me.name;
});
afterAll(() => hub?.close());

describe("commissioning", () => {
  it("lets the provider draft an order and the authority's controller commission it with decision and budget line", async () => {
    const manager = await hub.signIn(MANAGER);
    await manager.goto(`${hub.url}/#/serviceOrders`);
    await manager.getByRole("button", { name: "Serviceschein entwerfen" }).click();
    const draft = manager.getByRole("dialog", { name: "Serviceschein entwerfen" });
    await draft.getByRole("combobox", { name: "Schulträger" }).click();
    await manager.getByRole("option", { name: SCHWERIN }).click();
    await draft.getByLabel("Jahr").fill("2029");
    await draft.getByLabel("Tagessatz (€)").fill("690");
    await draft.getByRole("textbox", { name: /^Leistungsart 1\b/ }).fill("Support");
    await draft.getByLabel("Personentage 1").fill("100,5");
    await draft.getByRole("button", { name: "Leistungsart hinzufügen" }).click();
    await draft.getByRole("textbox", { name: /^Leistungsart 2\b/ }).fill("Beratung");
    await draft.getByLabel("Personentage 2").fill("20");
    await expect.poll(() => draft.getByTestId("draft-total").textContent()).toBe("Summe: 120,5 PT");
    await draft.getByRole("button", { name: "Entwurf anlegen" }).click();
    await manager.getByText("Der Entwurf ist angelegt.").waitFor();
    await manager.waitForURL(/#\/serviceOrders\/.+\/show/);
    orderPath = manager.url();
    orderId = decodeURIComponent(/serviceOrders\/([^/]+)\/show/.exec(orderPath)?.[1] ?? "");
    const section = manager.getByTestId("commissioning-section");
    await section.getByText(/Entwurf des Dienstleisters: noch nicht beauftragt/).waitFor();
    // The provider cannot commission its own order: no button for it.
    expect(await section.getByRole("button", { name: "Beauftragen" }).count()).toBe(0);
    await manager.context().close();

    const controller = await hub.signIn(CONTROLLER);
    await controller.goto(orderPath);
    const own = controller.getByTestId("commissioning-section");
    await own.getByRole("button", { name: "Beauftragen" }).click();
    const dialog = controller.getByRole("dialog", { name: "Serviceschein beauftragen" });
    await dialog.getByRole("combobox", { name: "Beschluss" }).click();
    await controller.getByRole("option", { name: new RegExp(DECISION) }).click();
    await dialog.getByLabel("Haushaltsstelle").fill("1.2.1.01.54310000");
    await expectAccessible(controller, "commissioning dialog");
    await dialog.getByRole("button", { name: "Weiter" }).click();
    // The confirmation says what is commissioned, on which decision, against which budget line.
    const confirm = controller.getByRole("dialog", { name: "Beauftragung bestätigen" });
    const summary = await confirm.getByTestId("commission-summary").textContent();
    expect(summary).toContain("120,5 PT");
    expect(summary).toContain("690,00 €");
    expect(summary).toContain(DECISION);
    expect(summary).toContain("1.2.1.01.54310000");
    await confirm.getByRole("button", { name: "Verbindlich beauftragen" }).click();
    // Success names what was commissioned, against which budget line.
    await controller
      .getByText(
        /^Serviceschein 2029 für Landeshauptstadt Schwerin beauftragt: 120,5 PT zu Lasten der Haushaltsstelle 1\.2\.1\.01\.54310000\. Ab jetzt kann gebucht werden\.$/,
      )
      .waitFor();
    await own.getByText("1.2.1.01.54310000").waitFor();
    await own.getByText(new RegExp(DECISION)).waitFor();
    await own.getByText(new RegExp(controllerName)).waitFor();
    await controller.getByText("beauftragt", { exact: true }).first().waitFor();
    await screenshot(controller, "service-order-commissioned");

    const saved = await hub.gql<{
      serviceOrder: { status: string; budgetLine: string; commissioningDecision: { title: string } };
    }>(
      CONTROLLER,
      "query ($id: ID!) { serviceOrder(id: $id) { status budgetLine commissioningDecision { title } } }",
      {
        id: orderId,
      },
    );
    expect(saved.serviceOrder).toEqual({
      status: "ACTIVE",
      budgetLine: "1.2.1.01.54310000",
      commissioningDecision: { title: DECISION },
    });
    await controller.context().close();
  });

  it("lets the controller approve a proposed amendment and reject another, and shows what is in force", async () => {
    expect(orderPath).not.toBe("");
    const manager = await hub.signIn(MANAGER);
    await manager.goto(orderPath);
    const propose = async (category: string, volume: string, from: string, reason: string) => {
      await manager.getByRole("button", { name: "Nachtrag vorschlagen" }).click();
      const dialog = manager.getByRole("dialog", { name: "Nachtrag vorschlagen" });
      await dialog.getByRole("textbox", { name: /^Leistungsart/ }).fill(category);
      await dialog.getByLabel("Neues Volumen der Leistungsart (PT)").fill(volume);
      await dialog.getByLabel("Wirksam ab").fill(from);
      await dialog.getByRole("textbox", { name: /^Grund/ }).fill(reason);
      await dialog.getByRole("button", { name: "Nachtrag vorschlagen" }).click();
      await manager
        .getByText("Nachtrag vorgeschlagen; er gilt, sobald der Schulträger ihn genehmigt.")
        .first()
        .waitFor();
      await dialog.waitFor({ state: "hidden" });
    };
    await propose("Support", "150", "2029-07-01", "Mehrbedarf Digitalpakt");
    await propose("Beratung", "35", "2029-09-01", "Mehr Beratung zur Medienentwicklung");
    const amendments = manager.getByTestId("amendments-section");
    await expect.poll(() => amendments.getByText("vorgeschlagen", { exact: true }).count()).toBe(2);
    // The provider proposes, the authority decides: no approval for the service manager.
    expect(await amendments.getByRole("button", { name: "Genehmigen" }).count()).toBe(0);
    await manager.context().close();

    const controller = await hub.signIn(CONTROLLER);
    await controller.goto(orderPath);
    const section = controller.getByTestId("amendments-section");
    const list = section.getByRole("table", { name: "Nachträge", exact: true });
    const support = list.getByRole("row").filter({ hasText: "Mehrbedarf Digitalpakt" });
    await support.getByRole("button", { name: "Genehmigen" }).click();
    const approve = controller.getByRole("dialog", { name: "Nachtrag genehmigen" });
    await approve.getByText(/ab 01\.07\.2029 gelten 150 PT statt 100,5 PT/).waitFor();
    await approve.getByRole("button", { name: "Verbindlich genehmigen" }).click();
    await controller.getByText("Nachtrag genehmigt.").waitFor();
    await support.getByText("genehmigt", { exact: true }).waitFor();
    await support.getByText(controllerName).waitFor();

    const advice = list.getByRole("row").filter({ hasText: "Mehr Beratung zur Medienentwicklung" });
    await advice.getByRole("button", { name: "Ablehnen" }).click();
    const reject = controller.getByRole("dialog", { name: "Nachtrag ablehnen" });
    await reject.getByLabel("Grund der Ablehnung").fill("Nicht im Haushalt 2029 vorgesehen");
    await reject.getByRole("button", { name: "Ablehnen" }).click();
    await controller.getByText("Nachtrag abgelehnt.").waitFor();
    await advice.getByText("abgelehnt", { exact: true }).waitFor();
    await advice.getByText(/Nicht im Haushalt 2029 vorgesehen/).waitFor();

    // The volume history: the commissioned 120,5 PT, then 170 PT from 1 July; the rejected one changes nothing.
    const history = section.getByRole("table", { name: "Volumenverlauf", exact: true });
    await history.getByRole("row").filter({ hasText: "01.07.2029" }).getByText("170 PT").waitFor();
    expect(await history.getByRole("row").filter({ hasText: "Mehr Beratung" }).count()).toBe(0);
    await screenshot(controller, "service-order-amendments");

    const saved = await hub.gql<{ serviceOrder: { volumeHistory: { contractedPersonDays: string }[] } }>(
      CONTROLLER,
      "query ($id: ID!) { serviceOrder(id: $id) { volumeHistory { contractedPersonDays } } }",
      { id: orderId },
    );
    expect(saved.serviceOrder.volumeHistory.map((v) => v.contractedPersonDays)).toEqual(["120.50", "170.00"]);
    await controller.context().close();
  });
});
