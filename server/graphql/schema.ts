// Assembles the schema: the builder, its scalars and every module's types.
import { builder } from "./builder.ts";
import "./scalars.ts";
import "../modules/organisations/schema.ts";
import "../modules/audit/schema.ts";
import "../modules/governance/schema.ts";
import "../modules/controlling/schema.ts";
import "../modules/escalations/schema.ts";
import "../modules/organisations/overview-schema.ts";
import "../modules/plans/schema.ts";
import "../modules/mail/schema.ts";

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

export const schema = builder.toSchema({ sortSchema: true });
