import { auditScope, canReadAuditEntry } from "../../access/audit.ts";
import { builder } from "../../graphql/builder.ts";
import type { Context } from "../../graphql/context.ts";
import { decodeId } from "../../graphql/ids.ts";

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
  }),
});

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
