// Governance, continued: a school raises a procurement request with a German euro amount,
// decisions recorded elsewhere appear live in a steering member's register, a minute taker
// moves a draft meeting, and the procurement form passes axe.
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
const SCHOOL_CONTACT = "schule@schwerin.example";

async function go(page: Page, route: string): Promise<void> {
  await page.goto(`${hub.url}/#${route}`);
}

interface MeetingNode {
  id: string;
  status: string;
  minutesStatus: string;
  scheduledAt: string;
}

/** Draft, scheduled meetings of Schwerin, the next first, as the service manager sees them. */
async function schwerinDrafts(): Promise<MeetingNode[]> {
  const data = await hub.gql<{
    meetings: { edges: { node: MeetingNode & { authority: { name: string } } }[] };
  }>(
    SERVICE_MANAGER,
    `{ meetings(filter: { from: "${new Date().toISOString()}" }, first: 100) {
      edges { node { id status minutesStatus scheduledAt authority { name } } } } }`,
  );
  return data.meetings.edges
    .map((e) => e.node)
    .filter(
      (m) =>
        m.authority.name === "Landeshauptstadt Schwerin" &&
        m.status === "SCHEDULED" &&
        m.minutesStatus === "DRAFT",
    );
}

describe("governance, more", () => {
  it("lets a school contact raise a procurement request with an exact euro amount", async () => {
    const page = await hub.signIn(SCHOOL_CONTACT);
    await page.getByRole("menuitem", { name: "Beschaffungen" }).click();
    // Steering records are not theirs to read, so their menu does not offer them.
    await expect(page.getByRole("menuitem", { name: "Sitzungen" }).count()).resolves.toBe(0);
    await page.getByRole("link", { name: "Beschaffung anfragen" }).click();
    await page.waitForURL(/#\/procurementRequests\/create/);
    // Their own school, shown and not to be chosen.
    await expect(page.getByRole("textbox", { name: "Schule" }).inputValue()).resolves.toBe(
      "Grundschule Lankow",
    );
    await expect(page.getByRole("combobox", { name: "Schule" }).count()).resolves.toBe(0);

    await page.getByRole("combobox", { name: "Kategorie" }).click();
    await page.getByRole("option", { name: "Sonderausstattung" }).click();
    await page.getByRole("listbox").waitFor({ state: "detached" });
    await page.getByRole("textbox", { name: /^Titel/ }).fill("Dokumentenkamera für Klasse 3b");
    await page.getByRole("textbox", { name: /^Begründung/ }).fill("Die alte Kamera ist defekt.");
    const cost = page.getByRole("textbox", { name: /^Geschätzte Kosten/ });
    await cost.fill("1.234,56");
    await expectAccessible(page, "procurement form");
    await screenshot(page, "procurement-create");
    // A typo is caught in the form, before anything reaches the server.
    await cost.fill("1.234,5x");
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByText("„1.234,5x“ ist keine Zahl. Bitte so schreiben: 1.500,50 oder 1500,50.").waitFor();
    await cost.fill("1.234,56");
    await page.getByRole("button", { name: "Speichern" }).click();

    await page.waitForURL(/#\/procurementRequests(\?|$)/);
    const row = page.getByRole("row", { name: /Dokumentenkamera für Klasse 3b/ });
    await row.getByText("1.234,56 €", { exact: true }).waitFor();
    await row.getByText("Grundschule Lankow").waitFor();
    // The amount reached the server as the exact Decimal, not as a float.
    const data = await hub.gql<{
      schoolAuthorities: { procurementRequests: { title: string; estimatedCost: string }[] }[];
    }>(SCHOOL_CONTACT, "{ schoolAuthorities { procurementRequests { title estimatedCost } } }");
    const raised = data.schoolAuthorities
      .flatMap((a) => a.procurementRequests)
      .find((p) => p.title === "Dokumentenkamera für Klasse 3b");
    expect(raised?.estimatedCost).toBe("1234.56");
  });

  it("shows a decision recorded elsewhere in the steering member's open register without reload", async () => {
    const page = await hub.signIn(STEERING_MEMBER);
    // The register is live once its subscription went out over the WebSocket.
    const subscribed = new Promise<void>((resolve) => {
      page.on("websocket", (socket) =>
        socket.on("framesent", (frame) => {
          if (String(frame.payload).includes("decisionUpdated")) resolve();
        }),
      );
    });
    await go(page, `/decisions?filter=${encodeURIComponent(JSON.stringify({ status: ["PROPOSED"] }))}`);
    await page.getByRole("columnheader", { name: "Titel" }).waitFor();
    await page.getByText("Landeshauptstadt Schwerin").first().waitFor();
    const title = `Live-Beschluss ${Date.now()}`;
    await expect(page.getByText(title).count()).resolves.toBe(0);
    await subscribed;

    const [meeting] = await schwerinDrafts();
    expect(meeting).toBeDefined();
    await hub.gql(
      SERVICE_MANAGER,
      "mutation ($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }",
      { input: { meetingId: meeting?.id, title, text: "Über die Live-Aktualisierung erfasst." } },
    );
    await page.getByText(title).waitFor({ timeout: 2_000 });
  });

  it("lets the service manager move a draft meeting", async () => {
    const drafts = await schwerinDrafts();
    const meeting = drafts[drafts.length - 1];
    expect(meeting).toBeDefined();
    const target = new Date(Date.now() + 40 * 86_400_000);
    const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin" }).format(target);
    const [y, m, d] = day.split("-");

    const page = await hub.signIn(SERVICE_MANAGER);
    await go(page, `/meetings/${encodeURIComponent(meeting?.id ?? "")}/show`);
    await page.getByRole("heading", { name: "Teilnehmende" }).waitFor();
    await page.getByRole("button", { name: "Sitzung verschieben" }).click();
    const dialog = page.getByRole("dialog", { name: "Sitzung verschieben" });
    await dialog.getByLabel(/Neuer Termin/).fill(`${day}T09:30`);
    await dialog.getByRole("button", { name: "Sitzung verschieben" }).click();
    await page.getByText("Sitzung verschoben.").waitFor();
    await page.getByText(new RegExp(`am ${d}\\.${m}\\.${y}$`)).waitFor();
    await page.getByText(/· 09:30 Uhr ·/).waitFor();
    await screenshot(page, "meeting-moved");

    // The personal calendar link works until it is revoked.
    await page.getByRole("button", { name: "Kalender-Link erstellen" }).click();
    const link = await page.getByRole("textbox", { name: "Kalender-Link" }).inputValue();
    expect(link).toMatch(/\/exports\/calendar\/[^/]+\/meetings\.ics$/);
    const feed = await fetch(link);
    expect(feed.status).toBe(200);
    await expect(feed.text()).resolves.toContain("BEGIN:VCALENDAR");
    await page.getByRole("button", { name: "Kalender-Links widerrufen" }).click();
    await page.getByText("Ihre Kalender-Links für diesen Schulträger sind widerrufen.").waitFor();
    await expect(fetch(link).then((r) => r.status)).resolves.toBe(404);
  });
});
