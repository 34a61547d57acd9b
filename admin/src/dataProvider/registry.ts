// How react-admin's data calls become GraphQL operations of the public API. Each area of the
// console registers its resources here; ra-data-graphql runs them through Apollo.
import { gql } from "@apollo/client";
import type { DocumentNode } from "graphql";

export type FetchType =
  | "GET_LIST"
  | "GET_ONE"
  | "GET_MANY"
  | "GET_MANY_REFERENCE"
  | "CREATE"
  | "UPDATE"
  | "DELETE";

export interface Built {
  query: DocumentNode;
  variables?: Record<string, unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: GraphQL responses are shaped per query.
  parseResponse: (response: { data: any }) => any;
}

// biome-ignore lint/suspicious/noExplicitAny: react-admin's params differ per fetch type.
export type Params = any;
export type ResourceQueries = Partial<Record<FetchType, (params: Params) => Built>>;
// biome-ignore lint/suspicious/noExplicitAny: records are plain GraphQL objects.
export type Row = Record<string, any>;

export interface ListParams {
  pagination?: { page: number; perPage: number };
  sort?: { field: string; order: "ASC" | "DESC" };
  filter?: Record<string, unknown>;
  target?: string;
  id?: string;
}

/** getOne and getMany for any Node type through `node(id:)`. */
export function nodeQueries(type: string, fields: string): ResourceQueries {
  return {
    GET_ONE: (params: { id: string }) => ({
      query: gql`query ($id: ID!) { node(id: $id) { ... on ${type} { ${fields} } } }`,
      variables: { id: params.id },
      parseResponse: ({ data }) => ({ data: data.node }),
    }),
    GET_MANY: (params: { ids: string[] }) => {
      const ids = params.ids.slice(0, 100);
      const selections = ids
        .map((_, i) => `n${i}: node(id: $id${i}) { ... on ${type} { ${fields} } }`)
        .join("\n");
      const variables = Object.fromEntries(ids.map((id, i) => [`id${i}`, id]));
      const signature = ids.map((_, i) => `$id${i}: ID!`).join(", ");
      return {
        query: gql`query ${ids.length ? `(${signature})` : ""} { ${selections || "__typename"} }`,
        variables,
        parseResponse: ({ data }) => ({ data: ids.map((_, i) => data[`n${i}`]).filter(Boolean) }),
      };
    },
  };
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b), "de");
}

function valueAt(row: Row, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value as Row | null | undefined)?.[key], row);
}

/** Filters, sorts and pages a whole list in the browser: for lists the API returns whole (authorities, schools…). */
export function pageLocally(rows: Row[], params: ListParams): { data: Row[]; total: number } {
  const { q, ...filters } = params.filter ?? {};
  let result = rows.filter((row) =>
    Object.entries(filters).every(
      ([key, wanted]) => wanted === undefined || wanted === "" || valueAt(row, key) === wanted,
    ),
  );
  if (typeof q === "string" && q.trim()) {
    const needle = q.trim().toLocaleLowerCase("de");
    result = result.filter((row) => JSON.stringify(row).toLocaleLowerCase("de").includes(needle));
  }
  if (params.sort?.field) {
    const { field, order } = params.sort;
    result = [...result].sort(
      (a, b) => compare(valueAt(a, field), valueAt(b, field)) * (order === "DESC" ? -1 : 1),
    );
  }
  const total = result.length;
  if (params.pagination) {
    const { page, perPage } = params.pagination;
    result = result.slice((page - 1) * perPage, page * perPage);
  }
  return { data: result, total };
}

/** A list the API returns as a plain array, paged in the browser. */
export function arrayList(
  query: string,
  pick: (data: Row, params: Params) => Row[],
  variables?: (params: Params) => Row,
) {
  return (params: ListParams): Built => ({
    query: gql(query),
    variables: variables?.(params) ?? {},
    parseResponse: ({ data }) => pageLocally(pick(data, params), params),
  });
}

const cursors = new Map<string, string | null>();

/**
 * A Relay connection as a react-admin list. Pages are fetched with `first`/`after`; the end
 * cursor of each page is remembered so the next page continues from it. A page reached
 * without its predecessor's cursor is read from the start and cut out.
 */
export function connectionList(
  resource: string,
  query: string,
  pick: (data: Row) => { edges: { node: Row }[]; totalCount: number; pageInfo: { endCursor: string | null } },
  variables: (params: ListParams) => Row = () => ({}),
) {
  return (params: ListParams): Built => {
    const page = params.pagination?.page ?? 1;
    const perPage = params.pagination?.perPage ?? 25;
    const extra = variables(params);
    const key = (n: number) => JSON.stringify([resource, extra, perPage, n]);
    const after = page > 1 ? cursors.get(key(page - 1)) : undefined;
    const direct = page === 1 || after !== undefined;
    const first = direct ? perPage : Math.min(200, page * perPage);
    return {
      query: gql(query),
      variables: { ...extra, first, after: direct ? (after ?? null) : null },
      parseResponse: ({ data }) => {
        const connection = pick(data);
        const nodes = connection.edges.map((edge) => edge.node);
        if (direct) cursors.set(key(page), connection.pageInfo.endCursor);
        return { data: direct ? nodes : nodes.slice((page - 1) * perPage), total: connection.totalCount };
      },
    };
  };
}

/** A mutation whose result is the record (create, update). */
export function mutation(query: string, variables: (params: Params) => Row, pick: (data: Row) => Row) {
  return (params: Params): Built => ({
    query: gql(query),
    variables: variables(params),
    parseResponse: ({ data }) => ({ data: pick(data) }),
  });
}
