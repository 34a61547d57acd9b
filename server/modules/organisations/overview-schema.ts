// GraphQL of the provider-wide view (Dienstleister-Übersicht): providerOverview(year).
import { builder } from "../../graphql/builder.ts";
import { fromHundredths } from "../../lib/units.ts";
import { type AuthorityOverview, type ProviderOverview, providerOverview } from "./overview.ts";
import { SchoolAuthorityRef } from "./schema.ts";

/** Quality figures of a year for every authority: as heavy as the escalation module's serviceQuality. */
const OVERVIEW_WEIGHT = 1000;

type Row = AuthorityOverview;

const AuthorityOverviewRef = builder.objectRef<Row>("AuthorityOverview").implement({
  description: "One authority's year as the provider sees it; the totals row has no authority.",
  fields: (t) => ({
    authority: t.field({ type: SchoolAuthorityRef, nullable: true, resolve: (row) => row.authority }),
    contractedPersonDays: t.field({
      type: "Decimal",
      description: "Volume of the year's commissioned (ACTIVE or CLOSED) service order.",
      resolve: (row) => fromHundredths(row.contracted),
    }),
    consumedPersonDays: t.field({ type: "Decimal", resolve: (row) => fromHundredths(row.consumed) }),
    utilization: t.exposeFloat("utilization", {
      description: "consumed / contracted; may exceed 1; 0 without volume.",
    }),
    elapsed: t.exposeFloat("elapsed", {
      description:
        "Share (0…1) of the order's period elapsed today (Europe/Berlin); 1 for past years. The totals weigh it by volume.",
    }),
    schoolsTotal: t.exposeInt("schoolsTotal"),
    schoolsUpgraded: t.exposeInt("schoolsUpgraded", {
      description: "Schools upgraded to the target picture.",
    }),
    openEscalations: t.exposeInt("openEscalations", {
      description: "Escalations raised in the year that are not yet resolved or rejected.",
    }),
    overdueEscalations: t.exposeInt("overdueEscalations", {
      description: "Open escalations of the year past their review or resolution target.",
    }),
    reviewedWithinTargetShare: t.exposeFloat("reviewedWithinTargetShare", {
      nullable: true,
      description: "Share (0…1) of the year's reviewed escalations reviewed within target; null without any.",
    }),
    satisfaction: t.exposeFloat("satisfaction", {
      nullable: true,
      description: "Average rating (1…5) of the year; null without ratings.",
    }),
  }),
});

const ProviderOverviewRef = builder.objectRef<ProviderOverview>("ProviderOverview").implement({
  description: "The provider's authorities side by side for one year, with totals.",
  fields: (t) => ({
    year: t.exposeInt("year"),
    authorities: t.field({ type: [AuthorityOverviewRef], resolve: (o) => o.authorities }),
    totals: t.field({ type: AuthorityOverviewRef, resolve: (o) => o.totals }),
  }),
});

builder.queryFields((t) => ({
  providerOverview: t.field({
    type: ProviderOverviewRef,
    description: "For the provider's service manager and administrator: every authority it serves in `year`.",
    authScopes: { signedIn: true },
    complexity: OVERVIEW_WEIGHT,
    args: { year: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => providerOverview(ctx.db.read, ctx.access, args.year),
  }),
}));
