// Provider staff's start page: book quickly, see the recent bookings. A module of its own: the
// booking form and the ledger's list are not loaded with the controller's dashboard.
import { MenuItem, Stack, TextField, Typography } from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { personDays } from "../format.ts";
import { BookingForm, BookingsList } from "./bookings.tsx";
import { OrderLink, useActiveOrders } from "./dashboards.tsx";
import { useLiveOrder } from "./orderParts.tsx";
import { Section } from "./ui.tsx";

function StaffOrder({ id }: { id: string }) {
  const translate = useTranslate();
  const { data: order } = useLiveOrder(id, "MONTH");
  if (!order) return null;
  return (
    <Stack spacing={2}>
      <Section title={`${order.title} · ${order.authority.name}`} level="h3">
        <Typography variant="body2" sx={{ mb: 2 }} data-testid="utilization-summary">
          <OrderLink order={order} /> · {order.utilizationSummary} ·{" "}
          {translate("controlling.figures.remaining")} {personDays(order.remainingPersonDays)}
        </Typography>
        <BookingForm order={order as never} />
      </Section>
      <Section title={translate("controlling.dashboard.recent")}>
        <BookingsList order={order} perPage={10} />
      </Section>
    </Stack>
  );
}

export function ProviderStaffDashboard() {
  const translate = useTranslate();
  const { data: orders = [], isPending } = useActiveOrders();
  const [chosen, setChosen] = useState<string>("");
  const id = chosen || (orders[0]?.id as string | undefined) || "";
  return (
    <Stack spacing={2}>
      <Typography variant="h6" component="h2">
        {translate("controlling.dashboard.staff")}
      </Typography>
      {!isPending && orders.length === 0 && (
        <Typography variant="body2">{translate("controlling.dashboard.noOrders")}</Typography>
      )}
      {orders.length > 1 && (
        <TextField
          select
          label={translate("controlling.dashboard.chooseOrder")}
          value={id}
          onChange={(event) => setChosen(event.target.value)}
          sx={{ maxWidth: 480 }}
        >
          {orders.map((o) => (
            <MenuItem key={o.id} value={o.id}>
              {o.title} · {o.authority.name}
            </MenuItem>
          ))}
        </TextField>
      )}
      {id && <StaffOrder key={id} id={id} />}
    </Stack>
  );
}
