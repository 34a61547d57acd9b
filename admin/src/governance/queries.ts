// The governance resources as GraphQL operations. The API has no top-level list of meetings,
// action items or procurement requests: they hang off each visible authority, so those lists
// are read through `schoolAuthorities` and paged in the browser.
import {
  type Built,
  connectionList,
  type ListParams,
  manyNodes,
  mutation,
  pageLocally,
  type ResourceQueries,
  type Row,
} from "../dataProvider/registry.ts";

export const MEETING_ROW =
  "id title kind scheduledAt durationMinutes location status minutesStatus authority { id name }";

const USER = "id name email";
// A row counts who is pending; the decision's page names them.
const DECISION_ROW = `id title status decidedOn version costImpact personDayImpact followUpDate
  authority { id name } school { id name } meeting { id title scheduledAt kind }
  reviewSummary { members approved acknowledged objected abstained pending { id } }`;

export const DECISION_FULL = `${DECISION_ROW} text statusReason reviewSummary { pending { ${USER} } }
  agendaItem { id title position }
  procurementRequest { id title status }
  reviews(history: true) { id verdict comment createdAt current reviewer { ${USER} } }`;

const ACTION_ITEM = `id title status dueDate overdue completedAt owner { id name }
  meeting { id title scheduledAt authority { id name } } agendaItem { id title position }`;

const DECISION_ON_ITEM = "id title text status costImpact personDayImpact followUpDate school { id name }";

export const MEETING_FULL = `${MEETING_ROW} cancelReason finalizedAt summary version
  minutesPdfUrl minutesMarkdownUrl
  series { id title }
  authority { id name steeringGroup { members { user { ${USER} } } } schools { id name } }
  participants { invited attended user { ${USER} } }
  agendaItems { id position title kind status notes
    presenter { ${USER} }
    carriedFrom { id title meeting { id scheduledAt } }
    procurementRequest { id title status }
    decisions { ${DECISION_ON_ITEM} }
    actionItems { id title status dueDate overdue owner { ${USER} } } }
  decisions { ${DECISION_ON_ITEM} agendaItem { id } }
  actionItems { id title status dueDate overdue owner { ${USER} } agendaItem { id } }
  amendments { id reason text createdAt author { ${USER} } }`;

/** What the list shows and searches; a provider's list holds every authority's requests. */
const PROCUREMENT_ROW = `id title status category estimatedCost justification createdAt
  school { id name } authority { id name }`;
const PROCUREMENT_RECORD = `${PROCUREMENT_ROW} orderedAt deliveredAt acceptedAt acceptanceRequired
  acceptedBy { ${USER} } raisedBy { ${USER} }`;
// Without the decisions: the API refuses them to school contacts (steering records), and one
// refused field fails the whole answer.
const PROCUREMENT = `${PROCUREMENT_RECORD}
  decisions @include(if: $withDecisions) { id title status decidedOn meeting { id } }`;

const AUDIT = `id at action objectType objectLabel actionLabel objectId changeList { field before after } actor { ${USER} } authority { id name }`;

/**
 * getOne through the typed root field (`meeting(id:)` …), getMany, for a list's references,
 * through `nodes(ids:)` with the fields of a list row.
 */
function typedQueries(field: string, type: string, fields: string, rowFields: string): ResourceQueries {
  const getOne = (params: { id: string }): Built => ({
    query: `query ($id: ID!) { record: ${field}(id: $id) { ${fields} } }`,
    variables: { id: params.id },
    parseResponse: ({ data }) => ({ data: data.record }),
  });
  return { GET_ONE: getOne, GET_MANY: manyNodes(type, rowFields) };
}

/** Filters a list builder answers through GraphQL variables, not in the browser. */
function withoutFilters(params: ListParams, consumed: string[]): ListParams {
  const filter = { ...(params.filter ?? {}) };
  for (const key of consumed) delete filter[key];
  return { ...params, filter };
}

function localList(
  query: string,
  pick: (data: Row) => Row[],
  variables: (params: ListParams) => Row,
  consumed: string[],
) {
  return (params: ListParams): Built => ({
    query: query,
    variables: variables(params),
    parseResponse: ({ data }) => pageLocally(pick(data), withoutFilters(params, consumed)),
  });
}

const edges = (connection: { edges: { node: Row }[] }) => connection.edges.map((e) => e.node);
const isoDay = (value: unknown) => (typeof value === "string" && value ? value : undefined);

/** The `when` filter of the meetings list: upcoming (from now on), past, or all. */
export function meetingWindow(filter: Record<string, unknown> = {}): Row {
  const now = new Date().toISOString();
  const from = isoDay(filter.from);
  const to = isoDay(filter.to);
  const window: Row = {
    authorityId: filter.authorityId || null,
    kind: filter.kind || null,
    from: from ? new Date(`${from}T00:00:00`).toISOString() : null,
    to: to ? new Date(`${to}T23:59:59`).toISOString() : null,
    // Upcoming meetings from the start; others the most recent 100.
    first: null,
    last: null,
  };
  if (filter.when === "upcoming") {
    window.from = window.from && window.from > now ? window.from : now;
    window.first = 100;
  } else {
    if (filter.when === "past") window.to = window.to && window.to < now ? window.to : now;
    window.last = 100;
  }
  return window;
}

const MEETINGS_QUERY = `query ($authorityId: ID, $kind: MeetingKind, $from: DateTime, $to: DateTime,
    $first: Int, $last: Int) {
  meetings(filter: { authorityId: $authorityId, kind: $kind, from: $from, to: $to }, first: $first, last: $last) {
    edges { node { ${MEETING_ROW} agendaItems { id } } } } }`;

export const governanceQueries: Record<string, ResourceQueries> = {
  meetings: {
    ...typedQueries("meeting", "Meeting", MEETING_FULL, MEETING_ROW),
    GET_LIST: localList(
      MEETINGS_QUERY,
      (data) =>
        edges(data.meetings).map((m) => ({
          ...m,
          authorityId: m.authority.id,
          agendaCount: m.agendaItems.length,
        })),
      (params) => meetingWindow(params.filter),
      ["when", "authorityId", "kind", "from", "to"],
    ),
    CREATE: mutation(
      `mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { ${MEETING_ROW} } }`,
      (params) => ({
        input: {
          authorityId: params.data.authorityId,
          kind: params.data.kind,
          title: params.data.title,
          scheduledAt: new Date(params.data.scheduledAt).toISOString(),
          durationMinutes: params.data.durationMinutes ? Number(params.data.durationMinutes) : null,
          location: params.data.location || null,
        },
      }),
      (data) => data.createMeeting,
    ),
  },
  decisions: {
    ...typedQueries("decision", "Decision", DECISION_FULL, DECISION_ROW),
    GET_LIST: connectionList(
      `query ($first: Int, $after: String, $filter: DecisionFilter) {
        decisions(first: $first, after: $after, filter: $filter) {
          totalCount pageInfo { endCursor } edges { node { ${DECISION_ROW} } } } }`,
      (data) => data.decisions,
      (params) => {
        const f = params.filter ?? {};
        const status = Array.isArray(f.status) ? f.status : f.status ? [f.status] : null;
        return {
          filter: {
            status: status?.length ? status : null,
            authorityId: f.authorityId || null,
            schoolId: f.schoolId || null,
            from: isoDay(f.from) ?? null,
            to: isoDay(f.to) ?? null,
            text: typeof f.q === "string" && f.q.trim() ? f.q.trim() : null,
          },
        };
      },
    ),
  },
  actionItems: {
    // The 100 due first of the chosen status and authority; the API orders them by due date.
    GET_LIST: localList(
      `query ($status: ActionItemStatus, $authorityId: ID) {
        actionItems(filter: { status: $status, authorityId: $authorityId }, first: 100) {
          edges { node { ${ACTION_ITEM} } } } }`,
      (data) =>
        edges(data.actionItems).map((item) => ({
          ...item,
          authority: item.meeting.authority,
          authorityId: item.meeting.authority.id,
          // Overdue first, then open ones by due date, then the rest.
          rank: `${item.overdue ? 0 : item.status === "OPEN" ? 1 : 2}-${item.dueDate ?? "9999"}`,
        })),
      (params) => ({
        status: params.filter?.status || null,
        authorityId: params.filter?.authorityId || null,
      }),
      ["status", "authorityId"],
    ),
  },
  procurementRequests: {
    ...typedQueries("procurementRequest", "ProcurementRequest", PROCUREMENT_RECORD, PROCUREMENT_ROW),
    // The show page asks for the decisions unless the viewer is a school contact (meta).
    GET_ONE: (params: { id: string; meta?: { withDecisions?: boolean } }): Built => ({
      query: `query ($id: ID!, $withDecisions: Boolean!) { record: procurementRequest(id: $id) { ${PROCUREMENT} } }`,
      variables: { id: params.id, withDecisions: params.meta?.withDecisions !== false },
      parseResponse: ({ data }) => ({ data: data.record }),
    }),
    GET_LIST: localList(
      `{ schoolAuthorities { id name procurementRequests { ${PROCUREMENT_ROW} } } }`,
      (data) =>
        data.schoolAuthorities.flatMap((a: Row) =>
          a.procurementRequests.map((p: Row) => ({ ...p, authorityId: a.id })),
        ),
      () => ({}),
      [],
    ),
    CREATE: mutation(
      `mutation ($input: RaiseProcurementRequestInput!) { raiseProcurementRequest(input: $input) { ${PROCUREMENT_RECORD} } }`,
      (params) => ({
        input: {
          schoolId: params.data.schoolId,
          category: params.data.category,
          title: params.data.title,
          justification: params.data.justification,
          // The form's number input holds the exact Decimal text already.
          estimatedCost: params.data.estimatedCost,
        },
      }),
      (data) => data.raiseProcurementRequest,
    ),
  },
  auditLog: {
    GET_LIST: connectionList(
      `query ($first: Int, $after: String, $authorityId: ID, $objectType: String, $action: String) {
        auditLog(first: $first, after: $after, authorityId: $authorityId, objectType: $objectType, action: $action) {
          totalCount pageInfo { endCursor } edges { node { ${AUDIT} } } } }`,
      (data) => data.auditLog,
      (params) => ({
        authorityId: params.filter?.authorityId || null,
        objectType: params.filter?.objectType || null,
        action: params.filter?.action || null,
      }),
    ),
  },
};
