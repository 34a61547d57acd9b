// The escalation resources as GraphQL operations of the public API.
import { arrayList, type Built, mutation, type ResourceQueries, type Row } from "../dataProvider/registry.ts";

export const CLOCK = `clock { overdue overdueWorkingDays reviewDueDate resolutionDueDate reviewTargetDays
  resolutionTargetDays reviewedInTime resolvedInTime workingDaysToReview workingDaysToResolution }`;

export const ESCALATION_ROW = `id subject severity status raisedAt reviewedAt resolvedAt ticketRef
  school { id name } ${CLOCK}`;

const ESCALATION_CASE = `${ESCALATION_ROW} description resolution
  authority { id name }
  raisedBy { id name }
  satisfaction { id score comment source ratedAt }
  relatedEscalations { id subject status raisedAt }`;

/** School contacts may not read the Jour-Fixe side (agenda items, decisions): the API refuses them. */
const ESCALATION_DETAIL = `${ESCALATION_CASE}
  agendaItem @include(if: $governance) { id title meeting { id title scheduledAt minutesStatus } decisions { id title } }
  decision @include(if: $governance) { id title }`;

const withAuthority = (a: Row) => (e: Row) => ({
  ...e,
  authority: { id: a.id, name: a.name },
  authorityId: a.id,
  schoolId: e.school?.id,
});

export const escalationsQueries: Record<string, ResourceQueries> = {
  escalations: {
    GET_ONE: (params: { id: string; meta?: { governance?: boolean } }): Built => ({
      query: `query ($id: ID!, $governance: Boolean!) { escalation(id: $id) { ${ESCALATION_DETAIL} } }`,
      variables: { id: params.id, governance: params.meta?.governance ?? false },
      parseResponse: ({ data }) => ({ data: data.escalation }),
    }),
    // One authority's at a time (meta.authorityId): all of a provider's would be too much for one request.
    GET_LIST: arrayList(
      `query ($id: ID!) { schoolAuthority(id: $id) { id name escalations { ${ESCALATION_ROW} } } }`,
      (data) => data.schoolAuthority?.escalations.map(withAuthority(data.schoolAuthority)) ?? [],
      (params) => ({ id: params.meta?.authorityId }),
    ),
    CREATE: mutation(
      // The whole record: react-admin shows it on the show page it redirects to before re-reading it.
      `mutation ($input: RaiseEscalationInput!) { raiseEscalation(input: $input) { ${ESCALATION_CASE} } }`,
      (params) => ({
        input: {
          schoolId: params.data.schoolId,
          severity: params.data.severity,
          subject: params.data.subject,
          description: params.data.description,
          ticketRef: params.data.ticketRef || null,
        },
      }),
      (data) => data.raiseEscalation,
    ),
  },
  overdueEscalations: {
    // The authority travels in meta: a filter key would be matched against the rows by pageLocally.
    GET_LIST: arrayList(
      `query ($authorityId: ID!) { overdueEscalations(authorityId: $authorityId) { ${ESCALATION_ROW} } }`,
      (data) => data.overdueEscalations,
      (params) => ({ authorityId: params.meta?.authorityId }),
    ),
  },
};
