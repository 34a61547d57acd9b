// Bad input gets the contract's codes, a message a person can act on, and never a 500 or a stack trace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, gid, startHub, type TestHub } from "../helpers/hub.ts";

let hub: TestHub;
let manager: string;
beforeAll(async () => {
  hub = await startHub();
  manager = await hub.login("servicemanager@ksm.example");
});
afterAll(() => hub.close());

function noLeak(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/stacktrace| {4}at |SQLITE|prisma|Invalid `/i);
}

describe("errors", () => {
  it("a malformed id is BAD_USER_INPUT naming the field", async () => {
    const r = await hub.gql('query { schoolAuthority(id: "kaputt") { name } }', {}, manager);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors?.[0]?.extensions?.field).toBe("id");
    expect(r.status).toBe(200);
    noLeak(r);
  });

  it("an id of the wrong type is BAD_USER_INPUT", async () => {
    const r = await hub.gql(
      "query($id: ID!) { schoolAuthority(id: $id) { name } }",
      { id: gid("School", "x") },
      manager,
    );
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
  });

  it("node(id) with garbage answers without a 500", async () => {
    const r = await hub.gql('query { node(id: "%%%") { id } }', {}, manager);
    expect(r.status).toBeLessThan(500);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.data?.node ?? null).toBeNull();
    noLeak(r);
  });

  it("node(id) with a well-formed id of a type the API does not have is BAD_USER_INPUT", async () => {
    const r = await hub.gql("query($id: ID!) { node(id: $id) { id } }", { id: gid("Nope", "1") }, manager);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    noLeak(r);
  });

  it("renaming a school to a sibling's name is CONFLICT, not a server error", async () => {
    const [a, b] = await hub.db.read.school.findMany({
      where: { authority: { name: "Stadt Parchim" } },
      take: 2,
    });
    const r = await hub.gql(
      "mutation($id: ID!, $name: String!) { updateSchool(input: { schoolId: $id, name: $name }) { name } }",
      { id: gid("School", a?.id ?? ""), name: b?.name },
      manager,
    );
    expect(codes(r)).toEqual(["CONFLICT"]);
    noLeak(r);
  });

  it("removing the same steering group member twice at once gives one success and one NOT_FOUND", async () => {
    const member = await hub.db.read.steeringGroupMember.findFirstOrThrow({
      where: { department: "FACILITY_MANAGEMENT" },
    });
    const remove = () =>
      hub.gql(
        "mutation($id: ID!) { removeSteeringGroupMember(memberId: $id) }",
        { id: gid("SteeringGroupMember", member.id) },
        manager,
      );
    const results = await Promise.all([remove(), remove()]);
    expect(results.map((r) => codes(r)[0] ?? "OK").sort()).toEqual(["NOT_FOUND", "OK"]);
  });

  it("an unknown id is NOT_FOUND", async () => {
    const r = await hub.gql(
      "query($id: ID!) { schoolAuthority(id: $id) { name } }",
      { id: gid("SchoolAuthority", "nope") },
      manager,
    );
    expect(codes(r)).toEqual(["NOT_FOUND"]);
  });

  it("an unknown field is a validation error with status 400, not 500", async () => {
    const r = await hub.gql("{ schoolAuthorities { doesNotExist } }", {}, manager);
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    noLeak(r);
  });

  it("a syntax error and a broken JSON body get 400", async () => {
    expect((await hub.gql("{ schoolAuthorities {", {}, manager)).status).toBe(400);
    const broken = await fetch(`${hub.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
    expect(await broken.text()).not.toMatch(/ {4}at /);
  });

  it("a bad enum value in variables is BAD_USER_INPUT", async () => {
    const school = await hub.db.read.school.findFirstOrThrow();
    const r = await hub.gql(
      "mutation($id: ID!, $s: UpgradeStatus) { updateSchool(input: { schoolId: $id, upgradeStatus: $s }) { name } }",
      { id: gid("School", school.id), s: "FERTIG" },
      manager,
    );
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
  });

  it("an empty name is BAD_USER_INPUT with the field", async () => {
    const school = await hub.db.read.school.findFirstOrThrow();
    const r = await hub.gql(
      'mutation($id: ID!) { updateSchool(input: { schoolId: $id, name: "   " }) { name } }',
      { id: gid("School", school.id) },
      manager,
    );
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors?.[0]?.extensions?.field).toBe("name");
    expect(r.errors?.[0]?.message).toMatch(/leer/);
  });

  it("a wrong role is FORBIDDEN, a missing sign-in UNAUTHENTICATED", async () => {
    const school = await hub.db.read.school.findFirstOrThrow({
      where: { authority: { name: "Landeshauptstadt Schwerin" } },
    });
    const q =
      "mutation($id: ID!) { updateSchool(input: { schoolId: $id, upgradeStatus: COMPLETED }) { name } }";
    const controller = await hub.login("controlling@schwerin.example");
    expect(codes(await hub.gql(q, { id: gid("School", school.id) }, controller))).toEqual(["FORBIDDEN"]);
    expect(codes(await hub.gql(q, { id: gid("School", school.id) }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await hub.gql("{ schoolAuthorities { name } }"))).toEqual(["UNAUTHENTICATED"]);
  });

  it("a query nested too deep is refused before it runs", async () => {
    const deep = `{ schoolAuthorities { ${"schools { authority { ".repeat(7)}name${" } }".repeat(7)} } }`;
    const r = await hub.gql(deep, {}, manager);
    expect(codes(r)).toContain("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toMatch(/zu aufwendig/);
  });

  it("a malformed DateTime or Date scalar is BAD_USER_INPUT", async () => {
    const { Kind } = await import("graphql");
    const { schema } = await import("../../server/graphql/schema.ts");
    const date = schema.getType("Date") as import("graphql").GraphQLScalarType;
    expect(() => date.parseValue("2026-02-30")).toThrow(/kein Datum/);
    expect(date.parseValue("2026-02-28")).toBe("2026-02-28");
    expect(() => date.parseLiteral({ kind: Kind.INT, value: "1" })).toThrow();
    const decimal = schema.getType("Decimal") as import("graphql").GraphQLScalarType;
    expect(() => decimal.parseValue(1.5)).toThrow(/keine Dezimalzahl/);
    const dateTime = schema.getType("DateTime") as import("graphql").GraphQLScalarType;
    expect(() => dateTime.parseValue("2026-02-30T10:00:00Z")).toThrow(/kein Zeitpunkt/);
    expect((dateTime.parseValue("2026-02-28T10:00:00+01:00") as Date).toISOString()).toBe(
      "2026-02-28T09:00:00.000Z",
    );
    expect(decimal.parseValue("1.50")).toBe("1.50");
  });

  it("an oversized request body is refused with 413", async () => {
    const response = await fetch(`${hub.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ me { name } }`, variables: { pad: "x".repeat(2 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
  });
});

describe("malformed variables are refused in German, naming the field", () => {
  const BOOK = "mutation($input: RecordBookingInput!) { recordBooking(input: $input) { id } }";
  const valid = () => ({
    serviceOrderId: gid("ServiceOrder", "x"),
    date: "2026-03-02",
    personDays: "1.5",
    description: "Arbeit",
  });

  it.each([
    [
      "a German decimal comma",
      { personDays: "1,333" },
      "Personentage: „1,333“ ist keine Zahl, die sich genau speichern lässt (z. B. 1500.50).",
      "personDays",
    ],
    ["an impossible date", { date: "2026-02-30" }, "Datum: „2026-02-30“ ist kein gültiges Datum.", "date"],
    ["a number for text", { description: 42 }, "Beschreibung: Bitte Text angeben.", "description"],
    ["a field left out", { personDays: undefined }, "Personentage: Angabe fehlt.", "personDays"],
    ["a field that does not exist", { hours: "8" }, "Das Feld „hours“ gibt es hier nicht.", "input"],
  ])("%s", async (_what, change, message, field) => {
    const input: Record<string, unknown> = { ...valid(), ...change };
    for (const key of Object.keys(change)) if (input[key] === undefined) delete input[key];
    const r = await hub.gql(BOOK, { input }, manager);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors?.[0]?.message).toBe(message);
    expect(r.errors?.[0]?.extensions?.field).toBe(field);
    noLeak(r);
  });

  it("names a nested field and an enum value, and a variable left out", async () => {
    const lines = await hub.gql(
      "mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id } }",
      {
        input: {
          authorityId: gid("SchoolAuthority", "x"),
          year: 2027,
          contractedPersonDays: "10",
          lines: [{ name: "Support", personDays: "10 PT" }],
        },
      },
      manager,
    );
    expect(lines.errors?.[0]?.message).toBe(
      "Personentage: „10 PT“ ist keine Zahl, die sich genau speichern lässt (z. B. 1500.50).",
    );
    expect(lines.errors?.[0]?.extensions?.field).toBe("lines.0.personDays");
    const year = await hub.gql(
      "mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id } }",
      { input: { authorityId: gid("SchoolAuthority", "x"), year: 2027.5, contractedPersonDays: "10" } },
      manager,
    );
    expect(year.errors?.[0]?.message).toBe("Jahr: „2027.5“ ist keine ganze Zahl.");
    const kind = await hub.gql(
      "mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }",
      {
        input: {
          authorityId: gid("SchoolAuthority", "x"),
          kind: "KAFFEEKLATSCH",
          title: "Treffen",
          scheduledAt: "2027-01-01T10:00:00Z",
        },
      },
      manager,
    );
    expect(kind.errors?.[0]?.message).toBe("Art: „KAFFEEKLATSCH“ ist hier nicht zulässig.");
    const absent = await hub.gql(BOOK, {}, manager);
    expect(absent.errors?.[0]?.message).toBe("„input“: Angabe fehlt.");
  });
});

describe("the services' refusals speak German formats", () => {
  it("names an order's term in dd.mm.yyyy and a booking's limit with a decimal comma", async () => {
    const order = await hub.db.read.serviceOrder.findFirstOrThrow({
      where: { authority: { name: "Landeshauptstadt Schwerin" }, status: "ACTIVE" },
      orderBy: { year: "desc" },
    });
    const book = (input: Record<string, unknown>) =>
      hub.gql(
        "mutation($input: RecordBookingInput!) { recordBooking(input: $input) { id } }",
        { input: { serviceOrderId: gid("ServiceOrder", order.id), description: "Arbeit", ...input } },
        manager,
      );
    const german = (iso: string) => iso.split("-").reverse().join(".");
    const outside = await book({ date: "2000-01-03", personDays: "1" });
    expect(outside.errors?.[0]?.message).toBe(
      `Das Datum liegt außerhalb der Laufzeit des Servicescheins (${german(order.validFrom)} bis ${german(order.validTo)}).`,
    );
    const tooMuch = await book({ date: order.validFrom, personDays: "25" });
    expect(tooMuch.errors?.[0]?.message).toBe("Eine Buchung darf höchstens 20,00 Personentage umfassen.");
  });
});
