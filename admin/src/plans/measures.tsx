// The plan's measures: the list with progress and actuals; while DRAFT the provider adds, changes
// and removes them and sets the schools' target equipment (viewerCanEdit); on an adopted version
// the progress and the links to what carries a measure out move on (viewerCanTrack).
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from "@mui/material";
import { useEffect, useId, useState } from "react";
import { useNotify, useRefresh, useTranslate } from "react-admin";
import { Scroll, Section, useAction } from "../controlling/ui.tsx";
import type { Row } from "../dataProvider/registry.ts";
import { euro, personDays } from "../format.ts";
import { ToneChip } from "../governance/util.tsx";
import { NumberField } from "../ui/NumberInput.tsx";
import { EURO, editText, PERSON_DAYS, parseNumber } from "../ui/numbers.ts";
import {
  addMeasure,
  EQUIPMENT_CATEGORIES,
  type EquipmentCategory,
  linkables,
  linkMeasure,
  MEASURE_STATUSES,
  type MeasureInput,
  type Plan,
  type PlannedMeasure,
  removeMeasure,
  setTarget,
  unlinkMeasure,
  updateMeasure,
} from "./queries.ts";
import { type FieldError, fieldError, MeasureStatusChip } from "./ui.tsx";

const NUMBERS = { fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" } as const;

interface MeasureForm {
  schoolId: string;
  category: EquipmentCategory | "";
  title: string;
  year: string;
  investmentEuros: string;
  personDays: string;
  serviceLine: string;
}

const years = (plan: Plan) =>
  Array.from({ length: plan.periodEnd - plan.periodStart + 1 }, (_, i) => plan.periodStart + i);

function formOf(plan: Plan, measure?: PlannedMeasure): MeasureForm {
  if (!measure) {
    return {
      schoolId: "",
      category: "",
      title: "",
      year: String(plan.periodStart),
      investmentEuros: "",
      personDays: "",
      serviceLine: "",
    };
  }
  return {
    schoolId: measure.school.id,
    category: measure.category,
    title: measure.title,
    year: String(measure.year),
    investmentEuros: editText(measure.investmentEuros, EURO),
    personDays: editText(measure.personDays, PERSON_DAYS),
    serviceLine: measure.serviceLine,
  };
}

/** Adds a measure to a DRAFT, or changes one: German amounts, exact to the cent and the hundredth day. */
function MeasureDialog({
  plan,
  measure,
  onClose,
}: {
  plan: Plan;
  measure?: PlannedMeasure;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`plans.measures.${key}`, options);
  const notify = useNotify();
  const refresh = useRefresh();
  const id = useId();
  const [form, setForm] = useState<MeasureForm>(() => formOf(plan, measure));
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const euros = parseNumber(form.investmentEuros, EURO);
  const days = parseNumber(form.personDays, PERSON_DAYS);
  const message = (field: keyof MeasureForm | "schoolId") =>
    error?.field === field ? error.message : undefined;
  const set = (name: keyof MeasureForm, value: string) => {
    if (error?.field === name) setError(null);
    setForm((f) => ({ ...f, [name]: value }));
  };
  const input = (name: keyof MeasureForm) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => set(name, event.target.value),
    error: Boolean(message(name)),
    helperText: message(name),
  });
  const known = ["schoolId", "category", "title", "year", "investmentEuros", "personDays", "serviceLine"];
  return (
    <Dialog open onClose={onClose} aria-labelledby={id} fullWidth maxWidth="md">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (!euros.ok || !days.ok) {
            setSubmitted(true);
            return;
          }
          if (!form.category) return;
          const data: MeasureInput = {
            schoolId: form.schoolId,
            category: form.category,
            title: form.title.trim(),
            year: Number(form.year),
            investmentEuros: euros.value,
            personDays: days.value,
            serviceLine: form.serviceLine.trim() || null,
          };
          setBusy(true);
          try {
            if (measure) await updateMeasure(measure.id, data);
            else await addMeasure(plan.id, data);
            notify(measure ? t("saved") : t("added", { title: data.title }), { type: "success" });
            refresh();
            onClose();
          } catch (failure) {
            setError(fieldError(failure));
          } finally {
            setBusy(false);
          }
        }}
      >
        <DialogTitle id={id}>{measure ? t("editTitle") : t("addTitle")}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: "grid", gap: 2, pt: 1, gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr" } }}>
            <TextField select required label={t("school")} {...input("schoolId")}>
              {plan.authority.schools.map((s) => (
                <MenuItem key={s.id} value={s.id}>
                  {s.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField select required label={t("category")} {...input("category")}>
              {EQUIPMENT_CATEGORIES.map((c) => (
                <MenuItem key={c} value={c}>
                  {translate(`enums.EquipmentCategory.${c}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              required
              label={t("title")}
              {...input("title")}
              sx={{ gridColumn: { sm: "1 / -1" } }}
              slotProps={{ htmlInput: { maxLength: 200 } }}
            />
            <TextField select required label={t("year")} {...input("year")}>
              {years(plan).map((y) => (
                <MenuItem key={y} value={String(y)}>
                  {y}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label={t("serviceLine")}
              {...input("serviceLine")}
              helperText={message("serviceLine") ?? t("serviceLineHelp")}
              slotProps={{ htmlInput: { maxLength: 100 } }}
            />
            <NumberField
              required
              label={t("investmentInput")}
              value={form.investmentEuros}
              onChange={(text) => set("investmentEuros", text)}
              spec={EURO}
              showProblem={submitted}
              serverError={message("investmentEuros")}
              helperText={t("amountHelp")}
            />
            <NumberField
              required
              label={t("personDaysInput")}
              value={form.personDays}
              onChange={(text) => set("personDays", text)}
              spec={PERSON_DAYS}
              showProblem={submitted}
              serverError={message("personDays")}
              helperText={t("daysHelp")}
            />
          </Box>
          {error && !known.includes(error.field ?? "") && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error.message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate("plans.action.cancel")}</Button>
          <Button type="submit" variant="contained" disabled={busy || !form.category || !form.schoolId}>
            {measure ? t("save") : t("add")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function RemoveDialog({ measure, onClose }: { measure: PlannedMeasure; onClose: () => void }) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`plans.measures.${key}`, options);
  const { run, busy } = useAction();
  const id = useId();
  return (
    <Dialog open onClose={onClose} aria-labelledby={id}>
      <DialogTitle id={id}>{t("removeTitle")}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {t("removeText", { title: measure.title, school: measure.school.name })}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate("plans.action.cancel")}</Button>
        <Button
          color="error"
          variant="contained"
          disabled={busy}
          onClick={async () => {
            if (await run(() => removeMeasure(measure.id), t("removed", { title: measure.title }))) onClose();
          }}
        >
          {t("remove")}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Links the service measures and procurement requests of the measure's school that carry it out. */
function LinksDialog({
  plan,
  measure,
  onClose,
}: {
  plan: Plan;
  measure: PlannedMeasure;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`plans.links.${key}`, options);
  const { run, busy } = useAction();
  const id = useId();
  const [options, setOptions] = useState<{ measures: Row[]; requests: Row[] } | null>(null);
  const [serviceMeasureId, setServiceMeasureId] = useState("");
  const [procurementRequestId, setProcurementRequestId] = useState("");
  useEffect(() => {
    let live = true;
    linkables(plan.authority.id).then(
      (found) => live && setOptions(found),
      () => live && setOptions({ measures: [], requests: [] }),
    );
    return () => {
      live = false;
    };
  }, [plan.authority.id]);
  const school = measure.school.id;
  const linkedMeasures = new Set(measure.links.map((l) => l.serviceMeasure?.id).filter(Boolean));
  const linkedRequests = new Set(measure.links.map((l) => l.procurementRequest?.id).filter(Boolean));
  const measures = (options?.measures ?? []).filter(
    (m) => m.school.id === school && !linkedMeasures.has(m.id),
  );
  const requests = (options?.requests ?? []).filter(
    (r) => r.school.id === school && !linkedRequests.has(r.id),
  );
  return (
    <Dialog open onClose={onClose} aria-labelledby={id} fullWidth maxWidth="sm">
      <DialogTitle id={id}>{t("title", { title: measure.title })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t("hint", { school: measure.school.name })}
        </Typography>
        <Typography variant="subtitle2" component="h3">
          {t("current")}
        </Typography>
        {measure.links.length === 0 ? (
          <Typography variant="body2" sx={{ mb: 2 }}>
            {t("none")}
          </Typography>
        ) : (
          <Stack component="ul" spacing={0.5} sx={{ pl: 2, mb: 2 }}>
            {measure.links.map((link) => {
              const target = link.serviceMeasure
                ? { serviceMeasureId: link.serviceMeasure.id }
                : { procurementRequestId: link.procurementRequest?.id };
              const label = link.serviceMeasure
                ? t("serviceMeasure", { title: link.serviceMeasure.title })
                : t("procurementRequest", { title: link.procurementRequest?.title ?? "" });
              return (
                <Box component="li" key={link.serviceMeasure?.id ?? link.procurementRequest?.id}>
                  <Typography variant="body2" component="span" sx={{ mr: 1 }}>
                    {label}
                  </Typography>
                  <Button
                    size="small"
                    disabled={busy}
                    aria-label={t("unlinkOf", { label })}
                    onClick={() => run(() => unlinkMeasure(measure.id, target), t("unlinked"))}
                  >
                    {t("unlink")}
                  </Button>
                </Box>
              );
            })}
          </Stack>
        )}
        <Stack spacing={2}>
          <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
            <TextField
              select
              size="small"
              fullWidth
              label={t("pickMeasure")}
              value={serviceMeasureId}
              onChange={(event) => setServiceMeasureId(event.target.value)}
              disabled={measures.length === 0}
              helperText={options && measures.length === 0 ? t("noMeasures") : undefined}
            >
              {measures.map((m) => (
                <MenuItem key={m.id} value={m.id}>
                  {m.title} ({translate(`enums.MeasureStatus.${m.status}`)})
                </MenuItem>
              ))}
            </TextField>
            <Button
              variant="outlined"
              disabled={busy || !serviceMeasureId}
              onClick={async () => {
                if (await run(() => linkMeasure(measure.id, { serviceMeasureId }), t("linked")))
                  setServiceMeasureId("");
              }}
            >
              {t("link")}
            </Button>
          </Stack>
          <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
            <TextField
              select
              size="small"
              fullWidth
              label={t("pickRequest")}
              value={procurementRequestId}
              onChange={(event) => setProcurementRequestId(event.target.value)}
              disabled={requests.length === 0}
              helperText={options && requests.length === 0 ? t("noRequests") : undefined}
            >
              {requests.map((r) => (
                <MenuItem key={r.id} value={r.id}>
                  {r.title} · {euro(r.estimatedCost)} ({translate(`enums.ProcurementStatus.${r.status}`)})
                </MenuItem>
              ))}
            </TextField>
            <Button
              variant="outlined"
              disabled={busy || !procurementRequestId}
              onClick={async () => {
                if (await run(() => linkMeasure(measure.id, { procurementRequestId }), t("linked")))
                  setProcurementRequestId("");
              }}
            >
              {t("link")}
            </Button>
          </Stack>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate("plans.action.close")}</Button>
      </DialogActions>
    </Dialog>
  );
}

function StatusSelect({ measure }: { measure: PlannedMeasure }) {
  const translate = useTranslate();
  const { run, busy } = useAction();
  return (
    <TextField
      select
      size="small"
      value={measure.status}
      disabled={busy}
      onChange={(event) =>
        run(
          () => updateMeasure(measure.id, { status: event.target.value }),
          translate("plans.measures.statusSaved", {
            title: measure.title,
            status: translate(`enums.PlannedMeasureStatus.${event.target.value}`),
          }),
        )
      }
      variant="outlined"
      slotProps={{
        select: {
          inputProps: { "aria-label": translate("plans.measures.statusOf", { title: measure.title }) },
        },
      }}
      sx={{ minWidth: 140 }}
    >
      {MEASURE_STATUSES.map((s) => (
        <MenuItem key={s} value={s}>
          {translate(`enums.PlannedMeasureStatus.${s}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}

function PlannedActualCell({
  planned,
  actual,
  format,
}: {
  planned: string;
  actual: string;
  format: (v: string) => string;
}) {
  const translate = useTranslate();
  return (
    <TableCell align="right" sx={NUMBERS}>
      <div>{format(planned)}</div>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate("plans.cost.actual", { amount: format(actual) })}
      </Typography>
    </TableCell>
  );
}

type Open = { kind: "add" } | { kind: "edit" | "remove" | "links"; measureId: string } | null;

export function MeasuresSection({ plan }: { plan: Plan }) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`plans.measures.${key}`, options);
  const [open, setOpen] = useState<Open>(null);
  // A city's plan holds dozens of schools' measures: narrowed to one school or year on request.
  const [filter, setFilter] = useState({ schoolId: "", year: "" });
  const schools = [...new Map(plan.measures.map((m) => [m.school.id, m.school])).values()].sort((a, b) =>
    a.name.localeCompare(b.name, "de"),
  );
  const planYears = [...new Set(plan.measures.map((m) => m.year))].sort();
  const shown = plan.measures.filter(
    (m) =>
      (!filter.schoolId || m.school.id === filter.schoolId) &&
      (!filter.year || String(m.year) === filter.year),
  );
  // The plan is re-read after each change: a dialog shows the measure as it is now.
  const chosen = open && open.kind !== "add" ? plan.measures.find((m) => m.id === open.measureId) : undefined;
  const head = (label: string, align?: "right") => (
    <TableCell component="th" scope="col" align={align}>
      {label}
    </TableCell>
  );
  return (
    <Section
      title={t("section")}
      testId="measures-section"
      action={
        plan.viewerCanEdit ? (
          <Button size="small" variant="contained" onClick={() => setOpen({ kind: "add" })}>
            {t("addTitle")}
          </Button>
        ) : undefined
      }
    >
      {plan.measures.length > 0 && (schools.length > 1 || planYears.length > 1) && (
        <Stack direction="row" spacing={2} useFlexGap sx={{ mb: 1, flexWrap: "wrap" }}>
          <TextField
            select
            size="small"
            label={t("filterSchool")}
            value={filter.schoolId}
            onChange={(event) => setFilter((f) => ({ ...f, schoolId: event.target.value }))}
            slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            sx={{ width: 320, maxWidth: "100%" }}
          >
            <MenuItem value="">{t("allSchools")}</MenuItem>
            {schools.map((s) => (
              <MenuItem key={s.id} value={s.id}>
                {s.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label={t("filterYear")}
            value={filter.year}
            onChange={(event) => setFilter((f) => ({ ...f, year: event.target.value }))}
            slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            sx={{ width: 160 }}
          >
            <MenuItem value="">{t("allYears")}</MenuItem>
            {planYears.map((y) => (
              <MenuItem key={y} value={String(y)}>
                {y}
              </MenuItem>
            ))}
          </TextField>
          <Typography variant="body2" sx={{ alignSelf: "center" }} role="status">
            {t("count", { smart_count: shown.length, total: plan.measures.length })}
          </Typography>
        </Stack>
      )}
      {plan.measures.length === 0 ? (
        <Typography variant="body2">{t("empty")}</Typography>
      ) : (
        <Scroll>
          <Table size="small" aria-label={t("section")} data-testid="measures-table">
            <TableHead>
              <TableRow>
                {head(t("year"))}
                {head(t("measure"))}
                {head(t("investment"), "right")}
                {head(t("personDays"), "right")}
                {head(t("status"))}
                {head(t("links"))}
                {(plan.viewerCanEdit || plan.viewerCanTrack) && head(t("actions"))}
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((m) => (
                <TableRow key={m.id} sx={{ verticalAlign: "top" }} data-testid={`measure-${m.id}`}>
                  <TableCell>{m.year}</TableCell>
                  <TableCell sx={{ minWidth: 220 }}>
                    <Typography variant="body2" sx={{ fontWeight: 500 }}>
                      {m.title}
                    </Typography>
                    <Typography variant="body2">
                      {m.school.name} · {translate(`enums.EquipmentCategory.${m.category}`)}
                    </Typography>
                    <Typography variant="caption" color="text.secondary" component="div">
                      {t("serviceLineIs", { line: m.serviceLine })}
                      {m.carriedFromYear !== null && ` · ${t("carried", { year: m.carriedFromYear })}`}
                    </Typography>
                    {m.overThreshold && <ToneChip tone="error" label={t("over")} />}
                  </TableCell>
                  <PlannedActualCell
                    planned={m.investmentEuros}
                    actual={m.actualInvestmentEuros}
                    format={euro}
                  />
                  <PlannedActualCell planned={m.personDays} actual={m.actualPersonDays} format={personDays} />
                  <TableCell>
                    {plan.viewerCanTrack ? (
                      <StatusSelect measure={m} />
                    ) : (
                      <MeasureStatusChip status={m.status} />
                    )}
                  </TableCell>
                  <TableCell>
                    {m.links.length === 0 ? (
                      "–"
                    ) : (
                      <Stack component="ul" spacing={0.25} sx={{ m: 0, pl: 2 }}>
                        {m.links.map((l) => (
                          <Typography
                            component="li"
                            variant="caption"
                            key={l.serviceMeasure?.id ?? l.procurementRequest?.id}
                          >
                            {l.serviceMeasure
                              ? translate("plans.links.serviceMeasure", { title: l.serviceMeasure.title })
                              : translate("plans.links.procurementRequest", {
                                  title: l.procurementRequest?.title ?? "",
                                })}
                          </Typography>
                        ))}
                      </Stack>
                    )}
                  </TableCell>
                  {(plan.viewerCanEdit || plan.viewerCanTrack) && (
                    <TableCell>
                      <Stack spacing={0.5} sx={{ alignItems: "flex-start" }}>
                        {plan.viewerCanEdit && (
                          <Button
                            size="small"
                            aria-label={t("editOf", { title: m.title })}
                            onClick={() => setOpen({ kind: "edit", measureId: m.id })}
                          >
                            {t("edit")}
                          </Button>
                        )}
                        {plan.viewerCanEdit && (
                          <Button
                            size="small"
                            color="error"
                            aria-label={t("removeOf", { title: m.title })}
                            onClick={() => setOpen({ kind: "remove", measureId: m.id })}
                          >
                            {t("remove")}
                          </Button>
                        )}
                        {plan.viewerCanTrack && (
                          <Button
                            size="small"
                            aria-label={t("linksOf", { title: m.title })}
                            onClick={() => setOpen({ kind: "links", measureId: m.id })}
                          >
                            {t("linksAction")}
                          </Button>
                        )}
                      </Stack>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Scroll>
      )}
      {open?.kind === "add" && <MeasureDialog plan={plan} onClose={() => setOpen(null)} />}
      {open?.kind === "edit" && chosen && (
        <MeasureDialog plan={plan} measure={chosen} onClose={() => setOpen(null)} />
      )}
      {open?.kind === "remove" && chosen && <RemoveDialog measure={chosen} onClose={() => setOpen(null)} />}
      {open?.kind === "links" && chosen && (
        <LinksDialog plan={plan} measure={chosen} onClose={() => setOpen(null)} />
      )}
    </Section>
  );
}

/** A school's target equipment in one category; an empty text removes it (DRAFT, the provider). */
function TargetDialog({ plan, onClose }: { plan: Plan; onClose: () => void }) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`plans.targets.${key}`, options);
  const notify = useNotify();
  const refresh = useRefresh();
  const id = useId();
  const [schoolId, setSchoolId] = useState("");
  const [category, setCategory] = useState<EquipmentCategory | "">("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = (school: string, chosen: EquipmentCategory | "") => {
    setSchoolId(school);
    setCategory(chosen);
    const existing = plan.schools
      .find((x) => x.school.id === school)
      ?.categories.find((x) => x.category === chosen)?.target;
    setDescription(existing ?? "");
  };
  const at = (field: string) => (error?.field === field ? error.message : undefined);
  return (
    <Dialog open onClose={onClose} aria-labelledby={id} fullWidth maxWidth="sm">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (!category) return;
          setBusy(true);
          try {
            await setTarget({ planId: plan.id, schoolId, category, description: description.trim() || null });
            notify(description.trim() ? t("saved") : t("removed"), { type: "success" });
            refresh();
            onClose();
          } catch (failure) {
            setError(fieldError(failure));
          } finally {
            setBusy(false);
          }
        }}
      >
        <DialogTitle id={id}>{t("title")}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: "grid", gap: 2, pt: 1, gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr" } }}>
            <TextField
              select
              required
              label={t("school")}
              value={schoolId}
              onChange={(event) => choose(event.target.value, category)}
              error={Boolean(at("schoolId"))}
              helperText={at("schoolId")}
            >
              {plan.authority.schools.map((s) => (
                <MenuItem key={s.id} value={s.id}>
                  {s.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              required
              label={t("category")}
              value={category}
              onChange={(event) => choose(schoolId, event.target.value as EquipmentCategory)}
            >
              {EQUIPMENT_CATEGORIES.map((c) => (
                <MenuItem key={c} value={c}>
                  {translate(`enums.EquipmentCategory.${c}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label={t("description")}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
              multiline
              minRows={3}
              error={Boolean(at("description"))}
              helperText={at("description") ?? t("descriptionHelp")}
              sx={{ gridColumn: { sm: "1 / -1" } }}
              slotProps={{ htmlInput: { maxLength: 2000 } }}
            />
          </Box>
          {error && !["schoolId", "description"].includes(error.field ?? "") && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error.message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate("plans.action.cancel")}</Button>
          <Button type="submit" variant="contained" disabled={busy || !schoolId || !category}>
            {t("save")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function TargetAction({ plan }: { plan: Plan }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  if (!plan.viewerCanEdit) return null;
  return (
    <>
      <Button size="small" variant="outlined" onClick={() => setOpen(true)}>
        {translate("plans.targets.title")}
      </Button>
      {open && <TargetDialog plan={plan} onClose={() => setOpen(false)} />}
    </>
  );
}
