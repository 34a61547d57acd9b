// The burn-down chart: remaining and consumed person-days up to today, the plan line over the
// whole validity period, and the forecast band (low–high) from today to the end of the period.
// Numbers become floats only here, for drawing; every label uses the API's exact strings.
import { Box, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { date, personDays } from "../format.ts";

export interface BurndownInput {
  contracted: string;
  validTo: string;
  actual: {
    date: string;
    consumedPersonDays: string;
    remainingPersonDays: string;
    /** Where the plan series has no point of its own on that date. */
    plannedRemainingPersonDays?: string;
  }[];
  plan: { date: string; plannedRemainingPersonDays: string }[];
  /** Projected consumption at the end of the period, both ends of the range. */
  forecast: { asOf: string; projectedLow: string; projectedHigh: string } | null;
}

interface Point {
  t: number;
  remaining?: number;
  consumed?: number;
  plan?: number;
  band?: [number, number];
}

const time = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const round2 = (n: number) => Math.round(n * 100) / 100;

export function buildSeries(input: BurndownInput): Point[] {
  const points = new Map<number, Point>();
  const at = (t: number) => {
    let point = points.get(t);
    if (!point) {
      point = { t };
      points.set(t, point);
    }
    return point;
  };
  for (const p of input.plan) at(time(p.date)).plan = Number(p.plannedRemainingPersonDays);
  for (const p of input.actual) {
    const point = at(time(p.date));
    point.remaining = Number(p.remainingPersonDays);
    point.consumed = Number(p.consumedPersonDays);
    if (p.plannedRemainingPersonDays !== undefined) point.plan = Number(p.plannedRemainingPersonDays);
  }
  const last = input.actual.at(-1);
  const end = time(input.validTo);
  if (last && input.forecast && time(last.date) < end) {
    const start = time(last.date);
    const remaining = Number(last.remainingPersonDays);
    const consumed = Number(last.consumedPersonDays);
    const low = Number(input.forecast.projectedLow);
    const high = Number(input.forecast.projectedHigh);
    at(end);
    for (const point of points.values()) {
      if (point.t < start) continue;
      const share = (point.t - start) / (end - start);
      point.band = [
        round2(remaining - share * (high - consumed)),
        round2(remaining - share * (low - consumed)),
      ];
    }
  }
  return [...points.values()].sort((a, b) => a.t - b.t);
}

/**
 * Series colours, each at least 4.5:1 against the white card, as the legend writes its labels in
 * them: dark blue 8.7:1, teal 6.6:1, grey 5.3:1, burnt orange 6.5:1 (the band is drawn lighter
 * through its opacity; its legend label keeps the full colour).
 */
const REMAINING = "#1f4e79";
const CONSUMED = "#00695c";
const PLAN = "#6b6b6b";
const BAND = "#a04000";

const german = (n: number) => n.toLocaleString("de-DE", { maximumFractionDigits: 2 });
const tick = (t: number) => {
  const d = new Date(t);
  return `${String(d.getUTCDate()).padStart(2, "0")}.${String(d.getUTCMonth() + 1).padStart(2, "0")}.`;
};
const fullDate = (t: number) => date(new Date(t).toISOString().slice(0, 10));

export function BurndownChart({ input, height = 300 }: { input: BurndownInput; height?: number }) {
  const translate = useTranslate();
  const series = buildSeries(input);
  const last = input.actual.at(-1);
  const caption = last
    ? translate("controlling.chart.caption", {
        date: date(last.date),
        consumed: personDays(last.consumedPersonDays),
        remaining: personDays(last.remainingPersonDays),
        contracted: personDays(input.contracted),
      })
    : "";
  return (
    <Box
      component="figure"
      sx={{ m: 0, minWidth: 0 }}
      data-testid="burndown"
      data-consumed={last?.consumedPersonDays ?? ""}
    >
      <Box sx={{ width: "100%", height }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={series} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={["dataMin", "dataMax"]}
              tickFormatter={tick}
              minTickGap={24}
            />
            <YAxis tickFormatter={german} width={48} />
            <Tooltip
              labelFormatter={(t) => fullDate(Number(t))}
              formatter={(value) =>
                Array.isArray(value)
                  ? `${german(Number(value[0]))} – ${german(Number(value[1]))} PT`
                  : `${german(Number(value))} PT`
              }
            />
            <Legend />
            <Area
              dataKey="band"
              name={translate("controlling.chart.band")}
              stroke="none"
              fill={BAND}
              fillOpacity={0.2}
              isAnimationActive={false}
              connectNulls
            />
            <Line
              dataKey="plan"
              name={translate("controlling.chart.plan")}
              stroke={PLAN}
              strokeDasharray="6 4"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
            <Line
              dataKey="remaining"
              name={translate("controlling.chart.remaining")}
              stroke={REMAINING}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
            <Line
              dataKey="consumed"
              name={translate("controlling.chart.consumed")}
              stroke={CONSUMED}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          </ComposedChart>
        </ResponsiveContainer>
      </Box>
      <Typography
        component="figcaption"
        variant="body2"
        color="text.secondary"
        data-testid="burndown-caption"
      >
        {caption}
      </Typography>
    </Box>
  );
}
