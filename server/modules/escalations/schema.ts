import DataLoader from "dataloader";
import {
  canSeeEscalation,
  escalationScope,
  requireEscalation,
  requireQualityFigures,
} from "../../access/escalations.ts";
import type { Escalation } from "../../db/generated/client/client.ts";
import type { Severity as SeverityType } from "../../db/generated/client/enums.ts";
import {
  EscalationStatus,
  MeasureKind,
  MeasureStatus,
  SatisfactionSource,
  Severity,
} from "../../db/generated/client/enums.ts";
import { builder } from "../../graphql/builder.ts";
import type { Context } from "../../graphql/context.ts";
import { decodeId } from "../../graphql/ids.ts";
import { groupedLoader, withFields } from "../../graphql/loaders.ts";
import { badInput, notFound } from "../../lib/errors.ts";
import { cpuTurn } from "../../lib/turns.ts";
import { MAX_TEXT_LENGTH } from "../../lib/validate.ts";
import { BookingRef } from "../controlling/schema.ts";
import type { Command } from "../work.ts";
import { type Clock, clock } from "./clock.ts";
import type { Figures } from "./quality.ts";
import { serviceQuality } from "./quality.ts";
import {
  acceptServiceMeasure,
  completeServiceMeasure,
  createServiceMeasure,
  linkBooking,
  raiseEscalation,
  recordSatisfaction,
  resolveEscalation,
  reviewEscalation,
  scheduleEscalation,
  setEscalationTarget,
  startServiceMeasure,
  targetsOf,
} from "./service.ts";

const SeverityEnum = builder.enumType(Severity, { name: "Severity" });
const StatusEnum = builder.enumType(EscalationStatus, { name: "EscalationStatus" });
builder.enumType(SatisfactionSource, { name: "SatisfactionSource" });
const MeasureKindEnum = builder.enumType(MeasureKind, { name: "MeasureKind" });
builder.enumType(MeasureStatus, { name: "MeasureStatus" });

// Weights for the query cost limit (graphql/operation-limits.ts), where a plain field costs 1: a
// year's quality figures take every escalation's clock and cost about as much as a thousand
// fields; one clock about five. Lists count with their expected sizes.
const QUALITY_WEIGHT = 1000;
const CLOCK_WEIGHT = 5;
/** Escalations of one authority: KSM's authorities raise about 150 a year between them. */
const PER_AUTHORITY = 12;
/** Schools of one authority: 80 schools across KSM's 13. */
const SCHOOLS = 6;
const SEVERITIES = Object.keys(Severity).length;
const STATUSES = Object.keys(EscalationStatus).length;

/** Per request: the authority's state and targets, loaded once for all escalations asked for. */
const configLoaders = new WeakMap<
  Context,
  DataLoader<string, Awaited<ReturnType<typeof targetsOf>>[number]>
>();
function configOf(ctx: Context, authorityId: string) {
  let loader = configLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader((ids) => targetsOf(ctx.db.read, ids));
    configLoaders.set(ctx, loader);
  }
  return loader.load(authorityId);
}

async function clockOf(
  ctx: Context,
  e: {
    authorityId: string;
    severity: SeverityType;
    raisedAt: Date;
    reviewedAt: Date | null;
    resolvedAt: Date | null;
  },
) {
  const config = await configOf(ctx, e.authorityId);
  return clock(e, config.targets[e.severity], config.state);
}

const ClockRef = builder.objectRef<Clock>("EscalationClock").implement({
  description:
    "Time to review and to resolution against the authority's targets, in working days of its federal state.",
  fields: (t) => ({
    reviewTargetDays: t.exposeInt("reviewTargetDays"),
    resolutionTargetDays: t.exposeInt("resolutionTargetDays"),
    reviewDueDate: t.expose("reviewDueDate", { type: "Date" }),
    resolutionDueDate: t.expose("resolutionDueDate", { type: "Date" }),
    workingDaysToReview: t.exposeInt("workingDaysToReview", { description: "Until review, or so far." }),
    workingDaysToResolution: t.exposeInt("workingDaysToResolution", {
      description: "Until resolution, or so far.",
    }),
    reviewedInTime: t.exposeBoolean("reviewedInTime"),
    resolvedInTime: t.exposeBoolean("resolvedInTime"),
    overdue: t.exposeBoolean("overdue"),
    overdueWorkingDays: t.exposeInt("overdueWorkingDays"),
  }),
});

const clockSelect = {
  authorityId: true,
  severity: true,
  raisedAt: true,
  reviewedAt: true,
  resolvedAt: true,
} as const;

builder.prismaNode("Escalation", {
  id: { field: "id" },
  select: { id: true, authorityId: true, schoolId: true },
  authScopes: (escalation, ctx) => canSeeEscalation(ctx.access, escalation),
  fields: (t) => ({
    school: t.relation("school"),
    authority: t.relation("authority"),
    subject: t.exposeString("subject"),
    description: t.exposeString("description"),
    ticketRef: t.exposeString("ticketRef", { nullable: true }),
    severity: t.expose("severity", { type: SeverityEnum }),
    status: t.expose("status", { type: StatusEnum }),
    raisedAt: t.expose("raisedAt", { type: "DateTime" }),
    raisedBy: t.relation("raisedBy"),
    reviewedAt: t.expose("reviewedAt", { type: "DateTime", nullable: true }),
    resolvedAt: t.expose("resolvedAt", { type: "DateTime", nullable: true }),
    resolution: t.exposeString("resolution", { nullable: true }),
    agendaItem: t.relation("agendaItem", { nullable: true }),
    decision: t.relation("decision", {
      nullable: true,
      description: "The decision that resolved the escalation.",
    }),
    satisfaction: t.relation("satisfaction", { nullable: true }),
    clock: t.field({
      type: ClockRef,
      select: clockSelect,
      complexity: CLOCK_WEIGHT,
      resolve: (e, _args, ctx) => clockOf(ctx, e),
    }),
    relatedEscalations: t.prismaField({
      type: ["Escalation"],
      description: "Other escalations about the same service-desk ticket.",
      select: { ticketRef: true },
      resolve: async (query, e, _args, ctx) => {
        if (!e.ticketRef) return [];
        const same = await groupedLoader<Escalation>(
          ctx,
          "relatedEscalations",
          query,
          (keys) =>
            ctx.db.read.escalation.findMany({
              // Scalars come with an include; a select needs the key fields added.
              ...(query.select ? withFields(query, { id: true, authorityId: true, ticketRef: true }) : query),
              where: {
                AND: [
                  escalationScope(ctx.access),
                  { OR: keys.map((key) => JSON.parse(key) as { authorityId: string; ticketRef: string }) },
                ],
              },
              orderBy: { raisedAt: "asc" },
            } as never) as unknown as Promise<Escalation[]>,
          (row) => JSON.stringify({ authorityId: row.authorityId, ticketRef: row.ticketRef }),
        ).load(JSON.stringify({ authorityId: e.authorityId, ticketRef: e.ticketRef }));
        return same.filter((other) => other.id !== e.id);
      },
    }),
  }),
});

builder.prismaNode("SatisfactionRating", {
  id: { field: "id" },
  select: { id: true, authorityId: true, schoolId: true },
  authScopes: (rating, ctx) => canSeeEscalation(ctx.access, rating),
  fields: (t) => ({
    school: t.relation("school"),
    source: t.expose("source", { type: SatisfactionSource }),
    period: t.exposeString("period", { nullable: true }),
    score: t.exposeInt("score"),
    comment: t.exposeString("comment", { nullable: true }),
    ratedAt: t.expose("ratedAt", { type: "DateTime" }),
  }),
});

builder.prismaNode("ServiceMeasure", {
  id: { field: "id" },
  select: { id: true, authorityId: true, schoolId: true },
  authScopes: (measure, ctx) => canSeeEscalation(ctx.access, measure),
  fields: (t) => ({
    school: t.relation("school"),
    kind: t.expose("kind", { type: MeasureKindEnum }),
    title: t.exposeString("title"),
    description: t.exposeString("description", { nullable: true }),
    status: t.expose("status", { type: MeasureStatus }),
    startedAt: t.expose("startedAt", { type: "DateTime", nullable: true }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true }),
    report: t.exposeString("report", { nullable: true, description: "Servicebericht." }),
    acceptanceRequired: t.exposeBoolean("acceptanceRequired", {
      description: "False for network infrastructure, which has no acceptance (Abnahme).",
    }),
    acceptedAt: t.expose("acceptedAt", { type: "DateTime", nullable: true }),
    bookings: t.field({
      type: [BookingRef],
      description: "The ledger entries booked for this measure, in date order.",
      select: (_args, _ctx, nestedSelection) => ({
        bookings: { select: { booking: nestedSelection(true) }, orderBy: { booking: { date: "asc" } } },
      }),
      resolve: (measure) => measure.bookings.map((link) => link.booking) as never,
    }),
  }),
});

const SeverityCount = builder
  .objectRef<{ severity: SeverityType; count: number }>("SeverityCount")
  .implement({
    fields: (t) => ({ severity: t.expose("severity", { type: SeverityEnum }), count: t.exposeInt("count") }),
  });
const StatusCount = builder
  .objectRef<{ status: (typeof EscalationStatus)[keyof typeof EscalationStatus]; count: number }>(
    "EscalationStatusCount",
  )
  .implement({
    fields: (t) => ({ status: t.expose("status", { type: StatusEnum }), count: t.exposeInt("count") }),
  });

const FiguresRef = builder.objectRef<Figures>("QualityFigures").implement({
  description: "Escalation figures of a period; times in working days, shares from 0 to 1.",
  fields: (t) => ({
    period: t.exposeString("period"),
    raised: t.exposeInt("raised"),
    bySeverity: t.field({
      type: [SeverityCount],
      complexity: { field: 1, multiplier: SEVERITIES },
      resolve: (f) => f.bySeverity,
    }),
    byStatus: t.field({
      type: [StatusCount],
      complexity: { field: 1, multiplier: STATUSES },
      resolve: (f) => f.byStatus,
    }),
    medianDaysToReview: t.exposeFloat("medianDaysToReview", { nullable: true }),
    p90DaysToReview: t.exposeFloat("p90DaysToReview", { nullable: true }),
    medianDaysToResolution: t.exposeFloat("medianDaysToResolution", { nullable: true }),
    p90DaysToResolution: t.exposeFloat("p90DaysToResolution", { nullable: true }),
    reviewedWithinTarget: t.exposeFloat("reviewedWithinTarget", { nullable: true }),
    resolvedWithinTarget: t.exposeFloat("resolvedWithinTarget", { nullable: true }),
    overdue: t.exposeInt("overdue"),
    satisfactionAverage: t.exposeFloat("satisfactionAverage", { nullable: true }),
    satisfactionCount: t.exposeInt("satisfactionCount"),
  }),
});

const SchoolFigures = builder
  .objectRef<{ schoolId: string; figures: Figures }>("SchoolQualityFigures")
  .implement({
    fields: (t) => ({
      school: t.prismaField({
        type: "School",
        resolve: (query, row, _args, ctx) =>
          ctx.db.read.school.findUniqueOrThrow({ ...query, where: { id: row.schoolId } }),
      }),
      figures: t.field({ type: FiguresRef, resolve: (row) => row.figures }),
    }),
  });

const QualityRef = builder.objectRef<Awaited<ReturnType<typeof serviceQuality>>>("ServiceQuality").implement({
  fields: (t) => ({
    year: t.exposeInt("year"),
    total: t.field({ type: FiguresRef, resolve: (q) => q.total }),
    months: t.field({
      type: [FiguresRef],
      complexity: { field: 1, multiplier: 12 },
      resolve: (q) => q.months,
    }),
    schools: t.field({
      type: [SchoolFigures],
      complexity: { field: 1, multiplier: SCHOOLS },
      resolve: (q) => q.schools,
    }),
    repeatTickets: t.field({
      type: [
        builder.objectRef<{ ticketRef: string; count: number }>("RepeatTicket").implement({
          fields: (f) => ({ ticketRef: f.exposeString("ticketRef"), count: f.exposeInt("count") }),
        }),
      ],
      resolve: (q) => q.repeatTickets,
    }),
    satisfactionTrend: t.field({
      type: [
        builder.objectRef<{ period: string; average: number; count: number }>("SatisfactionPoint").implement({
          fields: (f) => ({
            period: f.exposeString("period"),
            average: f.exposeFloat("average"),
            count: f.exposeInt("count"),
          }),
        }),
      ],
      // A year's quarters.
      complexity: { field: 1, multiplier: 4 },
      resolve: (q) => q.satisfactionTrend,
    }),
  }),
});

const TargetRef = builder
  .objectRef<{ severity: SeverityType; reviewDays: number; resolveDays: number }>("EscalationTarget")
  .implement({
    fields: (t) => ({
      severity: t.expose("severity", { type: SeverityEnum }),
      reviewDays: t.exposeInt("reviewDays"),
      resolveDays: t.exposeInt("resolveDays"),
    }),
  });

builder.prismaObjectFields("SchoolAuthority", (t) => ({
  escalations: t.relation("escalations", {
    args: { status: t.arg({ type: StatusEnum }) },
    complexity: { field: 1, multiplier: PER_AUTHORITY },
    query: (args, ctx) => ({
      where: { AND: [escalationScope(ctx.access), args.status ? { status: args.status } : {}] },
      orderBy: { raisedAt: "desc" },
    }),
  }),
  escalationTargets: t.field({
    type: [TargetRef],
    select: { id: true },
    complexity: { field: 1, multiplier: SEVERITIES },
    resolve: async (authority, _args, ctx) => {
      const config = await configOf(ctx, authority.id);
      return (
        Object.entries(config.targets) as [SeverityType, { reviewDays: number; resolveDays: number }][]
      ).map(([severity, target]) => ({ severity, ...target }));
    },
  }),
  serviceMeasures: t.relation("measures", {
    query: (_args, ctx) => ({ where: escalationScope(ctx.access), orderBy: { createdAt: "desc" } }),
  }),
}));

builder.prismaObjectField("AgendaItem", "escalation", (t) => t.relation("escalation", { nullable: true }));
builder.prismaObjectField("Decision", "escalations", (t) =>
  t.relation("escalations", {
    description: "Escalations this decision resolved.",
    query: (_args, ctx) => ({ where: escalationScope(ctx.access) }),
  }),
);

function escalationId(ctx: Context, id: string | number, field = "escalationId") {
  ctx.access.requireUser();
  return decodeId(String(id), "Escalation", field);
}

builder.queryFields((t) => ({
  escalation: t.prismaField({
    type: "Escalation",
    nullable: true,
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = escalationId(ctx, args.id, "id");
      const escalation = await ctx.db.read.escalation.findUnique({ ...query, where: { id } });
      return requireEscalation(ctx.access, escalation);
    },
  }),
  overdueEscalations: t.prismaField({
    type: ["Escalation"],
    description: "Open escalations past a target, most overdue first.",
    authScopes: { signedIn: true },
    // The clocks of all the authority's open escalations, to find the late ones.
    complexity: { field: 20 * CLOCK_WEIGHT, multiplier: 20 },
    args: { authorityId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const authorityId = decodeId(String(args.authorityId), "SchoolAuthority", "authorityId");
      ctx.access.requireAuthority(authorityId, "Schulträger");
      await cpuTurn();
      const open = await ctx.db.read.escalation.findMany({
        where: { AND: [escalationScope(ctx.access), { authorityId, resolvedAt: null }] },
        select: { id: true, ...clockSelect },
      });
      const late = (await Promise.all(open.map(async (e) => ({ e, c: await clockOf(ctx, e) }))))
        .filter(({ c }) => c.overdue)
        .sort(
          (a, b) =>
            b.c.overdueWorkingDays - a.c.overdueWorkingDays ||
            a.e.raisedAt.getTime() - b.e.raisedAt.getTime(),
        )
        .map(({ e }) => e.id);
      const rows = await ctx.db.read.escalation.findMany({ ...query, where: { id: { in: late } } });
      return late.map((id) => rows.find((row) => row.id === id)).filter((row) => row !== undefined);
    },
  }),
  serviceQuality: t.field({
    type: QualityRef,
    authScopes: { signedIn: true },
    complexity: QUALITY_WEIGHT,
    args: {
      authorityId: t.arg.id({ required: true }),
      year: t.arg.int({ required: true }),
      schoolId: t.arg.id(),
    },
    resolve: async (_root, args, ctx) => {
      const authorityId = decodeId(String(args.authorityId), "SchoolAuthority", "authorityId");
      requireQualityFigures(ctx.access, authorityId);
      if (!Number.isInteger(args.year) || args.year < 2000 || args.year > 2100) {
        throw badInput("year", "Bitte ein Jahr zwischen 2000 und 2100 angeben.");
      }
      const schoolId = args.schoolId ? decodeId(String(args.schoolId), "School", "schoolId") : null;
      if (schoolId) {
        const school = await ctx.db.read.school.findUnique({ where: { id: schoolId } });
        if (!school || school.authorityId !== authorityId) throw notFound("Schule");
      }
      await cpuTurn();
      return serviceQuality(ctx.db.read, authorityId, args.year, schoolId);
    },
  }),
}));

const reload = (ctx: Context, query: object, id: string) =>
  ctx.db.read.escalation.findUniqueOrThrow({ ...query, where: { id } });

builder.mutationFields((t) => ({
  raiseEscalation: t.prismaField({
    type: "Escalation",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("RaiseEscalationInput", {
          fields: (f) => ({
            schoolId: f.id({ required: true }),
            subject: f.string({ required: true }),
            description: f.string({ required: true, maxLength: 5000 }),
            ticketRef: f.string(),
            severity: f.field({ type: SeverityEnum, required: true }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const escalation = await ctx.run(raiseEscalation, {
        ...input,
        schoolId: decodeId(String(input.schoolId), "School", "schoolId"),
      });
      return reload(ctx, query, escalation.id);
    },
  }),
  reviewEscalation: t.prismaField({
    type: "Escalation",
    authScopes: { signedIn: true },
    args: { escalationId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) =>
      reload(
        ctx,
        query,
        await ctx.run(reviewEscalation, { escalationId: escalationId(ctx, args.escalationId) }),
      ),
  }),
  scheduleEscalation: t.prismaField({
    type: "Escalation",
    description:
      "Puts the escalation on a Jour-Fixe of its authority: the one given, or the next upcoming one.",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("ScheduleEscalationInput", {
          fields: (f) => ({ escalationId: f.id({ required: true }), meetingId: f.id() }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await ctx.run(scheduleEscalation, {
        escalationId: escalationId(ctx, input.escalationId),
        meetingId: input.meetingId ? decodeId(String(input.meetingId), "Meeting", "meetingId") : null,
      });
      return reload(ctx, query, id);
    },
  }),
  resolveEscalation: t.prismaField({
    type: "Escalation",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("ResolveEscalationInput", {
          fields: (f) => ({
            escalationId: f.id({ required: true }),
            resolution: f.string({ required: true, maxLength: 5000 }),
            rejected: f.boolean({ defaultValue: false }),
            decisionId: f.id({ description: "The decision of the Jour-Fixe that resolved it." }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await ctx.run(resolveEscalation, {
        escalationId: escalationId(ctx, input.escalationId),
        resolution: input.resolution,
        rejected: input.rejected,
        decisionId: input.decisionId ? decodeId(String(input.decisionId), "Decision", "decisionId") : null,
      });
      return reload(ctx, query, id);
    },
  }),
  recordSatisfaction: t.prismaField({
    type: "SatisfactionRating",
    description:
      "A school's satisfaction (1–5): after a closed escalation, or in a quarterly survey (period YYYY-Qn).",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("RecordSatisfactionInput", {
          fields: (f) => ({
            schoolId: f.id({ required: true }),
            score: f.int({ required: true }),
            comment: f.string({ maxLength: 2000 }),
            escalationId: f.id(),
            period: f.string(),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const rating = await ctx.run(recordSatisfaction, {
        ...input,
        schoolId: decodeId(String(input.schoolId), "School", "schoolId"),
        escalationId: input.escalationId ? escalationId(ctx, input.escalationId) : null,
      });
      return ctx.db.read.satisfactionRating.findUniqueOrThrow({ ...query, where: { id: rating.id } });
    },
  }),
  setEscalationTarget: t.field({
    type: TargetRef,
    authScopes: { signedIn: true },
    args: {
      authorityId: t.arg.id({ required: true }),
      severity: t.arg({ type: SeverityEnum, required: true }),
      reviewDays: t.arg.int({ required: true }),
      resolveDays: t.arg.int({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      await ctx.run(setEscalationTarget, {
        ...args,
        authorityId: decodeId(String(args.authorityId), "SchoolAuthority", "authorityId"),
      });
      return { severity: args.severity, reviewDays: args.reviewDays, resolveDays: args.resolveDays };
    },
  }),
  createServiceMeasure: t.prismaField({
    type: "ServiceMeasure",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("CreateServiceMeasureInput", {
          fields: (f) => ({
            schoolId: f.id({ required: true }),
            kind: f.field({ type: MeasureKindEnum, required: true }),
            title: f.string({ required: true }),
            description: f.string({ maxLength: 5000 }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const measure = await ctx.run(createServiceMeasure, {
        ...input,
        schoolId: decodeId(String(input.schoolId), "School", "schoolId"),
      });
      return ctx.db.read.serviceMeasure.findUniqueOrThrow({ ...query, where: { id: measure.id } });
    },
  }),
  startServiceMeasure: measureMutation(t, startServiceMeasure),
  acceptServiceMeasure: measureMutation(t, acceptServiceMeasure),
  completeServiceMeasure: t.prismaField({
    type: "ServiceMeasure",
    description: "Finishes the measure with its service report.",
    authScopes: { signedIn: true },
    args: {
      measureId: t.arg.id({ required: true }),
      report: t.arg.string({ required: true, maxLength: MAX_TEXT_LENGTH }),
    },
    resolve: async (query, _root, args, ctx) => {
      const measure = await ctx.run(completeServiceMeasure, {
        measureId: decodeId(String(args.measureId), "ServiceMeasure", "measureId"),
        report: args.report,
      });
      return ctx.db.read.serviceMeasure.findUniqueOrThrow({ ...query, where: { id: measure.id } });
    },
  }),
  linkBookingToMeasure: t.prismaField({
    type: "ServiceMeasure",
    authScopes: { signedIn: true },
    args: { measureId: t.arg.id({ required: true }), bookingId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await ctx.run(linkBooking, {
        measureId: decodeId(String(args.measureId), "ServiceMeasure", "measureId"),
        bookingId: decodeId(String(args.bookingId), "Booking", "bookingId"),
      });
      return ctx.db.read.serviceMeasure.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

type MutationBuilder = Parameters<Parameters<typeof builder.mutationFields>[0]>[0];
function measureMutation(t: MutationBuilder, command: Command<{ measureId: string }, { id: string }>) {
  return t.prismaField({
    type: "ServiceMeasure",
    authScopes: { signedIn: true },
    args: { measureId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const measure = await ctx.run(command, {
        measureId: decodeId(String(args.measureId), "ServiceMeasure", "measureId"),
      });
      return ctx.db.read.serviceMeasure.findUniqueOrThrow({ ...query, where: { id: measure.id } });
    },
  });
}

builder.subscriptionFields((t) => ({
  escalationUpdated: t.prismaField({
    type: "Escalation",
    description:
      "An escalation of the authority was raised, moved on, or rated; school contacts hear of their school's only.",
    authScopes: { signedIn: true },
    args: { authorityId: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) => {
      const authorityId = decodeId(String(args.authorityId), "SchoolAuthority", "authorityId");
      ctx.access.requireAuthority(authorityId, "Schulträger");
      return ctx.events.subscribe(
        "escalationUpdated",
        (event) => event.authorityId === authorityId && canSeeEscalation(ctx.access, event),
      );
    },
    resolve: (query, event, _args, ctx) =>
      ctx.db.read.escalation.findUniqueOrThrow({
        ...query,
        where: { id: (event as { escalationId: string }).escalationId },
      }),
  }),
}));
