import buildGraphQLProvider from "ra-data-graphql";
import { controllingQueries } from "../controlling/index.tsx";
import { escalationsQueries } from "../escalations/index.tsx";
import { governanceQueries } from "../governance/index.tsx";
import { apollo } from "../graphql.ts";
import { organisationsQueries } from "../organisations/resources.ts";
import type { Built, FetchType, Params, ResourceQueries } from "./registry.ts";

/** Every resource of the console, by name. Areas add theirs here. */
const resources: Record<string, ResourceQueries> = {
  ...organisationsQueries,
  ...governanceQueries,
  ...controllingQueries,
  ...escalationsQueries,
};

function buildQuery() {
  return (fetchType: string, resource: string, params: Params): Built => {
    const build = resources[resource]?.[fetchType as FetchType];
    if (!build) throw new Error(`Die Ansicht „${resource}“ unterstützt „${fetchType}“ nicht.`);
    return build(params);
  };
}

export const dataProvider = buildGraphQLProvider({
  client: apollo as never,
  introspection: false,
  buildQuery,
});
