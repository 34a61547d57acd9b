// Reads of the controlling figures. Every figure is a SUM of integers over DailyTotal, the
// per-day totals kept in each booking's transaction: never a float, never a scan of the ledger.
import type { ReadClient, Tx } from "../../db/client.ts";
import { Prisma } from "../../db/generated/client/client.ts";
import { todayInBerlin } from "../../lib/dates.ts";
import {
  type ApprovedAmendment,
  clipToPeriod,
  type DaySum,
  lineSchedule,
  type ProofRow,
  sumSchedules,
  type VolumeSchedule,
  volumeAt,
} from "./figures.ts";

type Client = ReadClient | Tx;

export interface OrderTotals {
  contracted: number;
  consumed: number;
}

export interface OrderVolumes {
  validFrom: string;
  validTo: string;
  /** The order's volume over time: the sum of its lines'. */
  order: VolumeSchedule;
  /** Each line's volume over time, by line id. */
  lines: Map<string, VolumeSchedule>;
}

/**
 * The volumes in force over time per order, from the lines and their approved amendments (proposed
 * and rejected ones change nothing): one query for any number of orders.
 */
export async function orderVolumes(
  db: Client,
  orderIds: readonly string[],
): Promise<Map<string, OrderVolumes>> {
  const orders = await db.serviceOrder.findMany({
    where: { id: { in: [...new Set(orderIds)] } },
    select: {
      id: true,
      validFrom: true,
      validTo: true,
      lines: { select: { id: true, volume: true } },
      amendments: { where: { status: "APPROVED" }, select: APPROVED_AMENDMENT_FIELDS },
    },
  });
  return new Map(orders.map((o) => [o.id, volumesOf(o, o.lines, o.amendments)]));
}

/** The schedules of an order from its lines and its approved amendments, already read. */
export function volumesOf(
  order: { validFrom: string; validTo: string },
  lines: readonly { id: string; volume: number }[],
  approved: readonly (ApprovedAmendment & { lineId: string })[],
): OrderVolumes {
  const schedules = new Map(
    lines.map((l) => [
      l.id,
      lineSchedule(
        l.volume,
        approved.filter((a) => a.lineId === l.id),
      ),
    ]),
  );
  return {
    validFrom: order.validFrom,
    validTo: order.validTo,
    order: sumSchedules([...schedules.values()]),
    lines: schedules,
  };
}

/** What orderVolumes and volumesOf read of an approved amendment. */
export const APPROVED_AMENDMENT_FIELDS = {
  lineId: true,
  effectiveDate: true,
  decidedAt: true,
  previousVolume: true,
  newVolume: true,
} as const;

/** The volume in force on `asOf` (clipped to the order's term). */
export function volumeInForce(
  volumes: OrderVolumes,
  schedule: VolumeSchedule,
  asOf: string = todayInBerlin(),
): number {
  return volumeAt(schedule, clipToPeriod({ ...volumes, planProfile: null }, asOf));
}

/** What an order's ledger holds: the sum of its entries, and per line. */
export interface Consumption {
  total: number;
  lines: Map<string, number>;
}

/**
 * Consumption per order and per line: one query for any number of orders. Grouped by order and
 * line, the index (orderId, lineId, personDays) delivers the rows in group order: no sort.
 */
export async function consumptionOf(
  db: Client,
  orderIds: readonly string[],
): Promise<Map<string, Consumption>> {
  const ids = [...new Set(orderIds)];
  const rows = await db.dailyTotal.groupBy({
    by: ["orderId", "lineId"],
    where: { orderId: { in: ids } },
    _sum: { personDays: true },
  });
  const found = new Map<string, Consumption>(ids.map((id) => [id, { total: 0, lines: new Map() }]));
  for (const row of rows) {
    const order = found.get(row.orderId) as Consumption;
    const sum = row._sum.personDays ?? 0;
    order.total += sum;
    order.lines.set(row.lineId, sum);
  }
  return found;
}

/**
 * Contracted (the volume in force on `asOf`, default today, clipped to each order's term) and consumed
 * (sum of the ledger) per order: two queries for any number of orders.
 */
export async function orderTotals(
  db: Client,
  orderIds: readonly string[],
  asOf?: string,
  /** The orders' volumes and consumption when the caller has read them already. */
  known?: {
    volumes?: ReadonlyMap<string, OrderVolumes>;
    consumption?: ReadonlyMap<string, Consumption>;
  },
): Promise<Map<string, OrderTotals>> {
  const ids = [...new Set(orderIds)];
  const [volumes, consumption] = await Promise.all([
    known?.volumes ?? orderVolumes(db, ids),
    known?.consumption ?? consumptionOf(db, ids),
  ]);
  const totals = new Map<string, OrderTotals>(ids.map((id) => [id, { contracted: 0, consumed: 0 }]));
  for (const [id, v] of volumes) (totals.get(id) as OrderTotals).contracted = volumeInForce(v, v.order, asOf);
  for (const [id, c] of consumption) {
    const total = totals.get(id);
    if (total) total.consumed = c.total;
  }
  return totals;
}

/**
 * Entries in the ledger of each order (reversals included): the per-day totals count them in
 * each booking's transaction, so this sums a few hundred rows per order instead of counting the
 * ledger's hundreds of thousands.
 */
export async function bookingCounts(db: Client, orderIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.dailyTotal.groupBy({
    by: ["orderId"],
    where: { orderId: { in: [...new Set(orderIds)] } },
    _sum: { count: true },
  });
  return new Map(rows.map((row) => [row.orderId, row._sum.count ?? 0]));
}

/** The per-day consumption of several orders (all lines), in one statement, by order id. */
export async function daySumsOfOrders(
  db: Client,
  orderIds: readonly string[],
): Promise<Map<string, DaySum[]>> {
  const result = new Map<string, DaySum[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return result;
  // Written out rather than groupBy: a year's days per order come back, and Prisma's mapping of
  // each row into { _sum: { … } } cost more than the query itself.
  const rows = await db.$queryRaw<{ orderId: string; date: string; pd: bigint | number }[]>(
    Prisma.sql`SELECT "orderId", "date", SUM("personDays") AS "pd" FROM "DailyTotal"
      WHERE "orderId" IN (${Prisma.join([...new Set(orderIds)])})
      GROUP BY "orderId", "date" ORDER BY "orderId", "date"`,
  );
  for (const row of rows) result.get(row.orderId)?.push({ date: row.date, personDays: Number(row.pd) });
  return result;
}

/** The ledger of the given (order, month) pairs grouped by line and school: one query. */
export async function monthRows(
  db: Client,
  keys: readonly { orderId: string; month: string }[],
): Promise<Map<string, ProofRow[]>> {
  const result = new Map<string, ProofRow[]>(keys.map((k) => [`${k.orderId}/${k.month}`, []]));
  if (keys.length === 0) return result;
  const conditions = keys.map(
    (k) =>
      Prisma.sql`("orderId" = ${k.orderId} AND "date" >= ${`${k.month}-01`} AND "date" <= ${`${k.month}-31`})`,
  );
  const rows = await db.$queryRaw<
    {
      orderId: string;
      month: string;
      lineId: string;
      schoolId: string | null;
      pd: bigint | number;
      n: bigint | number;
    }[]
  >(Prisma.sql`SELECT "orderId", substr("date", 1, 7) AS "month", "lineId", "schoolId",
      SUM("personDays") AS "pd", COUNT(*) AS "n"
    FROM "Booking" WHERE ${Prisma.join(conditions, " OR ")}
    GROUP BY 1, 2, 3, 4`);
  for (const row of rows) {
    result.get(`${row.orderId}/${row.month}`)?.push({
      lineId: row.lineId,
      schoolId: row.schoolId,
      personDays: Number(row.pd),
      count: Number(row.n),
    });
  }
  return result;
}
