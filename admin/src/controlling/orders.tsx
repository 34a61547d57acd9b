// Service orders (Servicescheine): the list, and the order page with its figures, the live
// burn-down, lines, bookings, proofs of service, amendments and alerts.
import {
  Box,
  Chip,
  CircularProgress,
  Stack,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from "@mui/material";
import { Suspense, useState } from "react";
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
  useGetOne,
  usePermissions,
  useTranslate,
} from "react-admin";
import { useParams } from "react-router-dom";
import { hasRole } from "../authProvider.ts";
import type { Row } from "../dataProvider/registry.ts";
import { date, euro, personDays } from "../format.ts";
import { lazyPage } from "../lazy.ts";
import { ListExportMenu, type ListExports, useListExports } from "../ui/ExportMenu.tsx";
import type { ExportColumn } from "../ui/exports.ts";
import { AlertList } from "./alerts.tsx";
import { Amendments, AmendmentsAction } from "./amendments.tsx";
import { BookingExports, BookingForm, BookingsList } from "./bookings.tsx";
import type { BurndownInput } from "./chart.tsx";
import { Commissioning, DraftOrderButton } from "./commissioning.tsx";
import { OrderFigures, UtilisationBars } from "./figures.tsx";
import { useLineBurndown } from "./lineBurndown.ts";
import { useOrderLive } from "./live.ts";
import { PlanProfileAction } from "./plan.tsx";
import { ProofsTable } from "./proofs.tsx";
import { ALERT_READERS, BOOKERS, INVOICE_READERS } from "./roles.ts";
import { Scroll, Section } from "./ui.tsx";

// recharts is the console's largest library: the chart follows the figures it sits beside.
const BurndownChart = lazyPage(() => import("./chart.tsx"), "BurndownChart");

const STATUSES = ["ACTIVE", "DRAFT", "CLOSED"].map((id) => ({ id, name: `enums.ServiceOrderStatus.${id}` }));

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
