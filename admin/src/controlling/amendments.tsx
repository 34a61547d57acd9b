// Amendments (Nachträge) of a service order and the volume it had over time; the service
// manager records a new one.
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from "@mui/material";
import { useId, useState } from "react";
import { usePermissions, useTranslate } from "react-admin";
import { hasRole } from "../authProvider.ts";
import type { Row } from "../dataProvider/registry.ts";
import { date, personDays } from "../format.ts";
import { request } from "../graphql.ts";
import { ORDER_MANAGERS } from "./roles.ts";
import { Scroll, useAction } from "./ui.tsx";

function AmendButton({ order }: { order: Row }) {
  const translate = useTranslate();
  const { run, busy } = useAction();
  const id = useId();
  const [open, setOpen] = useState(false);
  const empty = { category: order.lines[0]?.name ?? "", personDays: "", effectiveDate: "", reason: "" };
  const [form, setForm] = useState(empty);
  const t = (key: string) => translate(`controlling.amendments.${key}`);
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: event.target.value }));
  return (
    <>
      <Button size="small" variant="outlined" onClick={() => setOpen(true)}>
        {t("add")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={id} fullWidth maxWidth="sm">
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const ok = await run(
              () =>
                request(
                  "mutation ($input: AmendServiceOrderInput!) { amendServiceOrder(input: $input) { id } }",
                  {
                    input: {
                      serviceOrderId: order.id,
                      category: form.category.trim(),
                      personDays: form.personDays.trim().replace(",", "."),
                      effectiveDate: form.effectiveDate || null,
                      reason: form.reason.trim(),
                    },
                  },
                ),
              t("done"),
            );
            if (ok) {
              setOpen(false);
              setForm(empty);
            }
          }}
        >
          <DialogTitle id={id}>{t("add")}</DialogTitle>
          <DialogContent>
            <Box sx={{ display: "grid", gap: 2, pt: 1 }}>
              <TextField
                label={t("category")}
                value={form.category}
                onChange={set("category")}
                required
                helperText={order.lines.map((l: Row) => l.name).join(" · ")}
              />
              <TextField
                label={t("personDays")}
                value={form.personDays}
                onChange={set("personDays")}
                required
                slotProps={{ htmlInput: { inputMode: "decimal" } }}
              />
              <TextField
                type="date"
                label={t("effectiveDate")}
                value={form.effectiveDate}
                onChange={set("effectiveDate")}
                slotProps={{ inputLabel: { shrink: true } }}
              />
              <TextField
                label={t("reason")}
                value={form.reason}
                onChange={set("reason")}
                required
                multiline
              />
            </Box>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{translate("controlling.action.cancel")}</Button>
            <Button type="submit" variant="contained" disabled={busy}>
              {t("add")}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}

export function AmendmentsAction({ order }: { order: Row }) {
  const { permissions } = usePermissions();
  return hasRole(permissions, ...ORDER_MANAGERS) && order.status !== "CLOSED" ? (
    <AmendButton order={order} />
  ) : null;
}

export function Amendments({ order }: { order: Row }) {
  const translate = useTranslate();
  const t = (key: string) => translate(`controlling.amendments.${key}`);
  return (
    <Box sx={{ display: "grid", gap: 2 }}>
      <Box>
        <Typography variant="subtitle2" component="h3">
          {t("history")}
        </Typography>
        <Scroll>
          <Table size="small" aria-label={t("history")}>
            <TableHead>
              <TableRow>
                <TableCell>{t("effectiveDate")}</TableCell>
                <TableCell>{t("category")}</TableCell>
                <TableCell align="right">{t("volume")}</TableCell>
                <TableCell>{t("reason")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {order.volumeHistory.map((v: Row) => (
                <TableRow key={`${v.effectiveDate}-${v.category}-${v.contractedPersonDays}-${v.reason}`}>
                  <TableCell>{date(v.effectiveDate)}</TableCell>
                  <TableCell>{v.category ?? t("wholeOrder")}</TableCell>
                  <TableCell align="right">{personDays(v.contractedPersonDays)}</TableCell>
                  <TableCell>{v.reason}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Scroll>
      </Box>
      <Box>
        <Typography variant="subtitle2" component="h3">
          {t("list")}
        </Typography>
        {order.amendments.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {t("none")}
          </Typography>
        ) : (
          <Scroll>
            <Table size="small" aria-label={t("list")}>
              <TableHead>
                <TableRow>
                  <TableCell>{t("effectiveDate")}</TableCell>
                  <TableCell>{t("category")}</TableCell>
                  <TableCell align="right">{t("previous")}</TableCell>
                  <TableCell align="right">{t("next")}</TableCell>
                  <TableCell>{t("reason")}</TableCell>
                  <TableCell>{t("author")}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {order.amendments.map((a: Row) => (
                  <TableRow key={a.id}>
                    <TableCell>{date(a.effectiveDate)}</TableCell>
                    <TableCell>{a.category}</TableCell>
                    <TableCell align="right">{personDays(a.previousPersonDays)}</TableCell>
                    <TableCell align="right">{personDays(a.newPersonDays)}</TableCell>
                    <TableCell>{a.reason}</TableCell>
                    <TableCell>{a.createdBy?.name}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Scroll>
        )}
      </Box>
    </Box>
  );
}
