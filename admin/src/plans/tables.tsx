// The plan's figures as tables: the year × category cost table, plan against actual per year,
// the schools' targets and progress, and the variances beyond the authority's threshold. Every
// amount is the API's exact decimal string, formatted, never a float.
import {
  Box,
  Button,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { type FormEvent, type ReactNode, useState } from "react";
import { useNotify, useRefresh, useTranslate } from "react-admin";
import { Scroll } from "../controlling/ui.tsx";
import { euro, percent, personDays } from "../format.ts";
import { ToneChip } from "../governance/util.tsx";
import { NumberField } from "../ui/NumberInput.tsx";
import { parseNumber, WHOLE_PERCENT } from "../ui/numbers.ts";
import {
  EQUIPMENT_CATEGORIES,
  type Plan,
  type PlanCell,
  type PlanVariance,
  type PlanYear,
  setVarianceThreshold,
} from "./queries.ts";
import { sumDecimals } from "./sums.ts";

const NUMBERS = { fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" } as const;

/** Planned on top, actual beneath: one cell of the cost table. */
function PlannedActual({ planned, actual }: { planned: string; actual: string }) {
  const translate = useTranslate();
  return (
    <>
      <div>{euro(planned)}</div>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate("plans.cost.actual", { amount: euro(actual) })}
      </Typography>
    </>
  );
}

export function CostTable({ plan }: { plan: Plan }) {
  const translate = useTranslate();
  const t = (key: string) => translate(`plans.cost.${key}`);
  const categories = EQUIPMENT_CATEGORIES.filter((c) =>
    plan.byYearAndCategory.some((cell) => cell.category === c),
  );
  if (plan.byYearAndCategory.length === 0) {
    return <Typography variant="body2">{t("empty")}</Typography>;
  }
  const cell = (year: number, category: string): PlanCell | undefined =>
    plan.byYearAndCategory.find((c) => c.year === year && c.category === category);
  // The API sums the rows (years) and the whole; a category's column it does not, so it is added here, exactly.
  const column = (category: string) => {
    const cells = plan.byYearAndCategory.filter((c) => c.category === category);
    return {
      planned: sumDecimals(cells.map((c) => c.plannedInvestmentEuros)),
      actual: sumDecimals(cells.map((c) => c.actualInvestmentEuros)),
    };
  };
  return (
    <Stack spacing={1}>
      <Typography variant="body2" color="text.secondary">
        {t("hint")}
      </Typography>
      <Scroll>
        <Table size="small" aria-label={t("label")} data-testid="cost-table">
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                {t("year")}
              </TableCell>
              {categories.map((c) => (
                <TableCell key={c} component="th" scope="col" align="right">
                  {translate(`enums.EquipmentCategory.${c}`)}
                </TableCell>
              ))}
              <TableCell component="th" scope="col" align="right">
                {t("total")}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {plan.years.map((y) => (
              <TableRow key={y.year} data-testid={`cost-year-${y.year}`}>
                <TableCell component="th" scope="row">
                  {y.year}
                </TableCell>
                {categories.map((c) => {
                  const found = cell(y.year, c);
                  return (
                    <TableCell key={c} align="right" sx={NUMBERS}>
                      {found ? (
                        <PlannedActual
                          planned={found.plannedInvestmentEuros}
                          actual={found.actualInvestmentEuros}
                        />
                      ) : (
                        "–"
                      )}
                    </TableCell>
                  );
                })}
                <TableCell align="right" sx={{ ...NUMBERS, fontWeight: 600 }}>
                  <PlannedActual planned={y.plannedInvestmentEuros} actual={y.actualInvestmentEuros} />
                </TableCell>
              </TableRow>
            ))}
            <TableRow data-testid="cost-total" sx={{ "& > *": { fontWeight: 600 } }}>
              <TableCell component="th" scope="row">
                {t("total")}
              </TableCell>
              {categories.map((c) => {
                const sum = column(c);
                return (
                  <TableCell key={c} align="right" sx={NUMBERS}>
                    <PlannedActual planned={sum.planned} actual={sum.actual} />
                  </TableCell>
                );
              })}
              <TableCell align="right" sx={NUMBERS}>
                <PlannedActual
                  planned={plan.totals.plannedInvestmentEuros}
                  actual={plan.totals.actualInvestmentEuros}
                />
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </Scroll>
    </Stack>
  );
}

export function YearsTable({ years }: { years: PlanYear[] }) {
  const translate = useTranslate();
  const t = (key: string) => translate(`plans.years.${key}`);
  const head = (label: string) => (
    <TableCell component="th" scope="col" align="right">
      {label}
    </TableCell>
  );
  return (
    <Scroll>
      <Table size="small" aria-label={t("label")} data-testid="years-table">
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              {t("year")}
            </TableCell>
            {head(t("plannedInvestment"))}
            {head(t("actualInvestment"))}
            {head(t("plannedPersonDays"))}
            {head(t("actualPersonDays"))}
            <TableCell component="th" scope="col">
              {t("variance")}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {years.map((y) => (
            <TableRow key={y.year}>
              <TableCell component="th" scope="row">
                {y.year}
              </TableCell>
              <TableCell align="right" sx={NUMBERS}>
                {euro(y.plannedInvestmentEuros)}
              </TableCell>
              <TableCell align="right" sx={NUMBERS}>
                {euro(y.actualInvestmentEuros)}
              </TableCell>
              <TableCell align="right" sx={NUMBERS}>
                {personDays(y.plannedPersonDays)}
              </TableCell>
              <TableCell align="right" sx={NUMBERS}>
                {personDays(y.actualPersonDays)}
              </TableCell>
              <TableCell>{y.overThreshold ? <ToneChip tone="error" label={t("over")} /> : "–"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Scroll>
  );
}

export function SchoolsTable({ plan }: { plan: Plan }) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`plans.schools.${key}`, options);
  if (plan.schools.length === 0) return <Typography variant="body2">{t("empty")}</Typography>;
  return (
    <Scroll>
      <Table size="small" aria-label={t("label")} data-testid="schools-table">
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              {t("school")}
            </TableCell>
            <TableCell component="th" scope="col">
              {t("progress")}
            </TableCell>
            <TableCell component="th" scope="col">
              {t("targets")}
            </TableCell>
            <TableCell component="th" scope="col" align="right">
              {t("investment")}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {plan.schools.map((s) => (
            <TableRow key={s.school.id} sx={{ verticalAlign: "top" }}>
              <TableCell component="th" scope="row">
                {s.school.name}
              </TableCell>
              <TableCell sx={{ minWidth: 160 }}>
                <Typography variant="body2">
                  {t("done", { done: s.done, measures: s.measures, inProgress: s.inProgress })}
                </Typography>
                {s.progress !== null && (
                  <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
                    <LinearProgress
                      variant="determinate"
                      value={Math.min(100, s.progress * 100)}
                      sx={{ flex: 1, height: 6, borderRadius: 1 }}
                      aria-label={t("progressOf", { school: s.school.name, share: percent(s.progress) })}
                    />
                    <Typography variant="caption">{percent(s.progress)}</Typography>
                  </Stack>
                )}
              </TableCell>
              <TableCell>
                <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 2 }}>
                  {s.categories.map((c) => (
                    <Typography component="li" variant="body2" key={c.category}>
                      <strong>{translate(`enums.EquipmentCategory.${c.category}`)}</strong>
                      {": "}
                      {c.target ?? t("noTarget")}
                      {c.measures > 0 && (
                        <Typography component="span" variant="body2" color="text.secondary">
                          {" · "}
                          {t("categoryDone", { done: c.done, measures: c.measures })}
                        </Typography>
                      )}
                    </Typography>
                  ))}
                </Stack>
              </TableCell>
              <TableCell align="right" sx={NUMBERS}>
                <PlannedActual planned={s.plannedInvestmentEuros} actual={s.actualInvestmentEuros} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Scroll>
  );
}

const amount = (v: PlanVariance, value: string) =>
  v.kind === "INVESTMENT" ? euro(value) : personDays(value);
const share = (value: number | null) =>
  value === null ? "–" : `${value.toLocaleString("de-DE", { maximumFractionDigits: 1 })} %`;

/**
 * The authority sets its threshold as client (controller or the IT-department coordinator of the
 * steering group). The API has no viewer field for it: the console offers the field to those
 * roles and shows the API's German refusal at the field when the person is not the coordinator.
 */
function ThresholdForm({ plan }: { plan: Plan }) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`plans.variances.${key}`, options);
  const notify = useNotify();
  const refresh = useRefresh();
  const [value, setValue] = useState(String(plan.varianceThresholdPercent));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  return (
    <Box
      component="form"
      aria-label={t("thresholdForm")}
      onSubmit={async (event: FormEvent) => {
        event.preventDefault();
        const threshold = parseNumber(value, WHOLE_PERCENT);
        if (!threshold.ok) {
          setSubmitted(true);
          return;
        }
        setBusy(true);
        try {
          await setVarianceThreshold(plan.authority.id, Number(threshold.value));
          setError(null);
          notify(t("thresholdSaved", { percent: threshold.value }), { type: "success" });
          refresh();
        } catch (failure) {
          setError((failure as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: "flex-start", flexWrap: "wrap" }}>
        <NumberField
          size="small"
          label={t("threshold")}
          value={value}
          onChange={(text) => {
            setError(null);
            setValue(text);
          }}
          spec={WHOLE_PERCENT}
          required
          showProblem={submitted}
          serverError={error}
          hint={t("thresholdHelp")}
          sx={{ maxWidth: 360 }}
        />
        <Button type="submit" variant="outlined" disabled={busy}>
          {t("thresholdSave")}
        </Button>
      </Stack>
    </Box>
  );
}

export function VarianceSection({ plan }: { plan: Plan }) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`plans.variances.${key}`, options);
  const head = (label: string, align?: "right"): ReactNode => (
    <TableCell component="th" scope="col" align={align}>
      {label}
    </TableCell>
  );
  return (
    <Stack spacing={2}>
      <Typography variant="body2" data-testid="variance-threshold">
        {t("thresholdIs", { percent: plan.varianceThresholdPercent })}
      </Typography>
      {plan.viewerCanSetVarianceThreshold && <ThresholdForm plan={plan} />}
      {plan.variances.length === 0 ? (
        <Typography variant="body2">{t("none")}</Typography>
      ) : (
        <Scroll>
          <Table size="small" aria-label={t("label")} data-testid="variances-table">
            <TableHead>
              <TableRow>
                {head(t("measure"))}
                {head(t("school"))}
                {head(t("year"))}
                {head(t("kind"))}
                {head(t("planned"), "right")}
                {head(t("actual"), "right")}
                {head(t("excess"), "right")}
              </TableRow>
            </TableHead>
            <TableBody>
              {plan.variances.map((v) => (
                <TableRow key={`${v.measure.id}-${v.kind}`}>
                  <TableCell>{v.measure.title}</TableCell>
                  <TableCell>{v.measure.school.name}</TableCell>
                  <TableCell>{v.measure.year}</TableCell>
                  <TableCell>{translate(`enums.MediaPlanVarianceKind.${v.kind}`)}</TableCell>
                  <TableCell align="right" sx={NUMBERS}>
                    {amount(v, v.planned)}
                  </TableCell>
                  <TableCell align="right" sx={NUMBERS}>
                    {amount(v, v.actual)}
                  </TableCell>
                  <TableCell align="right" sx={NUMBERS}>
                    {amount(v, v.excess)} ({share(v.excessPercent)})
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Scroll>
      )}
    </Stack>
  );
}
