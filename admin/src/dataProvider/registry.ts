// How react-admin's data calls become GraphQL operations of the public API. Each area of the
// console registers its resources here; provider.ts sends them.
import { request } from "../graphql.ts";

export type FetchType =
  | "GET_LIST"
  | "GET_ONE"
  | "GET_MANY"
  | "GET_MANY_REFERENCE"
  | "CREATE"
  | "UPDATE"
  | "DELETE";

export interface Built {
  /** The operation's text. */
  query: string;
  variables?: Record<string, unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: GraphQL responses are shaped per query.
  parseResponse: (response: { data: any }) => any;
}

// biome-ignore lint/suspicious/noExplicitAny: react-admin's params differ per fetch type.
export type Params = any;
export type ResourceQueries = Partial<
  Record<FetchType, ((params: Params) => Built) & { prepare?: (params: Params) => Promise<void> }>
>;
// biome-ignore lint/suspicious/noExplicitAny: records are plain GraphQL objects.
export type Row = Record<string, any>;

export interface ListParams {
  pagination?: { page: number; perPage: number };
  sort?: { field: string; order: "ASC" | "DESC" };
  filter?: Record<string, unknown>;
  target?: string;
  id?: string;
}

/** getMany for any Node type: the records of a list's references in one field, not one alias each. */
export function manyNodes(type: string, fields: string) {
  return (params: { ids: string[] }): Built => ({
    query: `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on ${type} { ${fields} } } }`,
    variables: { ids: params.ids },
    parseResponse: ({ data }) => ({ data: data.nodes.filter(Boolean) }),
  });
}

/** getOne and getMany for any Node type through `node(id:)` and `nodes(ids:)`. */
export function nodeQueries(type: string, fields: string): ResourceQueries {
  return {
    GET_ONE: (params: { id: string }) => ({
      query: `query ($id: ID!) { node(id: $id) { ... on ${type} { ${fields} } } }`,
      variables: { id: params.id },
      parseResponse: ({ data }) => ({ data: data.node }),
    }),
    GET_MANY: manyNodes(type, fields),
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
    query,
    variables: variables?.(params) ?? {},
    parseResponse: ({ data }) => pageLocally(pick(data, params), params),
  });
}

/** The most rows the API gives one page of a connection. */
export const MAX_PAGE = 200;

export interface Connection {
  edges: { node: Row }[];
  totalCount: number;
  pageInfo: { startCursor?: string | null; endCursor?: string | null };
}

/** A list read page by page through a connection; `prepare` runs before its query is built. */
export type PagedList = ((params: ListParams) => Built) & { prepare(params: ListParams): Promise<void> };

/**
 * The same query, asking of each row only its cursor: every `edges { … }` selection becomes
 * `edges { cursor }`. The console's own queries are the input, so braces balance and no string
 * argument contains one.
 */
export function cursorsOnly(query: string): string {
  let result = "";
  let from = 0;
  for (const match of query.matchAll(/\bedges\s*\{/g)) {
    if (match.index < from) continue;
    let depth = 1;
    let end = match.index + match[0].length;
    while (depth > 0 && end < query.length) {
      if (query[end] === "{") depth++;
      else if (query[end] === "}") depth--;
      end++;
    }
    result += `${query.slice(from, match.index)}edges { cursor }`;
    from = end;
  }
  return result + query.slice(from);
}

/**
 * Where the pages of a connection begin: the cursor each page ends at (its start, read backwards),
 * remembered as pages are shown, so that the next one continues from there. A jump to a later
 * page first reads the cursors alone, up to a full page of the API at a time: no request asks
 * for more rows than the page shown, which keeps it far inside the API's cost limit.
 */
class CursorPages {
  private readonly ends = new Map<string, string | null>();
  private readonly cursorsQuery: string;

  constructor(
    query: string,
    private readonly pick: (data: Row) => Connection,
    private readonly backward = false,
  ) {
    this.cursorsQuery = cursorsOnly(query);
  }

  private key(extra: Row, perPage: number, page: number): string {
    return JSON.stringify([extra, perPage, page]);
  }

  /** The variables for a page: its size, and the cursor it continues from (after `walk`). */
  variables(extra: Row, perPage: number, page: number): Row {
    const from = page > 1 ? (this.ends.get(this.key(extra, perPage, page - 1)) ?? null) : null;
    return this.backward
      ? { ...extra, last: perPage, before: from }
      : { ...extra, first: perPage, after: from };
  }

  remember(extra: Row, perPage: number, page: number, connection: Connection): void {
    const { startCursor, endCursor } = connection.pageInfo;
    this.ends.set(this.key(extra, perPage, page), (this.backward ? startCursor : endCursor) ?? null);
  }

  async walk(extra: Row, perPage: number, page: number): Promise<void> {
    let known = page - 1;
    while (known > 0 && !this.ends.has(this.key(extra, perPage, known))) known--;
    const step = Math.max(1, Math.floor(MAX_PAGE / perPage));
    while (known < page - 1) {
      const pages = Math.min(step, page - 1 - known);
      const from = known > 0 ? (this.ends.get(this.key(extra, perPage, known)) ?? null) : null;
      const connection = this.pick(
        await request<Row>(
          this.cursorsQuery,
          this.backward
            ? { ...extra, last: pages * perPage, before: from }
            : { ...extra, first: pages * perPage, after: from },
        ),
      );
      const { startCursor, endCursor } = connection.pageInfo;
      const reached = (this.backward ? startCursor : endCursor) ?? from;
      // A list that ends before the page: the page continues from its last row, and is empty.
      known = connection.edges.length < pages * perPage ? page - 1 : known + pages;
      this.ends.set(this.key(extra, perPage, known), reached);
    }
  }
}

/**
 * A Relay connection as a react-admin list, paged with `first`/`after`, or backwards with
 * `last`/`before` and each page reversed, for the newest rows first (see CursorPages).
 */
export function connectionList(
  query: string,
  pick: (data: Row) => Connection,
  variables: (params: ListParams) => Row = () => ({}),
  { backward = false } = {},
): PagedList {
  const pages = new CursorPages(query, pick, backward);
  const sizes = (params: ListParams) => ({
    page: params.pagination?.page ?? 1,
    perPage: params.pagination?.perPage ?? 25,
    extra: variables(params),
  });
  const list = (params: ListParams): Built => {
    const { page, perPage, extra } = sizes(params);
    return {
      query,
      variables: pages.variables(extra, perPage, page),
      parseResponse: ({ data }) => {
        const connection = pick(data);
        pages.remember(extra, perPage, page, connection);
        const nodes = connection.edges.map((edge) => edge.node);
        return { data: backward ? nodes.reverse() : nodes, total: connection.totalCount };
      },
    };
  };
  return Object.assign(list, {
    prepare: (params: ListParams) => {
      const { page, perPage, extra } = sizes(params);
      return pages.walk(extra, perPage, page);
    },
  });
}

/** A mutation whose result is the record (create, update). */
export function mutation(query: string, variables: (params: Params) => Row, pick: (data: Row) => Row) {
  return (params: Params): Built => ({
    query,
    variables: variables(params),
    parseResponse: ({ data }) => ({ data: pick(data) }),
  });
}
