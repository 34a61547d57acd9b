// The ledger of a service order: the booking form (provider side), the bookings newest first,
// reversal (Storno) with a reason, and the CSV/Excel exports.
import { Box, Button, MenuItem, Stack, TextField, Typography } from "@mui/material";
import { useMemo, useState } from "react";
import {
  Datagrid,
  FunctionField,
  Pagination,
  RecordContextProvider,
  ReferenceManyField,
  ResourceContextProvider,
  usePermissions,
  useRecordContext,
  useTranslate,
} from "react-admin";
import { hasRole } from "../authProvider.ts";
import type { Row } from "../dataProvider/registry.ts";
import { date, personDays } from "../format.ts";
import { request } from "../graphql.ts";
import { NumberField } from "../ui/NumberInput.tsx";
import { PERSON_DAYS, parseNumber } from "../ui/numbers.ts";
import { BOOKERS, INVOICE_READERS } from "./roles.ts";
import { Scroll, TextActionButton, useAction } from "./ui.tsx";

const today = () =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin" }).format(new Date()).slice(0, 10);

/** The fields of the booking form the API names in its refusals; others go to a toast. */
const FIELDS = ["date", "personDays", "category", "schoolId", "ticketRef", "description"];

export interface OrderForBooking {
  id: string;
  title: string;
  lines: { id: string; name: string }[];
  authority: { id: string; name: string; schools?: { id: string; name: string }[] };
}

export function BookingForm({ order, onBooked }: { order: OrderForBooking; onBooked?: () => void }) {
  const translate = useTranslate();
  const { run, busy, errorAt, clearError } = useAction();
  const [form, setForm] = useState({
    date: today(),
    personDays: "",
    category: order.lines[0]?.name ?? "",
    schoolId: "",
    ticketRef: "",
    description: "",
  });
  const [submitted, setSubmitted] = useState(false);
  // One key per intended booking: a double click or a retry after a timeout books it once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const change = (field: keyof typeof form, value: string) => {
    clearError(field);
    setForm((f) => ({ ...f, [field]: value }));
  };
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    change(field, event.target.value);
  const label = (field: string) => translate(`resources.bookings.fields.${field}`);
  const at = (field: string) => ({ error: Boolean(errorAt(field)), helperText: errorAt(field) ?? undefined });
  return (
    <Box
      component="form"
      aria-label={translate("controlling.bookings.newTitle")}
      onSubmit={async (event) => {
        event.preventDefault();
        const amount = parseNumber(form.personDays, PERSON_DAYS);
        // Refused at the field as typed ("1,333" stays "1,333"); nothing reaches the server.
        if (!amount.ok) {
          setSubmitted(true);
          return;
        }
        const ok = await run(
          () =>
            request(`mutation ($input: RecordBookingInput!) { recordBooking(input: $input) { id } }`, {
              input: {
                serviceOrderId: order.id,
                date: form.date,
                personDays: amount.value,
                category: form.category || null,
                schoolId: form.schoolId || null,
                ticketRef: form.ticketRef.trim() || null,
                description: form.description.trim(),
                idempotencyKey: key,
              },
            }),
          translate("controlling.bookings.done", { personDays: personDays(amount.value) }),
          { fields: FIELDS },
        );
        if (ok) {
          setKey(crypto.randomUUID());
          setSubmitted(false);
          setForm((f) => ({ ...f, personDays: "", ticketRef: "", description: "" }));
          onBooked?.();
        }
      }}
    >
      <Box
        sx={{
          display: "grid",
          gap: 2,
          gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr", md: "repeat(3, 1fr)" },
        }}
      >
        <TextField
          type="date"
          label={label("date")}
          value={form.date}
          onChange={set("date")}
          required
          {...at("date")}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <NumberField
          label={label("personDays")}
          value={form.personDays}
          onChange={(text) => change("personDays", text)}
          spec={PERSON_DAYS}
          required
          name="personDays"
          placeholder="0,5"
          showProblem={submitted}
          serverError={errorAt("personDays")}
        />
        <TextField
          select
          label={label("category")}
          value={form.category}
          onChange={set("category")}
          {...at("category")}
        >
          {order.lines.map((line) => (
            <MenuItem key={line.id} value={line.name}>
              {line.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label={label("school")}
          value={form.schoolId}
          onChange={set("schoolId")}
          {...at("schoolId")}
        >
          <MenuItem value="">{translate("controlling.bookings.noSchool")}</MenuItem>
          {(order.authority.schools ?? []).map((school) => (
            <MenuItem key={school.id} value={school.id}>
              {school.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label={label("ticketRef")}
          value={form.ticketRef}
          onChange={set("ticketRef")}
          {...at("ticketRef")}
          slotProps={{ htmlInput: { name: "ticketRef" } }}
        />
        <TextField
          label={label("description")}
          value={form.description}
          onChange={set("description")}
          required
          {...at("description")}
          slotProps={{ htmlInput: { name: "description" } }}
        />
      </Box>
      <Stack direction="row" sx={{ mt: 2 }}>
        <Button type="submit" variant="contained" disabled={busy}>
          {translate("controlling.bookings.submit")}
        </Button>
      </Stack>
    </Box>
  );
}

function ReverseButton() {
  const booking = useRecordContext();
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const { run } = useAction();
  if (!booking || !hasRole(permissions, ...BOOKERS) || booking.reversedBy || booking.reversalOf) return null;
  return (
    <TextActionButton
      label={translate("controlling.bookings.reverse")}
      title={translate("controlling.bookings.reverseTitle", { sequence: booking.sequence })}
      fieldLabel={translate("resources.bookings.fields.reason")}
      color="error"
      onConfirm={(reason) =>
        run(
          () =>
            request(`mutation ($input: ReverseBookingInput!) { reverseBooking(input: $input) { id } }`, {
              input: { bookingId: booking.id, reason },
            }),
          translate("controlling.bookings.reverseDone"),
        )
      }
    />
  );
}

function BookingNote() {
  const booking = useRecordContext();
  const translate = useTranslate();
  if (!booking) return null;
  return (
    <>
      {booking.description}
      {booking.reversalOf && (
        <Typography variant="caption" component="div" color="text.secondary">
          {translate("controlling.bookings.reversalOf", { sequence: booking.reversalOf.sequence })}
        </Typography>
      )}
      {booking.reversedBy && (
        <Typography variant="caption" component="div" color="error">
          {translate("controlling.bookings.reversed", { sequence: booking.reversedBy.sequence })}
        </Typography>
      )}
    </>
  );
}

/** Bookings of one order, newest first, read page by page from the API's Relay connection. */
export function BookingsList({ order, perPage = 10 }: { order: Row; perPage?: number }) {
  const record = useMemo(() => ({ id: order.id }), [order.id]);
  return (
    <ResourceContextProvider value="serviceOrders">
      <RecordContextProvider value={record}>
        <Scroll>
          <ReferenceManyField
            reference="bookings"
            target="serviceOrderId"
            perPage={perPage}
            sort={{ field: "sequence", order: "DESC" }}
            pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
          >
            <Datagrid bulkActionButtons={false} rowClick={false} size="small">
              <FunctionField source="sequence" render={(b: Row) => b.sequence} />
              <FunctionField source="date" sortable={false} render={(b: Row) => date(b.date)} />
              <FunctionField
                source="personDays"
                sortable={false}
                textAlign="right"
                render={(b: Row) => personDays(b.personDays)}
              />
              <FunctionField source="category" sortable={false} render={(b: Row) => b.category} />
              <FunctionField source="school" sortable={false} render={(b: Row) => b.school?.name ?? "–"} />
              <FunctionField source="ticketRef" sortable={false} render={(b: Row) => b.ticketRef ?? "–"} />
              <FunctionField source="description" sortable={false} render={() => <BookingNote />} />
              <FunctionField source="bookedBy" sortable={false} render={(b: Row) => b.bookedBy?.name} />
              <FunctionField label="" sortable={false} render={() => <ReverseButton />} />
            </Datagrid>
          </ReferenceManyField>
        </Scroll>
      </RecordContextProvider>
    </ResourceContextProvider>
  );
}

/** CSV and Excel exports of the ledger; the browser sends the session cookie with the link. */
export function BookingExports({ orderId }: { orderId: string }) {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  if (!hasRole(permissions, ...INVOICE_READERS)) return null;
  const query = `serviceOrderId=${encodeURIComponent(orderId)}`;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap" }}>
      <Button size="small" variant="outlined" href={`/exports/bookings.csv?${query}`} download>
        {translate("controlling.bookings.exportCsv")}
      </Button>
      <Button size="small" variant="outlined" href={`/exports/bookings.xlsx?${query}`} download>
        {translate("controlling.bookings.exportXlsx")}
      </Button>
    </Stack>
  );
}
