import DataLoader from "dataloader";
import { type AuditObjectType, auditScope, canReadAuditEntry } from "../../access/audit.ts";
import { builder } from "../../graphql/builder.ts";
import type { Context } from "../../graphql/context.ts";
import { decodeId } from "../../graphql/ids.ts";
import { ACTION_LABELS, namesFor, OBJECT_LABELS, type ReadableChange, readableChanges } from "./readable.ts";

// Per request: the names a page of entries refers to, one query per kind of record.
const perRequest = new WeakMap<Context, DataLoader<string, ReadableChange[]>>();
function readable(ctx: Context, changes: string): Promise<ReadableChange[]> {
  let loader = perRequest.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      async (all) => {
        const names = await namesFor(
          ctx.db.read,
          all.map((changes) => ({ changes })),
        );
        return all.map((changes) => readableChanges(changes, names));
      },
      { cache: false },
    );
    perRequest.set(ctx, loader);
  }
  return loader.load(changes);
}

const AuditChangeRef = builder.objectRef<ReadableChange>("AuditChange").implement({
  description:
    "One change of an audit entry as people read it: German field name, values with German numbers and dates, names instead of ids.",
  fields: (t) => ({
    field: t.exposeString("field"),
    before: t.exposeString("before", { nullable: true }),
    after: t.exposeString("after", { nullable: true }),
  }),
});

builder.prismaNode("AuditEntry", {
  id: { field: "id" },
  select: {
    id: true,
    objectType: true,
    authorityId: true,
    actor: { select: { providerId: true, authorityId: true } },
  },
  // The same rule as the auditLog query, so a node(id:) refetch cannot widen it.
  authScopes: (entry, ctx) =>
    canReadAuditEntry(ctx.access, {
      objectType: entry.objectType,
      authorityId: entry.authorityId,
      actorProviderId: entry.actor?.providerId ?? null,
      actorAuthorityId: entry.actor?.authorityId ?? null,
    }),
  fields: (t) => ({
    at: t.expose("at", { type: "DateTime" }),
    actor: t.relation("actor", { nullable: true }),
    authority: t.relation("authority", { nullable: true }),
    objectType: t.exposeString("objectType"),
    objectId: t.exposeString("objectId"),
    action: t.exposeString("action"),
    changes: t.exposeString("changes", {
      description: "JSON: created values, or { field: [before, after] }.",
    }),
    objectLabel: t.string({
      description: "The kind of record in German (Beschluss, Serviceschein, …).",
      select: { objectType: true },
      resolve: (entry) => OBJECT_LABELS[entry.objectType as AuditObjectType] ?? entry.objectType,
    }),
    actionLabel: t.string({
      description: "What happened, in German (angelegt, geändert, …).",
      select: { action: true },
      resolve: (entry) => ACTION_LABELS[entry.action] ?? entry.action,
    }),
    changeList: t.field({
      type: [AuditChangeRef],
      description: "The changes as people read them: field, before and after.",
      complexity: { field: 1, multiplier: 5 },
      select: { changes: true },
      resolve: (entry, _args, ctx) => readable(ctx, entry.changes),
    }),
  }),
});

const AuditTermRef = builder.objectRef<{ value: string; label: string }>("AuditTerm").implement({
  fields: (t) => ({ value: t.exposeString("value"), label: t.exposeString("label") }),
});

builder.queryField("auditVocabulary", (t) =>
  t.field({
    type: builder.objectRef<object>("AuditVocabulary").implement({
      description: "The audit trail's kinds of records and actions with their German names, for filters.",
      fields: (f) => ({
        objectTypes: f.field({
          type: [AuditTermRef],
          resolve: () => Object.entries(OBJECT_LABELS).map(([value, label]) => ({ value, label })),
        }),
        actions: f.field({
          type: [AuditTermRef],
          resolve: () => Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label })),
        }),
      }),
    }),
    authScopes: { signedIn: true },
    resolve: () => ({}),
  }),
);

builder.queryField("auditLog", (t) =>
  t.prismaConnection(
    {
      type: "AuditEntry",
      cursor: "id",
      description:
        "Newest first. ADMIN reads every record of its provider; steering members their authority's; each entry only who may read the record it concerns.",
      authScopes: { signedIn: true },
      args: {
        authorityId: t.arg.id(),
        objectType: t.arg.string(),
        action: t.arg.string(),
      },
      totalCount: async (_connection, args, ctx) =>
        ctx.db.read.auditEntry.count({ where: await auditWhere(args, ctx) }),
      resolve: async (query, _root, args, ctx) =>
        ctx.db.read.auditEntry.findMany({
          ...query,
          where: await auditWhere(args, ctx),
          orderBy: [{ at: "desc" }, { id: "desc" }],
        }),
    },
    { name: "AuditEntryConnection" },
    { name: "AuditEntryEdge" },
  ),
);

async function auditWhere(
  args: { authorityId?: string | number | null; objectType?: string | null; action?: string | null },
  ctx: Context,
) {
  return {
    AND: [
      await auditScope(ctx.access),
      args.authorityId
        ? { authorityId: decodeId(String(args.authorityId), "SchoolAuthority", "authorityId") }
        : {},
      args.objectType ? { objectType: args.objectType } : {},
      args.action ? { action: args.action } : {},
    ],
  };
}
