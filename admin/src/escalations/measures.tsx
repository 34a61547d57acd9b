// Service measures (Maßnahmen) per school: the provider plans, starts and completes them with a
// service report; the authority's IT department declares acceptance (Abnahme), which for an
// upgrade to the target picture hands the school's support over to the provider.

import {
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
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
import { useCallback, useEffect, useId, useState } from "react";
import { Title, useNotify, usePermissions, useTranslate } from "react-admin";
import { hasRole, type Role } from "../authProvider.ts";
import { Scroll, Section, TextActionButton, useAction } from "../controlling/ui.tsx";
import type { Row } from "../dataProvider/registry.ts";
import { date } from "../format.ts";
import { request } from "../graphql.ts";
import { RowsExportMenu, useListExports } from "../ui/ExportMenu.tsx";
import type { ExportColumn } from "../ui/exports.ts";
import { AuthorityChooser, useAuthorityChoice } from "./components.tsx";

const DELIVERERS: Role[] = ["ADMIN", "SERVICE_MANAGER", "PROVIDER_STAFF"];
const KINDS = ["UPGRADE", "INSTALLATION", "REPAIR", "NETWORK", "OTHER"];
const MEASURE = "id title description kind status report acceptanceRequired startedAt completedAt acceptedAt";
const QUERY = `query ($id: ID!) { schoolAuthority(id: $id) { id
  schools { id name upgradeStatus supportedBy }
  serviceMeasures { ${MEASURE} school { id } } } }`;

const MEASURE_EXPORT: ExportColumn[] = [
  { label: "escalations.measures.school", value: (m) => m.school?.name },
  { label: "escalations.measures.titleField", value: (m) => m.title },
  { label: "escalations.measures.kind", value: (m, t) => t(`enums.MeasureKind.${m.kind}`) },
  { label: "escalations.measures.status", value: (m, t) => t(`enums.MeasureStatus.${m.status}`) },
  { label: "escalations.measures.startedAt", value: (m) => m.startedAt, kind: "date" },
  { label: "escalations.measures.completedAt", value: (m) => m.completedAt, kind: "date" },
  { label: "escalations.measures.acceptedAt", value: (m) => m.acceptedAt, kind: "date" },
  { label: "escalations.measures.report", value: (m) => m.report },
];

const STATUS_COLOR: Record<string, "default" | "info" | "warning" | "success"> = {
  PLANNED: "default",
  IN_PROGRESS: "info",
  COMPLETED: "warning",
  ACCEPTED: "success",
};

function CreateMeasure({ schools, onDone }: { schools: Row[]; onDone: () => void }) {
  const translate = useTranslate();
  const t = (key: string) => translate(`escalations.measures.${key}`);
  const { run, busy } = useAction();
  const id = useId();
  const empty = { schoolId: "", kind: "UPGRADE", title: "", description: "" };
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(empty);
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: event.target.value }));
  return (
    <>
      <Button variant="contained" onClick={() => setOpen(true)}>
        {t("create")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={id} fullWidth maxWidth="sm">
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const ok = await run(
              () =>
                request(
                  "mutation ($input: CreateServiceMeasureInput!) { createServiceMeasure(input: $input) { id } }",
                  {
                    input: {
                      schoolId: form.schoolId,
                      kind: form.kind,
                      title: form.title.trim(),
                      description: form.description.trim() || null,
                    },
                  },
                ),
              t("created"),
            );
            if (ok) {
              setOpen(false);
              setForm(empty);
              onDone();
            }
          }}
        >
          <DialogTitle id={id}>{t("create")}</DialogTitle>
          <DialogContent>
            <Box sx={{ display: "grid", gap: 2, pt: 1 }}>
              <TextField select label={t("school")} value={form.schoolId} onChange={set("schoolId")} required>
                {schools.map((s) => (
                  <MenuItem key={s.id} value={s.id}>
                    {s.name}
                  </MenuItem>
                ))}
              </TextField>
              <TextField select label={t("kind")} value={form.kind} onChange={set("kind")} required>
                {KINDS.map((k) => (
                  <MenuItem key={k} value={k}>
                    {translate(`enums.MeasureKind.${k}`)}
                  </MenuItem>
                ))}
              </TextField>
              <TextField label={t("titleField")} value={form.title} onChange={set("title")} required />
              <TextField
                label={t("description")}
                value={form.description}
                onChange={set("description")}
                multiline
                minRows={2}
              />
            </Box>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{translate("escalations.action.cancel")}</Button>
            <Button type="submit" variant="contained" disabled={busy || !form.schoolId || !form.title.trim()}>
              {t("create")}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}

function MeasureActions({ measure, onDone }: { measure: Row; onDone: () => void }) {
  const translate = useTranslate();
  const t = (key: string) => translate(`escalations.measures.${key}`);
  const { permissions } = usePermissions();
  const { run, busy } = useAction();
  const act = async (query: string, variables: Record<string, unknown>, done: string) => {
    const ok = await run(() => request(query, variables), t(done));
    if (ok) onDone();
    return ok;
  };
  const deliverer = hasRole(permissions, ...DELIVERERS);
  if (deliverer && measure.status === "PLANNED")
    return (
      <Button
        size="small"
        variant="outlined"
        disabled={busy}
        onClick={() =>
          act(
            "mutation ($id: ID!) { startServiceMeasure(measureId: $id) { id } }",
            { id: measure.id },
            "started",
          )
        }
      >
        {t("start")}
      </Button>
    );
  if (deliverer && measure.status === "IN_PROGRESS")
    return (
      <TextActionButton
        label={t("complete")}
        title={t("completeTitle")}
        fieldLabel={t("report")}
        onConfirm={(report) =>
          act(
            "mutation ($id: ID!, $report: String!) { completeServiceMeasure(measureId: $id, report: $report) { id } }",
            { id: measure.id, report },
            "completed",
          )
        }
      />
    );
  if (measure.status === "COMPLETED" && hasRole(permissions, "SCHOOL_IT_OFFICER"))
    return (
      <Button
        size="small"
        variant="contained"
        disabled={busy}
        onClick={() =>
          act(
            "mutation ($id: ID!) { acceptServiceMeasure(measureId: $id) { id } }",
            { id: measure.id },
            "accepted",
          )
        }
      >
        {t("accept")}
      </Button>
    );
  return null;
}

function MeasureTable({ measures, onDone }: { measures: Row[]; onDone: () => void }) {
  const translate = useTranslate();
  const t = (key: string) => translate(`escalations.measures.${key}`);
  return (
    <Scroll>
      <Table size="small" aria-label={t("title")}>
        <TableHead>
          <TableRow>
            <TableCell>{t("titleField")}</TableCell>
            <TableCell>{t("kind")}</TableCell>
            <TableCell>{t("status")}</TableCell>
            <TableCell>{t("report")}</TableCell>
            <TableCell>{t("actions")}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {measures.map((m) => (
            <TableRow key={m.id} data-testid={`measure-${m.title}`}>
              <TableCell>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {m.title}
                </Typography>
                {m.description && (
                  <Typography variant="caption" color="text.secondary">
                    {m.description}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{translate(`enums.MeasureKind.${m.kind}`)}</TableCell>
              <TableCell>
                <Stack spacing={0.5} sx={{ alignItems: "flex-start" }}>
                  <Chip
                    size="small"
                    color={STATUS_COLOR[m.status]}
                    // Network work ends with its completion: the API files it as ACCEPTED without anyone accepting it.
                    label={translate(
                      `enums.MeasureStatus.${m.status === "ACCEPTED" && !m.acceptanceRequired ? "COMPLETED" : m.status}`,
                    )}
                  />
                  <Typography variant="caption" color="text.secondary">
                    {m.acceptedAt
                      ? translate("escalations.measures.acceptedOn", { date: date(m.acceptedAt) })
                      : m.completedAt
                        ? translate("escalations.measures.completedOn", { date: date(m.completedAt) })
                        : m.startedAt
                          ? translate("escalations.measures.startedOn", { date: date(m.startedAt) })
                          : ""}
                  </Typography>
                  {!m.acceptanceRequired && (
                    <Typography variant="caption" color="text.secondary">
                      {t("noAcceptance")}
                    </Typography>
                  )}
                </Stack>
              </TableCell>
              <TableCell sx={{ whiteSpace: "pre-wrap", maxWidth: 360 }}>{m.report ?? "–"}</TableCell>
              <TableCell>
                <MeasureActions measure={m} onDone={onDone} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Scroll>
  );
}

export function MeasuresPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const t = (key: string) => translate(`escalations.measures.${key}`);
  const { permissions } = usePermissions();
  const choice = useAuthorityChoice();
  const { authorityId } = choice;
  const [data, setData] = useState<Row | null>(null);
  const load = useCallback(() => {
    if (!authorityId) return;
    request<{ schoolAuthority: Row }>(QUERY, { id: authorityId })
      .then((result) => setData(result.schoolAuthority))
      .catch((error: Error) => notify(error.message, { type: "error" }));
  }, [authorityId, notify]);
  useEffect(load, [load]);
  const schools: Row[] = data?.schools ?? [];
  const measures: Row[] = data?.serviceMeasures ?? [];
  const exports = useListExports(MEASURE_EXPORT, "escalations.measures.title");
  const names = new Map(schools.map((s) => [s.id, s.name]));
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 4, minWidth: 0 }}>
      <Title title={t("title")} />
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: "wrap", alignItems: "center" }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1, minWidth: 200 }}>
          {t("title")}
        </Typography>
        <AuthorityChooser label={t("authority")} choice={choice} />
        <RowsExportMenu
          rows={measures.map((m) => ({ ...m, school: { id: m.school.id, name: names.get(m.school.id) } }))}
          exports={exports}
        />
        {hasRole(permissions, ...DELIVERERS) && schools.length > 0 && (
          <CreateMeasure schools={schools} onDone={load} />
        )}
      </Stack>
      {!data && <Typography variant="body2">{t("loading")}</Typography>}
      {schools.map((school) => {
        const own = measures.filter((m) => m.school.id === school.id);
        return (
          <Section
            key={school.id}
            title={school.name}
            testId={`school-${school.name}`}
            action={
              <Stack direction="row" spacing={1}>
                <Chip
                  size="small"
                  variant="outlined"
                  label={`${translate("escalations.measures.upgrade")}: ${translate(`enums.UpgradeStatus.${school.upgradeStatus}`)}`}
                />
                <Chip
                  size="small"
                  color={school.supportedBy === "PROVIDER" ? "primary" : "default"}
                  label={translate(`enums.SupportSide.${school.supportedBy}`)}
                />
              </Stack>
            }
          >
            {own.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                {t("none")}
              </Typography>
            ) : (
              <MeasureTable measures={own} onDone={load} />
            )}
          </Section>
        );
      })}
    </Stack>
  );
}
