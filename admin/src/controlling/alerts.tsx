// Controlling alerts (thresholds reached, burning faster than planned) with acknowledgement.
import { Alert, Button, Stack, Typography } from "@mui/material";
import { usePermissions, useTranslate } from "react-admin";
import { hasRole } from "../authProvider.ts";
import type { Row } from "../dataProvider/registry.ts";
import { date, dateTime } from "../format.ts";
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

export function AlertList({
  alerts,
  showOrder,
  limit,
}: {
  alerts: Row[];
  showOrder?: boolean;
  limit?: number;
}) {
  const translate = useTranslate();
  const sorted = [...alerts].sort(
    (a, b) =>
      Number(Boolean(a.acknowledgedAt)) - Number(Boolean(b.acknowledgedAt)) ||
      String(b.createdAt).localeCompare(String(a.createdAt)),
  );
  if (sorted.length === 0)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate("controlling.alerts.none")}
      </Typography>
    );
  return (
    <Stack spacing={1}>
      {sorted.slice(0, limit).map((alert) => (
        <AlertItem key={alert.id} alert={alert} showOrder={showOrder} />
      ))}
    </Stack>
  );
}
