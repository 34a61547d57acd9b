// The data provider itself: react-admin's data calls as GraphQL operations through Apollo.
// Loaded after sign-in (index.ts), with Apollo and every area's queries.
import buildGraphQLProvider from "ra-data-graphql";
import { HttpError } from "react-admin";
import { controllingQueries } from "../controlling/queries.ts";
import { escalationsQueries } from "../escalations/queries.ts";
import { governanceQueries } from "../governance/queries.ts";
import { organisationsQueries } from "../organisations/resources.ts";
import { plansQueries } from "../plans/queries.ts";
import { apollo } from "./apollo.ts";
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

interface ServerError {
  message: string;
  extensions?: { code?: string; field?: string };
}

/**
 * A create or update, with the server's refusal of a field the form has as react-admin's
 * validation errors (HttpError body.errors): the form shows it at that field, not as a toast.
 */
async function mutate(fetchType: "CREATE" | "UPDATE", resource: string, params: Params) {
  const built = buildQuery()(fetchType, resource, params);
  try {
    const result = await apollo.mutate({ mutation: built.query, variables: built.variables });
    return built.parseResponse(result as { data: unknown });
  } catch (error) {
    const first = (error as { graphQLErrors?: ServerError[] }).graphQLErrors?.[0];
    if (!first)
      throw new HttpError("Der Hub ist gerade nicht erreichbar. Bitte versuchen Sie es erneut.", 503);
    const field = first.extensions?.field;
    const onForm = field !== undefined && Object.hasOwn(params.data ?? {}, field.split(".")[0] ?? "");
    // 401 lets the auth provider's checkError end an expired session, as for any other call.
    const status = first.extensions?.code === "UNAUTHENTICATED" ? 401 : 400;
    throw new HttpError(first.message, status, onForm ? { errors: { [field]: first.message } } : undefined);
  }
}

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
  create: (resource, params) => mutate("CREATE", resource, params),
  update: (resource, params) => mutate("UPDATE", resource, params),
};
