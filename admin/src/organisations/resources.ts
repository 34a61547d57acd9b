import {
  arrayList,
  mutation,
  nodeQueries,
  type ResourceQueries,
  type Row,
} from "../dataProvider/registry.ts";

const AUTHORITY = `id name kind state legalBasis agreementStart
  schools { id name kind upgradeStatus supportedBy }
  steeringGroup { id name members { id department coordinator user { id name email roles } } }`;
const SCHOOL = "id name kind upgradeStatus supportedBy authority { id name }";

export const organisationsQueries: Record<string, ResourceQueries> = {
  authorities: {
    ...nodeQueries("SchoolAuthority", AUTHORITY),
    GET_LIST: arrayList(`{ schoolAuthorities { ${AUTHORITY} } }`, (data) =>
      data.schoolAuthorities.map((a: Row) => ({ ...a, schoolCount: a.schools.length })),
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
    UPDATE: mutation(
      `mutation($input: UpdateSchoolInput!) { updateSchool(input: $input) { ${SCHOOL} } }`,
      (params) => ({
        input: { schoolId: params.id, name: params.data.name, upgradeStatus: params.data.upgradeStatus },
      }),
      (data) => data.updateSchool,
    ),
  },
};
