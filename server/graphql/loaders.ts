// Per-request batching for list fields that are not plain relations (e.g. "alerts of this
// authority's orders"). Every object of a list asks with the same Pothos query (selection),
// so the selection keys the loader and one statement serves the whole list.
import DataLoader from "dataloader";
import type { Context } from "./context.ts";

type Query = { select?: object; include?: object };

const perRequest = new WeakMap<Context, Map<string, DataLoader<string, unknown[]>>>();

/** The Pothos selection with `fields` added, so that a loader can read the keys of its rows. */
export function withFields(query: Query, fields: Record<string, unknown>): Query {
  return query.select
    ? { select: { ...query.select, ...fields } }
    : { include: { ...query.include, ...fields } };
}

/**
 * Loads rows for many keys at once: `fetch` gets all keys of a tick, `keyOf` says which key a
 * row belongs to.
 */
export function groupedLoader<Row>(
  ctx: Context,
  name: string,
  query: Query,
  fetch: (keys: readonly string[]) => Promise<Row[]>,
  keyOf: (row: Row) => string,
): DataLoader<string, Row[]> {
  const loaders = perRequest.get(ctx) ?? new Map<string, DataLoader<string, unknown[]>>();
  perRequest.set(ctx, loaders);
  const id = `${name}:${JSON.stringify(query)}`;
  let loader = loaders.get(id) as DataLoader<string, Row[]> | undefined;
  if (!loader) {
    loader = new DataLoader<string, Row[]>(async (keys) => {
      const rows = await fetch(keys);
      return keys.map((key) => rows.filter((row) => keyOf(row) === key));
    });
    loaders.set(id, loader as DataLoader<string, unknown[]>);
  }
  return loader;
}
