// Start pages of the escalation side: the school-IT officer's (by clock, overdue first) and
// the school contact's (my school's escalations, raise a new one).
import { Button, Link as MuiLink, Stack, Typography } from "@mui/material";
import { useGetList, useTranslate } from "react-admin";
import { Link } from "react-router-dom";
import { Section } from "../controlling/ui.tsx";
import type { Row } from "../dataProvider/registry.ts";
import { byClock, CLOSED, EscalationCard, useEscalationsLive, useMe } from "./components.tsx";

function Cards({ rows, empty }: { rows: Row[]; empty: string }) {
  if (rows.length === 0)
    return (
      <Typography variant="body2" color="text.secondary">
        {empty}
      </Typography>
    );
  return (
    <Stack spacing={1}>
      {rows.map((e) => (
        <EscalationCard key={e.id} escalation={e} />
      ))}
    </Stack>
  );
}

export function SchoolItOfficerDashboard() {
  const translate = useTranslate();
  const t = (key: string) => translate(`escalations.dashboard.${key}`);
  const person = useMe();
  const authorityId = person?.authority?.id ?? "";
  const { data: overdue = [] } = useGetList(
    "overdueEscalations",
    { pagination: { page: 1, perPage: 500 }, meta: { authorityId } },
    { enabled: Boolean(authorityId) },
  );
  const { data: all = [] } = useGetList(
    "escalations",
    { pagination: { page: 1, perPage: 2000 }, meta: { authorityId } },
    { enabled: Boolean(authorityId) },
  );
  useEscalationsLive([authorityId]);
  const overdueIds = new Set(overdue.map((e) => e.id));
  const rest = all.filter((e) => !CLOSED.has(e.status) && !overdueIds.has(e.id)).sort(byClock);
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: "wrap", alignItems: "center" }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1, minWidth: 220 }}>
          {t("officer")}
        </Typography>
        <MuiLink component={Link} to="/escalations">
          {t("board")}
        </MuiLink>
        <MuiLink component={Link} to="/service-quality">
          {translate("escalations.quality.title")}
        </MuiLink>
      </Stack>
      <Section title={`${t("overdue")} (${overdue.length})`} level="h3" testId="overdue-escalations">
        <Cards rows={overdue} empty={t("noneOverdue")} />
      </Section>
      <Section title={`${t("open")} (${rest.length})`} level="h3" testId="open-escalations">
        <Cards rows={rest} empty={t("none")} />
      </Section>
    </Stack>
  );
}

export function SchoolContactDashboard() {
  const translate = useTranslate();
  const t = (key: string) => translate(`escalations.dashboard.${key}`);
  const person = useMe();
  const authorityId = person?.authority?.id ?? "";
  const { data = [] } = useGetList(
    "escalations",
    { pagination: { page: 1, perPage: 2000 }, meta: { authorityId } },
    { enabled: Boolean(authorityId) },
  );
  useEscalationsLive([authorityId]);
  const open = data.filter((e) => !CLOSED.has(e.status)).sort(byClock);
  const closed = data
    .filter((e) => CLOSED.has(e.status))
    .sort((a, b) => String(b.resolvedAt).localeCompare(String(a.resolvedAt)))
    .slice(0, 5);
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: "wrap", alignItems: "center" }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1, minWidth: 220 }}>
          {t("contact")}
          {person?.school ? `: ${person.school.name}` : ""}
        </Typography>
        <Button variant="contained" component={Link} to="/escalations/create">
          {translate("escalations.board.raise")}
        </Button>
      </Stack>
      <Section title={`${translate("escalations.dashboard.open")} (${open.length})`} level="h3">
        <Cards rows={open} empty={t("contactNone")} />
      </Section>
      {closed.length > 0 && (
        <Section title={translate("enums.EscalationStatus.RESOLVED")} level="h3">
          <Cards rows={closed} empty="" />
        </Section>
      )}
    </Stack>
  );
}
