// The order's plan profile and the service measures of a school, end to end: the plan figure
// follows a new profile; an upgrade measure's acceptance hands the school over to the provider.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, expectAccessible, screenshot, startConsole } from "./harness.ts";

let hub: Console;
let orderPath: string;
let orderId: string;

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

describe("plan profile", () => {
  it("is set by the controller (not by provider staff), and a summer dip changes the plan figure", async () => {
    const staff = await hub.signIn("technik@ksm.example");
    await staff.goto(orderPath);
    const planned = staff.getByTestId("figure-planned");
    await planned.waitFor();
    const before = await planned.textContent();
    expect(await staff.getByRole("button", { name: "Planprofil bearbeiten" }).count()).toBe(0);
    await expect(
      hub.gql(
        "technik@ksm.example",
        "mutation ($id: ID!) { setServiceOrderPlan(serviceOrderId: $id, burnMarginPct: 5) { id } }",
        { id: orderId },
      ),
    ).rejects.toThrow(/Controlling oder Servicemanagement/);

    const controller = await hub.signIn("controlling@schwerin.example");
    await controller.goto(orderPath);
    await controller
      .getByTestId("figure-planned")
      .getByText(before ?? "")
      .waitFor();
    await controller.getByRole("button", { name: "Planprofil bearbeiten" }).click();
    const dialog = controller.getByRole("dialog", { name: "Planprofil des Servicescheins" });
    for (let month = 1; month <= 12; month++) {
      await dialog.getByTestId(`weight-${month}`).fill(month === 7 || month === 8 ? "2" : "10");
    }
    await dialog.getByText("Monatsprofil").waitFor();
    // An invalid margin reaches the person as the server's German message.
    await dialog.getByLabel("Toleranz in Prozentpunkten").fill("500");
    await dialog.getByRole("button", { name: "Speichern" }).click();
    await controller.getByText("Die Toleranz liegt zwischen 1 und 100 Prozentpunkten.").waitFor();
    await dialog.getByLabel("Toleranz in Prozentpunkten").fill("8");
    await dialog.getByRole("button", { name: "Speichern" }).click();
    await controller.getByText("Das Planprofil ist gespeichert.").waitFor();
    await expect.poll(() => controller.getByTestId("figure-planned").textContent()).not.toBe(before);
    await screenshot(controller, "service-order-plan");

    const saved = await hub.gql<{ serviceOrder: { monthlyPlanWeights: number[]; burnMarginPct: number } }>(
      "controlling@schwerin.example",
      "query ($id: ID!) { serviceOrder(id: $id) { monthlyPlanWeights burnMarginPct } }",
      { id: orderId },
    );
    expect(saved.serviceOrder).toEqual({
      monthlyPlanWeights: [10, 10, 10, 10, 10, 10, 2, 2, 10, 10, 10, 10],
      burnMarginPct: 8,
    });
    await staff.reload();
    await expect.poll(() => staff.getByTestId("figure-planned").textContent()).not.toBe(before);
    await staff.context().close();
    await controller.context().close();
  });
});

describe("service measures", () => {
  it("runs an upgrade from plan to acceptance, after which the provider supports the school", async () => {
    const data = await hub.gql<{
      schoolAuthorities: { name: string; schools: { id: string; name: string; upgradeStatus: string }[] }[];
    }>("schul-it@schwerin.example", "{ schoolAuthorities { name schools { id name upgradeStatus } } }");
    const authority = data.schoolAuthorities[0];
    const school = authority?.schools.find((s) => s.upgradeStatus === "PLANNED");
    if (!authority || !school) throw new Error("no school with a planned upgrade in the demo data");
    const title = "Ertüchtigung WLAN und Präsentationstechnik";

    const manager = await hub.signIn("servicemanager@ksm.example");
    await manager.goto(`${hub.url}/#/measures`);
    await manager.getByRole("heading", { level: 1, name: "Maßnahmen" }).waitFor();
    // The provider serves several authorities.
    await manager.getByRole("combobox", { name: /Schulträger/ }).click();
    await manager.getByRole("option", { name: authority.name }).click();
    const section = manager.getByTestId(`school-${school.name}`);
    await section.waitFor();
    await manager.getByRole("button", { name: "Maßnahme anlegen" }).click();
    const create = manager.getByRole("dialog", { name: "Maßnahme anlegen" });
    await create.getByLabel("Schule").click();
    await manager.getByRole("option", { name: school.name, exact: true }).click();
    await create.getByLabel("Art").click();
    await manager.getByRole("option", { name: "Ertüchtigung nach Zielbild" }).click();
    await create.getByLabel("Maßnahme").fill(title);
    await create.getByRole("button", { name: "Maßnahme anlegen" }).click();
    const row = section.getByTestId(`measure-${title}`);
    await row.getByText("geplant").waitFor();
    await row.getByRole("button", { name: "Beginnen" }).click();
    await row.getByText("in Arbeit").waitFor();
    await row.getByRole("button", { name: "Abschließen" }).click();
    const complete = manager.getByRole("dialog", { name: "Maßnahme mit Servicebericht abschließen" });
    // The report is required: without it the dialog does not submit.
    await expect(complete.getByRole("button", { name: "Abschließen" }).isDisabled()).resolves.toBe(true);
    await complete
      .getByLabel("Servicebericht")
      .fill("12 Access Points und 8 Displays installiert, abgenommen bereit.");
    await complete.getByRole("button", { name: "Abschließen" }).click();
    await row.getByText("abgeschlossen", { exact: true }).waitFor();
    await row.getByText("12 Access Points").waitFor();
    expect(await row.getByRole("button", { name: "Abnahme erklären" }).count()).toBe(0);
    await manager.context().close();

    const officer = await hub.signIn("schul-it@schwerin.example");
    await officer.goto(`${hub.url}/#/measures`);
    const officerRow = officer.getByTestId(`school-${school.name}`).getByTestId(`measure-${title}`);
    await officerRow.getByRole("button", { name: "Abnahme erklären" }).click();
    await officerRow.getByText("abgenommen", { exact: true }).waitFor();
    // The acceptance proposes the handover; until the authority confirms it, its own IT supports the school.
    await officer.getByTestId(`school-${school.name}`).getByText("IT des Schulträgers").waitFor();
    await screenshot(officer, "service-measures");
    await expectAccessible(officer, "service measures page");
    await officer.context().close();

    const proposed = await hub.gql<{ node: { handovers: { id: string; confirmed: boolean }[] } }>(
      "schul-it@schwerin.example",
      "query($id: ID!) { node(id: $id) { ... on School { handovers { id confirmed } } } }",
      { id: school.id },
    );
    const pending = proposed.node.handovers.find((h) => !h.confirmed);
    expect(pending).toBeDefined();
    await hub.gql(
      "schul-it@schwerin.example",
      "mutation($id: ID!) { confirmSchoolHandover(handoverId: $id) { id } }",
      {
        id: pending?.id,
      },
    );
    const after = await hub.gql<{ schoolAuthorities: { schools: { id: string; supportedBy: string }[] }[] }>(
      "schul-it@schwerin.example",
      "{ schoolAuthorities { schools { id supportedBy } } }",
    );
    const supported = after.schoolAuthorities.flatMap((a) => a.schools).find((s) => s.id === school.id);
    expect(supported?.supportedBy).toBe("PROVIDER");
  });
});
