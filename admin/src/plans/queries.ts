// The media development plan (Medienentwicklungsplan) as GraphQL operations of the public API:
// the resource the plan page reads through react-admin, and the commands it sends.
import { arrayList, type ResourceQueries, type Row } from "../dataProvider/registry.ts";
import { request } from "../graphql.ts";

export const PLAN_STATUSES = ["DRAFT", "ADOPTED", "SUPERSEDED"] as const;
export const EQUIPMENT_CATEGORIES = [
  "NETWORK",
  "SERVER",
  "SERVICES",
  "PRESENTATION",
  "DEVICES",
  "TRAINING",
] as const;
export const MEASURE_STATUSES = ["PLANNED", "IN_PROGRESS", "DONE", "DROPPED"] as const;

export type PlanStatus = (typeof PLAN_STATUSES)[number];
export type EquipmentCategory = (typeof EQUIPMENT_CATEGORIES)[number];
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** Planned against actual, exact decimal strings of the API. */
export interface Sums {
  plannedInvestmentEuros: string;
  plannedPersonDays: string;
  actualInvestmentEuros: string;
  actualPersonDays: string;
}

export interface PlanVersion {
  id: string;
  title: string;
  version: number;
  status: PlanStatus;
  periodStart: number;
  periodEnd: number;
  viewerCanAdopt: boolean;
  adoptedAt: string | null;
  adoptedBy: { id: string } | null;
}

export interface Named {
  id: string;
  name: string;
}

export interface PlanLink {
  createdAt: string;
  serviceMeasure: { id: string; title: string; status: string } | null;
  procurementRequest: { id: string; title: string; status: string; estimatedCost: string } | null;
}

export interface PlannedMeasure {
  id: string;
  title: string;
  year: number;
  category: EquipmentCategory;
  status: MeasureStatus;
  serviceLine: string;
  investmentEuros: string;
  personDays: string;
  actualInvestmentEuros: string;
  actualPersonDays: string;
  overThreshold: boolean;
  carriedFromYear: number | null;
  school: Named;
  links: PlanLink[];
}

export interface PlanYear extends Sums {
  year: number;
  overThreshold: boolean;
}

export interface PlanCell extends Sums {
  year: number;
  category: EquipmentCategory;
}

export interface PlanSchool extends Sums {
  school: Named;
  measures: number;
  done: number;
  inProgress: number;
  progress: number | null;
  categories: { category: EquipmentCategory; target: string | null; measures: number; done: number }[];
}

export interface PlanVariance {
  kind: "INVESTMENT" | "PERSON_DAYS";
  planned: string;
  actual: string;
  excess: string;
  excessPercent: number | null;
  measure: { id: string; title: string; year: number; school: Named };
}

export interface Plan extends PlanVersion {
  authority: Named & { schools: Named[] };
  createdBy: Named;
  adoptedBy: { id: string; title: string; decidedOn: string } | null;
  adoptionRecordedBy: Named | null;
  predecessor: { id: string; title: string; version: number; status: PlanStatus } | null;
  successor: { id: string; title: string; version: number; status: PlanStatus } | null;
  varianceThresholdPercent: number;
  viewerCanEdit: boolean;
  viewerCanRevise: boolean;
  viewerCanTrack: boolean;
  viewerCanSetVarianceThreshold: boolean;
  totals: Sums;
  years: PlanYear[];
  byYearAndCategory: PlanCell[];
  schools: PlanSchool[];
  variances: PlanVariance[];
  measures: PlannedMeasure[];
}

const VERSION = `id title version status periodStart periodEnd viewerCanAdopt adoptedAt adoptedBy { id }`;
const SUMS = "plannedInvestmentEuros plannedPersonDays actualInvestmentEuros actualPersonDays";
const NAMED = "id name";
const SIBLING = "id title version status";

// One request for the whole page: it stays below the API's cost limit (measures, schools and
// cells are the lists that weigh; see server/modules/plans/schema.ts).
export const PLAN = `${VERSION} varianceThresholdPercent viewerCanEdit viewerCanRevise viewerCanTrack
  viewerCanSetVarianceThreshold
  authority { ${NAMED} schools { ${NAMED} } }
  createdBy { ${NAMED} }
  adoptedBy { id title decidedOn }
  adoptionRecordedBy { ${NAMED} }
  predecessor { ${SIBLING} }
  successor { ${SIBLING} }
  totals { ${SUMS} }
  years { year overThreshold ${SUMS} }
  byYearAndCategory { year category ${SUMS} }
  schools { school { ${NAMED} } measures done inProgress progress ${SUMS}
    categories { category target measures done } }
  variances { kind planned actual excess excessPercent measure { id title year school { ${NAMED} } } }
  measures { id title year category status serviceLine investmentEuros personDays
    actualInvestmentEuros actualPersonDays overThreshold carriedFromYear school { ${NAMED} }
    links { createdAt serviceMeasure { id title status } procurementRequest { id title status estimatedCost } } }`;

export const plansQueries: Record<string, ResourceQueries> = {
  mediaDevelopmentPlans: {
    GET_ONE: (params: { id: string }) => ({
      query: `query ($id: ID!) { mediaDevelopmentPlan(id: $id) { ${PLAN} } }`,
      variables: { id: params.id },
      parseResponse: ({ data }) => ({ data: data.mediaDevelopmentPlan }),
    }),
    // The authority travels in meta: a filter key would be matched against the rows by pageLocally.
    GET_LIST: arrayList(
      `query ($authorityId: ID!) { mediaDevelopmentPlans(authorityId: $authorityId) { ${VERSION} } }`,
      (data) => data.mediaDevelopmentPlans,
      (params) => ({ authorityId: params.meta?.authorityId }),
    ),
  },
};

/** The versions of an authority's plan, newest first, for the decision page. */
export async function planVersions(authorityId: string): Promise<(PlanVersion & { title: string })[]> {
  const data = await request<{ mediaDevelopmentPlans: PlanVersion[] }>(
    `query ($authorityId: ID!) { mediaDevelopmentPlans(authorityId: $authorityId) { ${VERSION} } }`,
    { authorityId },
  );
  return data.mediaDevelopmentPlans;
}

export interface PlanHeadInput {
  title?: string | null;
  periodStart?: number | null;
  periodEnd?: number | null;
}

export const createPlan = (input: PlanHeadInput & { authorityId: string }) =>
  request<{ createMediaDevelopmentPlan: { id: string } }>(
    `mutation ($input: CreateMediaDevelopmentPlanInput!) { createMediaDevelopmentPlan(input: $input) { id } }`,
    { input },
  ).then((d) => d.createMediaDevelopmentPlan);

export const updatePlan = (input: PlanHeadInput & { planId: string }) =>
  request(
    `mutation ($input: UpdateMediaDevelopmentPlanInput!) { updateMediaDevelopmentPlan(input: $input) { id } }`,
    { input },
  );

export const revisePlan = (planId: string, input: PlanHeadInput) =>
  request<{ reviseMediaDevelopmentPlan: { id: string } }>(
    `mutation ($planId: ID!, $input: ReviseMediaDevelopmentPlanInput) {
      reviseMediaDevelopmentPlan(planId: $planId, input: $input) { id } }`,
    { planId, input },
  ).then((d) => d.reviseMediaDevelopmentPlan);

export const adoptPlan = (planId: string, decisionId: string) =>
  request<{ adoptMediaDevelopmentPlan: { id: string; status: PlanStatus } }>(
    `mutation ($planId: ID!, $decisionId: ID!) {
      adoptMediaDevelopmentPlan(planId: $planId, decisionId: $decisionId) { id status } }`,
    { planId, decisionId },
  ).then((d) => d.adoptMediaDevelopmentPlan);

export interface MeasureInput {
  schoolId: string;
  category: EquipmentCategory;
  title: string;
  year: number;
  investmentEuros: string;
  personDays: string;
  serviceLine: string | null;
}

export const addMeasure = (planId: string, input: MeasureInput) =>
  request(`mutation ($input: AddPlannedMeasureInput!) { addPlannedMeasure(input: $input) { id } }`, {
    input: { planId, ...input },
  });

export const updateMeasure = (plannedMeasureId: string, input: Partial<MeasureInput> & { status?: string }) =>
  request(`mutation ($input: UpdatePlannedMeasureInput!) { updatePlannedMeasure(input: $input) { id } }`, {
    input: { plannedMeasureId, ...input },
  });

export const removeMeasure = (plannedMeasureId: string) =>
  request("mutation ($id: ID!) { removePlannedMeasure(plannedMeasureId: $id) }", { id: plannedMeasureId });

export const setTarget = (input: {
  planId: string;
  schoolId: string;
  category: EquipmentCategory;
  description: string | null;
}) => request("mutation ($input: SetPlanTargetInput!) { setPlanTarget(input: $input) { id } }", { input });

export interface LinkTarget {
  serviceMeasureId?: string | null;
  procurementRequestId?: string | null;
}

export const linkMeasure = (plannedMeasureId: string, target: LinkTarget) =>
  request("mutation ($input: LinkPlannedMeasureInput!) { linkPlannedMeasure(input: $input) { id } }", {
    input: { plannedMeasureId, ...target },
  });

export const unlinkMeasure = (plannedMeasureId: string, target: LinkTarget) =>
  request("mutation ($input: LinkPlannedMeasureInput!) { unlinkPlannedMeasure(input: $input) { id } }", {
    input: { plannedMeasureId, ...target },
  });

export const setVarianceThreshold = (authorityId: string, percent: number) =>
  request(
    "mutation ($id: ID!, $percent: Int!) { setMediaPlanVarianceThreshold(authorityId: $id, percent: $percent) { id } }",
    { id: authorityId, percent },
  );

/** What carries out measures at the authority's schools, for linking them to planned measures. */
export async function linkables(authorityId: string): Promise<{ measures: Row[]; requests: Row[] }> {
  const data = await request<{ schoolAuthority: Row | null }>(
    `query ($id: ID!) { schoolAuthority(id: $id) { id
      serviceMeasures { id title status school { id } }
      procurementRequests { id title status estimatedCost school { id } } } }`,
    { id: authorityId },
  );
  return {
    measures: data.schoolAuthority?.serviceMeasures ?? [],
    requests: data.schoolAuthority?.procurementRequests ?? [],
  };
}
