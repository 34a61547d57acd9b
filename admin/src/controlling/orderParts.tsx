// The parts of an order's page that the dashboards show as well: status, lines, the live
// burn-down. A module of their own, so that a dashboard does not load the order list's filters,
// exports and forms with them.
import { Box, Chip, Stack, ToggleButton, ToggleButtonGroup, Typography } from "@mui/material";
import { Suspense, useState } from "react";
import { useGetOne, useTranslate } from "react-admin";
import type { Row } from "../dataProvider/registry.ts";
import { personDays } from "../format.ts";
import { lazyPage } from "../lazy.ts";
import type { BurndownInput } from "./chart.tsx";
import { UtilisationBars } from "./figures.tsx";
import { useLineBurndown } from "./lineBurndown.ts";
import { useOrderLive } from "./live.ts";

// recharts is the console's largest library: the chart follows the figures it sits beside.
const BurndownChart = lazyPage(() => import("./chart.tsx"), "BurndownChart");

export function OrderStatusChip({ status }: { status: string }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={status === "ACTIVE" ? "primary" : "default"}
      variant={status === "ACTIVE" ? "filled" : "outlined"}
      label={translate(`enums.ServiceOrderStatus.${status}`)}
    />
  );
}

export function LinesTable({ order }: { order: Row }) {
  const translate = useTranslate();
  return (
    <Stack spacing={1.5}>
      {order.lines.map((line: Row) => (
        <Box
          key={line.id}
          data-testid={`line-${line.name}`}
          sx={{ display: "grid", gap: 1, gridTemplateColumns: { xs: "1fr", sm: "minmax(120px, 1fr) 2fr" } }}
        >
          <Box>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {line.name}
            </Typography>
            <Typography
              variant="caption"
              color={line.remainingPersonDays.startsWith("-") ? "error" : "text.secondary"}
            >
              {personDays(line.consumedPersonDays)} / {personDays(line.contractedPersonDays)} ·{" "}
              {translate("controlling.figures.remaining")} {personDays(line.remainingPersonDays)}
            </Typography>
          </Box>
          <UtilisationBars
            utilization={line.utilization}
            elapsedShare={order.elapsedShare}
            label={line.name}
          />
        </Box>
      ))}
    </Stack>
  );
}

/** The order's burn-down, as a whole or for one service line, at the chosen granularity. */
export function BurndownPanel({
  order,
  granularity,
  onGranularity,
  height,
}: {
  order: Row;
  granularity: string;
  onGranularity: (g: string) => void;
  height?: number;
}) {
  const translate = useTranslate();
  const [scope, setScope] = useState<string>("");
  const line = useLineBurndown(order as never, scope || null);
  const whole: BurndownInput = {
    contracted: order.contractedPersonDays,
    validTo: order.validTo,
    actual: order.burndown ?? [],
    plan: order.plan ?? [],
    forecast: order.forecast,
  };
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap" }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={scope}
          onChange={(_, value) => value !== null && setScope(value)}
          aria-label={translate("controlling.chart.scope")}
          sx={{ flexWrap: "wrap" }}
        >
          <ToggleButton value="">{translate("controlling.chart.whole")}</ToggleButton>
          {order.lines.map((l: Row) => (
            <ToggleButton key={l.id} value={l.name}>
              {l.name}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={granularity}
          onChange={(_, value) => value && onGranularity(value)}
          aria-label={translate("controlling.chart.granularity")}
        >
          {["DAY", "WEEK", "MONTH"].map((g) => (
            <ToggleButton key={g} value={g}>
              {translate(`enums.Granularity.${g}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Stack>
      {scope && !line ? (
        <Typography variant="body2">{translate("controlling.chart.loading")}</Typography>
      ) : (
        <Suspense fallback={<Box sx={{ height }} />}>
          <BurndownChart input={scope && line ? line : whole} height={height} />
        </Suspense>
      )}
      {scope && (
        <Typography variant="caption" color="text.secondary">
          {translate("controlling.chart.lineNote")}
        </Typography>
      )}
    </Stack>
  );
}

/** The order with its burn-down, kept live: a booking anywhere re-reads it. */
export function useLiveOrder(id: string | undefined, granularity: string) {
  const result = useGetOne(
    "serviceOrders",
    { id: id ?? "", meta: { granularity } },
    { enabled: Boolean(id), placeholderData: (previous) => previous, retry: false },
  );
  useOrderLive(id ? [id] : []);
  return result;
}
