import buildGraphQLProvider from "ra-data-graphql";
import { controllingQueries } from "../controlling/index.tsx";
import { escalationsQueries } from "../escalations/index.tsx";
import { governanceQueries } from "../governance/index.tsx";
import { apollo } from "../graphql.ts";
import { organisationsQueries } from "../organisations/resources.ts";
import { plansQueries } from "../plans/index.tsx";
import type { Built, FetchType, Params, ResourceQueries } from "./registry.ts";

/** Every resource of the console, by name. Areas add theirs here. */
const resources: Record<string, ResourceQueries> = {
  ...organisationsQueries,
  ...governanceQueries,
  ...controllingQueries,
  ...escalationsQueries,
  ...plansQueries,
};

function buildQuery() {
  return (fetchType: string, resource: string, params: Params): Built => {
    const build = resources[resource]?.[fetchType as FetchType];
    if (!build) throw new Error(`Die Ansicht „${resource}“ unterstützt „${fetchType}“ nicht.`);
    return build(params);
  };
}

const graphql = buildGraphQLProvider({
  client: apollo as never,
  introspection: false,
  buildQuery,
});

/** A list paged by cursor first finds where a page it jumps to begins (registry.ts, CursorPages). */
const prepare = (fetchType: FetchType, resource: string, params: Params) =>
  resources[resource]?.[fetchType]?.prepare?.(params);

export const dataProvider: typeof graphql = {
  ...graphql,
  getList: async (resource, params) => {
    await prepare("GET_LIST", resource, params);
    return graphql.getList(resource, params);
  },
  getManyReference: async (resource, params) => {
    await prepare("GET_MANY_REFERENCE", resource, params);
    return graphql.getManyReference(resource, params);
  },
};
