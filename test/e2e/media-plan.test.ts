// The media development plan end to end: the provider drafts a plan, the authority adopts it by a
// steering-group decision and the provider revises it (set up through the API); then in the
// browser the authority's IT-department coordinator adopts the revision from the decision's page,
// sees it adopted with its predecessor superseded, the cost table in exact German euros, and
// downloads the PDF for the council. Last, the provider's draft of next year's service order
// takes its person-days from the adopted plan.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, expectAccessible, screenshot, startConsole } from "./harness.ts";

const MANAGER = "servicemanager@ksm.example";
const CONTROLLER = "controlling@schwerin.example";
/** The coordinator of Schwerin's steering group from the IT department: the authority as client. */
const COORDINATOR = "schul-it@schwerin.example";
const SCHWERIN = "Landeshauptstadt Schwerin";
const TITLE = "Medienentwicklungsplan Schwerin (Browsertest)";
const REVISION = `${TITLE}, Fortschreibung`;
const FIRST_DECISION = "Beschluss des Medienentwicklungsplans (Browsertest)";
const REVISION_DECISION = "Fortschreibung des Medienentwicklungsplans (Browsertest)";
/** What the adopted revision plans in all: 1.500,50 € + 24.000,00 € + 12.345,67 €. */
const TOTAL = "37.846,17 €";

/** A title as a pattern: the titles carry parentheses. */
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

let hub: Console;
let revisionDecisionId = "";
let firstPlanId = "";
let revisionId = "";
/** The plan's years: after any plan the demo data may hold, so that adoption overlaps none. */
let start = 2030;

const MUTATION = {
  create:
    "mutation ($input: CreateMediaDevelopmentPlanInput!) { createMediaDevelopmentPlan(input: $input) { id } }",
  add: "mutation ($input: AddPlannedMeasureInput!) { addPlannedMeasure(input: $input) { id } }",
  target: "mutation ($input: SetPlanTargetInput!) { setPlanTarget(input: $input) { id } }",
  adopt:
    "mutation ($planId: ID!, $decisionId: ID!) { adoptMediaDevelopmentPlan(planId: $planId, decisionId: $decisionId) { id status } }",
  revise:
    "mutation ($planId: ID!, $input: ReviseMediaDevelopmentPlanInput) { reviseMediaDevelopmentPlan(planId: $planId, input: $input) { id version status } }",
};

async function steeringDecision(authorityId: string, title: string): Promise<string> {
  const meeting = await hub.gql<{ createMeeting: { id: string } }>(
    MANAGER,
    "mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }",
    {
      input: {
        authorityId,
        kind: "STEERING_GROUP",
        title: `Steuerungsgruppe: ${title}`,
        scheduledAt: "2026-11-19T09:00:00Z",
      },
    },
  );
  const decision = await hub.gql<{ recordDecision: { id: string } }>(
    MANAGER,
    "mutation ($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }",
    {
      input: {
        meetingId: meeting.createMeeting.id,
        title,
        text: "Die Steuerungsgruppe beschließt den vorgelegten Medienentwicklungsplan.",
        status: "APPROVED",
      },
    },
  );
  return decision.recordDecision.id;
}

beforeAll(async () => {
  hub = await startConsole();
  const { schoolAuthorities } = await hub.gql<{
    schoolAuthorities: { id: string; name: string; schools: { id: string; name: string }[] }[];
  }>(MANAGER, "{ schoolAuthorities { id name schools { id name } } }");
  const schwerin = schoolAuthorities.find((a) => a.name === SCHWERIN);
  if (!schwerin) throw new Error(`${SCHWERIN} is missing from the demo data`);
  const [first, second] = schwerin.schools;
  if (!first || !second) throw new Error(`${SCHWERIN} needs two schools`);
  const existing = await hub.gql<{
    mediaDevelopmentPlans: { status: string; periodEnd: number; title: string }[];
  }>(MANAGER, "query ($a: ID!) { mediaDevelopmentPlans(authorityId: $a) { status periodEnd title } }", {
    a: schwerin.id,
  });
  const draft = existing.mediaDevelopmentPlans.find((p) => p.status === "DRAFT");
  if (draft) throw new Error(`the demo data holds a draft for ${SCHWERIN} („${draft.title}“)`);
  start = Math.max(start, ...existing.mediaDevelopmentPlans.map((p) => p.periodEnd + 1));

  const firstDecisionId = await steeringDecision(schwerin.id, FIRST_DECISION);
  revisionDecisionId = await steeringDecision(schwerin.id, REVISION_DECISION);

  const plan = await hub.gql<{ createMediaDevelopmentPlan: { id: string } }>(MANAGER, MUTATION.create, {
    input: { authorityId: schwerin.id, title: TITLE, periodStart: start, periodEnd: start + 2 },
  });
  firstPlanId = plan.createMediaDevelopmentPlan.id;
  const measure = (
    schoolId: string,
    category: string,
    title: string,
    year: number,
    euros: string,
    days: string,
  ) =>
    hub.gql(MANAGER, MUTATION.add, {
      input: {
        planId: firstPlanId,
        schoolId,
        category,
        title,
        year,
        investmentEuros: euros,
        personDays: days,
      },
    });
  // The only network measure of its year: its cell in the cost table shows exactly this amount.
  await measure(first.id, "NETWORK", "WLAN-Ausleuchtung Haus A", start, "1500.50", "4.5");
  await measure(second.id, "DEVICES", "Tablets für Klassenstufe 5", start + 1, "24000", "6");
  await hub.gql(MANAGER, MUTATION.target, {
    input: {
      planId: firstPlanId,
      schoolId: first.id,
      category: "NETWORK",
      description: "WLAN in allen Räumen",
    },
  });
  // The authority adopts version 1 as client; the provider then opens the Fortschreibung.
  await hub.gql(CONTROLLER, MUTATION.adopt, { planId: firstPlanId, decisionId: firstDecisionId });
  const revision = await hub.gql<{
    reviseMediaDevelopmentPlan: { id: string; version: number; status: string };
  }>(MANAGER, MUTATION.revise, { planId: firstPlanId, input: { title: REVISION, periodEnd: start + 4 } });
  expect(revision.reviseMediaDevelopmentPlan).toMatchObject({ version: 2, status: "DRAFT" });
  revisionId = revision.reviseMediaDevelopmentPlan.id;
  await hub.gql(MANAGER, MUTATION.add, {
    input: {
      planId: revisionId,
      schoolId: second.id,
      category: "PRESENTATION",
      title: "Interaktive Tafeln",
      year: start + 3,
      investmentEuros: "12345.67",
      personDays: "2.5",
    },
  });
});
afterAll(() => hub?.close());

/** The PDF behind the page's link, the way the browser downloads it. */
async function downloadPdf(page: Page): Promise<Buffer> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "PDF herunterladen" }).click(),
  ]);
  expect(await download.failure()).toBeNull();
  const chunks: Buffer[] = [];
  const stream = await download.createReadStream();
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("media development plan", () => {
  it("lets the authority's IT coordinator adopt the revised plan from the decision and download its PDF", async () => {
    const page = await hub.signIn(COORDINATOR);
    await page.goto(`${hub.url}/#/decisions/${encodeURIComponent(revisionDecisionId)}/show`);
    const section = page.getByTestId("plan-adoption");
    await section.getByRole("button", { name: "Medienentwicklungsplan beschließen" }).click();
    const dialog = page.getByRole("dialog", { name: "Medienentwicklungsplan beschließen" });
    await dialog.getByRole("radio", { name: new RegExp(`Version 2, ${start}–${start + 4}`) }).check();
    await expectAccessible(page, "adoption dialog");
    await dialog.getByRole("button", { name: "Weiter" }).click();
    // The confirmation names the plan, the decision and what it supersedes.
    const confirm = page.getByRole("dialog", { name: "Beschluss des Medienentwicklungsplans bestätigen" });
    const summary = await confirm.getByTestId("adopt-summary").textContent();
    expect(summary).toContain(REVISION);
    expect(summary).toContain(REVISION_DECISION);
    expect(summary).toContain("Version 1 wird damit abgelöst");
    await confirm.getByRole("button", { name: "Verbindlich beschließen" }).click();
    await page.getByText(`Der Medienentwicklungsplan „${REVISION}“ (Version 2) ist beschlossen.`).waitFor();
    await section.getByRole("link", { name: "Zum Plan" }).click();

    await page.waitForURL(/#\/mediaDevelopmentPlans\/.+\/show/);
    const head = page.getByTestId("plan-head");
    await head.getByRole("heading", { name: REVISION, level: 1 }).waitFor();
    await head.getByText("beschlossen", { exact: true }).first().waitFor();
    await head
      .getByTestId("plan-adoption")
      .getByRole("link", { name: new RegExp(escaped(REVISION_DECISION)) })
      .waitFor();
    // The version it revises is superseded now.
    const facts = head.getByTestId("plan-facts");
    await facts.getByRole("link", { name: `Version 1: ${TITLE}` }).waitFor();
    await facts.getByText("abgelöst", { exact: true }).waitFor();
    // Adopted means frozen: no editing, no adding, for anyone.
    expect(await page.getByRole("button", { name: "Maßnahme hinzufügen" }).count()).toBe(0);

    // Exact euros, German: the carried-over network measure of the first year.
    await page.getByTestId(`cost-year-${start}`).getByText("1.500,50 €", { exact: true }).first().waitFor();
    await page.getByTestId("cost-total").getByText(TOTAL, { exact: true }).waitFor();
    await page.getByTestId("total-planned-investment").getByText(TOTAL, { exact: true }).waitFor();
    await expectAccessible(page, "media development plan");
    await screenshot(page, "media-plan-adopted");

    const href = await page.getByRole("link", { name: "PDF herunterladen" }).getAttribute("href");
    expect(href).toBe(`/exports/media-plans/${encodeURIComponent(revisionId)}.pdf`);
    const response = await page.context().request.get(new URL(href as string, hub.url).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/pdf");
    const pdf = await downloadPdf(page);
    expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
    expect(pdf.length).toBeGreaterThan(1000);

    // The predecessor's own page says it is superseded and leads to its revision.
    await facts.getByRole("link", { name: `Version 1: ${TITLE}` }).click();
    await head.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
    await head.getByText("abgelöst", { exact: true }).first().waitFor();
    await facts.getByRole("link", { name: `Version 2: ${REVISION}` }).waitFor();

    const saved = await hub.gql<{
      revision: { status: string; adoptedBy: { id: string } | null };
      first: { status: string };
    }>(
      COORDINATOR,
      `query ($revision: ID!, $first: ID!) {
        revision: mediaDevelopmentPlan(id: $revision) { status adoptedBy { id } }
        first: mediaDevelopmentPlan(id: $first) { status } }`,
      { revision: revisionId, first: firstPlanId },
    );
    expect(saved).toEqual({
      revision: { status: "ADOPTED", adoptedBy: { id: revisionDecisionId } },
      first: { status: "SUPERSEDED" },
    });
    await page.context().close();
  });

  it("offers the adopted plan's person-days as the start of the provider's draft service order", async () => {
    expect(revisionId).not.toBe("");
    const page = await hub.signIn(MANAGER);
    await page.goto(`${hub.url}/#/serviceOrders`);
    await page.getByRole("button", { name: "Serviceschein entwerfen" }).click();
    const draft = page.getByRole("dialog", { name: "Serviceschein entwerfen" });
    await draft.getByRole("combobox", { name: "Schulträger" }).click();
    await page.getByRole("option", { name: SCHWERIN }).click();
    await draft.getByLabel("Jahr").fill(String(start + 1));
    await draft.getByRole("button", { name: "Vorschlag aus dem Medienentwicklungsplan" }).click();
    await draft
      .getByTestId("plan-proposal")
      .getByText(new RegExp(escaped(`„${REVISION}“ (Version 2)`)))
      .waitFor();
    // The tablets (devices: Ertüchtigung, 6 PT) fill the line; the empty default line gives way.
    await expect
      .poll(() => draft.getByRole("textbox", { name: /^Leistungsart 1\b/ }).inputValue())
      .toBe("Ertüchtigung");
    expect(await draft.getByLabel("Personentage 1").inputValue()).toBe("6");
    await expect.poll(() => draft.getByTestId("draft-total").textContent()).toBe("Summe: 6 PT");
    // Still the provider's draft: the figure can be changed before it is submitted.
    await draft.getByLabel("Personentage 1").fill("7,5");
    await expect.poll(() => draft.getByTestId("draft-total").textContent()).toBe("Summe: 7,5 PT");
    await page.context().close();
  });
});
