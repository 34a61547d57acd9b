// The controlling resources as GraphQL operations of the public API.
import {
  arrayList,
  connectionList,
  type ListParams,
  nodeQueries,
  type ResourceQueries,
  type Row,
} from "../dataProvider/registry.ts";

/** What a list row of service orders shows; kept flat so the whole list stays within the API's complexity limit. */
const ORDER_ROW = `id title year status contractedPersonDays consumedPersonDays remainingPersonDays
  utilization utilizationSummary elapsedShare validFrom validTo`;

export const ORDER_DETAIL = `${ORDER_ROW} dailyRate burnMarginPct monthlyPlanWeights plannedConsumedPersonDays
  authority { id name schools { id name } }
  lines { id name position contractedPersonDays consumedPersonDays remainingPersonDays utilization }
  forecast { asOf basisDays method exhaustionDate projectedConsumedAtYearEnd projectedLow projectedHigh
    estimates { method personDaysPerDay exhaustionDate projectedConsumedAtYearEnd } }
  volumeHistory { category contractedPersonDays effectiveDate reason }
  commissionedAt budgetLine commissionedBy { id name }
  commissioningDecision { id title decidedOn }
  amendments { id status category newPersonDays previousPersonDays reason effectiveDate createdAt createdBy { id name }
    decidedAt decidedBy { id name } rejectionReason }
  alerts { id kind message threshold createdAt acknowledgedAt acknowledgedBy { id name } line { id name } }
  proofsOfService { id month status personDays amount bookingCount pdfUrl csvUrl disputeReason
    issuedAt checkedAt disputedAt settledAt }`;

/**
 * The plan line is asked for on its own, up to a far date, which the API clips to the end of the
 * validity period: so the chart shows the whole plan, while the actual figures stop at today. A
 * weekly plan draws the same line as a daily one, at a seventh of the points.
 */
const ORDER_WITH_BURNDOWN = `${ORDER_DETAIL}
  burndown(granularity: $granularity) { date consumedPersonDays remainingPersonDays }
  plan: burndown(granularity: WEEK, asOf: "2999-12-31") { date plannedRemainingPersonDays }`;

export const BOOKING = `id sequence date personDays category description ticketRef createdAt
  school { id name } bookedBy { id name } reversalOf { id sequence } reversedBy { id sequence }`;

const PROOF = `id month status personDays amount bookingCount pdfUrl csvUrl disputeReason
  issuedAt checkedAt disputedAt settledAt`;

export const ORDER_QUERY = `query ($id: ID!, $granularity: Granularity!) {
  serviceOrder(id: $id) { ${ORDER_WITH_BURNDOWN} } }`;

const flattenOrders = (data: Row): Row[] =>
  data.schoolAuthorities.flatMap((a: Row) =>
    a.serviceOrders.map((o: Row) => ({
      ...o,
      authority: { id: a.id, name: a.name },
      authorityId: a.id,
    })),
  );

const NEWEST_BOOKINGS = `query ($id: ID!, $last: Int, $before: String) { serviceOrder(id: $id) {
  bookings(last: $last, before: $before) { totalCount pageInfo { startCursor } edges { node { ${BOOKING} } } } } }`;
const OLDEST_BOOKINGS = `query ($id: ID!, $first: Int, $after: String) { serviceOrder(id: $id) {
  bookings(first: $first, after: $after) { totalCount pageInfo { endCursor } edges { node { ${BOOKING} } } } } }`;
const bookingsOf = (data: Row) =>
  data.serviceOrder?.bookings ?? {
    edges: [],
    totalCount: 0,
    pageInfo: { startCursor: null, endCursor: null },
  };

/** The newest bookings first: the ledger's connection is in commit order, so it is read backwards. */
const newestBookingsFirst = connectionList(NEWEST_BOOKINGS, bookingsOf, (params) => ({ id: params.id }), {
  backward: true,
});

const oldestBookingsFirst = connectionList(OLDEST_BOOKINGS, bookingsOf, (params) => ({
  id: params.id ?? params.filter?.serviceOrderId,
}));

export const controllingQueries: Record<string, ResourceQueries> = {
  serviceOrders: {
    ...nodeQueries("ServiceOrder", `${ORDER_ROW} authority { id name }`),
    GET_ONE: (params: { id: string; meta?: { granularity?: string } }) => ({
      query: ORDER_QUERY,
      variables: { id: params.id, granularity: params.meta?.granularity ?? "WEEK" },
      parseResponse: ({ data }) => ({ data: data.serviceOrder }),
    }),
    GET_LIST: arrayList(
      `{ schoolAuthorities { id name serviceOrders { ${ORDER_ROW} lines { id name contractedPersonDays consumedPersonDays utilization } } } }`,
      flattenOrders,
    ),
  },
  bookings: {
    ...nodeQueries("Booking", BOOKING),
    // Bookings are always read under their service order (react-admin's "target" is the order).
    GET_MANY_REFERENCE: Object.assign(
      (params: ListParams) =>
        params.sort?.order === "ASC" ? oldestBookingsFirst(params) : newestBookingsFirst(params),
      {
        prepare: (params: ListParams) =>
          params.sort?.order === "ASC"
            ? oldestBookingsFirst.prepare(params)
            : newestBookingsFirst.prepare(params),
      },
    ),
  },
  proofsOfService: {
    ...nodeQueries("ProofOfService", `${PROOF} serviceOrder { id title year authority { id name } }`),
    // What a list of every authority's proofs shows: their figures are on the order's page. The
    // order is attached here rather than asked per proof; both keep it far inside the API's cost limit.
    GET_LIST: arrayList(
      `{ schoolAuthorities { id name serviceOrders { id title year proofsOfService { id month status personDays amount } } } }`,
      (data) =>
        data.schoolAuthorities.flatMap((a: Row) =>
          a.serviceOrders.flatMap((o: Row) =>
            o.proofsOfService.map((p: Row) => ({
              ...p,
              serviceOrder: { id: o.id, title: o.title, year: o.year, authority: { id: a.id, name: a.name } },
            })),
          ),
        ),
    ),
  },
  controllingAlerts: {
    ...nodeQueries(
      "ControllingAlert",
      "id kind message threshold createdAt acknowledgedAt line { id name } serviceOrder { id title year }",
    ),
    GET_LIST: arrayList(
      `query ($open: Boolean) { schoolAuthorities { id name controllingAlerts(open: $open) {
        id kind message threshold createdAt acknowledgedAt line { id name } serviceOrder { id title year } } } }`,
      (data) =>
        data.schoolAuthorities.flatMap((a: Row) =>
          a.controllingAlerts.map((alert: Row) => ({ ...alert, authority: { id: a.id, name: a.name } })),
        ),
      // "open" travels in meta: a filter key would be matched against the rows by pageLocally.
      (params) => ({ open: params.meta?.open === true ? true : null }),
    ),
  },
};
