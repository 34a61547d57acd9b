// The media development plan over the real server: its lifecycle (draft, adopt by a
// steering-group decision, revise, supersede, frozen), exact sums, access (foreign authorities
// see nothing, school contacts their own school's part) and planned against actual.
// The same file runs on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInBerlin } from "../../server/lib/dates.ts";
import { book } from "../helpers/controlling.ts";
import { ok } from "../helpers/governance.ts";
import { codes, gid, startHub, type TestHub } from "../helpers/hub.ts";

const SCHWERIN = "Landeshauptstadt Schwerin";
const today = todayInBerlin();
const thisYear = Number(today.slice(0, 4));
/** Years after the demo's plans, so that adopting never overlaps them. */
const START = 2040;

let hub: TestHub;
const t = {
  manager: "",
  admin: "",
  staff: "",
  officer: "",
  controller: "",
  member: "",
  contact: "",
  parchim: "",
  kits: "",
};
let authority = "";
const school = { contact: "", other: "", third: "" };
let parchimSchool = "";
const decision = { steering: "", jourFixe: "", proposed: "" };

const PLAN = `id title periodStart periodEnd status version adoptedAt
  adoptedBy { id title } adoptionRecordedBy { email } predecessor { id status version } successor { id version }
  viewerCanEdit viewerCanAdopt viewerCanRevise viewerCanTrack viewerCanSetVarianceThreshold varianceThresholdPercent
  measures { id title year category investmentEuros personDays serviceLine status carriedFromYear school { id }
    actualInvestmentEuros actualPersonDays overThreshold links { serviceMeasure { id } procurementRequest { id } } }
  years { year plannedInvestmentEuros plannedPersonDays actualInvestmentEuros actualPersonDays overThreshold }
  totals { plannedInvestmentEuros plannedPersonDays actualInvestmentEuros actualPersonDays }
  byYearAndCategory { year category plannedInvestmentEuros actualInvestmentEuros }
  schools { school { id } measures done inProgress progress categories { category target measures done }
    plannedInvestmentEuros actualPersonDays }
  variances { measure { id } kind planned actual excess excessPercent }`;

interface Measure {
  id: string;
  title: string;
  year: number;
  category: string;
  investmentEuros: string;
  personDays: string;
  serviceLine: string;
  status: string;
  carriedFromYear: number | null;
  school: { id: string };
  actualInvestmentEuros: string;
  actualPersonDays: string;
  overThreshold: boolean;
  links: { serviceMeasure: { id: string } | null; procurementRequest: { id: string } | null }[];
}
interface Sums {
  plannedInvestmentEuros: string;
  plannedPersonDays: string;
  actualInvestmentEuros: string;
  actualPersonDays: string;
}
interface Plan {
  id: string;
  title: string;
  periodStart: number;
  periodEnd: number;
  status: string;
  version: number;
  adoptedAt: string | null;
  adoptedBy: { id: string; title: string } | null;
  adoptionRecordedBy: { email: string } | null;
  predecessor: { id: string; status: string; version: number } | null;
  successor: { id: string; version: number } | null;
  viewerCanEdit: boolean;
  viewerCanAdopt: boolean;
  viewerCanRevise: boolean;
  viewerCanTrack: boolean;
  viewerCanSetVarianceThreshold: boolean;
  varianceThresholdPercent: number;
  measures: Measure[];
  years: (Sums & { year: number; overThreshold: boolean })[];
  totals: Sums;
  byYearAndCategory: {
    year: number;
    category: string;
    plannedInvestmentEuros: string;
    actualInvestmentEuros: string;
  }[];
  schools: (Pick<Sums, "plannedInvestmentEuros" | "actualPersonDays"> & {
    school: { id: string };
    measures: number;
    done: number;
    inProgress: number;
    progress: number | null;
    categories: { category: string; target: string | null; measures: number; done: number }[];
  })[];
  variances: {
    measure: { id: string };
    kind: string;
    planned: string;
    actual: string;
    excess: string;
    excessPercent: number | null;
  }[];
}

const planQuery = (token: string, id: string) =>
  hub.gql<{ mediaDevelopmentPlan: Plan }>(
    `query($id: ID!) { mediaDevelopmentPlan(id: $id) { ${PLAN} } }`,
    { id },
    token,
  );
async function plan(token: string, id: string): Promise<Plan> {
  const r = await planQuery(token, id);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data?.mediaDevelopmentPlan as Plan;
}
const create = (token: string, input: Record<string, unknown>) =>
  hub.gql<{ createMediaDevelopmentPlan: Plan }>(
    `mutation($input: CreateMediaDevelopmentPlanInput!) { createMediaDevelopmentPlan(input: $input) { ${PLAN} } }`,
    { input: { authorityId: authority, ...input } },
    token,
  );
const add = (token: string, input: Record<string, unknown>) =>
  hub.gql<{ addPlannedMeasure: Measure }>(
    "mutation($input: AddPlannedMeasureInput!) { addPlannedMeasure(input: $input) { id year investmentEuros personDays serviceLine status } }",
    { input },
    token,
  );
const update = (token: string, input: Record<string, unknown>) =>
  hub.gql<{ updatePlannedMeasure: Measure }>(
    "mutation($input: UpdatePlannedMeasureInput!) { updatePlannedMeasure(input: $input) { id title investmentEuros status } }",
    { input },
    token,
  );
const remove = (token: string, id: string) =>
  hub.gql("mutation($id: ID!) { removePlannedMeasure(plannedMeasureId: $id) }", { id }, token);
const target = (token: string, input: Record<string, unknown>) =>
  hub.gql("mutation($input: SetPlanTargetInput!) { setPlanTarget(input: $input) { id } }", { input }, token);
const adopt = (token: string, planId: string, decisionId: string) =>
  hub.gql<{ adoptMediaDevelopmentPlan: Plan }>(
    `mutation($p: ID!, $d: ID!) { adoptMediaDevelopmentPlan(planId: $p, decisionId: $d) { ${PLAN} } }`,
    { p: planId, d: decisionId },
    token,
  );
const revise = (token: string, planId: string, input?: Record<string, unknown>) =>
  hub.gql<{ reviseMediaDevelopmentPlan: Plan }>(
    `mutation($p: ID!, $input: ReviseMediaDevelopmentPlanInput) { reviseMediaDevelopmentPlan(planId: $p, input: $input) { ${PLAN} } }`,
    { p: planId, input },
    token,
  );
const link = (token: string, input: Record<string, unknown>) =>
  hub.gql<{ linkPlannedMeasure: Measure }>(
    "mutation($input: LinkPlannedMeasureInput!) { linkPlannedMeasure(input: $input) { id actualPersonDays actualInvestmentEuros } }",
    { input },
    token,
  );
const threshold = (token: string, percent: number) =>
  hub.gql(
    "mutation($a: ID!, $p: Int!) { setMediaPlanVarianceThreshold(authorityId: $a, percent: $p) { mediaPlanVarianceThreshold } }",
    { a: authority, p: percent },
    token,
  );

async function addOk(input: Record<string, unknown>): Promise<Measure> {
  const r = await add(t.manager, input);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data?.addPlannedMeasure as Measure;
}

async function steeringDecision(kind: "STEERING_GROUP" | "JOUR_FIXE", status: string, title: string) {
  const meeting = await ok<{ createMeeting: { id: string } }>(
    hub,
    "mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }",
    {
      input: {
        authorityId: authority,
        kind,
        title: kind === "STEERING_GROUP" ? "Steuerungsgruppe Schul-IT" : "Jour-Fixe",
        scheduledAt: `${today}T08:00:00Z`,
      },
    },
    t.manager,
  );
  const recorded = await ok<{ recordDecision: { id: string } }>(
    hub,
    "mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }",
    { input: { meetingId: meeting.createMeeting.id, title, text: `${title}.`, status } },
    t.manager,
  );
  return recorded.recordDecision.id;
}

beforeAll(async () => {
  hub = await startHub();
  const schwerin = await hub.db.read.schoolAuthority.findUniqueOrThrow({
    where: { name: SCHWERIN },
    include: { schools: { orderBy: { name: "asc" } } },
  });
  authority = gid("SchoolAuthority", schwerin.id);
  const contact = await hub.db.read.user.findUniqueOrThrow({ where: { email: "schule@schwerin.example" } });
  const others = schwerin.schools.filter((s) => s.id !== contact.schoolId);
  school.contact = gid("School", contact.schoolId ?? "");
  school.other = gid("School", others[0]?.id ?? "");
  school.third = gid("School", others[1]?.id ?? "");
  const parchim = await hub.db.read.school.findFirstOrThrow({
    where: { authority: { name: "Stadt Parchim" } },
  });
  parchimSchool = gid("School", parchim.id);
  [t.manager, t.admin, t.staff, t.officer, t.controller, t.member, t.contact, t.parchim, t.kits] =
    await Promise.all([
      hub.login("servicemanager@ksm.example"),
      hub.login("admin@ksm.example"),
      hub.login("technik@ksm.example"),
      hub.login("schul-it@schwerin.example"),
      hub.login("controlling@schwerin.example"),
      hub.login("schulverwaltung@schwerin.example"),
      hub.login("schule@schwerin.example"),
      hub.login("controlling@parchim.example"),
      hub.login("servicemanager@kits.example"),
    ]);
  decision.steering = await steeringDecision(
    "STEERING_GROUP",
    "APPROVED",
    "Fortschreibung des Medienentwicklungsplans",
  );
  decision.jourFixe = await steeringDecision("JOUR_FIXE", "APPROVED", "Umsetzung im Jour-Fixe");
  decision.proposed = await steeringDecision(
    "STEERING_GROUP",
    "PROPOSED",
    "Vorschlag zum Medienentwicklungsplan",
  );
  // The demo's drafts (if any) leave room for this test's own: one draft per authority.
  await hub.db.transact((tx) =>
    tx.mediaDevelopmentPlan.updateMany({
      where: { authorityId: schwerin.id, status: "DRAFT" },
      data: { status: "SUPERSEDED" },
    }),
  );
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe("the lifecycle of a media development plan", () => {
  let v1: Plan;
  const m: Record<string, Measure> = {};

  it("is drafted by the provider's service manager, with German errors for a bad period", async () => {
    const backwards = await create(t.manager, { title: "MEP", periodStart: START + 4, periodEnd: START });
    expect(codes(backwards)).toEqual(["BAD_USER_INPUT"]);
    expect(backwards.errors?.[0]?.message).toBe("Der Planzeitraum endet vor seinem Beginn.");
    expect(backwards.errors?.[0]?.extensions?.field).toBe("periodEnd");
    const long = await create(t.manager, { title: "MEP", periodStart: START, periodEnd: START + 10 });
    expect(long.errors?.[0]?.message).toBe("Ein Medienentwicklungsplan umfasst höchstens 10 Jahre.");
    const empty = await create(t.manager, { title: "  ", periodStart: START, periodEnd: START + 4 });
    expect(empty.errors?.[0]?.message).toBe("Der Titel darf nicht leer sein.");

    for (const token of [t.controller, t.officer, t.staff, t.contact]) {
      const refused = await create(token, { title: "MEP", periodStart: START, periodEnd: START + 4 });
      expect(codes(refused)).toEqual(["FORBIDDEN"]);
    }
    const foreign = await create(t.kits, { title: "MEP", periodStart: START, periodEnd: START + 4 });
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);

    const created = await create(t.manager, {
      title: `Medienentwicklungsplan ${START}–${START + 4}`,
      periodStart: START,
      periodEnd: START + 4,
    });
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    v1 = created.data?.createMediaDevelopmentPlan as Plan;
    expect(v1).toMatchObject({
      status: "DRAFT",
      version: 1,
      predecessor: null,
      viewerCanEdit: true,
      viewerCanAdopt: false,
    });
    const second = await create(t.manager, {
      title: "Zweiter Entwurf",
      periodStart: START,
      periodEnd: START + 4,
    });
    expect(codes(second)).toEqual(["CONFLICT"]);
  });

  it("takes measures with exact euros and person-days, and sums them exactly by year and category", async () => {
    m.network = await addOk({
      planId: v1.id,
      schoolId: school.other,
      category: "NETWORK",
      title: "WLAN in allen Unterrichtsräumen",
      year: START,
      investmentEuros: "125000.10",
      personDays: "12.25",
    });
    expect(m.network).toMatchObject({
      investmentEuros: "125000.10",
      personDays: "12.25",
      serviceLine: "Ertüchtigung",
    });
    m.devices = await addOk({
      planId: v1.id,
      schoolId: school.contact,
      category: "DEVICES",
      title: "Tablets für die Klassen 3 und 4",
      year: START + 1,
      investmentEuros: "0.20",
      personDays: "0.10",
    });
    m.training = await addOk({
      planId: v1.id,
      schoolId: school.contact,
      category: "TRAINING",
      title: "Fortbildung Tablets",
      year: START + 1,
      investmentEuros: "0.10",
      personDays: "2.5",
    });
    expect(m.training?.serviceLine).toBe("Beratung");
    m.done = await addOk({
      planId: v1.id,
      schoolId: school.third,
      category: "SERVER",
      title: "Schulserver erneuern",
      year: START + 2,
      investmentEuros: "9999.99",
      personDays: "3",
    });
    m.dropped = await addOk({
      planId: v1.id,
      schoolId: school.third,
      category: "PRESENTATION",
      title: "Beamer ersetzen",
      year: START + 2,
      investmentEuros: "4000",
      personDays: "1",
    });
    const gone = await addOk({
      planId: v1.id,
      schoolId: school.third,
      category: "SERVICES",
      title: "Versehentlich angelegt",
      year: START + 3,
      investmentEuros: "1",
      personDays: "1",
    });

    const outside = await add(t.manager, {
      planId: v1.id,
      schoolId: school.other,
      category: "NETWORK",
      title: "Zu spät",
      year: START + 5,
      investmentEuros: "1",
      personDays: "1",
    });
    expect(outside.errors?.[0]?.message).toBe(
      `Das Jahr ${START + 5} liegt außerhalb des Planzeitraums ${START}–${START + 4}.`,
    );
    const foreignSchool = await add(t.manager, {
      planId: v1.id,
      schoolId: parchimSchool,
      category: "NETWORK",
      title: "Fremde Schule",
      year: START,
      investmentEuros: "1",
      personDays: "1",
    });
    expect(foreignSchool.errors?.[0]?.extensions?.field).toBe("schoolId");
    const negative = await add(t.manager, {
      planId: v1.id,
      schoolId: school.other,
      category: "NETWORK",
      title: "Negativ",
      year: START,
      investmentEuros: "-1",
      personDays: "1",
    });
    expect(negative.errors?.[0]?.message).toBe("Die Investition kann nicht negativ sein.");
    const third = await add(t.manager, {
      planId: v1.id,
      schoolId: school.other,
      category: "NETWORK",
      title: "Drei Stellen",
      year: START,
      investmentEuros: "1.005",
      personDays: "1",
    });
    expect(codes(third)).toEqual(["BAD_USER_INPUT"]);
    const byOfficer = await add(t.officer, {
      planId: v1.id,
      schoolId: school.other,
      category: "NETWORK",
      title: "Vom Schulträger",
      year: START,
      investmentEuros: "1",
      personDays: "1",
    });
    expect(codes(byOfficer)).toEqual(["FORBIDDEN"]);

    const changed = await update(t.manager, {
      plannedMeasureId: m.network?.id,
      investmentEuros: "125000.15",
    });
    expect(changed.data?.updatePlannedMeasure.investmentEuros).toBe("125000.15");
    expect((await remove(t.manager, gone.id)).data).toEqual({ removePlannedMeasure: true });
    expect(
      (
        await target(t.manager, {
          planId: v1.id,
          schoolId: school.other,
          category: "NETWORK",
          description: "WLAN-Ausleuchtung 100 %",
        })
      ).errors,
    ).toBeUndefined();

    const read = await plan(t.manager, v1.id);
    expect(read.measures.map((x) => x.title)).not.toContain("Versehentlich angelegt");
    // 125000.15 + 0.20 + 0.10 + 9999.99 + 4000 (nothing dropped yet) = 139000.44
    expect(read.totals).toEqual({
      plannedInvestmentEuros: "139000.44",
      plannedPersonDays: "18.85",
      actualInvestmentEuros: "0.00",
      actualPersonDays: "0.00",
    });
    expect(read.years.map((y) => [y.year, y.plannedInvestmentEuros, y.plannedPersonDays])).toEqual([
      [START, "125000.15", "12.25"],
      [START + 1, "0.30", "2.60"],
      [START + 2, "13999.99", "4.00"],
      [START + 3, "0.00", "0.00"],
      [START + 4, "0.00", "0.00"],
    ]);
    expect(
      read.byYearAndCategory.find((c) => c.year === START + 1 && c.category === "DEVICES")
        ?.plannedInvestmentEuros,
    ).toBe("0.20");
    const other = read.schools.find((s) => s.school.id === school.other);
    expect(other?.categories).toEqual([
      { category: "NETWORK", target: "WLAN-Ausleuchtung 100 %", measures: 1, done: 0 },
    ]);

    const audit = await hub.db.read.auditEntry.findMany({
      where: {
        objectType: { in: ["MediaDevelopmentPlan", "PlannedMeasure"] },
        objectId: {
          in: [v1.id, m.network?.id, gone.id].map(
            (id) =>
              Buffer.from(id ?? "", "base64")
                .toString()
                .split(":")[1] ?? "",
          ),
        },
      },
      select: { action: true },
    });
    expect(audit.map((a) => a.action).sort()).toEqual([
      "CREATE",
      "CREATE",
      "CREATE",
      "DELETE",
      "SET_TARGET",
      "UPDATE",
    ]);
  });

  it("is adopted only by the authority, by an approved decision of its steering group", async () => {
    expect(codes(await adopt(t.manager, v1.id, decision.steering))).toEqual(["FORBIDDEN"]);
    expect(codes(await adopt(t.admin, v1.id, decision.steering))).toEqual(["FORBIDDEN"]);
    expect((await adopt(t.admin, v1.id, decision.steering)).errors?.[0]?.message).toBe(
      "Den Medienentwicklungsplan beschließt der Schulträger, nicht der Dienstleister.",
    );
    expect(codes(await adopt(t.member, v1.id, decision.steering))).toEqual(["FORBIDDEN"]);
    expect(codes(await adopt(t.parchim, v1.id, decision.steering))).toEqual(["NOT_FOUND"]);
    const jourFixe = await adopt(t.officer, v1.id, decision.jourFixe);
    expect(jourFixe.errors?.[0]?.message).toBe(
      "Den Medienentwicklungsplan beschließt die Steuerungsgruppe, nicht der Jour-Fixe.",
    );
    expect(codes(await adopt(t.officer, v1.id, decision.proposed))).toEqual(["BAD_USER_INPUT"]);
    expect((await plan(t.officer, v1.id)).viewerCanAdopt).toBe(true);

    const adopted = await adopt(t.officer, v1.id, decision.steering);
    expect(adopted.errors, JSON.stringify(adopted.errors)).toBeUndefined();
    expect(adopted.data?.adoptMediaDevelopmentPlan).toMatchObject({
      status: "ADOPTED",
      adoptedBy: { id: decision.steering },
      adoptionRecordedBy: { email: "schul-it@schwerin.example" },
      viewerCanAdopt: false,
    });
    expect(codes(await adopt(t.officer, v1.id, decision.steering))).toEqual(["CONFLICT"]);
  });

  it("is frozen once adopted: only progress and links move, and the database refuses the rest too", async () => {
    const frozen = `Der Medienentwicklungsplan „Medienentwicklungsplan ${START}–${START + 4}“ (Version 1) ist beschlossen und damit eingefroren; Änderungen gehen über eine Fortschreibung.`;
    const changed = await update(t.manager, { plannedMeasureId: m.network?.id, investmentEuros: "1" });
    expect(codes(changed)).toEqual(["CONFLICT"]);
    expect(changed.errors?.[0]?.message).toBe(frozen);
    expect(codes(await remove(t.manager, m.network?.id ?? ""))).toEqual(["CONFLICT"]);
    expect(
      codes(
        await add(t.manager, {
          planId: v1.id,
          schoolId: school.other,
          category: "NETWORK",
          title: "Nachzügler",
          year: START,
          investmentEuros: "1",
          personDays: "1",
        }),
      ),
    ).toEqual(["CONFLICT"]);
    expect(
      codes(
        await target(t.manager, {
          planId: v1.id,
          schoolId: school.other,
          category: "NETWORK",
          description: "",
        }),
      ),
    ).toEqual(["CONFLICT"]);

    expect(
      (await update(t.manager, { plannedMeasureId: m.done?.id, status: "DONE" })).data?.updatePlannedMeasure
        .status,
    ).toBe("DONE");
    expect(
      (await update(t.officer, { plannedMeasureId: m.dropped?.id, status: "DROPPED" })).errors,
    ).toBeUndefined();
    expect(
      (await update(t.officer, { plannedMeasureId: m.network?.id, status: "IN_PROGRESS" })).errors,
    ).toBeUndefined();
    expect(codes(await update(t.controller, { plannedMeasureId: m.network?.id, status: "DONE" }))).toEqual([
      "FORBIDDEN",
    ]);

    const dbId = Buffer.from(m.network?.id ?? "", "base64")
      .toString()
      .split(":")[1] as string;
    // A cuid, safe to put into the statement as it is.
    const sql = (statement: string) =>
      hub.db.transact((tx) => tx.$executeRawUnsafe(`${statement} WHERE "id" = '${dbId}'`));
    await expect(sql('UPDATE "PlannedMeasure" SET "investmentCents" = 1')).rejects.toThrow(/frozen/);
    await expect(sql('DELETE FROM "PlannedMeasure"')).rejects.toThrow(/frozen/);
    await expect(sql(`UPDATE "PlannedMeasure" SET "status" = 'IN_PROGRESS'`)).resolves.toBe(1);

    const read = await plan(t.manager, v1.id);
    // The dropped measure (4000 €, 1 PT) no longer counts as planned.
    expect(read.totals.plannedInvestmentEuros).toBe("135000.44");
    expect(read.totals.plannedPersonDays).toBe("17.85");
    expect(read.schools.find((s) => s.school.id === school.third)).toMatchObject({
      measures: 1,
      done: 1,
      progress: 1,
    });
    expect(read.viewerCanRevise).toBe(true);
  });

  it("is revised into the next version with its open measures, superseding the old one when adopted", async () => {
    expect(codes(await revise(t.controller, v1.id))).toEqual(["FORBIDDEN"]);
    const revised = await revise(t.manager, v1.id, {
      title: `Medienentwicklungsplan ${START + 1}–${START + 5} (Fortschreibung)`,
      periodStart: START + 1,
      periodEnd: START + 5,
    });
    expect(revised.errors, JSON.stringify(revised.errors)).toBeUndefined();
    const v2 = revised.data?.reviseMediaDevelopmentPlan as Plan;
    expect(v2).toMatchObject({
      status: "DRAFT",
      version: 2,
      predecessor: { id: v1.id, status: "ADOPTED", version: 1 },
    });
    // Open: the network measure (IN_PROGRESS, moved from START to START + 1) and the two planned ones; not DONE nor DROPPED.
    expect(v2.measures.map((x) => [x.title, x.year, x.carriedFromYear, x.status]).sort()).toEqual(
      [
        ["Fortbildung Tablets", START + 1, null, "PLANNED"],
        ["Tablets für die Klassen 3 und 4", START + 1, null, "PLANNED"],
        ["WLAN in allen Unterrichtsräumen", START + 1, START, "IN_PROGRESS"],
      ].sort(),
    );
    expect(v2.schools.find((s) => s.school.id === school.other)?.categories[0]?.target).toBe(
      "WLAN-Ausleuchtung 100 %",
    );
    expect(codes(await revise(t.manager, v1.id))).toEqual(["CONFLICT"]);
    expect(codes(await revise(t.manager, v2.id))).toEqual(["CONFLICT"]);

    const added = await addOk({
      planId: v2.id,
      schoolId: school.other,
      category: "PRESENTATION",
      title: "Interaktive Tafeln",
      year: START + 5,
      investmentEuros: "30000",
      personDays: "4.5",
    });
    expect(added.year).toBe(START + 5);
    const adopted = await adopt(t.controller, v2.id, decision.steering);
    expect(adopted.errors, JSON.stringify(adopted.errors)).toBeUndefined();
    expect(adopted.data?.adoptMediaDevelopmentPlan.predecessor).toMatchObject({ status: "SUPERSEDED" });
    const old = await plan(t.manager, v1.id);
    expect(old).toMatchObject({
      status: "SUPERSEDED",
      successor: { version: 2 },
      viewerCanRevise: false,
      viewerCanTrack: false,
    });
    expect(codes(await update(t.manager, { plannedMeasureId: m.done?.id, status: "PLANNED" }))).toEqual([
      "CONFLICT",
    ]);
    const superseded = await hub.db.read.auditEntry.count({ where: { action: "SUPERSEDE" } });
    expect(superseded).toBeGreaterThanOrEqual(1);
  });

  it("offers next year's person-days by service line as the start of the order", async () => {
    const forecast = async (token: string, year: number) =>
      hub.gql<{
        mediaPlanForecast: {
          year: number;
          plan: { version: number } | null;
          personDays: string;
          lines: { serviceLine: string; personDays: string; investmentEuros: string; measures: number }[];
        };
      }>(
        "query($a: ID!, $y: Int!) { mediaPlanForecast(authorityId: $a, year: $y) { year plan { version } personDays lines { serviceLine personDays investmentEuros measures } } }",
        { a: authority, y: year },
        token,
      );
    const r = await forecast(t.manager, START + 1);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(r.data?.mediaPlanForecast).toEqual({
      year: START + 1,
      plan: { version: 2 },
      personDays: "14.85",
      lines: [
        { serviceLine: "Beratung", personDays: "2.50", investmentEuros: "0.10", measures: 1 },
        { serviceLine: "Ertüchtigung", personDays: "12.35", investmentEuros: "125000.35", measures: 2 },
      ],
    });
    const none = await forecast(t.manager, START + 9);
    expect(none.data?.mediaPlanForecast).toEqual({
      year: START + 9,
      plan: null,
      personDays: "0.00",
      lines: [],
    });
    expect(codes(await forecast(t.contact, START + 1))).toEqual(["FORBIDDEN"]);
    expect(codes(await forecast(t.parchim, START + 1))).toEqual(["NOT_FOUND"]);
  });
});

describe("planned against actual", () => {
  let planId = "";
  let measureId = "";
  let serviceMeasure = "";

  it("counts booked person-days of linked service measures and accepted procurement, in the year they happened", async () => {
    const plans = await ok<{ mediaDevelopmentPlans: { id: string; status: string; measures: Measure[] }[] }>(
      hub,
      "query($a: ID!) { mediaDevelopmentPlans(authorityId: $a) { id status measures { id title school { id } } } }",
      { a: authority },
      t.manager,
    );
    const current = plans.mediaDevelopmentPlans.find(
      (p) => p.status === "ADOPTED" && p.measures.some((x) => x.title === "WLAN in allen Unterrichtsräumen"),
    );
    planId = current?.id ?? "";
    measureId = current?.measures.find((x) => x.title === "WLAN in allen Unterrichtsräumen")?.id ?? "";
    expect(measureId).not.toBe("");

    const created = await ok<{ createServiceMeasure: { id: string } }>(
      hub,
      "mutation($input: CreateServiceMeasureInput!) { createServiceMeasure(input: $input) { id } }",
      { input: { schoolId: school.other, kind: "NETWORK", title: "WLAN-Ausbau Bauabschnitt 1" } },
      t.manager,
    );
    serviceMeasure = created.createServiceMeasure.id;
    const order = await hub.db.read.serviceOrder.findFirstOrThrow({
      where: { authority: { name: SCHWERIN }, year: thisYear, status: "ACTIVE" },
    });
    for (const personDays of ["10.25", "3.40"]) {
      const booked = await book(hub, t.staff, {
        serviceOrderId: gid("ServiceOrder", order.id),
        date: today,
        personDays,
        schoolId: school.other,
        category: "Ertüchtigung",
        description: "WLAN-Ausbau",
      });
      await ok(
        hub,
        "mutation($b: ID!, $m: ID!) { linkBookingToMeasure(bookingId: $b, measureId: $m) { id } }",
        { b: booked.id, m: serviceMeasure },
        t.manager,
      );
    }

    const foreign = await link(t.manager, {
      plannedMeasureId: measureId,
      serviceMeasureId: gid("ServiceMeasure", "nope"),
    });
    expect(codes(foreign)).toEqual(["BAD_USER_INPUT"]);
    expect(
      codes(await link(t.controller, { plannedMeasureId: measureId, serviceMeasureId: serviceMeasure })),
    ).toEqual(["FORBIDDEN"]);
    const linked = await link(t.officer, { plannedMeasureId: measureId, serviceMeasureId: serviceMeasure });
    expect(linked.errors, JSON.stringify(linked.errors)).toBeUndefined();
    expect(linked.data?.linkPlannedMeasure.actualPersonDays).toBe("13.65");
    expect(
      codes(await link(t.manager, { plannedMeasureId: measureId, serviceMeasureId: serviceMeasure })),
    ).toEqual(["CONFLICT"]);

    const accepted = await hub.db.read.procurementRequest.findFirst({
      where: { authority: { name: SCHWERIN }, status: "ACCEPTED" },
      orderBy: { title: "asc" },
    });
    if (accepted) {
      const wrongSchool = accepted.schoolId !== Buffer.from(school.other, "base64").toString().split(":")[1];
      const r = await link(t.manager, {
        plannedMeasureId: measureId,
        procurementRequestId: gid("ProcurementRequest", accepted.id),
      });
      expect(codes(r)).toEqual(wrongSchool ? ["BAD_USER_INPUT"] : []);
    }

    const read = await plan(t.manager, planId);
    const measure = read.measures.find((x) => x.id === measureId) as Measure;
    // Planned 12.25 PT; 13.65 booked is 11.4 % more, beyond the default threshold of 10 %.
    expect(measure).toMatchObject({ personDays: "12.25", actualPersonDays: "13.65", overThreshold: true });
    expect(read.varianceThresholdPercent).toBe(10);
    expect(read.variances).toContainEqual({
      measure: { id: measureId },
      kind: "PERSON_DAYS",
      planned: "12.25",
      actual: "13.65",
      excess: "1.40",
      excessPercent: 11.4,
    });
    // The bookings happened this year, before the plan's period: their year shows beside it.
    const year = read.years.find((y) => y.year === thisYear);
    expect(year).toMatchObject({ plannedPersonDays: "0.00", actualPersonDays: "13.65", overThreshold: true });
    expect(read.years.map((y) => y.year)).toEqual([
      thisYear,
      START + 1,
      START + 2,
      START + 3,
      START + 4,
      START + 5,
    ]);
    expect(read.totals.actualPersonDays).toBe("13.65");
  });

  it("flags by the threshold the authority sets", async () => {
    expect((await plan(t.manager, planId)).viewerCanSetVarianceThreshold).toBe(false);
    expect((await plan(t.member, planId)).viewerCanSetVarianceThreshold).toBe(false);
    expect((await plan(t.controller, planId)).viewerCanSetVarianceThreshold).toBe(true);
    expect(codes(await threshold(t.manager, 20))).toEqual(["FORBIDDEN"]);
    expect(codes(await threshold(t.member, 20))).toEqual(["FORBIDDEN"]);
    expect(codes(await threshold(t.controller, -1))).toEqual(["BAD_USER_INPUT"]);
    expect((await threshold(t.controller, 12)).errors).toBeUndefined();
    const read = await plan(t.manager, planId);
    expect(read.varianceThresholdPercent).toBe(12);
    expect(read.variances.filter((v) => v.measure.id === measureId)).toEqual([]);
    expect(read.measures.find((x) => x.id === measureId)?.overThreshold).toBe(false);
    expect((await threshold(t.officer, 10)).errors).toBeUndefined();
  });
});

describe("who sees a plan", () => {
  it("shows a foreign authority's people and another provider nothing", async () => {
    const [any] = await hub.db.read.mediaDevelopmentPlan.findMany({
      where: { authority: { name: SCHWERIN } },
      take: 1,
    });
    const id = gid("MediaDevelopmentPlan", any?.id ?? "");
    for (const token of [t.parchim, t.kits]) {
      const list = await hub.gql(
        "query($a: ID!) { mediaDevelopmentPlans(authorityId: $a) { id } }",
        { a: authority },
        token,
      );
      expect(codes(list)).toEqual(["NOT_FOUND"]);
      expect(codes(await planQuery(token, id))).toEqual(["NOT_FOUND"]);
      const node = await hub.gql<{ node: unknown }>(
        "query($id: ID!) { node(id: $id) { id } }",
        { id },
        token,
      );
      expect(node.data?.node ?? null).toBeNull();
    }
    const anonymous = await hub.gql("query($a: ID!) { mediaDevelopmentPlans(authorityId: $a) { id } }", {
      a: authority,
    });
    expect(codes(anonymous)).toEqual(["UNAUTHENTICATED"]);
  });

  it("shows a school contact their own school's part only, and no steering record", async () => {
    const plans = await ok<{ mediaDevelopmentPlans: { id: string; title: string }[] }>(
      hub,
      "query($a: ID!) { mediaDevelopmentPlans(authorityId: $a) { id title } }",
      { a: authority },
      t.contact,
    );
    const own = plans.mediaDevelopmentPlans.find((p) =>
      p.title.startsWith(`Medienentwicklungsplan ${START}–`),
    );
    const read = await plan(t.contact, own?.id ?? "");
    expect(read.measures.map((x) => x.school.id)).toEqual([school.contact, school.contact]);
    expect(read.schools.map((s) => s.school.id)).toEqual([school.contact]);
    expect(read.totals.plannedInvestmentEuros).toBe("0.30");
    expect(read.adoptedBy).toBeNull();
    expect(read).toMatchObject({
      viewerCanEdit: false,
      viewerCanAdopt: false,
      viewerCanRevise: false,
      viewerCanTrack: false,
    });

    const staff = await plan(t.manager, own?.id ?? "");
    const foreignMeasure = staff.measures.find((x) => x.school.id !== school.contact)?.id ?? "";
    const node = await hub.gql<{ node: unknown }>(
      "query($id: ID!) { node(id: $id) { id } }",
      { id: foreignMeasure },
      t.contact,
    );
    expect(node.data?.node ?? null).toBeNull();
    expect(codes(await update(t.contact, { plannedMeasureId: foreignMeasure, status: "DONE" }))).toEqual([
      "NOT_FOUND",
    ]);
  });

  it("lets the steering records' readers see all of it", async () => {
    const plans = await ok<{ mediaDevelopmentPlans: { id: string; measures: { id: string }[] }[] }>(
      hub,
      "query($a: ID!) { mediaDevelopmentPlans(authorityId: $a) { id measures { id } } }",
      { a: authority },
      t.member,
    );
    expect(plans.mediaDevelopmentPlans.length).toBeGreaterThanOrEqual(2);
    const staffView = await ok<{ mediaDevelopmentPlans: { id: string; measures: { id: string }[] }[] }>(
      hub,
      "query($a: ID!) { mediaDevelopmentPlans(authorityId: $a) { id measures { id } } }",
      { a: authority },
      t.staff,
    );
    expect(staffView).toEqual(plans);
  });
});
