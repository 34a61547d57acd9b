// Small pieces the plan's screens share: status chips, the period, the export links, the form of
// a plan's title and period, and where a plan version lives in the console.
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
import { type ReactNode, useId, useState } from "react";
import { useTranslate } from "react-admin";
import { ToneChip } from "../governance/util.tsx";
import { GraphQLRequestError } from "../graphql.ts";
import type { MeasureStatus, PlanHeadInput, PlanStatus } from "./queries.ts";

export const planPath = (id: string) => `/mediaDevelopmentPlans/${encodeURIComponent(id)}/show`;

/** The exports of a version for the council; the server names and renders them. */
export const exportPath = (id: string, format: "pdf" | "xlsx") =>
  `/exports/media-plans/${encodeURIComponent(id)}.${format}`;

export const period = (plan: { periodStart: number; periodEnd: number }) =>
  `${plan.periodStart}–${plan.periodEnd}`;

const PLAN_TONE = { DRAFT: "warning", ADOPTED: "success", SUPERSEDED: "neutral" } as const;
const MEASURE_TONE = {
  PLANNED: "neutral",
  IN_PROGRESS: "info",
  DONE: "success",
  DROPPED: "neutral",
} as const;

export function PlanStatusChip({ status }: { status: PlanStatus }) {
  const translate = useTranslate();
  return <ToneChip tone={PLAN_TONE[status]} label={translate(`enums.PlanStatus.${status}`)} />;
}

export function MeasureStatusChip({ status }: { status: MeasureStatus }) {
  const translate = useTranslate();
  return <ToneChip tone={MEASURE_TONE[status]} label={translate(`enums.PlannedMeasureStatus.${status}`)} />;
}

/** A label and its value in a definition list. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0 }}>
        {children}
      </Typography>
    </>
  );
}

export function Facts({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Box
      component="dl"
      data-testid={testId}
      sx={{ display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: 2, rowGap: 0.5, m: 0 }}
    >
      {children}
    </Box>
  );
}

/** The server's German message, and the input it is about when it names one. */
export interface FieldError {
  field: string | null;
  message: string;
}

export function fieldError(error: unknown): FieldError {
  return {
    field: error instanceof GraphQLRequestError ? (error.field ?? null) : null,
    message: (error as Error).message,
  };
}

const YEAR = /^\d{4}$/;

/**
 * Title and period of a plan: creating one, changing a draft, or the optional new title and
 * period of a Fortschreibung (`optional`: empty fields keep the version's own).
 */
export function PlanHeadDialog({
  title,
  submit,
  hint,
  initial,
  optional = false,
  onSubmit,
  onClose,
}: {
  title: string;
  submit: string;
  hint?: string;
  initial: { title: string; periodStart: string; periodEnd: string };
  optional?: boolean;
  onSubmit: (input: PlanHeadInput) => Promise<FieldError | null>;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const t = (key: string) => translate(`plans.head.${key}`);
  const id = useId();
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const yearError = (value: string) =>
    value.trim() !== "" && !YEAR.test(value.trim()) ? t("yearInvalid") : undefined;
  const at = (field: string) => (error?.field === field ? error.message : undefined);
  const field = (name: "title" | "periodStart" | "periodEnd") => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) =>
      setForm((f) => ({ ...f, [name]: event.target.value })),
    required: !optional,
  });
  const year = (value: string) => (value.trim() ? Number(value.trim()) : null);
  return (
    <Dialog open onClose={onClose} aria-labelledby={id} fullWidth maxWidth="sm">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          const failed = await onSubmit({
            title: form.title.trim() || null,
            periodStart: year(form.periodStart),
            periodEnd: year(form.periodEnd),
          });
          setBusy(false);
          setError(failed);
        }}
      >
        <DialogTitle id={id}>{title}</DialogTitle>
        <DialogContent>
          {hint && (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {hint}
            </Typography>
          )}
          <Box sx={{ display: "grid", gap: 2, pt: 1, gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr" } }}>
            <TextField
              label={t("title")}
              {...field("title")}
              error={Boolean(at("title"))}
              helperText={at("title")}
              sx={{ gridColumn: "1 / -1" }}
              slotProps={{ htmlInput: { maxLength: 200 } }}
            />
            <TextField
              label={t("periodStart")}
              {...field("periodStart")}
              error={Boolean(yearError(form.periodStart) ?? at("periodStart"))}
              helperText={yearError(form.periodStart) ?? at("periodStart")}
              slotProps={{ htmlInput: { inputMode: "numeric" } }}
            />
            <TextField
              label={t("periodEnd")}
              {...field("periodEnd")}
              error={Boolean(yearError(form.periodEnd) ?? at("periodEnd"))}
              helperText={yearError(form.periodEnd) ?? at("periodEnd")}
              slotProps={{ htmlInput: { inputMode: "numeric" } }}
            />
          </Box>
          {error && !["title", "periodStart", "periodEnd"].includes(error.field ?? "") && (
            <Typography role="alert" color="error" variant="body2" sx={{ mt: 2 }}>
              {error.message}
            </Typography>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate("plans.action.cancel")}</Button>
          <Button
            type="submit"
            variant="contained"
            disabled={busy || Boolean(yearError(form.periodStart) ?? yearError(form.periodEnd))}
          >
            {submit}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
