// School handovers (who supports a school, and from when) and onboarding of new school
// authorities and schools, over the real server. The same file runs on PostgreSQL.
import { spawn } from "node:child_process";
import path from "node:path";
import { decodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, germanDate, todayInBerlin } from "../../server/lib/dates.ts";
import { insertUser } from "../../server/modules/organisations/service.ts";
import { codes, gid, startHub, type TestHub } from "../helpers/hub.ts";

const PASSWORD = "ein-eigenes-langes-passwort";
const SCHWERIN = "Landeshauptstadt Schwerin";
const today = todayInBerlin();

let hub: TestHub;
const t = {
  manager: "",
  staff: "",
  admin: "",
  officer: "",
  controller: "",
  schoolAdmin: "",
  itMember: "",
  kits: "",
  kitsAdmin: "",
};
/** Schwerin schools without any handover yet, by purpose. */
const school = { main: "", escalation: "", booking: "", upgrade: "", back: "", withdrawn: "" };
const names: Record<string, string> = {};
let authority = "";
let agreementStart = "";

const HANDOVER =
  "id from to handoverDate note confirmed confirmedAt proposedBy { email } confirmedBy { email } school { id } measure { id }";

interface Handover {
  id: string;
  from: string;
  to: string;
  handoverDate: string;
  note: string | null;
  confirmed: boolean;
  confirmedAt: string | null;
  proposedBy: { email: string };
  confirmedBy: { email: string } | null;
  measure: { id: string } | null;
}

const propose = (token: string, input: Record<string, unknown>) =>
  hub.gql<{ proposeSchoolHandover: Handover }>(
    `mutation($input: ProposeSchoolHandoverInput!) { proposeSchoolHandover(input: $input) { ${HANDOVER} } }`,
    { input },
    token,
  );
const confirm = (token: string, handoverId: string) =>
  hub.gql<{ confirmSchoolHandover: Handover }>(
    `mutation($id: ID!) { confirmSchoolHandover(handoverId: $id) { ${HANDOVER} } }`,
    { id: handoverId },
    token,
  );
async function handOver(schoolId: string, handoverDate: string) {
  const proposed = await propose(t.manager, { schoolId, handoverDate, note: "Ertüchtigung abgeschlossen" });
  expect(proposed.errors).toBeUndefined();
  const confirmed = await confirm(t.officer, proposed.data?.proposeSchoolHandover.id ?? "");
  expect(confirmed.errors).toBeUndefined();
  return confirmed.data?.confirmSchoolHandover as Handover;
}
async function supportedBy(schoolId: string, asOf?: string) {
  const r = await hub.gql<{ node: { supportedBy: string; handovers: Handover[] } }>(
    `query($id: ID!, $asOf: Date) { node(id: $id) { ... on School { supportedBy(asOf: $asOf) handovers { ${HANDOVER} } } } }`,
    { id: schoolId, asOf },
    t.officer,
  );
  expect(r.errors).toBeUndefined();
  return r.data?.node as { supportedBy: string; handovers: Handover[] };
}

beforeAll(async () => {
  hub = await startHub();
  const schwerin = await hub.db.read.schoolAuthority.findUniqueOrThrow({
    where: { name: SCHWERIN },
    include: {
      schools: { where: { handovers: { none: {} } }, orderBy: { name: "asc" } },
      steeringGroup: true,
    },
  });
  authority = gid("SchoolAuthority", schwerin.id);
  agreementStart = schwerin.agreementStart;
  const contact = await hub.db.read.user.findUniqueOrThrow({ where: { email: "schule@schwerin.example" } });
  const free = schwerin.schools.filter((s) => s.id !== contact.schoolId);
  expect(free.length).toBeGreaterThanOrEqual(6);
  for (const [i, key] of (
    ["main", "escalation", "booking", "upgrade", "back", "withdrawn"] as const
  ).entries()) {
    const s = free[i] as (typeof free)[number];
    school[key] = gid("School", s.id);
    names[key] = s.name;
  }
  // A member of the steering group from the IT department who is not the school-IT officer,
  // and an administrator of the second provider.
  const kits = await hub.db.read.provider.findFirstOrThrow({ where: { shortName: "KITS" } });
  const itPerson = await hub.db.transact((tx) =>
    insertUser(tx, {
      email: "iuk@schwerin.example",
      name: "Jonas IuK",
      password: PASSWORD,
      roles: ["STEERING_MEMBER"],
      authorityId: schwerin.id,
    }),
  );
  await hub.db.transact((tx) =>
    insertUser(tx, {
      email: "admin@kits.example",
      name: "KITS Admin",
      password: PASSWORD,
      roles: ["ADMIN"],
      providerId: kits.id,
    }),
  );
  [t.manager, t.staff, t.admin, t.officer, t.controller, t.schoolAdmin, t.kits] = await Promise.all([
    hub.login("servicemanager@ksm.example"),
    hub.login("technik@ksm.example"),
    hub.login("admin@ksm.example"),
    hub.login("schul-it@schwerin.example"),
    hub.login("controlling@schwerin.example"),
    hub.login("schulverwaltung@schwerin.example"),
    hub.login("servicemanager@kits.example"),
  ]);
  [t.itMember, t.kitsAdmin] = await Promise.all([
    hub.login("iuk@schwerin.example", PASSWORD),
    hub.login("admin@kits.example", PASSWORD),
  ]);
  const added = await hub.gql(
    "mutation($g: ID!, $m: SteeringGroupMemberInput!) { addSteeringGroupMember(groupId: $g, member: $m) { id } }",
    {
      g: gid("SteeringGroup", schwerin.steeringGroup?.id ?? ""),
      m: { userId: gid("User", itPerson.id), department: "IT_DEPARTMENT" },
    },
    t.officer,
  );
  expect(added.errors).toBeUndefined();
});
afterAll(() => hub.close());

describe("proposing a handover", () => {
  it("is the provider's: the authority and provider staff are FORBIDDEN, another provider does not see the school", async () => {
    const input = { schoolId: school.main, handoverDate: today };
    expect(codes(await propose(t.officer, input))).toEqual(["FORBIDDEN"]);
    expect(codes(await propose(t.staff, input))).toEqual(["FORBIDDEN"]);
    const foreign = await propose(t.kits, input);
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
    expect(JSON.stringify(foreign)).not.toContain(names.main);
    expect(await hub.db.read.schoolHandover.count({ where: { schoolId: idOf(school.main) } })).toBe(0);
  });

  it("refuses bad dates with BAD_USER_INPUT", async () => {
    const before = await propose(t.manager, {
      schoolId: school.main,
      handoverDate: addDays(agreementStart, -1),
    });
    expect(codes(before)).toEqual(["BAD_USER_INPUT"]);
    expect(before.errors?.[0]?.extensions?.field).toBe("handoverDate");
    expect(before.errors?.[0]?.message).toContain(`Beginn der Vereinbarung (${germanDate(agreementStart)})`);
    expect(codes(await propose(t.manager, { schoolId: school.main, handoverDate: "2026-02-30" }))).toEqual([
      "BAD_USER_INPUT",
    ]);
  });

  it("proposes from the side supporting on that date to the other, pending until confirmed; a second proposal is a CONFLICT", async () => {
    const r = await propose(t.manager, {
      schoolId: school.main,
      handoverDate: addDays(today, -10),
      note: "Zielbild erreicht",
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.proposeSchoolHandover).toMatchObject({
      from: "AUTHORITY_IT",
      to: "PROVIDER",
      handoverDate: addDays(today, -10),
      note: "Zielbild erreicht",
      confirmed: false,
      confirmedAt: null,
      confirmedBy: null,
      proposedBy: { email: "servicemanager@ksm.example" },
    });
    // Pending: it counts for nothing yet.
    expect((await supportedBy(school.main)).supportedBy).toBe("AUTHORITY_IT");
    const again = await propose(t.manager, { schoolId: school.main, handoverDate: today });
    expect(codes(again)).toEqual(["CONFLICT"]);
    expect(again.errors?.[0]?.message).toContain("bereits eine Übergabe");
  });
});

describe("confirming a handover", () => {
  let id = "";
  beforeAll(async () => {
    id = (await supportedBy(school.main)).handovers[0]?.id ?? "";
    expect(id).not.toBe("");
  });

  it("is the client's: the provider, finance, the school authority department and another provider may not", async () => {
    expect(codes(await confirm(t.manager, id))).toEqual(["FORBIDDEN"]);
    expect(codes(await confirm(t.admin, id))).toEqual(["FORBIDDEN"]);
    expect(codes(await confirm(t.controller, id))).toEqual(["FORBIDDEN"]);
    expect(codes(await confirm(t.schoolAdmin, id))).toEqual(["FORBIDDEN"]);
    expect(codes(await confirm(t.kits, id))).toEqual(["NOT_FOUND"]);
    expect((await supportedBy(school.main)).handovers[0]?.confirmed).toBe(false);
  });

  it("by the school-IT officer makes the provider responsible from the handover date, once", async () => {
    const r = await confirm(t.officer, id);
    expect(r.errors).toBeUndefined();
    expect(r.data?.confirmSchoolHandover).toMatchObject({
      confirmed: true,
      confirmedBy: { email: "schul-it@schwerin.example" },
    });
    expect(Date.parse(r.data?.confirmSchoolHandover.confirmedAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
    const twice = await confirm(t.officer, id);
    expect(codes(twice)).toEqual(["CONFLICT"]);
    expect(twice.errors?.[0]?.message).toContain("bereits bestätigt");

    expect((await supportedBy(school.main, addDays(today, -11))).supportedBy).toBe("AUTHORITY_IT");
    expect((await supportedBy(school.main, addDays(today, -10))).supportedBy).toBe("PROVIDER");
    expect((await supportedBy(school.main)).supportedBy).toBe("PROVIDER");
  });

  it("writes audit entries for the proposal and the confirmation", async () => {
    const entries = await hub.db.read.auditEntry.findMany({
      where: { objectType: "SchoolHandover", objectId: idOf(id) },
      orderBy: { seq: "asc" },
      include: { actor: { select: { email: true } } },
    });
    expect(entries.map((e) => [e.action, e.actor?.email])).toEqual([
      ["PROPOSE", "servicemanager@ksm.example"],
      ["CONFIRM", "schul-it@schwerin.example"],
    ]);
    expect(JSON.parse(entries[0]?.changes ?? "{}")).toMatchObject({ from: "AUTHORITY_IT", to: "PROVIDER" });
  });

  it("refuses a handover to the side already responsible (CONFLICT) and one dated before the last (BAD_USER_INPUT)", async () => {
    const same = await propose(t.manager, { schoolId: school.main, handoverDate: today, to: "PROVIDER" });
    expect(codes(same)).toEqual(["CONFLICT"]);
    expect(same.errors?.[0]?.message).toContain("bereits vom Dienstleister betreut");
    const earlier = await propose(t.manager, { schoolId: school.main, handoverDate: addDays(today, -20) });
    expect(codes(earlier)).toEqual(["BAD_USER_INPUT"]);
    expect(earlier.errors?.[0]?.extensions?.field).toBe("handoverDate");
  });

  it("hands a school back to the authority's IT, confirmed by an IT-department member of the steering group", async () => {
    await handOver(school.back, addDays(today, -30));
    const back = await propose(t.manager, {
      schoolId: school.back,
      handoverDate: addDays(today, -5),
      to: "AUTHORITY_IT",
    });
    expect(back.data?.proposeSchoolHandover).toMatchObject({ from: "PROVIDER", to: "AUTHORITY_IT" });
    const r = await confirm(t.itMember, back.data?.proposeSchoolHandover.id ?? "");
    expect(r.errors).toBeUndefined();
    expect(r.data?.confirmSchoolHandover.confirmedBy?.email).toBe("iuk@schwerin.example");
    const state = await supportedBy(school.back);
    expect(state.supportedBy).toBe("AUTHORITY_IT");
    expect((await supportedBy(school.back, addDays(today, -6))).supportedBy).toBe("PROVIDER");
    expect(state.handovers.map((h) => [h.from, h.to, h.confirmed])).toEqual([
      ["AUTHORITY_IT", "PROVIDER", true],
      ["PROVIDER", "AUTHORITY_IT", true],
    ]);
  });

  it("another provider's people see no handover and no school", async () => {
    const r = await hub.gql(
      "query($id: ID!) { node(id: $id) { ... on SchoolHandover { id handoverDate } } }",
      { id },
      t.kits,
    );
    expect(r.data?.node ?? null).toBeNull();
  });
});

describe("withdrawing a pending handover", () => {
  const withdraw = (token: string, id: string) =>
    hub.gql<{ withdrawSchoolHandover: boolean }>(
      "mutation($id: ID!) { withdrawSchoolHandover(handoverId: $id) }",
      { id },
      token,
    );

  it("the provider withdraws, the authority declines; others may not, and a confirmed one stays", async () => {
    const first = await propose(t.manager, { schoolId: school.withdrawn, handoverDate: today });
    const id = first.data?.proposeSchoolHandover.id ?? "";
    expect(codes(await withdraw(t.kits, id))).toEqual(["NOT_FOUND"]);
    expect(codes(await withdraw(t.staff, id))).toEqual(["FORBIDDEN"]);
    expect(codes(await withdraw(t.controller, id))).toEqual(["FORBIDDEN"]);
    expect((await withdraw(t.manager, id)).data?.withdrawSchoolHandover).toBe(true);
    expect((await supportedBy(school.withdrawn)).handovers).toEqual([]);
    // A new proposal is possible again, and the authority may decline it.
    const second = await propose(t.manager, { schoolId: school.withdrawn, handoverDate: today });
    const secondId = second.data?.proposeSchoolHandover.id ?? "";
    expect((await withdraw(t.officer, secondId)).data?.withdrawSchoolHandover).toBe(true);
    const actions = await hub.db.read.auditEntry.findMany({
      where: { objectType: "SchoolHandover", objectId: { in: [idOf(id), idOf(secondId)] } },
      orderBy: { seq: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(["PROPOSE", "WITHDRAW", "PROPOSE", "DECLINE"]);
    const third = await handOver(school.withdrawn, today);
    const confirmed = await withdraw(t.manager, third.id);
    expect(codes(confirmed)).toEqual(["CONFLICT"]);
    expect((await supportedBy(school.withdrawn)).supportedBy).toBe("PROVIDER");
  });
});

describe("responsibility decides escalations and marks support bookings", () => {
  const raise = (schoolId: string) =>
    hub.gql<{ raiseEscalation: { id: string } }>(
      "mutation($input: RaiseEscalationInput!) { raiseEscalation(input: $input) { id } }",
      { input: { schoolId, subject: "Beamer defekt", description: "Raum 12", severity: "MEDIUM" } },
      t.officer,
    );

  it("refuses an escalation about a school the provider does not support today, naming who does", async () => {
    const refused = await raise(school.escalation);
    expect(codes(refused)).toEqual(["CONFLICT"]);
    expect(refused.errors?.[0]?.message).toBe(
      `${names.escalation} wird am ${germanDate(today)} noch von der IT des Schulträgers ${SCHWERIN} betreut, ` +
        "nicht vom Dienstleister KSM. Eskalationen zu dieser Schule richten Sie an die IT des Schulträgers.",
    );
    // A handover dated in the future changes nothing today, but the message names it.
    const future = await propose(t.manager, { schoolId: school.escalation, handoverDate: addDays(today, 7) });
    expect(future.errors).toBeUndefined();
    expect((await raise(school.escalation)).errors?.[0]?.message).toContain(
      `die Übergabe an den Dienstleister zum ${germanDate(addDays(today, 7))} ist vorgeschlagen`,
    );
    await confirm(t.officer, future.data?.proposeSchoolHandover.id ?? "");
    expect(codes(await raise(school.escalation))).toEqual(["CONFLICT"]);
    // Supported since the handover above: accepted.
    const accepted = await raise(school.main);
    expect(accepted.errors).toBeUndefined();
  });

  it("marks support bookings for a school outside the provider's responsibility and counts them in the order's figures", async () => {
    const orders = await hub.gql<{ schoolAuthority: { serviceOrders: { id: string; status: string }[] } }>(
      "query($id: ID!, $y: Int) { schoolAuthority(id: $id) { serviceOrders(year: $y) { id status } } }",
      { id: authority, y: Number(today.slice(0, 4)) },
      t.officer,
    );
    const order = orders.data?.schoolAuthority.serviceOrders.find((o) => o.status === "ACTIVE");
    expect(order).toBeDefined();
    const figure = async () =>
      Number(
        (
          await hub.gql<{ node: { outsideResponsibilityPersonDays: string } }>(
            "query($id: ID!) { node(id: $id) { ... on ServiceOrder { outsideResponsibilityPersonDays } } }",
            { id: order?.id },
            t.controller,
          )
        ).data?.node.outsideResponsibilityPersonDays,
      );
    const book = async (schoolId: string, category: string, personDays: string) => {
      const r = await hub.gql<{ recordBooking: { id: string; outsideResponsibility: boolean } }>(
        "mutation($input: RecordBookingInput!) { recordBooking(input: $input) { id outsideResponsibility } }",
        {
          input: {
            serviceOrderId: order?.id,
            date: today,
            personDays,
            category,
            schoolId,
            description: "Vor-Ort-Einsatz",
          },
        },
        t.staff,
      );
      expect(r.errors).toBeUndefined();
      return r.data?.recordBooking as { id: string; outsideResponsibility: boolean };
    };
    const before = await figure();
    const outside = await book(school.booking, "Support", "1.25");
    expect(outside.outsideResponsibility).toBe(true);
    expect(await figure()).toBeCloseTo(before + 1.25, 2);
    // Upgrade work at a school not yet supported is what leads to its handover: not marked.
    expect((await book(school.booking, "Ertüchtigung", "0.5")).outsideResponsibility).toBe(false);
    // A supported school's support is inside.
    expect((await book(school.main, "Support", "0.75")).outsideResponsibility).toBe(false);
    expect(await figure()).toBeCloseTo(before + 1.25, 2);
    // A reversal carries the mark and takes the figure back.
    const reversal = await hub.gql<{
      reverseBooking: { outsideResponsibility: boolean; personDays: string };
    }>(
      "mutation($input: ReverseBookingInput!) { reverseBooking(input: $input) { outsideResponsibility personDays } }",
      { input: { bookingId: outside.id, reason: "Falsche Schule" } },
      t.staff,
    );
    expect(reversal.data?.reverseBooking).toEqual({ outsideResponsibility: true, personDays: "-1.25" });
    expect(await figure()).toBeCloseTo(before, 2);
  });
});

describe("an accepted upgrade proposes the handover", () => {
  it("at its acceptance date, in the name of the measure's author, pending the authority's confirmation", async () => {
    const step = async (token: string, query: string, variables: Record<string, unknown>) => {
      const r = await hub.gql<Record<string, { id: string; status: string }>>(query, variables, token);
      expect(r.errors).toBeUndefined();
      return Object.values(r.data ?? {})[0] as { id: string; status: string };
    };
    const measure = await step(
      t.manager,
      "mutation($input: CreateServiceMeasureInput!) { createServiceMeasure(input: $input) { id status } }",
      { input: { schoolId: school.upgrade, kind: "UPGRADE", title: "Ertüchtigung nach Zielbild" } },
    );
    await step(t.manager, "mutation($id: ID!) { startServiceMeasure(measureId: $id) { id status } }", {
      id: measure.id,
    });
    await step(
      t.manager,
      'mutation($id: ID!) { completeServiceMeasure(measureId: $id, report: "Fertig.") { id status } }',
      {
        id: measure.id,
      },
    );
    expect((await supportedBy(school.upgrade)).handovers).toEqual([]);
    const accepted = await step(
      t.officer,
      "mutation($id: ID!) { acceptServiceMeasure(measureId: $id) { id status } }",
      {
        id: measure.id,
      },
    );
    expect(accepted.status).toBe("ACCEPTED");
    const state = await supportedBy(school.upgrade);
    expect(state.supportedBy).toBe("AUTHORITY_IT");
    expect(state.handovers).toEqual([
      expect.objectContaining({
        from: "AUTHORITY_IT",
        to: "PROVIDER",
        handoverDate: today,
        confirmed: false,
        proposedBy: { email: "servicemanager@ksm.example" },
        measure: { id: measure.id },
      }),
    ]);
    await confirm(t.officer, state.handovers[0]?.id ?? "");
    expect((await supportedBy(school.upgrade)).supportedBy).toBe("PROVIDER");
  });
});

describe("onboarding", () => {
  const AUTHORITY =
    "id name kind state legalBasis agreementStart agreement { kind councilDecisionOn signedOn startsOn reference }";
  const agreement = {
    kind: "PUBLIC_LAW_AGREEMENT",
    councilDecisionOn: "2026-09-10",
    signedOn: "2026-10-01",
    startsOn: "2027-01-01",
    reference: "ÖRV-2026-17",
  };
  const create = (token: string, input: Record<string, unknown>) =>
    hub.gql<{ createSchoolAuthority: Record<string, unknown> & { id: string } }>(
      `mutation($input: CreateSchoolAuthorityInput!) { createSchoolAuthority(input: $input) { ${AUTHORITY} } }`,
      { input },
      token,
    );
  const createSchool = (token: string, input: Record<string, unknown>) =>
    hub.gql<{ createSchool: { id: string; name: string; supportedBy: string; upgradeStatus: string } }>(
      "mutation($input: CreateSchoolInput!) { createSchool(input: $input) { id name kind upgradeStatus supportedBy handovers { id } authority { name } } }",
      { input },
      token,
    );
  let created = "";

  it("is for the provider's administrator", async () => {
    const input = { name: "Stadt Hagenow", kind: "CITY", state: "MV", agreement };
    expect(codes(await create(t.manager, input))).toEqual(["FORBIDDEN"]);
    expect(codes(await create(t.officer, input))).toEqual(["FORBIDDEN"]);
    expect(codes(await create("", input))).toEqual(["UNAUTHENTICATED"]);
  });

  it("refuses unknown federal states, bad agreement dates and taken names", async () => {
    const state = await create(t.admin, { name: "Stadt Hagenow", kind: "CITY", state: "BY", agreement });
    expect(codes(state)).toEqual(["BAD_USER_INPUT"]);
    expect(state.errors?.[0]?.extensions?.field).toBe("state");
    expect(state.errors?.[0]?.message).toContain("kein Bundesland, dessen Feiertage der Hub kennt");
    const signed = await create(t.admin, {
      name: "Stadt Hagenow",
      kind: "CITY",
      state: "MV",
      agreement: { ...agreement, signedOn: "2026-09-01" },
    });
    expect(codes(signed)).toEqual(["BAD_USER_INPUT"]);
    expect(signed.errors?.[0]?.extensions?.field).toBe("agreement.signedOn");
    expect(
      codes(
        await create(t.admin, {
          name: "Stadt Hagenow",
          kind: "CITY",
          state: "MV",
          agreement: { ...agreement, startsOn: "2027-13-01" },
        }),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    const taken = await create(t.admin, { name: SCHWERIN, kind: "CITY", state: "MV", agreement });
    expect(codes(taken)).toEqual(["CONFLICT"]);
    expect(taken.errors?.[0]?.message).toContain(SCHWERIN);
  });

  it("creates an authority of the admin's provider with its agreement as data, audited", async () => {
    const r = await create(t.admin, { name: "  Stadt Hagenow ", kind: "CITY", state: "mv", agreement });
    expect(r.errors).toBeUndefined();
    expect(r.data?.createSchoolAuthority).toMatchObject({
      name: "Stadt Hagenow",
      kind: "CITY",
      state: "MV",
      legalBasis: "Öffentlich-rechtliche Vereinbarung",
      agreementStart: "2027-01-01",
      agreement,
    });
    created = r.data?.createSchoolAuthority.id ?? "";
    const row = await hub.db.read.schoolAuthority.findUniqueOrThrow({
      where: { name: "Stadt Hagenow" },
      include: { provider: true },
    });
    expect(row.provider.shortName).toBe("KSM");
    const audit = await hub.db.read.auditEntry.findFirst({
      where: { objectType: "SchoolAuthority", objectId: row.id, action: "CREATE" },
    });
    expect(audit?.authorityId).toBe(row.id);
    // The provider's service manager sees it; another provider does not.
    const seen = await hub.gql<{ schoolAuthorities: { name: string }[] }>(
      "{ schoolAuthorities { name } }",
      {},
      t.manager,
    );
    expect(seen.data?.schoolAuthorities.map((a) => a.name)).toContain("Stadt Hagenow");
    expect(
      codes(await hub.gql("query($id: ID!) { schoolAuthority(id: $id) { name } }", { id: created }, t.kits)),
    ).toEqual(["NOT_FOUND"]);
    // Authorities of the demo whose agreement is prose only answer null.
    const schwerin = await hub.gql<{ schoolAuthority: { agreement: unknown } }>(
      "query($id: ID!) { schoolAuthority(id: $id) { agreement { kind } } }",
      { id: authority },
      t.officer,
    );
    expect(schwerin.errors).toBeUndefined();
  });

  it("creates schools of a served authority, supported by the authority's IT until a handover", async () => {
    expect(
      codes(
        await createSchool(t.manager, { authorityId: created, name: "Grundschule Hagenow", kind: "PRIMARY" }),
      ),
    ).toEqual(["FORBIDDEN"]);
    expect(
      codes(
        await createSchool(t.kitsAdmin, {
          authorityId: created,
          name: "Grundschule Hagenow",
          kind: "PRIMARY",
        }),
      ),
    ).toEqual(["NOT_FOUND"]);
    const r = await createSchool(t.admin, {
      authorityId: created,
      name: "Grundschule Hagenow",
      kind: "PRIMARY",
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.createSchool).toMatchObject({
      name: "Grundschule Hagenow",
      upgradeStatus: "PLANNED",
      supportedBy: "AUTHORITY_IT",
      handovers: [],
      authority: { name: "Stadt Hagenow" },
    });
    const dup = await createSchool(t.admin, {
      authorityId: created,
      name: "Grundschule Hagenow",
      kind: "PRIMARY",
    });
    expect(codes(dup)).toEqual(["CONFLICT"]);
    expect(codes(await createSchool(t.admin, { authorityId: created, name: " ", kind: "PRIMARY" }))).toEqual([
      "BAD_USER_INPUT",
    ]);
    // The KITS administrator onboards for KITS, not for KSM's authorities.
    const kitsOwn = await create(t.kitsAdmin, {
      name: "Gemeinde Rhönblick",
      kind: "MUNICIPALITY",
      state: "TH",
      agreement: { kind: "SPECIAL_PURPOSE_AGREEMENT", startsOn: "2027-01-01" },
    });
    expect(kitsOwn.data?.createSchoolAuthority).toMatchObject({
      legalBasis: "Zweckvereinbarung",
      agreement: {
        kind: "SPECIAL_PURPOSE_AGREEMENT",
        councilDecisionOn: null,
        signedOn: null,
        reference: null,
      },
    });
    const ksmSees = await hub.gql<{ schoolAuthorities: { name: string }[] }>(
      "{ schoolAuthorities { name } }",
      {},
      t.admin,
    );
    expect(ksmSees.data?.schoolAuthorities.map((a) => a.name)).not.toContain("Gemeinde Rhönblick");
  });
});

describe("onboarding on an empty production database", () => {
  it("user:add creates the provider and its admin, who creates an authority and a school over HTTP; then user:add --authority works", async () => {
    const production = await startHub({ seed: false, config: { production: true } });
    try {
      // Asynchronously: the hub under test serves in this process while the command runs.
      const userAdd = (args: string[]) =>
        new Promise<{ status: number | null; stderr: string }>((resolve) => {
          const child = spawn(
            process.execPath,
            ["--import", "tsx", "server/modules/organisations/user-add-cli.ts", ...args],
            {
              cwd: path.resolve(import.meta.dirname, "../.."),
              env: {
                ...process.env,
                NODE_ENV: "production",
                DATABASE_URL: production.config.databaseUrl,
                HUB_PASSWORD: PASSWORD,
                LOG_LEVEL: "silent",
              },
            },
          );
          let stderr = "";
          child.stderr.on("data", (chunk: Buffer) => {
            stderr += chunk.toString();
          });
          child.on("close", (status) => resolve({ status, stderr }));
        });
      expect(await production.db.read.provider.count()).toBe(0);
      const early = await userAdd([
        "--email",
        "finanzen@hagenow.example",
        "--name",
        "Max Muster",
        "--role",
        "CONTROLLER",
        "--authority",
        "Stadt Hagenow",
      ]);
      expect(early.status).toBe(1);
      expect(early.stderr).toContain('No authority named "Stadt Hagenow"');

      const admin = await userAdd([
        "--email",
        "it@ksm.example",
        "--name",
        "Erika Muster",
        "--role",
        "ADMIN",
        "--provider",
        "KSM Kommunalservice Mecklenburg AöR",
      ]);
      expect(admin.stderr).toBe("");
      expect(admin.status).toBe(0);
      const token = await production.login("it@ksm.example", PASSWORD);
      const created = await production.gql<{ createSchoolAuthority: { id: string } }>(
        "mutation($input: CreateSchoolAuthorityInput!) { createSchoolAuthority(input: $input) { id name } }",
        {
          input: {
            name: "Stadt Hagenow",
            kind: "CITY",
            state: "MV",
            agreement: { kind: "PUBLIC_LAW_AGREEMENT", startsOn: "2021-01-01", signedOn: "2020-12-15" },
          },
        },
        token,
      );
      expect(created.errors).toBeUndefined();
      const school = await production.gql(
        "mutation($input: CreateSchoolInput!) { createSchool(input: $input) { id name } }",
        {
          input: {
            authorityId: created.data?.createSchoolAuthority.id,
            name: "Regionale Schule Hagenow",
            kind: "REGIONAL",
          },
        },
        token,
      );
      expect(school.errors).toBeUndefined();

      const controller = await userAdd([
        "--email",
        "finanzen@hagenow.example",
        "--name",
        "Max Muster",
        "--role",
        "CONTROLLER",
        "--authority",
        "Stadt Hagenow",
      ]);
      expect(controller.stderr).toBe("");
      expect(controller.status).toBe(0);
      const contact = await userAdd([
        "--email",
        "schule@hagenow.example",
        "--name",
        "Sabine Schule",
        "--role",
        "SCHOOL_CONTACT",
        "--authority",
        "Stadt Hagenow",
        "--school",
        "Regionale Schule Hagenow",
      ]);
      expect(contact.status).toBe(0);
      const me = await production.gql<{ me: { authority: { name: string; schools: { name: string }[] } } }>(
        "{ me { authority { name schools { name } } } }",
        {},
        await production.login("finanzen@hagenow.example", PASSWORD),
      );
      expect(me.data?.me.authority).toEqual({
        name: "Stadt Hagenow",
        schools: [{ name: "Regionale Schule Hagenow" }],
      });
    } finally {
      await production.close();
    }
  }, 240_000);
});

function idOf(globalId: string): string {
  return decodeGlobalID(globalId).id;
}
