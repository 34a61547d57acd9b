// German everywhere: every role signs in and visits every page of its menu and a detail page of
// each resource (with its tabs); the visible text must hold no ISO date, no raw enum code and none
// of react-admin's or MUI's English defaults. The server's exports are read for ISO dates too.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfText } from "../helpers/pdf.ts";
import { type Console, startConsole } from "./harness.ts";

let hub: Console;

const ROLES = [
  "admin@ksm.example",
  "servicemanager@ksm.example",
  "technik@ksm.example",
  "schul-it@schwerin.example",
  "controlling@schwerin.example",
  "schulverwaltung@schwerin.example",
  "schule@schwerin.example",
];

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
const ENUM_WITH_UNDERSCORE = /\b[A-Z]{2,}(?:_[A-Z]+)+\b/;
/** Names an administrator must type as they are: the hub's environment variables. */
const ENVIRONMENT = new Set(["SMTP_URL"]);

/** Every single-word value of the schema's enums ("DRAFT", "ACTIVE"): shown raw, they are codes. */
const ENUM_WORDS = (() => {
  const schema = fs.readFileSync(path.resolve(import.meta.dirname, "../../schema.graphql"), "utf8");
  const words = new Set<string>();
  for (const block of schema.matchAll(/^enum \w+ \{([^}]*)\}/gm)) {
    for (const line of (block[1] ?? "").split("\n")) {
      const value = line.trim();
      if (/^[A-Z]{3,}$/.test(value)) words.add(value);
    }
  }
  return new RegExp(`\\b(${[...words].join("|")})\\b`);
})();

/**
 * What react-admin shows for a field whose label has no German text: its source, humanised
 * ("steeringGroup.name" → "Steering group name"), for every source the console names. Words
 * German writes the same ("Name", "Status", "Text") are no sign of a missing label.
 */
const UNTRANSLATED_LABELS = (() => {
  const sources = new Set<string>();
  const read = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) read(file);
      else if (/\.tsx?$/.test(entry.name)) {
        for (const match of fs.readFileSync(file, "utf8").matchAll(/source="([\w.]+)"/g))
          sources.add(match[1] ?? "");
      }
    }
  };
  read(path.resolve(import.meta.dirname, "../../admin/src"));
  const humanised = [...sources].map((source) => {
    const words = source
      .replace(/\./g, " ")
      .replace(/([a-z\d])([A-Z])/g, "$1 $2")
      .toLowerCase()
      .replace(/ id$/, "");
    return words.charAt(0).toUpperCase() + words.slice(1);
  });
  return new Set(humanised.filter((label) => !["Name", "Status", "Text", "Q"].includes(label)));
})();

/**
 * react-admin's and MUI's English defaults, as whole words. Words German shares ("Filter",
 * "Status", "Details") are left out; their English phrases are in ("Add filter").
 */
const ENGLISH = new RegExp(
  `\\b(${[
    "Save",
    "Cancel",
    "Delete",
    "Search",
    "Rows per page",
    "No results found",
    "No results",
    "Loading",
    "Refresh",
    "Close",
    "Add filter",
    "Remove all filters",
    "Actions",
    "Edit",
    "Show",
    "Create",
    "Confirm",
    "Submit",
    "Undo",
    "Previous page",
    "Next page",
    "Go to page",
    "Select all",
    "Sort by",
    "Logout",
    "Profile",
    "Required",
    "Page not found",
    "Something went wrong",
    "Clear value",
    "Open menu",
    "Close menu",
    "Back",
    "Add",
    "Remove",
    "Export",
    "of",
  ].join("|")})\\b`,
);

beforeAll(async () => {
  hub = await startConsole();
});
afterAll(() => hub?.close());

/**
 * The text a person sees or hears: visible text nodes as written in the source (not as CSS
 * upper-cases them), and the labels, placeholders and titles of visible elements.
 */
async function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!text || !parent || ["SCRIPT", "STYLE", "NOSCRIPT"].includes(parent.tagName)) continue;
      if (parent.checkVisibility({ visibilityProperty: true })) texts.push(text);
    }
    for (const element of document.body.querySelectorAll("[aria-label], [placeholder], [title]")) {
      if (!element.checkVisibility()) continue;
      for (const name of ["aria-label", "placeholder", "title"]) {
        const value = element.getAttribute(name)?.trim();
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

function problemsIn(texts: string[], where: string): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    const iso = ISO_DATE.exec(text);
    if (iso) found.add(`${where}: ISO-Datum „${iso[0]}“ in „${text.slice(0, 120)}“`);
    const code =
      ENUM_WITH_UNDERSCORE.exec(text.replace(/\b[A-Z_]+\b/g, (w) => (ENVIRONMENT.has(w) ? "" : w))) ??
      ENUM_WORDS.exec(text);
    if (code) found.add(`${where}: Code „${code[0]}“ in „${text.slice(0, 120)}“`);
    const english = ENGLISH.exec(text);
    if (english) found.add(`${where}: Englisch „${english[0]}“ in „${text.slice(0, 120)}“`);
    if (UNTRANSLATED_LABELS.has(text)) found.add(`${where}: unübersetzte Beschriftung „${text}“`);
  }
  return [...found];
}

/** Requests the page has open (HTTP only: the subscriptions' socket stays open by design). */
const openRequests = new WeakMap<Page, { open: number; changed: number }>();

function watch(page: Page): Page {
  const state = { open: 0, changed: Date.now() };
  openRequests.set(page, state);
  const done = () => {
    state.open = Math.max(0, state.open - 1);
    state.changed = Date.now();
  };
  page.on("request", () => {
    state.open++;
    state.changed = Date.now();
  });
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  return page;
}

/**
 * Waits until the page's code and data have arrived and it has rendered them: no request open
 * and no progress indicator for a moment.
 */
async function settle(page: Page): Promise<void> {
  const state = openRequests.get(page);
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    const quiet = !state || (state.open === 0 && Date.now() - state.changed > 400);
    // While a page's code arrives, React keeps the previous page hidden (display: none) and
    // shows nothing: a main without visible text is not done yet.
    const ready = await page.evaluate(
      () =>
        !document.querySelector('[role="progressbar"]:not([aria-valuenow]), .MuiSkeleton-root') &&
        // innerText, not textContent: only what is displayed counts.
        // biome-ignore lint/performance/useDomNodeTextContent: the hidden previous page must not count.
        ((document.querySelector("#main-content") as HTMLElement | null)?.innerText.trim().length ?? 0) > 0,
    );
    if (quiet && ready) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`${page.url()} did not settle within 15 s`);
}

/** The page at `route` and each of its tabs, as problems found. */
async function inspect(page: Page, route: string, who: string): Promise<string[]> {
  await page.goto(`${hub.url}/#${route}`);
  await page.locator("#main-content, main").first().waitFor();
  await settle(page);
  const where = `${who} ${route}`;
  const found = problemsIn(await pageTexts(page), where);
  const tabs = page.locator('#main-content [role="tab"]:visible');
  for (let i = 1; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    await settle(page);
    found.push(...problemsIn(await pageTexts(page), `${where} (Reiter ${i + 1})`));
  }
  return found;
}

async function menuRoutes(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator(".RaMenu-open a[href], .RaMenu-closed a[href]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.filter((h) => h.startsWith("#/")).map((h) => h.slice(1));
}

interface Ids {
  authority: string;
  school: string;
  order: string;
  meetingFinal: string;
  meetingDraft: string;
  decision: string;
  procurement: string;
  escalation: string;
  plan: string;
  ownEscalation: string;
  ownProcurement: string;
  proofUrls: string[];
  minutesUrls: string[];
}

async function demoIds(): Promise<Ids> {
  const controller = "controlling@schwerin.example";
  const data = await hub.gql<{
    schoolAuthorities: {
      id: string;
      name: string;
      schools: { id: string; name: string }[];
      serviceOrders: { id: string; status: string; proofsOfService: { pdfUrl: string; csvUrl: string }[] }[];
      procurementRequests: { id: string }[];
      escalations: { id: string }[];
    }[];
  }>(
    controller,
    `{ schoolAuthorities { id name schools { id name } procurementRequests { id } escalations { id }
       serviceOrders { id status proofsOfService { pdfUrl csvUrl } } } }`,
  );
  const schwerin = data.schoolAuthorities.find((a) => a.name.includes("Schwerin"));
  if (!schwerin) throw new Error("Schwerin is missing in the demo data");
  const order = schwerin.serviceOrders.find((o) => o.status === "ACTIVE");
  const meetings = await hub.gql<{
    meetings: {
      edges: {
        node: { id: string; minutesStatus: string; minutesPdfUrl: string; minutesMarkdownUrl: string };
      }[];
    };
  }>(
    controller,
    `query ($a: ID!) { meetings(filter: { authorityId: $a }, last: 30) {
       edges { node { id minutesStatus minutesPdfUrl minutesMarkdownUrl } } } }`,
    { a: schwerin.id },
  );
  const nodes = meetings.meetings.edges.map((e) => e.node);
  const final = nodes.filter((m) => m.minutesStatus === "FINAL").at(-1);
  const draft = nodes.find((m) => m.minutesStatus === "DRAFT");
  const decisions = await hub.gql<{ decisions: { edges: { node: { id: string } }[] } }>(
    controller,
    "{ decisions(first: 1) { edges { node { id } } } }",
  );
  const plans = await hub.gql<{ mediaDevelopmentPlans: { id: string; status: string }[] }>(
    controller,
    "query ($a: ID!) { mediaDevelopmentPlans(authorityId: $a) { id status } }",
    { a: schwerin.id },
  );
  const school = await hub.gql<{
    schoolAuthorities: { procurementRequests: { id: string }[]; escalations: { id: string }[] }[];
  }>("schule@schwerin.example", "{ schoolAuthorities { procurementRequests { id } escalations { id } } }");
  const own = school.schoolAuthorities[0];
  const ids = {
    authority: schwerin.id,
    school: schwerin.schools[0]?.id,
    order: order?.id,
    meetingFinal: final?.id,
    meetingDraft: draft?.id,
    decision: decisions.decisions.edges[0]?.node.id,
    procurement: schwerin.procurementRequests[0]?.id,
    escalation: schwerin.escalations[0]?.id,
    plan: plans.mediaDevelopmentPlans.find((p) => p.status === "ADOPTED")?.id,
    ownEscalation: own?.escalations[0]?.id,
    ownProcurement: own?.procurementRequests[0]?.id,
  };
  for (const [name, value] of Object.entries(ids)) if (!value) throw new Error(`no ${name} in the demo data`);
  return {
    ...(ids as Record<keyof typeof ids, string>),
    proofUrls: (order?.proofsOfService ?? []).flatMap((p) => [p.pdfUrl, p.csvUrl]).slice(0, 4),
    minutesUrls: final ? [final.minutesPdfUrl, final.minutesMarkdownUrl] : [],
  };
}

/** Signs in and inspects the routes given, or the dashboard and every page of the menu. */
async function crawlAs(email: string, routes?: string[]): Promise<string[]> {
  const page = watch(await hub.signIn(email));
  await settle(page);
  const found = routes ? [] : problemsIn(await pageTexts(page), `${email} Übersicht`);
  for (const route of routes ?? (await menuRoutes(page))) found.push(...(await inspect(page, route, email)));
  await page.context().close();
  return found;
}

/** Two at a time: the browser waits for the server most of the time. */
async function twoAtATime<T>(items: T[], crawl: (item: T) => Promise<string[]>): Promise<string[]> {
  const found: string[] = [];
  for (let i = 0; i < items.length; i += 2) {
    for (const part of await Promise.all(items.slice(i, i + 2).map(crawl))) found.push(...part);
  }
  return found;
}

const show = (resource: string, id: string) => `/${resource}/${encodeURIComponent(id)}/show`;

describe("German everywhere", () => {
  it("shows every role's menu pages without ISO dates, codes or English defaults", async () => {
    const found = await twoAtATime(ROLES, (email) => crawlAs(email));
    expect(found).toEqual([]);
  }, 300_000);

  it("shows the detail, form and tool pages of each resource in German", async () => {
    const ids = await demoIds();
    const visits: [string, string[]][] = [
      [
        "controlling@schwerin.example",
        [
          show("serviceOrders", ids.order),
          show("meetings", ids.meetingFinal),
          show("decisions", ids.decision),
          show("procurementRequests", ids.procurement),
          show("escalations", ids.escalation),
          show("mediaDevelopmentPlans", ids.plan),
          show("authorities", ids.authority),
          show("schools", ids.school),
          "/calendar",
          "/search?q=Netz",
          "/mail-settings",
        ],
      ],
      [
        "servicemanager@ksm.example",
        [
          show("meetings", ids.meetingDraft),
          "/meetings/create",
          "/meeting-series/create",
          "/provider-overview",
        ],
      ],
      [
        "admin@ksm.example",
        ["/authorities/create", "/schools/create", `/schools/${encodeURIComponent(ids.school)}`],
      ],
      [
        "schule@schwerin.example",
        [
          show("escalations", ids.ownEscalation),
          show("procurementRequests", ids.ownProcurement),
          "/escalations/create",
          "/procurementRequests/create",
        ],
      ],
    ];
    const found = await twoAtATime(visits, ([email, routes]) => crawlAs(email, routes));
    expect(found).toEqual([]);
  }, 300_000);

  it("writes the server's exports (CSV, Excel, PDF, Markdown) without ISO dates", async () => {
    const ids = await demoIds();
    const page = await hub.signIn("controlling@schwerin.example");
    const request = page.context().request;
    const order = encodeURIComponent(ids.order);
    const urls = [
      `/exports/bookings.csv?serviceOrderId=${order}`,
      `/exports/bookings.xlsx?serviceOrderId=${order}`,
      ...ids.proofUrls,
      ...ids.minutesUrls,
      `/exports/media-plans/${encodeURIComponent(ids.plan)}.pdf`,
      `/exports/media-plans/${encodeURIComponent(ids.plan)}.xlsx`,
    ];
    expect(ids.proofUrls.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const url of urls) {
      const response = await request.get(`${hub.url}${url}`);
      expect(response.status(), url).toBe(200);
      const body = await response.body();
      let texts: string[];
      if (/\.pdf(\?|$)/.test(url)) texts = (await pdfText(body)).text.split("\n");
      else if (/\.xlsx(\?|$)/.test(url)) {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(body as unknown as ArrayBuffer);
        texts = [];
        // Dates in cells are numbers Excel formats; text cells must not carry ISO dates.
        workbook.eachSheet((sheet) =>
          sheet.eachRow((row) =>
            row.eachCell((cell) => {
              if (typeof cell.value === "string") texts.push(cell.value);
            }),
          ),
        );
      } else texts = body.toString("utf8").split("\n");
      for (const text of texts) {
        const iso = ISO_DATE.exec(text);
        if (iso) found.push(`${url}: „${iso[0]}“ in „${text.slice(0, 120)}“`);
      }
    }
    await page.context().close();
    expect(found).toEqual([]);
  });
});
