// Reads of the controlling figures. Every figure is a SUM of integers over DailyTotal, the
// per-day totals kept in each booking's transaction: never a float, never a scan of the ledger.
import type { ReadClient, Tx } from "../../db/client.ts";
import { Prisma } from "../../db/generated/client/client.ts";
import type { DaySum, ProofRow } from "./figures.ts";

type Client = ReadClient | Tx;

export interface OrderTotals {
  contracted: number;
  consumed: number;
}

/** Contracted (sum of the lines) and consumed (sum of the ledger) per order: two queries for any number of orders. */
export async function orderTotals(
  db: Client,
  orderIds: readonly string[],
): Promise<Map<string, OrderTotals>> {
  const ids = [...new Set(orderIds)];
  const [volumes, sums] = await Promise.all([
    db.serviceLine.groupBy({ by: ["orderId"], where: { orderId: { in: ids } }, _sum: { volume: true } }),
    db.dailyTotal.groupBy({ by: ["orderId"], where: { orderId: { in: ids } }, _sum: { personDays: true } }),
  ]);
  const totals = new Map<string, OrderTotals>(ids.map((id) => [id, { contracted: 0, consumed: 0 }]));
  for (const row of volumes) (totals.get(row.orderId) as OrderTotals).contracted = row._sum.volume ?? 0;
  for (const row of sums) (totals.get(row.orderId) as OrderTotals).consumed = row._sum.personDays ?? 0;
  return totals;
}

/** Consumption per line: one query for any number of lines. */
export async function lineConsumption(db: Client, lineIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.dailyTotal.groupBy({
    by: ["lineId"],
    where: { lineId: { in: [...new Set(lineIds)] } },
    _sum: { personDays: true },
  });
  return new Map(rows.map((row) => [row.lineId, row._sum.personDays ?? 0]));
}

/** The per-day consumption of several orders (all lines), in one statement, by order id. */
export async function daySumsOfOrders(
  db: Client,
  orderIds: readonly string[],
): Promise<Map<string, DaySum[]>> {
  const rows = await db.dailyTotal.groupBy({
    by: ["orderId", "date"],
    where: { orderId: { in: [...orderIds] } },
    _sum: { personDays: true },
    orderBy: [{ orderId: "asc" }, { date: "asc" }],
  });
  const result = new Map<string, DaySum[]>(orderIds.map((id) => [id, []]));
  for (const row of rows)
    result.get(row.orderId)?.push({ date: row.date, personDays: row._sum.personDays ?? 0 });
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
