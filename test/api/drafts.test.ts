// Correcting draft minutes over the real server: agenda items removed, decisions and action
// items edited while the minutes are DRAFT, each audited; finalising refuses a meeting that has
// not taken place, and a FINAL record refuses every correction but an amendment.
// The same file runs on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ok, schwerinIds } from "../helpers/governance.ts";
import { codes, startHub, type TestHub } from "../helpers/hub.ts";

let hub: TestHub;
let ids: Awaited<ReturnType<typeof schwerinIds>>;
const t = { manager: "", officer: "", controller: "", parchim: "", contact: "" };

const MEETING = "mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }";
const ADD_ITEM = "mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id position } }";
const DECIDE = "mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }";
const ACTION = "mutation($input: AddActionItemInput!) { addActionItem(input: $input) { id } }";
const REMOVE = "mutation($id: ID!) { removeAgendaItem(agendaItemId: $id) }";
const UPDATE_DECISION = `mutation($input: UpdateDecisionInput!) { updateDecision(input: $input) {
  id title text costImpact personDayImpact followUpDate agendaItem { id } } }`;
const UPDATE_ACTION = `mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) {
  id title dueDate owner { email } } }`;
const FINALIZE = "mutation($id: ID!) { finalizeMinutes(meetingId: $id) { minutesStatus } }";
const MEETING_READ = `query($id: ID!) { meeting(id: $id) { version agendaItems { id title position }
  decisions { id title agendaItem { id } } actionItems { id title agendaItem { id } } } }`;

interface MeetingRead {
  meeting: {
    version: number;
    agendaItems: { id: string; title: string; position: number }[];
    decisions: { id: string; title: string; agendaItem: { id: string } | null }[];
    actionItems: { id: string; title: string; agendaItem: { id: string } | null }[];
  };
}

async function meeting(daysFromNow: number, title: string): Promise<string> {
  const created = await ok<{ createMeeting: { id: string } }>(
    hub,
    MEETING,
    {
      input: {
        authorityId: ids.authority,
        kind: "JOUR_FIXE",
        title,
        scheduledAt: new Date(Date.now() + daysFromNow * 86_400_000).toISOString(),
      },
    },
    t.manager,
  );
  return created.createMeeting.id;
}

const item = async (meetingId: string, title: string, extra: Record<string, unknown> = {}) =>
  (
    await ok<{ addAgendaItem: { id: string } }>(
      hub,
      ADD_ITEM,
      { input: { meetingId, title, ...extra } },
      t.manager,
    )
  ).addAgendaItem.id;

const dbId = (globalId: string) => Buffer.from(globalId, "base64").toString().split(":")[1] as string;

async function auditOf(objectId: string) {
  return hub.db.read.auditEntry.findMany({
    where: { objectId: dbId(objectId) },
    orderBy: { at: "asc" },
    select: { action: true, changes: true },
  });
}

beforeAll(async () => {
  hub = await startHub();
  ids = await schwerinIds(hub);
  [t.manager, t.officer, t.controller, t.parchim, t.contact] = await Promise.all([
    hub.login("servicemanager@ksm.example"),
    hub.login("schul-it@schwerin.example"),
    hub.login("controlling@schwerin.example"),
    hub.login("controlling@parchim.example"),
    hub.login("schule@schwerin.example"),
  ]);
});

afterAll(async () => {
  await hub?.close();
});

describe("draft minutes are corrected", () => {
  let meetingId = "";
  const items: Record<string, string> = {};
  let decisionId = "";
  let actionId = "";

  beforeAll(async () => {
    meetingId = await meeting(-3, "Jour-Fixe mit Fehlern im Entwurf");
    for (const title of ["Begrüßung", "Versehentlich doppelt", "WLAN-Ausbau"])
      items[title] = await item(meetingId, title);
    decisionId = (
      await ok<{ recordDecision: { id: string } }>(
        hub,
        DECIDE,
        {
          input: {
            meetingId,
            agendaItemId: items["Versehentlich doppelt"],
            title: "Tablets beschaffen",
            text: "Jede Grundschule erhält 16 Tablets.",
            status: "APPROVED",
            costImpact: "150050",
            followUpDate: "2027-03-01",
          },
        },
        t.manager,
      )
    ).recordDecision.id;
    actionId = (
      await ok<{ addActionItem: { id: string } }>(
        hub,
        ACTION,
        { input: { meetingId, agendaItemId: items["Versehentlich doppelt"], title: "Angebote einholen" } },
        t.manager,
      )
    ).addActionItem.id;
  });

  it("removes an agenda item; its decision and action item stay in the minutes, the rest moves up", async () => {
    expect(codes(await hub.gql(REMOVE, { id: items["Versehentlich doppelt"] }, t.controller))).toEqual([
      "FORBIDDEN",
    ]);
    expect(codes(await hub.gql(REMOVE, { id: items["Versehentlich doppelt"] }, t.parchim))).toEqual([
      "NOT_FOUND",
    ]);
    const before = await ok<MeetingRead>(hub, MEETING_READ, { id: meetingId }, t.manager);
    const removed = await hub.gql(REMOVE, { id: items["Versehentlich doppelt"] }, t.manager);
    expect(removed.errors).toBeUndefined();
    expect(removed.data).toEqual({ removeAgendaItem: true });

    const after = await ok<MeetingRead>(hub, MEETING_READ, { id: meetingId }, t.manager);
    expect(after.meeting.agendaItems.map((i) => [i.title, i.position])).toEqual([
      ["Begrüßung", 1],
      ["WLAN-Ausbau", 2],
    ]);
    expect(after.meeting.version).toBeGreaterThan(before.meeting.version);
    expect(after.meeting.decisions).toEqual([
      { id: decisionId, title: "Tablets beschaffen", agendaItem: null },
    ]);
    expect(after.meeting.actionItems).toEqual([
      { id: actionId, title: "Angebote einholen", agendaItem: null },
    ]);
    const audit = await auditOf(items["Versehentlich doppelt"] as string);
    expect(audit.map((a) => a.action)).toEqual(["CREATE", "DELETE"]);
    expect(JSON.parse(audit[1]?.changes ?? "{}")).toMatchObject({
      title: "Versehentlich doppelt",
      position: 2,
      decisions: 1,
      actionItems: 1,
    });
    const search = await ok<{ searchGovernance: unknown[] }>(
      hub,
      'query($a: ID!) { searchGovernance(authorityId: $a, text: "Versehentlich doppelt") { kind } }',
      { a: ids.authority },
      t.manager,
    );
    expect(search.searchGovernance).toEqual([]);
    expect(codes(await hub.gql(REMOVE, { id: items["Versehentlich doppelt"] }, t.manager))).toEqual([
      "NOT_FOUND",
    ]);
  });

  it("keeps an item that put a procurement request on the agenda", async () => {
    const raised = await ok<{ raiseProcurementRequest: { id: string } }>(
      hub,
      `mutation($input: RaiseProcurementRequestInput!) { raiseProcurementRequest(input: $input) { id } }`,
      {
        input: {
          schoolId: ids.lankow,
          category: "SOFTWARE",
          title: "Lernsoftware Mathematik",
          justification: "Für den Förderunterricht.",
          estimatedCost: "480",
        },
      },
      t.officer,
    );
    const withRequest = await item(meetingId, "Beschaffung Lernsoftware", {
      procurementRequestId: raised.raiseProcurementRequest.id,
    });
    const refused = await hub.gql(REMOVE, { id: withRequest }, t.manager);
    expect(codes(refused)).toEqual(["CONFLICT"]);
    expect(refused.errors?.[0]?.message).toBe(
      "„Beschaffung Lernsoftware“ hat eine Beschaffungsanfrage auf die Tagesordnung gesetzt und bleibt; ändern Sie bei Bedarf den Titel.",
    );
  });

  it("rewords a decision with exact amounts, audited and found under its new title", async () => {
    expect(
      codes(await hub.gql(UPDATE_DECISION, { input: { decisionId, title: "x" } }, t.controller)),
    ).toEqual(["FORBIDDEN"]);
    expect(codes(await hub.gql(UPDATE_DECISION, { input: { decisionId, title: "x" } }, t.parchim))).toEqual([
      "NOT_FOUND",
    ]);
    const bad = await hub.gql(UPDATE_DECISION, { input: { decisionId, costImpact: "1500.505" } }, t.manager);
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(bad.errors?.[0]?.extensions?.field).toBe("costImpact");
    const empty = await hub.gql(UPDATE_DECISION, { input: { decisionId, title: "   " } }, t.manager);
    expect(empty.errors?.[0]?.message).toBe("Der Titel darf nicht leer sein.");

    const updated = await hub.gql<{ updateDecision: Record<string, unknown> }>(
      UPDATE_DECISION,
      {
        input: {
          decisionId,
          title: "Tablet-Klassensätze beschaffen",
          costImpact: "1500.50",
          personDayImpact: "3.25",
          followUpDate: null,
        },
      },
      t.officer,
    );
    expect(updated.errors, JSON.stringify(updated.errors)).toBeUndefined();
    expect(updated.data?.updateDecision).toEqual({
      id: decisionId,
      title: "Tablet-Klassensätze beschaffen",
      text: "Jede Grundschule erhält 16 Tablets.",
      costImpact: "1500.50",
      personDayImpact: "3.25",
      followUpDate: null,
      agendaItem: null,
    });
    const audit = await auditOf(decisionId);
    expect(audit.map((a) => a.action)).toEqual(["CREATE", "UPDATE"]);
    expect(JSON.parse(audit[1]?.changes ?? "{}")).toEqual({
      title: ["Tablets beschaffen", "Tablet-Klassensätze beschaffen"],
      costImpact: ["150050.00", "1500.50"],
      personDayImpact: [null, "3.25"],
      followUpDate: ["2027-03-01", null],
    });
    const search = await ok<{ searchGovernance: { decision: { id: string } | null }[] }>(
      hub,
      'query($a: ID!) { searchGovernance(authorityId: $a, text: "Klassensätze") { decision { id } } }',
      { a: ids.authority },
      t.manager,
    );
    expect(search.searchGovernance.map((h) => h.decision?.id)).toContain(decisionId);
  });

  it("changes an action item's title, owner and due date", async () => {
    const foreign = await hub.gql(
      UPDATE_ACTION,
      { input: { actionItemId: actionId, ownerId: ids.parchimController } },
      t.manager,
    );
    expect(codes(foreign)).toEqual(["BAD_USER_INPUT"]);
    expect(
      codes(await hub.gql(UPDATE_ACTION, { input: { actionItemId: actionId, title: "x" } }, t.contact)),
    ).toEqual(["NOT_FOUND"]);
    const updated = await hub.gql<{ updateActionItem: Record<string, unknown> }>(
      UPDATE_ACTION,
      {
        input: {
          actionItemId: actionId,
          title: "Drei Angebote einholen",
          ownerId: ids.officer,
          dueDate: "2027-02-15",
        },
      },
      t.manager,
    );
    expect(updated.errors, JSON.stringify(updated.errors)).toBeUndefined();
    expect(updated.data?.updateActionItem).toEqual({
      id: actionId,
      title: "Drei Angebote einholen",
      dueDate: "2027-02-15",
      owner: { email: "schul-it@schwerin.example" },
    });
    const cleared = await hub.gql<{ updateActionItem: Record<string, unknown> }>(
      UPDATE_ACTION,
      { input: { actionItemId: actionId, dueDate: null } },
      t.manager,
    );
    expect(cleared.data?.updateActionItem).toMatchObject({
      dueDate: null,
      owner: { email: "schul-it@schwerin.example" },
    });
    expect((await auditOf(actionId)).map((a) => a.action)).toEqual(["CREATE", "UPDATE", "UPDATE"]);
  });

  it("shows the audit trail readably: German names of objects, actions and fields, names instead of ids", async () => {
    const log = await ok<{
      auditLog: {
        edges: {
          node: {
            objectId: string;
            objectLabel: string;
            actionLabel: string;
            changeList: { field: string; before: string | null; after: string | null }[];
          };
        }[];
      };
    }>(
      hub,
      `query { auditLog(first: 50) { edges { node { objectId objectLabel actionLabel changeList { field before after } } } } }`,
      {},
      t.officer,
    );
    const entries = log.auditLog.edges.map((e) => e.node);
    const decision = entries.find((e) => e.objectId === dbId(decisionId) && e.actionLabel === "geändert");
    expect(decision?.objectLabel).toBe("Beschluss");
    expect(decision?.changeList).toEqual([
      { field: "Titel", before: "Tablets beschaffen", after: "Tablet-Klassensätze beschaffen" },
      { field: "Kostenauswirkung", before: "150.050,00", after: "1.500,50" },
      { field: "Auswirkung in Personentagen", before: null, after: "3,25" },
      { field: "Wiedervorlage am", before: "01.03.2027", after: null },
    ]);
    const action = entries.find(
      (e) => e.objectId === dbId(actionId) && e.changeList.some((c) => c.field === "Verantwortlich"),
    );
    expect(action?.objectLabel).toBe("Aufgabe");
    expect(action?.changeList).toContainEqual({
      field: "Verantwortlich",
      before: null,
      after: "Katrin Möller",
    });
    const removed = entries.find(
      (e) => e.objectId === dbId(items["Versehentlich doppelt"] as string) && e.actionLabel === "entfernt",
    );
    expect(removed?.objectLabel).toBe("Tagesordnungspunkt");
    expect(removed?.changeList).toContainEqual({
      field: "Sitzung",
      before: null,
      after: expect.stringMatching(/^Jour-Fixe mit Fehlern im Entwurf \(\d{2}\.\d{2}\.\d{4}\)$/),
    });
    const text = JSON.stringify(entries.map((e) => [e.objectLabel, e.actionLabel, e.changeList]));
    expect(text.match(/\d{4}-\d{2}-\d{2}|"[A-Z_]{4,}"|\bc[a-z0-9]{24}\b/g)).toBeNull();
  });

  it("finalises only a meeting that has taken place, and then refuses every correction", async () => {
    const upcoming = await meeting(7, "Jour-Fixe nächste Woche");
    const early = await hub.gql(FINALIZE, { id: upcoming }, t.manager);
    expect(codes(early)).toEqual(["CONFLICT"]);
    expect(early.errors?.[0]?.message).toMatch(
      /^Die Sitzung findet erst am \w{2}\., \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} statt; ihr Protokoll/,
    );

    expect((await hub.gql(FINALIZE, { id: meetingId }, t.manager)).errors).toBeUndefined();
    for (const refused of [
      await hub.gql(REMOVE, { id: items["WLAN-Ausbau"] }, t.manager),
      await hub.gql(UPDATE_DECISION, { input: { decisionId, title: "Später" } }, t.manager),
      await hub.gql(UPDATE_ACTION, { input: { actionItemId: actionId, title: "Später" } }, t.manager),
    ]) {
      expect(codes(refused)).toEqual(["CONFLICT"]);
      expect(refused.errors?.[0]?.message).toBe(
        "Das Protokoll ist abgeschlossen und kann nicht mehr geändert werden. Korrekturen bitte als Nachtrag.",
      );
    }
  });
});
