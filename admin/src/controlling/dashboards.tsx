// Start pages of the controlling side: the controller's (utilisation, burn-down, alerts,
// proofs to check) and the administrator's; provider staff's is in staffDashboard.tsx.
import {
  Box,
  LinearProgress,
  Link as MuiLink,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { useGetList, useTranslate } from "react-admin";
import { Link } from "react-router-dom";
import type { Row } from "../dataProvider/registry.ts";
import { euro, personDays } from "../format.ts";
import { AlertList } from "./alerts.tsx";
import { OrderFigures, UtilisationBars } from "./figures.tsx";
import { useAlertsLive } from "./live.ts";
import { BurndownPanel, LinesTable, OrderStatusChip, useLiveOrder } from "./orderParts.tsx";
import { monthLabel, ProofActions, ProofStatusChip } from "./proofs.tsx";
import { Scroll, Section } from "./ui.tsx";

const orderLink = (id: string) => `/serviceOrders/${encodeURIComponent(id)}/show`;

export function OrderLink({ order }: { order: Row }) {
  return (
    <MuiLink component={Link} to={orderLink(order.id)}>
      {order.title}
    </MuiLink>
  );
}

export function useActiveOrders() {
  return useGetList("serviceOrders", {
    filter: { status: "ACTIVE" },
    sort: { field: "year", order: "DESC" },
    pagination: { page: 1, perPage: 50 },
  });
}

/**
 * One active order on the controller's start page: figures, live burn-down, lines. The list's row
 * already carries the figures, so they show at once; forecast, lines and burn-down follow with
 * the order's details, which then (and with every booking) replace the row's figures.
 */
function OrderPanel({ row }: { row: Row }) {
  const translate = useTranslate();
  const [granularity, setGranularity] = useState("WEEK");
  const { data: detail, error } = useLiveOrder(String(row.id), granularity);
  const order = detail ?? row;
  return (
    <Section
      title={`${order.title} · ${order.authority.name}`}
      level="h3"
      testId="dashboard-order"
      action={
        <MuiLink component={Link} to={orderLink(order.id)}>
          {translate("controlling.dashboard.open")}
        </MuiLink>
      }
    >
      <Box sx={{ display: "grid", gap: 3, gridTemplateColumns: { xs: "1fr", lg: "minmax(260px, 1fr) 2fr" } }}>
        <Stack spacing={2}>
          <OrderFigures order={order} />
          {detail && <LinesTable order={detail} />}
        </Stack>
        {detail ? (
          <BurndownPanel
            order={detail}
            granularity={granularity}
            onGranularity={setGranularity}
            height={260}
          />
        ) : error ? (
          <Typography color="error">{(error as Error).message}</Typography>
        ) : (
          <LinearProgress aria-label={translate("ra.page.loading")} />
        )}
      </Box>
    </Section>
  );
}

function ProofsToCheck() {
  const translate = useTranslate();
  const { data = [] } = useGetList("proofsOfService", {
    filter: { status: "ISSUED" },
    sort: { field: "month", order: "ASC" },
    pagination: { page: 1, perPage: 100 },
  });
  return (
    <Section title={translate("controlling.proofs.toCheck")} testId="proofs-to-check">
      {data.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate("controlling.proofs.noneToCheck")}
        </Typography>
      ) : (
        <Scroll>
          <Table size="small" aria-label={translate("controlling.proofs.toCheck")}>
            <TableHead>
              <TableRow>
                <TableCell>{translate("resources.proofsOfService.fields.month")}</TableCell>
                <TableCell>{translate("controlling.bookings.order")}</TableCell>
                <TableCell>{translate("resources.proofsOfService.fields.status")}</TableCell>
                <TableCell align="right">
                  {translate("resources.proofsOfService.fields.personDays")}
                </TableCell>
                <TableCell align="right">{translate("resources.proofsOfService.fields.amount")}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((proof: Row) => (
                <TableRow key={proof.id}>
                  <TableCell component="th" scope="row">
                    {monthLabel(proof.month)}
                  </TableCell>
                  <TableCell>
                    <OrderLink order={proof.serviceOrder} />
                  </TableCell>
                  <TableCell>
                    <ProofStatusChip status={proof.status} />
                  </TableCell>
                  <TableCell align="right">{personDays(proof.personDays)}</TableCell>
                  <TableCell align="right">{euro(proof.amount)}</TableCell>
                  <TableCell>
                    <ProofActions proof={proof} orderId={proof.serviceOrder.id} month={proof.month} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Scroll>
      )}
    </Section>
  );
}

/** Open alerts, and every active order's line above its volume (figures the page already has). */
function OpenAlerts({ orders }: { orders: Row[] }) {
  const translate = useTranslate();
  const { data = [] } = useGetList("controllingAlerts", {
    pagination: { page: 1, perPage: 200 },
    sort: { field: "createdAt", order: "DESC" },
    meta: { open: true },
  });
  const authorityIds = [...new Set(data.map((a: Row) => a.authority.id as string))];
  useAlertsLive(authorityIds);
  return (
    <Section title={translate("controlling.alerts.open")} testId="open-alerts">
      <AlertList alerts={data} orders={orders} showOrder />
    </Section>
  );
}

export function ControllerDashboard() {
  const translate = useTranslate();
  const { data: orders, isPending } = useActiveOrders();
  return (
    <Stack spacing={2}>
      <Typography variant="h6" component="h2">
        {translate("controlling.dashboard.controller")}
      </Typography>
      {!isPending && orders?.length === 0 && (
        <Typography variant="body2">{translate("controlling.dashboard.noOrders")}</Typography>
      )}
      {orders?.map((order) => (
        <OrderPanel key={order.id} row={order} />
      ))}
      <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "1fr 1fr" } }}>
        <OpenAlerts orders={orders ?? []} />
        <ProofsToCheck />
      </Box>
    </Stack>
  );
}

export function AdminDashboard() {
  const translate = useTranslate();
  const { data: orders = [] } = useActiveOrders();
  return (
    <Stack spacing={2}>
      <Typography variant="h6" component="h2">
        {translate("controlling.dashboard.admin")}
      </Typography>
      <Section title={translate("resources.serviceOrders.name", { smart_count: 2 })} level="h3">
        {orders.length === 0 ? (
          <Typography variant="body2">{translate("controlling.dashboard.noOrders")}</Typography>
        ) : (
          <Scroll>
            <Table size="small" aria-label={translate("controlling.dashboard.admin")}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate("resources.serviceOrders.fields.title")}</TableCell>
                  <TableCell>{translate("resources.serviceOrders.fields.authority")}</TableCell>
                  <TableCell>{translate("resources.serviceOrders.fields.status")}</TableCell>
                  <TableCell align="right">
                    {translate("resources.serviceOrders.fields.remainingPersonDays")}
                  </TableCell>
                  <TableCell>{translate("resources.serviceOrders.fields.utilizationSummary")}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {orders.map((o: Row) => (
                  <TableRow key={o.id}>
                    <TableCell>
                      <OrderLink order={o} />
                    </TableCell>
                    <TableCell>{o.authority.name}</TableCell>
                    <TableCell>
                      <OrderStatusChip status={o.status} />
                    </TableCell>
                    <TableCell align="right">{personDays(o.remainingPersonDays)}</TableCell>
                    <TableCell sx={{ minWidth: 200 }}>
                      <Typography variant="caption">{o.utilizationSummary}</Typography>
                      <UtilisationBars utilization={o.utilization} elapsedShare={o.elapsedShare} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Scroll>
        )}
      </Section>
      <OpenAlerts orders={orders} />
    </Stack>
  );
}
