// Amendments (Nachträge) of a service order and the volume it had over time. Either side proposes
// one (the provider's service manager, the authority's controller or IT coordinator); the authority
// approves it (in force from its date) or rejects it with a reason, each after a confirmation.
import {
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
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
import { date, dateTime, personDays } from "../format.ts";
import { request } from "../graphql.ts";
import { NumberField } from "../ui/NumberInput.tsx";
import { PERSON_DAYS, parseNumber } from "../ui/numbers.ts";
import { AMENDMENT_PROPOSERS, ORDER_CLIENTS } from "./roles.ts";
import { Scroll, TextActionButton, useAction } from "./ui.tsx";

/** The fields of the amendment form the API names in its refusals; others go to a toast. */
const FIELDS = ["category", "personDays", "effectiveDate", "reason"];

function AmendButton({ order }: { order: Row }) {
  const translate = useTranslate();
  const { run, busy, errorAt, clearError } = useAction();
  const id = useId();
  const [open, setOpen] = useState(false);
  const empty = { category: order.lines[0]?.name ?? "", personDays: "", effectiveDate: "", reason: "" };
  const [form, setForm] = useState(empty);
  const [submitted, setSubmitted] = useState(false);
  const t = (key: string) => translate(`controlling.amendments.${key}`);
  const change = (field: keyof typeof form, value: string) => {
    clearError(field);
    setForm((f) => ({ ...f, [field]: value }));
  };
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    change(field, event.target.value);
  const at = (field: string) => ({ error: Boolean(errorAt(field)), helperText: errorAt(field) ?? undefined });
  return (
    <>
      <Button size="small" variant="outlined" onClick={() => setOpen(true)}>
        {t("add")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={id} fullWidth maxWidth="sm">
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const volume = parseNumber(form.personDays, PERSON_DAYS);
            if (!volume.ok) {
              setSubmitted(true);
              return;
            }
            const ok = await run(
              () =>
                request(
                  "mutation ($input: AmendServiceOrderInput!) { amendServiceOrder(input: $input) { id } }",
                  {
                    input: {
                      serviceOrderId: order.id,
                      category: form.category.trim(),
                      personDays: volume.value,
                      effectiveDate: form.effectiveDate || null,
                      reason: form.reason.trim(),
                    },
                  },
                ),
              t("done"),
              { fields: FIELDS },
            );
            if (ok) {
              setOpen(false);
              setSubmitted(false);
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
                error={Boolean(errorAt("category"))}
                helperText={errorAt("category") ?? order.lines.map((l: Row) => l.name).join(" · ")}
              />
              <NumberField
                label={t("personDays")}
                value={form.personDays}
                onChange={(text) => change("personDays", text)}
                spec={PERSON_DAYS}
                required
                showProblem={submitted}
                serverError={errorAt("personDays")}
              />
              <TextField
                type="date"
                label={t("effectiveDate")}
                value={form.effectiveDate}
                onChange={set("effectiveDate")}
                {...at("effectiveDate")}
                slotProps={{ inputLabel: { shrink: true } }}
              />
              <TextField
                label={t("reason")}
                value={form.reason}
                onChange={set("reason")}
                required
                multiline
                {...at("reason")}
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
  return hasRole(permissions, ...AMENDMENT_PROPOSERS) && order.status === "ACTIVE" ? (
    <AmendButton order={order} />
  ) : null;
}

// Outlined warning (orange) text on white fails the contrast rule; primary passes.
const STATUS_COLOR = { PROPOSED: "primary", APPROVED: "success", REJECTED: "default" } as const;

function AmendmentStatusChip({ status }: { status: keyof typeof STATUS_COLOR }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={STATUS_COLOR[status] ?? "default"}
      variant={status === "APPROVED" ? "filled" : "outlined"}
      label={translate(`enums.AmendmentStatus.${status}`)}
    />
  );
}

/** Approve with a confirmation that says what will be in force from when. */
function ApproveButton({ amendment }: { amendment: Row }) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`controlling.amendments.${key}`, options);
  const { run, busy } = useAction();
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" variant="contained" color="success" onClick={() => setOpen(true)}>
        {t("approve")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={id} fullWidth maxWidth="sm">
        <DialogTitle id={id}>{t("approveTitle")}</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {t("approveText", {
              category: amendment.category,
              previous: personDays(amendment.previousPersonDays),
              next: personDays(amendment.newPersonDays),
              date: date(amendment.effectiveDate),
            })}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate("controlling.action.cancel")}</Button>
          <Button
            variant="contained"
            color="success"
            disabled={busy}
            onClick={async () => {
              const ok = await run(
                () =>
                  request(
                    "mutation ($id: ID!) { approveServiceOrderAmendment(amendmentId: $id) { id status } }",
                    { id: amendment.id },
                  ),
                t("approved"),
              );
              if (ok) setOpen(false);
            }}
          >
            {t("approveConfirm")}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

function Decide({ amendment }: { amendment: Row }) {
  const translate = useTranslate();
  const t = (key: string) => translate(`controlling.amendments.${key}`);
  const { permissions } = usePermissions();
  const { run } = useAction();
  if (amendment.status !== "PROPOSED" || !hasRole(permissions, ...ORDER_CLIENTS)) return null;
  return (
    <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
      <ApproveButton amendment={amendment} />
      <TextActionButton
        label={t("reject")}
        title={t("rejectTitle")}
        fieldLabel={t("rejectionReason")}
        color="error"
        onConfirm={(reason) =>
          run(
            () =>
              request(
                "mutation ($id: ID!, $reason: String!) { rejectServiceOrderAmendment(amendmentId: $id, reason: $reason) { id } }",
                { id: amendment.id, reason },
              ),
            t("rejected"),
          )
        }
      />
    </Box>
  );
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
                  <TableCell>{t("status")}</TableCell>
                  <TableCell>{t("author")}</TableCell>
                  <TableCell>{t("decision")}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {order.amendments.map((a: Row) => (
                  <TableRow key={a.id} data-testid={`amendment-${a.id}`}>
                    <TableCell>{date(a.effectiveDate)}</TableCell>
                    <TableCell>{a.category}</TableCell>
                    <TableCell align="right">{personDays(a.previousPersonDays)}</TableCell>
                    <TableCell align="right">{personDays(a.newPersonDays)}</TableCell>
                    <TableCell>{a.reason}</TableCell>
                    <TableCell>
                      <AmendmentStatusChip status={a.status} />
                    </TableCell>
                    <TableCell>
                      {a.createdBy?.name}
                      <Typography variant="caption" component="div" color="text.secondary">
                        {dateTime(a.createdAt)}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      {a.status === "PROPOSED" ? (
                        <Decide amendment={a} />
                      ) : (
                        <>
                          {a.decidedBy?.name ?? "–"}
                          <Typography variant="caption" component="div" color="text.secondary">
                            {dateTime(a.decidedAt)}
                          </Typography>
                          {a.rejectionReason && (
                            <Typography variant="caption" component="div">
                              {t("rejectionReason")}: {a.rejectionReason}
                            </Typography>
                          )}
                        </>
                      )}
                    </TableCell>
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
