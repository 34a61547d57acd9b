// The media development plan for the council (Stadtvertretung, Kreistag, Gemeinderat): a PDF
// (A4) and a workbook, in German. The viewer's part only, as the API shows it: a school's
// contact person gets their school's measures, targets and sums, and no steering decision.
import type { Access } from "../../access/index.ts";
import { planScope, requirePlanReader } from "../../access/plans.ts";
import type { ReadClient } from "../../db/client.ts";
import type { EquipmentCategory } from "../../db/generated/client/enums.ts";
import { berlinDate, germanDate, germanDateTime } from "../../lib/dates.ts";
import { notFound } from "../../lib/errors.ts";
import { stampPages } from "../../lib/pdf.ts";
import { defuse } from "../../lib/spreadsheet.ts";
import { fromCents, fromHundredths, germanDecimal } from "../../lib/units.ts";
import { CATEGORIES, excessPercent, type Sums } from "./figures.ts";
import { figuresOfPlans } from "./reads.ts";
import { CATEGORY_LABEL, MEASURE_STATUS_LABEL, PLAN_STATUS_LABEL } from "./service.ts";

// The export libraries load on the first export: a hub that never exports does not carry them.
const excel = async () => (await import("exceljs")).default;
const pdfkit = async () => (await import("pdfkit")).default;

/** Everything the exports show, read in a fixed number of queries; NOT_FOUND for a plan the caller may not see. */
export async function planRecord(db: ReadClient, access: Access, planId: string) {
  access.requireUser();
  const plan = await db.mediaDevelopmentPlan.findUnique({
    where: { id: planId },
    include: {
      authority: { select: { name: true, mediaPlanVarianceThreshold: true } },
      adoptedDecision: { select: { title: true, decidedOn: true, meeting: { select: { title: true } } } },
      predecessor: {
        select: {
          id: true,
          authorityId: true,
          title: true,
          version: true,
          status: true,
          periodStart: true,
          periodEnd: true,
          adoptedAt: true,
        },
      },
    },
  });
  if (!plan) throw notFound("Medienentwicklungsplan");
  const scope = requirePlanReader(access, plan.authorityId);
  const part = scope.all ? {} : { schoolId: scope.schoolId };
  const [figures, measures, targets, school] = await Promise.all([
    figuresOfPlans(db, plan.predecessor ? [plan, plan.predecessor] : [plan], (authorityId) =>
      planScope(access, authorityId),
    ),
    db.plannedMeasure.findMany({
      where: { planId: plan.id, ...part },
      select: {
        id: true,
        schoolId: true,
        category: true,
        title: true,
        year: true,
        investmentCents: true,
        personDays: true,
        serviceLine: true,
        status: true,
        carriedFromYear: true,
        school: { select: { name: true } },
      },
    }),
    db.planTarget.findMany({
      where: { planId: plan.id, ...part },
      select: { schoolId: true, category: true, description: true, school: { select: { name: true } } },
    }),
    scope.all ? null : db.school.findUnique({ where: { id: scope.schoolId }, select: { name: true } }),
  ]);
  const own = figures.get(plan.id);
  if (!own) throw notFound("Medienentwicklungsplan");
  const byName = (a: string, b: string) => a.localeCompare(b, "de");
  // A dropped measure with nothing spent leaves an empty cell behind; the council's table skips it.
  const cells = own.figures.cells.filter(
    (c) => c.plannedCents || c.actualCents || c.plannedHundredths || c.actualHundredths,
  );
  const category = (c: EquipmentCategory) => CATEGORIES.indexOf(c);
  const rows = measures
    .map((m) => {
      const f = own.figures.measures.get(m.id);
      return {
        ...m,
        actualCents: f?.actualCents ?? 0n,
        actualHundredths: f?.actualHundredths ?? 0,
        overThreshold: f?.overThreshold ?? false,
      };
    })
    .sort(
      (a, b) =>
        byName(a.school.name, b.school.name) ||
        a.year - b.year ||
        category(a.category) - category(b.category) ||
        byName(a.title, b.title),
    );
  const schools = new Map<string, { name: string; targets: typeof targets; measures: typeof rows }>();
  const schoolOf = (id: string, name: string) => {
    let found = schools.get(id);
    if (!found) {
      found = { name, targets: [], measures: [] };
      schools.set(id, found);
    }
    return found;
  };
  for (const t of [...targets].sort((a, b) => category(a.category) - category(b.category))) {
    schoolOf(t.schoolId, t.school.name).targets.push(t);
  }
  for (const m of rows) schoolOf(m.schoolId, m.school.name).measures.push(m);
  const measureById = new Map(rows.map((m) => [m.id, m]));
  const predecessor = plan.predecessor
    ? { ...plan.predecessor, totals: figures.get(plan.predecessor.id)?.figures.totals ?? null }
    : null;
  return {
    plan,
    authority: plan.authority,
    /** The school whose part this is; null for the whole plan. */
    school: school?.name ?? null,
    decision: access.canSeeSteeringRecords(plan.authorityId) ? plan.adoptedDecision : null,
    figures: own.figures,
    cells,
    measures: rows,
    schools: [...schools.values()].sort((a, b) => byName(a.name, b.name)),
    variances: own.figures.variances.flatMap((v) => {
      const m = measureById.get(v.measureId);
      return m ? [{ ...v, measure: m }] : [];
    }),
    predecessor,
  };
}

type PlanRecord = Awaited<ReturnType<typeof planRecord>>;

const euro = (cents: bigint) => `${germanDecimal(fromCents(cents))} €`;
const euros = (cents: bigint) => germanDecimal(fromCents(cents));
const pd = (hundredths: number | bigint) => germanDecimal(fromHundredths(hundredths));
const signed = (text: string) => (text.startsWith("-") || /^[0,.]+$/.test(text) ? text : `+${text}`);
const percent = (value: number | null) => (value === null ? "–" : `${value.toFixed(1).replace(".", ",")} %`);
const period = (p: { periodStart: number; periodEnd: number }) => `${p.periodStart}–${p.periodEnd}`;
const day = (instant: Date) => germanDate(berlinDate(instant));
const KIND_LABEL = { INVESTMENT: "Investition", PERSON_DAYS: "Personentage" } as const;

function counts(record: PlanRecord) {
  const dropped = record.measures.filter((m) => m.status === "DROPPED").length;
  const sum = (key: "measures" | "done" | "inProgress") =>
    record.figures.schools.reduce((n, s) => n + s[key], 0);
  return { measures: sum("measures"), done: sum("done"), inProgress: sum("inProgress"), dropped };
}

function adoption(record: PlanRecord): string | null {
  const { plan, decision } = record;
  if (!plan.adoptedAt) return null;
  return decision
    ? `${day(plan.adoptedAt)}, Beschluss „${decision.title}“ (${decision.meeting.title}, ${germanDate(decision.decidedOn)})`
    : day(plan.adoptedAt);
}

function predecessorLine(p: NonNullable<PlanRecord["predecessor"]>): string {
  return `„${p.title}“, Version ${p.version}, ${period(p)}, ${PLAN_STATUS_LABEL[p.status]}${p.adoptedAt ? `, beschlossen am ${day(p.adoptedAt)}` : ""}`;
}

// ---------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------

interface Column {
  header: string;
  width: number;
  align?: "left" | "right";
}

interface Row {
  cells: string[];
  bold?: boolean;
  /** Actuals beyond the threshold: shown in red. */
  alert?: number[];
}

const LEFT = 60;
const GAP = 4;

/** A4, Helvetica (WinAnsi covers umlauts, € and –), "ENTWURF" across every page of a draft, "Seite X von Y". */
export async function planPdf(record: PlanRecord): Promise<Buffer> {
  const { plan, authority, figures } = record;
  const PDFDocument = await pdfkit();
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 60, bottom: 70, left: LEFT, right: 60 },
    bufferPages: true,
    info: { Title: `${plan.title} (Version ${plan.version})`, Author: authority.name },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const heading = (text: string) => {
    if (doc.y + 60 > bottom()) doc.addPage();
    doc.x = LEFT;
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(13).text(text).moveDown(0.3);
  };
  const body = (text: string) => {
    doc.x = LEFT;
    doc.font("Helvetica").fontSize(10).text(text);
  };

  // Rows are measured first, so a row never breaks across pages; the header repeats on each page.
  const table = (columns: Column[], rows: Row[]) => {
    doc.fontSize(8);
    const height = (cells: string[], bold: boolean) => {
      doc.font(bold ? "Helvetica-Bold" : "Helvetica");
      return Math.max(
        ...cells.map((cell, i) => doc.heightOfString(cell || " ", { width: columns[i]?.width })),
      );
    };
    const draw = (cells: string[], bold: boolean, alert: number[] = []) => {
      const y = doc.y;
      const h = height(cells, bold);
      let x = LEFT;
      cells.forEach((cell, i) => {
        const column = columns[i] as Column;
        doc.fillColor(alert.includes(i) ? "#b00020" : "#000000");
        doc.text(cell, x, y, { width: column.width, align: column.align ?? "left" });
        x += column.width + GAP;
      });
      doc.fillColor("#000000");
      doc.x = LEFT;
      doc.y = y + h + 2;
    };
    const header = () => {
      draw(
        columns.map((c) => c.header),
        true,
      );
      const width = columns.reduce((w, c) => w + c.width + GAP, -GAP);
      doc
        .moveTo(LEFT, doc.y - 1)
        .lineTo(LEFT + width, doc.y - 1)
        .lineWidth(0.5)
        .stroke();
      doc.y += 1;
    };
    if (doc.y + 40 > bottom()) doc.addPage();
    header();
    for (const row of rows) {
      if (doc.y + height(row.cells, row.bold ?? false) > bottom()) {
        doc.addPage();
        header();
      }
      draw(row.cells, row.bold ?? false, row.alert);
    }
    doc.font("Helvetica").fontSize(10);
  };

  const sumsTable = (sums: Sums) =>
    table(
      [
        { header: "", width: 150 },
        { header: "Plan", width: 95, align: "right" },
        { header: "Ist", width: 95, align: "right" },
        { header: "Ist – Plan", width: 95, align: "right" },
      ],
      [
        {
          cells: [
            "Investitionen",
            euro(sums.plannedCents),
            euro(sums.actualCents),
            `${signed(euros(sums.actualCents - sums.plannedCents))} €`,
          ],
        },
        {
          cells: [
            "Personentage",
            pd(sums.plannedHundredths),
            pd(sums.actualHundredths),
            signed(pd(sums.actualHundredths - sums.plannedHundredths)),
          ],
        },
      ],
    );

  doc.font("Helvetica-Bold").fontSize(16).text(plan.title);
  doc.moveDown(0.3);
  body(`Medienentwicklungsplan des Schulträgers ${authority.name}`);
  if (record.school) body(`Auszug für die Schule: ${record.school}`);
  body(`Planzeitraum: ${period(plan)}`);
  body(`Version: ${plan.version}`);
  body(`Status: ${PLAN_STATUS_LABEL[plan.status]}`);
  const adopted = adoption(record);
  body(adopted ? `Beschlossen: ${adopted}` : "Noch nicht beschlossen.");
  body(`Stand: ${germanDateTime(new Date())}`);

  heading("Zusammenfassung");
  sumsTable(figures.totals);
  const c = counts(record);
  doc.moveDown(0.4);
  body(
    `${c.measures} Maßnahmen (${c.done} umgesetzt, ${c.inProgress} in Umsetzung)${c.dropped ? `, ${c.dropped} entfallen` : ""}. ` +
      `Ist-Werte: angenommene Beschaffungen und gebuchte Personentage der verknüpften Maßnahmen, im Jahr ihres Anfalls. ` +
      `Abweichungen werden ab ${authority.mediaPlanVarianceThreshold} % über Plan ausgewiesen.`,
  );

  heading("Kosten nach Jahr und Kategorie");
  const costRows: Row[] = [];
  for (const year of figures.years) {
    for (const cell of record.cells.filter((x) => x.year === year.year)) {
      costRows.push({
        cells: [
          String(cell.year),
          CATEGORY_LABEL[cell.category],
          euros(cell.plannedCents),
          euros(cell.actualCents),
          pd(cell.plannedHundredths),
          pd(cell.actualHundredths),
        ],
      });
    }
    costRows.push({
      bold: true,
      cells: [
        `Summe ${year.year}`,
        "",
        euros(year.plannedCents),
        euros(year.actualCents),
        pd(year.plannedHundredths),
        pd(year.actualHundredths),
      ],
      alert: year.overThreshold ? [3, 5] : [],
    });
  }
  costRows.push({
    bold: true,
    cells: [
      "Gesamt",
      "",
      euros(figures.totals.plannedCents),
      euros(figures.totals.actualCents),
      pd(figures.totals.plannedHundredths),
      pd(figures.totals.actualHundredths),
    ],
  });
  table(
    [
      { header: "Jahr", width: 60 },
      { header: "Kategorie", width: 100 },
      { header: "Plan (€)", width: 75, align: "right" },
      { header: "Ist (€)", width: 75, align: "right" },
      { header: "Plan (PT)", width: 65, align: "right" },
      { header: "Ist (PT)", width: 65, align: "right" },
    ],
    costRows,
  );

  heading("Schulen");
  if (record.schools.length === 0) body("Keine Maßnahmen und keine Zielausstattung.");
  const width = doc.page.width - 2 * LEFT;
  for (const school of record.schools) {
    const targets = school.targets.map((t) => `${CATEGORY_LABEL[t.category]}: ${t.description}`);
    doc.font("Helvetica").fontSize(9);
    // A school's name, its targets and the head of its table start on the same page.
    const head = 60 + targets.reduce((h, text) => h + doc.heightOfString(text, { width }), 0);
    if (doc.y + head > bottom() && head < bottom() - doc.page.margins.top) doc.addPage();
    doc.x = LEFT;
    doc.moveDown(0.6).font("Helvetica-Bold").fontSize(11).text(school.name);
    if (targets.length) {
      doc.font("Helvetica-Oblique").fontSize(9).text("Zielausstattung");
      doc.font("Helvetica");
      for (const text of targets) doc.text(text, { width });
      doc.moveDown(0.3);
    }
    if (school.measures.length === 0) {
      body("Keine Maßnahmen geplant.");
      continue;
    }
    table(
      [
        { header: "Jahr", width: 24 },
        { header: "Kategorie", width: 76 },
        { header: "Maßnahme", width: 114 },
        { header: "Investition (€)", width: 56, align: "right" },
        { header: "PT", width: 30, align: "right" },
        { header: "Status", width: 50 },
        { header: "Ist (€)", width: 56, align: "right" },
        { header: "Ist (PT)", width: 33, align: "right" },
      ],
      school.measures.map((m) => ({
        cells: [
          String(m.year),
          CATEGORY_LABEL[m.category],
          m.carriedFromYear ? `${m.title} (aus ${m.carriedFromYear} übernommen)` : m.title,
          euros(m.investmentCents),
          pd(m.personDays),
          MEASURE_STATUS_LABEL[m.status],
          euros(m.actualCents),
          pd(m.actualHundredths),
        ],
        alert: m.overThreshold ? [6, 7] : [],
      })),
    );
  }

  heading(`Abweichungen über ${authority.mediaPlanVarianceThreshold} %`);
  if (record.variances.length === 0) body("Keine Maßnahme liegt über der Schwelle.");
  else
    table(
      [
        { header: "Schule", width: 90 },
        { header: "Maßnahme", width: 106 },
        { header: "Art", width: 54 },
        { header: "Plan", width: 52, align: "right" },
        { header: "Ist", width: 52, align: "right" },
        { header: "Mehr", width: 52, align: "right" },
        { header: "Mehr (%)", width: 36, align: "right" },
      ],
      record.variances.map((v) => {
        const shown = v.kind === "INVESTMENT" ? euro : pd;
        return {
          cells: [
            v.measure.school.name,
            `${v.measure.title} (${v.measure.year})`,
            KIND_LABEL[v.kind],
            shown(v.planned),
            shown(v.actual),
            shown(v.actual - v.planned),
            percent(excessPercent(v.planned, v.actual)),
          ],
        };
      }),
    );

  heading("Stand der Vorgängerversion");
  const { predecessor } = record;
  if (!predecessor) body("Keine: Dies ist die erste Version des Plans.");
  else {
    body(predecessorLine(predecessor));
    if (predecessor.totals) {
      doc.moveDown(0.3);
      sumsTable(predecessor.totals);
    }
  }

  stampPages(doc, {
    draft: plan.status === "DRAFT",
    footer: `${authority.name} – ${plan.title} (Version ${plan.version})`,
    left: LEFT,
  });
  doc.end();
  return done;
}

// ---------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------

/** Euros and person-days alike: two decimals, thousands grouped (shown as 1.234,50 in a German Excel). */
const DECIMAL = "#,##0.00";
const PERCENT = "0.0";

// Numbers go in as numbers with two decimals, converted from the exact integers only here:
// exact for cents and hundredths, and summable in the spreadsheet.
const num = (units: bigint | number) => Number(fromHundredths(units));

export async function planXlsx(record: PlanRecord): Promise<Buffer> {
  const { plan, authority, figures } = record;
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = authority.name;
  workbook.title = `${plan.title} (Version ${plan.version})`;
  type Sheet = ReturnType<typeof workbook.addWorksheet>;
  // Every text cell is defused, as in the ledger's exports.
  const addRow = (sheet: Sheet, values: (string | number | null)[]) =>
    sheet.addRow(values.map((value) => (typeof value === "string" ? defuse(value) : value)));
  const formats = (sheet: Sheet, byColumn: Record<number, string>, widths: number[]) => {
    for (const [column, format] of Object.entries(byColumn)) sheet.getColumn(Number(column)).numFmt = format;
    widths.forEach((width, i) => {
      sheet.getColumn(i + 1).width = width;
    });
  };

  const overview = workbook.addWorksheet("Übersicht");
  addRow(overview, ["Titel", plan.title]).font = { bold: true };
  addRow(overview, ["Schulträger", authority.name]);
  if (record.school) addRow(overview, ["Auszug für die Schule", record.school]);
  addRow(overview, ["Planzeitraum", period(plan)]);
  addRow(overview, ["Version", plan.version]);
  addRow(overview, ["Status", PLAN_STATUS_LABEL[plan.status]]);
  addRow(overview, ["Beschlossen am", plan.adoptedAt ? day(plan.adoptedAt) : null]);
  addRow(overview, ["Beschluss", record.decision?.title ?? null]);
  addRow(overview, ["Abweichungsschwelle (%)", authority.mediaPlanVarianceThreshold]);
  addRow(overview, []);
  const sumRows = (label: string, sums: Sums) => {
    for (const [what, planned, actual] of [
      ["Investitionen (EUR)", sums.plannedCents, sums.actualCents],
      ["Personentage", BigInt(sums.plannedHundredths), BigInt(sums.actualHundredths)],
    ] as const) {
      const row = addRow(overview, [`${label}${what}`, num(planned), num(actual), num(actual - planned)]);
      for (const column of [2, 3, 4]) row.getCell(column).numFmt = DECIMAL;
    }
  };
  addRow(overview, ["", "Plan", "Ist", "Ist – Plan"]).font = { bold: true };
  sumRows("", figures.totals);
  const c = counts(record);
  addRow(overview, ["Maßnahmen", c.measures]);
  addRow(overview, ["davon umgesetzt", c.done]);
  addRow(overview, ["davon in Umsetzung", c.inProgress]);
  addRow(overview, ["entfallen", c.dropped]);
  addRow(overview, []);
  const { predecessor } = record;
  addRow(overview, ["Vorgängerversion", predecessor ? predecessorLine(predecessor) : "keine"]).font = {
    bold: true,
  };
  if (predecessor?.totals) sumRows("Vorgängerversion: ", predecessor.totals);
  formats(overview, {}, [36, 60, 16, 16]);

  const costs = workbook.addWorksheet("Kosten nach Jahr und Kategorie");
  addRow(costs, [
    "Jahr",
    "Kategorie",
    "Investition Plan (EUR)",
    "Investition Ist (EUR)",
    "Personentage Plan",
    "Personentage Ist",
  ]).font = { bold: true };
  for (const cell of record.cells) {
    addRow(costs, [
      cell.year,
      CATEGORY_LABEL[cell.category],
      num(cell.plannedCents),
      num(cell.actualCents),
      num(cell.plannedHundredths),
      num(cell.actualHundredths),
    ]);
  }
  addRow(costs, [
    "Summe",
    "",
    num(figures.totals.plannedCents),
    num(figures.totals.actualCents),
    num(figures.totals.plannedHundredths),
    num(figures.totals.actualHundredths),
  ]).font = { bold: true };
  formats(costs, { 3: DECIMAL, 4: DECIMAL, 5: DECIMAL, 6: DECIMAL }, [10, 24, 22, 22, 18, 18]);

  const measures = workbook.addWorksheet("Maßnahmen");
  addRow(measures, [
    "Schule",
    "Jahr",
    "Kategorie",
    "Maßnahme",
    "Status",
    "Leistungsart",
    "Investition Plan (EUR)",
    "Personentage Plan",
    "Investition Ist (EUR)",
    "Personentage Ist",
    "Übernommen aus",
    "Über Schwelle",
  ]).font = { bold: true };
  for (const m of record.measures) {
    addRow(measures, [
      m.school.name,
      m.year,
      CATEGORY_LABEL[m.category],
      m.title,
      MEASURE_STATUS_LABEL[m.status],
      m.serviceLine,
      num(m.investmentCents),
      num(m.personDays),
      num(m.actualCents),
      num(m.actualHundredths),
      m.carriedFromYear,
      m.overThreshold ? "ja" : "nein",
    ]);
  }
  formats(
    measures,
    { 7: DECIMAL, 8: DECIMAL, 9: DECIMAL, 10: DECIMAL },
    [40, 8, 20, 50, 14, 16, 20, 18, 20, 18, 16, 14],
  );

  const variances = workbook.addWorksheet("Abweichungen");
  addRow(variances, ["Schule", "Jahr", "Maßnahme", "Art", "Plan", "Ist", "Mehr", "Mehr (%)"]).font = {
    bold: true,
  };
  for (const v of record.variances) {
    const row = addRow(variances, [
      v.measure.school.name,
      v.measure.year,
      v.measure.title,
      v.kind === "INVESTMENT" ? "Investition (EUR)" : "Personentage",
      num(v.planned),
      num(v.actual),
      num(v.actual - v.planned),
      excessPercent(v.planned, v.actual),
    ]);
    for (const column of [5, 6, 7]) row.getCell(column).numFmt = DECIMAL;
    row.getCell(8).numFmt = PERCENT;
  }
  formats(variances, {}, [40, 8, 50, 18, 16, 16, 16, 10]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
