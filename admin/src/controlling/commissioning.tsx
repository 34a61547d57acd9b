// The authority as client: the provider drafts the year's service order (Entwurf), the authority's
// controller or IT-department coordinator commissions it (Beauftragung), citing the steering group's
// decision and the budget line (Haushaltsstelle), after a confirmation.
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { useEffect, useId, useState } from "react";
import { usePermissions, useRedirect, useTranslate } from "react-admin";
import { hasRole } from "../authProvider.ts";
import type { Row } from "../dataProvider/registry.ts";
import { date, dateTime, euro, personDays } from "../format.ts";
import { request } from "../graphql.ts";
import { applyForecast, loadForecast, type PlanForecast } from "../plans/forecast.ts";
import { sumDecimals } from "../plans/sums.ts";
import { NumberField } from "../ui/NumberInput.tsx";
import { EURO, PERSON_DAYS, parseNumber } from "../ui/numbers.ts";
import { ORDER_CLIENTS, ORDER_MANAGERS } from "./roles.ts";
import { useAction } from "./ui.tsx";

interface LineForm {
  key: number;
  name: string;
  personDays: string;
}

const nextYear = () => new Date().getFullYear() + 1;

function DraftOrderDialog({ onClose }: { onClose: () => void }) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`controlling.draft.${key}`, options);
  const { run, busy, errorAt, clearError } = useAction();
  const redirect = useRedirect();
  const id = useId();
  const [submitted, setSubmitted] = useState(false);
  const [authorities, setAuthorities] = useState<{ id: string; name: string }[]>([]);
  const [form, setForm] = useState({ authorityId: "", year: String(nextYear()), dailyRate: "" });
  const [lines, setLines] = useState<LineForm[]>([{ key: 1, name: "Support", personDays: "" }]);
  const [proposal, setProposal] = useState<PlanForecast | { error: string } | null>(null);
  const [proposing, setProposing] = useState(false);
  const year = /^\d{4}$/.test(form.year.trim()) ? Number(form.year.trim()) : null;
  /** The adopted media development plan's person-days for the year, as the draft's start; the lines stay editable. */
  const propose = async () => {
    if (!year) return;
    setProposing(true);
    try {
      const forecast = await loadForecast(form.authorityId, year);
      setProposal(forecast);
      setLines((all) => applyForecast(all, forecast, (line) => line));
    } catch (error) {
      setProposal({ error: (error as Error).message });
    } finally {
      setProposing(false);
    }
  };
  useEffect(() => {
    request<{ schoolAuthorities: { id: string; name: string }[] }>("{ schoolAuthorities { id name } }").then(
      (data) => {
        setAuthorities(data.schoolAuthorities);
        setForm((f) => (f.authorityId ? f : { ...f, authorityId: data.schoolAuthorities[0]?.id ?? "" }));
      },
      () => setAuthorities([]),
    );
  }, []);
  const amounts = lines.map((l) => parseNumber(l.personDays, PERSON_DAYS));
  const values = amounts.flatMap((a) => (a.ok ? [a.value] : []));
  const total = values.length === lines.length ? sumDecimals(values) : null;
  const rate = form.dailyRate.trim() ? parseNumber(form.dailyRate, EURO) : null;
  const setLine = (key: number, field: "name" | "personDays", value: string) => {
    const index = lines.findIndex((l) => l.key === key);
    clearError(`lines.${index}.${field}`);
    setLines((all) => all.map((l) => (l.key === key ? { ...l, [field]: value } : l)));
  };
  // The API names a line's field by its place: lines.0.personDays.
  const fields = [
    "authorityId",
    "year",
    "dailyRate",
    "contractedPersonDays",
    ...lines.flatMap((_, i) => [`lines.${i}.name`, `lines.${i}.personDays`]),
  ];
  return (
    <Dialog open onClose={onClose} aria-labelledby={id} fullWidth maxWidth="sm">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          // Refused amounts show at their fields as typed; nothing reaches the server.
          if (total === null || (rate !== null && !rate.ok)) {
            setSubmitted(true);
            return;
          }
          const dailyRate = rate?.ok ? rate.value : null;
          let created: string | null = null;
          const ok = await run(
            async () => {
              const data = await request<{ createServiceOrder: { id: string } }>(
                "mutation ($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id } }",
                {
                  input: {
                    authorityId: form.authorityId,
                    year: Number(form.year),
                    // The exact sum of the lines.
                    contractedPersonDays: total,
                    dailyRate,
                    lines: lines.map((l, i) => ({ name: l.name.trim(), personDays: values[i] })),
                  },
                },
              );
              created = data.createServiceOrder.id;
            },
            t("done"),
            { fields },
          );
          if (ok && created) {
            onClose();
            redirect("show", "serviceOrders", created);
          }
        }}
      >
        <DialogTitle id={id}>{t("title")}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {t("hint")}
          </Typography>
          <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", sm: "2fr 1fr 1fr" } }}>
            <TextField
              select
              required
              label={t("authority")}
              value={form.authorityId}
              onChange={(event) => {
                setForm((f) => ({ ...f, authorityId: event.target.value }));
                setProposal(null);
              }}
            >
              {authorities.map((a) => (
                <MenuItem key={a.id} value={a.id}>
                  {a.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              required
              label={t("year")}
              value={form.year}
              onChange={(event) => {
                setForm((f) => ({ ...f, year: event.target.value }));
                setProposal(null);
              }}
              slotProps={{ htmlInput: { inputMode: "numeric", pattern: "[0-9]{4}" } }}
            />
            <NumberField
              label={t("dailyRate")}
              value={form.dailyRate}
              onChange={(text) => {
                clearError("dailyRate");
                setForm((f) => ({ ...f, dailyRate: text }));
              }}
              spec={EURO}
              showProblem={submitted}
              serverError={errorAt("dailyRate")}
            />
          </Box>
          <Stack
            direction="row"
            spacing={1}
            useFlexGap
            sx={{ mt: 2, mb: 1, alignItems: "center", flexWrap: "wrap" }}
          >
            <Typography variant="subtitle2" component="h3" sx={{ flex: 1 }}>
              {t("lines")}
            </Typography>
            <Button
              size="small"
              variant="outlined"
              onClick={propose}
              disabled={proposing || !form.authorityId || !year}
            >
              {t("fromPlan")}
            </Button>
          </Stack>
          {proposal && (
            <Alert
              severity={
                "error" in proposal
                  ? "error"
                  : proposal.plan && proposal.lines.length > 0
                    ? "info"
                    : "warning"
              }
              sx={{ mb: 1.5 }}
              data-testid="plan-proposal"
            >
              {"error" in proposal
                ? proposal.error
                : !proposal.plan
                  ? t("fromPlanNone", { year: proposal.year })
                  : proposal.lines.length === 0
                    ? t("fromPlanEmpty", { plan: proposal.plan.title, year: proposal.year })
                    : t("fromPlanDone", {
                        plan: proposal.plan.title,
                        version: proposal.plan.version,
                        year: proposal.year,
                        total: personDays(proposal.personDays),
                        smart_count: proposal.lines.reduce((sum, l) => sum + l.measures, 0),
                      })}
            </Alert>
          )}
          <Stack spacing={1.5}>
            {lines.map((line, index) => (
              <Box
                key={line.key}
                sx={{ display: "grid", gap: 1, gridTemplateColumns: "2fr 1fr auto", alignItems: "center" }}
              >
                <TextField
                  size="small"
                  required
                  label={t("lineName", { n: index + 1 })}
                  value={line.name}
                  onChange={(event) => setLine(line.key, "name", event.target.value)}
                  error={Boolean(errorAt(`lines.${index}.name`))}
                  helperText={errorAt(`lines.${index}.name`) ?? " "}
                />
                <NumberField
                  size="small"
                  required
                  label={t("linePersonDays", { n: index + 1 })}
                  value={line.personDays}
                  onChange={(text) => setLine(line.key, "personDays", text)}
                  spec={PERSON_DAYS}
                  showProblem={submitted}
                  serverError={errorAt(`lines.${index}.personDays`)}
                  helperText=" "
                />
                <IconButton
                  aria-label={t("removeLine", { n: index + 1 })}
                  disabled={lines.length === 1}
                  onClick={() => setLines((all) => all.filter((l) => l.key !== line.key))}
                >
                  ×
                </IconButton>
              </Box>
            ))}
          </Stack>
          <Stack direction="row" spacing={2} sx={{ mt: 1, alignItems: "center" }}>
            <Button
              size="small"
              onClick={() =>
                setLines((all) => [
                  ...all,
                  { key: Math.max(...all.map((l) => l.key)) + 1, name: "", personDays: "" },
                ])
              }
            >
              {t("addLine")}
            </Button>
            <Typography variant="body2" data-testid="draft-total">
              {t("total")}: {total === null ? "–" : personDays(total)}
            </Typography>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate("controlling.action.cancel")}</Button>
          <Button type="submit" variant="contained" disabled={busy || !form.authorityId}>
            {t("submit")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The provider's service manager drafts a service order; the authority commissions it later. */
export function DraftOrderButton() {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const [open, setOpen] = useState(false);
  if (!hasRole(permissions, ...ORDER_MANAGERS)) return null;
  return (
    <>
      <Button size="small" variant="contained" onClick={() => setOpen(true)}>
        {translate("controlling.draft.open")}
      </Button>
      {open && <DraftOrderDialog onClose={() => setOpen(false)} />}
    </>
  );
}

interface DecisionOption {
  id: string;
  title: string;
  decidedOn: string;
}

function CommissionDialog({ order, onClose }: { order: Row; onClose: () => void }) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`controlling.commissioning.${key}`, options);
  const { run, busy } = useAction();
  const id = useId();
  const [decisions, setDecisions] = useState<DecisionOption[] | null>(null);
  const [decisionId, setDecisionId] = useState("");
  const [budgetLine, setBudgetLine] = useState("");
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    request<{ decisions: { edges: { node: DecisionOption }[] } }>(
      `query ($authorityId: ID!) { decisions(filter: { authorityId: $authorityId, status: [APPROVED] }, first: 100) {
        edges { node { id title decidedOn } } } }`,
      { authorityId: order.authority.id },
    ).then(
      (data) => setDecisions(data.decisions.edges.map((e) => e.node)),
      () => setDecisions([]),
    );
  }, [order.authority.id]);
  const decision = decisions?.find((d) => d.id === decisionId);
  return (
    <Dialog open onClose={onClose} aria-labelledby={id} fullWidth maxWidth="sm">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (!confirming) {
            setConfirming(true);
            return;
          }
          const ok = await run(
            () =>
              request(
                `mutation ($input: CommissionServiceOrderInput!) {
                  commissionServiceOrder(input: $input) { id status } }`,
                { input: { serviceOrderId: order.id, decisionId, budgetLine: budgetLine.trim() } },
              ),
            t("done", {
              order: order.title,
              authority: order.authority.name,
              volume: personDays(order.contractedPersonDays),
              budgetLine: budgetLine.trim(),
            }),
          );
          if (ok) onClose();
        }}
      >
        <DialogTitle id={id}>{confirming ? t("confirmTitle") : t("dialogTitle")}</DialogTitle>
        <DialogContent>
          {confirming ? (
            <DialogContentText data-testid="commission-summary">
              {t("confirmText", {
                order: order.title,
                authority: order.authority.name,
                volume: personDays(order.contractedPersonDays),
                rate: euro(order.dailyRate),
                decision: decision ? `${decision.title} (${date(decision.decidedOn)})` : "",
                budgetLine: budgetLine.trim(),
              })}
            </DialogContentText>
          ) : (
            <Box sx={{ display: "grid", gap: 2, pt: 1 }}>
              <Typography variant="body2" color="text.secondary">
                {t("hint")}
              </Typography>
              {decisions !== null && decisions.length === 0 && (
                <Alert severity="warning">{t("noDecisions")}</Alert>
              )}
              <TextField
                select
                required
                label={t("decision")}
                value={decisionId}
                onChange={(event) => setDecisionId(event.target.value)}
                helperText={t("decisionHelp")}
              >
                {(decisions ?? []).map((d) => (
                  <MenuItem key={d.id} value={d.id}>
                    {date(d.decidedOn)} · {d.title}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                required
                label={t("budgetLine")}
                value={budgetLine}
                onChange={(event) => setBudgetLine(event.target.value)}
                helperText={t("budgetLineHelp")}
                slotProps={{ htmlInput: { maxLength: 100 } }}
              />
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          {confirming ? (
            <Button onClick={() => setConfirming(false)}>{t("back")}</Button>
          ) : (
            <Button onClick={onClose}>{translate("controlling.action.cancel")}</Button>
          )}
          <Button type="submit" variant="contained" disabled={busy || !decisionId || !budgetLine.trim()}>
            {confirming ? t("confirm") : t("next")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The order's commissioning: who commissioned it when, on which decision and budget line; or the draft's notice and action. */
export function Commissioning({ order }: { order: Row }) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`controlling.commissioning.${key}`, options);
  const { permissions } = usePermissions();
  const [open, setOpen] = useState(false);
  if (order.status === "DRAFT") {
    const client = hasRole(permissions, ...ORDER_CLIENTS);
    return (
      <Stack spacing={1} data-testid="commissioning">
        <Alert
          severity="info"
          action={
            client ? (
              <Button color="inherit" size="small" variant="outlined" onClick={() => setOpen(true)}>
                {t("open")}
              </Button>
            ) : undefined
          }
        >
          {client ? t("draftClient") : t("draft")}
        </Alert>
        {open && <CommissionDialog order={order} onClose={() => setOpen(false)} />}
      </Stack>
    );
  }
  if (!order.commissionedAt) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="commissioning">
        {t("unknown")}
      </Typography>
    );
  }
  return (
    <Box
      component="dl"
      data-testid="commissioning"
      sx={{ display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: 2, rowGap: 0.5, m: 0 }}
    >
      <Typography component="dt" variant="body2" color="text.secondary">
        {t("commissionedAt")}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0 }}>
        {dateTime(order.commissionedAt)} · {order.commissionedBy?.name ?? "–"}
      </Typography>
      <Typography component="dt" variant="body2" color="text.secondary">
        {t("decision")}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0 }}>
        {order.commissioningDecision
          ? `${order.commissioningDecision.title} (${date(order.commissioningDecision.decidedOn)})`
          : "–"}
      </Typography>
      <Typography component="dt" variant="body2" color="text.secondary">
        {t("budgetLine")}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0 }}>
        {order.budgetLine ?? "–"}
      </Typography>
    </Box>
  );
}
