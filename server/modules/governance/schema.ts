// GraphQL types of the governance module: meetings, agenda, minutes, decisions and their
// review, action items, amendments, procurement requests, search and calendar feeds.
import { canSeeProcurement, procurementScope } from "../../access/governance.ts";
import { textContains } from "../../db/client.ts";
import {
  ActionItemStatus,
  AgendaItemKind,
  AgendaItemStatus,
  DecisionStatus,
  MeetingKind,
  MeetingStatus,
  MinutesStatus,
  ProcurementCategory,
  ProcurementStatus,
  ReviewVerdict,
} from "../../db/generated/client/enums.ts";
import { builder } from "../../graphql/builder.ts";
import type { Context } from "../../graphql/context.ts";
import { decodeId } from "../../graphql/ids.ts";
import { todayInBerlin } from "../../lib/dates.ts";
import { badInput, notFound } from "../../lib/errors.ts";
import { cpuTurn } from "../../lib/turns.ts";
import { fromCents, fromHundredths } from "../../lib/units.ts";
import { MAX_TEXT_LENGTH } from "../../lib/validate.ts";
import { UserRef } from "../organisations/schema.ts";
import { createCalendarFeed, revokeCalendarFeeds } from "./calendar.ts";
import { loaders, reviewSummary } from "./loaders.ts";
import { type SearchHit, searchIndex } from "./search.ts";
import {
  addActionItem,
  addAgendaItem,
  addAmendment,
  advanceProcurementRequest,
  cancelMeeting,
  carryForwardCandidates,
  changeDecisionStatus,
  createMeeting,
  createMeetingSeries,
  finalizeMinutes,
  moveMeeting,
  overdueWhere,
  raiseProcurementRequest,
  recordDecision,
  removeAgendaItem,
  reorderAgendaItems,
  reviewDecision,
  setActionItemStatus,
  setParticipants,
  updateActionItem,
  updateAgendaItem,
  updateDecision,
  updateMeeting,
} from "./service.ts";

const MeetingKindEnum = builder.enumType(MeetingKind, { name: "MeetingKind" });
const MeetingStatusEnum = builder.enumType(MeetingStatus, { name: "MeetingStatus" });
const MinutesStatusEnum = builder.enumType(MinutesStatus, { name: "MinutesStatus" });
const AgendaItemKindEnum = builder.enumType(AgendaItemKind, { name: "AgendaItemKind" });
const AgendaItemStatusEnum = builder.enumType(AgendaItemStatus, { name: "AgendaItemStatus" });
const DecisionStatusEnum = builder.enumType(DecisionStatus, { name: "DecisionStatus" });
const ReviewVerdictEnum = builder.enumType(ReviewVerdict, { name: "ReviewVerdict" });
const ActionItemStatusEnum = builder.enumType(ActionItemStatus, { name: "ActionItemStatus" });
const ProcurementCategoryEnum = builder.enumType(ProcurementCategory, { name: "ProcurementCategory" });
const ProcurementStatusEnum = builder.enumType(ProcurementStatus, { name: "ProcurementStatus" });
const SearchHitKindEnum = builder.enumType("SearchHitKind", {
  values: ["DECISION", "AGENDA_ITEM", "MINUTES", "AMENDMENT"] as const,
});
const DecisionChangeEnum = builder.enumType("DecisionChange", {
  values: ["CREATED", "UPDATED", "STATUS", "REVIEW"] as const,
});

// Expected list sizes for the query cost limit instead of the default 10 per list: a Jour-Fixe
// has a handful of items, an item one or two decisions, a steering group five to eight members.
const PER_MEETING = 6;
const PER_AGENDA_ITEM = 2;
const STEERING_GROUP_SIZE = 6;
/** A weekly series over a year. */
const PER_SERIES = 52;
// Weights of fields that compute, where a plain field costs 1: a search ranks every matching
// index entry; carrying forward reads the open items of all earlier meetings; a review summary
// counts the verdicts against the steering group.
const SEARCH_WEIGHT = 500;
const CARRY_FORWARD_WEIGHT = 250;
const REVIEW_SUMMARY_WEIGHT = 5;

const id = (value: string | number, typename: string, field: string) =>
  decodeId(String(value), typename, field);
const optionalId = (value: string | number | null | undefined, typename: string, field: string) =>
  value == null ? null : id(value, typename, field);

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

const MeetingRef = builder.prismaNode("Meeting", {
  id: { field: "id" },
  authScopes: (meeting) => ({ steeringRecords: meeting.authorityId }),
  fields: (t) => ({
    kind: t.expose("kind", { type: MeetingKindEnum }),
    title: t.exposeString("title"),
    scheduledAt: t.expose("scheduledAt", { type: "DateTime" }),
    durationMinutes: t.exposeInt("durationMinutes"),
    location: t.exposeString("location", { nullable: true }),
    status: t.expose("status", {
      type: MeetingStatusEnum,
      description: "CANCELLED meetings keep their place in the series.",
    }),
    cancelReason: t.exposeString("cancelReason", { nullable: true }),
    authority: t.relation("authority"),
    series: t.relation("series", { nullable: true }),
    minutesStatus: t.expose("minutesStatus", { type: MinutesStatusEnum }),
    finalizedAt: t.expose("finalizedAt", { type: "DateTime", nullable: true }),
    summary: t.exposeString("summary", {
      nullable: true,
      description: "Free text of the minutes beyond agenda notes.",
    }),
    version: t.exposeInt("version"),
    participants: t.relation("participants", {
      description: "Invited and attending people, recorded separately.",
      complexity: { field: 1, multiplier: PER_MEETING },
    }),
    agendaItems: t.relation("agendaItems", {
      query: { orderBy: { position: "asc" } },
      complexity: { field: 1, multiplier: PER_MEETING },
    }),
    decisions: t.relation("decisions", {
      query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      complexity: { field: 1, multiplier: PER_MEETING },
    }),
    actionItems: t.relation("actionItems", {
      query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      complexity: { field: 1, multiplier: PER_MEETING },
    }),
    amendments: t.relation("amendments", {
      description: "Dated corrections of the finalised minutes, with author and reason.",
      query: { orderBy: { createdAt: "asc" } },
    }),
    minutesPdfUrl: t.string({
      description: "Path of the PDF export (send the bearer token or session cookie).",
      select: { id: true },
      resolve: (meeting) => `/exports/meetings/${meeting.id}/minutes.pdf`,
    }),
    minutesMarkdownUrl: t.string({
      select: { id: true },
      resolve: (meeting) => `/exports/meetings/${meeting.id}/minutes.md`,
    }),
  }),
});

builder.prismaObject("MeetingParticipant", {
  fields: (t) => ({
    user: t.relation("user"),
    invited: t.exposeBoolean("invited"),
    attended: t.exposeBoolean("attended"),
  }),
});

builder.prismaNode("MeetingSeries", {
  id: { field: "id" },
  authScopes: (series) => ({ steeringRecords: series.authorityId }),
  fields: (t) => ({
    kind: t.expose("kind", { type: MeetingKindEnum }),
    title: t.exposeString("title"),
    weekday: t.exposeInt("weekday", { description: "ISO weekday, 1 = Monday." }),
    startTime: t.exposeString("startTime", { description: "Local time in Europe/Berlin, HH:MM." }),
    durationMinutes: t.exposeInt("durationMinutes"),
    startDate: t.expose("startDate", { type: "Date" }),
    endDate: t.expose("endDate", { type: "Date", nullable: true }),
    count: t.exposeInt("count", { nullable: true }),
    meetings: t.relation("meetings", {
      query: { orderBy: { scheduledAt: "asc" } },
      complexity: { field: 1, multiplier: PER_SERIES },
    }),
  }),
});

const AgendaItemRef = builder.prismaNode("AgendaItem", {
  id: { field: "id" },
  select: { id: true, meeting: { select: { authorityId: true } } },
  authScopes: (item) => ({ steeringRecords: item.meeting.authorityId }),
  fields: (t) => ({
    position: t.exposeInt("position"),
    title: t.exposeString("title"),
    kind: t.expose("kind", { type: AgendaItemKindEnum }),
    status: t.expose("status", { type: AgendaItemStatusEnum }),
    notes: t.exposeString("notes", { nullable: true }),
    presenter: t.relation("presenter", { nullable: true }),
    meeting: t.relation("meeting"),
    decisions: t.relation("decisions", {
      query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      complexity: { field: 1, multiplier: PER_AGENDA_ITEM },
    }),
    actionItems: t.relation("actionItems", {
      query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      complexity: { field: 1, multiplier: PER_AGENDA_ITEM },
    }),
    carriedFrom: t.relation("carriedFrom", {
      nullable: true,
      description: "The open item of an earlier meeting this one continues.",
    }),
    procurementRequest: t.field({
      type: ProcurementRef,
      nullable: true,
      select: { procurementRequest: true },
      resolve: (item, _args, ctx) =>
        item.procurementRequest && canSeeProcurement(ctx.access, item.procurementRequest)
          ? item.procurementRequest
          : null,
    }),
  }),
});

const ReviewSummaryRef = builder
  .objectRef<{ counts: Record<ReviewVerdict, number>; members: number; pendingUserIds: string[] }>(
    "ReviewSummary",
  )
  .implement({
    description: "Current verdicts of the steering group members on a decision.",
    fields: (t) => ({
      acknowledged: t.int({ resolve: (s) => s.counts.ACKNOWLEDGE }),
      approved: t.int({ resolve: (s) => s.counts.APPROVE }),
      objected: t.int({ resolve: (s) => s.counts.OBJECT }),
      abstained: t.int({ resolve: (s) => s.counts.ABSTAIN }),
      members: t.exposeInt("members", { description: "Members of the authority's steering group." }),
      pending: t.field({
        type: [UserRef],
        description: "Members who have not reviewed yet.",
        complexity: { field: 1, multiplier: STEERING_GROUP_SIZE },
        resolve: async (s, _args, ctx) => {
          const users = await loaders(ctx).users.loadMany(s.pendingUserIds);
          return users.flatMap((u) => (u == null || u instanceof Error ? [] : [u]));
        },
      }),
    }),
  });

const DecisionRef = builder.prismaNode("Decision", {
  id: { field: "id" },
  authScopes: (decision) => ({ steeringRecords: decision.authorityId }),
  fields: (t) => ({
    title: t.exposeString("title"),
    text: t.exposeString("text"),
    status: t.expose("status", { type: DecisionStatusEnum }),
    statusReason: t.exposeString("statusReason", {
      nullable: true,
      description: "Why the status last changed (required for REVOKED).",
    }),
    decidedOn: t.expose("decidedOn", { type: "Date" }),
    followUpDate: t.expose("followUpDate", { type: "Date", nullable: true }),
    costImpact: t.field({
      type: "Decimal",
      nullable: true,
      description: "Euros.",
      select: { costImpactCents: true },
      resolve: (d) => (d.costImpactCents == null ? null : fromCents(d.costImpactCents)),
    }),
    personDayImpact: t.field({
      type: "Decimal",
      nullable: true,
      select: { personDayImpact: true },
      resolve: (d) => (d.personDayImpact == null ? null : fromHundredths(d.personDayImpact)),
    }),
    version: t.exposeInt("version"),
    authority: t.relation("authority"),
    meeting: t.relation("meeting"),
    agendaItem: t.relation("agendaItem", { nullable: true }),
    school: t.relation("school", { nullable: true }),
    procurementRequest: t.field({
      type: ProcurementRef,
      nullable: true,
      select: { procurementRequest: true },
      resolve: (d, _args, ctx) =>
        d.procurementRequest && canSeeProcurement(ctx.access, d.procurementRequest)
          ? d.procurementRequest
          : null,
    }),
    reviews: t.relation("reviews", {
      description: "Current verdicts; with history: true also the superseded ones.",
      args: { history: t.arg.boolean({ defaultValue: false }) },
      complexity: (args) => ({ field: 1, multiplier: args.history ? 10 : STEERING_GROUP_SIZE }),
      query: (args) => ({
        where: args.history ? {} : { current: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
    }),
    reviewSummary: t.field({
      type: ReviewSummaryRef,
      select: { id: true, authorityId: true },
      complexity: REVIEW_SUMMARY_WEIGHT,
      resolve: (d, _args, ctx) => reviewSummary(ctx, d),
    }),
  }),
});

builder.prismaNode("DecisionReview", {
  id: { field: "id" },
  select: { id: true, decision: { select: { authorityId: true } } },
  authScopes: (review) => ({ steeringRecords: review.decision.authorityId }),
  fields: (t) => ({
    reviewer: t.relation("reviewer"),
    verdict: t.expose("verdict", { type: ReviewVerdictEnum }),
    comment: t.exposeString("comment", { nullable: true }),
    current: t.exposeBoolean("current", { description: "False once the reviewer recorded a newer verdict." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    decision: t.relation("decision"),
  }),
});

const ActionItemRef = builder.prismaNode("ActionItem", {
  id: { field: "id" },
  authScopes: (item) => ({ steeringRecords: item.authorityId }),
  fields: (t) => ({
    title: t.exposeString("title"),
    owner: t.relation("owner", { nullable: true }),
    dueDate: t.expose("dueDate", { type: "Date", nullable: true }),
    status: t.expose("status", { type: ActionItemStatusEnum }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true }),
    overdue: t.boolean({
      select: { status: true, dueDate: true },
      resolve: (item) => item.status === "OPEN" && item.dueDate != null && item.dueDate < todayInBerlin(),
    }),
    meeting: t.relation("meeting"),
    agendaItem: t.relation("agendaItem", { nullable: true }),
  }),
});

builder.prismaNode("Amendment", {
  id: { field: "id" },
  select: { id: true, meeting: { select: { authorityId: true } } },
  authScopes: (amendment) => ({ steeringRecords: amendment.meeting.authorityId }),
  fields: (t) => ({
    reason: t.exposeString("reason"),
    text: t.exposeString("text"),
    author: t.relation("author"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    meeting: t.relation("meeting"),
  }),
});

const ProcurementRef = builder.prismaNode("ProcurementRequest", {
  id: { field: "id" },
  authScopes: (request, ctx) => canSeeProcurement(ctx.access, request),
  fields: (t) => ({
    school: t.relation("school"),
    authority: t.relation("authority"),
    category: t.expose("category", { type: ProcurementCategoryEnum }),
    title: t.exposeString("title"),
    justification: t.exposeString("justification"),
    estimatedCost: t.field({
      type: "Decimal",
      description: "Euros.",
      select: { estimatedCostCents: true },
      resolve: (r) => fromCents(r.estimatedCostCents),
    }),
    status: t.expose("status", { type: ProcurementStatusEnum }),
    acceptanceRequired: t.boolean({
      description: "Network infrastructure has no acceptance (Abnahme).",
      select: { category: true },
      resolve: (r) => r.category !== "NETWORK_INFRASTRUCTURE",
    }),
    raisedBy: t.relation("raisedBy"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    orderedAt: t.expose("orderedAt", { type: "DateTime", nullable: true }),
    deliveredAt: t.expose("deliveredAt", { type: "DateTime", nullable: true }),
    acceptedAt: t.expose("acceptedAt", { type: "DateTime", nullable: true }),
    acceptedBy: t.relation("acceptedBy", { nullable: true }),
    agendaItems: t.relation("agendaItems"),
    decisions: t.relation("decisions", { query: { orderBy: { createdAt: "asc" } } }),
  }),
});

type Hit = SearchHit & { meetingRow: { id: string } };

const SearchHitRef = builder.objectRef<Hit>("SearchHit").implement({
  description: "A decision, agenda item, minutes text or amendment matching a search, with its meeting.",
  fields: (t) => ({
    kind: t.field({ type: SearchHitKindEnum, resolve: (h) => h.kind }),
    title: t.exposeString("title"),
    snippet: t.exposeString("snippet"),
    score: t.exposeFloat("score", { description: "Relevance (BM25); higher is better." }),
    date: t.field({ type: "Date", description: "Date of the meeting.", resolve: (h) => h.date }),
    meeting: t.field({ type: MeetingRef, resolve: (h) => h.meetingRow as never }),
    decision: t.prismaField({
      type: "Decision",
      nullable: true,
      resolve: (query, h, _args, ctx) =>
        h.kind === "DECISION"
          ? ctx.db.read.decision.findUnique({ ...query, where: { id: h.objectId } })
          : null,
    }),
    agendaItem: t.prismaField({
      type: "AgendaItem",
      nullable: true,
      resolve: (query, h, _args, ctx) =>
        h.kind === "AGENDA_ITEM"
          ? ctx.db.read.agendaItem.findUnique({ ...query, where: { id: h.objectId } })
          : null,
    }),
  }),
});

const CalendarFeedRef = builder.objectRef<{ path: string; createdAt: Date }>("CalendarFeed").implement({
  description: "A personal, revocable subscription link to an authority's meetings (iCal).",
  fields: (t) => ({
    path: t.exposeString("path", {
      description: "Append to the hub's address; keep it secret like a password.",
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const CarryForwardRef = builder
  .objectRef<{ agendaItemIds: string[]; actionItemIds: string[] }>("CarryForward")
  .implement({
    description: "Open agenda items and open action items of earlier meetings of the same authority.",
    fields: (t) => ({
      agendaItems: t.prismaField({
        type: ["AgendaItem"],
        resolve: (query, c, _args, ctx) =>
          ctx.db.read.agendaItem.findMany({
            ...query,
            where: { id: { in: c.agendaItemIds } },
            orderBy: [{ meeting: { scheduledAt: "asc" } }, { position: "asc" }],
          }),
      }),
      actionItems: t.prismaField({
        type: ["ActionItem"],
        resolve: (query, c, _args, ctx) =>
          ctx.db.read.actionItem.findMany({
            ...query,
            where: { id: { in: c.actionItemIds } },
            orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
          }),
      }),
    }),
  });

const DecisionUpdateRef = builder
  .objectRef<{ decisionId: string; change: "CREATED" | "UPDATED" | "STATUS" | "REVIEW" }>("DecisionUpdate")
  .implement({
    fields: (t) => ({
      change: t.field({ type: DecisionChangeEnum, resolve: (e) => e.change }),
      decision: t.prismaField({
        type: "Decision",
        resolve: (query, e, _args, ctx) =>
          ctx.db.read.decision.findUniqueOrThrow({ ...query, where: { id: e.decisionId } }),
      }),
    }),
  });

// Shared by the meetings of one authority and those of all the caller may see. Under an authority
// the total is counted with the authority's query; at the top it is counted on its own.
const MeetingConnection = builder.connectionObject(
  {
    type: MeetingRef,
    name: "MeetingConnection",
    fields: (t) => ({
      totalCount: t.int({
        resolve: (connection) => {
          const total = (connection as { totalCount?: number | (() => Promise<number>) }).totalCount;
          return typeof total === "function" ? total() : (total ?? 0);
        },
      }),
    }),
  },
  { name: "MeetingEdge" },
);

builder.prismaObjectFields("SchoolAuthority", (t) => ({
  meetings: t.relatedConnection(
    "meetings",
    {
      authScopes: (authority, _args, ctx) => ctx.access.canSeeSteeringRecords(authority.id),
      cursor: "id",
      totalCount: true,
      description: "Meetings in date order, cancelled ones included.",
      args: {
        kind: t.arg({ type: MeetingKindEnum }),
        from: t.arg({ type: "DateTime" }),
        to: t.arg({ type: "DateTime" }),
      },
      query: (args) => ({
        where: {
          ...(args.kind ? { kind: args.kind } : {}),
          ...(args.from || args.to
            ? {
                scheduledAt: {
                  ...(args.from ? { gte: args.from } : {}),
                  ...(args.to ? { lt: args.to } : {}),
                },
              }
            : {}),
        },
        orderBy: [{ scheduledAt: "asc" }, { id: "asc" }],
      }),
    },
    MeetingConnection,
  ),
  meetingSeries: t.relation("meetingSeries", {
    authScopes: (authority, _args, ctx) => ctx.access.canSeeSteeringRecords(authority.id),
    query: { orderBy: { startDate: "asc" } },
  }),
  overdueActionItems: t.relation("actionItems", {
    authScopes: (authority, _args, ctx) => ctx.access.canSeeSteeringRecords(authority.id),
    description: "Open action items past their due date (Europe/Berlin).",
    query: () => ({
      where: { status: "OPEN", dueDate: { lt: todayInBerlin(), not: null } },
      orderBy: { dueDate: "asc" },
    }),
  }),
  procurementRequests: t.relation("procurements", {
    args: { status: t.arg({ type: ProcurementStatusEnum }) },
    query: (args, ctx) => ({
      where: { ...procurementScope(ctx.access), ...(args.status ? { status: args.status } : {}) },
      orderBy: { createdAt: "desc" },
    }),
  }),
}));

// ---------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------

const DecisionFilter = builder.inputType("DecisionFilter", {
  fields: (f) => ({
    authorityId: f.id(),
    status: f.field({ type: [DecisionStatusEnum] }),
    schoolId: f.id(),
    from: f.field({ type: "Date", description: "Decided on or after." }),
    to: f.field({ type: "Date", description: "Decided on or before." }),
    text: f.string({ description: "Words in title or text." }),
  }),
});

const MeetingFilter = builder.inputType("MeetingFilter", {
  fields: (f) => ({
    authorityId: f.id(),
    kind: f.field({ type: MeetingKindEnum }),
    from: f.field({ type: "DateTime", description: "Scheduled at or after." }),
    to: f.field({ type: "DateTime", description: "Scheduled before." }),
  }),
});

function meetingWhere(
  filter:
    | {
        authorityId?: string | number | null;
        kind?: MeetingKind | null;
        from?: Date | null;
        to?: Date | null;
      }
    | null
    | undefined,
  ctx: Context,
) {
  const authorityId = optionalId(filter?.authorityId, "SchoolAuthority", "filter.authorityId");
  if (authorityId) ctx.access.requireSteeringRecords(authorityId, "Schulträger");
  return {
    AND: [
      ctx.access.steeringScope(),
      authorityId ? { authorityId } : {},
      filter?.kind ? { kind: filter.kind } : {},
      filter?.from ? { scheduledAt: { gte: filter.from } } : {},
      filter?.to ? { scheduledAt: { lt: filter.to } } : {},
    ],
  };
}

const ActionItemFilter = builder.inputType("ActionItemFilter", {
  fields: (f) => ({
    authorityId: f.id(),
    status: f.field({ type: ActionItemStatusEnum }),
  }),
});

function actionItemWhere(
  filter: { authorityId?: string | number | null; status?: ActionItemStatus | null } | null | undefined,
  ctx: Context,
) {
  const authorityId = optionalId(filter?.authorityId, "SchoolAuthority", "filter.authorityId");
  if (authorityId) ctx.access.requireSteeringRecords(authorityId, "Schulträger");
  return {
    AND: [
      ctx.access.steeringScope(),
      authorityId ? { authorityId } : {},
      filter?.status ? { status: filter.status } : {},
    ],
  };
}

function decisionWhere(
  filter:
    | {
        authorityId?: string | number | null;
        status?: DecisionStatus[] | null;
        schoolId?: string | number | null;
        from?: string | null;
        to?: string | null;
        text?: string | null;
      }
    | null
    | undefined,
  ctx: Context,
) {
  const authorityId = optionalId(filter?.authorityId, "SchoolAuthority", "filter.authorityId");
  if (authorityId) ctx.access.requireSteeringRecords(authorityId, "Schulträger");
  const words = (filter?.text ?? "").split(/\s+/).filter(Boolean);
  if (words.length > 10) throw badInput("filter.text", "Bitte höchstens zehn Suchwörter angeben.");
  return {
    AND: [
      ctx.access.steeringScope(),
      authorityId ? { authorityId } : {},
      filter?.status?.length ? { status: { in: filter.status } } : {},
      filter?.schoolId ? { schoolId: id(filter.schoolId, "School", "filter.schoolId") } : {},
      filter?.from ? { decidedOn: { gte: filter.from } } : {},
      filter?.to ? { decidedOn: { lte: filter.to } } : {},
      ...words.map((word) => ({
        OR: [{ title: textContains(ctx.db, word) }, { text: textContains(ctx.db, word) }],
      })),
    ],
  };
}

builder.queryFields((t) => ({
  meeting: t.prismaField({
    type: "Meeting",
    nullable: true,
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const meeting = await ctx.db.read.meeting.findUnique({
        ...query,
        where: { id: id(args.id, "Meeting", "id") },
      });
      if (meeting) ctx.access.requireSteeringRecords(meeting.authorityId, "Sitzung");
      return meeting;
    },
  }),
  decision: t.prismaField({
    type: "Decision",
    nullable: true,
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const decision = await ctx.db.read.decision.findUnique({
        ...query,
        where: { id: id(args.id, "Decision", "id") },
      });
      if (decision) ctx.access.requireSteeringRecords(decision.authorityId, "Beschluss");
      return decision;
    },
  }),
  decisions: t.prismaConnection(
    {
      type: "Decision",
      cursor: "id",
      description: "The decision register across all meetings the caller may see, newest first.",
      authScopes: { signedIn: true },
      args: { filter: t.arg({ type: DecisionFilter }) },
      totalCount: (_connection, args, ctx) =>
        ctx.db.read.decision.count({ where: decisionWhere(args.filter, ctx) }),
      resolve: (query, _root, args, ctx) =>
        ctx.db.read.decision.findMany({
          ...query,
          where: decisionWhere(args.filter, ctx),
          orderBy: [{ decidedOn: "desc" }, { createdAt: "desc" }, { id: "desc" }],
        }),
    },
    { name: "DecisionConnection" },
    { name: "DecisionEdge" },
  ),
  meetings: t.prismaConnection(
    {
      type: "Meeting",
      cursor: "id",
      description: "Meetings of every authority whose steering records the caller may see, in date order.",
      authScopes: { signedIn: true },
      args: { filter: t.arg({ type: MeetingFilter }) },
      totalCount: (_connection, args, ctx) =>
        ctx.db.read.meeting.count({ where: meetingWhere(args.filter, ctx) }),
      resolve: (query, _root, args, ctx) =>
        ctx.db.read.meeting.findMany({
          ...query,
          where: meetingWhere(args.filter, ctx),
          orderBy: [{ scheduledAt: "asc" }, { id: "asc" }],
        }),
    },
    MeetingConnection,
  ),
  actionItems: t.prismaConnection(
    {
      type: "ActionItem",
      cursor: "id",
      description:
        "Action items of every authority whose steering records the caller may see, the earliest due first, those without a due date last.",
      authScopes: { signedIn: true },
      args: { filter: t.arg({ type: ActionItemFilter }) },
      totalCount: (_connection, args, ctx) =>
        ctx.db.read.actionItem.count({ where: actionItemWhere(args.filter, ctx) }),
      resolve: (query, _root, args, ctx) =>
        ctx.db.read.actionItem.findMany({
          ...query,
          where: actionItemWhere(args.filter, ctx),
          orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
        }),
    },
    { name: "ActionItemConnection" },
    { name: "ActionItemEdge" },
  ),
  myPendingReviews: t.prismaField({
    type: ["Decision"],
    description: "Decisions of the caller's steering groups that the caller has not reviewed yet.",
    authScopes: { signedIn: true },
    resolve: async (query, _root, _args, ctx) => {
      const user = ctx.access.requireUser();
      const authorities = [...(await ctx.access.steeringAuthorityIds())];
      return ctx.db.read.decision.findMany({
        ...query,
        where: {
          authorityId: { in: authorities },
          status: { not: "REVOKED" },
          reviews: { none: { reviewerId: user.id, current: true } },
        },
        orderBy: [{ decidedOn: "desc" }, { createdAt: "desc" }],
      });
    },
  }),
  overdueActionItems: t.prismaField({
    type: ["ActionItem"],
    description: "Open action items of an authority past their due date.",
    authScopes: { signedIn: true },
    args: { authorityId: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => {
      const authorityId = id(args.authorityId, "SchoolAuthority", "authorityId");
      ctx.access.requireSteeringRecords(authorityId, "Schulträger");
      return ctx.db.read.actionItem.findMany({
        ...query,
        where: overdueWhere(authorityId),
        orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
      });
    },
  }),
  carryForwardCandidates: t.field({
    type: CarryForwardRef,
    description: "What a meeting should pick up from earlier meetings of the same authority.",
    authScopes: { signedIn: true },
    complexity: CARRY_FORWARD_WEIGHT,
    args: { meetingId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const meetingId = id(args.meetingId, "Meeting", "meetingId");
      await cpuTurn();
      return carryForwardCandidates(ctx.db.read, ctx.access, meetingId);
    },
  }),
  procurementRequest: t.prismaField({
    type: "ProcurementRequest",
    nullable: true,
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const request = await ctx.db.read.procurementRequest.findUnique({
        ...query,
        where: { id: id(args.id, "ProcurementRequest", "id") },
      });
      if (request && !canSeeProcurement(ctx.access, request)) throw notFound("Beschaffungsanfrage");
      return request;
    },
  }),
  searchGovernance: t.field({
    type: [SearchHitRef],
    description: "Full-text search over decisions, agenda notes, minutes and amendments, best match first.",
    authScopes: { signedIn: true },
    complexity: (args) => ({ field: SEARCH_WEIGHT, multiplier: args.first ?? 20 }),
    args: {
      text: t.arg.string({ required: true }),
      authorityId: t.arg.id(),
      from: t.arg({ type: "Date" }),
      to: t.arg({ type: "Date" }),
      first: t.arg.int({ defaultValue: 20 }),
    },
    resolve: async (_root, args, ctx) => {
      const authorityId = optionalId(args.authorityId, "SchoolAuthority", "authorityId");
      if (authorityId) ctx.access.requireSteeringRecords(authorityId, "Schulträger");
      const first = args.first ?? 20;
      if (first < 1 || first > 100) throw badInput("first", "Bitte zwischen 1 und 100 Treffer anfordern.");
      await cpuTurn();
      const hits = await searchIndex(ctx.db.read, {
        authorityIds: authorityId ? [authorityId] : ctx.access.steeringRecordAuthorityIds,
        text: args.text,
        from: args.from,
        to: args.to,
        first,
      });
      const meetings = await ctx.db.read.meeting.findMany({
        where: { id: { in: hits.map((h) => h.meetingId) } },
      });
      return hits.flatMap((hit) => {
        const meetingRow = meetings.find((m) => m.id === hit.meetingId);
        return meetingRow ? [{ ...hit, meetingRow }] : [];
      });
    },
  }),
}));

// ---------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------

const CreateMeetingInput = builder.inputType("CreateMeetingInput", {
  fields: (f) => ({
    authorityId: f.id({ required: true }),
    kind: f.field({ type: MeetingKindEnum, required: true }),
    title: f.string({ required: true }),
    scheduledAt: f.field({ type: "DateTime", required: true }),
    durationMinutes: f.int(),
    location: f.string(),
    invitedIds: f.idList(),
  }),
});

const CreateMeetingSeriesInput = builder.inputType("CreateMeetingSeriesInput", {
  description: "A weekly series: give either endDate or count.",
  fields: (f) => ({
    authorityId: f.id({ required: true }),
    kind: f.field({ type: MeetingKindEnum, required: true }),
    title: f.string({ required: true }),
    weekday: f.int({ required: true, description: "ISO weekday, 1 = Monday." }),
    startTime: f.string({ required: true, description: "HH:MM in Europe/Berlin." }),
    durationMinutes: f.int(),
    startDate: f.field({ type: "Date", required: true }),
    endDate: f.field({ type: "Date" }),
    count: f.int(),
    location: f.string(),
    invitedIds: f.idList(),
  }),
});

const AddAgendaItemInput = builder.inputType("AddAgendaItemInput", {
  fields: (f) => ({
    meetingId: f.id({ required: true }),
    title: f.string({ required: true }),
    notes: f.string({ maxLength: MAX_TEXT_LENGTH }),
    kind: f.field({ type: AgendaItemKindEnum }),
    presenterId: f.id(),
    procurementRequestId: f.id(),
    carriedFromId: f.id({ description: "An open item of an earlier meeting that this one continues." }),
    escalationId: f.id({
      description: "An escalation in review that this item puts on the agenda (it becomes ON_AGENDA).",
    }),
  }),
});

const UpdateAgendaItemInput = builder.inputType("UpdateAgendaItemInput", {
  fields: (f) => ({
    agendaItemId: f.id({ required: true }),
    title: f.string(),
    notes: f.string({ maxLength: MAX_TEXT_LENGTH }),
    kind: f.field({ type: AgendaItemKindEnum }),
    presenterId: f.id(),
    status: f.field({ type: AgendaItemStatusEnum }),
  }),
});

const RecordDecisionInput = builder.inputType("RecordDecisionInput", {
  fields: (f) => ({
    meetingId: f.id({ required: true }),
    agendaItemId: f.id(),
    title: f.string({ required: true }),
    text: f.string({ required: true, maxLength: MAX_TEXT_LENGTH }),
    status: f.field({ type: DecisionStatusEnum, defaultValue: "PROPOSED" }),
    schoolId: f.id(),
    procurementRequestId: f.id(),
    costImpact: f.field({ type: "Decimal", description: "Euros." }),
    personDayImpact: f.field({ type: "Decimal" }),
    followUpDate: f.field({ type: "Date" }),
  }),
});

const ReviewDecisionInput = builder.inputType("ReviewDecisionInput", {
  fields: (f) => ({
    decisionId: f.id({ required: true }),
    verdict: f.field({ type: ReviewVerdictEnum, required: true }),
    comment: f.string({ maxLength: 2000 }),
  }),
});

const AddActionItemInput = builder.inputType("AddActionItemInput", {
  fields: (f) => ({
    meetingId: f.id({ required: true }),
    agendaItemId: f.id(),
    title: f.string({ required: true, maxLength: 500 }),
    ownerId: f.id(),
    dueDate: f.field({ type: "Date" }),
  }),
});

const RaiseProcurementInput = builder.inputType("RaiseProcurementRequestInput", {
  fields: (f) => ({
    schoolId: f.id({ required: true }),
    category: f.field({ type: ProcurementCategoryEnum, required: true }),
    title: f.string({ required: true }),
    justification: f.string({ required: true, maxLength: 5000 }),
    estimatedCost: f.field({ type: "Decimal", required: true, description: "Euros." }),
  }),
});

const refetch = {
  meeting: (ctx: Context, query: object, meetingId: string) =>
    ctx.db.read.meeting.findUniqueOrThrow({ ...query, where: { id: meetingId } }),
};

builder.mutationFields((t) => ({
  createMeeting: t.prismaField({
    type: "Meeting",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: CreateMeetingInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const meeting = await ctx.run(createMeeting, {
        authorityId: id(input.authorityId, "SchoolAuthority", "authorityId"),
        kind: input.kind,
        title: input.title,
        scheduledAt: input.scheduledAt,
        durationMinutes: input.durationMinutes,
        location: input.location,
        invitedIds: input.invitedIds?.map((u, i) => id(u, "User", `invitedIds.${i}`)),
      });
      return refetch.meeting(ctx, query, meeting.id);
    },
  }),
  createMeetingSeries: t.prismaField({
    type: "MeetingSeries",
    description: "Creates a weekly series and all its meetings.",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: CreateMeetingSeriesInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const series = await ctx.run(createMeetingSeries, {
        ...input,
        authorityId: id(input.authorityId, "SchoolAuthority", "authorityId"),
        invitedIds: input.invitedIds?.map((u, i) => id(u, "User", `invitedIds.${i}`)),
      });
      return ctx.db.read.meetingSeries.findUniqueOrThrow({ ...query, where: { id: series.id } });
    },
  }),
  moveMeeting: t.prismaField({
    type: "Meeting",
    description: "Moves one meeting; its series keeps its rhythm.",
    authScopes: { signedIn: true },
    args: {
      meetingId: t.arg.id({ required: true }),
      scheduledAt: t.arg({ type: "DateTime", required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const meeting = await ctx.run(moveMeeting, {
        meetingId: id(args.meetingId, "Meeting", "meetingId"),
        scheduledAt: args.scheduledAt,
      });
      return refetch.meeting(ctx, query, meeting.id);
    },
  }),
  cancelMeeting: t.prismaField({
    type: "Meeting",
    authScopes: { signedIn: true },
    args: {
      meetingId: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true, maxLength: 500 }),
    },
    resolve: async (query, _root, args, ctx) => {
      const meeting = await ctx.run(cancelMeeting, {
        meetingId: id(args.meetingId, "Meeting", "meetingId"),
        reason: args.reason,
      });
      return refetch.meeting(ctx, query, meeting.id);
    },
  }),
  updateMeeting: t.prismaField({
    type: "Meeting",
    description: "Title, location and the free text of the minutes, while they are a draft.",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("UpdateMeetingInput", {
          fields: (f) => ({
            meetingId: f.id({ required: true }),
            title: f.string(),
            location: f.string(),
            summary: f.string({ maxLength: MAX_TEXT_LENGTH }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const meeting = await ctx.run(updateMeeting, {
        meetingId: id(input.meetingId, "Meeting", "meetingId"),
        title: input.title,
        location: input.location,
        summary: input.summary,
      });
      return refetch.meeting(ctx, query, meeting.id);
    },
  }),
  setMeetingParticipants: t.prismaField({
    type: "Meeting",
    description: "Replaces who was invited and who attended.",
    authScopes: { signedIn: true },
    args: {
      meetingId: t.arg.id({ required: true }),
      invitedIds: t.arg.idList({ required: true }),
      attendedIds: t.arg.idList({ required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const meeting = await ctx.run(setParticipants, {
        meetingId: id(args.meetingId, "Meeting", "meetingId"),
        invitedIds: args.invitedIds.map((u, i) => id(u, "User", `invitedIds.${i}`)),
        attendedIds: args.attendedIds.map((u, i) => id(u, "User", `attendedIds.${i}`)),
      });
      return refetch.meeting(ctx, query, meeting.id);
    },
  }),
  addAgendaItem: t.prismaField({
    type: "AgendaItem",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: AddAgendaItemInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const item = await ctx.run(addAgendaItem, {
        meetingId: id(input.meetingId, "Meeting", "meetingId"),
        title: input.title,
        notes: input.notes,
        kind: input.kind,
        presenterId: optionalId(input.presenterId, "User", "presenterId"),
        procurementRequestId: optionalId(
          input.procurementRequestId,
          "ProcurementRequest",
          "procurementRequestId",
        ),
        carriedFromId: optionalId(input.carriedFromId, "AgendaItem", "carriedFromId"),
        escalationId: optionalId(input.escalationId, "Escalation", "escalationId"),
      });
      return ctx.db.read.agendaItem.findUniqueOrThrow({ ...query, where: { id: item.id } });
    },
  }),
  updateAgendaItem: t.prismaField({
    type: "AgendaItem",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: UpdateAgendaItemInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const item = await ctx.run(updateAgendaItem, {
        agendaItemId: id(input.agendaItemId, "AgendaItem", "agendaItemId"),
        title: input.title,
        notes: input.notes,
        kind: input.kind,
        presenterId:
          input.presenterId === undefined ? undefined : optionalId(input.presenterId, "User", "presenterId"),
        status: input.status,
      });
      return ctx.db.read.agendaItem.findUniqueOrThrow({ ...query, where: { id: item.id } });
    },
  }),
  removeAgendaItem: t.boolean({
    description:
      "Removes an item from DRAFT minutes; its decisions and action items stay in the minutes. Refused for an item that put an escalation or a procurement request on the agenda, or that a later meeting continues.",
    authScopes: { signedIn: true },
    args: { agendaItemId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.run(removeAgendaItem, { agendaItemId: id(args.agendaItemId, "AgendaItem", "agendaItemId") }),
  }),
  reorderAgendaItems: t.prismaField({
    type: "Meeting",
    authScopes: { signedIn: true },
    args: { meetingId: t.arg.id({ required: true }), agendaItemIds: t.arg.idList({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const meeting = await ctx.run(reorderAgendaItems, {
        meetingId: id(args.meetingId, "Meeting", "meetingId"),
        agendaItemIds: args.agendaItemIds.map((a, i) => id(a, "AgendaItem", `agendaItemIds.${i}`)),
      });
      return refetch.meeting(ctx, query, meeting.id);
    },
  }),
  recordDecision: t.prismaField({
    type: "Decision",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: RecordDecisionInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const decision = await ctx.run(recordDecision, {
        meetingId: id(input.meetingId, "Meeting", "meetingId"),
        agendaItemId: optionalId(input.agendaItemId, "AgendaItem", "agendaItemId"),
        title: input.title,
        text: input.text,
        status: input.status,
        schoolId: optionalId(input.schoolId, "School", "schoolId"),
        procurementRequestId: optionalId(
          input.procurementRequestId,
          "ProcurementRequest",
          "procurementRequestId",
        ),
        costImpact: input.costImpact,
        personDayImpact: input.personDayImpact,
        followUpDate: input.followUpDate,
      });
      return ctx.db.read.decision.findUniqueOrThrow({ ...query, where: { id: decision.id } });
    },
  }),
  updateDecision: t.prismaField({
    type: "Decision",
    description:
      "Title, text, cost and person-day impact and follow-up date while the minutes are DRAFT; null clears an optional field, leaving it out keeps it.",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("UpdateDecisionInput", {
          fields: (f) => ({
            decisionId: f.id({ required: true }),
            title: f.string(),
            text: f.string({ maxLength: 20_000 }),
            costImpact: f.field({ type: "Decimal", description: "Euros." }),
            personDayImpact: f.field({ type: "Decimal" }),
            followUpDate: f.field({ type: "Date" }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const decision = await ctx.run(updateDecision, {
        decisionId: id(input.decisionId, "Decision", "decisionId"),
        title: input.title,
        text: input.text,
        costImpact: input.costImpact,
        personDayImpact: input.personDayImpact,
        followUpDate: input.followUpDate,
      });
      return ctx.db.read.decision.findUniqueOrThrow({ ...query, where: { id: decision.id } });
    },
  }),
  changeDecisionStatus: t.prismaField({
    type: "Decision",
    description:
      "PROPOSED → APPROVED/REJECTED/DEFERRED, DEFERRED → PROPOSED/APPROVED/REJECTED, APPROVED → REVOKED (with reason); anything else is CONFLICT. Allowed after the minutes are final.",
    authScopes: { signedIn: true },
    args: {
      decisionId: t.arg.id({ required: true }),
      status: t.arg({ type: DecisionStatusEnum, required: true }),
      reason: t.arg.string({ maxLength: 2000 }),
    },
    resolve: async (query, _root, args, ctx) => {
      const decision = await ctx.run(changeDecisionStatus, {
        decisionId: id(args.decisionId, "Decision", "decisionId"),
        status: args.status,
        reason: args.reason,
      });
      return ctx.db.read.decision.findUniqueOrThrow({ ...query, where: { id: decision.id } });
    },
  }),
  reviewDecision: t.prismaField({
    type: "DecisionReview",
    description: "A steering group member's verdict; a new verdict supersedes the member's earlier one.",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: ReviewDecisionInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const review = await ctx.run(reviewDecision, {
        decisionId: id(input.decisionId, "Decision", "decisionId"),
        verdict: input.verdict,
        comment: input.comment,
      });
      return ctx.db.read.decisionReview.findUniqueOrThrow({ ...query, where: { id: review.id } });
    },
  }),
  addActionItem: t.prismaField({
    type: "ActionItem",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: AddActionItemInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const item = await ctx.run(addActionItem, {
        meetingId: id(input.meetingId, "Meeting", "meetingId"),
        agendaItemId: optionalId(input.agendaItemId, "AgendaItem", "agendaItemId"),
        title: input.title,
        ownerId: optionalId(input.ownerId, "User", "ownerId"),
        dueDate: input.dueDate,
      });
      return ctx.db.read.actionItem.findUniqueOrThrow({ ...query, where: { id: item.id } });
    },
  }),
  updateActionItem: t.prismaField({
    type: "ActionItem",
    description: "Title, owner and due date while the minutes are DRAFT; null clears owner or due date.",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("UpdateActionItemInput", {
          fields: (f) => ({
            actionItemId: f.id({ required: true }),
            title: f.string({ maxLength: 500 }),
            ownerId: f.id(),
            dueDate: f.field({ type: "Date" }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const item = await ctx.run(updateActionItem, {
        actionItemId: id(input.actionItemId, "ActionItem", "actionItemId"),
        title: input.title,
        ownerId: input.ownerId === undefined ? undefined : optionalId(input.ownerId, "User", "ownerId"),
        dueDate: input.dueDate,
      });
      return ctx.db.read.actionItem.findUniqueOrThrow({ ...query, where: { id: item.id } });
    },
  }),
  setActionItemStatus: t.prismaField({
    type: "ActionItem",
    description: "DONE or CANCELLED, by the owner or the minute takers; allowed after the minutes are final.",
    authScopes: { signedIn: true },
    args: {
      actionItemId: t.arg.id({ required: true }),
      status: t.arg({ type: ActionItemStatusEnum, required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const item = await ctx.run(setActionItemStatus, {
        actionItemId: id(args.actionItemId, "ActionItem", "actionItemId"),
        status: args.status,
      });
      return ctx.db.read.actionItem.findUniqueOrThrow({ ...query, where: { id: item.id } });
    },
  }),
  finalizeMinutes: t.prismaField({
    type: "Meeting",
    description: "Makes the minutes FINAL: from then on corrections are amendments.",
    authScopes: { signedIn: true },
    args: { meetingId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const meeting = await ctx.run(finalizeMinutes, {
        meetingId: id(args.meetingId, "Meeting", "meetingId"),
      });
      return refetch.meeting(ctx, query, meeting.id);
    },
  }),
  addAmendment: t.prismaField({
    type: "Amendment",
    description: "A dated correction of finalised minutes.",
    authScopes: { signedIn: true },
    args: {
      meetingId: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true, maxLength: 500 }),
      text: t.arg.string({ required: true, maxLength: MAX_TEXT_LENGTH }),
    },
    resolve: async (query, _root, args, ctx) => {
      const amendment = await ctx.run(addAmendment, {
        meetingId: id(args.meetingId, "Meeting", "meetingId"),
        reason: args.reason,
        text: args.text,
      });
      return ctx.db.read.amendment.findUniqueOrThrow({ ...query, where: { id: amendment.id } });
    },
  }),
  raiseProcurementRequest: t.prismaField({
    type: "ProcurementRequest",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: RaiseProcurementInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const request = await ctx.run(raiseProcurementRequest, {
        ...input,
        schoolId: id(input.schoolId, "School", "schoolId"),
      });
      return ctx.db.read.procurementRequest.findUniqueOrThrow({ ...query, where: { id: request.id } });
    },
  }),
  ...Object.fromEntries(
    (
      [
        ["markProcurementOrdered", "ORDERED", "The provider ordered what the Jour-Fixe approved."],
        ["markProcurementDelivered", "DELIVERED", "The provider delivered (and installed) it."],
        ["acceptProcurementRequest", "ACCEPTED", "Acceptance (Abnahme) by the authority's IT department."],
      ] as const
    ).map(([name, step, description]) => [
      name,
      t.prismaField({
        type: "ProcurementRequest",
        description,
        authScopes: { signedIn: true },
        args: { procurementRequestId: t.arg.id({ required: true }) },
        resolve: async (query, _root, args, ctx) => {
          const request = await ctx.run(advanceProcurementRequest, {
            procurementRequestId: id(args.procurementRequestId, "ProcurementRequest", "procurementRequestId"),
            step,
          });
          return ctx.db.read.procurementRequest.findUniqueOrThrow({ ...query, where: { id: request.id } });
        },
      }),
    ]),
  ),
  createCalendarFeed: t.field({
    type: CalendarFeedRef,
    description: "A new personal calendar link for the authority's meetings; the previous one stops working.",
    authScopes: { signedIn: true },
    args: { authorityId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.run(createCalendarFeed, { authorityId: id(args.authorityId, "SchoolAuthority", "authorityId") }),
  }),
  revokeCalendarFeeds: t.boolean({
    description: "Stops the caller's calendar links for the authority.",
    authScopes: { signedIn: true },
    args: { authorityId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.run(revokeCalendarFeeds, { authorityId: id(args.authorityId, "SchoolAuthority", "authorityId") }),
  }),
}));

builder.subscriptionFields((t) => ({
  decisionUpdated: t.field({
    type: DecisionUpdateRef,
    description: "New decisions, status changes and reviews of the authority's decisions, in commit order.",
    authScopes: { signedIn: true },
    args: { authorityId: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) => {
      const authorityId = id(args.authorityId, "SchoolAuthority", "authorityId");
      ctx.access.requireSteeringRecords(authorityId, "Schulträger");
      return ctx.events.subscribe("decisionUpdated", (event) => event.authorityId === authorityId);
    },
    resolve: (event) => event,
  }),
}));

export { ActionItemRef, AgendaItemRef, DecisionRef, MeetingRef, ProcurementRef };
