// Escalations as a board by status, each card with its clock; open columns sorted by the clock,
// closed ones newest first and shortened.
import { Box, Button, MenuItem, Paper, Stack, TextField, Typography } from "@mui/material";
import { useState } from "react";
import { Title, useGetList, usePermissions, useTranslate } from "react-admin";
import { Link } from "react-router-dom";
import { hasRole } from "../authProvider.ts";
import type { Row } from "../dataProvider/registry.ts";
import { RowsExportMenu, useListExports } from "../ui/ExportMenu.tsx";
import type { ExportColumn } from "../ui/exports.ts";
import {
  AuthorityChooser,
  byClock,
  CLOSED,
  EscalationCard,
  SEVERITIES,
  STATUSES,
  useAuthorityChoice,
  useEscalationsLive,
  useMe,
} from "./components.tsx";

const CLOSED_SHOWN = 6;

const ESCALATION_EXPORT: ExportColumn[] = [
  { label: "resources.escalations.fields.raisedAt", value: (e) => e.raisedAt, kind: "dateTime" },
  { label: "resources.escalations.fields.subject", value: (e) => e.subject },
  { label: "resources.escalations.fields.authority", value: (e) => e.authority?.name },
  { label: "resources.escalations.fields.school", value: (e) => e.school?.name },
  { label: "resources.escalations.fields.severity", value: (e, t) => t(`enums.Severity.${e.severity}`) },
  { label: "resources.escalations.fields.status", value: (e, t) => t(`enums.EscalationStatus.${e.status}`) },
  { label: "resources.escalations.fields.ticketRef", value: (e) => e.ticketRef },
  { label: "resources.escalations.fields.reviewedAt", value: (e) => e.reviewedAt, kind: "dateTime" },
  { label: "resources.escalations.fields.resolvedAt", value: (e) => e.resolvedAt, kind: "dateTime" },
];

function Column({ status, rows }: { status: string; rows: Row[] }) {
  const translate = useTranslate();
  const [all, setAll] = useState(false);
  const closed = CLOSED.has(status);
  const sorted = closed
    ? [...rows].sort((a, b) => String(b.resolvedAt).localeCompare(String(a.resolvedAt)))
    : [...rows].sort(byClock);
  const shown = closed && !all ? sorted.slice(0, CLOSED_SHOWN) : sorted;
  const label = translate(`enums.EscalationStatus.${status}`);
  return (
    <Paper
      component="section"
      aria-label={label}
      data-testid={`column-${status}`}
      variant="outlined"
      sx={{ p: 1, bgcolor: "grey.50", minWidth: 0 }}
    >
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, px: 0.5, mb: 1 }}>
        {translate("escalations.board.column", { status: label, count: rows.length })}
      </Typography>
      <Stack spacing={1}>
        {shown.length === 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ px: 0.5 }}>
            {translate("escalations.board.empty")}
          </Typography>
        )}
        {shown.map((e) => (
          <EscalationCard key={e.id} escalation={e} />
        ))}
        {closed && rows.length > CLOSED_SHOWN && (
          <Button size="small" onClick={() => setAll(!all)}>
            {all
              ? translate("escalations.board.less")
              : translate("escalations.board.more", { count: rows.length })}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

export function EscalationBoard() {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const person = useMe();
  const [severity, setSeverity] = useState("");
  const [school, setSchool] = useState("");
  const choice = useAuthorityChoice();
  const { data = [], error } = useGetList(
    "escalations",
    {
      pagination: { page: 1, perPage: 2000 },
      sort: { field: "raisedAt", order: "DESC" },
      meta: { authorityId: choice.authorityId },
    },
    { enabled: Boolean(choice.authorityId) },
  );
  useEscalationsLive([choice.authorityId, person?.authority?.id ?? ""]);
  const schools = [...new Map(data.map((e) => [e.school.id, e.school.name])).entries()].sort((a, b) =>
    a[1].localeCompare(b[1], "de"),
  );
  const rows = data.filter(
    (e) => (!severity || e.severity === severity) && (!school || e.school.id === school),
  );
  const exports = useListExports(ESCALATION_EXPORT, "resources.escalations.name");
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 4, minWidth: 0 }}>
      <Title title={translate("escalations.board.title")} />
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: "wrap", alignItems: "center" }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1, minWidth: 200 }}>
          {translate("escalations.board.title")}
        </Typography>
        <AuthorityChooser label={translate("resources.escalations.fields.authority")} choice={choice} />
        <TextField
          select
          size="small"
          label={translate("resources.escalations.fields.severity")}
          value={severity}
          onChange={(event) => setSeverity(event.target.value)}
          sx={{ width: 180 }}
        >
          <MenuItem value="">–</MenuItem>
          {SEVERITIES.map((s) => (
            <MenuItem key={s} value={s}>
              {translate(`enums.Severity.${s}`)}
            </MenuItem>
          ))}
        </TextField>
        {schools.length > 1 && (
          <TextField
            select
            size="small"
            label={translate("resources.escalations.fields.school")}
            value={school}
            onChange={(event) => setSchool(event.target.value)}
            sx={{ width: 280, maxWidth: "100%" }}
          >
            <MenuItem value="">–</MenuItem>
            {schools.map(([id, name]) => (
              <MenuItem key={id} value={id}>
                {name}
              </MenuItem>
            ))}
          </TextField>
        )}
        <RowsExportMenu rows={rows} exports={exports} />
        {hasRole(permissions, "SCHOOL_CONTACT", "SCHOOL_IT_OFFICER") && (
          <Button variant="contained" component={Link} to="/escalations/create">
            {translate("escalations.board.raise")}
          </Button>
        )}
      </Stack>
      {error && <Typography color="error">{(error as Error).message}</Typography>}
      <Box
        sx={{
          display: "grid",
          gap: 1.5,
          alignItems: "start",
          gridTemplateColumns: {
            xs: "minmax(0, 1fr)",
            sm: "repeat(2, minmax(0, 1fr))",
            lg: "repeat(5, minmax(0, 1fr))",
          },
        }}
      >
        {STATUSES.map((status) => (
          <Column key={status} status={status} rows={rows.filter((e) => e.status === status)} />
        ))}
      </Box>
    </Stack>
  );
}
