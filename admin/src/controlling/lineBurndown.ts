// The API gives the burn-down of a whole order only. For one service line the console reads the
// order's ledger and adds it up itself, in hundredths of a person-day so nothing drifts; the
// plan is the line's share of the order's plan curve, the forecast the API's two methods
// (since the start, the last eight weeks) applied to the line.
import { useEffect, useState } from "react";
import { request } from "../graphql.ts";
import type { BurndownInput } from "./chart.tsx";

interface LedgerRow {
  date: string;
  personDays: string;
  category: string;
}

const time = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
/** Days between two ISO dates (here rather than in chart.tsx, whose recharts loads with the chart). */
const daysBetween = (from: string, to: string) => Math.round((time(to) - time(from)) / 86_400_000);

const hundredths = (value: string) => {
  const [whole = "0", fraction = ""] = value.replace("-", "").split(".");
  const n = Number(whole) * 100 + Number(fraction.padEnd(2, "0").slice(0, 2));
  return value.startsWith("-") ? -n : n;
};
const decimalOf = (n: number) =>
  `${n < 0 ? "-" : ""}${Math.floor(Math.abs(n) / 100)}.${String(Math.abs(n) % 100).padStart(2, "0")}`;

async function ledger(orderId: string): Promise<LedgerRow[]> {
  const rows: LedgerRow[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const data: {
      serviceOrder: {
        bookings: {
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: LedgerRow }[];
        };
      } | null;
    } = await request(
      `query ($id: ID!, $after: String) { serviceOrder(id: $id) {
        bookings(first: 200, after: $after) { pageInfo { hasNextPage endCursor } edges { node { date personDays category } } } } }`,
      { id: orderId, after },
    );
    const connection = data.serviceOrder?.bookings;
    if (!connection) break;
    rows.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return rows;
}

export interface OrderForLine {
  id: string;
  contractedPersonDays: string;
  consumedPersonDays: string;
  validFrom: string;
  validTo: string;
  lines: { name: string; contractedPersonDays: string }[];
  burndown: BurndownInput["actual"];
  plan: BurndownInput["plan"];
  forecast: { asOf: string };
}

export function lineBurndown(order: OrderForLine, lineName: string, rows: LedgerRow[]): BurndownInput | null {
  const line = order.lines.find((l) => l.name === lineName);
  if (!line) return null;
  const contracted = hundredths(line.contractedPersonDays);
  const orderContracted = hundredths(order.contractedPersonDays) || 1;
  const own = rows.filter((r) => r.category === lineName).sort((a, b) => a.date.localeCompare(b.date));
  const consumedBy = (day: string) =>
    own.reduce((sum, r) => (r.date <= day ? sum + hundredths(r.personDays) : sum), 0);
  const share = (orderPlanned: string) =>
    decimalOf(Math.round((hundredths(orderPlanned) * contracted) / orderContracted));
  const actual = order.burndown.map((p) => {
    const consumed = consumedBy(p.date);
    return {
      date: p.date,
      consumedPersonDays: decimalOf(consumed),
      remainingPersonDays: decimalOf(contracted - consumed),
    };
  });
  const asOf = order.forecast.asOf;
  const consumed = consumedBy(asOf);
  const elapsed = Math.max(1, daysBetween(order.validFrom, asOf) + 1);
  const left = Math.max(0, daysBetween(asOf, order.validTo));
  const recentStart = new Date(Date.parse(`${asOf}T00:00:00Z`) - 55 * 86_400_000).toISOString().slice(0, 10);
  const recent = own.reduce(
    (sum, r) => (r.date >= recentStart && r.date <= asOf ? sum + hundredths(r.personDays) : sum),
    0,
  );
  const projections = [
    consumed + (consumed / elapsed) * left,
    consumed + (recent / Math.min(56, elapsed)) * left,
  ];
  return {
    contracted: line.contractedPersonDays,
    validTo: order.validTo,
    actual,
    plan: order.plan.map((p) => ({
      date: p.date,
      plannedRemainingPersonDays: share(p.plannedRemainingPersonDays),
    })),
    forecast: {
      asOf,
      projectedLow: decimalOf(Math.round(Math.min(...projections))),
      projectedHigh: decimalOf(Math.round(Math.max(...projections))),
    },
  };
}

/** The line's burn-down, read again whenever the order's consumption changes (live bookings). */
export function useLineBurndown(order: OrderForLine | undefined, lineName: string | null) {
  const [rows, setRows] = useState<LedgerRow[] | null>(null);
  const orderId = order?.id;
  const consumed = order?.consumedPersonDays;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of `consumed` means a booking changed the ledger, so it is read again.
  useEffect(() => {
    if (!orderId || !lineName) return;
    let live = true;
    ledger(orderId)
      .then((r) => live && setRows(r))
      .catch(() => live && setRows([]));
    return () => {
      live = false;
    };
  }, [orderId, lineName, consumed]);
  if (!order || !lineName || !rows) return null;
  return lineBurndown(order, lineName, rows);
}
