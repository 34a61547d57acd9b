// The order's plan profile: twelve monthly weights (January…December) and the burn-rate margin
// that decides when consumption running ahead of plan raises an alert.
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from "@mui/material";
import { useId, useState } from "react";
import { usePermissions, useTranslate } from "react-admin";
import { hasRole } from "../authProvider.ts";
import type { Row } from "../dataProvider/registry.ts";
import { request } from "../graphql.ts";
import { NumberField } from "../ui/NumberInput.tsx";
import { parseNumber, WHOLE_PERCENT } from "../ui/numbers.ts";
import { PLAN_SETTERS } from "./roles.ts";
import { useAction } from "./ui.tsx";

export const MONTHS = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"];
const LINEAR = Array.from({ length: 12 }, () => "1");

const formFor = (order: Row) => ({
  weights: ((order.monthlyPlanWeights as number[] | null) ?? LINEAR).map(String),
  margin: String(order.burnMarginPct ?? ""),
});

function PlanDialog({ order, onClose }: { order: Row; onClose: () => void }) {
  const translate = useTranslate();
  const t = (key: string) => translate(`controlling.plan.${key}`);
  const { run, busy, errorAt, clearError } = useAction();
  const id = useId();
  const [form, setForm] = useState(() => formFor(order));
  const [submitted, setSubmitted] = useState(false);
  const setWeight = (index: number, value: string) =>
    setForm((f) => ({ ...f, weights: f.weights.map((w, i) => (i === index ? value : w)) }));
  const linear = new Set(form.weights).size === 1;
  return (
    <Dialog open onClose={onClose} aria-labelledby={id} fullWidth maxWidth="sm">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const margin = form.margin.trim() === "" ? null : parseNumber(form.margin, WHOLE_PERCENT);
          if (margin && !margin.ok) {
            setSubmitted(true);
            return;
          }
          // Equal weights are the linear plan, which the API keeps as "no profile".
          const ok = await run(
            () =>
              request(
                `mutation ($id: ID!, $weights: [Int!], $margin: Int) {
                  setServiceOrderPlan(serviceOrderId: $id, monthlyWeights: $weights, burnMarginPct: $margin) { id } }`,
                {
                  id: order.id,
                  weights: linear ? [] : form.weights.map((w) => Number(w)),
                  margin: margin ? Number(margin.value) : null,
                },
              ),
            t("done"),
            { fields: ["burnMarginPct", "monthlyWeights"] },
          );
          if (ok) onClose();
        }}
      >
        <DialogTitle id={id}>{t("title")}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {t("hint")}
          </Typography>
          <Box
            sx={{
              display: "grid",
              gap: 1.5,
              gridTemplateColumns: { xs: "repeat(3, 1fr)", sm: "repeat(4, 1fr)", md: "repeat(6, 1fr)" },
            }}
          >
            {MONTHS.map((month, index) => (
              <TextField
                key={month}
                size="small"
                type="number"
                label={month}
                value={form.weights[index]}
                onChange={(event) => setWeight(index, event.target.value)}
                required
                slotProps={{
                  htmlInput: { min: 0, max: 1000, step: 1, "data-testid": `weight-${index + 1}` },
                }}
              />
            ))}
          </Box>
          <Box sx={{ display: "flex", gap: 2, alignItems: "center", flexWrap: "wrap", mt: 2 }}>
            <Button size="small" onClick={() => setForm((f) => ({ ...f, weights: LINEAR }))}>
              {t("linear")}
            </Button>
            <Typography variant="caption" color="text.secondary">
              {linear ? t("isLinear") : t("isProfile")}
            </Typography>
          </Box>
          {errorAt("monthlyWeights") && (
            <Typography role="alert" color="error" variant="body2" sx={{ mt: 1 }}>
              {errorAt("monthlyWeights")}
            </Typography>
          )}
          <NumberField
            sx={{ mt: 2 }}
            size="small"
            label={t("margin")}
            value={form.margin}
            onChange={(text) => {
              clearError("burnMarginPct");
              setForm((f) => ({ ...f, margin: text }));
            }}
            spec={WHOLE_PERCENT}
            showProblem={submitted}
            // Bounds are left to the server, whose German message names them at the field.
            serverError={errorAt("burnMarginPct")}
            hint={t("marginHelp")}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate("controlling.action.cancel")}</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {translate("controlling.action.save")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The authority's controller and the service manager (and ADMIN) set an order's plan. */
export function PlanProfileAction({ order }: { order: Row }) {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const [open, setOpen] = useState(false);
  if (!hasRole(permissions, ...PLAN_SETTERS) || order.status === "CLOSED") return null;
  return (
    <>
      <Button size="small" variant="outlined" onClick={() => setOpen(true)}>
        {translate("controlling.plan.edit")}
      </Button>
      {open && <PlanDialog order={order} onClose={() => setOpen(false)} />}
    </>
  );
}
