// The authority as client over the real API: the provider drafts a service order, the authority's
// controller or IT-department coordinator commissions it citing a decision and the budget line;
// amendments (Nachträge) are proposed by either side and approved or rejected by the authority;
// figures, burn-down and alerts use the volume in force on each date; everything is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  approvedDecision,
  authorityGid,
  book,
  COMMISSION,
  createOrder,
  draftOrder,
  PARCHIM,
  SCHWERIN,
} from "../helpers/controlling.ts";
import { codes, startHub, type TestHub } from "../helpers/hub.ts";

let hub: TestHub;
const t: Record<string, string> = {};
let schwerin: string;
let parchim: string;
let schwerinDecision: string;

beforeAll(async () => {
  hub = await startHub();
  for (const [key, email] of Object.entries({
    manager: "servicemanager@ksm.example",
    admin: "admin@ksm.example",
    staff: "technik@ksm.example",
    controller: "controlling@schwerin.example",
    officer: "schul-it@schwerin.example",
    steering: "schulverwaltung@schwerin.example",
    contact: "schule@schwerin.example",
    parchim: "controlling@parchim.example",
    kits: "servicemanager@kits.example",
  })) {
    t[key] = await hub.login(email);
  }
  schwerin = await authorityGid(hub, SCHWERIN);
  parchim = await authorityGid(hub, PARCHIM);
  schwerinDecision = await approvedDecision(hub, schwerin);
});
afterAll(() => hub.close());

/** A decision of the authority with the given status, recorded by the service manager in a new Jour-Fixe. */
async function decisionWith(authority: string, status: string): Promise<string> {
  const meeting = await hub.gql<{ createMeeting: { id: string } }>(
    "mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }",
    {
      input: {
        authorityId: authority,
        kind: "JOUR_FIXE",
        title: "Jour-Fixe",
        scheduledAt: "2026-02-05T09:00:00Z",
      },
    },
    t.manager,
  );
  expect(meeting.errors).toBeUndefined();
  const decision = await hub.gql<{ recordDecision: { id: string } }>(
    "mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }",
    {
      input: {
        meetingId: meeting.data?.createMeeting.id,
        title: `Beschluss (${status})`,
        text: "Zur Beauftragung.",
        status,
      },
    },
    t.manager,
  );
  expect(decision.errors).toBeUndefined();
  return decision.data?.recordDecision.id as string;
}

const commission = (token: string | undefined, input: Record<string, unknown>) =>
  hub.gql<{ commissionServiceOrder: { status: string } }>(COMMISSION, { input }, token);

const ORDER = `query($id: ID!) { serviceOrder(id: $id) {
  status commissionedAt budgetLine commissionedBy { email }
  commissioningDecision { id title status }
} }`;

const AUDIT = `query($a: ID!) { auditLog(objectType: "ServiceOrder", authorityId: $a, first: 200) {
  edges { node { action objectId changes actor { email } } }
} }`;

interface AuditRow {
  action: string;
  objectId: string;
  changes: string;
  actor: { email: string } | null;
}

async function auditOf(authority: string, orderGid: string): Promise<AuditRow[]> {
  const id = Buffer.from(orderGid, "base64").toString().split(":")[1];
  const r = await hub.gql<{ auditLog: { edges: { node: AuditRow }[] } }>(AUDIT, { a: authority }, t.admin);
  expect(r.errors).toBeUndefined();
  return (r.data?.auditLog.edges ?? [])
    .map((e) => e.node)
    .filter((n) => n.objectId === id)
    .reverse();
}

describe("commissioning (Beauftragung)", () => {
  it("drafts at the provider, refuses bookings on the draft, and is commissioned by the authority's controller", async () => {
    const order = await draftOrder(hub, t.manager as string, {
      authorityId: schwerin,
      year: 2015,
      contractedPersonDays: "80",
      dailyRate: "700.00",
    });
    const draft = await hub.gql<{ serviceOrder: Record<string, unknown> }>(
      ORDER,
      { id: order },
      t.controller,
    );
    expect(draft.data?.serviceOrder).toEqual({
      status: "DRAFT",
      commissionedAt: null,
      budgetLine: null,
      commissionedBy: null,
      commissioningDecision: null,
    });
    const booking = await hub.gql(
      "mutation($input: RecordBookingInput!) { recordBooking(input: $input) { id } }",
      { input: { serviceOrderId: order, date: "2015-03-02", personDays: "1", description: "x" } },
      t.staff,
    );
    expect(codes(booking)).toEqual(["CONFLICT"]);
    expect(booking.errors?.[0]?.message).toMatch(/Entwurf.*Beauftragung/);

    const input = { serviceOrderId: order, decisionId: schwerinDecision, budgetLine: "1.2.1.01.54310000" };
    // The provider never commissions its own order, not even its administrator.
    for (const who of ["manager", "admin", "staff"]) {
      const r = await commission(t[who], input);
      expect(codes(r), who).toEqual(["FORBIDDEN"]);
      expect(r.errors?.[0]?.message).toMatch(/Dienstleister/);
    }
    // On the authority's side: only the controller or the IT department's coordinator.
    for (const who of ["steering", "contact"])
      expect(codes(await commission(t[who], input)), who).toEqual(["FORBIDDEN"]);
    // Another authority's people, and another provider's, do not see the order at all.
    for (const who of ["parchim", "kits"])
      expect(codes(await commission(t[who], input)), who).toEqual(["NOT_FOUND"]);
    expect(codes(await commission(undefined, input))).toEqual(["UNAUTHENTICATED"]);

    // The budget line is required and bounded; the decision is the authority's own and taken.
    for (const budgetLine of ["", "   ", "x".repeat(101)]) {
      const r = await commission(t.controller, { ...input, budgetLine });
      expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
      expect(r.errors?.[0]?.extensions?.field).toBe("budgetLine");
    }
    const foreign = await commission(t.controller, {
      ...input,
      decisionId: await approvedDecision(hub, parchim),
    });
    expect(codes(foreign)).toEqual(["BAD_USER_INPUT"]);
    expect(foreign.errors?.[0]?.extensions?.field).toBe("decisionId");
    expect(foreign.errors?.[0]?.message).toMatch(/kein Beschluss dieses Schulträgers/);
    for (const [status, word] of [
      ["PROPOSED", "vorgeschlagen"],
      ["REJECTED", "abgelehnt"],
      ["DEFERRED", "vertagt"],
    ] as const) {
      const r = await commission(t.controller, {
        ...input,
        decisionId: await decisionWith(schwerin, status),
      });
      expect(codes(r), status).toEqual(["BAD_USER_INPUT"]);
      expect(r.errors?.[0]?.message).toMatch(new RegExp(`gefassten Beschlusses.*${word}`));
    }
    expect(
      (await hub.gql<{ serviceOrder: { status: string } }>(ORDER, { id: order }, t.controller)).data
        ?.serviceOrder.status,
    ).toBe("DRAFT");

    const done = await commission(t.controller, input);
    expect(done.errors).toBeUndefined();
    expect(done.data?.commissionServiceOrder.status).toBe("ACTIVE");
    const active = await hub.gql<{
      serviceOrder: {
        status: string;
        commissionedAt: string;
        budgetLine: string;
        commissionedBy: { email: string };
        commissioningDecision: { id: string; status: string };
      };
    }>(ORDER, { id: order }, t.steering);
    expect(active.data?.serviceOrder).toMatchObject({
      status: "ACTIVE",
      budgetLine: "1.2.1.01.54310000",
      commissionedBy: { email: "controlling@schwerin.example" },
      commissioningDecision: { id: schwerinDecision, status: "APPROVED" },
    });
    expect(Date.now() - Date.parse(active.data?.serviceOrder.commissionedAt as string)).toBeLessThan(60_000);
    // Commissioned once: a second commissioning is a conflict.
    const again = await commission(t.controller, input);
    expect(codes(again)).toEqual(["CONFLICT"]);
    expect(again.errors?.[0]?.message).toMatch(/bereits beauftragt/);
    // Now the provider books.
    await book(hub, t.staff as string, { serviceOrderId: order, date: "2015-03-02", personDays: "1" });

    const audit = await auditOf(schwerin, order);
    expect(audit.map((a) => a.action)).toEqual(["CREATE", "COMMISSION"]);
    expect(JSON.parse(audit[0]?.changes as string)).toMatchObject({
      status: "DRAFT",
      contractedPersonDays: "80.00",
    });
    expect(audit[1]?.actor?.email).toBe("controlling@schwerin.example");
    expect(JSON.parse(audit[1]?.changes as string)).toMatchObject({
      status: ["DRAFT", "ACTIVE"],
      budgetLine: "1.2.1.01.54310000",
      decisionId: Buffer.from(schwerinDecision, "base64").toString().split(":")[1],
    });
  });

  it("is commissioned by the coordinator of the steering group from the IT department as well", async () => {
    const order = await draftOrder(hub, t.manager as string, {
      authorityId: schwerin,
      year: 2014,
      contractedPersonDays: "40",
    });
    const r = await commission(t.officer, {
      serviceOrderId: order,
      decisionId: schwerinDecision,
      budgetLine: "HH 2014/54310",
    });
    expect(r.errors).toBeUndefined();
    const read = await hub.gql<{ serviceOrder: { commissionedBy: { email: string } } }>(
      ORDER,
      { id: order },
      t.controller,
    );
    expect(read.data?.serviceOrder.commissionedBy.email).toBe("schul-it@schwerin.example");
  });

  it("no longer offers activateServiceOrder, and closes only what was commissioned", async () => {
    const order = await draftOrder(hub, t.manager as string, {
      authorityId: schwerin,
      year: 2011,
      contractedPersonDays: "5",
    });
    const activate = await hub.gql(
      "mutation($id: ID!) { activateServiceOrder(serviceOrderId: $id) { status } }",
      { id: order },
      t.manager,
    );
    expect(codes(activate)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    const close = () =>
      hub.gql(
        "mutation($id: ID!) { closeServiceOrder(serviceOrderId: $id) { status } }",
        { id: order },
        t.manager,
      );
    expect(codes(await close())).toEqual(["CONFLICT"]);
    expect(
      (
        await commission(t.controller, {
          serviceOrderId: order,
          decisionId: schwerinDecision,
          budgetLine: "HH",
        })
      ).errors,
    ).toBeUndefined();
    expect((await close()).data).toEqual({ closeServiceOrder: { status: "CLOSED" } });
    expect(
      codes(
        await commission(t.controller, {
          serviceOrderId: order,
          decisionId: schwerinDecision,
          budgetLine: "HH",
        }),
      ),
    ).toEqual(["CONFLICT"]);
  });
});

const AMEND = `mutation($input: AmendServiceOrderInput!) {
  amendServiceOrder(input: $input) { id status category previousPersonDays newPersonDays effectiveDate createdBy { email } }
}`;
const APPROVE = `mutation($id: ID!) { approveServiceOrderAmendment(amendmentId: $id) {
  id status previousPersonDays newPersonDays decidedAt decidedBy { email } } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectServiceOrderAmendment(amendmentId: $id, reason: $reason) {
  id status rejectionReason decidedAt decidedBy { email } } }`;

interface Amendment {
  id: string;
  status: string;
  previousPersonDays: string;
  newPersonDays: string;
  createdBy: { email: string };
}

async function propose(token: string | undefined, input: Record<string, unknown>) {
  return hub.gql<{ amendServiceOrder: Amendment }>(
    AMEND,
    { input: { reason: "Mehrbedarf", ...input } },
    token,
  );
}

const FIGURES = `query($id: ID!, $asOf: Date) { serviceOrder(id: $id) {
  contractedPersonDays remainingPersonDays plannedConsumedPersonDays(asOf: $asOf)
  lines { name contractedPersonDays }
  volumeHistory { effectiveDate contractedPersonDays category reason }
  amendments { category status previousPersonDays newPersonDays createdBy { email } decidedBy { email } rejectionReason }
  burndown(granularity: MONTH, asOf: "2013-12-31") { date remainingPersonDays plannedRemainingPersonDays }
} }`;

describe("amendments (Nachträge) need the client", () => {
  let order: string;
  beforeAll(async () => {
    order = await createOrder(hub, t.manager as string, {
      authorityId: schwerin,
      year: 2013,
      contractedPersonDays: "120",
      lines: [
        { name: "Support", personDays: "100" },
        { name: "Beratung", personDays: "20" },
      ],
    });
  });

  it("are proposed by either side, approved or rejected by the authority only, and change nothing until approved", async () => {
    const raise = await propose(t.manager, {
      serviceOrderId: order,
      category: "Support",
      personDays: "150",
      effectiveDate: "2013-07-01",
    });
    expect(raise.errors).toBeUndefined();
    expect(raise.data?.amendServiceOrder).toMatchObject({
      status: "PROPOSED",
      previousPersonDays: "100.00",
      newPersonDays: "150.00",
      createdBy: { email: "servicemanager@ksm.example" },
    });
    const cut = await propose(t.controller, {
      serviceOrderId: order,
      category: "Beratung",
      personDays: "10",
      effectiveDate: "2013-10-01",
      reason: "Weniger Beratung",
    });
    expect(cut.data?.amendServiceOrder).toMatchObject({
      status: "PROPOSED",
      createdBy: { email: "controlling@schwerin.example" },
    });
    const byOfficer = await propose(t.officer, {
      serviceOrderId: order,
      category: "Schulung",
      personDays: "5",
      effectiveDate: "2013-09-01",
    });
    expect(byOfficer.data?.amendServiceOrder).toMatchObject({
      status: "PROPOSED",
      previousPersonDays: "0.00",
    });

    // Proposing: the provider's service manager, the authority's controller or IT coordinator.
    const input = {
      serviceOrderId: order,
      category: "Support",
      personDays: "130",
      effectiveDate: "2013-08-01",
    };
    for (const who of ["staff", "steering", "contact"])
      expect(codes(await propose(t[who], input)), who).toEqual(["FORBIDDEN"]);
    for (const who of ["parchim", "kits"])
      expect(codes(await propose(t[who], input)), who).toEqual(["NOT_FOUND"]);
    // Within the order's term only.
    for (const effectiveDate of ["2012-12-31", "2014-01-01"]) {
      const r = await propose(t.manager, { ...input, effectiveDate });
      expect(codes(r), effectiveDate).toEqual(["BAD_USER_INPUT"]);
      expect(r.errors?.[0]?.extensions?.field).toBe("effectiveDate");
    }
    expect(
      (await propose(t.manager, { ...input, effectiveDate: "2012-12-31" })).errors?.[0]?.message,
    ).toMatch(/frühestens ab Beginn der Laufzeit \(01\.01\.2013\)/);

    // Nothing is in force yet.
    const before = await hub.gql<{ serviceOrder: { contractedPersonDays: string; lines: unknown[] } }>(
      FIGURES,
      { id: order },
      t.controller,
    );
    expect(before.data?.serviceOrder.contractedPersonDays).toBe("120.00");
    expect(before.data?.serviceOrder.lines).toEqual([
      { name: "Support", contractedPersonDays: "100.00" },
      { name: "Beratung", contractedPersonDays: "20.00" },
      { name: "Schulung", contractedPersonDays: "0.00" },
    ]);

    const raiseId = raise.data?.amendServiceOrder.id as string;
    const approve = (token: string | undefined, id = raiseId) =>
      hub.gql<{ approveServiceOrderAmendment: Record<string, unknown> }>(APPROVE, { id }, token);
    for (const who of ["manager", "admin"]) {
      const r = await approve(t[who]);
      expect(codes(r), who).toEqual(["FORBIDDEN"]);
      expect(r.errors?.[0]?.message).toMatch(/nicht der Dienstleister/);
    }
    for (const who of ["staff", "steering", "contact"])
      expect(codes(await approve(t[who])), who).toEqual(["FORBIDDEN"]);
    for (const who of ["parchim", "kits"]) expect(codes(await approve(t[who])), who).toEqual(["NOT_FOUND"]);

    const approved = await approve(t.controller);
    expect(approved.errors).toBeUndefined();
    expect(approved.data?.approveServiceOrderAmendment).toMatchObject({
      status: "APPROVED",
      previousPersonDays: "100.00",
      newPersonDays: "150.00",
      decidedBy: { email: "controlling@schwerin.example" },
    });
    expect(codes(await approve(t.controller))).toEqual(["CONFLICT"]);
    expect(codes(await approve(t.officer))).toEqual(["CONFLICT"]);

    const cutId = cut.data?.amendServiceOrder.id as string;
    const reject = (token: string | undefined, id: string, reason: string) =>
      hub.gql<{ rejectServiceOrderAmendment: Record<string, unknown> }>(REJECT, { id, reason }, token);
    expect(codes(await reject(t.manager, cutId, "nein"))).toEqual(["FORBIDDEN"]);
    expect(codes(await reject(t.parchim, cutId, "nein"))).toEqual(["NOT_FOUND"]);
    const noReason = await reject(t.officer, cutId, "  ");
    expect(codes(noReason)).toEqual(["BAD_USER_INPUT"]);
    expect(noReason.errors?.[0]?.extensions?.field).toBe("reason");
    const rejected = await reject(t.officer, cutId, "Beratung bleibt wie beauftragt");
    expect(rejected.data?.rejectServiceOrderAmendment).toMatchObject({
      status: "REJECTED",
      rejectionReason: "Beratung bleibt wie beauftragt",
      decidedBy: { email: "schul-it@schwerin.example" },
    });
    expect(codes(await reject(t.officer, cutId, "nochmal"))).toEqual(["CONFLICT"]);
    expect(codes(await reject(t.controller, raiseId, "zu spät"))).toEqual(["CONFLICT"]);
    expect(codes(await approve(t.controller, cutId))).toEqual(["CONFLICT"]);

    // In force: Support 150 from 1 July; Beratung stays at 20; Schulung is still proposed.
    const after = await hub.gql<{ serviceOrder: Record<string, unknown> }>(
      FIGURES,
      { id: order },
      t.steering,
    );
    expect(after.errors).toBeUndefined();
    expect(after.data?.serviceOrder).toMatchObject({
      contractedPersonDays: "170.00",
      remainingPersonDays: "170.00",
      lines: [
        { name: "Support", contractedPersonDays: "150.00" },
        { name: "Beratung", contractedPersonDays: "20.00" },
        { name: "Schulung", contractedPersonDays: "0.00" },
      ],
      volumeHistory: [
        {
          effectiveDate: "2013-01-01",
          contractedPersonDays: "120.00",
          reason: "Beauftragung",
          category: null,
        },
        {
          effectiveDate: "2013-07-01",
          contractedPersonDays: "170.00",
          reason: "Mehrbedarf",
          category: "Support",
        },
      ],
      amendments: [
        {
          category: "Support",
          status: "APPROVED",
          previousPersonDays: "100.00",
          newPersonDays: "150.00",
          createdBy: { email: "servicemanager@ksm.example" },
          decidedBy: { email: "controlling@schwerin.example" },
          rejectionReason: null,
        },
        {
          category: "Beratung",
          status: "REJECTED",
          newPersonDays: "10.00",
          createdBy: { email: "controlling@schwerin.example" },
          decidedBy: { email: "schul-it@schwerin.example" },
          rejectionReason: "Beratung bleibt wie beauftragt",
        },
        { category: "Schulung", status: "PROPOSED", decidedBy: null },
      ],
    });

    const audit = await auditOf(schwerin, order);
    expect(audit.map((a) => a.action)).toEqual([
      "CREATE",
      "COMMISSION",
      "AMEND",
      "AMEND",
      "AMEND",
      "AMENDMENT_APPROVE",
      "AMENDMENT_REJECT",
    ]);
    expect(JSON.parse(audit[5]?.changes as string)).toMatchObject({
      status: ["PROPOSED", "APPROVED"],
      line: "Support",
      personDays: ["100.00", "150.00"],
      effectiveDate: "2013-07-01",
    });
    expect(JSON.parse(audit[6]?.changes as string)).toMatchObject({
      status: ["PROPOSED", "REJECTED"],
      reason: "Beratung bleibt wie beauftragt",
    });
  });

  it("plan the year at the volume in force on each date: 120 PT to 30 June, 170 PT from 1 July", async () => {
    const at = async (asOf: string) =>
      (
        await hub.gql<{ serviceOrder: { plannedConsumedPersonDays: string } }>(
          FIGURES,
          { id: order, asOf },
          t.controller,
        )
      ).data?.serviceOrder.plannedConsumedPersonDays;
    // 2013 has 365 days, 181 of them up to 30 June: 120 · 181/365 = 59.506… PT.
    expect(await at("2013-06-30")).toBe("59.51");
    // (120 · 181 + 170 · 31) / 365 = 73.945… PT.
    expect(await at("2013-07-31")).toBe("73.95");
    // (120 · 181 + 170 · 184) / 365 = 145.205… PT.
    expect(await at("2013-12-31")).toBe("145.21");
    const r = await hub.gql<{
      serviceOrder: {
        burndown: { date: string; remainingPersonDays: string; plannedRemainingPersonDays: string }[];
      };
    }>(FIGURES, { id: order }, t.controller);
    const points = new Map((r.data?.serviceOrder.burndown ?? []).map((p) => [p.date, p]));
    expect(points.get("2013-06-30")).toEqual({
      date: "2013-06-30",
      remainingPersonDays: "120.00",
      plannedRemainingPersonDays: "60.49",
    });
    expect(points.get("2013-07-31")).toEqual({
      date: "2013-07-31",
      remainingPersonDays: "170.00",
      plannedRemainingPersonDays: "96.05",
    });
    expect(points.get("2013-12-31")).toEqual({
      date: "2013-12-31",
      remainingPersonDays: "170.00",
      plannedRemainingPersonDays: "24.79",
    });
  });

  it("keep an approved amendment from a later date out of today's figures until its date", async () => {
    const future = await createOrder(hub, t.manager as string, {
      authorityId: schwerin,
      year: 2030,
      contractedPersonDays: "100",
    });
    const proposed = await propose(t.manager, {
      serviceOrderId: future,
      category: "Support",
      personDays: "200",
      effectiveDate: "2030-07-01",
    });
    expect(
      (await hub.gql(APPROVE, { id: proposed.data?.amendServiceOrder.id }, t.controller)).errors,
    ).toBeUndefined();
    const r = await hub.gql<{
      serviceOrder: {
        contractedPersonDays: string;
        lines: { contractedPersonDays: string }[];
        plannedConsumedPersonDays: string;
      };
    }>(FIGURES, { id: future, asOf: "2030-12-31" }, t.controller);
    // Today lies before the term: the figures refer to its first day, when 100 PT are in force.
    expect(r.data?.serviceOrder.contractedPersonDays).toBe("100.00");
    expect(r.data?.serviceOrder.lines[0]?.contractedPersonDays).toBe("100.00");
    // The whole year's plan: 100 · 181/365 + 200 · 184/365 = 150.41… PT.
    expect(r.data?.serviceOrder.plannedConsumedPersonDays).toBe("150.41");
  });

  it("fire the alerts a smaller volume crosses when it is approved, with the volume then in force", async () => {
    const small = await createOrder(hub, t.manager as string, {
      authorityId: schwerin,
      year: 2012,
      contractedPersonDays: "100",
    });
    for (const date of ["2012-03-05", "2012-03-06", "2012-03-07"]) {
      await book(hub, t.staff as string, { serviceOrderId: small, date, personDays: "20" });
    }
    const ALERTS = `query($id: ID!) { serviceOrder(id: $id) { alerts { kind threshold message line { name } } } }`;
    const thresholds = async () =>
      (
        (
          await hub.gql<{
            serviceOrder: {
              alerts: { kind: string; threshold: number; message: string; line: { name: string } | null }[];
            };
          }>(ALERTS, { id: small }, t.controller)
        ).data?.serviceOrder.alerts ?? []
      ).filter((a) => a.kind === "THRESHOLD");
    expect((await thresholds()).map((a) => a.threshold)).toEqual([50, 50]);
    const proposed = await propose(t.controller, {
      serviceOrderId: small,
      category: "Support",
      personDays: "50",
      effectiveDate: "2012-12-01",
    });
    // Proposing changes nothing.
    expect((await thresholds()).map((a) => a.threshold)).toEqual([50, 50]);
    expect(
      (await hub.gql(APPROVE, { id: proposed.data?.amendServiceOrder.id }, t.officer)).errors,
    ).toBeUndefined();
    const after = await thresholds();
    expect(after.map((a) => a.threshold).sort((a, b) => a - b)).toEqual([50, 50, 75, 75, 90, 90, 100, 100]);
    expect(after.find((a) => a.threshold === 100 && a.line === null)?.message).toMatch(/60,00 von 50,00 PT/);
  });

  it("are refused on a draft, and a proposal equal to the volume in force is a conflict", async () => {
    const draft = await draftOrder(hub, t.manager as string, {
      authorityId: schwerin,
      year: 2010,
      contractedPersonDays: "10",
    });
    expect(
      codes(
        await propose(t.manager, {
          serviceOrderId: draft,
          category: "Support",
          personDays: "12",
          effectiveDate: "2010-05-01",
        }),
      ),
    ).toEqual(["CONFLICT"]);
    expect(
      codes(
        await propose(t.manager, {
          serviceOrderId: order,
          category: "Support",
          personDays: "150",
          effectiveDate: "2013-08-01",
        }),
      ),
    ).toEqual(["CONFLICT"]);
    // Before 1 July the line still has 100 PT: proposing 150 from June is a change.
    expect(
      (
        await propose(t.manager, {
          serviceOrderId: order,
          category: "Support",
          personDays: "150",
          effectiveDate: "2013-06-01",
        })
      ).errors,
    ).toBeUndefined();
  });
});
