// The media development plan for the council as PDF and XLSX: German text and number formats,
// exact cells, the version before, and the same access as the API (a foreign authority gets 404,
// a school's contact person their school's part only). The same file runs on PostgreSQL.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { berlinDate, germanDate, todayInBerlin } from "../../server/lib/dates.ts";
import { ok } from "../helpers/governance.ts";
import { gid, startHub, type TestHub } from "../helpers/hub.ts";
import { pdfText } from "../helpers/pdf.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const TITLE = "Medienentwicklungsplan 2050–2054 (Export)";
const DECISION = "Beschluss des Medienentwicklungsplans 2050–2054";

let hub: TestHub;
const t = { manager: "", officer: "", contact: "", parchim: "", kits: "" };
const plan = { v1: "", v2: "" };
/** The year the tablet procurement was accepted: its cost counts as actual in that year. */
let acceptedYear = 0;

async function download(url: string, token?: string) {
  const response = await fetch(`${hub.url}${url}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    disposition: response.headers.get("content-disposition") ?? "",
    body: Buffer.from(await response.arrayBuffer()),
  };
}

const exportUrl = (id: string, format: string) => `/exports/media-plans/${encodeURIComponent(id)}.${format}`;

/** The PDF's text on one line: lines wrap at spaces and after hyphens and dashes. */
async function pdfLine(data: Buffer): Promise<{ text: string; pages: number }> {
  const { text, pages } = await pdfText(data);
  return {
    text: text.replace(/\s+/g, " ").replace(/([\p{L}\p{N}][-–]) /gu, "$1"),
    pages,
  };
}

async function workbook(data: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  return book;
}

/** A sheet's rows as plain arrays of cell values (empty cells as null), without the header. */
function rows(book: ExcelJS.Workbook, name: string): unknown[][] {
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const out: unknown[][] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    out.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).value ?? null));
  });
  return out;
}

/** The overview's rows by their label in column A. */
function overview(book: ExcelJS.Workbook): Map<string, unknown[]> {
  const sheet = book.getWorksheet("Übersicht");
  const byLabel = new Map<string, unknown[]>();
  sheet?.eachRow((row) => {
    const label = row.getCell(1).value;
    if (typeof label === "string") {
      byLabel.set(
        label,
        [2, 3, 4].map((i) => row.getCell(i).value ?? null),
      );
    }
  });
  return byLabel;
}

async function gql<T>(query: string, variables: Record<string, unknown>, token = t.manager): Promise<T> {
  return ok<T>(hub, query, variables, token);
}

beforeAll(async () => {
  hub = await startHub();
  [t.manager, t.officer, t.contact, t.parchim, t.kits] = await Promise.all([
    hub.login("servicemanager@ksm.example"),
    hub.login("schul-it@schwerin.example"),
    hub.login("schule@schwerin.example"),
    hub.login("controlling@parchim.example"),
    hub.login("servicemanager@kits.example"),
  ]);
  const schwerin = await hub.db.read.schoolAuthority.findUniqueOrThrow({
    where: { name: "Landeshauptstadt Schwerin" },
    include: { schools: true },
  });
  const school = (name: string) => gid("School", schwerin.schools.find((s) => s.name === name)?.id ?? "");
  const lankow = school("Grundschule Lankow");
  const goethe = school("Goethe-Gymnasium Schwerin");
  const tablets = await hub.db.read.procurementRequest.findFirstOrThrow({
    where: { authorityId: schwerin.id, title: "Tablet-Koffer mit 16 iPads", status: "ACCEPTED" },
  });
  acceptedYear = Number(berlinDate(tablets.acceptedAt ?? tablets.updatedAt).slice(0, 4));

  const created = await gql<{ createMediaDevelopmentPlan: { id: string } }>(
    "mutation($input: CreateMediaDevelopmentPlanInput!) { createMediaDevelopmentPlan(input: $input) { id } }",
    {
      input: {
        authorityId: gid("SchoolAuthority", schwerin.id),
        title: TITLE,
        periodStart: 2050,
        periodEnd: 2054,
      },
    },
  );
  plan.v1 = created.createMediaDevelopmentPlan.id;
  const add = async (
    schoolId: string,
    category: string,
    title: string,
    year: number,
    investmentEuros: string,
    personDays: string,
  ) =>
    (
      await gql<{ addPlannedMeasure: { id: string } }>(
        "mutation($input: AddPlannedMeasureInput!) { addPlannedMeasure(input: $input) { id } }",
        { input: { planId: plan.v1, schoolId, category, title, year, investmentEuros, personDays } },
      )
    ).addPlannedMeasure.id;
  const wlan = await add(lankow, "NETWORK", "WLAN-Ausbau Altbau", 2050, "12345.67", "4.5");
  const tablet = await add(lankow, "DEVICES", "Tablet-Koffer Klasse 3", 2051, "8000", "1.25");
  await add(goethe, "PRESENTATION", "Interaktive Displays Fachräume", 2050, "25000", "3");
  // A title a spreadsheet would run as a formula.
  await add(goethe, "TRAINING", "=Fortbildung Displays", 2052, "0", "2");
  const server = await add(goethe, "SERVER", "Schulserver Migration", 2051, "1000.10", "0.75");
  const update =
    "mutation($input: UpdatePlannedMeasureInput!) { updatePlannedMeasure(input: $input) { id } }";
  await gql(update, { input: { plannedMeasureId: server, status: "DROPPED" } });
  const target = "mutation($input: SetPlanTargetInput!) { setPlanTarget(input: $input) { id } }";
  await gql(target, {
    input: { planId: plan.v1, schoolId: lankow, category: "NETWORK", description: "WLAN in allen Räumen" },
  });
  await gql(target, {
    input: {
      planId: plan.v1,
      schoolId: goethe,
      category: "PRESENTATION",
      description: "Display in jedem Raum",
    },
  });
  await gql("mutation($input: LinkPlannedMeasureInput!) { linkPlannedMeasure(input: $input) { id } }", {
    input: { plannedMeasureId: tablet, procurementRequestId: gid("ProcurementRequest", tablets.id) },
  });

  const meeting = await gql<{ createMeeting: { id: string } }>(
    "mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }",
    {
      input: {
        authorityId: gid("SchoolAuthority", schwerin.id),
        kind: "STEERING_GROUP",
        title: "Steuerungsgruppe Schul-IT",
        scheduledAt: `${todayInBerlin()}T08:00:00Z`,
      },
    },
  );
  const decision = await gql<{ recordDecision: { id: string } }>(
    "mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }",
    {
      input: {
        meetingId: meeting.createMeeting.id,
        title: DECISION,
        text: "Die Steuerungsgruppe beschließt den Plan.",
        status: "APPROVED",
      },
    },
  );
  const adopt = "mutation($p: ID!, $d: ID!) { adoptMediaDevelopmentPlan(planId: $p, decisionId: $d) { id } }";
  await gql(adopt, { p: plan.v1, d: decision.recordDecision.id }, t.officer);
  await gql(update, { input: { plannedMeasureId: wlan, status: "DONE" } });
  // The update starts a year later: the displays of 2050 move to 2051 and say where they came from.
  const revised = await gql<{ reviseMediaDevelopmentPlan: { id: string } }>(
    "mutation($p: ID!, $input: ReviseMediaDevelopmentPlanInput) { reviseMediaDevelopmentPlan(planId: $p, input: $input) { id } }",
    { p: plan.v1, input: { title: `${TITLE} – Fortschreibung`, periodStart: 2051, periodEnd: 2055 } },
  );
  plan.v2 = revised.reviseMediaDevelopmentPlan.id;
  await gql(adopt, { p: plan.v2, d: decision.recordDecision.id }, t.officer);
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe("the plan as PDF", () => {
  it("gives the council the superseded version in German: summary, costs, schools, variances", async () => {
    const r = await download(exportUrl(plan.v1, "pdf"), t.manager);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^application\/pdf/);
    expect(r.disposition).toBe(
      `attachment; filename="Medienentwicklungsplan 20502054 (Export) (Version 1).pdf"; filename*=UTF-8''${encodeURIComponent(`${TITLE} (Version 1).pdf`)}`,
    );
    const { text, pages } = await pdfLine(r.body);
    for (const expected of [
      TITLE,
      "Medienentwicklungsplan des Schulträgers Landeshauptstadt Schwerin",
      "Planzeitraum: 2050–2054",
      "Version: 1",
      "Status: abgelöst",
      `Beschlossen: ${germanDate(todayInBerlin())}, Beschluss „${DECISION}“`,
      "Zusammenfassung",
      "Investitionen 45.345,67 € 9.600,00 € -35.745,67 €",
      "Personentage 10,75 0,00 -10,75",
      "4 Maßnahmen (1 umgesetzt, 0 in Umsetzung), 1 entfallen.",
      "Kosten nach Jahr und Kategorie",
      `${acceptedYear} Endgeräte 0,00 9.600,00 0,00 0,00`,
      "2050 Netzwerk 12.345,67 0,00 4,50 0,00",
      "2050 Präsentationstechnik 25.000,00 0,00 3,00 0,00",
      "Summe 2050 37.345,67 0,00 7,50 0,00",
      "2052 Qualifizierung 0,00 0,00 2,00 0,00",
      "Gesamt 45.345,67 9.600,00 10,75 0,00",
      "Goethe-Gymnasium Schwerin",
      "Präsentationstechnik: Display in jedem Raum",
      "2051 Server Schulserver Migration 1.000,10 0,75 entfallen 0,00 0,00",
      "Grundschule Lankow",
      "Netzwerk: WLAN in allen Räumen",
      "2050 Netzwerk WLAN-Ausbau Altbau 12.345,67 4,50 umgesetzt 0,00 0,00",
      "2051 Endgeräte Tablet-Koffer Klasse 3 8.000,00 1,25 geplant 9.600,00 0,00",
      "Abweichungen über 10 %",
      "Grundschule Lankow Tablet-Koffer Klasse 3 (2051) Investition 8.000,00 € 9.600,00 € 1.600,00 € 20,0 %",
      "Stand der Vorgängerversion Keine: Dies ist die erste Version des Plans.",
      `Landeshauptstadt Schwerin – ${TITLE} (Version 1) – Seite 1 von ${pages}`,
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The dropped measure leaves no empty cell in the cost table.
    expect(text).not.toContain("2051 Server 0,00");
    expect(text).not.toContain("ENTWURF");
  });

  it("shows the status of the version before, with its sums, and the measures carried over", async () => {
    const r = await download(exportUrl(plan.v2, "pdf"), t.officer);
    expect(r.status).toBe(200);
    const { text } = await pdfLine(r.body);
    for (const expected of [
      `${TITLE} – Fortschreibung`,
      "Version: 2",
      "Status: beschlossen",
      "Interaktive Displays Fachräume (aus 2050 übernommen)",
      `Stand der Vorgängerversion „${TITLE}“, Version 1, 2050–2054, abgelöst, beschlossen am ${germanDate(todayInBerlin())}`,
      "Investitionen 45.345,67 € 9.600,00 € -35.745,67 €",
    ]) {
      expect(text, expected).toContain(expected);
    }
    // Done before the revision: not carried over.
    expect(text).not.toContain("WLAN-Ausbau Altbau");
  });

  it("marks a draft with ENTWURF, and the demo's plans export", async () => {
    const demo = await hub.db.read.mediaDevelopmentPlan.findMany({
      where: { id: { startsWith: "demo-mep-" } },
      orderBy: { id: "asc" },
    });
    const parchim = demo.find((p) => p.status === "DRAFT");
    const update = demo.find((p) => p.title === "Medienentwicklungsplan 2025–2029 (Fortschreibung)");
    const draft = await download(exportUrl(gid("MediaDevelopmentPlan", parchim?.id ?? ""), "pdf"), t.parchim);
    expect(draft.status).toBe(200);
    const draftText = (await pdfLine(draft.body)).text;
    expect(draftText).toContain("ENTWURF");
    expect(draftText).toContain("Medienentwicklungsplan der Stadt Parchim 2026–2030");
    expect(draftText).toContain("Noch nicht beschlossen.");

    const adopted = await download(
      exportUrl(gid("MediaDevelopmentPlan", update?.id ?? ""), "pdf"),
      t.officer,
    );
    expect(adopted.status).toBe(200);
    const { text } = await pdfLine(adopted.body);
    expect(text).toContain("Beschluss „Entwurf der Fortschreibung des Medienentwicklungsplans“");
    expect(text).toContain(
      "„Medienentwicklungsplan 2019–2024“, Version 1, 2019–2024, abgelöst, beschlossen am 12.11.2019",
    );
    expect(text).toContain(
      "Tablet-Klassensatz (16 Geräte mit Ladekoffer) (2026) Investition 8.400,00 € 9.600,00 € 1.200,00 € 14,3 %",
    );
    expect(text).not.toContain("ENTWURF");
  });
});

describe("the plan as XLSX", () => {
  it("holds the overview, costs, measures and variances with exact number cells", async () => {
    const r = await download(exportUrl(plan.v1, "xlsx"), t.manager);
    expect(r.status).toBe(200);
    expect(r.type).toBe(XLSX);
    expect(r.disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`${TITLE} (Version 1).xlsx`)}`);
    const book = await workbook(r.body);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      "Übersicht",
      "Kosten nach Jahr und Kategorie",
      "Maßnahmen",
      "Abweichungen",
    ]);

    const facts = overview(book);
    expect(facts.get("Titel")?.[0]).toBe(TITLE);
    expect(facts.get("Schulträger")?.[0]).toBe("Landeshauptstadt Schwerin");
    expect(facts.get("Planzeitraum")?.[0]).toBe("2050–2054");
    expect(facts.get("Version")?.[0]).toBe(1);
    expect(facts.get("Status")?.[0]).toBe("abgelöst");
    expect(facts.get("Beschlossen am")?.[0]).toBe(germanDate(todayInBerlin()));
    expect(facts.get("Beschluss")?.[0]).toBe(DECISION);
    expect(facts.get("Abweichungsschwelle (%)")?.[0]).toBe(10);
    expect(facts.get("Investitionen (EUR)")).toEqual([45345.67, 9600, -35745.67]);
    expect(facts.get("Personentage")).toEqual([10.75, 0, -10.75]);
    expect(facts.get("Maßnahmen")?.[0]).toBe(4);
    expect(facts.get("entfallen")?.[0]).toBe(1);
    expect(facts.get("Vorgängerversion")?.[0]).toBe("keine");
    expect(facts.has("Auszug für die Schule")).toBe(false);

    expect(rows(book, "Kosten nach Jahr und Kategorie")).toEqual([
      [acceptedYear, "Endgeräte", 0, 9600, 0, 0],
      [2050, "Netzwerk", 12345.67, 0, 4.5, 0],
      [2050, "Präsentationstechnik", 25000, 0, 3, 0],
      [2051, "Endgeräte", 8000, 0, 1.25, 0],
      [2052, "Qualifizierung", 0, 0, 2, 0],
      ["Summe", "", 45345.67, 9600, 10.75, 0],
    ]);
    const costs = book.getWorksheet("Kosten nach Jahr und Kategorie");
    expect(costs?.getCell("C3").numFmt).toBe("#,##0.00");
    expect(costs?.getCell("E3").numFmt).toBe("#,##0.00");

    expect(rows(book, "Maßnahmen")).toEqual([
      [
        "Goethe-Gymnasium Schwerin",
        2050,
        "Präsentationstechnik",
        "Interaktive Displays Fachräume",
        "geplant",
        "Ertüchtigung",
        25000,
        3,
        0,
        0,
        null,
        "nein",
      ],
      [
        "Goethe-Gymnasium Schwerin",
        2051,
        "Server",
        "Schulserver Migration",
        "entfallen",
        "Ertüchtigung",
        1000.1,
        0.75,
        0,
        0,
        null,
        "nein",
      ],
      [
        "Goethe-Gymnasium Schwerin",
        2052,
        "Qualifizierung",
        "'=Fortbildung Displays",
        "geplant",
        "Beratung",
        0,
        2,
        0,
        0,
        null,
        "nein",
      ],
      [
        "Grundschule Lankow",
        2050,
        "Netzwerk",
        "WLAN-Ausbau Altbau",
        "umgesetzt",
        "Ertüchtigung",
        12345.67,
        4.5,
        0,
        0,
        null,
        "nein",
      ],
      [
        "Grundschule Lankow",
        2051,
        "Endgeräte",
        "Tablet-Koffer Klasse 3",
        "geplant",
        "Ertüchtigung",
        8000,
        1.25,
        9600,
        0,
        null,
        "ja",
      ],
    ]);
    expect(rows(book, "Abweichungen")).toEqual([
      ["Grundschule Lankow", 2051, "Tablet-Koffer Klasse 3", "Investition (EUR)", 8000, 9600, 1600, 20],
    ]);
    // Nothing in the workbook is a formula.
    for (const sheet of book.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.formula).toBeUndefined();
        }),
      );
    }
  });

  it("names the version before and the carried-over year", async () => {
    const book = await workbook((await download(exportUrl(plan.v2, "xlsx"), t.officer)).body);
    const facts = overview(book);
    expect(facts.get("Vorgängerversion")?.[0]).toBe(
      `„${TITLE}“, Version 1, 2050–2054, abgelöst, beschlossen am ${germanDate(todayInBerlin())}`,
    );
    expect(facts.get("Vorgängerversion: Investitionen (EUR)")).toEqual([45345.67, 9600, -35745.67]);
    expect(facts.get("Vorgängerversion: Personentage")).toEqual([10.75, 0, -10.75]);
    const displays = rows(book, "Maßnahmen").find((row) => row[3] === "Interaktive Displays Fachräume");
    expect(displays?.[1]).toBe(2051);
    expect(displays?.[10]).toBe(2050);
  });
});

describe("who gets the exports", () => {
  it("gives a school's contact person their school's part only, without the steering decision", async () => {
    const xlsx = await download(exportUrl(plan.v1, "xlsx"), t.contact);
    expect(xlsx.status).toBe(200);
    const book = await workbook(xlsx.body);
    const facts = overview(book);
    expect(facts.get("Auszug für die Schule")?.[0]).toBe("Grundschule Lankow");
    expect(facts.get("Beschluss")?.[0]).toBeNull();
    expect(facts.get("Investitionen (EUR)")).toEqual([20345.67, 9600, -10745.67]);
    expect(facts.get("Personentage")).toEqual([5.75, 0, -5.75]);
    expect(rows(book, "Maßnahmen").map((row) => [row[0], row[3]])).toEqual([
      ["Grundschule Lankow", "WLAN-Ausbau Altbau"],
      ["Grundschule Lankow", "Tablet-Koffer Klasse 3"],
    ]);
    expect(rows(book, "Kosten nach Jahr und Kategorie").at(-1)).toEqual([
      "Summe",
      "",
      20345.67,
      9600,
      5.75,
      0,
    ]);

    const pdf = await download(exportUrl(plan.v1, "pdf"), t.contact);
    expect(pdf.status).toBe(200);
    const { text } = await pdfLine(pdf.body);
    expect(text).toContain("Auszug für die Schule: Grundschule Lankow");
    expect(text).toContain("Tablet-Koffer Klasse 3");
    for (const hidden of ["Goethe", "Interaktive Displays", "Schulserver", DECISION]) {
      expect(text, hidden).not.toContain(hidden);
    }
  });

  it("answers 404 to a foreign authority's person and to another provider", async () => {
    for (const token of [t.parchim, t.kits]) {
      for (const format of ["pdf", "xlsx"]) {
        const r = await download(exportUrl(plan.v1, format), token);
        expect(r.status).toBe(404);
        expect(r.body.toString("utf8")).toBe("Medienentwicklungsplan wurde nicht gefunden.");
      }
    }
  });

  it("wants a signed-in caller, a plan's id and a known format", async () => {
    for (const format of ["pdf", "xlsx"]) {
      const r = await download(exportUrl(plan.v1, format));
      expect(r.status).toBe(401);
      expect(r.body.toString("utf8")).toBe("Bitte melden Sie sich an.");
    }
    const wrongType = await download(exportUrl(gid("Meeting", "x"), "pdf"), t.manager);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.toString("utf8")).toContain("ist keine gültige ID für MediaDevelopmentPlan.");
    expect((await download(exportUrl(gid("MediaDevelopmentPlan", "nope"), "pdf"), t.manager)).status).toBe(
      404,
    );
    const csv = await download(exportUrl(plan.v1, "csv"), t.manager);
    expect(csv.status).toBe(404);
    expect(csv.body.toString("utf8")).toBe("Unbekanntes Format.");
  });
});
