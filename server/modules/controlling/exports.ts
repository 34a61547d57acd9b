// Files for controllers: the ledger as CSV and XLSX, a proof of service as PDF and CSV.
// German throughout: semicolon-separated, decimal comma, UTF-8 with BOM for spreadsheet programs.
import { requireInvoiceReader } from "../../access/controlling.ts";
import type { Access } from "../../access/index.ts";
import type { ReadClient } from "../../db/client.ts";
import { germanDate, germanDateTime } from "../../lib/dates.ts";
import { badInput, notFound } from "../../lib/errors.ts";
import { defuse } from "../../lib/spreadsheet.ts";
import { fromCents, fromHundredths, germanDecimal } from "../../lib/units.ts";
import type { ProofFigures } from "./figures.ts";
import { figuresOf } from "./proofs.ts";

// The export libraries load on the first export: a hub that never exports does not carry them.
const excel = async () => (await import("exceljs")).default;
const pdfkit = async () => (await import("pdfkit")).default;

export interface BookingFilter {
  orderId: string;
  month?: string | null;
  schoolId?: string | null;
  category?: string | null;
}

const STATUS_DE: Record<string, string> = {
  DRAFT: "Entwurf",
  ISSUED: "ausgestellt",
  CHECKED: "geprüft",
  DISPUTED: "beanstandet",
  SETTLED: "beglichen",
};

export async function bookingRows(db: ReadClient, access: Access, filter: BookingFilter) {
  const order = await db.serviceOrder.findUnique({
    where: { id: filter.orderId },
    include: { authority: { select: { name: true } }, lines: { select: { id: true, name: true } } },
  });
  if (!order || !access.canSeeAuthority(order.authorityId)) throw notFound("Serviceschein");
  requireInvoiceReader(access, order.authorityId);
  if (filter.month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(filter.month)) {
    throw badInput("month", "Der Monat hat das Format JJJJ-MM.");
  }
  const line = filter.category ? order.lines.find((l) => l.name === filter.category) : undefined;
  if (filter.category && !line)
    throw badInput("category", `„${filter.category}“ ist keine Leistungsart dieses Servicescheins.`);
  const bookings = await db.booking.findMany({
    where: {
      orderId: order.id,
      ...(filter.month ? { date: { gte: `${filter.month}-01`, lte: `${filter.month}-31` } } : {}),
      ...(filter.schoolId ? { schoolId: filter.schoolId } : {}),
      ...(line ? { lineId: line.id } : {}),
    },
    orderBy: { seq: "asc" },
    select: {
      seq: true,
      date: true,
      personDays: true,
      ticketRef: true,
      description: true,
      createdAt: true,
      line: { select: { name: true } },
      school: { select: { name: true } },
      bookedBy: { select: { name: true } },
      reversalOf: { select: { seq: true } },
    },
  });
  return { order, bookings };
}

const HEADER = [
  "Lfd. Nr.",
  "Datum",
  "Personentage",
  "Leistungsart",
  "Schule",
  "Ticket",
  "Beschreibung",
  "Gebucht von",
  "Erfasst am",
  "Storno zu Nr.",
];

type Rows = Awaited<ReturnType<typeof bookingRows>>;

function csvCell(value: string): string {
  const safe = defuse(value);
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csv(rows: string[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

export function bookingsCsv({ bookings }: Rows): string {
  return csv([
    HEADER,
    ...bookings.map((b) => [
      String(b.seq),
      germanDate(b.date),
      germanDecimal(fromHundredths(b.personDays)),
      b.line.name,
      b.school?.name ?? "",
      b.ticketRef ?? "",
      b.description,
      b.bookedBy.name,
      germanDateTime(b.createdAt),
      b.reversalOf ? String(b.reversalOf.seq) : "",
    ]),
  ]);
}

export async function bookingsXlsx({ order, bookings }: Rows): Promise<Buffer> {
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`Buchungen ${order.year}`);
  // Numbers stay number cells; every text cell is defused like the CSV's.
  const addRow = (values: (string | number)[]) =>
    sheet.addRow(values.map((value) => (typeof value === "string" ? defuse(value) : value)));
  addRow([`${order.title} – ${order.authority.name}`]);
  addRow(HEADER).font = { bold: true };
  for (const b of bookings) {
    // Person-days go in as numbers with two decimals: exact for hundredths, and summable in Excel.
    addRow([
      b.seq,
      germanDate(b.date),
      Number(fromHundredths(b.personDays)),
      b.line.name,
      b.school?.name ?? "",
      b.ticketRef ?? "",
      b.description,
      b.bookedBy.name,
      germanDateTime(b.createdAt),
      b.reversalOf?.seq ?? "",
    ]);
  }
  sheet.getColumn(3).numFmt = "#,##0.00";
  sheet.columns.forEach((column, i) => {
    column.width = [8, 12, 14, 16, 40, 16, 50, 24, 24, 12][i] ?? 14;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function proofRecord(db: ReadClient, access: Access, proofId: string) {
  const proof = await db.proofOfService.findUnique({
    where: { id: proofId },
    include: {
      order: { include: { authority: { select: { name: true } } } },
      issuedBy: { select: { name: true } },
      checkedBy: { select: { name: true } },
    },
  });
  if (!proof || !access.canSeeAuthority(proof.order.authorityId)) throw notFound("Leistungsnachweis");
  requireInvoiceReader(access, proof.order.authorityId);
  const [figures] = (await figuresOf(db, [proof])) as [ProofFigures];
  return { proof, figures };
}

type ProofRecord = Awaited<ReturnType<typeof proofRecord>>;

const MONTHS = [
  "Januar",
  "Februar",
  "März",
  "April",
  "Mai",
  "Juni",
  "Juli",
  "August",
  "September",
  "Oktober",
  "November",
  "Dezember",
];
const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
const euro = (cents: string | bigint) => `${germanDecimal(fromCents(BigInt(cents)))} €`;
const pd = (hundredths: number) => germanDecimal(fromHundredths(hundredths));

export function proofCsv({ proof, figures }: ProofRecord): string {
  const rows: string[][] = [
    ["Leistungsnachweis", monthName(proof.month)],
    ["Schulträger", proof.order.authority.name],
    ["Serviceschein", proof.order.title],
    ["Status", STATUS_DE[proof.status] ?? proof.status],
    ["Tagessatz (EUR)", germanDecimal(fromCents(BigInt(figures.dailyRateCents)))],
    [],
    ["Leistungsart", "Personentage", "Betrag (EUR)"],
    ...figures.byLine.map((i) => [
      i.label,
      pd(i.personDays),
      germanDecimal(fromCents(BigInt(i.amountCents))),
    ]),
    ["Summe", pd(figures.personDays), germanDecimal(fromCents(BigInt(figures.amountCents)))],
    [],
    ["Schule", "Personentage", "Betrag (EUR)"],
    ...figures.bySchool.map((i) => [
      i.label,
      pd(i.personDays),
      germanDecimal(fromCents(BigInt(i.amountCents))),
    ]),
    [],
    ["Rundung", figures.roundingRule],
    ["Buchungen", String(figures.bookingCount)],
  ];
  return csv(rows);
}

export async function proofPdf({ proof, figures }: ProofRecord): Promise<Buffer> {
  const PDFDocument = await pdfkit();
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    info: { Title: `Leistungsnachweis ${monthName(proof.month)}` },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  doc.fontSize(18).text(`Leistungsnachweis ${monthName(proof.month)}`);
  doc.moveDown(0.5).fontSize(11);
  doc.text(`Schulträger: ${proof.order.authority.name}`);
  doc.text(
    `Serviceschein: ${proof.order.title} (${germanDate(proof.order.validFrom)} – ${germanDate(proof.order.validTo)})`,
  );
  doc.text(`Tagessatz: ${euro(figures.dailyRateCents)} je Personentag`);
  doc.text(`Status: ${STATUS_DE[proof.status] ?? proof.status}`);
  if (proof.issuedAt)
    doc.text(
      `Ausgestellt: ${germanDateTime(proof.issuedAt)}${proof.issuedBy ? ` von ${proof.issuedBy.name}` : ""}`,
    );
  if (proof.checkedAt)
    doc.text(
      `Geprüft: ${germanDateTime(proof.checkedAt)}${proof.checkedBy ? ` von ${proof.checkedBy.name}` : ""}`,
    );
  if (proof.disputeReason) doc.text(`Beanstandung: ${proof.disputeReason}`);
  if (proof.settledAt) doc.text(`Beglichen: ${germanDateTime(proof.settledAt)}`);

  const table = (title: string, items: ProofFigures["byLine"], total?: boolean) => {
    doc.moveDown().fontSize(13).text(title);
    doc.fontSize(10);
    const row = (a: string, b: string, c: string, bold = false) => {
      const y = doc.y;
      doc.font(bold ? "Helvetica-Bold" : "Helvetica");
      doc.text(a, 56, y, { width: 280 });
      const after = doc.y;
      doc.text(b, 340, y, { width: 80, align: "right" });
      doc.text(c, 430, y, { width: 110, align: "right" });
      doc.y = Math.max(after, doc.y);
      doc.x = 56;
    };
    row(title === "Nach Leistungsart" ? "Leistungsart" : "Schule", "Personentage", "Betrag", true);
    for (const item of items) row(item.label, pd(item.personDays), euro(item.amountCents));
    if (total) row("Rechnungsbetrag", pd(figures.personDays), euro(figures.amountCents), true);
  };
  table("Nach Leistungsart", figures.byLine, true);
  table("Nach Schule", figures.bySchool);
  doc.moveDown().font("Helvetica").fontSize(9).text(`Rundung: ${figures.roundingRule}`, 56);
  doc.text(`Grundlage: ${figures.bookingCount} Buchungen des Monats (Stornos eingeschlossen).`);
  doc.end();
  return done;
}
