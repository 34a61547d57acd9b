import SchemaBuilder from "@pothos/core";
import ComplexityPlugin from "@pothos/plugin-complexity";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import { type GraphQLResolveInfo, isObjectType } from "graphql";
import type { Role } from "../access/index.ts";
import type PrismaTypes from "../db/generated/pothos-types.ts";
import { getDatamodel } from "../db/generated/pothos-types.ts";
import { badInput, forbidden, unauthenticated } from "../lib/errors.ts";
import type { Context } from "./context.ts";
import { globalId } from "./ids.ts";
import InputLimitsPlugin from "./limits.ts";

/** Connections: the page size when none is asked for, and the most one page holds. */
const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

/**
 * A well-formed ID naming no type, or a type that is no Node (a scalar, Query), is bad input,
 * not a server error.
 */
function nodeType(info: GraphQLResolveInfo, typename: string, field: string): void {
  const type = info.schema.getType(typename);
  if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === "Node"))
    throw badInput(field, `„${typename}“ ist kein Typ, der sich über eine ID laden lässt.`);
}

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    Decimal: { Input: string; Output: string };
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date };
  };
  AuthScopes: {
    signedIn: boolean;
    role: Role;
    authority: string;
    steeringRecords: string;
    person: { id: string; providerId: string | null; authorityId: string | null };
  };
}>({
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin, ComplexityPlugin, InputLimitsPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    runScopesOnType: true,
    treatErrorsAsUnauthorized: false,
    // The scopes only name the rules; server/access decides them.
    authScopes: (ctx) => ({
      signedIn: ctx.access.signedIn,
      role: (role) => ctx.access.hasRole(role),
      authority: (authorityId) => ctx.access.canSeeAuthority(authorityId),
      steeringRecords: (authorityId) => ctx.access.canSeeSteeringRecords(authorityId),
      person: (person) => ctx.access.canSeeUser(person),
    }),
    unauthorizedError: (_parent, ctx) => (ctx.access.signedIn ? forbidden() : unauthenticated()),
  },
  prisma: {
    client: (ctx) => ctx.db.read,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    // Query counts are asserted by tests; the warning fired for every anonymous `me`.
    onUnusedQuery: null,
    maxConnectionSize: MAX_PAGE,
    defaultConnectionSize: DEFAULT_PAGE,
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    decodeGlobalID: globalId,
    // The console's lists fetch their references in one field rather than one alias per record.
    nodesQueryOptions: {
      complexity: (args) => ({ field: 1, multiplier: args.ids.length }),
      resolve: (_root, { ids }, _ctx, info, resolveNodes) => {
        for (const [i, id] of ids.entries()) nodeType(info, id.typename, `ids.${i}`);
        return resolveNodes(ids);
      },
    },
    // A page costs its size, however much of it the data fills: the connection multiplies what is
    // asked per record (pageInfo and totalCount too, a small overestimate), its edges do not again.
    defaultConnectionFieldOptions: {
      complexity: (args) => ({
        field: 1,
        multiplier: Math.min(Math.max(args.first ?? args.last ?? DEFAULT_PAGE, 0), MAX_PAGE),
      }),
    },
    edgesFieldOptions: { complexity: { field: 1, multiplier: 1 } },
    nodeQueryOptions: {
      resolve: (_root, { id }, _ctx, info, resolveNode) => {
        nodeType(info, id.typename, "id");
        return resolveNode(id);
      },
    },
  },
  // Each field costs 1 and a list multiplies its fields by its expected size; fields that compute
  // or search set their own weight. The limit is checked before execution, over HTTP and
  // WebSocket alike, by graphql/operation-limits.ts.
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
  },
});
