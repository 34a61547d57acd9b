// The data provider itself: react-admin's data calls as GraphQL operations of the public API,
// sent as plain requests (graphql.ts). Loaded after sign-in (index.ts), with every area's queries.
import { type DataProvider, HttpError } from "react-admin";
import { controllingQueries } from "../controlling/queries.ts";
import { escalationsQueries } from "../escalations/queries.ts";
import { governanceQueries } from "../governance/queries.ts";
import { GraphQLRequestError, request } from "../graphql.ts";
import { organisationsQueries } from "../organisations/resources.ts";
import { plansQueries } from "../plans/queries.ts";
import type { FetchType, Params, ResourceQueries } from "./registry.ts";

/** Every resource of the console, by name. Areas add theirs here. */
const resources: Record<string, ResourceQueries> = {
  ...organisationsQueries,
  ...governanceQueries,
  ...controllingQueries,
  ...escalationsQueries,
  ...plansQueries,
};

/**
 * The server's refusal as react-admin's error: 401 lets the auth provider's checkError end an
 * expired session; a refused field the form has becomes a validation error (HttpError
 * body.errors), which the form shows at that field, not only as a message. No answer at all, or
 * a gateway's error page while an instance restarts, says that the hub is away.
 */
function asHttpError(error: unknown, params: Params): HttpError {
  const away = "Der Hub ist gerade nicht erreichbar. Bitte versuchen Sie es erneut.";
  if (!(error instanceof GraphQLRequestError)) return new HttpError(away, 503);
  if (error.status !== undefined && error.status >= 500) return new HttpError(away, 503);
  const status = error.code === "UNAUTHENTICATED" ? 401 : 400;
  const field = error.field;
  const onForm = field !== undefined && Object.hasOwn(params?.data ?? {}, field.split(".")[0] ?? "");
  return new HttpError(error.message, status, onForm ? { errors: { [field]: error.message } } : undefined);
}

/** A request to the hub, its failure as react-admin's error. */
async function send<T>(task: () => Promise<T>, params: Params): Promise<T> {
  try {
    return await task();
  } catch (error) {
    throw asHttpError(error, params);
  }
}

async function call(fetchType: FetchType, resource: string, params: Params) {
  const build = resources[resource]?.[fetchType];
  if (!build) throw new Error(`Die Ansicht „${resource}“ unterstützt „${fetchType}“ nicht.`);
  // A list paged by cursor first finds where a page it jumps to begins (registry.ts, CursorPages).
  const prepare = build.prepare;
  if (prepare) await send(() => prepare(params), params);
  // Building the operation and reading its answer are the console's own: their mistakes stay what they are.
  const built = build(params);
  const data = await send(() => request(built.query, built.variables ?? {}), params);
  return built.parseResponse({ data });
}

export const dataProvider: DataProvider = {
  getList: (resource, params) => call("GET_LIST", resource, params),
  getOne: (resource, params) => call("GET_ONE", resource, params),
  getMany: (resource, params) => call("GET_MANY", resource, params),
  getManyReference: (resource, params) => call("GET_MANY_REFERENCE", resource, params),
  create: (resource, params) => call("CREATE", resource, params),
  update: (resource, params) => call("UPDATE", resource, params),
  delete: (resource, params) => call("DELETE", resource, params),
  // The console changes and removes records one at a time.
  updateMany: (resource) =>
    Promise.reject(new Error(`Die Ansicht „${resource}“ unterstützt „UPDATE_MANY“ nicht.`)),
  deleteMany: (resource) =>
    Promise.reject(new Error(`Die Ansicht „${resource}“ unterstützt „DELETE_MANY“ nicht.`)),
};
