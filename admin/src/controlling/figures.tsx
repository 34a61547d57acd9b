// The figures of a service order: volume, consumption, what remains, against time elapsed.
import { Box, Chip, LinearProgress, Stack, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import type { Row } from "../dataProvider/registry.ts";
import { date, decimal, percent, personDays } from "../format.ts";

const negative = (value: string | undefined) => Boolean(value?.startsWith("-"));

/** Consumption against time elapsed: two bars on one scale, so "ahead of time" is visible at a glance. */
export function UtilisationBars({
  utilization,
  elapsedShare,
  label,
}: {
  utilization: number;
  elapsedShare?: number;
  label?: string;
}) {
  const translate = useTranslate();
  const ahead = elapsedShare !== undefined && utilization > elapsedShare;
  return (
    <Stack spacing={0.5} sx={{ minWidth: 140 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
        <LinearProgress
          variant="determinate"
          value={Math.min(100, utilization * 100)}
          color={utilization > 1 ? "error" : ahead ? "warning" : "primary"}
          sx={{ flex: 1, height: 8, borderRadius: 1 }}
          aria-label={`${label ?? translate("controlling.figures.consumed")} ${percent(utilization)}`}
        />
        <Typography variant="body2" sx={{ minWidth: 44, textAlign: "right" }}>
          {percent(utilization)}
        </Typography>
      </Stack>
      {elapsedShare !== undefined && (
        <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
          <LinearProgress
            variant="determinate"
            value={Math.min(100, elapsedShare * 100)}
            color="inherit"
            sx={{ flex: 1, height: 4, borderRadius: 1, color: "text.secondary" }}
            aria-label={`${translate("controlling.figures.elapsed")} ${percent(elapsedShare)}`}
          />
          <Typography variant="caption" color="text.secondary" sx={{ minWidth: 44, textAlign: "right" }}>
            {percent(elapsedShare)}
          </Typography>
        </Stack>
      )}
    </Stack>
  );
}

function Figure({
  label,
  value,
  testId,
  danger,
}: {
  label: string;
  value: string;
  testId: string;
  danger?: boolean;
}) {
  return (
    <Box sx={{ minWidth: 110 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography
        variant="h6"
        component="div"
        data-testid={testId}
        sx={{ color: danger ? "error.main" : undefined, fontVariantNumeric: "tabular-nums" }}
      >
        {value}
      </Typography>
    </Box>
  );
}

export function OrderFigures({ order }: { order: Row }) {
  const translate = useTranslate();
  const forecast = order.forecast;
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: "wrap" }}>
        <Figure
          label={translate("controlling.figures.contracted")}
          value={personDays(order.contractedPersonDays)}
          testId="figure-contracted"
        />
        <Figure
          label={translate("controlling.figures.consumed")}
          value={personDays(order.consumedPersonDays)}
          testId="figure-consumed"
        />
        <Figure
          label={translate("controlling.figures.remaining")}
          value={personDays(order.remainingPersonDays)}
          testId="figure-remaining"
          danger={negative(order.remainingPersonDays)}
        />
      </Stack>
      <Box>
        <Typography
          variant="subtitle1"
          component="p"
          data-testid="utilization-summary"
          sx={{ fontWeight: 600 }}
        >
          {order.utilizationSummary}
        </Typography>
        <UtilisationBars utilization={order.utilization} elapsedShare={order.elapsedShare} />
      </Box>
      {order.plannedConsumedPersonDays !== undefined && (
        <Typography variant="body2" data-testid="figure-planned">
          {translate("controlling.figures.planned")}: {personDays(order.plannedConsumedPersonDays)}
        </Typography>
      )}
      {forecast && (
        <Box>
          <Typography variant="body2">
            {translate("controlling.figures.forecast")}:{" "}
            <strong>
              {translate("controlling.figures.forecastRange", {
                low: personDays(forecast.projectedLow),
                high: personDays(forecast.projectedHigh),
              })}
            </strong>
          </Typography>
          <Typography variant="body2">
            {translate("controlling.figures.exhaustion")}:{" "}
            <strong>
              {forecast.exhaustionDate
                ? date(forecast.exhaustionDate)
                : translate("controlling.figures.noExhaustion")}
            </strong>
          </Typography>
          <Stack component="ul" sx={{ pl: 2, my: 0.5 }}>
            {forecast.estimates.map((e: Row) => (
              <Typography component="li" variant="caption" color="text.secondary" key={e.method}>
                {translate(`enums.ForecastMethod.${e.method}`)}:{" "}
                {translate("controlling.figures.rate", { rate: decimal(e.personDaysPerDay) })} →{" "}
                {personDays(e.projectedConsumedAtYearEnd)}
                {e.method === forecast.method && (
                  <Chip
                    size="small"
                    label={translate("controlling.figures.leading")}
                    sx={{ ml: 1, height: 18 }}
                  />
                )}
              </Typography>
            ))}
          </Stack>
        </Box>
      )}
    </Stack>
  );
}
