import {
  arrayList,
  mutation,
  nodeQueries,
  type ResourceQueries,
  type Row,
} from "../dataProvider/registry.ts";

const nullIfEmpty = (value: unknown) => (value === "" || value === undefined ? null : value);

/** The onboarding form's record (onboarding.tsx) as the mutation's input. */
export function authorityInput(data: Row) {
  return {
    name: data.name,
    kind: data.kind,
    state: data.state,
    agreement: {
      kind: data.agreement?.kind,
      councilDecisionOn: nullIfEmpty(data.agreement?.councilDecisionOn),
      signedOn: nullIfEmpty(data.agreement?.signedOn),
      startsOn: data.agreement?.startsOn,
      reference: nullIfEmpty(data.agreement?.reference?.trim?.()),
    },
  };
}

const AUTHORITY = `id name kind state legalBasis agreementStart
  agreement { kind councilDecisionOn signedOn startsOn reference }
  schools { id name kind upgradeStatus supportedBy }
  steeringGroup { id name members { id department coordinator user { id name email roles } } }`;
/** What a school's handover section (handovers.tsx) shows. */
const HANDOVER_FIELDS =
  "handovers { id from to handoverDate note confirmed confirmedAt createdAt proposedBy { id name } confirmedBy { id name } measure { id title } }";
const SCHOOL = `id name kind upgradeStatus supportedBy authority { id name } ${HANDOVER_FIELDS}`;

export const organisationsQueries: Record<string, ResourceQueries> = {
  authorities: {
    ...nodeQueries("SchoolAuthority", AUTHORITY),
    GET_LIST: arrayList(`{ schoolAuthorities { ${AUTHORITY} } }`, (data) =>
      data.schoolAuthorities.map((a: Row) => ({ ...a, schoolCount: a.schools.length })),
    ),
    CREATE: mutation(
      `mutation($input: CreateSchoolAuthorityInput!) { createSchoolAuthority(input: $input) { ${AUTHORITY} } }`,
      (params) => ({ input: authorityInput(params.data) }),
      (data) => data.createSchoolAuthority,
    ),
  },
  schools: {
    ...nodeQueries("School", SCHOOL),
    GET_LIST: arrayList(
      "{ schoolAuthorities { id name schools { id name kind upgradeStatus supportedBy } } }",
      (data) =>
        data.schoolAuthorities.flatMap((a: Row) =>
          a.schools.map((s: Row) => ({ ...s, authority: { id: a.id, name: a.name }, authorityId: a.id })),
        ),
    ),
    CREATE: mutation(
      `mutation($input: CreateSchoolInput!) { createSchool(input: $input) { ${SCHOOL} } }`,
      (params) => ({
        input: { authorityId: params.data.authorityId, name: params.data.name, kind: params.data.kind },
      }),
      (data) => data.createSchool,
    ),
    UPDATE: mutation(
      `mutation($input: UpdateSchoolInput!) { updateSchool(input: $input) { ${SCHOOL} } }`,
      (params) => ({
        input: { schoolId: params.id, name: params.data.name, upgradeStatus: params.data.upgradeStatus },
      }),
      (data) => data.updateSchool,
    ),
  },
};
