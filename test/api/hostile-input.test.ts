// Every input is bounded before a resolver runs: each string argument and input field of every
// query, mutation and subscription, lists, a failed sign-in's audit entry, cursors and node ids.
// Hostile values answer BAD_USER_INPUT (or NOT_FOUND), never INTERNAL_SERVER_ERROR.
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../server/graphql/schema.ts";
import { DEFAULT_MAX_LENGTH, MAX_LIST_LENGTH, MAX_TEXT_LENGTH } from "../../server/lib/validate.ts";
import { codes, collect, gid, startHub, type TestHub } from "../helpers/hub.ts";

let hub: TestHub;
let admin: string;
let controller: string;
beforeAll(async () => {
  hub = await startHub();
  admin = await hub.login("admin@ksm.example");
  controller = await hub.login("controlling@schwerin.example");
});
afterAll(() => hub.close());

const SCALAR_SAMPLES: Record<string, unknown> = {
  String: "x",
  ID: "x",
  Int: 1,
  Float: 1,
  Boolean: false,
  Date: "2026-01-05",
  DateTime: "2026-01-05T10:00:00.000Z",
  Decimal: "1",
};

/** A value graphql-js accepts for the type: required input fields filled, lists of one. */
function sample(type: GraphQLInputType): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [sample(nullable.ofType)];
  if (isInputObjectType(nullable)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(nullable.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined)
        value[field.name] = sample(field.type);
    }
    return value;
  }
  if (isEnumType(nullable)) return nullable.getValues()[0]?.name;
  const scalar = SCALAR_SAMPLES[nullable.name];
  if (scalar === undefined) throw new Error(`no sample for ${nullable.name}`);
  return scalar;
}

interface Target {
  /** Where in the variables the string goes. */
  keys: (string | number)[];
  /** The field the error names. */
  field: string;
  max: number;
  /** IDs get a well-formed global ID that is too long, so that only its length is wrong. */
  id: boolean;
}

const limit = (input: GraphQLArgument | GraphQLInputField) =>
  (input.extensions as { maxLength?: number }).maxLength ?? DEFAULT_MAX_LENGTH;

/** Every string (or ID) leaf under an argument, with the limit it declares. */
function targets(type: GraphQLInputType, max: number, keys: (string | number)[], field: string[]): Target[] {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return targets(nullable.ofType, max, [...keys, 0], [...field, "0"]);
  if (isInputObjectType(nullable)) {
    return Object.values(nullable.getFields()).flatMap((f) =>
      targets(f.type, limit(f), [...keys, f.name], [...field, f.name]),
    );
  }
  const name = getNamedType(type).name;
  return name === "String" || name === "ID" ? [{ keys, field: field.join("."), max, id: name === "ID" }] : [];
}

function operation(
  kind: "query" | "mutation" | "subscription",
  field: GraphQLField<unknown, unknown>,
): string {
  const declared = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
  const selection = isLeafType(getNamedType(field.type)) ? "" : " { __typename }";
  return `${kind}(${declared}) { ${field.name}(${passed})${selection} }`;
}

/** A sample of the type in which every input object and list on the way to `keys` is present. */
function sampleAlong(type: GraphQLInputType, keys: (string | number)[]): unknown {
  const [key, ...rest] = keys;
  if (key === undefined) return sample(type);
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [sampleAlong(nullable.ofType, rest)];
  if (isInputObjectType(nullable)) {
    const value = sample(nullable) as Record<string, unknown>;
    value[key] = sampleAlong((nullable.getFields()[key] as GraphQLInputField).type, rest);
    return value;
  }
  return sample(type);
}

/** One character too many for the target. */
const tooLong = (target: Target) =>
  target.id ? gid("Booking", "x".repeat(target.max)) : "x".repeat(target.max + 1);

function variablesWith(field: GraphQLField<unknown, unknown>, target: Target, value: string) {
  const variables: Record<string, unknown> = {};
  for (const arg of field.args) {
    if (arg.name === target.keys[0]) variables[arg.name] = sampleAlong(arg.type, target.keys.slice(1));
    else if (isNonNullType(arg.type)) variables[arg.name] = sample(arg.type);
  }
  let parent = variables as Record<string | number, unknown>;
  for (const key of target.keys.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[target.keys.at(-1) as string | number] = value;
  return variables;
}

function cases(kind: "Query" | "Mutation" | "Subscription") {
  const root = {
    Query: schema.getQueryType(),
    Mutation: schema.getMutationType(),
    Subscription: schema.getSubscriptionType(),
  }[kind];
  return Object.values(root?.getFields() ?? {}).flatMap((field) =>
    field.args.flatMap((arg) =>
      targets(arg.type, limit(arg), [arg.name], arg.name === "input" ? [] : [arg.name]).map((target) => ({
        field,
        target,
      })),
    ),
  );
}

describe("every string input has a maximum length", () => {
  it("a 50,000-character search word is BAD_USER_INPUT naming the field, in German", async () => {
    const r = await hub.gql(
      "query($text: String!) { searchGovernance(text: $text) { title } }",
      { text: "a".repeat(50_000) },
      controller,
    );
    expect(r.status).toBe(200);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors?.[0]?.extensions?.field).toBe("text");
    expect(r.errors?.[0]?.message).toBe("Die Eingabe „Text“ darf höchstens 200 Zeichen lang sein.");
    const atLimit = await hub.gql(
      "query($text: String!) { searchGovernance(text: $text) { title } }",
      { text: `Konzept ${"b".repeat(DEFAULT_MAX_LENGTH - 8)}` },
      controller,
    );
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data?.searchGovernance).toEqual([]);
  });

  for (const kind of ["Query", "Mutation"] as const) {
    it(`every string argument and input field of every ${kind.toLowerCase()} refuses one character too many`, async () => {
      const all = cases(kind);
      expect(all.length).toBeGreaterThan(kind === "Query" ? 10 : 60);
      for (const { field, target } of all) {
        expect(target.max, `${field.name} ${target.field}`).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
        const before = await hub.db.read.auditEntry.count();
        const r = await hub.gql(
          operation(kind === "Query" ? "query" : "mutation", field),
          variablesWith(field, target, tooLong(target)),
          admin,
        );
        const what = `${field.name}(${target.field}): ${JSON.stringify(r.errors)}`;
        expect(r.status, what).toBe(200);
        expect(codes(r), what).toEqual(["BAD_USER_INPUT"]);
        expect(r.errors?.[0]?.extensions?.field, what).toBe(target.field);
        expect(r.errors?.[0]?.message, what).toMatch(`höchstens ${target.max} Zeichen`);
        // Refused before the resolver: nothing written.
        expect(await hub.db.read.auditEntry.count(), what).toBe(before);
      }
    });
  }

  it("every subscription argument refuses one character too many, over WebSocket", async () => {
    const all = cases("Subscription");
    expect(all.length).toBeGreaterThan(3);
    const client = hub.ws(controller);
    for (const { field, target } of all) {
      const { errors } = await collect(
        client,
        operation("subscription", field),
        variablesWith(field, target, tooLong(target)),
        1,
      );
      const flat = errors.flatMap((e) => (Array.isArray(e) ? e : [e])) as {
        extensions?: Record<string, unknown>;
      }[];
      expect(
        flat.map((e) => e.extensions?.code),
        field.name,
      ).toEqual(["BAD_USER_INPUT"]);
      expect(flat[0]?.extensions?.field).toBe(target.field);
      expect((flat[0] as { message?: string } | undefined)?.message).toMatch(
        `höchstens ${target.max} Zeichen`,
      );
    }
  });

  it("lists are bounded too", async () => {
    const r = await hub.gql(
      "mutation($m: ID!, $ids: [ID!]!) { reorderAgendaItems(meetingId: $m, agendaItemIds: $ids) { id } }",
      {
        m: gid("Meeting", "x"),
        ids: Array.from({ length: MAX_LIST_LENGTH + 1 }, (_, i) => gid("AgendaItem", `${i}`)),
      },
      admin,
    );
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors?.[0]?.extensions?.field).toBe("agendaItemIds");
    expect(r.errors?.[0]?.message).toMatch(`höchstens ${MAX_LIST_LENGTH} Einträge`);
  });
});

describe("export parameters", () => {
  it("an id in an export's query string is not echoed back at any length", async () => {
    const response = await fetch(`${hub.url}/exports/bookings.csv?serviceOrderId=${"x".repeat(8_000)}`, {
      headers: { authorization: `Bearer ${controller}` },
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text.length).toBeLessThan(200);
    expect(text).toMatch(/„serviceOrderId“ darf höchstens 200 Zeichen/);
    // Within the bound, a malformed id is named as such.
    const short = await fetch(`${hub.url}/exports/bookings.csv?serviceOrderId=${"y".repeat(190)}`, {
      headers: { authorization: `Bearer ${controller}` },
    });
    expect(short.status).toBe(400);
    const answer = await short.text();
    expect(answer).toMatch(/keine gültige ID/);
  });
});

describe("failed sign-ins are audited in bounded size", () => {
  const LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }";

  it("a 5,000-character e-mail address is refused before anything is counted or stored", async () => {
    const before = await hub.db.read.auditEntry.count();
    const r = await hub.gql(LOGIN, { e: `${"a".repeat(5_000)}@example.org`, p: "falsch" });
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors?.[0]?.extensions?.field).toBe("email");
    expect(await hub.db.read.auditEntry.count()).toBe(before);
  });

  it("a sign-in that bypasses the API still stores no more than a hash of a huge address", async () => {
    const email = `${"b".repeat(5_000)}@example.org`;
    await expect(
      hub.app.signIn.login({ email, password: "falsch", address: "203.0.113.77" }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const entry = await hub.db.read.auditEntry.findFirstOrThrow({
      where: { action: "LOGIN_FAILED", changes: { contains: "203.0.113.77" } },
    });
    expect(entry.objectId.length).toBeLessThanOrEqual(80);
    expect(entry.objectId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(entry.changes.length).toBeLessThan(200);
    // An ordinary unknown address is still named as it was given.
    await expect(
      hub.app.signIn.login({ email: "niemand@example.org", password: "falsch", address: "203.0.113.78" }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const ordinary = await hub.db.read.auditEntry.findFirstOrThrow({
      where: { action: "LOGIN_FAILED", changes: { contains: "203.0.113.78" } },
    });
    expect(ordinary.objectId).toBe("niemand@example.org");
  });
});

describe("crafted cursors and node ids", () => {
  const b64 = (text: string) => Buffer.from(text).toString("base64");
  const CRAFTED = [
    "garbage",
    b64("nonsense"),
    b64("GPC:N:5"),
    b64("GPC:N:1e400"),
    b64('GPC:O:{"a":1}'),
    b64("GPC:Z:"),
    b64('GPC:T:["S:a","N:1"]'),
    b64("GPC:D:123"),
    b64("GPC:I:5"),
    b64("GPC:B:AAAA"),
    b64(`GPC:S:${"x".repeat(100)}`),
  ];
  const connections = (cursor: string) => `{
    auditLog(after: "${cursor}") { edges { cursor } }
    decisions(after: "${cursor}") { edges { cursor } }
    me { authority {
      meetings(first: 1, after: "${cursor}") { edges { cursor } }
      serviceOrders { bookings(first: 1, after: "${cursor}") { edges { cursor } } }
    } }
  }`;
  const PAGE = `{
    decisions(first: 1) { edges { cursor } }
    me { authority {
      meetings(first: 1) { edges { cursor } }
      serviceOrders { bookings(first: 1) { edges { cursor } } }
    } }
  }`;

  it("every connection answers a crafted cursor with BAD_USER_INPUT, on its own and nested", async () => {
    for (const cursor of CRAFTED) {
      for (const query of [
        `{ auditLog(after: "${cursor}") { edges { cursor } } }`,
        `{ decisions(before: "${cursor}", last: 2) { edges { cursor } } }`,
        `{ me { authority { meetings(after: "${cursor}") { edges { cursor } } } } }`,
        `{ me { authority { serviceOrders { bookings(before: "${cursor}", last: 1) { edges { cursor } } } } } }`,
      ]) {
        const r = await hub.gql(query, {}, controller);
        const what = `${query}: ${JSON.stringify(r.errors)}`;
        expect(r.status, what).toBe(200);
        expect([...new Set(codes(r))], what).toEqual(["BAD_USER_INPUT"]);
      }
    }
  });

  it("another list's cursor is never an internal error; a list's own cursor pages", async () => {
    const page = await hub.gql<{
      decisions: { edges: { cursor: string }[] };
      me: {
        authority: {
          meetings: { edges: { cursor: string }[] };
          serviceOrders: { bookings: { edges: { cursor: string }[] } }[];
        };
      };
    }>(PAGE, {}, controller);
    expect(page.errors).toBeUndefined();
    const data = page.data;
    // The controller's own sign-in is the ADMIN's to read.
    const audit = await hub.gql<{ auditLog: { edges: { cursor: string }[] } }>(
      "{ auditLog(first: 1) { edges { cursor } } }",
      {},
      admin,
    );
    const cursors = [
      audit.data?.auditLog.edges[0]?.cursor,
      data?.decisions.edges[0]?.cursor,
      data?.me.authority.meetings.edges[0]?.cursor,
      data?.me.authority.serviceOrders.find((o) => o.bookings.edges.length > 0)?.bookings.edges[0]?.cursor,
    ];
    expect(cursors.every(Boolean)).toBe(true);
    for (const cursor of cursors) {
      const r = await hub.gql(connections(cursor as string), {}, controller);
      expect(
        codes(r).filter((c) => c !== "BAD_USER_INPUT" && c !== "NOT_FOUND"),
        JSON.stringify(r.errors),
      ).toEqual([]);
      expect(r.status).toBe(200);
    }

    // A list's own cursor still pages, the ledger in its order.
    const orders = await hub.gql<{
      me: {
        authority: {
          serviceOrders: { id: string; bookings: { edges: { cursor: string; node: { id: string } }[] } }[];
        };
      };
    }>(
      "{ me { authority { serviceOrders { id bookings(first: 3) { edges { cursor node { id } } } } } } }",
      {},
      controller,
    );
    const order = orders.data?.me.authority.serviceOrders.find((o) => o.bookings.edges.length === 3);
    expect(order).toBeDefined();
    const [first, second, third] = order?.bookings.edges ?? [];
    const next = await hub.gql<{ node: { bookings: { edges: { node: { id: string } }[] } } }>(
      "query($id: ID!, $after: String) { node(id: $id) { ... on ServiceOrder { bookings(first: 2, after: $after) { edges { node { id } } } } } }",
      { id: order?.id, after: first?.cursor },
      controller,
    );
    expect(next.errors).toBeUndefined();
    expect(next.data?.node.bookings.edges.map((e) => e.node.id)).toEqual([second?.node.id, third?.node.id]);
  });

  it("node(id:) naming a type that is no Node, an unknown type or nothing is bad input, in German", async () => {
    for (const id of [b64("DateTime:1"), b64("Query:1"), b64("String:x"), b64("Node:1"), b64("Nichts:1")]) {
      const r = await hub.gql("query($id: ID!) { node(id: $id) { id } }", { id }, controller);
      expect(codes(r), id).toEqual(["BAD_USER_INPUT"]);
      expect(r.errors?.[0]?.message).not.toMatch(/[Ii]nvalid|does not|support/);
      expect(r.data?.node ?? null).toBeNull();
    }
  });

  it("a malformed node id or one of no record answers without an internal error", async () => {
    for (const id of ["garbage", "%%%", b64("Booking:"), b64(":"), gid("Booking", "gibt-es-nicht")]) {
      const r = await hub.gql("query($id: ID!) { node(id: $id) { id } }", { id }, controller);
      expect(
        codes(r).filter((c) => c !== "BAD_USER_INPUT" && c !== "NOT_FOUND"),
        id,
      ).toEqual([]);
      expect(r.errors?.[0]?.message ?? "").not.toMatch(/[Ii]nvalid/);
      expect(r.data?.node ?? null).toBeNull();
    }
  });
});
