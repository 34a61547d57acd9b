// Plan against actual per year: investment (euros) and person-days side by side, as the
// controlling burn-down draws with recharts. Numbers become floats only for drawing; the tooltip
// and the caption use the API's exact strings. Colours keep at least 4.5:1 against white.
import { Box, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { euro, personDays } from "../format.ts";
import type { PlanYear } from "./queries.ts";

/** Dark blue (8.7:1) for the plan, burnt orange (6.5:1) for the actuals: apart also for red-green blindness. */
const PLANNED = "#1f4e79";
const ACTUAL = "#a04000";

const german = (n: number) => n.toLocaleString("de-DE", { maximumFractionDigits: 0 });

interface Point {
  year: number;
  planned: number;
  actual: number;
  plannedText: string;
  actualText: string;
}

function YearBars({ title, points, testId }: { title: string; points: Point[]; testId: string }) {
  const translate = useTranslate();
  return (
    <Box sx={{ minWidth: 0 }} data-testid={testId}>
      <Typography variant="subtitle2" component="h3">
        {title}
      </Typography>
      <Box sx={{ width: "100%", height: 240 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="year" />
            <YAxis tickFormatter={german} width={72} />
            <Tooltip
              formatter={(_value, _name, item) => {
                const point = item?.payload as Point | undefined;
                return item?.dataKey === "planned" ? point?.plannedText : point?.actualText;
              }}
            />
            <Legend itemSorter={null} />
            <Bar
              dataKey="planned"
              name={translate("plans.chart.planned")}
              fill={PLANNED}
              isAnimationActive={false}
            />
            <Bar
              dataKey="actual"
              name={translate("plans.chart.actual")}
              fill={ACTUAL}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </Box>
    </Box>
  );
}

export function PlanChart({ years }: { years: PlanYear[] }) {
  const translate = useTranslate();
  const investment = years.map((y) => ({
    year: y.year,
    planned: Number(y.plannedInvestmentEuros),
    actual: Number(y.actualInvestmentEuros),
    plannedText: euro(y.plannedInvestmentEuros),
    actualText: euro(y.actualInvestmentEuros),
  }));
  const days = years.map((y) => ({
    year: y.year,
    planned: Number(y.plannedPersonDays),
    actual: Number(y.actualPersonDays),
    plannedText: personDays(y.plannedPersonDays),
    actualText: personDays(y.actualPersonDays),
  }));
  const over = years.filter((y) => y.overThreshold).map((y) => y.year);
  return (
    <Box component="figure" sx={{ m: 0, minWidth: 0 }} data-testid="plan-chart">
      <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", md: "1fr 1fr" } }}>
        <YearBars title={translate("plans.chart.investment")} points={investment} testId="chart-investment" />
        <YearBars title={translate("plans.chart.personDays")} points={days} testId="chart-person-days" />
      </Box>
      <Typography component="figcaption" variant="body2" color="text.secondary">
        {over.length > 0
          ? translate("plans.chart.captionOver", { years: over.join(", ") })
          : translate("plans.chart.caption")}
      </Typography>
    </Box>
  );
}
