// The governance flow over the real server: series → agenda → decisions → reviews → action
// items → finalised minutes → amendments; every forbidden transition and role.
import { decodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ok, schwerinIds } from "../helpers/governance.ts";
import { codes, collect, startHub, type TestHub, until } from "../helpers/hub.ts";

let hub: TestHub;
let ids: Awaited<ReturnType<typeof schwerinIds>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  hub = await startHub();
  ids = await schwerinIds(hub);
  for (const [key, email] of Object.entries({
    manager: "servicemanager@ksm.example",
    officer: "schul-it@schwerin.example",
    controller: "controlling@schwerin.example",
    admin: "admin@ksm.example",
    schoolContact: "schule@schwerin.example",
    staff: "technik@ksm.example",
    facility: "gebaeude@schwerin.example",
    administration: "schulverwaltung@schwerin.example",
  })) {
    tokens[key] = await hub.login(email);
  }
});
afterAll(() => hub.close());

const SERIES = `mutation($input: CreateMeetingSeriesInput!) { createMeetingSeries(input: $input) {
  id weekday startTime meetings { id scheduledAt title status minutesStatus participants { invited attended user { email } } } } }`;
const ADD_ITEM = `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id position title kind status } }`;
const DECIDE = `mutation($input: RecordDecisionInput!) { recordDecision(input: $input) {
  id title status costImpact personDayImpact decidedOn meeting { id } reviewSummary { members approved pending { email } } } }`;
const REVIEW = `mutation($input: ReviewDecisionInput!) { reviewDecision(input: $input) { verdict comment current reviewer { email } } }`;
const STATUS = `mutation($id: ID!, $status: DecisionStatus!, $reason: String) {
  changeDecisionStatus(decisionId: $id, status: $status, reason: $reason) { status statusReason } }`;
const ACTION = `mutation($input: AddActionItemInput!) { addActionItem(input: $input) { id title status dueDate overdue owner { email } } }`;
const FINALIZE = `mutation($id: ID!) { finalizeMinutes(meetingId: $id) { minutesStatus finalizedAt } }`;

type Series = {
  createMeetingSeries: {
    id: string;
    meetings: {
      id: string;
      scheduledAt: string;
      participants: { invited: boolean; user: { email: string } }[];
    }[];
  };
};

async function newSeries(count = 3, startDate = "2027-01-04"): Promise<Series["createMeetingSeries"]> {
  const data = await ok<Series>(
    hub,
    SERIES,
    {
      input: {
        authorityId: ids.authority,
        kind: "JOUR_FIXE",
        title: "Jour-Fixe Test",
        weekday: 4,
        startTime: "10:00",
        startDate,
        count,
        invitedIds: [ids.manager, ids.officer],
      },
    },
    tokens.manager as string,
  );
  return data.createMeetingSeries;
}

describe("the Jour-Fixe from series to finalised minutes", () => {
  it("runs the whole flow", async () => {
    const series = await newSeries(3);
    expect(series.meetings).toHaveLength(3);
    // Thursdays at 10:00 Berlin time (winter: UTC+1).
    expect(series.meetings.map((m) => m.scheduledAt)).toEqual([
      "2027-01-07T09:00:00.000Z",
      "2027-01-14T09:00:00.000Z",
      "2027-01-21T09:00:00.000Z",
    ]);
    expect(series.meetings[0]?.participants.map((p) => p.user.email).sort()).toEqual([
      "schul-it@schwerin.example",
      "servicemanager@ksm.example",
    ]);
    const [first, second, third] = series.meetings as unknown as [
      { id: string },
      { id: string },
      { id: string },
    ];

    // Moving and cancelling single meetings leaves the others in place.
    const moved = await ok<{ moveMeeting: { scheduledAt: string } }>(
      hub,
      `mutation($id: ID!) { moveMeeting(meetingId: $id, scheduledAt: "2027-01-15T13:00:00+01:00") { scheduledAt } }`,
      { id: second.id },
      tokens.officer as string,
    );
    expect(moved.moveMeeting.scheduledAt).toBe("2027-01-15T12:00:00.000Z");
    await ok(
      hub,
      `mutation($id: ID!) { cancelMeeting(meetingId: $id, reason: "Ferien") { status } }`,
      { id: third.id },
      tokens.manager as string,
    );
    const after = await ok<{ node: { meetings: { status: string; scheduledAt: string }[] } }>(
      hub,
      `query($id: ID!) { node(id: $id) { ... on MeetingSeries { meetings { status scheduledAt } } } }`,
      { id: series.id },
      tokens.controller as string,
    );
    expect(after.node.meetings.map((m) => m.status)).toEqual(["SCHEDULED", "SCHEDULED", "CANCELLED"]);

    // Attendance is recorded apart from the invitation.
    const attendance = await ok<{
      setMeetingParticipants: {
        participants: { invited: boolean; attended: boolean; user: { email: string } }[];
      };
    }>(
      hub,
      `mutation($id: ID!, $inv: [ID!]!, $att: [ID!]!) { setMeetingParticipants(meetingId: $id, invitedIds: $inv, attendedIds: $att) {
        participants { invited attended user { email } } } }`,
      { id: first.id, inv: [ids.manager, ids.officer], att: [ids.manager, ids.controller] },
      tokens.manager as string,
    );
    const byEmail = Object.fromEntries(
      attendance.setMeetingParticipants.participants.map((p) => [p.user.email, p]),
    );
    expect(byEmail["schul-it@schwerin.example"]).toMatchObject({ invited: true, attended: false });
    expect(byEmail["controlling@schwerin.example"]).toMatchObject({ invited: false, attended: true });

    // Agenda: ordered, reorderable.
    const items: string[] = [];
    for (const [title, kind] of [
      ["Tablets für Grundschulen", "DECISION"],
      ["WLAN-Störungen", "INFORMATION"],
      ["Sonstiges", "OTHER"],
    ]) {
      const r = await ok<{ addAgendaItem: { id: string; position: number } }>(
        hub,
        ADD_ITEM,
        {
          input: { meetingId: first.id, title, kind, notes: `Notizen zu ${title}`, presenterId: ids.manager },
        },
        tokens.manager as string,
      );
      items.push(r.addAgendaItem.id);
    }
    const reordered = await ok<{
      reorderAgendaItems: { agendaItems: { title: string; position: number }[] };
    }>(
      hub,
      `mutation($id: ID!, $items: [ID!]!) { reorderAgendaItems(meetingId: $id, agendaItemIds: $items) { agendaItems { title position } } }`,
      { id: first.id, items: [items[1], items[0], items[2]] },
      tokens.officer as string,
    );
    expect(reordered.reorderAgendaItems.agendaItems.map((i) => i.title)).toEqual([
      "WLAN-Störungen",
      "Tablets für Grundschulen",
      "Sonstiges",
    ]);
    const badOrder = await hub.gql(
      `mutation($id: ID!, $items: [ID!]!) { reorderAgendaItems(meetingId: $id, agendaItemIds: $items) { id } }`,
      { id: first.id, items: [items[0], items[0], items[2]] },
      tokens.officer,
    );
    expect(codes(badOrder)).toEqual(["BAD_USER_INPUT"]);

    // Decisions with cost and person-day impact; steering group reviews.
    const decision = await ok<{
      recordDecision: {
        id: string;
        costImpact: string;
        personDayImpact: string;
        status: string;
        reviewSummary: { members: number; pending: { email: string }[] };
      };
    }>(
      hub,
      DECIDE,
      {
        input: {
          meetingId: first.id,
          agendaItemId: items[0],
          title: "Tablet-Klassensätze beschlossen",
          text: "Jede Grundschule erhält 16 Tablets.",
          status: "APPROVED",
          schoolId: ids.lankow,
          costImpact: "12500.50",
          personDayImpact: "3.25",
          followUpDate: "2027-03-01",
        },
      },
      tokens.manager as string,
    );
    const decisionId = decision.recordDecision.id;
    expect(decision.recordDecision).toMatchObject({
      costImpact: "12500.50",
      personDayImpact: "3.25",
      status: "APPROVED",
    });
    expect(decision.recordDecision.reviewSummary.members).toBe(5);
    expect(decision.recordDecision.reviewSummary.pending).toHaveLength(5);

    const pendingBefore = await ok<{ myPendingReviews: { id: string }[] }>(
      hub,
      "{ myPendingReviews { id } }",
      {},
      tokens.controller as string,
    );
    expect(pendingBefore.myPendingReviews.map((d) => d.id)).toContain(decisionId);

    await ok(
      hub,
      REVIEW,
      { input: { decisionId, verdict: "OBJECT", comment: "Folgekosten fehlen." } },
      tokens.controller as string,
    );
    const changed = await ok<{ reviewDecision: { verdict: string; current: boolean } }>(
      hub,
      REVIEW,
      { input: { decisionId, verdict: "APPROVE", comment: "Nach Klärung einverstanden." } },
      tokens.controller as string,
    );
    expect(changed.reviewDecision).toMatchObject({ verdict: "APPROVE", current: true });
    await ok(hub, REVIEW, { input: { decisionId, verdict: "ACKNOWLEDGE" } }, tokens.facility as string);

    const reviewed = await ok<{
      decision: {
        reviews: { verdict: string }[];
        history: { verdict: string; current: boolean }[];
        reviewSummary: {
          approved: number;
          acknowledged: number;
          objected: number;
          pending: { email: string }[];
        };
      };
    }>(
      hub,
      `query($id: ID!) { decision(id: $id) { reviews { verdict } history: reviews(history: true) { verdict current }
        reviewSummary { approved acknowledged objected pending { email } } } }`,
      { id: decisionId },
      tokens.administration as string,
    );
    expect(reviewed.decision.reviews).toHaveLength(2);
    expect(reviewed.decision.history.map((r) => [r.verdict, r.current])).toEqual([
      ["OBJECT", false],
      ["APPROVE", true],
      ["ACKNOWLEDGE", true],
    ]);
    expect(reviewed.decision.reviewSummary).toMatchObject({ approved: 1, acknowledged: 1, objected: 0 });
    expect(reviewed.decision.reviewSummary.pending.map((u) => u.email).sort()).toEqual([
      "schul-it@schwerin.example",
      "schulverwaltung@schwerin.example",
      "servicemanager@ksm.example",
    ]);
    const pendingAfter = await ok<{ myPendingReviews: { id: string }[] }>(
      hub,
      "{ myPendingReviews { id } }",
      {},
      tokens.controller as string,
    );
    expect(pendingAfter.myPendingReviews.map((d) => d.id)).not.toContain(decisionId);

    // Action items, one already overdue.
    const action = await ok<{ addActionItem: { overdue: boolean; owner: { email: string } } }>(
      hub,
      ACTION,
      {
        input: {
          meetingId: first.id,
          agendaItemId: items[0],
          title: "Angebote einholen",
          ownerId: ids.facility,
          dueDate: "2020-01-31",
        },
      },
      tokens.officer as string,
    );
    expect(action.addActionItem).toMatchObject({
      overdue: true,
      owner: { email: "gebaeude@schwerin.example" },
    });
    const overdue = await ok<{ overdueActionItems: { title: string }[] }>(
      hub,
      "query($id: ID!) { overdueActionItems(authorityId: $id) { title } }",
      { id: ids.authority },
      tokens.controller as string,
    );
    expect(overdue.overdueActionItems.map((a) => a.title)).toContain("Angebote einholen");

    // Open items are offered to the next meeting, and once taken over no longer.
    const offered = await ok<{
      carryForwardCandidates: { agendaItems: { id: string }[]; actionItems: { title: string }[] };
    }>(
      hub,
      "query($id: ID!) { carryForwardCandidates(meetingId: $id) { agendaItems { id } actionItems { title } } }",
      { id: second.id },
      tokens.manager as string,
    );
    expect(offered.carryForwardCandidates.agendaItems.map((i) => i.id)).toEqual(
      expect.arrayContaining(items),
    );
    expect(offered.carryForwardCandidates.actionItems.map((a) => a.title)).toContain("Angebote einholen");

    // Finalise once the meeting has taken place (moved to last January for the test); every
    // edit of the record is now a CONFLICT, corrections are amendments.
    await ok(
      hub,
      `mutation($id: ID!) { moveMeeting(meetingId: $id, scheduledAt: "2026-01-08T09:00:00Z") { id } }`,
      { id: first.id },
      tokens.manager as string,
    );
    const finalized = await ok<{ finalizeMinutes: { minutesStatus: string; finalizedAt: string } }>(
      hub,
      FINALIZE,
      { id: first.id },
      tokens.officer as string,
    );
    expect(finalized.finalizeMinutes.minutesStatus).toBe("FINAL");

    const carried = await ok<{ addAgendaItem: { kind: string } }>(
      hub,
      ADD_ITEM,
      { input: { meetingId: second.id, title: "Sonstiges (Fortsetzung)", carriedFromId: items[2] } },
      tokens.manager as string,
    );
    expect(carried.addAgendaItem.kind).toBe("OTHER");
    const offeredAgain = await ok<{ carryForwardCandidates: { agendaItems: { id: string }[] } }>(
      hub,
      "query($id: ID!) { carryForwardCandidates(meetingId: $id) { agendaItems { id } } }",
      { id: second.id },
      tokens.manager as string,
    );
    expect(offeredAgain.carryForwardCandidates.agendaItems.map((i) => i.id)).not.toContain(items[2]);

    const amendment = await ok<{
      addAmendment: { reason: string; author: { email: string }; createdAt: string };
    }>(
      hub,
      `mutation($id: ID!) { addAmendment(meetingId: $id, reason: "Tippfehler", text: "Es sind 16, nicht 15 Tablets.") { reason author { email } createdAt } }`,
      { id: first.id },
      tokens.manager as string,
    );
    expect(amendment.addAmendment.author.email).toBe("servicemanager@ksm.example");

    const record = await ok<{
      meeting: {
        minutesStatus: string;
        amendments: { reason: string }[];
        decisions: { title: string }[];
        actionItems: { title: string }[];
      };
    }>(
      hub,
      "query($id: ID!) { meeting(id: $id) { minutesStatus amendments { reason } decisions { title } actionItems { title } } }",
      { id: first.id },
      tokens.controller as string,
    );
    expect(record.meeting).toMatchObject({
      minutesStatus: "FINAL",
      amendments: [{ reason: "Tippfehler" }],
      decisions: [{ title: "Tablet-Klassensätze beschlossen" }],
    });

    // The audit trail shows every step.
    const audit = await hub.db.read.auditEntry.findMany({
      where: { objectId: { in: [first.id, decisionId].map((g) => decodeGlobalID(g).id) } },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["PARTICIPANTS", "REORDER_AGENDA", "CREATE", "FINALIZE"]),
    );
  });
});

describe("a FINAL record answers CONFLICT", () => {
  let meetingId: string;
  let itemId: string;
  let decisionId: string;
  let actionId: string;
  beforeAll(async () => {
    // A meeting that has taken place: only those are finalised.
    const series = await newSeries(1, "2026-02-02");
    meetingId = series.meetings[0]?.id as string;
    itemId = (
      await ok<{ addAgendaItem: { id: string } }>(
        hub,
        ADD_ITEM,
        { input: { meetingId, title: "TOP 1" } },
        tokens.manager as string,
      )
    ).addAgendaItem.id;
    decisionId = (
      await ok<{ recordDecision: { id: string } }>(
        hub,
        DECIDE,
        {
          input: {
            meetingId,
            agendaItemId: itemId,
            title: "Ein Beschluss",
            text: "Text",
            status: "APPROVED",
          },
        },
        tokens.manager as string,
      )
    ).recordDecision.id;
    actionId = (
      await ok<{ addActionItem: { id: string } }>(
        hub,
        ACTION,
        { input: { meetingId, title: "Aufgabe", ownerId: ids.officer } },
        tokens.manager as string,
      )
    ).addActionItem.id;
    await ok(hub, FINALIZE, { id: meetingId }, tokens.manager as string);
  });

  it.each([
    ["addAgendaItem", ADD_ITEM, () => ({ input: { meetingId, title: "Nachträglich" } })],
    ["recordDecision", DECIDE, () => ({ input: { meetingId, title: "Nachträglich", text: "x" } })],
    ["addActionItem", ACTION, () => ({ input: { meetingId, title: "Nachträglich" } })],
    ["finalizeMinutes", FINALIZE, () => ({ id: meetingId })],
    [
      "updateAgendaItem",
      `mutation($input: UpdateAgendaItemInput!) { updateAgendaItem(input: $input) { id } }`,
      () => ({ input: { agendaItemId: itemId, notes: "geändert" } }),
    ],
    [
      "reorderAgendaItems",
      `mutation($id: ID!, $items: [ID!]!) { reorderAgendaItems(meetingId: $id, agendaItemIds: $items) { id } }`,
      () => ({ id: meetingId, items: [itemId] }),
    ],
    [
      "updateMeeting",
      `mutation($id: ID!) { updateMeeting(input: { meetingId: $id, summary: "neu" }) { id } }`,
      () => ({ id: meetingId }),
    ],
    [
      "moveMeeting",
      `mutation($id: ID!) { moveMeeting(meetingId: $id, scheduledAt: "2027-02-05T10:00:00Z") { id } }`,
      () => ({ id: meetingId }),
    ],
    [
      "cancelMeeting",
      `mutation($id: ID!) { cancelMeeting(meetingId: $id, reason: "x") { id } }`,
      () => ({ id: meetingId }),
    ],
    [
      "setMeetingParticipants",
      `mutation($id: ID!) { setMeetingParticipants(meetingId: $id, invitedIds: [], attendedIds: []) { id } }`,
      () => ({ id: meetingId }),
    ],
  ])("%s", async (_name, query, variables) => {
    const r = await hub.gql(query, variables(), tokens.manager);
    expect(codes(r)).toEqual(["CONFLICT"]);
    expect(r.errors?.[0]?.message).toMatch(/abgeschlossen/);
  });

  it("allows what happens after the meeting: status changes, reviews, action item done (all audited)", async () => {
    await ok(
      hub,
      STATUS,
      { id: decisionId, status: "REVOKED", reason: "Haushaltssperre" },
      tokens.officer as string,
    );
    await ok(
      hub,
      `mutation($id: ID!) { setActionItemStatus(actionItemId: $id, status: DONE) { status } }`,
      { id: actionId },
      tokens.officer as string,
    );
    const actions = await hub.db.read.auditEntry.findMany({
      where: { objectId: { in: [decisionId, actionId].map((g) => decodeGlobalID(g).id) }, action: "STATUS" },
    });
    expect(actions).toHaveLength(2);
    // A revoked decision is not reviewed any more.
    const r = await hub.gql(REVIEW, { input: { decisionId, verdict: "APPROVE" } }, tokens.controller);
    expect(codes(r)).toEqual(["CONFLICT"]);
  });

  it("takes no amendment on a draft", async () => {
    const series = await newSeries(1, "2027-03-01");
    const r = await hub.gql(
      `mutation($id: ID!) { addAmendment(meetingId: $id, reason: "x", text: "y") { id } }`,
      { id: series.meetings[0]?.id },
      tokens.manager,
    );
    expect(codes(r)).toEqual(["CONFLICT"]);
  });
});

describe("decision status transitions", () => {
  let meetingId: string;
  beforeAll(async () => {
    meetingId = (await newSeries(1, "2027-04-01")).meetings[0]?.id as string;
  });
  const decide = async (status: string) =>
    (
      await ok<{ recordDecision: { id: string } }>(
        hub,
        DECIDE,
        { input: { meetingId, title: `Beschluss ${status}`, text: "Text", status } },
        tokens.manager as string,
      )
    ).recordDecision.id;

  const allowed: [string, string][] = [
    ["PROPOSED", "APPROVED"],
    ["PROPOSED", "REJECTED"],
    ["PROPOSED", "DEFERRED"],
    ["DEFERRED", "PROPOSED"],
    ["DEFERRED", "APPROVED"],
    ["DEFERRED", "REJECTED"],
  ];
  const all = ["PROPOSED", "APPROVED", "REJECTED", "DEFERRED", "REVOKED"];

  it("allows exactly the permitted transitions and answers CONFLICT for every other", async () => {
    for (const from of ["PROPOSED", "APPROVED", "REJECTED", "DEFERRED"]) {
      for (const to of all) {
        const id = await decide(from);
        const r = await hub.gql<{ changeDecisionStatus: { status: string } }>(
          STATUS,
          { id, status: to, reason: "Begründung" },
          tokens.manager,
        );
        const permitted =
          allowed.some(([a, b]) => a === from && b === to) || (from === "APPROVED" && to === "REVOKED");
        if (permitted) expect(r.data?.changeDecisionStatus.status, `${from} → ${to}`).toBe(to);
        else expect(codes(r), `${from} → ${to}`).toEqual(["CONFLICT"]);
      }
    }
    // REVOKED is terminal, and cannot be recorded directly.
    const revoked = await decide("APPROVED");
    await ok(
      hub,
      STATUS,
      { id: revoked, status: "REVOKED", reason: "Haushaltssperre" },
      tokens.manager as string,
    );
    for (const to of all)
      expect(codes(await hub.gql(STATUS, { id: revoked, status: to, reason: "x" }, tokens.manager))).toEqual([
        "CONFLICT",
      ]);
    const direct = await hub.gql(
      DECIDE,
      { input: { meetingId, title: "x", text: "y", status: "REVOKED" } },
      tokens.manager,
    );
    expect(codes(direct)).toEqual(["CONFLICT"]);
  });

  it("needs a reason to revoke", async () => {
    const id = await decide("APPROVED");
    const r = await hub.gql(STATUS, { id, status: "REVOKED" }, tokens.manager);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors?.[0]?.extensions?.field).toBe("reason");
  });
});

describe("roles", () => {
  let meetingId: string;
  let decisionId: string;
  beforeAll(async () => {
    meetingId = (await newSeries(1, "2027-05-03")).meetings[0]?.id as string;
    decisionId = (
      await ok<{ recordDecision: { id: string } }>(
        hub,
        DECIDE,
        { input: { meetingId, title: "Rollen", text: "Text" } },
        tokens.manager as string,
      )
    ).recordDecision.id;
  });

  it.each(["controller", "schoolContact", "staff", "administration"])(
    "%s may not record Jour-Fixe outcomes",
    async (who) => {
      const token = tokens[who];
      for (const [query, variables] of [
        [ADD_ITEM, { input: { meetingId, title: "x" } }],
        [DECIDE, { input: { meetingId, title: "x", text: "y" } }],
        [ACTION, { input: { meetingId, title: "x" } }],
        [FINALIZE, { id: meetingId }],
        [STATUS, { id: decisionId, status: "APPROVED" }],
        [
          SERIES,
          {
            input: {
              authorityId: ids.authority,
              kind: "JOUR_FIXE",
              title: "x",
              weekday: 1,
              startTime: "10:00",
              startDate: "2027-06-01",
              count: 1,
            },
          },
        ],
      ] as const) {
        // A school contact does not even see the steering records (NOT_FOUND); the others lack the role.
        const refused = who === "schoolContact" ? ["FORBIDDEN", "NOT_FOUND"] : ["FORBIDDEN"];
        const got = codes(await hub.gql(query, variables, token));
        expect(got, `${who}: ${query.slice(0, 40)}`).toHaveLength(1);
        expect(refused, `${who}: ${query.slice(0, 40)}`).toContain(got[0]);
      }
    },
  );

  it("lets only steering group members review", async () => {
    for (const who of ["admin", "schoolContact", "staff"]) {
      expect(
        codes(await hub.gql(REVIEW, { input: { decisionId, verdict: "APPROVE" } }, tokens[who])),
        who,
      ).toEqual([who === "schoolContact" ? "NOT_FOUND" : "FORBIDDEN"]);
    }
    const member = await hub.gql(
      REVIEW,
      { input: { decisionId, verdict: "APPROVE" } },
      tokens.administration,
    );
    expect(codes(member)).toEqual([]);
  });

  it("validates input with the field at fault", async () => {
    const r = await hub.gql(DECIDE, { input: { meetingId, title: "  ", text: "y" } }, tokens.manager);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "title" });
    const cost = await hub.gql(
      DECIDE,
      { input: { meetingId, title: "x", text: "y", costImpact: "1.234" } },
      tokens.manager,
    );
    expect(cost.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "costImpact" });
    const series = await hub.gql(
      SERIES,
      {
        input: {
          authorityId: ids.authority,
          kind: "JOUR_FIXE",
          title: "x",
          weekday: 9,
          startTime: "10:00",
          startDate: "2027-06-01",
          count: 1,
        },
      },
      tokens.manager,
    );
    expect(series.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "weekday" });
  });
});

describe("procurement requests", () => {
  const RAISE = `mutation($input: RaiseProcurementRequestInput!) { raiseProcurementRequest(input: $input) { id status estimatedCost acceptanceRequired } }`;
  const step = (name: string) =>
    `mutation($id: ID!) { ${name}(procurementRequestId: $id) { status acceptedBy { email } } }`;

  it("runs from the school's request to acceptance, through a Jour-Fixe decision", async () => {
    const raised = await ok<{
      raiseProcurementRequest: { id: string; status: string; estimatedCost: string };
    }>(
      hub,
      RAISE,
      {
        input: {
          schoolId: ids.lankow,
          category: "HARDWARE",
          title: "Dokumentenkamera",
          justification: "Für Klasse 2",
          estimatedCost: "489.90",
        },
      },
      tokens.schoolContact as string,
    );
    const requestId = raised.raiseProcurementRequest.id;
    expect(raised.raiseProcurementRequest).toMatchObject({ status: "RAISED", estimatedCost: "489.90" });
    // A school contact raises only for their own school.
    const foreignSchool = await hub.gql(
      RAISE,
      {
        input: {
          schoolId: ids.goethe,
          category: "HARDWARE",
          title: "x",
          justification: "y",
          estimatedCost: "1",
        },
      },
      tokens.schoolContact,
    );
    expect(codes(foreignSchool)).toEqual(["FORBIDDEN"]);
    // Ordering before a decision is a CONFLICT.
    expect(codes(await hub.gql(step("markProcurementOrdered"), { id: requestId }, tokens.manager))).toEqual([
      "CONFLICT",
    ]);

    const meetingId = (await newSeries(1, "2027-07-01")).meetings[0]?.id as string;
    const item = await ok<{ addAgendaItem: { id: string; kind: string } }>(
      hub,
      ADD_ITEM,
      {
        input: { meetingId, title: "Beschaffungsanfrage Dokumentenkamera", procurementRequestId: requestId },
      },
      tokens.officer as string,
    );
    expect(item.addAgendaItem.kind).toBe("PROCUREMENT");
    await ok(
      hub,
      DECIDE,
      {
        input: {
          meetingId,
          agendaItemId: item.addAgendaItem.id,
          title: "Dokumentenkamera freigegeben",
          text: "Ja.",
          status: "APPROVED",
          procurementRequestId: requestId,
        },
      },
      tokens.manager as string,
    );
    // Only the provider orders and delivers; only the authority's IT department accepts.
    expect(codes(await hub.gql(step("markProcurementOrdered"), { id: requestId }, tokens.officer))).toEqual([
      "FORBIDDEN",
    ]);
    await ok(hub, step("markProcurementOrdered"), { id: requestId }, tokens.manager as string);
    await ok(hub, step("markProcurementDelivered"), { id: requestId }, tokens.manager as string);
    expect(codes(await hub.gql(step("acceptProcurementRequest"), { id: requestId }, tokens.manager))).toEqual(
      ["FORBIDDEN"],
    );
    const accepted = await ok<{
      acceptProcurementRequest: { status: string; acceptedBy: { email: string } };
    }>(hub, step("acceptProcurementRequest"), { id: requestId }, tokens.officer as string);
    expect(accepted.acceptProcurementRequest).toMatchObject({
      status: "ACCEPTED",
      acceptedBy: { email: "schul-it@schwerin.example" },
    });
    expect(codes(await hub.gql(step("acceptProcurementRequest"), { id: requestId }, tokens.officer))).toEqual(
      ["CONFLICT"],
    );
  });

  it("has no acceptance for network infrastructure", async () => {
    const raised = await ok<{ raiseProcurementRequest: { id: string; acceptanceRequired: boolean } }>(
      hub,
      RAISE,
      {
        input: {
          schoolId: ids.goethe,
          category: "NETWORK_INFRASTRUCTURE",
          title: "Switch",
          justification: "Ersatz",
          estimatedCost: "900",
        },
      },
      tokens.officer as string,
    );
    const id = raised.raiseProcurementRequest.id;
    expect(raised.raiseProcurementRequest.acceptanceRequired).toBe(false);
    const meetingId = (await newSeries(1, "2027-08-02")).meetings[0]?.id as string;
    await ok(
      hub,
      DECIDE,
      { input: { meetingId, title: "Switch", text: "Ja.", status: "APPROVED", procurementRequestId: id } },
      tokens.manager as string,
    );
    await ok(hub, step("markProcurementOrdered"), { id }, tokens.manager as string);
    await ok(hub, step("markProcurementDelivered"), { id }, tokens.manager as string);
    const r = await hub.gql(step("acceptProcurementRequest"), { id }, tokens.officer);
    expect(codes(r)).toEqual(["CONFLICT"]);
  });

  it("shows a school contact the requests of their own school only", async () => {
    const r = await ok<{ schoolAuthority: { procurementRequests: { school: { name: string } }[] } }>(
      hub,
      "query($id: ID!) { schoolAuthority(id: $id) { procurementRequests { school { name } } } }",
      { id: ids.authority },
      tokens.schoolContact as string,
    );
    expect(r.schoolAuthority.procurementRequests.length).toBeGreaterThan(0);
    expect(new Set(r.schoolAuthority.procurementRequests.map((p) => p.school.name))).toEqual(
      new Set(["Grundschule Lankow"]),
    );
  });
});

describe("search, register and live updates", () => {
  it("finds decisions about tablets, ranked, with meeting and date", async () => {
    const r = await ok<{
      searchGovernance: {
        kind: string;
        title: string;
        date: string;
        score: number;
        meeting: { title: string };
      }[];
    }>(
      hub,
      `query($id: ID!) { searchGovernance(text: "Tablets", authorityId: $id, from: "2000-01-01") { kind title date score meeting { title } } }`,
      { id: ids.authority },
      tokens.controller as string,
    );
    expect(r.searchGovernance.length).toBeGreaterThan(0);
    expect(r.searchGovernance.some((h) => h.kind === "DECISION" && /Tablet/.test(h.title))).toBe(true);
    const scores = r.searchGovernance.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(r.searchGovernance[0]?.meeting.title).toBeTruthy();
    const none = await ok<{ searchGovernance: unknown[] }>(
      hub,
      `{ searchGovernance(text: "Quantencomputer") { title } }`,
      {},
      tokens.controller as string,
    );
    expect(none.searchGovernance).toEqual([]);
  });

  it("filters the decision register by status, school and text", async () => {
    const r = await ok<{
      decisions: {
        totalCount: number;
        edges: { node: { status: string; school: { name: string } | null; title: string } }[];
      };
    }>(
      hub,
      `query($school: ID!) { decisions(first: 50, filter: { status: [APPROVED], schoolId: $school, text: "Tablet" }) {
        totalCount edges { node { status title school { name } } } } }`,
      { school: ids.lankow },
      tokens.controller as string,
    );
    expect(r.decisions.totalCount).toBeGreaterThan(0);
    for (const { node } of r.decisions.edges) {
      expect(node.status).toBe("APPROVED");
      expect(node.school?.name).toBe("Grundschule Lankow");
    }
  });

  it("pushes new decisions, status changes and reviews to subscribers", async () => {
    const meetingId = (await newSeries(1, "2027-09-02")).meetings[0]?.id as string;
    const before = hub.app.events.listenerCount("decisionUpdated");
    const received = collect<{
      decisionUpdated: {
        change: string;
        decision: { title: string; status: string; reviewSummary: { approved: number } };
      };
    }>(
      hub.ws(tokens.controller),
      `subscription($id: ID!) { decisionUpdated(authorityId: $id) { change decision { title status reviewSummary { approved } } } }`,
      { id: ids.authority },
      3,
    );
    await until(() => hub.app.events.listenerCount("decisionUpdated") > before);
    const id = (
      await ok<{ recordDecision: { id: string } }>(
        hub,
        DECIDE,
        { input: { meetingId, title: "Live", text: "Text" } },
        tokens.manager as string,
      )
    ).recordDecision.id;
    await ok(hub, STATUS, { id, status: "APPROVED" }, tokens.manager as string);
    await ok(hub, REVIEW, { input: { decisionId: id, verdict: "APPROVE" } }, tokens.facility as string);
    const { results, errors } = await received;
    expect(errors).toEqual([]);
    expect(
      results.map((r) => [
        r.decisionUpdated.change,
        r.decisionUpdated.decision.status,
        r.decisionUpdated.decision.reviewSummary.approved,
      ]),
    ).toEqual([
      ["CREATED", "PROPOSED", 0],
      ["STATUS", "APPROVED", 0],
      ["REVIEW", "APPROVED", 1],
    ]);
  });
});

describe("demo data", () => {
  it("shows a believable year of Jour-Fixe for Schwerin", async () => {
    const r = await ok<{
      schoolAuthority: {
        meetings: {
          totalCount: number;
          edges: {
            node: {
              kind: string;
              status: string;
              minutesStatus: string;
              scheduledAt: string;
              decisions: { status: string; procurementRequest: { id: string } | null }[];
            };
          }[];
        };
        overdueActionItems: { title: string }[];
      };
    }>(
      hub,
      `query($id: ID!) { schoolAuthority(id: $id) { meetings(first: 100) { totalCount edges { node { kind status minutesStatus scheduledAt
        decisions { status procurementRequest { id } } } } } overdueActionItems { title } } }`,
      { id: ids.authority },
      tokens.officer as string,
    );
    const nodes = r.schoolAuthority.meetings.edges.map((e) => e.node);
    const past = nodes.filter(
      (m) => new Date(m.scheduledAt) < new Date() && m.kind === "JOUR_FIXE" && m.status === "SCHEDULED",
    );
    expect(past.length).toBeGreaterThanOrEqual(48);
    // December (commissioning next year's order, two years), spring and autumn; and November 2019,
    // which adopted the first media development plan (plans seed).
    expect(nodes.filter((m) => m.kind === "STEERING_GROUP")).toHaveLength(5);
    expect(past.filter((m) => m.minutesStatus === "DRAFT")).toHaveLength(1);
    expect(nodes.filter((m) => new Date(m.scheduledAt) > new Date()).length).toBeGreaterThanOrEqual(3);
    const decisions = nodes.flatMap((m) => m.decisions);
    expect(decisions.filter((d) => d.procurementRequest).length).toBeGreaterThanOrEqual(5);
    expect(new Set(decisions.map((d) => d.status))).toEqual(
      new Set(["APPROVED", "REJECTED", "DEFERRED", "REVOKED", "PROPOSED"]),
    );
    expect(r.schoolAuthority.overdueActionItems.length).toBeGreaterThan(0);
  });
});
