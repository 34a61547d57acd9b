// The console by keyboard: a Jour-Fixe run end to end with Tab, Enter, arrows and typing only
// (sign in, meeting list, open the meeting, add an agenda item, record a decision, finalise);
// the skip link visible and readable on focus; list rows that open with Enter; chart legends
// readable at 4.5:1.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, DEMO_PASSWORD, expectAccessible, screenshot, startConsole } from "./harness.ts";

const SERVICE_MANAGER = "servicemanager@ksm.example";
const MEETING_TITLE = "Jour-Fixe nur mit Tastatur";
const ITEM_TITLE = "Beamer im Raum 112";
const DECISION_TITLE = "Beamer durch Display ersetzen";

let hub: Console;
let meetingId = "";

interface Focus {
  tag: string;
  role: string;
  /** aria-label, the label of a form field, or the text of aria-labelledby. */
  label: string;
  text: string;
  inDialog: boolean;
}

/** What has the focus, as a screen reader would name it. */
function focus(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { tag: "", role: "", label: "", text: "", inDialog: false };
    const byIds = (ids: string | null) =>
      (ids ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" ")
        .trim();
    const label =
      el.getAttribute("aria-label") ??
      ((el as HTMLInputElement).labels?.[0]?.textContent || byIds(el.getAttribute("aria-labelledby")));
    return {
      tag: el.tagName,
      role: el.getAttribute("role") ?? "",
      label: label.trim(),
      text: (el.textContent ?? "").trim(),
      inDialog: Boolean(el.closest('[role="dialog"]')),
    };
  });
}

/** Presses Tab (Shift+Tab backwards) until the focused element is the one sought. */
async function tabTo(
  page: Page,
  sought: (f: Focus) => boolean,
  what: string,
  { back = false, max = 80 } = {},
): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    if (sought(await focus(page))) return;
  }
  throw new Error(`${what}: not reached with ${max} presses of ${back ? "Shift+Tab" : "Tab"}`);
}

function luminance(rgb: string): number {
  const [r = 0, g = 0, b = 0] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

beforeAll(async () => {
  hub = await startConsole();
  const { schoolAuthorities } = await hub.gql<{ schoolAuthorities: { id: string; name: string }[] }>(
    SERVICE_MANAGER,
    "{ schoolAuthorities { id name } }",
  );
  const schwerin = schoolAuthorities.find((a) => a.name === "Landeshauptstadt Schwerin");
  // In the past: the minutes of a meeting that has not taken place cannot be finalised.
  const meeting = await hub.gql<{ createMeeting: { id: string } }>(
    SERVICE_MANAGER,
    "mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }",
    {
      input: {
        authorityId: schwerin?.id,
        kind: "JOUR_FIXE",
        title: MEETING_TITLE,
        scheduledAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      },
    },
  );
  meetingId = meeting.createMeeting.id;
});
afterAll(() => hub?.close());

describe("keyboard", () => {
  it("runs a Jour-Fixe end to end with the keyboard only", async () => {
    const page = await (await hub.context()).newPage();
    await page.goto(`${hub.url}/#/login`);
    const keys = page.keyboard;

    await tabTo(page, (f) => /^Benutzername/.test(f.label), "user name");
    await keys.type(SERVICE_MANAGER);
    await tabTo(page, (f) => /^Passwort/.test(f.label), "password");
    await keys.type(DEMO_PASSWORD);
    await keys.press("Enter");
    await page.getByRole("heading", { name: /Willkommen/ }).waitFor({ timeout: 30_000 });

    // The meeting list from the menu; past meetings, newest first.
    await tabTo(page, (f) => f.role === "menuitem" && f.text === "Sitzungen", "menu entry");
    await keys.press("Enter");
    await page.getByRole("columnheader", { name: "Termin" }).waitFor();
    await tabTo(page, (f) => f.role === "combobox" && f.label.startsWith("Zeitraum"), "period filter");
    await keys.press("ArrowDown");
    await page.getByRole("listbox").waitFor();
    await keys.type("V");
    await keys.press("Enter");
    await page.getByRole("listbox").waitFor({ state: "detached" });
    await page
      .getByRole("combobox", { name: /Zeitraum/ })
      .getByText("Vergangene")
      .waitFor();
    await tabTo(page, (f) => f.text === "Termin" && f.role === "button", "sort by date");
    await keys.press("Enter");
    await page.waitForURL(/order=DESC/);
    await page.getByRole("row", { name: new RegExp(MEETING_TITLE) }).waitFor();

    // The meeting's row opens with Enter.
    await tabTo(page, (f) => f.tag === "TR" && f.text.includes(MEETING_TITLE), "meeting row");
    await keys.press("Enter");
    await page.getByRole("heading", { name: "Teilnehmende" }).waitFor();

    // An agenda item: typed, Enter; focus stays in the field for the next one.
    await tabTo(page, (f) => /^Titel des Tagesordnungspunkts/.test(f.label), "agenda item title", {
      max: 120,
    });
    await keys.type(ITEM_TITLE);
    await keys.press("Enter");
    await page.getByRole("heading", { name: `TOP 1: ${ITEM_TITLE}` }).waitFor();
    await expect.poll(async () => (await focus(page)).label).toMatch(/^Titel des Tagesordnungspunkts/);

    // A decision on it, with a German amount; focus returns to the button that opened the form.
    await tabTo(page, (f) => f.label === "Beschluss erfassen (TOP 1)", "record decision", { back: true });
    await keys.press("Enter");
    await expect.poll(async () => (await focus(page)).label).toMatch(/^Titel des Beschlusses/);
    await keys.type(DECISION_TITLE);
    await tabTo(page, (f) => /^Beschlusstext/.test(f.label), "decision text");
    await keys.type("Der Beamer wird durch ein 75-Zoll-Display ersetzt.");
    await tabTo(page, (f) => /^Kostenwirkung/.test(f.label), "cost");
    await keys.type("1.500,50");
    await keys.press("Enter");
    const top1 = page.getByRole("region", { name: `TOP 1: ${ITEM_TITLE}` });
    await top1.getByRole("link", { name: DECISION_TITLE }).waitFor();
    await top1.getByText("Kostenwirkung: 1.500,50 €").waitFor();
    await expect.poll(async () => (await focus(page)).label).toBe("Beschluss erfassen (TOP 1)");

    // Finalise: the dialog sums up and takes the focus to its confirmation.
    await tabTo(page, (f) => f.text === "Protokoll abschließen" && !f.inDialog, "finalise");
    await keys.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Protokoll abschließen?" });
    await dialog.getByText(`${DECISION_TITLE} – beschlossen`).waitFor();
    await expect
      .poll(async () => await focus(page))
      .toMatchObject({ inDialog: true, text: "Protokoll abschließen" });
    await keys.press("Enter");
    await page.getByText("ABGESCHLOSSEN", { exact: true }).waitFor();
    await page.getByText(/^Protokoll abgeschlossen: /).waitFor();

    const saved = await hub.gql<{
      meeting: { minutesStatus: string; decisions: { title: string; costImpact: string }[] };
    }>(
      SERVICE_MANAGER,
      "query ($id: ID!) { meeting(id: $id) { minutesStatus decisions { title costImpact } } }",
      {
        id: meetingId,
      },
    );
    expect(saved.meeting).toEqual({
      minutesStatus: "FINAL",
      decisions: [{ title: DECISION_TITLE, costImpact: "1500.50" }],
    });
    await page.context().close();
  });

  it("shows the skip link on focus, readable, and skips to the content", async () => {
    const page = await hub.signIn(SERVICE_MANAGER);
    // A fresh page: the first Tab starts at the top. The role's dashboard (its own chunk) is there.
    await page.reload();
    await page.getByRole("link", { name: "Jour-Fixe öffnen" }).waitFor({ timeout: 30_000 });
    await page.keyboard.press("Tab");
    const link = page.getByRole("button", { name: "Zum Inhalt springen" });
    await expect.poll(async () => (await focus(page)).text).toBe("Zum Inhalt springen");
    // Visible inside the window once its slide-in transition is over.
    await expect
      .poll(async () => (await link.boundingBox())?.y ?? -1, { timeout: 2_000 })
      .toBeGreaterThanOrEqual(0);
    const colours = await link.evaluate((el) => {
      const style = getComputedStyle(el);
      return { color: style.color, background: style.backgroundColor };
    });
    expect(contrast(colours.color, colours.background)).toBeGreaterThanOrEqual(4.5);
    await screenshot(page, "skip-link-focused");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    const inMain = await page.evaluate(() => Boolean(document.activeElement?.closest("#main-content")));
    expect(inMain).toBe(true);
    await page.context().close();
  });

  it("opens the rows of the lists with Enter", async () => {
    const page = await hub.signIn(SERVICE_MANAGER);
    const all = encodeURIComponent(JSON.stringify({ when: "all" }));
    const lists = [
      `/meetings?filter=${all}`,
      "/decisions",
      "/procurementRequests",
      "/serviceOrders",
      "/authorities",
      "/schools",
    ];
    for (const route of lists) {
      await page.goto(`${hub.url}/#${route}`);
      const row = page.locator("tbody tr").first();
      await row.waitFor();
      await expect(row.getAttribute("tabindex"), route).resolves.toBe("0");
      await row.focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/show$/);
    }
    // Reached with Tab, the focused row shows a visible outline.
    await page.goto(`${hub.url}/#/decisions`);
    await page.locator("tbody tr").first().waitFor();
    await tabTo(page, (f) => f.tag === "TR", "first decision row", { max: 60 });
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).toBe("solid");
    await expectAccessible(page, "decisions register with a focused row");
    await page.context().close();
  });

  it("draws the burn-down's legend at 4.5:1 or more against the card", async () => {
    const page = await hub.signIn("controlling@schwerin.example");
    await page.getByTestId("burndown").locator(".recharts-legend-item-text").first().waitFor();
    const colours = await page
      .getByTestId("burndown")
      .first()
      .locator(".recharts-legend-item-text")
      .evaluateAll((items) => items.map((i) => ({ text: i.textContent, color: getComputedStyle(i).color })));
    expect(colours.map((c) => c.text)).toContain("Prognose (Spanne)");
    for (const { text, color } of colours) {
      expect(contrast(color, "rgb(255, 255, 255)"), `${text}: ${color}`).toBeGreaterThanOrEqual(4.5);
    }
    await page.context().close();
  });
});
