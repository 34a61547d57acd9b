// Exports cannot carry an attack into the program that opens them: no CSV or XLSX text cell
// starts a formula (OWASP's CSV injection advice), numbers stay numbers, and no iCal text value
// ends its line.
import ExcelJS from "exceljs";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorityGid, book, createOrder, SCHWERIN } from "../helpers/controlling.ts";
import { gid, startHub, type TestHub } from "../helpers/hub.ts";

let hub: TestHub;
const t: Record<string, string> = {};
let order: string;
let proofCsvUrl: string;

const DANGEROUS = /^[=+\-@\t\r]/;
const GERMAN_NUMBER = /^-?\d{1,3}(\.\d{3})*(,\d+)?$/;
const PAYLOADS = [
  "-2+3+cmd|' /C calc'!A0",
  "=1+1",
  "+SUM(1;2)",
  "@SUM(A1:A2)",
  '=HYPERLINK("http://example.org","Klick")',
  "-1+1",
];

const get = (path: string, token?: string) =>
  fetch(`${hub.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

/** Semicolon-separated cells, with quoted cells that may hold quotes, semicolons and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ";") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && body[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += char;
  }
  return rows;
}

beforeAll(async () => {
  hub = await startHub();
  t.manager = await hub.login("servicemanager@ksm.example");
  t.staff = await hub.login("technik@ksm.example");
  t.controller = await hub.login("controlling@schwerin.example");
  t.officer = await hub.login("schul-it@schwerin.example");
  order = await createOrder(hub, t.manager, {
    authorityId: await authorityGid(hub, SCHWERIN),
    year: 2012,
    contractedPersonDays: "100",
    dailyRate: "500",
    lines: [
      { name: "=Support", personDays: "60" },
      { name: "-1+1|cmd", personDays: "40" },
    ],
  });
  // Tabs and carriage returns at the start are trimmed away by the API; names written by other
  // means (an import, the database) still reach the exports.
  const school = await hub.db.read.school.findFirstOrThrow({ where: { authority: { name: SCHWERIN } } });
  const staff = await hub.db.read.user.findUniqueOrThrow({ where: { email: "technik@ksm.example" } });
  await hub.db.transact(async (tx) => {
    await tx.school.update({ where: { id: school.id }, data: { name: "\t=2+5" } });
    await tx.user.update({ where: { id: staff.id }, data: { name: "\r=3+5" } });
  });
  let first = "";
  for (const [i, description] of PAYLOADS.entries()) {
    const booking = await book(hub, t.staff, {
      serviceOrderId: order,
      date: `2012-03-0${i + 1}`,
      personDays: "1.6",
      category: i % 2 === 0 ? "=Support" : "-1+1|cmd",
      ticketRef: "+49 385 123",
      schoolId: gid("School", school.id),
      description,
    });
    first ||= booking.id;
  }
  const reversal = await hub.gql(
    "mutation($input: ReverseBookingInput!) { reverseBooking(input: $input) { personDays } }",
    { input: { bookingId: first, reason: "=doppelt" } },
    t.manager,
  );
  expect(reversal.errors).toBeUndefined();
  const proof = await hub.gql<{ createProofOfService: { csvUrl: string } }>(
    'mutation($id: ID!) { createProofOfService(serviceOrderId: $id, month: "2012-03") { csvUrl } }',
    { id: order },
    t.manager,
  );
  expect(proof.errors).toBeUndefined();
  proofCsvUrl = proof.data?.createProofOfService.csvUrl as string;
});
afterAll(() => hub.close());

function expectDefused(cells: string[], what: string) {
  for (const cell of cells) {
    if (DANGEROUS.test(cell)) expect(cell, `${what}: ${JSON.stringify(cell)}`).toMatch(GERMAN_NUMBER);
  }
}

describe("CSV and XLSX exports", () => {
  it("the ledger as CSV: every text cell that would start a formula begins with a quote; numbers stay", async () => {
    const response = await get(
      `/exports/bookings.csv?serviceOrderId=${encodeURIComponent(order)}`,
      t.controller,
    );
    expect(response.status).toBe(200);
    const rows = parseCsv(await response.text());
    expectDefused(rows.flat(), "bookings.csv");
    const cells = rows.flat();
    for (const payload of PAYLOADS) expect(cells).toContain(`'${payload}`);
    expect(cells).toContain("'=Support");
    expect(cells).toContain("'\t=2+5");
    expect(cells).toContain("'\r=3+5");
    expect(cells).toContain("'+49 385 123");
    // The reversal's negative person-days are a number a spreadsheet can sum.
    expect(cells).toContain("-1,60");
  });

  it("the ledger as XLSX: text cells defused, person-days number cells, a reversal's negative", async () => {
    const response = await get(
      `/exports/bookings.xlsx?serviceOrderId=${encodeURIComponent(order)}`,
      t.controller,
    );
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const texts: string[] = [];
    const personDays: unknown[] = [];
    sheet?.eachRow((row, number) => {
      row.eachCell((cell) => {
        expect(cell.formula, `row ${number}`).toBeUndefined();
        if (typeof cell.value === "string") texts.push(cell.value);
      });
      if (number > 2) personDays.push(row.getCell(3).value);
    });
    expectDefused(texts, "bookings.xlsx");
    for (const payload of PAYLOADS) expect(texts).toContain(`'${payload}`);
    expect(texts).toContain("'\t=2+5");
    expect(personDays).toContain(-1.6);
    expect(personDays.every((v) => typeof v === "number")).toBe(true);
  });

  it("a proof of service as CSV: line and school names defused", async () => {
    const response = await get(proofCsvUrl, t.controller);
    expect(response.status).toBe(200);
    const cells = parseCsv(await response.text()).flat();
    expectDefused(cells, "proof.csv");
    expect(cells).toContain("'=Support");
    expect(cells).toContain("'-1+1|cmd");
    expect(cells).toContain("'\t=2+5");
  });
});

describe("iCal feed", () => {
  it("escapes a carriage return, alone or in CRLF, so no text value starts a property of its own", async () => {
    const authority = await hub.db.read.schoolAuthority.findUniqueOrThrow({ where: { name: SCHWERIN } });
    const r = await hub.gql(
      "mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }",
      {
        input: {
          authorityId: gid("SchoolAuthority", authority.id),
          kind: "JOUR_FIXE",
          title: "Jour-Fixe\rX-INJECTED:1",
          scheduledAt: "2027-02-01T09:00:00.000Z",
          location: "Raum 1\r\nATTENDEE:mailto:boese@example.org\nORGANIZER:mailto:boese@example.org",
        },
      },
      t.manager,
    );
    expect(r.errors).toBeUndefined();
    const response = await get(`/exports/authorities/${authority.id}/meetings.ics`, t.officer);
    expect(response.status).toBe(200);
    const text = await response.text();
    // Every line break is a CRLF, and no line is a property smuggled in by a value.
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = text.split("\r\n");
    expect(lines.some((l) => /^(X-INJECTED|ATTENDEE|ORGANIZER)/.test(l))).toBe(false);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const event = calendar
      .getAllSubcomponents("vevent")
      .find((e) => String(e.getFirstPropertyValue("summary")).includes("X-INJECTED"));
    expect(event).toBeDefined();
    expect(event?.getFirstPropertyValue("summary")).toBe("Jour-Fixe: Jour-Fixe\nX-INJECTED:1");
    expect(event?.getFirstPropertyValue("location")).toBe(
      "Raum 1\nATTENDEE:mailto:boese@example.org\nORGANIZER:mailto:boese@example.org",
    );
    expect(event?.getAllProperties("attendee")).toHaveLength(0);
  });
});

describe("export parameters", () => {
  it("are bounded like every string argument: an overlong one answers 400 with a German message", async () => {
    const token = await hub.login("controlling@schwerin.example");
    const order = await hub.db.read.serviceOrder.findFirstOrThrow({
      where: { authority: { name: "Landeshauptstadt Schwerin" } },
      orderBy: { year: "asc" },
    });
    const id = encodeURIComponent(gid("ServiceOrder", order.id));
    const response = await fetch(
      `${hub.url}/exports/bookings.csv?serviceOrderId=${id}&category=${"x".repeat(5000)}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/„category“ darf höchstens 200 Zeichen/);
  });
});
