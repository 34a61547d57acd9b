// A list as a file for Excel and LibreOffice: CSV as a German spreadsheet opens it (";" between
// fields, UTF-8 with BOM, German numbers and dates) and XLSX with real numbers and dates in
// German formats. The rows are the ones the list shows, with its filters applied.
import { downloadCSV, type TranslateFunction } from "react-admin";
import type { Row } from "../dataProvider/registry.ts";
import { decimal } from "../format.ts";

/** How a cell is written: exact decimals (euro, personDays), a 0..1 share, an integer, a day or an instant. */
export type CellKind = "text" | "euro" | "personDays" | "share" | "integer" | "date" | "dateTime";

export interface ExportColumn {
  /** Translation key of the German header; the unit follows it ("Kostenwirkung (€)"). */
  label: string;
  /** The cell's value; `translate` gives enums their German names. */
  value: (row: Row, translate: TranslateFunction) => unknown;
  kind?: CellKind;
}

/** A column with its header already in German. */
export interface HeadedColumn {
  header: string;
  value: (row: Row) => unknown;
  kind?: CellKind;
}

const UNITS: Partial<Record<CellKind, string>> = { euro: "€", personDays: "PT", share: "%" };

/** The columns with German headers, and values that translate enums. */
export function headed(columns: ExportColumn[], translate: TranslateFunction): HeadedColumn[] {
  return columns.map((c) => {
    const unit = UNITS[c.kind ?? "text"];
    const label = translate(c.label, { smart_count: 1 });
    return {
      header: unit ? `${label} (${unit})` : label,
      value: (row: Row) => c.value(row, translate),
      kind: c.kind,
    };
  });
}

const empty = (value: unknown) => value === null || value === undefined || value === "";

/**
 * A text cell that starts with = + - @, a tab or a carriage return would run as a formula in a
 * spreadsheet; a single quote in front keeps it text (OWASP), as the server's exports do.
 */
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const BERLIN = new Intl.DateTimeFormat("de-DE", {
  timeZone: "Europe/Berlin",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** An instant's wall-clock time in Berlin: the day and time a person there read. */
function berlinParts(value: string): Record<"year" | "month" | "day" | "hour" | "minute", number> {
  const parts = new Map(BERLIN.formatToParts(new Date(value)).map((part) => [part.type, Number(part.value)]));
  const at = (type: Intl.DateTimeFormatPartTypes) => parts.get(type) ?? 0;
  return { year: at("year"), month: at("month"), day: at("day"), hour: at("hour"), minute: at("minute") };
}

const two = (n: number) => String(n).padStart(2, "0");

/** The cell as German text: "1.500,50", "12,5", "34", "05.03.2026", "05.03.2026 14:30". */
export function cellText(value: unknown, kind: CellKind = "text"): string {
  if (empty(value)) return "";
  const text = String(value);
  switch (kind) {
    case "euro":
      return decimal(text, 2);
    case "personDays":
      return decimal(text);
    case "share":
      return String(Math.round(Number(value) * 100));
    case "integer":
      return Number(value).toLocaleString("de-DE");
    case "date": {
      const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      if (iso) return `${iso[3]}.${iso[2]}.${iso[1]}`;
      const p = berlinParts(text);
      return `${two(p.day)}.${two(p.month)}.${p.year}`;
    }
    case "dateTime": {
      const p = berlinParts(text);
      return `${two(p.day)}.${two(p.month)}.${p.year} ${two(p.hour)}:${two(p.minute)}`;
    }
    default:
      return defuse(text);
  }
}

function csvField(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV for a German spreadsheet: ";" between fields, CRLF between lines. */
export function toCsv(rows: Row[], columns: HeadedColumn[]): string {
  const lines = [
    columns.map((c) => csvField(c.header)),
    ...rows.map((row) => columns.map((c) => csvField(cellText(c.value(row), c.kind)))),
  ];
  return lines.map((line) => line.join(";")).join("\r\n");
}

/** Downloads the CSV; the BOM makes Excel read it as UTF-8 (umlauts) instead of ANSI. */
export function downloadCsv(rows: Row[], columns: HeadedColumn[], name: string): void {
  downloadCSV(`\uFEFF${toCsv(rows, columns)}`, name);
}

const NUMBER_FORMATS: Partial<Record<CellKind, string>> = {
  euro: '#,##0.00 "€"',
  personDays: "#,##0.00",
  share: "0 %",
  integer: "#,##0",
  date: "dd.mm.yyyy",
  dateTime: "dd.mm.yyyy hh:mm",
};

/** The cell as a spreadsheet value: numbers and dates as such (Excel shows them in German formats). */
function xlsxValue(value: unknown, kind: CellKind = "text"): string | number | Date | null {
  if (empty(value)) return null;
  const text = String(value);
  switch (kind) {
    case "euro":
    case "personDays":
    case "share":
    case "integer":
      return Number(text);
    case "date": {
      const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      // A calendar day has no time zone; Excel's day numbers are read as UTC by exceljs.
      if (iso) return new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
      const p = berlinParts(text);
      return new Date(Date.UTC(p.year, p.month - 1, p.day));
    }
    case "dateTime": {
      const p = berlinParts(text);
      return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute));
    }
    default:
      return defuse(text);
  }
}

/**
 * The rows as an Excel workbook. exceljs is the largest library the console has (≈ 900 kB): it
 * loads on the first click on "Als Excel", never with a page.
 */
export async function downloadXlsx(rows: Row[], columns: HeadedColumn[], name: string): Promise<void> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Schul-IT-Steuerung";
  // A sheet's name may hold up to 31 characters and none of []:*?/\.
  const sheet = workbook.addWorksheet(name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.header,
    width: Math.min(60, Math.max(12, c.header.length + 2)),
    style: NUMBER_FORMATS[c.kind ?? "text"] ? { numFmt: NUMBER_FORMATS[c.kind ?? "text"] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => xlsxValue(c.value(row), c.kind)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const buffer = await workbook.xlsx.writeBuffer();
  const blob = new Blob([buffer], {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `${name}.xlsx`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
