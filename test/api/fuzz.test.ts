// Hostile input for every mutation of the live schema: fast-check derives the arguments from the
// schema's argument types (huge and odd unicode strings, edge numbers, negative and huge decimals,
// malformed dates, ids of other tenants and of the wrong type, malformed ids, nulls) and sends them
// over HTTP as people of several roles and tenants. The hub may refuse anything, but never with a
// 5xx status or INTERNAL_SERVER_ERROR, and never with a record the caller may not see.
// `npm test` spends FUZZ_SECONDS (default 25) per database; `npm run test:soak` more.
import fc from "fast-check";
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../server/graphql/schema.ts";
import { gid, startHub, TEST_DATABASE, type TestHub } from "../helpers/hub.ts";

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 25);

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.close());

// ---------------------------------------------------------------------------------------------
// Who the records belong to, and who calls
// ---------------------------------------------------------------------------------------------

type Area = "organisation" | "steering" | "school case" | "controlling";

interface Row {
  type: string;
  id: string;
  /** The authority the record belongs to; null for a provider's own records. */
  authorityId: string | null;
  providerId: string | null;
  schoolId: string | null;
  area: Area;
  /** Names and e-mail addresses that identify it. */
  names: string[];
}

interface Caller {
  label: string;
  token: string | null;
  authorityIds: Set<string>;
  providerId: string | null;
  /** A school contact and nothing else: their school's cases only. */
  contactOf: string | null;
}

async function rows(): Promise<Row[]> {
  const db = hub.db.read;
  const order = { select: { authorityId: true } } as const;
  const of = (type: string, area: Area, list: { id: string; authorityId: string | null }[]): Row[] =>
    list.map((r) => ({
      type,
      id: r.id,
      authorityId: r.authorityId,
      providerId: null,
      schoolId: (r as { schoolId?: string | null }).schoolId ?? null,
      area,
      names: [],
    }));
  const [authorities, schools, users, providers] = await Promise.all([
    db.schoolAuthority.findMany({ select: { id: true, name: true, providerId: true } }),
    db.school.findMany({ select: { id: true, name: true, authorityId: true } }),
    db.user.findMany({
      select: { id: true, name: true, email: true, authorityId: true, providerId: true, schoolId: true },
    }),
    db.provider.findMany({ select: { id: true, name: true } }),
  ]);
  return [
    ...authorities.map((a) => ({
      type: "SchoolAuthority",
      id: a.id,
      authorityId: a.id,
      providerId: null,
      schoolId: null,
      area: "organisation" as const,
      names: [a.name],
    })),
    ...schools.map((s) => ({
      type: "School",
      id: s.id,
      authorityId: s.authorityId,
      providerId: null,
      schoolId: s.id,
      area: "organisation" as const,
      names: [s.name],
    })),
    ...users.map((u) => ({
      type: "User",
      id: u.id,
      authorityId: u.authorityId,
      providerId: u.providerId,
      schoolId: null,
      area: "organisation" as const,
      names: [u.name, u.email],
    })),
    ...providers.map((p) => ({
      type: "Provider",
      id: p.id,
      authorityId: null,
      providerId: p.id,
      schoolId: null,
      area: "organisation" as const,
      names: [p.name],
    })),
    ...of(
      "SteeringGroup",
      "steering",
      await db.steeringGroup.findMany({ select: { id: true, authorityId: true } }),
    ),
    ...of(
      "SteeringGroupMember",
      "steering",
      (await db.steeringGroupMember.findMany({ select: { id: true, group: order } })).map((m) => ({
        id: m.id,
        authorityId: m.group.authorityId,
      })),
    ),
    ...of(
      "MeetingSeries",
      "steering",
      await db.meetingSeries.findMany({ select: { id: true, authorityId: true } }),
    ),
    ...of("Meeting", "steering", await db.meeting.findMany({ select: { id: true, authorityId: true } })),
    ...of(
      "AgendaItem",
      "steering",
      (await db.agendaItem.findMany({ select: { id: true, meeting: order } })).map((i) => ({
        id: i.id,
        authorityId: i.meeting.authorityId,
      })),
    ),
    ...of(
      "Amendment",
      "steering",
      (await db.amendment.findMany({ select: { id: true, meeting: order } })).map((a) => ({
        id: a.id,
        authorityId: a.meeting.authorityId,
      })),
    ),
    ...of("Decision", "steering", await db.decision.findMany({ select: { id: true, authorityId: true } })),
    ...of(
      "DecisionReview",
      "steering",
      (await db.decisionReview.findMany({ select: { id: true, decision: order } })).map((r) => ({
        id: r.id,
        authorityId: r.decision.authorityId,
      })),
    ),
    ...of(
      "ActionItem",
      "steering",
      await db.actionItem.findMany({ select: { id: true, authorityId: true } }),
    ),
    ...of(
      "ProcurementRequest",
      "school case",
      await db.procurementRequest.findMany({ select: { id: true, authorityId: true, schoolId: true } }),
    ),
    ...of(
      "Escalation",
      "school case",
      await db.escalation.findMany({ select: { id: true, authorityId: true, schoolId: true } }),
    ),
    ...of(
      "ServiceMeasure",
      "school case",
      await db.serviceMeasure.findMany({ select: { id: true, authorityId: true, schoolId: true } }),
    ),
    ...of(
      "SatisfactionRating",
      "school case",
      await db.satisfactionRating.findMany({ select: { id: true, authorityId: true, schoolId: true } }),
    ),
    ...of(
      "ServiceOrder",
      "controlling",
      await db.serviceOrder.findMany({ select: { id: true, authorityId: true } }),
    ),
    ...(
      [
        ["ServiceLine", await db.serviceLine.findMany({ select: { id: true, order } })],
        ["ServiceOrderAmendment", await db.orderAmendment.findMany({ select: { id: true, order } })],
        ["Booking", await db.booking.findMany({ select: { id: true, order } })],
        ["ProofOfService", await db.proofOfService.findMany({ select: { id: true, order } })],
        ["ControllingAlert", await db.alert.findMany({ select: { id: true, order } })],
      ] as const
    ).flatMap(([type, list]) =>
      of(
        type,
        "controlling",
        list.map((r) => ({ id: r.id, authorityId: r.order.authorityId })),
      ),
    ),
  ];
}

/** What the caller may see of a record, by the rules in README (tenant, school contacts). */
function visible(caller: Caller, row: Row, providerOf: Map<string, string>): boolean {
  if (!caller.token) return false;
  if (row.authorityId === null) {
    const served = [...caller.authorityIds].some((a) => providerOf.get(a) === row.providerId);
    return row.providerId === null || row.providerId === caller.providerId || served;
  }
  if (!caller.authorityIds.has(row.authorityId)) return false;
  if (!caller.contactOf) return true;
  if (row.area === "steering" || row.area === "controlling") return false;
  return row.area !== "school case" || row.schoolId === caller.contactOf;
}

/** What a caller must never receive: the ids and names of records it may not see. */
interface Foreign {
  ids: Map<string, string>;
  names: string[];
}

function foreignTo(caller: Caller, all: Row[], providerOf: Map<string, string>): Foreign {
  const ids = new Map<string, string>();
  const names = new Set<string>();
  const seen = new Set<string>();
  for (const row of all) {
    if (visible(caller, row, providerOf)) {
      for (const name of row.names) seen.add(name);
      continue;
    }
    ids.set(row.id, `${row.type} ${row.id}`);
    for (const name of row.names) if (name.length >= 6) names.add(name);
  }
  return { ids, names: [...names].filter((name) => !seen.has(name)) };
}

/** Global ids decoded, raw ids as they are: every id-like token in a text. */
function tokens(text: string): string[] {
  const found: string[] = [];
  for (const token of text.match(/[A-Za-z0-9+/=_-]{20,}/g) ?? []) {
    found.push(token);
    const decoded = Buffer.from(token, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0 && /^[A-Za-z]+$/.test(decoded.slice(0, colon))) found.push(decoded.slice(colon + 1));
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Arguments from the schema
// ---------------------------------------------------------------------------------------------

const huge = (unit: string) =>
  fc.integer({ min: 1_000, max: 120_000 }).map((n) => unit.repeat(Math.ceil(n / unit.length)));

const oddText = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u202Eevil\u202C",
  "\u200B",
  "\u200D\u200D",
  "\uFEFF",
  "\uD800",
  "\uDFFF",
  "👩‍👩‍👧‍👦",
  "🏳️‍🌈",
  "Z̴̡͎̈́a̶l̷g̸o̴",
  "مدرسة",
  "שלום",
  "=1+2",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(A1)",
  '\'; DROP TABLE "User"; --',
  "<script>alert(1)</script>",
  "%s%n%x",
  "../../etc/passwd",
  "\r\n\t",
  "null",
  "2026-02-30",
  "2026-13",
  "25:99",
  "2026-Q5",
  "Landeshauptstadt Schwerin",
);

const text: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 4, arbitrary: oddText },
  { weight: 1, arbitrary: fc.oneof(huge("x"), huge("ü"), huge("😀"), huge("\u200B"), huge("\u0000")) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant([]), fc.constant({})) },
);

const decimal: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    "0",
    "1",
    "-1",
    "0.5",
    "12.50",
    "-0.01",
    "0.001",
    "-0",
    "1e3",
    "NaN",
    "Infinity",
    "99999999999999999999",
    "-99999999999999999999.99",
    "9".repeat(400),
    " 1",
    "1,5",
    "",
    "+1",
    ".5",
    "5.",
    "0x10",
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.double(),
);

const date: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom(
    "2011-02-29",
    "2024-02-29",
    "2026-02-30",
    "2026-13-01",
    "0000-01-01",
    "9999-12-31",
    "2026-1-1",
    "20260101",
    "",
    "heute",
  ),
);

const dateTime: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    "2026-03-01T10:00:00+14:00",
    "2026-03-01T10:00Z",
    "2026-02-30T10:00:00Z",
    "2026-03-01T25:00:00Z",
    "+275760-09-13T00:00:00.000Z",
    "9999-12-31T23:59:59.999999999Z",
    "0000-01-01T00:00:00Z",
    "2026-03-01",
    "2026-03-01T10:00:00",
    "",
  ),
);

const int: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -3, max: 60 }) },
  { weight: 3, arbitrary: fc.integer() },
  {
    weight: 2,
    arbitrary: fc.constantFrom(0, -1, 1, 2_147_483_647, -2_147_483_648, 100_000, 2000, 2100, 1999),
  },
  { weight: 1, arbitrary: fc.constantFrom(2 ** 31, 2 ** 53, 1.5, Number.NaN, "1") },
);

/** Ids to pick from: records of every type, of every tenant. */
interface IdPool {
  byType: Map<string, string[]>;
  all: string[];
  raw: string[];
}

function idPool(all: Row[], authorities: string[]): IdPool {
  const byType = new Map<string, string[]>();
  for (const row of all) {
    const list = byType.get(row.type) ?? [];
    // A few of each type per authority of interest, and some others.
    const ofInterest = row.authorityId === null || authorities.includes(row.authorityId);
    if (ofInterest ? list.length < 12 : list.length < 4) list.push(gid(row.type, row.id));
    byType.set(row.type, list);
  }
  const ids = [...byType.values()].flat();
  return { byType, all: ids, raw: all.slice(0, 50).map((r) => r.id) };
}

/** The node type an argument's name suggests: `meetingId` a Meeting, `invitedIds` Users. */
const ID_TYPES: [RegExp, string][] = [
  [/^(user|owner|presenter|invited|attended)Ids?$/, "User"],
  [/^authorityId$/, "SchoolAuthority"],
  [/^groupId$/, "SteeringGroup"],
  [/^memberId$/, "SteeringGroupMember"],
  [/^measureId$/, "ServiceMeasure"],
  [/^alertId$/, "ControllingAlert"],
  [/^(agendaItem|carriedFrom)Ids?$/, "AgendaItem"],
];

function idTypeOf(name: string): string {
  for (const [pattern, type] of ID_TYPES) if (pattern.test(name)) return type;
  const base = name.replace(/Ids?$/, "");
  return base.charAt(0).toUpperCase() + base.slice(1);
}

function idArbitrary(name: string, pool: IdPool): fc.Arbitrary<unknown> {
  const typed = pool.byType.get(idTypeOf(name)) ?? [];
  const malformed = fc.oneof(
    fc.string({ maxLength: 30 }),
    oddText,
    fc.constantFrom("", "0", "-1", "null", "undefined", "😀"),
    fc.string({ maxLength: 40 }).map((s) => Buffer.from(`${idTypeOf(name)}:${s}`).toString("base64")),
    fc.string({ maxLength: 20 }).map((s) => Buffer.from(`${s}:${s}`).toString("base64")),
    huge("A").map((s) => Buffer.from(`School:${s}`).toString("base64")),
    fc.constantFrom(...pool.raw),
  );
  return fc.oneof(
    ...(typed.length > 0 ? [{ weight: 6, arbitrary: fc.constantFrom(...typed) }] : []),
    { weight: 3, arbitrary: fc.constantFrom(...pool.all) },
    { weight: 2, arbitrary: malformed },
  );
}

/** A leaf value as hostile as it comes: wrong formats, edges, huge, odd unicode, wrong types. */
function hostile(scalar: string, name: string, pool: IdPool): fc.Arbitrary<unknown> {
  switch (scalar) {
    case "ID":
      return idArbitrary(name, pool);
    case "Int":
      return int;
    case "Float":
      return fc.oneof(fc.double(), int);
    case "Boolean":
      return fc.oneof({ weight: 10, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constant("true") });
    case "Decimal":
      return decimal;
    case "Date":
      return date;
    case "DateTime":
      return dateTime;
    default:
      return text;
  }
}

const DAY = 86_400_000;
const recent = fc.date({
  min: new Date(Date.now() - 400 * DAY),
  max: new Date(Date.now() + 90 * DAY),
  noInvalidDate: true,
});

/** Ranges a form would keep an integer in, by the argument's name. */
const INT_RANGES: [RegExp, number, number][] = [
  [/^year$/, 2000, 2100],
  [/^weekday$/, 1, 7],
  [/^score$/, 1, 5],
  [/^durationMinutes$/, 15, 240],
  [/^burnMarginPct$/, 1, 100],
  [/Days$/, 1, 30],
];

/** A leaf value the console could send, so that a case gets past validation into the rules. */
function plausible(scalar: string, name: string, pool: IdPool): fc.Arbitrary<unknown> {
  switch (scalar) {
    case "ID": {
      const typed = pool.byType.get(idTypeOf(name)) ?? [];
      return fc.constantFrom(...(typed.length > 0 ? typed : pool.all));
    }
    case "Int": {
      const [, min, max] = INT_RANGES.find(([pattern]) => pattern.test(name)) ?? [null, 0, 60];
      return fc.integer({ min, max });
    }
    case "Float":
      return fc.double({ min: 0, max: 100, noNaN: true });
    case "Boolean":
      return fc.boolean();
    case "Decimal":
      return fc.constantFrom("0.25", "0.5", "1", "2.5", "10", "150.75", "1000");
    case "Date":
      return recent.map((d) => d.toISOString().slice(0, 10));
    case "DateTime":
      return recent.map((d) => d.toISOString());
  }
  if (name === "month") return recent.map((d) => d.toISOString().slice(0, 7));
  if (name === "startTime") return fc.constantFrom("08:00", "10:30", "23:59");
  if (name === "period")
    return recent.map((d) => `${d.getUTCFullYear()}-Q${1 + Math.floor(d.getUTCMonth() / 3)}`);
  if (name === "category") return fc.constantFrom("Support", "Beratung", "Hardware");
  if (name === "email") return fc.constantFrom("controlling@parchim.example", "schule@schwerin.example");
  if (name === "password") return fc.constantFrom("demo-passwort", "falsch");
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }) },
    { weight: 2, arbitrary: fc.constantFrom("Drucker defekt", "WLAN im Neubau", "Jour-Fixe", "Abnahme") },
    { weight: 1, arbitrary: oddText },
  );
}

type Mode = "plausible" | "hostile";

/**
 * Values of a GraphQL input type. Hostile cases make everything odd, so most are refused at the
 * first field; plausible ones keep most fields valid and make one here and there odd.
 */
function argument(type: GraphQLInputType, name: string, pool: IdPool, mode: Mode): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    const value = argument(type.ofType, name, pool, mode);
    return mode === "plausible"
      ? value
      : fc.oneof({ weight: 40, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
  }
  const value = ((): fc.Arbitrary<unknown> => {
    if (isListType(type)) {
      const item = argument(type.ofType, name, pool, mode);
      if (mode === "plausible") return fc.array(item, { maxLength: 4 });
      return fc.oneof(
        { weight: 8, arbitrary: fc.array(item, { maxLength: 6 }) },
        { weight: 1, arbitrary: fc.array(item, { minLength: 100, maxLength: 600 }) },
        // GraphQL takes a single value for a list.
        { weight: 1, arbitrary: item },
      );
    }
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields());
      return fc.record(
        Object.fromEntries(fields.map((f) => [f.name, argument(f.type, f.name, pool, mode)])),
        { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) },
      );
    }
    if (isEnumType(type)) {
      const valid = fc.constantFrom(...type.getValues().map((v) => v.name));
      if (mode === "plausible") return valid;
      return fc.oneof(
        { weight: 10, arbitrary: valid },
        { weight: 1, arbitrary: fc.constantFrom("KEIN_WERT", "", "proposed") },
      );
    }
    if (isScalarType(type)) {
      if (mode === "hostile") return hostile(type.name, name, pool);
      return fc.oneof(
        { weight: 9, arbitrary: plausible(type.name, name, pool) },
        { weight: 1, arbitrary: hostile(type.name, name, pool) },
      );
    }
    throw new Error(`no arbitrary for ${String(type)}`);
  })();
  return fc.oneof({ weight: 8, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
}

/** The returned object's own scalar fields, so that a leak in them would show. */
function selection(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return isScalarType(type) || isEnumType(type) ? "" : "{ __typename }";
  const scalars = Object.values(type.getFields())
    .filter((f) => f.args.length === 0)
    .filter((f) => {
      const named = getNamedType(f.type);
      return isScalarType(named) || isEnumType(named);
    })
    .map((f) => f.name);
  return `{ __typename ${scalars.join(" ")} }`;
}

function operation(field: GraphQLField<unknown, unknown>): string {
  const args = field.args as readonly GraphQLArgument[];
  const variables = args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(", ");
  return `mutation Fuzz${variables ? `(${variables})` : ""} { ${field.name}${passed ? `(${passed})` : ""} ${selection(field)} }`;
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  text: string;
  body: { errors?: { message: string; extensions?: { code?: string } }[] } | null;
}

async function post(
  query: string,
  variables: Record<string, unknown>,
  token: string | null,
): Promise<Answer> {
  const response = await fetch(`${hub.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: Answer["body"] = null;
  try {
    body = JSON.parse(text) as Answer["body"];
  } catch {
    // Refused before GraphQL (e.g. 413 for a body over the limit): the status says enough.
  }
  return { status: response.status, text, body };
}

function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === "string") into.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, into);
  else if (value && typeof value === "object") for (const item of Object.values(value)) strings(item, into);
  return into;
}

describe(`fuzzed mutations (${TEST_DATABASE})`, () => {
  it("refuse what earlier runs found with BAD_USER_INPUT, on both databases", async () => {
    const officer = await hub.login("schul-it@schwerin.example");
    const schwerin = await hub.db.read.schoolAuthority.findUniqueOrThrow({
      where: { name: "Landeshauptstadt Schwerin" },
    });
    const found: [string, Record<string, unknown>, string | null][] = [
      // PostgreSQL's text holds no U+0000.
      ['mutation($e: String!) { login(email: $e, password: "x") { token } }', { e: "a\u0000b" }, null],
      [
        'mutation($t: String!, $a: ID!) { createMeeting(input: { authorityId: $a, kind: JOUR_FIXE, scheduledAt: "2026-03-01T10:00:00Z", title: $t }) { id } }',
        { t: "Jour-Fixe\u0000", a: gid("SchoolAuthority", schwerin.id) },
        officer,
      ],
      // PostgreSQL has no year 0.
      [
        'mutation($at: DateTime!, $a: ID!) { createMeeting(input: { authorityId: $a, kind: JOUR_FIXE, scheduledAt: $at, title: "Probe" }) { id } }',
        { at: "0000-01-01T00:00:00Z", a: gid("SchoolAuthority", schwerin.id) },
        officer,
      ],
    ];
    for (const [query, variables, token] of found) {
      const answer = await post(query, variables, token);
      expect(
        answer.body?.errors?.map((e) => e.extensions?.code),
        answer.text,
      ).toEqual(["BAD_USER_INPUT"]);
    }
  });

  it(
    "never answer 5xx or INTERNAL_SERVER_ERROR, and never with another tenant's records",
    async () => {
      const all = await rows();
      const authorityByName = async (name: string) =>
        (await hub.db.read.schoolAuthority.findUniqueOrThrow({ where: { name } })).id;
      const schwerin = await authorityByName("Landeshauptstadt Schwerin");
      const parchim = await authorityByName("Stadt Parchim");
      const providerOf = new Map(
        (await hub.db.read.schoolAuthority.findMany({ select: { id: true, providerId: true } })).map((a) => [
          a.id,
          a.providerId,
        ]),
      );
      const kits = await hub.db.read.provider.findFirstOrThrow({ where: { shortName: "KITS" } });
      const kitsAuthorities = [...providerOf].filter(([, p]) => p === kits.id).map(([a]) => a);
      const pool = idPool(all, [schwerin, parchim, ...kitsAuthorities.slice(0, 1)]);

      const callers: Caller[] = [
        { label: "anonymous", token: null, authorityIds: new Set(), providerId: null, contactOf: null },
      ];
      for (const email of [
        "controlling@parchim.example",
        "schule@schwerin.example",
        "schul-it@schwerin.example",
        "technik@ksm.example",
        "servicemanager@kits.example",
        "servicemanager@ksm.example",
      ]) {
        const user = await hub.db.read.user.findUniqueOrThrow({ where: { email }, include: { roles: true } });
        const authorityIds = user.authorityId
          ? [user.authorityId]
          : [...providerOf].filter(([, p]) => p === user.providerId).map(([a]) => a);
        const contactOnly = user.roles.every((r) => r.role === "SCHOOL_CONTACT");
        callers.push({
          label: email,
          token: await hub.login(email),
          authorityIds: new Set(authorityIds),
          providerId: user.providerId,
          contactOf: contactOnly ? user.schoolId : null,
        });
      }
      const foreign = new Map(callers.map((c) => [c.label, foreignTo(c, all, providerOf)]));
      // The test's own premise: the Parchim controller must not see Schwerin.
      expect([...(foreign.get("controlling@parchim.example")?.ids.keys() ?? [])]).toContain(schwerin);

      // Signing out would end a caller's session for the rest of the run; it has no arguments.
      const mutations = Object.values(schema.getMutationType()?.getFields() ?? {}).filter(
        (f) => f.name !== "logout",
      );
      expect(mutations.length).toBeGreaterThan(40);
      const deadline = Date.now() + SECONDS * 1000;
      let cases = 0;
      const outcomes = new Map<string, number>();
      for (const [index, field] of mutations.entries()) {
        const query = operation(field);
        const argsIn = (mode: Mode) =>
          fc.record(
            Object.fromEntries(field.args.map((a) => [a.name, argument(a.type, a.name, pool, mode)])),
            { requiredKeys: field.args.filter((a) => isNonNullType(a.type)).map((a) => a.name) },
          );
        const args = fc.oneof(argsIn("plausible"), argsIn("hostile"));
        const budget = Math.max(200, (deadline - Date.now()) / (mutations.length - index));
        let runs = 0;
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...callers), args, async (caller, variables) => {
            runs++;
            const answer = await post(query, variables, caller.token);
            const where = `${field.name} as ${caller.label}: ${answer.status} ${answer.text.slice(0, 500)}`;
            expect(answer.status, where).toBeLessThan(500);
            const codes = (answer.body?.errors ?? []).map((e) => e.extensions?.code);
            const outcome = answer.body ? (codes[0] ?? "OK") : `HTTP ${answer.status}`;
            outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
            expect(codes, where).not.toContain("INTERNAL_SERVER_ERROR");
            const sent = strings(variables).join("\n");
            // What the caller sent may come back (an error names the id it refuses).
            const echoed = new Set(tokens(sent));
            const theirs = foreign.get(caller.label) as Foreign;
            const leaked = tokens(answer.text)
              .filter((t) => theirs.ids.has(t) && !echoed.has(t) && !sent.includes(t))
              .map((t) => theirs.ids.get(t));
            const named = theirs.names.filter((n) => answer.text.includes(n) && !sent.includes(n));
            expect([...leaked, ...named], where).toEqual([]);
          }),
          { numRuns: 100_000, plugins: [fc.interruptAfterTimeLimit(budget)] },
        );
        cases += runs;
      }
      console.log(
        `fuzz (${TEST_DATABASE}): ${cases} cases over ${mutations.length} mutations in ${SECONDS} s:`,
        Object.fromEntries([...outcomes].sort((x, y) => y[1] - x[1])),
      );
      expect(cases).toBeGreaterThanOrEqual(mutations.length);
    },
    SECONDS * 1000 + 120_000,
  );
});
