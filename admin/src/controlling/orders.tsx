// Service orders (Servicescheine): the list, and the order page with its figures, the live
// burn-down, lines, bookings, proofs of service, amendments and alerts.
import { Box, CircularProgress, Stack, Typography } from "@mui/material";
import { useState } from "react";
import {
  Datagrid,
  FilterButton,
  FunctionField,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  Title,
  TopToolbar,
  usePermissions,
  useTranslate,
} from "react-admin";
import { useParams } from "react-router-dom";
import { hasRole } from "../authProvider.ts";
import type { Row } from "../dataProvider/registry.ts";
import { date, euro, personDays } from "../format.ts";
import { ListExportMenu, type ListExports, useListExports } from "../ui/ExportMenu.tsx";
import type { ExportColumn } from "../ui/exports.ts";
import { AlertList } from "./alerts.tsx";
import { Amendments, AmendmentsAction } from "./amendments.tsx";
import { BookingExports, BookingForm, BookingsList } from "./bookings.tsx";
import { Commissioning, DraftOrderButton } from "./commissioning.tsx";
import { OrderFigures, UtilisationBars } from "./figures.tsx";
import { BurndownPanel, LinesTable, OrderStatusChip, useLiveOrder } from "./orderParts.tsx";
import { PlanProfileAction } from "./plan.tsx";
import { ProofsTable } from "./proofs.tsx";
import { ALERT_READERS, BOOKERS, INVOICE_READERS } from "./roles.ts";
import { Scroll, Section } from "./ui.tsx";

const STATUSES = ["ACTIVE", "DRAFT", "CLOSED"].map((id) => ({ id, name: `enums.ServiceOrderStatus.${id}` }));

const orderFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={STATUSES} />,
  <ReferenceInput key="authority" source="authorityId" reference="authorities">
    <SelectInput optionText="name" />
  </ReferenceInput>,
];

const ORDER_EXPORT: ExportColumn[] = [
  { label: "resources.serviceOrders.fields.title", value: (o) => o.title },
  { label: "resources.serviceOrders.fields.authority", value: (o) => o.authority?.name },
  { label: "resources.serviceOrders.fields.year", value: (o) => o.year },
  {
    label: "resources.serviceOrders.fields.status",
    value: (o, t) => t(`enums.ServiceOrderStatus.${o.status}`),
  },
  {
    label: "resources.serviceOrders.fields.contractedPersonDays",
    value: (o) => o.contractedPersonDays,
    kind: "personDays",
  },
  {
    label: "resources.serviceOrders.fields.consumedPersonDays",
    value: (o) => o.consumedPersonDays,
    kind: "personDays",
  },
  {
    label: "resources.serviceOrders.fields.remainingPersonDays",
    value: (o) => o.remainingPersonDays,
    kind: "personDays",
  },
  { label: "resources.serviceOrders.fields.utilization", value: (o) => o.utilization, kind: "share" },
];

function OrderListActions({ exports }: { exports: ListExports }) {
  return (
    <TopToolbar>
      <FilterButton />
      <DraftOrderButton />
      <ListExportMenu exports={exports} />
    </TopToolbar>
  );
}

export function ServiceOrderList() {
  const exports = useListExports(ORDER_EXPORT, "resources.serviceOrders.name");
  return (
    <List
      filters={orderFilters}
      sort={{ field: "year", order: "DESC" }}
      perPage={25}
      exporter={exports.csv}
      actions={<OrderListActions exports={exports} />}
    >
      <Scroll>
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <FunctionField source="title" render={(o: Row) => o.title} />
          <FunctionField source="authority" sortBy="authority.name" render={(o: Row) => o.authority?.name} />
          <FunctionField source="year" render={(o: Row) => o.year} />
          <FunctionField source="status" render={(o: Row) => <OrderStatusChip status={o.status} />} />
          <FunctionField
            source="contractedPersonDays"
            textAlign="right"
            render={(o: Row) => personDays(o.contractedPersonDays)}
          />
          <FunctionField
            source="consumedPersonDays"
            textAlign="right"
            render={(o: Row) => personDays(o.consumedPersonDays)}
          />
          <FunctionField
            source="remainingPersonDays"
            textAlign="right"
            render={(o: Row) => personDays(o.remainingPersonDays)}
          />
          <FunctionField
            source="utilization"
            render={(o: Row) => (
              <Box sx={{ minWidth: 180 }}>
                <Typography variant="caption">{o.utilizationSummary}</Typography>
                <UtilisationBars utilization={o.utilization} elapsedShare={o.elapsedShare} />
              </Box>
            )}
          />
        </Datagrid>
      </Scroll>
    </List>
  );
}

export function ServiceOrderShow() {
  const { id } = useParams();
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const [granularity, setGranularity] = useState("WEEK");
  const { data: order, error } = useLiveOrder(id, granularity);
  if (error && !order) return <Typography color="error">{(error as Error).message}</Typography>;
  if (!order)
    return (
      <Box sx={{ p: 4 }}>
        <CircularProgress aria-label={translate("ra.page.loading")} />
      </Box>
    );
  const active = order.status === "ACTIVE";
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 4, minWidth: 0 }}>
      <Title title={order.title} />
      <Box>
        <Typography variant="h5" component="h1">
          {order.title}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap", alignItems: "center" }}>
          <Typography variant="body2">{order.authority.name}</Typography>
          <Typography variant="body2" color="text.secondary">
            {translate("controlling.figures.period", {
              from: date(order.validFrom),
              to: date(order.validTo),
            })}
          </Typography>
          <OrderStatusChip status={order.status} />
          {hasRole(permissions, ...INVOICE_READERS) && (
            <Typography variant="body2" color="text.secondary">
              {translate("controlling.figures.dailyRate")}: {euro(order.dailyRate)}
            </Typography>
          )}
          <Typography variant="caption" color="text.secondary">
            {translate("controlling.figures.live")}
          </Typography>
        </Stack>
      </Box>
      <Section title={translate("controlling.commissioning.title")} testId="commissioning-section">
        <Commissioning order={order} />
      </Section>
      <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "minmax(280px, 1fr) 2fr" } }}>
        <Section title={translate("controlling.show.figures")}>
          <OrderFigures order={order} />
        </Section>
        <Section title={translate("controlling.chart.title")} action={<PlanProfileAction order={order} />}>
          <BurndownPanel order={order} granularity={granularity} onGranularity={setGranularity} />
        </Section>
      </Box>
      <Section title={translate("controlling.lines.title")}>
        <LinesTable order={order} />
      </Section>
      {hasRole(permissions, ...BOOKERS) && active && (
        <Section title={translate("controlling.bookings.newTitle")}>
          <BookingForm order={order as never} />
        </Section>
      )}
      <Section title={translate("controlling.bookings.title")} action={<BookingExports orderId={order.id} />}>
        <BookingsList order={order} />
      </Section>
      {hasRole(permissions, ...INVOICE_READERS) && (
        <Section title={translate("controlling.proofs.title")}>
          <ProofsTable order={order} />
        </Section>
      )}
      <Section
        title={translate("controlling.amendments.title")}
        action={<AmendmentsAction order={order} />}
        testId="amendments-section"
      >
        <Amendments order={order} />
      </Section>
      {hasRole(permissions, ...ALERT_READERS) && (
        <Section title={translate("controlling.alerts.title")}>
          <AlertList alerts={order.alerts} orders={[order]} />
        </Section>
      )}
    </Stack>
  );
}
