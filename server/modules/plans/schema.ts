// GraphQL of the media development plan: types, queries and commands. Access through
// server/access/plans.ts; figures through reads.ts, one loader per request.
import DataLoader from "dataloader";
import {
  canAdoptPlan,
  canDraftPlan,
  planScope,
  requirePlanLinker,
  requirePlanReader,
} from "../../access/plans.ts";
import { EquipmentCategory, PlannedMeasureStatus, PlanStatus } from "../../db/generated/client/enums.ts";
import { builder } from "../../graphql/builder.ts";
import type { Context } from "../../graphql/context.ts";
import { decodeId } from "../../graphql/ids.ts";
import { forbidden, notFound } from "../../lib/errors.ts";
import { fromCents, fromHundredths } from "../../lib/units.ts";
import {
  type CellFigures,
  emptySchoolFigures,
  excessPercent,
  type SchoolFigures,
  type Sums,
  type Variance,
  type YearFigures,
} from "./figures.ts";
import { figuresOfPlans, type PlanHead, planForecast } from "./reads.ts";
import {
  addPlannedMeasure,
  adoptMediaDevelopmentPlan,
  createMediaDevelopmentPlan,
  linkPlannedMeasure,
  removePlannedMeasure,
  reviseMediaDevelopmentPlan,
  setMediaPlanVarianceThreshold,
  setPlanTarget,
  unlinkPlannedMeasure,
  updateMediaDevelopmentPlan,
  updatePlannedMeasure,
} from "./service.ts";

/** A handful of versions per authority; measures per plan as the console pages them. */
const PLANS_PER_AUTHORITY = 5;
const MEASURES_PER_PLAN = 20;
const SCHOOLS = 25;

const PlanStatusEnum = builder.enumType(PlanStatus, {
  name: "PlanStatus",
  description:
    "DRAFT (drafted by the provider) → ADOPTED (by a steering-group decision) → SUPERSEDED (by its revision).",
});
const EquipmentCategoryEnum = builder.enumType(EquipmentCategory, { name: "EquipmentCategory" });
const PlannedMeasureStatusEnum = builder.enumType(PlannedMeasureStatus, { name: "PlannedMeasureStatus" });
const VarianceKindEnum = builder.enumType("MediaPlanVarianceKind", {
  values: ["INVESTMENT", "PERSON_DAYS"] as const,
});

// Per-request figures of each plan the request reads, for the viewer's part of it.
const perRequest = new WeakMap<
  Context,
  DataLoader<
    PlanHead,
    Awaited<ReturnType<typeof figuresOfPlans>> extends Map<string, infer V> ? V : never,
    string
  >
>();
function figures(ctx: Context, plan: PlanHead) {
  let loader = perRequest.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      async (plans) => {
        const found = await figuresOfPlans(ctx.db.read, plans, (authorityId) =>
          planScope(ctx.access, authorityId),
        );
        return plans.map((p) => found.get(p.id) ?? new Error("plan figures missing"));
      },
      { cache: false, cacheKeyFn: (p) => p.id },
    );
    perRequest.set(ctx, loader);
  }
  return loader.load(plan);
}

const SumsRef = builder.interfaceRef<Sums>("MediaPlanSums").implement({
  description: "Planned against actual: euros and person-days, exact.",
  fields: (t) => ({
    plannedInvestmentEuros: t.field({ type: "Decimal", resolve: (s) => fromCents(s.plannedCents) }),
    plannedPersonDays: t.field({ type: "Decimal", resolve: (s) => fromHundredths(s.plannedHundredths) }),
    actualInvestmentEuros: t.field({ type: "Decimal", resolve: (s) => fromCents(s.actualCents) }),
    actualPersonDays: t.field({ type: "Decimal", resolve: (s) => fromHundredths(s.actualHundredths) }),
  }),
});

const MediaPlanYearRef = builder.objectRef<YearFigures>("MediaPlanYear").implement({
  description: "Planned and actual of one year: actuals in the year they happened.",
  interfaces: [SumsRef],
  isTypeOf: () => true,
  fields: (t) => ({
    year: t.exposeInt("year"),
    overThreshold: t.exposeBoolean("overThreshold", {
      description: "Actual beyond planned by more than the authority's threshold.",
    }),
  }),
});

const MediaPlanTotalsRef = builder.objectRef<Sums>("MediaPlanTotals").implement({
  interfaces: [SumsRef],
  isTypeOf: () => true,
  fields: () => ({}),
});

const MediaPlanCellRef = builder.objectRef<CellFigures>("MediaPlanCell").implement({
  description: "One cell of the year × category cost table.",
  interfaces: [SumsRef],
  isTypeOf: () => true,
  fields: (t) => ({
    year: t.exposeInt("year"),
    category: t.expose("category", { type: EquipmentCategoryEnum }),
  }),
});

interface SchoolRow extends SchoolFigures {
  targets: Map<string, string>;
}

const MediaPlanSchoolCategoryRef = builder
  .objectRef<{ category: EquipmentCategory; measures: number; done: number; target: string | null }>(
    "MediaPlanSchoolCategory",
  )
  .implement({
    fields: (t) => ({
      category: t.expose("category", { type: EquipmentCategoryEnum }),
      target: t.exposeString("target", {
        nullable: true,
        description: "The target equipment the plan states.",
      }),
      measures: t.exposeInt("measures", { description: "Measures of this category, dropped ones left out." }),
      done: t.exposeInt("done"),
    }),
  });

const MediaPlanSchoolRef = builder.objectRef<SchoolRow>("MediaPlanSchool").implement({
  description: "One school's part of the plan: progress against its target equipment.",
  interfaces: [SumsRef],
  isTypeOf: () => true,
  fields: (t) => ({
    school: t.prismaField({
      type: "School",
      // Prisma batches the findUnique calls of one tick into one query.
      resolve: (query, row, _args, ctx) =>
        ctx.db.read.school.findUniqueOrThrow({ ...query, where: { id: row.schoolId } }),
    }),
    measures: t.exposeInt("measures", { description: "Measures not dropped." }),
    done: t.exposeInt("done"),
    inProgress: t.exposeInt("inProgress"),
    progress: t.float({
      nullable: true,
      description: "Share of the measures done, 0…1; null without measures.",
      resolve: (row) => (row.measures === 0 ? null : row.done / row.measures),
    }),
    categories: t.field({
      type: [MediaPlanSchoolCategoryRef],
      complexity: { field: 1, multiplier: 6 },
      resolve: (row) =>
        row.categories
          .map((c) => ({ ...c, target: row.targets.get(c.category) ?? null }))
          .filter((c) => c.measures > 0 || c.target !== null),
    }),
  }),
});

const MediaPlanVarianceRef = builder.objectRef<Variance>("MediaPlanVariance").implement({
  description: "A planned measure whose actuals exceed its plan by more than the authority's threshold.",
  fields: (t) => ({
    measure: t.prismaField({
      type: "PlannedMeasure",
      resolve: (query, v, _args, ctx) =>
        ctx.db.read.plannedMeasure.findUniqueOrThrow({ ...query, where: { id: v.measureId } }),
    }),
    kind: t.field({ type: VarianceKindEnum, resolve: (v) => v.kind }),
    planned: t.field({
      type: "Decimal",
      description: "Euros or person-days, as `kind` says.",
      resolve: (v) => (v.kind === "INVESTMENT" ? fromCents(v.planned) : fromHundredths(v.planned)),
    }),
    actual: t.field({
      type: "Decimal",
      resolve: (v) => (v.kind === "INVESTMENT" ? fromCents(v.actual) : fromHundredths(v.actual)),
    }),
    excess: t.field({
      type: "Decimal",
      resolve: (v) =>
        v.kind === "INVESTMENT" ? fromCents(v.actual - v.planned) : fromHundredths(v.actual - v.planned),
    }),
    excessPercent: t.float({
      nullable: true,
      description: "Percent beyond planned, one decimal; null when nothing was planned.",
      resolve: (v) => excessPercent(v.planned, v.actual),
    }),
  }),
});

const schoolPart = (ctx: Context) =>
  ctx.access.isSchoolContactOnly ? { schoolId: ctx.access.user?.schoolId ?? "" } : {};

const head = {
  select: { id: true, authorityId: true, periodStart: true, periodEnd: true },
} as const;

builder.prismaNode("MediaDevelopmentPlan", {
  id: { field: "id" },
  select: head.select,
  authScopes: (plan, ctx) => planScope(ctx.access, plan.authorityId) !== null,
  fields: (t) => ({
    authority: t.relation("authority"),
    title: t.exposeString("title"),
    periodStart: t.exposeInt("periodStart", { description: "First year of the plan." }),
    periodEnd: t.exposeInt("periodEnd", { description: "Last year of the plan." }),
    status: t.expose("status", { type: PlanStatusEnum }),
    version: t.exposeInt("version"),
    predecessor: t.relation("predecessor", { nullable: true }),
    successor: t.relation("successor", {
      nullable: true,
      description: "The revision of this version, if one was opened.",
    }),
    adoptedAt: t.expose("adoptedAt", { type: "DateTime", nullable: true }),
    adoptedBy: t.prismaField({
      type: "Decision",
      nullable: true,
      description:
        "The steering group's decision that adopted it; null for those who do not read steering records.",
      select: { adoptedDecisionId: true },
      resolve: (query, plan, _args, ctx) =>
        plan.adoptedDecisionId && ctx.access.canSeeSteeringRecords(plan.authorityId)
          ? ctx.db.read.decision.findUnique({ ...query, where: { id: plan.adoptedDecisionId } })
          : null,
    }),
    adoptionRecordedBy: t.relation("adoptedBy", {
      nullable: true,
      description: "The authority's person who recorded the adoption in the hub.",
    }),
    createdBy: t.relation("createdBy"),
    measures: t.relation("measures", {
      description: "The measures, ordered by year, school and title; a school contact's own school's only.",
      complexity: { field: 1, multiplier: MEASURES_PER_PLAN },
      query: (_args, ctx) => ({
        where: schoolPart(ctx),
        orderBy: [{ year: "asc" }, { school: { name: "asc" } }, { title: "asc" }],
      }),
    }),
    years: t.field({
      type: [MediaPlanYearRef],
      description: "Each year of the period (and any other year with actuals): planned against actual.",
      complexity: { field: 2, multiplier: 10 },
      resolve: async (plan, _args, ctx) => (await figures(ctx, plan)).figures.years,
    }),
    byYearAndCategory: t.field({
      type: [MediaPlanCellRef],
      description: "Year × category, the cells with anything planned or actual.",
      complexity: { field: 2, multiplier: 60 },
      resolve: async (plan, _args, ctx) => (await figures(ctx, plan)).figures.cells,
    }),
    totals: t.field({
      type: MediaPlanTotalsRef,
      resolve: async (plan, _args, ctx) => (await figures(ctx, plan)).figures.totals,
    }),
    schools: t.field({
      type: [MediaPlanSchoolRef],
      description: "Per school: its target equipment and the progress of its measures.",
      complexity: { field: 2, multiplier: SCHOOLS },
      resolve: async (plan, _args, ctx) => {
        const [{ figures: f }, targets] = await Promise.all([
          figures(ctx, plan),
          ctx.db.read.planTarget.findMany({ where: { planId: plan.id, ...schoolPart(ctx) } }),
        ]);
        const bySchool = new Map<string, SchoolRow>(
          f.schools.map((s) => [s.schoolId, { ...s, targets: new Map() }]),
        );
        for (const target of targets) {
          let row = bySchool.get(target.schoolId);
          if (!row) {
            row = { ...emptySchoolFigures(target.schoolId), targets: new Map() };
            bySchool.set(target.schoolId, row);
          }
          row.targets.set(target.category, target.description);
        }
        const names = new Map(
          (
            await ctx.db.read.school.findMany({
              where: { id: { in: [...bySchool.keys()] } },
              select: { id: true, name: true },
            })
          ).map((s) => [s.id, s.name]),
        );
        return [...bySchool.values()].sort((a, b) =>
          (names.get(a.schoolId) ?? "").localeCompare(names.get(b.schoolId) ?? "", "de"),
        );
      },
    }),
    variances: t.field({
      type: [MediaPlanVarianceRef],
      description: "Measures whose actuals exceed their plan by more than the authority's threshold.",
      complexity: { field: 2, multiplier: MEASURES_PER_PLAN },
      resolve: async (plan, _args, ctx) => (await figures(ctx, plan)).figures.variances,
    }),
    varianceThresholdPercent: t.int({
      description: "The authority's threshold, in percent.",
      select: { authority: { select: { mediaPlanVarianceThreshold: true } } },
      resolve: (plan) => plan.authority.mediaPlanVarianceThreshold,
    }),
    viewerCanEdit: t.boolean({
      description: "The viewer may change this version's measures and targets (the provider, while DRAFT).",
      select: { status: true },
      resolve: (plan, _args, ctx) => plan.status === "DRAFT" && canDraftPlan(ctx.access, plan.authorityId),
    }),
    viewerCanAdopt: t.boolean({
      description: "The viewer may adopt this DRAFT by a steering-group decision (the authority as client).",
      select: { status: true },
      resolve: async (plan, _args, ctx) =>
        plan.status === "DRAFT" && (await canAdoptPlan(ctx.access, ctx.db.read, plan.authorityId)),
    }),
    viewerCanSetVarianceThreshold: t.boolean({
      description: "The viewer may set the authority's variance threshold (the authority as client).",
      resolve: (plan, _args, ctx) => canAdoptPlan(ctx.access, ctx.db.read, plan.authorityId),
    }),
    viewerCanRevise: t.boolean({
      description: "The viewer may open the next version of this adopted one.",
      select: { status: true, successor: { select: { id: true } } },
      resolve: (plan, _args, ctx) =>
        plan.status === "ADOPTED" && plan.successor === null && canDraftPlan(ctx.access, plan.authorityId),
    }),
    viewerCanTrack: t.boolean({
      description: "The viewer may set measures' progress and link what carries them out.",
      select: { status: true },
      resolve: (plan, _args, ctx) => {
        if (plan.status === "SUPERSEDED") return false;
        try {
          requirePlanLinker(ctx.access, plan.authorityId);
          return true;
        } catch {
          return false;
        }
      },
    }),
  }),
});

builder.prismaObject("PlanTarget", {
  fields: (t) => ({
    school: t.relation("school"),
    category: t.expose("category", { type: EquipmentCategoryEnum }),
    description: t.exposeString("description"),
  }),
});

builder.prismaObject("PlannedMeasureLink", {
  description: "What carries out a planned measure: a service measure or a procurement request.",
  fields: (t) => ({
    serviceMeasure: t.relation("serviceMeasure", { nullable: true }),
    procurementRequest: t.relation("procurementRequest", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObjectField("MediaDevelopmentPlan", "targets", (t) =>
  t.relation("targets", {
    description: "Target equipment per school and category; a school contact's own school's only.",
    complexity: { field: 1, multiplier: SCHOOLS },
    query: (_args, ctx) => ({
      where: schoolPart(ctx),
      orderBy: [{ school: { name: "asc" } }, { category: "asc" }],
    }),
  }),
);

builder.prismaNode("PlannedMeasure", {
  id: { field: "id" },
  select: { id: true, schoolId: true, plan: { select: head.select } },
  authScopes: (m, ctx) => {
    const scope = planScope(ctx.access, m.plan.authorityId);
    return scope !== null && (scope.all || scope.schoolId === m.schoolId);
  },
  fields: (t) => ({
    plan: t.relation("plan"),
    school: t.relation("school"),
    category: t.expose("category", { type: EquipmentCategoryEnum }),
    title: t.exposeString("title"),
    year: t.exposeInt("year"),
    investmentEuros: t.field({
      type: "Decimal",
      select: { investmentCents: true },
      resolve: (m) => fromCents(m.investmentCents),
    }),
    personDays: t.field({
      type: "Decimal",
      select: { personDays: true },
      resolve: (m) => fromHundredths(m.personDays),
    }),
    serviceLine: t.exposeString("serviceLine", {
      description: "The service line of the order that carries its person-days.",
    }),
    status: t.expose("status", { type: PlannedMeasureStatusEnum }),
    carriedFromYear: t.exposeInt("carriedFromYear", {
      nullable: true,
      description: "The year it had in the version it was carried over from, when the revision moved it.",
    }),
    links: t.relation("links", {
      description: "Usually one service measure or procurement request, rarely more.",
      complexity: { field: 1, multiplier: 2 },
    }),
    actualInvestmentEuros: t.field({
      type: "Decimal",
      description: "Cost of the linked procurement requests once accepted.",
      resolve: async (m, _args, ctx) => fromCents((await measureFigures(ctx, m)).actualCents),
    }),
    actualPersonDays: t.field({
      type: "Decimal",
      description: "Person-days booked on the linked service measures.",
      resolve: async (m, _args, ctx) => fromHundredths((await measureFigures(ctx, m)).actualHundredths),
    }),
    overThreshold: t.boolean({
      description: "Actual beyond planned by more than the authority's threshold.",
      resolve: async (m, _args, ctx) => (await measureFigures(ctx, m)).overThreshold,
    }),
  }),
});

async function measureFigures(ctx: Context, m: { id: string; plan: PlanHead }) {
  const found = (await figures(ctx, m.plan)).figures.measures.get(m.id);
  if (!found) throw notFound("Geplante Maßnahme");
  return found;
}

builder.prismaObjectFields("SchoolAuthority", (t) => ({
  mediaPlanVarianceThreshold: t.exposeInt("mediaPlanVarianceThreshold", {
    description: "Percent by which a planned measure's actuals may exceed its plan before it is flagged.",
  }),
}));

interface Forecast {
  year: number;
  planId: string | null;
  lines: Awaited<ReturnType<typeof planForecast>>["lines"];
}

const ForecastLineRef = builder.objectRef<Forecast["lines"][number]>("MediaPlanForecastLine").implement({
  fields: (t) => ({
    serviceLine: t.exposeString("serviceLine"),
    personDays: t.field({ type: "Decimal", resolve: (l) => fromHundredths(l.personDays) }),
    investmentEuros: t.field({ type: "Decimal", resolve: (l) => fromCents(l.investmentCents) }),
    measures: t.exposeInt("measures"),
  }),
});

const ForecastRef = builder.objectRef<Forecast>("MediaPlanForecast").implement({
  description: "What the adopted plan foresees for a year, by service line: the start of that year's order.",
  fields: (t) => ({
    year: t.exposeInt("year"),
    plan: t.prismaField({
      type: "MediaDevelopmentPlan",
      nullable: true,
      resolve: (query, f, _args, ctx) =>
        f.planId ? ctx.db.read.mediaDevelopmentPlan.findUnique({ ...query, where: { id: f.planId } }) : null,
    }),
    lines: t.field({ type: [ForecastLineRef], resolve: (f) => f.lines }),
    personDays: t.field({
      type: "Decimal",
      resolve: (f) => fromHundredths(f.lines.reduce((sum, l) => sum + l.personDays, 0)),
    }),
  }),
});

const idOf = (value: string | number, type: string, field: string) => decodeId(String(value), type, field);

builder.queryFields((t) => ({
  mediaDevelopmentPlans: t.prismaField({
    type: ["MediaDevelopmentPlan"],
    description: "An authority's media development plans, newest version first.",
    authScopes: { signedIn: true },
    complexity: { field: 1, multiplier: PLANS_PER_AUTHORITY },
    args: { authorityId: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => {
      const authorityId = idOf(args.authorityId, "SchoolAuthority", "authorityId");
      requirePlanReader(ctx.access, authorityId);
      return ctx.db.read.mediaDevelopmentPlan.findMany({
        ...query,
        where: { authorityId },
        orderBy: [{ version: "desc" }, { createdAt: "desc" }],
      });
    },
  }),
  mediaDevelopmentPlan: t.prismaField({
    type: "MediaDevelopmentPlan",
    nullable: true,
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = idOf(args.id, "MediaDevelopmentPlan", "id");
      const plan = await ctx.db.read.mediaDevelopmentPlan.findUnique({ ...query, where: { id } });
      if (!plan || !planScope(ctx.access, plan.authorityId)) throw notFound("Medienentwicklungsplan");
      return plan;
    },
  }),
  mediaPlanForecast: t.field({
    type: ForecastRef,
    description: "Planned person-days of a year by service line from the adopted plan covering it.",
    authScopes: { signedIn: true },
    args: { authorityId: t.arg.id({ required: true }), year: t.arg.int({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const authorityId = idOf(args.authorityId, "SchoolAuthority", "authorityId");
      if (!requirePlanReader(ctx.access, authorityId).all) {
        throw forbidden(
          "Die Planung für den Serviceschein sehen Schulträger und Dienstleister, nicht die Schulen.",
        );
      }
      const year = Math.trunc(args.year);
      const { plan, lines } = await planForecast(ctx.db.read, authorityId, year);
      return { year, planId: plan?.id ?? null, lines };
    },
  }),
}));

const CategoryArg = { type: EquipmentCategoryEnum, required: true } as const;

builder.mutationFields((t) => ({
  createMediaDevelopmentPlan: t.prismaField({
    type: "MediaDevelopmentPlan",
    description: "The provider's service manager drafts an authority's plan (version 1, DRAFT).",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("CreateMediaDevelopmentPlanInput", {
          fields: (f) => ({
            authorityId: f.id({ required: true }),
            title: f.string({ required: true }),
            periodStart: f.int({ required: true }),
            periodEnd: f.int({ required: true }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const plan = await ctx.run(createMediaDevelopmentPlan, {
        authorityId: idOf(input.authorityId, "SchoolAuthority", "authorityId"),
        title: input.title,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
      });
      return ctx.db.read.mediaDevelopmentPlan.findUniqueOrThrow({ ...query, where: { id: plan.id } });
    },
  }),
  updateMediaDevelopmentPlan: t.prismaField({
    type: "MediaDevelopmentPlan",
    description: "Title and period of a DRAFT.",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("UpdateMediaDevelopmentPlanInput", {
          fields: (f) => ({
            planId: f.id({ required: true }),
            title: f.string(),
            periodStart: f.int(),
            periodEnd: f.int(),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const plan = await ctx.run(updateMediaDevelopmentPlan, {
        planId: idOf(input.planId, "MediaDevelopmentPlan", "planId"),
        title: input.title,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
      });
      return ctx.db.read.mediaDevelopmentPlan.findUniqueOrThrow({ ...query, where: { id: plan.id } });
    },
  }),
  addPlannedMeasure: t.prismaField({
    type: "PlannedMeasure",
    description: "A measure of a DRAFT plan: school, category, year, investment and person-days.",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("AddPlannedMeasureInput", {
          fields: (f) => ({
            planId: f.id({ required: true }),
            schoolId: f.id({ required: true }),
            category: f.field(CategoryArg),
            title: f.string({ required: true }),
            year: f.int({ required: true }),
            investmentEuros: f.field({ type: "Decimal", required: true }),
            personDays: f.field({ type: "Decimal", required: true }),
            serviceLine: f.string({
              description:
                "The order's service line for its person-days; Ertüchtigung, or Beratung for TRAINING.",
            }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const measure = await ctx.run(addPlannedMeasure, {
        planId: idOf(input.planId, "MediaDevelopmentPlan", "planId"),
        schoolId: idOf(input.schoolId, "School", "schoolId"),
        category: input.category,
        title: input.title,
        year: input.year,
        investmentEuros: input.investmentEuros,
        personDays: input.personDays,
        serviceLine: input.serviceLine,
      });
      return ctx.db.read.plannedMeasure.findUniqueOrThrow({ ...query, where: { id: measure.id } });
    },
  }),
  updatePlannedMeasure: t.prismaField({
    type: "PlannedMeasure",
    description: "Every field while the plan is DRAFT; in an adopted plan only the status (its progress).",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("UpdatePlannedMeasureInput", {
          fields: (f) => ({
            plannedMeasureId: f.id({ required: true }),
            schoolId: f.id(),
            category: f.field({ type: EquipmentCategoryEnum }),
            title: f.string(),
            year: f.int(),
            investmentEuros: f.field({ type: "Decimal" }),
            personDays: f.field({ type: "Decimal" }),
            serviceLine: f.string(),
            status: f.field({ type: PlannedMeasureStatusEnum }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const measure = await ctx.run(updatePlannedMeasure, {
        plannedMeasureId: idOf(input.plannedMeasureId, "PlannedMeasure", "plannedMeasureId"),
        schoolId: input.schoolId == null ? null : idOf(input.schoolId, "School", "schoolId"),
        category: input.category,
        title: input.title,
        year: input.year,
        investmentEuros: input.investmentEuros,
        personDays: input.personDays,
        serviceLine: input.serviceLine,
        status: input.status,
      });
      return ctx.db.read.plannedMeasure.findUniqueOrThrow({ ...query, where: { id: measure.id } });
    },
  }),
  removePlannedMeasure: t.boolean({
    description: "Removes a measure from a DRAFT plan.",
    authScopes: { signedIn: true },
    args: { plannedMeasureId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.run(removePlannedMeasure, {
        plannedMeasureId: idOf(args.plannedMeasureId, "PlannedMeasure", "plannedMeasureId"),
      }),
  }),
  setPlanTarget: t.prismaField({
    type: "MediaDevelopmentPlan",
    description: "A school's target equipment in one category (DRAFT only); an empty description removes it.",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("SetPlanTargetInput", {
          fields: (f) => ({
            planId: f.id({ required: true }),
            schoolId: f.id({ required: true }),
            category: f.field(CategoryArg),
            description: f.string({ maxLength: 2000 }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const planId = idOf(input.planId, "MediaDevelopmentPlan", "planId");
      await ctx.run(setPlanTarget, {
        planId,
        schoolId: idOf(input.schoolId, "School", "schoolId"),
        category: input.category,
        description: input.description,
      });
      return ctx.db.read.mediaDevelopmentPlan.findUniqueOrThrow({ ...query, where: { id: planId } });
    },
  }),
  adoptMediaDevelopmentPlan: t.prismaField({
    type: "MediaDevelopmentPlan",
    description:
      "The authority adopts a DRAFT by an APPROVED decision of its steering group; the version it revises is superseded.",
    authScopes: { signedIn: true },
    args: { planId: t.arg.id({ required: true }), decisionId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const plan = await ctx.run(adoptMediaDevelopmentPlan, {
        planId: idOf(args.planId, "MediaDevelopmentPlan", "planId"),
        decisionId: idOf(args.decisionId, "Decision", "decisionId"),
      });
      return ctx.db.read.mediaDevelopmentPlan.findUniqueOrThrow({ ...query, where: { id: plan.id } });
    },
  }),
  reviseMediaDevelopmentPlan: t.prismaField({
    type: "MediaDevelopmentPlan",
    description:
      "Fortschreibung: the next version as DRAFT with the open measures carried over; optionally a new title and period.",
    authScopes: { signedIn: true },
    args: {
      planId: t.arg.id({ required: true }),
      input: t.arg({
        type: builder.inputType("ReviseMediaDevelopmentPlanInput", {
          fields: (f) => ({ title: f.string(), periodStart: f.int(), periodEnd: f.int() }),
        }),
      }),
    },
    resolve: async (query, _root, args, ctx) => {
      const plan = await ctx.run(reviseMediaDevelopmentPlan, {
        planId: idOf(args.planId, "MediaDevelopmentPlan", "planId"),
        title: args.input?.title,
        periodStart: args.input?.periodStart,
        periodEnd: args.input?.periodEnd,
      });
      return ctx.db.read.mediaDevelopmentPlan.findUniqueOrThrow({ ...query, where: { id: plan.id } });
    },
  }),
  setMediaPlanVarianceThreshold: t.prismaField({
    type: "SchoolAuthority",
    description:
      "The authority sets by how many percent actuals may exceed plan before a measure is flagged.",
    authScopes: { signedIn: true },
    args: { authorityId: t.arg.id({ required: true }), percent: t.arg.int({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const authorityId = idOf(args.authorityId, "SchoolAuthority", "authorityId");
      await ctx.run(setMediaPlanVarianceThreshold, { authorityId, percent: args.percent });
      return ctx.db.read.schoolAuthority.findUniqueOrThrow({ ...query, where: { id: authorityId } });
    },
  }),
}));

const LinkInputRef = builder.inputType("LinkPlannedMeasureInput", {
  fields: (f) => ({
    plannedMeasureId: f.id({ required: true }),
    serviceMeasureId: f.id(),
    procurementRequestId: f.id(),
  }),
});

builder.mutationFields((t) => {
  const linking = (command: typeof linkPlannedMeasure, description: string) =>
    t.prismaField({
      type: "PlannedMeasure",
      description,
      authScopes: { signedIn: true },
      args: { input: t.arg({ type: LinkInputRef, required: true }) },
      resolve: async (query, _root, { input }, ctx) => {
        const measure = await ctx.run(command, {
          plannedMeasureId: idOf(input.plannedMeasureId, "PlannedMeasure", "plannedMeasureId"),
          serviceMeasureId:
            input.serviceMeasureId == null
              ? null
              : idOf(input.serviceMeasureId, "ServiceMeasure", "serviceMeasureId"),
          procurementRequestId:
            input.procurementRequestId == null
              ? null
              : idOf(input.procurementRequestId, "ProcurementRequest", "procurementRequestId"),
        });
        return ctx.db.read.plannedMeasure.findUniqueOrThrow({ ...query, where: { id: measure.id } });
      },
    });
  return {
    linkPlannedMeasure: linking(
      linkPlannedMeasure,
      "Links a service measure (its booked person-days) or a procurement request (its cost, once accepted) to a planned measure.",
    ),
    unlinkPlannedMeasure: linking(unlinkPlannedMeasure, "Removes such a link."),
  };
});
