// The governance resources as GraphQL operations. The API has no top-level list of meetings,
// action items or procurement requests: they hang off each visible authority, so those lists
// are read through `schoolAuthorities` and paged in the browser.
import { gql } from "@apollo/client";
import {
  type Built,
  connectionList,
  type ListParams,
  mutation,
  pageLocally,
  type ResourceQueries,
  type Row,
} from "../dataProvider/registry.ts";
import { germanEuroToDecimal } from "./money.ts";

export const MEETING_ROW =
  "id title kind scheduledAt durationMinutes location status minutesStatus authority { id name }";

const USER = "id name email";
const DECISION_ROW = `id title status decidedOn version costImpact personDayImpact followUpDate
  authority { id name } school { id name } meeting { id title scheduledAt kind }
  reviewSummary { members approved acknowledged objected abstained pending { ${USER} } }`;

export const DECISION_FULL = `${DECISION_ROW} text statusReason
  agendaItem { id title position }
  procurementRequest { id title status }
  reviews(history: true) { id verdict comment createdAt current reviewer { ${USER} } }`;

const ACTION_ITEM = `id title status dueDate overdue completedAt owner { ${USER} }
  meeting { id title scheduledAt } agendaItem { id title position }`;

const DECISION_ON_ITEM = "id title text status costImpact followUpDate school { id name }";

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

// Without the decisions: the API refuses them to school contacts (steering records), and one
// refused field fails the whole answer.
const PROCUREMENT_ROW = `id title status category estimatedCost justification createdAt orderedAt deliveredAt
  acceptedAt acceptanceRequired acceptedBy { ${USER} } raisedBy { ${USER} }
  school { id name } authority { id name }`;
const PROCUREMENT = `${PROCUREMENT_ROW}
  decisions @include(if: $withDecisions) { id title status decidedOn meeting { id } }`;

const AUDIT = `id at action objectType objectId changes actor { ${USER} } authority { id name }`;

/**
 * getOne and getMany through the typed root field (`meeting(id:)` …). The shared
 * `nodeQueries` selects through `... on Type` fragments, which Apollo's cache cannot match
 * without __typename (the client is built with addTypename: false), so its records arrive empty.
 */
function typedQueries(field: string, fields: string): ResourceQueries {
  const getOne = (params: { id: string }): Built => ({
    query: gql`query ($id: ID!) { record: ${field}(id: $id) { ${fields} } }`,
    variables: { id: params.id },
    parseResponse: ({ data }) => ({ data: data.record }),
  });
  const getMany = (params: { ids: string[] }): Built => {
    const ids = params.ids.slice(0, 100);
    if (ids.length === 0) return { query: gql("{ __typename }"), parseResponse: () => ({ data: [] }) };
    const signature = ids.map((_, i) => `$id${i}: ID!`).join(", ");
    const selections = ids.map((_, i) => `r${i}: ${field}(id: $id${i}) { ${fields} }`).join("\n");
    return {
      query: gql(`query (${signature}) { ${selections} }`),
      variables: Object.fromEntries(ids.map((id, i) => [`id${i}`, id])),
      parseResponse: ({ data }) => ({ data: ids.map((_, i) => data[`r${i}`]).filter(Boolean) }),
    };
  };
  return { GET_ONE: getOne, GET_MANY: getMany };
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
    query: gql(query),
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
    kind: filter.kind || null,
    from: from ? new Date(`${from}T00:00:00`).toISOString() : null,
    to: to ? new Date(`${to}T23:59:59`).toISOString() : null,
    // Upcoming meetings from the start; others the most recent 100 per authority (the API's page limit).
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

const MEETINGS_QUERY = `query ($kind: MeetingKind, $from: DateTime, $to: DateTime, $first: Int, $last: Int) {
  schoolAuthorities { id name
    meetings(kind: $kind, from: $from, to: $to, first: $first, last: $last) {
      edges { node { ${MEETING_ROW} agendaItems { id } } } } } }`;

export const governanceQueries: Record<string, ResourceQueries> = {
  meetings: {
    ...typedQueries("meeting", MEETING_FULL),
    GET_LIST: localList(
      MEETINGS_QUERY,
      (data) =>
        data.schoolAuthorities.flatMap((a: Row) =>
          edges(a.meetings).map((m) => ({ ...m, authorityId: a.id, agendaCount: m.agendaItems.length })),
        ),
      (params) => meetingWindow(params.filter),
      ["when", "kind", "from", "to"],
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
    ...typedQueries("decision", DECISION_FULL),
    GET_LIST: connectionList(
      "decisions",
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
    GET_LIST: localList(
      `{ schoolAuthorities { id name meetings(last: 100) { edges { node { actionItems { ${ACTION_ITEM} } } } } } }`,
      (data) =>
        data.schoolAuthorities.flatMap((a: Row) =>
          edges(a.meetings).flatMap((m) =>
            m.actionItems.map((item: Row) => ({
              ...item,
              authority: { id: a.id, name: a.name },
              authorityId: a.id,
              // Overdue first, then open ones by due date, then the rest.
              rank: `${item.overdue ? 0 : item.status === "OPEN" ? 1 : 2}-${item.dueDate ?? "9999"}`,
            })),
          ),
        ),
      () => ({}),
      [],
    ),
  },
  procurementRequests: {
    ...typedQueries("procurementRequest", PROCUREMENT_ROW),
    // The show page asks for the decisions unless the viewer is a school contact (meta).
    GET_ONE: (params: { id: string; meta?: { withDecisions?: boolean } }): Built => ({
      query: gql`query ($id: ID!, $withDecisions: Boolean!) { record: procurementRequest(id: $id) { ${PROCUREMENT} } }`,
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
      `mutation ($input: RaiseProcurementRequestInput!) { raiseProcurementRequest(input: $input) { ${PROCUREMENT_ROW} } }`,
      (params) => ({
        input: {
          schoolId: params.data.schoolId,
          category: params.data.category,
          title: params.data.title,
          justification: params.data.justification,
          // The form validated the German amount; the server gets the exact Decimal text.
          estimatedCost: germanEuroToDecimal(params.data.estimatedCost) ?? params.data.estimatedCost,
        },
      }),
      (data) => data.raiseProcurementRequest,
    ),
  },
  auditLog: {
    GET_LIST: connectionList(
      "auditLog",
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
