// Controlling alerts (thresholds reached, burning faster than planned) with acknowledgement, and
// the warnings the figures raise themselves: an order or service line above its volume stays
// warned about for as long as it stands there, acknowledged alerts or not.
import { Alert, Button, Stack, Typography } from "@mui/material";
import { usePermissions, useTranslate } from "react-admin";
import { hasRole } from "../authProvider.ts";
import type { Row } from "../dataProvider/registry.ts";
import { date, dateTime, percent, personDays } from "../format.ts";
import { request } from "../graphql.ts";
import { ALERT_READERS } from "./roles.ts";
import { useAction } from "./ui.tsx";

export function AlertItem({ alert, showOrder }: { alert: Row; showOrder?: boolean }) {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const { run, busy } = useAction();
  const open = !alert.acknowledgedAt;
  return (
    <Alert
      severity={open ? (alert.kind === "BURN_RATE" || alert.threshold >= 90 ? "error" : "warning") : "info"}
      variant={open ? "standard" : "outlined"}
      data-testid="controlling-alert"
      action={
        open && hasRole(permissions, ...ALERT_READERS) ? (
          <Button
            color="inherit"
            size="small"
            disabled={busy}
            onClick={() =>
              run(
                () =>
                  request("mutation ($id: ID!) { acknowledgeControllingAlert(alertId: $id) { id } }", {
                    id: alert.id,
                  }),
                translate("controlling.alerts.done"),
              )
            }
          >
            {translate("controlling.alerts.acknowledge")}
          </Button>
        ) : undefined
      }
    >
      <Typography variant="body2">{alert.message}</Typography>
      <Typography variant="caption" component="div">
        {translate(`enums.ControllingAlertKind.${alert.kind}`)} · {dateTime(alert.createdAt)}
        {showOrder && alert.serviceOrder ? ` · ${alert.serviceOrder.title}` : ""}
        {alert.acknowledgedAt &&
          ` · ${translate("controlling.alerts.acknowledged", {
            date: date(alert.acknowledgedAt),
            name: alert.acknowledgedBy?.name ?? "–",
          })}`}
      </Typography>
    </Alert>
  );
}

/** "12.5" → 1250n: the API's decimal strings compared exactly, not as floats. */
function hundredths(value: string): bigint {
  const [whole = "0", fraction = ""] = value.split(".");
  const cents = BigInt(`${fraction}00`.slice(0, 2));
  return whole.startsWith("-") ? BigInt(whole) * 100n - cents : BigInt(whole) * 100n + cents;
}

const above = (figures: Row) =>
  hundredths(figures.consumedPersonDays) > hundredths(figures.contractedPersonDays);

/** The orders' lines, and orders as a whole, consumed above their volume right now. */
function useOverVolume(orders: Row[], showOrder?: boolean): { key: string; text: string }[] {
  const translate = useTranslate();
  return orders.flatMap((order) => {
    const of = showOrder ? translate("controlling.alerts.ofOrder", { order: order.title }) : "";
    const figures = (f: Row) => ({
      percent: percent(f.utilization),
      consumed: personDays(f.consumedPersonDays),
      contracted: personDays(f.contractedPersonDays),
      of,
    });
    const lines = (order.lines ?? []).filter(above).map((line: Row) => ({
      key: `line-${line.id}`,
      text: translate("controlling.alerts.lineOver", { line: line.name, ...figures(line) }),
    }));
    return above(order)
      ? [
          { key: `order-${order.id}`, text: translate("controlling.alerts.orderOver", figures(order)) },
          ...lines,
        ]
      : lines;
  });
}

export function AlertList({
  alerts,
  orders = [],
  showOrder,
  limit,
}: {
  alerts: Row[];
  /** The orders whose figures the page shows: a line above its volume is warned about from them. */
  orders?: Row[];
  showOrder?: boolean;
  limit?: number;
}) {
  const translate = useTranslate();
  const over = useOverVolume(orders, showOrder);
  const sorted = [...alerts].sort(
    (a, b) =>
      Number(Boolean(a.acknowledgedAt)) - Number(Boolean(b.acknowledgedAt)) ||
      String(b.createdAt).localeCompare(String(a.createdAt)),
  );
  if (sorted.length === 0 && over.length === 0)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate("controlling.alerts.none")}
      </Typography>
    );
  return (
    <Stack spacing={1}>
      {over.map((warning) => (
        <Alert key={warning.key} severity="error" data-testid="over-volume">
          <Typography variant="body2">{warning.text}</Typography>
          <Typography variant="caption" component="div">
            {translate("controlling.alerts.overVolume")}
          </Typography>
        </Alert>
      ))}
      {sorted.slice(0, limit).map((alert) => (
        <AlertItem key={alert.id} alert={alert} showOrder={showOrder} />
      ))}
    </Stack>
  );
}
