// GraphQL types of the controlling module: service orders, the ledger, burn-down, forecast,
// alerts and proofs of service. It translates and checks access; the rules live in the services.
import { encodeGlobalID } from "@pothos/plugin-relay";
import DataLoader from "dataloader";
import {
  canReadAlerts,
  canReadInvoices,
  canReadOrders,
  canSeeCommissioningDecision,
  readsAlerts,
  readsInvoices,
  readsOrders,
  requireAlertReader,
  requireOrderReader,
} from "../../access/controlling.ts";
import type { ProofOfService } from "../../db/generated/client/client.ts";
import {
  AlertKind,
  AmendmentStatus,
  ProofStatus,
  ServiceOrderStatus,
} from "../../db/generated/client/enums.ts";
import { builder } from "../../graphql/builder.ts";
import type { Context } from "../../graphql/context.ts";
import { decodeId } from "../../graphql/ids.ts";
import { groupedLoader, withFields } from "../../graphql/loaders.ts";
import { todayInBerlin } from "../../lib/dates.ts";
import { notFound } from "../../lib/errors.ts";
import { cpuTurn } from "../../lib/turns.ts";
import { fromCents, fromHundredths } from "../../lib/units.ts";
import {
  type BurndownPoint,
  burndown,
  clipToPeriod,
  type DaySum,
  elapsedShare,
  type Forecast,
  forecast,
  inForceOrder,
  lineSchedule,
  type MethodForecast,
  PlanCurve,
  type ProofFigures,
  type ProofItem,
  parsePlanProfile,
} from "./figures.ts";
import { recordBooking, reverseBooking } from "./ledger.ts";
import {
  acknowledgeAlert,
  amendServiceOrder,
  approveServiceOrderAmendment,
  closeServiceOrder,
  commissionServiceOrder,
  createServiceOrder,
  rejectServiceOrderAmendment,
  setServiceOrderPlan,
} from "./orders.ts";
import { createProofOfService, figuresOf, transitionProof } from "./proofs.ts";
import {
  bookingCounts,
  type Consumption,
  consumptionOf,
  daySumsOfOrders,
  type OrderTotals,
  type OrderVolumes,
  orderTotals,
  orderVolumes,
  volumeInForce,
} from "./reads.ts";

// Per-request loaders: batching keeps lists at one query per level. Every subscription event
// runs with a context of its own (server/graphql/fanout.ts), so figures are those of the moment.
interface Loaders {
  totals: DataLoader<string, OrderTotals>;
  /** Consumption per order and line; read through consumption(), which keeps it fresh. */
  consumption: DataLoader<string, Consumption>;
  /** The process's commit count when the consumption was last read. */
  consumptionAt: number;
  proofs: DataLoader<ProofOfService, ProofFigures>;
  days: DataLoader<string, DaySum[]>;
  bookingCounts: DataLoader<string, number>;
  volumes: DataLoader<string, OrderVolumes>;
}
const perRequest = new WeakMap<Context, Loaders>();

/** A loader over a read that answers a map by order id; an order it does not name gets `absent`. */
function byOrder<V>(
  ctx: Context,
  read: (db: Context["db"]["read"], ids: readonly string[]) => Promise<Map<string, V>>,
  absent: () => V,
  cache = false,
) {
  return new DataLoader<string, V>(
    async (ids) => {
      const found = await read(ctx.db.read, ids);
      return ids.map((id) => found.get(id) ?? absent());
    },
    { cache },
  );
}

/**
 * An order's consumption, read once per request for both the order's and its lines' figures
 * (they resolve at different depths, so batching alone would read it twice). Should this process
 * commit anything meanwhile (a later mutation of the same request), it is read afresh.
 */
function consumption(ctx: Context): DataLoader<string, Consumption> {
  const found = loaders(ctx);
  const commits = ctx.db.commits();
  if (found.consumptionAt !== commits) {
    found.consumption.clearAll();
    found.consumptionAt = commits;
  }
  return found.consumption;
}

async function lineConsumed(ctx: Context, line: { id: string; orderId: string }): Promise<number> {
  return (await consumption(ctx).load(line.orderId)).lines.get(line.id) ?? 0;
}

function loaders(ctx: Context): Loaders {
  let found = perRequest.get(ctx);
  if (!found) {
    found = {
      totals: new DataLoader(
        async (ids) => {
          // The volumes through their loader: the order's page asks for them anyway.
          const [volumes, consumed] = await Promise.all([
            loaders(ctx).volumes.loadMany(ids),
            consumption(ctx).loadMany(ids),
          ]);
          // A failed read fails the figures; it never shows as nothing consumed or contracted.
          const known = <V>(values: (V | Error)[]) =>
            new Map(
              ids.map((id, i) => {
                const v = values[i];
                if (v instanceof Error) throw v;
                return [id, v as V] as const;
              }),
            );
          const totals = await orderTotals(ctx.db.read, ids, undefined, {
            volumes: known(volumes),
            consumption: known(consumed),
          });
          return ids.map((id) => totals.get(id) ?? { contracted: 0, consumed: 0 });
        },
        { cache: false },
      ),
      consumption: byOrder(ctx, consumptionOf, () => ({ total: 0, lines: new Map() }), true),
      consumptionAt: ctx.db.commits(),
      proofs: new DataLoader((proofs) => figuresOf(ctx.db.read, proofs), { cache: false }),
      volumes: byOrder(ctx, orderVolumes, () => ({
        validFrom: "",
        validTo: "",
        order: [],
        lines: new Map(),
      })),
      days: byOrder(ctx, daySumsOfOrders, () => []),
      bookingCounts: byOrder(ctx, bookingCounts, () => 0),
    };
    perRequest.set(ctx, found);
  }
  return found;
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
const percent = (share: number) => Math.round(share * 100);

export const GranularityEnum = builder.enumType("Granularity", { values: ["DAY", "WEEK", "MONTH"] as const });
const ForecastMethodEnum = builder.enumType("ForecastMethod", {
  values: {
    RECENT_8_WEEKS: { description: "Burn rate of the last eight weeks." },
    SINCE_START: { description: "Average burn rate since the start of the period." },
  },
});
const ServiceOrderStatusEnum = builder.enumType(ServiceOrderStatus, { name: "ServiceOrderStatus" });
const ProofStatusEnum = builder.enumType(ProofStatus, { name: "ProofOfServiceStatus" });
const AlertKindEnum = builder.enumType(AlertKind, { name: "ControllingAlertKind" });
const AmendmentStatusEnum = builder.enumType(AmendmentStatus, {
  name: "AmendmentStatus",
  description:
    "A Nachtrag is PROPOSED by either side and in force from its date once the authority APPROVED it.",
});

const BurndownPointRef = builder.objectRef<BurndownPoint>("BurndownPoint").implement({
  fields: (t) => ({
    date: t.expose("date", { type: "Date" }),
    consumedPersonDays: t.field({ type: "Decimal", resolve: (p) => fromHundredths(p.consumed) }),
    remainingPersonDays: t.field({ type: "Decimal", resolve: (p) => fromHundredths(p.remaining) }),
    plannedRemainingPersonDays: t.field({
      type: "Decimal",
      resolve: (p) => fromHundredths(p.plannedRemaining),
    }),
  }),
});

const ForecastEstimateRef = builder.objectRef<MethodForecast>("ForecastEstimate").implement({
  description: "What one method projects.",
  fields: (t) => ({
    method: t.expose("method", { type: ForecastMethodEnum }),
    personDaysPerDay: t.field({
      type: "Decimal",
      description: "Burn rate in person-days per calendar day, rounded to hundredths.",
      resolve: (m) => fromHundredths(m.ratePerDay),
    }),
    projectedConsumedAtYearEnd: t.field({
      type: "Decimal",
      resolve: (m) => fromHundredths(m.projectedAtEnd),
    }),
    exhaustionDate: t.expose("exhaustionDate", { type: "Date", nullable: true }),
  }),
});

const BurndownForecastRef = builder.objectRef<Forecast>("BurndownForecast").implement({
  description:
    "Projection to the end of the validity period. `method` names the leading estimate; `projectedLow`/`projectedHigh` " +
    "span both methods and say how sure it is.",
  fields: (t) => ({
    exhaustionDate: t.expose("exhaustionDate", {
      type: "Date",
      nullable: true,
      description:
        "When the contracted person-days run out at the leading rate; null if not within the period.",
    }),
    projectedConsumedAtYearEnd: t.field({
      type: "Decimal",
      description: "Projected consumption at the end of the validity period.",
      resolve: (f) => fromHundredths(f.projectedAtEnd),
    }),
    method: t.expose("method", { type: ForecastMethodEnum }),
    asOf: t.expose("asOf", { type: "Date" }),
    basisDays: t.exposeInt("elapsedDays", { description: "Days of the period elapsed by asOf." }),
    projectedLow: t.field({ type: "Decimal", resolve: (f) => fromHundredths(f.projectedLow) }),
    projectedHigh: t.field({ type: "Decimal", resolve: (f) => fromHundredths(f.projectedHigh) }),
    estimates: t.field({
      type: [ForecastEstimateRef],
      // One per forecast method.
      complexity: { field: 1, multiplier: 2 },
      resolve: (f) => f.methods,
    }),
  }),
});

interface VolumeChange {
  date: string;
  contracted: number;
  reason: string;
  category: string | null;
}

const VolumeChangeRef = builder.objectRef<VolumeChange>("ServiceOrderVolume").implement({
  description: "A volume the order had: the original order and every amendment (Nachtrag).",
  fields: (t) => ({
    effectiveDate: t.expose("date", { type: "Date" }),
    contractedPersonDays: t.field({ type: "Decimal", resolve: (v) => fromHundredths(v.contracted) }),
    reason: t.exposeString("reason"),
    category: t.exposeString("category", { nullable: true }),
  }),
});

const AS_OF = "The day the figures refer to; default today (Europe/Berlin).";

// For the query cost limit (graphql/operation-limits.ts), where a plain field costs 1: burn-down
// and forecast walk the order's per-day totals day by day; a burn-down has a point per day, week
// or month of a year's validity.
const FIGURES_WEIGHT = 250;
/** The cost estimate's expected number of amendments (Nachträge) of one order. */
const AMENDMENTS_PER_ORDER = 5;
const POINTS = { DAY: 366, WEEK: 53, MONTH: 12 } as const;
/** Schools of one authority: 80 schools across KSM's 13. */
const SCHOOLS = 6;
/** An authority's service orders: this year's and last year's. */
const ORDERS_PER_AUTHORITY = 2;

builder.prismaNode("ServiceOrder", {
  id: { field: "id" },
  authScopes: (order, ctx) => canReadOrders(ctx.access, order.authorityId),
  fields: (t) => ({
    year: t.exposeInt("year"),
    title: t.exposeString("title"),
    status: t.expose("status", {
      type: ServiceOrderStatusEnum,
      description: "DRAFT (drafted by the provider) → ACTIVE (commissioned by the authority) → CLOSED.",
    }),
    authority: t.relation("authority"),
    commissionedAt: t.expose("commissionedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the authority commissioned the draft (Beauftragung).",
    }),
    commissionedBy: t.relation("commissionedBy", { nullable: true }),
    commissioningDecision: t.prismaField({
      type: "Decision",
      nullable: true,
      description:
        "The steering group's decision the commissioning cites; null for those who do not read steering records.",
      resolve: (query, order, _args, ctx) =>
        order.commissioningDecisionId && canSeeCommissioningDecision(ctx.access, order.authorityId)
          ? ctx.db.read.decision.findUnique({ ...query, where: { id: order.commissioningDecisionId } })
          : null,
    }),
    budgetLine: t.exposeString("budgetLine", {
      nullable: true,
      description: "The budget line (Haushaltsstelle) the commissioning charges.",
    }),
    validFrom: t.expose("validFrom", { type: "Date" }),
    validTo: t.expose("validTo", { type: "Date" }),
    dailyRate: t.field({
      type: "Decimal",
      description: "Euros per person-day.",
      resolve: (o) => fromCents(o.dailyRateCents),
    }),
    monthlyPlanWeights: t.field({
      type: ["Int"],
      nullable: true,
      description: "Plan profile January…December; null for a linear plan.",
      resolve: (o) => parsePlanProfile(o.planProfile),
    }),
    burnMarginPct: t.exposeInt("burnMarginPct", {
      description: "Alert when consumption runs ahead of plan by more than this many percentage points.",
    }),
    contractedPersonDays: t.field({
      type: "Decimal",
      resolve: async (o, _a, ctx) => fromHundredths((await loaders(ctx).totals.load(o.id)).contracted),
    }),
    consumedPersonDays: t.field({
      type: "Decimal",
      resolve: async (o, _a, ctx) => fromHundredths((await loaders(ctx).totals.load(o.id)).consumed),
    }),
    remainingPersonDays: t.field({
      type: "Decimal",
      resolve: async (o, _a, ctx) => {
        const totals = await loaders(ctx).totals.load(o.id);
        return fromHundredths(totals.contracted - totals.consumed);
      },
    }),
    outsideResponsibilityPersonDays: t.field({
      type: "Decimal",
      description:
        "Support booked for schools the provider did not support on the booking's date (Booking.outsideResponsibility), net of reversals.",
      resolve: async (o, _a, ctx) => {
        const sum = await ctx.db.read.booking.aggregate({
          where: { orderId: o.id, outsideResponsibility: true },
          _sum: { personDays: true },
        });
        return fromHundredths(sum._sum.personDays ?? 0);
      },
    }),
    utilization: t.float({
      description: "consumed / contracted; may exceed 1.",
      resolve: async (o, _a, ctx) => {
        const totals = await loaders(ctx).totals.load(o.id);
        return ratio(totals.consumed, totals.contracted);
      },
    }),
    elapsedShare: t.float({
      description: "Share of the validity period elapsed by asOf (0…1).",
      args: { asOf: t.arg({ type: "Date", description: AS_OF }) },
      resolve: (o, args) => elapsedShare(o, args.asOf ?? todayInBerlin()),
    }),
    plannedConsumedPersonDays: t.field({
      type: "Decimal",
      description:
        "What the plan line (linear or monthly profile) expects to be consumed by asOf, each stretch of days " +
        "at the volume then in force.",
      args: { asOf: t.arg({ type: "Date", description: AS_OF }) },
      resolve: async (o, args, ctx) => {
        const volumes = await loaders(ctx).volumes.load(o.id);
        const asOf = args.asOf ?? todayInBerlin();
        return fromHundredths(new PlanCurve(o).plannedConsumed(volumes.order, asOf));
      },
    }),
    utilizationSummary: t.string({
      description: 'German one-liner, e.g. "34 % verbraucht nach 41 % der Laufzeit".',
      resolve: async (o, _a, ctx) => {
        const totals = await loaders(ctx).totals.load(o.id);
        const share = elapsedShare(o, clipToPeriod(o, todayInBerlin()));
        return `${percent(ratio(totals.consumed, totals.contracted))} % verbraucht nach ${percent(share)} % der Laufzeit`;
      },
    }),
    burndown: t.field({
      type: [BurndownPointRef],
      args: {
        granularity: t.arg({ type: GranularityEnum, defaultValue: "WEEK" }),
        asOf: t.arg({ type: "Date", description: AS_OF }),
      },
      complexity: (args) => ({ field: FIGURES_WEIGHT, multiplier: POINTS[args.granularity ?? "WEEK"] }),
      resolve: async (o, args, ctx) => {
        // Loaded first, so that the orders of a list share one statement; computed in a turn of its own.
        const [volumes, days] = await Promise.all([
          loaders(ctx).volumes.load(o.id),
          loaders(ctx).days.load(o.id),
        ]);
        await cpuTurn();
        return burndown(o, volumes.order, days, args.granularity ?? "WEEK", args.asOf ?? todayInBerlin());
      },
    }),
    forecast: t.field({
      type: BurndownForecastRef,
      args: { asOf: t.arg({ type: "Date", description: AS_OF }) },
      complexity: FIGURES_WEIGHT,
      resolve: async (o, args, ctx) => {
        // Loaded first, so that the orders of a list share one statement; computed in a turn of its own.
        const [volumes, days] = await Promise.all([
          loaders(ctx).volumes.load(o.id),
          loaders(ctx).days.load(o.id),
        ]);
        await cpuTurn();
        return forecast(o, volumes.order, days, args.asOf ?? todayInBerlin());
      },
    }),
    lines: t.relation("lines", { query: { orderBy: { position: "asc" } } }),
    amendments: t.relation("amendments", {
      description: "Every Nachtrag, proposed, approved or rejected, in the order they were proposed.",
      // An order's year brings a handful of Nachträge, not the default list's ten.
      complexity: { field: 1, multiplier: AMENDMENTS_PER_ORDER },
      query: { orderBy: { createdAt: "asc" } },
    }),
    volumeHistory: t.field({
      type: [VolumeChangeRef],
      description:
        "The order's volume over time: the original order, then the order's volume from the date of each " +
        "approved amendment on, in the order they take effect (proposed and rejected ones change nothing).",
      select: {
        validFrom: true,
        lines: { select: { id: true, name: true, volume: true } },
        amendments: { where: { status: "APPROVED" } },
      },
      resolve: (o) => {
        const schedules = o.lines.map((l) =>
          lineSchedule(
            l.volume,
            o.amendments.filter((a) => a.lineId === l.id),
          ),
        );
        const history: VolumeChange[] = [
          {
            // The commissioned volume is in force from the order's start.
            date: o.validFrom,
            contracted: schedules.reduce((sum, s) => sum + (s[0]?.volume ?? 0), 0),
            reason: "Beauftragung",
            category: null,
          },
        ];
        for (const a of inForceOrder(o.amendments)) {
          const category = o.lines.find((l) => l.id === a.lineId)?.name ?? null;
          // The order's volume from this date on, counting the amendments of the same date before it.
          const upTo = o.amendments.filter(
            (b) =>
              b.effectiveDate < a.effectiveDate ||
              (b.effectiveDate === a.effectiveDate &&
                (b.decidedAt?.getTime() ?? 0) <= (a.decidedAt?.getTime() ?? 0)),
          );
          const contracted = o.lines.reduce((sum, l) => {
            const own = inForceOrder(upTo.filter((b) => b.lineId === l.id));
            const schedule = schedules[o.lines.indexOf(l)] ?? [];
            return sum + (own.length ? (own.at(-1)?.newVolume ?? 0) : (schedule[0]?.volume ?? 0));
          }, 0);
          history.push({ date: a.effectiveDate, contracted, reason: a.reason, category });
        }
        return history;
      },
    }),
    bookings: t.prismaConnection(
      {
        type: "Booking",
        // Paged by id like every connection (see graphql/ids.ts checkCursor), in ledger order.
        cursor: "id",
        // Not Prisma's relation count: that groups the whole ledger by order before it joins.
        totalCount: (order, _args, ctx) => loaders(ctx).bookingCounts.load(order.id),
        resolve: (query, order, _args, ctx) =>
          ctx.db.read.booking.findMany({ ...query, where: { orderId: order.id }, orderBy: { seq: "asc" } }),
      },
      { name: "BookingConnection" },
      { name: "BookingEdge" },
    ),
    alerts: t.relation("alerts", {
      description: "Alerts of this order (controllers and the service manager; empty for others).",
      args: { open: t.arg.boolean({ description: "Only those not yet acknowledged." }) },
      query: (args, ctx) => ({
        where: {
          ...(readsAlerts(ctx.access) ? {} : { id: "" }),
          ...(args.open ? { acknowledgedAt: null } : {}),
        },
        orderBy: { createdAt: "asc" },
      }),
    }),
    proofsOfService: t.relation("proofs", {
      description: "Monthly proofs of service (controllers and the provider; empty for others).",
      complexity: { field: 1, multiplier: 12 },
      query: (_args, ctx) => ({
        where: readsInvoices(ctx.access) ? {} : { id: "" },
        orderBy: { month: "asc" },
      }),
    }),
  }),
});

/** A line's volume in force today (clipped to its order's term). */
async function lineVolume(ctx: Context, orderId: string, lineId: string): Promise<number> {
  const volumes = await loaders(ctx).volumes.load(orderId);
  return volumeInForce(volumes, volumes.lines.get(lineId) ?? []);
}

builder.prismaNode("ServiceLine", {
  id: { field: "id" },
  select: { id: true, order: { select: { authorityId: true } } },
  authScopes: (line, ctx) => canReadOrders(ctx.access, line.order.authorityId),
  fields: (t) => ({
    name: t.exposeString("name"),
    position: t.exposeInt("position"),
    contractedPersonDays: t.field({
      type: "Decimal",
      description:
        "The volume in force today (clipped to the order's term): approved amendments count from their date.",
      select: { orderId: true },
      resolve: async (l, _a, ctx) => fromHundredths(await lineVolume(ctx, l.orderId, l.id)),
    }),
    consumedPersonDays: t.field({
      type: "Decimal",
      select: { orderId: true },
      resolve: async (l, _a, ctx) => fromHundredths(await lineConsumed(ctx, l)),
    }),
    remainingPersonDays: t.field({
      type: "Decimal",
      select: { orderId: true },
      resolve: async (l, _a, ctx) => {
        const [volume, consumed] = await Promise.all([
          lineVolume(ctx, l.orderId, l.id),
          lineConsumed(ctx, l),
        ]);
        return fromHundredths(volume - consumed);
      },
    }),
    utilization: t.float({
      select: { orderId: true },
      resolve: async (l, _a, ctx) => {
        const [volume, consumed] = await Promise.all([
          lineVolume(ctx, l.orderId, l.id),
          lineConsumed(ctx, l),
        ]);
        return ratio(consumed, volume);
      },
    }),
  }),
});

builder.prismaNode("OrderAmendment", {
  name: "ServiceOrderAmendment",
  id: { field: "id" },
  select: { id: true, order: { select: { authorityId: true } } },
  authScopes: (a, ctx) => canReadOrders(ctx.access, a.order.authorityId),
  fields: (t) => ({
    effectiveDate: t.expose("effectiveDate", { type: "Date" }),
    reason: t.exposeString("reason"),
    category: t.string({ select: { line: { select: { name: true } } }, resolve: (a) => a.line.name }),
    previousPersonDays: t.field({
      type: "Decimal",
      select: { previousVolume: true },
      resolve: (a) => fromHundredths(a.previousVolume),
    }),
    newPersonDays: t.field({
      type: "Decimal",
      select: { newVolume: true },
      resolve: (a) => fromHundredths(a.newVolume),
    }),
    status: t.expose("status", { type: AmendmentStatusEnum }),
    createdBy: t.relation("createdBy", { description: "Who proposed it (either side)." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    decidedBy: t.relation("decidedBy", { nullable: true, description: "Who approved or rejected it." }),
    decidedAt: t.expose("decidedAt", { type: "DateTime", nullable: true }),
    rejectionReason: t.exposeString("rejectionReason", { nullable: true }),
    serviceOrder: t.relation("order"),
  }),
});

export const BookingRef = builder.prismaNode("Booking", {
  id: { field: "id" },
  select: { id: true, order: { select: { authorityId: true } } },
  authScopes: (b, ctx) => canReadOrders(ctx.access, b.order.authorityId),
  fields: (t) => ({
    sequence: t.exposeInt("seq", { description: "Position in the ledger's commit order." }),
    date: t.expose("date", { type: "Date" }),
    personDays: t.field({
      type: "Decimal",
      description: "Negative for a reversal.",
      select: { personDays: true },
      resolve: (b) => fromHundredths(b.personDays),
    }),
    category: t.string({
      description: "The service line's name.",
      select: { line: { select: { name: true } } },
      resolve: (b) => b.line.name,
    }),
    school: t.relation("school", { nullable: true }),
    ticketRef: t.exposeString("ticketRef", { nullable: true }),
    description: t.exposeString("description"),
    bookedBy: t.relation("bookedBy"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    reversalOf: t.relation("reversalOf", { nullable: true }),
    reversedBy: t.relation("reversedBy", { nullable: true }),
    outsideResponsibility: t.exposeBoolean("outsideResponsibility", {
      description: "Support for a school that the provider did not support on the booking's date.",
    }),
    serviceOrder: t.relation("order"),
    idempotencyKey: t.exposeString("idempotencyKey", { nullable: true }),
  }),
});

builder.prismaNode("Alert", {
  name: "ControllingAlert",
  id: { field: "id" },
  select: { id: true, order: { select: { authorityId: true } } },
  authScopes: (a, ctx) => canReadAlerts(ctx.access, a.order.authorityId),
  fields: (t) => ({
    kind: t.expose("kind", { type: AlertKindEnum }),
    threshold: t.exposeInt("threshold", {
      description: "Percent of the volume (THRESHOLD) or the margin in percentage points (BURN_RATE).",
    }),
    message: t.exposeString("message"),
    serviceOrder: t.relation("order"),
    line: t.relation("line", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    acknowledgedAt: t.expose("acknowledgedAt", { type: "DateTime", nullable: true }),
    acknowledgedBy: t.relation("acknowledgedBy", { nullable: true }),
  }),
});

const ProofItemRef = builder.objectRef<ProofItem>("ProofOfServiceItem").implement({
  fields: (t) => ({
    label: t.exposeString("label"),
    personDays: t.field({ type: "Decimal", resolve: (i) => fromHundredths(i.personDays) }),
    amount: t.field({
      type: "Decimal",
      description: "Euros, rounded per item.",
      resolve: (i) => fromCents(BigInt(i.amountCents)),
    }),
  }),
});

const proofField = <T>(pick: (f: ProofFigures) => T) => ({
  resolve: async (p: ProofOfService, _a: unknown, ctx: Context) => pick(await loaders(ctx).proofs.load(p)),
});

builder.prismaNode("ProofOfService", {
  id: { field: "id" },
  include: { order: { select: { authorityId: true } } },
  authScopes: (p, ctx) => canReadInvoices(ctx.access, p.order.authorityId),
  fields: (t) => ({
    month: t.exposeString("month", { description: "YYYY-MM" }),
    status: t.expose("status", { type: ProofStatusEnum }),
    serviceOrder: t.relation("order"),
    personDays: t.field({ type: "Decimal", ...proofField((f) => fromHundredths(f.personDays)) }),
    amount: t.field({
      type: "Decimal",
      description: "Invoice amount in euros: the sum of the per-line amounts.",
      ...proofField((f) => fromCents(BigInt(f.amountCents))),
    }),
    dailyRate: t.field({ type: "Decimal", ...proofField((f) => fromCents(BigInt(f.dailyRateCents))) }),
    bookingCount: t.int({ ...proofField((f) => f.bookingCount) }),
    byLine: t.field({ type: [ProofItemRef], ...proofField((f) => f.byLine) }),
    bySchool: t.field({
      type: [ProofItemRef],
      complexity: { field: 1, multiplier: SCHOOLS },
      ...proofField((f) => f.bySchool),
    }),
    roundingRule: t.string({ ...proofField((f) => f.roundingRule) }),
    issuedAt: t.expose("issuedAt", { type: "DateTime", nullable: true }),
    issuedBy: t.relation("issuedBy", { nullable: true }),
    checkedAt: t.expose("checkedAt", { type: "DateTime", nullable: true }),
    checkedBy: t.relation("checkedBy", { nullable: true }),
    disputedAt: t.expose("disputedAt", { type: "DateTime", nullable: true }),
    disputeReason: t.exposeString("disputeReason", { nullable: true }),
    settledAt: t.expose("settledAt", { type: "DateTime", nullable: true }),
    pdfUrl: t.string({
      resolve: (p) =>
        `/exports/proofs-of-service/${encodeURIComponent(encodeGlobalID("ProofOfService", p.id))}.pdf`,
    }),
    csvUrl: t.string({
      resolve: (p) =>
        `/exports/proofs-of-service/${encodeURIComponent(encodeGlobalID("ProofOfService", p.id))}.csv`,
    }),
  }),
});

builder.prismaObjectFields("SchoolAuthority", (t) => ({
  serviceOrders: t.relation("serviceOrders", {
    description: "The authority's service orders (Servicescheine), newest year first.",
    complexity: { field: 1, multiplier: ORDERS_PER_AUTHORITY },
    args: { year: t.arg.int() },
    query: (args, ctx) => ({
      where: {
        ...(readsOrders(ctx.access) ? {} : { id: "" }),
        ...(args.year == null ? {} : { year: args.year }),
      },
      orderBy: { year: "desc" },
    }),
  }),
  controllingAlerts: t.prismaField({
    type: ["Alert"],
    description:
      "Alerts of all the authority's orders (controllers and the service manager; empty for others).",
    args: { open: t.arg.boolean({ description: "Only those not yet acknowledged." }) },
    resolve: (query, authority, args, ctx) => {
      // Filled by the loader's batch, read by its keyOf: both come from the call that created the loader.
      let authorityOfOrder = new Map<string, string>();
      return readsAlerts(ctx.access)
        ? (groupedLoader<{ orderId: string }>(
            ctx,
            `controllingAlerts:${Boolean(args.open)}`,
            query,
            async (keys) => {
              const orders = await ctx.db.read.serviceOrder.findMany({
                where: { authorityId: { in: [...keys] } },
                select: { id: true, authorityId: true },
              });
              authorityOfOrder = new Map(orders.map((o) => [o.id, o.authorityId]));
              return ctx.db.read.alert.findMany({
                ...withFields(query, { orderId: true }),
                where: {
                  orderId: { in: orders.map((o) => o.id) },
                  ...(args.open ? { acknowledgedAt: null } : {}),
                },
                orderBy: { createdAt: "desc" },
              } as never) as never;
            },
            (row) => authorityOfOrder.get(row.orderId) ?? "",
          ).load(authority.id) as never)
        : [];
    },
  }),
}));

builder.queryFields((t) => ({
  serviceOrder: t.prismaField({
    type: "ServiceOrder",
    nullable: true,
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = decodeId(String(args.id), "ServiceOrder", "id");
      const order = await ctx.db.read.serviceOrder.findUnique({ ...query, where: { id } });
      if (!order || !ctx.access.canSeeAuthority(order.authorityId)) throw notFound("Serviceschein");
      requireOrderReader(ctx.access, order.authorityId);
      return order;
    },
  }),
}));

const LineInputRef = builder.inputType("ServiceLineInput", {
  fields: (f) => ({
    name: f.string({ required: true }),
    personDays: f.field({ type: "Decimal", required: true }),
  }),
});

const idOf = (value: string | number, type: string, field: string) => decodeId(String(value), type, field);

builder.mutationFields((t) => ({
  createServiceOrder: t.prismaField({
    type: "ServiceOrder",
    description:
      "The provider's service manager drafts the year's order (DRAFT); bookings wait for the authority's commissioning.",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("CreateServiceOrderInput", {
          fields: (f) => ({
            authorityId: f.id({ required: true }),
            year: f.int({ required: true }),
            contractedPersonDays: f.field({ type: "Decimal", required: true }),
            dailyRate: f.field({ type: "Decimal", description: "Euros per person-day; default 0." }),
            title: f.string(),
            validFrom: f.field({ type: "Date", description: "Default: 1 January of the year." }),
            validTo: f.field({ type: "Date", description: "Default: 31 December of the year." }),
            lines: f.field({
              type: [LineInputRef],
              description: 'Service lines; their volumes sum to the contract. Default: one line "Support".',
            }),
            monthlyPlanWeights: f.intList({ description: "Plan profile January…December; default linear." }),
            burnMarginPct: f.int(),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const order = await ctx.run(createServiceOrder, {
        authorityId: idOf(input.authorityId, "SchoolAuthority", "authorityId"),
        year: input.year,
        contractedPersonDays: input.contractedPersonDays,
        dailyRate: input.dailyRate,
        title: input.title,
        validFrom: input.validFrom,
        validTo: input.validTo,
        lines: input.lines,
        planProfile: input.monthlyPlanWeights,
        burnMarginPct: input.burnMarginPct,
      });
      return ctx.db.read.serviceOrder.findUniqueOrThrow({ ...query, where: { id: order.id } });
    },
  }),
  amendServiceOrder: t.prismaField({
    type: "OrderAmendment",
    description:
      "Proposes a Nachtrag (PROPOSED), by either side: a service line's new volume (a new line if the name is new) " +
      "from a date within the order's term, with reason. In force once the authority approves it.",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("AmendServiceOrderInput", {
          fields: (f) => ({
            serviceOrderId: f.id({ required: true }),
            category: f.string({ required: true }),
            personDays: f.field({ type: "Decimal", required: true }),
            effectiveDate: f.field({ type: "Date" }),
            reason: f.string({ required: true, maxLength: 1000 }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const amendment = await ctx.run(amendServiceOrder, {
        orderId: idOf(input.serviceOrderId, "ServiceOrder", "serviceOrderId"),
        category: input.category,
        personDays: input.personDays,
        effectiveDate: input.effectiveDate,
        reason: input.reason,
      });
      return ctx.db.read.orderAmendment.findUniqueOrThrow({ ...query, where: { id: amendment.id } });
    },
  }),
  setServiceOrderPlan: t.prismaField({
    type: "ServiceOrder",
    description: "Sets the monthly plan profile (null/empty: linear) and the burn-rate alert margin.",
    authScopes: { signedIn: true },
    args: {
      serviceOrderId: t.arg.id({ required: true }),
      monthlyWeights: t.arg.intList(),
      burnMarginPct: t.arg.int(),
    },
    resolve: async (query, _root, args, ctx) => {
      const order = await ctx.run(setServiceOrderPlan, {
        orderId: idOf(args.serviceOrderId, "ServiceOrder", "serviceOrderId"),
        monthlyWeights: args.monthlyWeights,
        burnMarginPct: args.burnMarginPct,
      });
      return ctx.db.read.serviceOrder.findUniqueOrThrow({ ...query, where: { id: order.id } });
    },
  }),
  commissionServiceOrder: t.prismaField({
    type: "ServiceOrder",
    description:
      "Beauftragung: the authority's controller or the IT-department coordinator of its steering group commissions " +
      "the provider's draft (DRAFT → ACTIVE), citing a decision the steering group took and the budget line.",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("CommissionServiceOrderInput", {
          fields: (f) => ({
            serviceOrderId: f.id({ required: true }),
            decisionId: f.id({ required: true, description: "An APPROVED decision of the authority." }),
            budgetLine: f.string({ required: true, description: "The budget line (Haushaltsstelle)." }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const order = await ctx.run(commissionServiceOrder, {
        orderId: idOf(input.serviceOrderId, "ServiceOrder", "serviceOrderId"),
        decisionId: idOf(input.decisionId, "Decision", "decisionId"),
        budgetLine: input.budgetLine,
      });
      return ctx.db.read.serviceOrder.findUniqueOrThrow({ ...query, where: { id: order.id } });
    },
  }),
  approveServiceOrderAmendment: t.prismaField({
    type: "OrderAmendment",
    description: "The authority approves a proposed Nachtrag: in force from its effective date.",
    authScopes: { signedIn: true },
    args: { amendmentId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const amendment = await ctx.run(approveServiceOrderAmendment, {
        amendmentId: idOf(args.amendmentId, "ServiceOrderAmendment", "amendmentId"),
      });
      return ctx.db.read.orderAmendment.findUniqueOrThrow({ ...query, where: { id: amendment.id } });
    },
  }),
  rejectServiceOrderAmendment: t.prismaField({
    type: "OrderAmendment",
    description: "The authority rejects a proposed Nachtrag, with its reason.",
    authScopes: { signedIn: true },
    args: {
      amendmentId: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true, maxLength: 1000 }),
    },
    resolve: async (query, _root, args, ctx) => {
      const amendment = await ctx.run(rejectServiceOrderAmendment, {
        amendmentId: idOf(args.amendmentId, "ServiceOrderAmendment", "amendmentId"),
        reason: args.reason,
      });
      return ctx.db.read.orderAmendment.findUniqueOrThrow({ ...query, where: { id: amendment.id } });
    },
  }),
  closeServiceOrder: t.prismaField({
    type: "ServiceOrder",
    description: "ACTIVE → CLOSED by the service manager: no more bookings.",
    authScopes: { signedIn: true },
    args: { serviceOrderId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const order = await ctx.run(closeServiceOrder, {
        orderId: idOf(args.serviceOrderId, "ServiceOrder", "serviceOrderId"),
      });
      return ctx.db.read.serviceOrder.findUniqueOrThrow({ ...query, where: { id: order.id } });
    },
  }),
  recordBooking: t.prismaField({
    type: "Booking",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("RecordBookingInput", {
          fields: (f) => ({
            serviceOrderId: f.id({ required: true }),
            date: f.field({ type: "Date", required: true }),
            personDays: f.field({ type: "Decimal", required: true }),
            category: f.string({ description: 'A service line of the order; default "Support".' }),
            schoolId: f.id(),
            ticketRef: f.string(),
            description: f.string({ required: true, maxLength: 2000 }),
            idempotencyKey: f.string({
              description:
                "The same key with the same input returns the first booking; with another input, CONFLICT.",
            }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const booking = await ctx.run(recordBooking, {
        orderId: idOf(input.serviceOrderId, "ServiceOrder", "serviceOrderId"),
        date: input.date,
        personDays: input.personDays,
        category: input.category ?? "Support",
        schoolId: input.schoolId == null ? null : idOf(input.schoolId, "School", "schoolId"),
        ticketRef: input.ticketRef,
        description: input.description,
        idempotencyKey: input.idempotencyKey,
      });
      return ctx.db.read.booking.findUniqueOrThrow({ ...query, where: { id: booking.id } });
    },
  }),
  reverseBooking: t.prismaField({
    type: "Booking",
    description: "Books the reversal (Storno) of an entry and returns it.",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("ReverseBookingInput", {
          fields: (f) => ({
            bookingId: f.id({ required: true }),
            reason: f.string({ required: true, maxLength: 1000 }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const booking = await ctx.run(reverseBooking, {
        bookingId: idOf(input.bookingId, "Booking", "bookingId"),
        reason: input.reason,
      });
      return ctx.db.read.booking.findUniqueOrThrow({ ...query, where: { id: booking.id } });
    },
  }),
  acknowledgeControllingAlert: t.prismaField({
    type: "Alert",
    authScopes: { signedIn: true },
    args: { alertId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const alert = await ctx.run(acknowledgeAlert, {
        alertId: idOf(args.alertId, "ControllingAlert", "alertId"),
      });
      return ctx.db.read.alert.findUniqueOrThrow({ ...query, where: { id: alert.id } });
    },
  }),
  createProofOfService: t.prismaField({
    type: "ProofOfService",
    description: "Opens the month's proof of service as a DRAFT, after the month has ended.",
    authScopes: { signedIn: true },
    args: { serviceOrderId: t.arg.id({ required: true }), month: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const proof = await ctx.run(createProofOfService, {
        orderId: idOf(args.serviceOrderId, "ServiceOrder", "serviceOrderId"),
        month: args.month,
      });
      return ctx.db.read.proofOfService.findUniqueOrThrow({ ...query, where: { id: proof.id } });
    },
  }),
}));

const transitions = {
  issueProofOfService: {
    transition: "ISSUE",
    description: "DRAFT → ISSUED: freezes the month's bookings and figures.",
  },
  checkProofOfService: {
    transition: "CHECK",
    description: "ISSUED → CHECKED by the authority's controller.",
  },
  settleProofOfService: { transition: "SETTLE", description: "CHECKED → SETTLED: the invoice is paid." },
  reopenProofOfService: {
    transition: "REOPEN",
    description: "DISPUTED → DRAFT, so the month can be corrected.",
  },
} as const;

builder.mutationFields((t) =>
  Object.fromEntries(
    Object.entries(transitions).map(([name, { transition, description }]) => [
      name,
      t.prismaField({
        type: "ProofOfService",
        description,
        authScopes: { signedIn: true },
        args: { proofOfServiceId: t.arg.id({ required: true }) },
        resolve: async (query, _root, args, ctx) => {
          const proof = await ctx.run(transitionProof, {
            proofId: idOf(args.proofOfServiceId, "ProofOfService", "proofOfServiceId"),
            transition,
          });
          return ctx.db.read.proofOfService.findUniqueOrThrow({ ...query, where: { id: proof.id } });
        },
      }),
    ]),
  ),
);

builder.mutationField("disputeProofOfService", (t) =>
  t.prismaField({
    type: "ProofOfService",
    description: "ISSUED → DISPUTED by the authority's controller, with a reason.",
    authScopes: { signedIn: true },
    args: {
      proofOfServiceId: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true, maxLength: 2000 }),
    },
    resolve: async (query, _root, args, ctx) => {
      const proof = await ctx.run(transitionProof, {
        proofId: idOf(args.proofOfServiceId, "ProofOfService", "proofOfServiceId"),
        transition: "DISPUTE",
        reason: args.reason,
      });
      return ctx.db.read.proofOfService.findUniqueOrThrow({ ...query, where: { id: proof.id } });
    },
  }),
);

interface BurndownUpdate {
  orderId: string;
  bookingId: string;
  consumed: number;
  contracted: number;
}

const BurndownUpdateRef = builder.objectRef<BurndownUpdate>("BurndownUpdate").implement({
  description: "The order's figures right after one booking or reversal was committed.",
  fields: (t) => ({
    serviceOrder: t.prismaField({
      type: "ServiceOrder",
      resolve: (query, u, _a, ctx) =>
        ctx.db.read.serviceOrder.findUniqueOrThrow({ ...query, where: { id: u.orderId } }),
    }),
    consumedPersonDays: t.field({ type: "Decimal", resolve: (u) => fromHundredths(u.consumed) }),
    remainingPersonDays: t.field({
      type: "Decimal",
      resolve: (u) => fromHundredths(u.contracted - u.consumed),
    }),
    utilization: t.float({ resolve: (u) => ratio(u.consumed, u.contracted) }),
    booking: t.prismaField({
      type: "Booking",
      resolve: (query, u, _a, ctx) =>
        ctx.db.read.booking.findUniqueOrThrow({ ...query, where: { id: u.bookingId } }),
    }),
  }),
});

builder.subscriptionFields((t) => ({
  serviceOrderBurndown: t.field({
    type: BurndownUpdateRef,
    description: "One event per booking or reversal of the order, after commit, in commit order.",
    authScopes: { signedIn: true },
    args: { serviceOrderId: t.arg.id({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      const id = idOf(args.serviceOrderId, "ServiceOrder", "serviceOrderId");
      const order = await ctx.db.read.serviceOrder.findUnique({
        where: { id },
        select: { authorityId: true },
      });
      if (!order || !ctx.access.canSeeAuthority(order.authorityId)) throw notFound("Serviceschein");
      requireOrderReader(ctx.access, order.authorityId);
      return ctx.events.subscribe("bookingRecorded", (event) => event.orderId === id);
    },
    resolve: async (event, _args, ctx) => {
      const [booking, totals] = await Promise.all([
        ctx.db.read.booking.findUniqueOrThrow({
          where: { id: event.bookingId },
          select: { orderBalance: true },
        }),
        orderTotals(ctx.db.read, [event.orderId]),
      ]);
      return {
        orderId: event.orderId,
        bookingId: event.bookingId,
        consumed: booking.orderBalance,
        contracted: totals.get(event.orderId)?.contracted ?? 0,
      };
    },
  }),
  controllingAlerts: t.prismaField({
    type: "Alert",
    description: "Alerts of the authority's orders as they fire or are acknowledged.",
    authScopes: { signedIn: true },
    args: { authorityId: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) => {
      const authorityId = idOf(args.authorityId, "SchoolAuthority", "authorityId");
      requireAlertReader(ctx.access, authorityId);
      return ctx.events.subscribe("controllingAlert", (event) => event.authorityId === authorityId);
    },
    resolve: (query, event, _args, ctx) =>
      ctx.db.read.alert.findUniqueOrThrow({
        ...query,
        where: { id: (event as { alertId: string }).alertId },
      }),
  }),
}));
