import SchemaBuilder from "@pothos/core";
import ComplexityPlugin from "@pothos/plugin-complexity";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import type { Role } from "../access/index.ts";
import type PrismaTypes from "../db/generated/pothos-types.ts";
import { getDatamodel } from "../db/generated/pothos-types.ts";
import { badInput, forbidden, HubError, unauthenticated } from "../lib/errors.ts";
import type { Context } from "./context.ts";

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
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin, ComplexityPlugin],
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
    maxConnectionSize: 200,
    defaultConnectionSize: 50,
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    nodesQueryOptions: false,
    nodeQueryOptions: {
      // A well-formed ID of a type the schema does not have is bad input, not a server error.
      resolve: (_root, { id }, _ctx, info, resolveNode) => {
        if (!info.schema.getType(id.typename))
          throw badInput("id", `"${id.typename}" ist kein Typ dieser Schnittstelle.`);
        return resolveNode(id);
      },
    },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: { complexity: 20_000, depth: 12, breadth: 400 },
    complexityError: (kind, result) => {
      const found = { Complexity: result.complexity, Depth: result.depth, Breadth: result.breadth }[kind];
      const limit = { Complexity: result.maxComplexity, Depth: result.maxDepth, Breadth: result.maxBreadth }[
        kind
      ];
      return new HubError(
        "BAD_USER_INPUT",
        `Die Abfrage ist zu aufwendig (${kind} ${found}, erlaubt: ${limit}).`,
      );
    },
  },
});
