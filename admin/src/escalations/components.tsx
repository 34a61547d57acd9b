// Pieces every escalation page uses: chips, the clock, a card, live refresh.
import {
  Card,
  CardContent,
  Chip,
  MenuItem,
  Link as MuiLink,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { useEffect, useState } from "react";
import { useGetList, useRefresh, useTranslate } from "react-admin";
import { Link } from "react-router-dom";
import { type Me, me } from "../authProvider.ts";
import type { Row } from "../dataProvider/registry.ts";
import { date } from "../format.ts";
import { subscribe } from "../graphql.ts";

export const STATUSES = ["RAISED", "IN_REVIEW", "ON_AGENDA", "RESOLVED", "REJECTED"] as const;
export const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;
export const CLOSED = new Set(["RESOLVED", "REJECTED"]);

// Text colours with at least 4.5:1 contrast on white; MUI's "warning" and "info" have less.
const SEVERITY_STYLE: Record<string, { color: string; filled?: boolean }> = {
  CRITICAL: { color: "#b71c1c", filled: true },
  HIGH: { color: "#a84300" },
  MEDIUM: { color: "#1f4e79" },
  LOW: { color: "#555555" },
};

export function SeverityChip({ severity }: { severity: string }) {
  const translate = useTranslate();
  const style = SEVERITY_STYLE[severity] ?? { color: "#555555" };
  return (
    <Chip
      size="small"
      variant={style.filled ? "filled" : "outlined"}
      label={translate(`enums.Severity.${severity}`)}
      sx={
        style.filled
          ? { bgcolor: style.color, color: "#fff" }
          : { color: style.color, borderColor: style.color }
      }
    />
  );
}

export function StatusChip({ status }: { status: string }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={CLOSED.has(status) ? "default" : "primary"}
      label={translate(`enums.EscalationStatus.${status}`)}
    />
  );
}

/** The due date that matters now (review until reviewed, then resolution), and how late it is. */
export function ClockLine({ escalation }: { escalation: Row }) {
  const translate = useTranslate();
  const { clock, status } = escalation;
  if (CLOSED.has(status))
    return (
      <Typography variant="caption" color="text.secondary">
        {translate("escalations.clock.closedOn", { date: date(escalation.resolvedAt) })}
      </Typography>
    );
  const due =
    status === "RAISED"
      ? translate("escalations.clock.reviewDue", { date: date(clock.reviewDueDate) })
      : translate("escalations.clock.resolutionDue", { date: date(clock.resolutionDueDate) });
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap", alignItems: "center" }}>
      <Typography variant="caption">{due}</Typography>
      {clock.overdue && <OverdueBadge days={clock.overdueWorkingDays} />}
    </Stack>
  );
}

export function OverdueBadge({ days }: { days: number }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color="error"
      data-testid="overdue-badge"
      label={translate("escalations.clock.overdue", { days })}
    />
  );
}

export const escalationPath = (id: string) => `/escalations/${encodeURIComponent(id)}/show`;

export function EscalationCard({ escalation }: { escalation: Row }) {
  return (
    <Card
      variant="outlined"
      component="article"
      data-testid="escalation-card"
      sx={{ borderLeft: 4, borderLeftColor: escalation.clock?.overdue ? "error.main" : "divider" }}
    >
      <CardContent sx={{ p: 1.5, "&:last-child": { pb: 1.5 } }}>
        <Typography variant="body2" component="h3" sx={{ fontWeight: 600 }}>
          <MuiLink component={Link} to={escalationPath(escalation.id)}>
            {escalation.subject}
          </MuiLink>
        </Typography>
        <Typography variant="caption" component="p" color="text.secondary">
          {escalation.school?.name}
          {escalation.ticketRef ? ` · ${escalation.ticketRef}` : ""} · {date(escalation.raisedAt)}
        </Typography>
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ mt: 0.5, flexWrap: "wrap", alignItems: "center" }}
        >
          <SeverityChip severity={escalation.severity} />
          <ClockLine escalation={escalation} />
        </Stack>
      </CardContent>
    </Card>
  );
}

/** The signed-in person (for their authority and school). */
export function useMe(): Me | null {
  const [person, setPerson] = useState<Me | null>(null);
  useEffect(() => {
    let live = true;
    me().then((p) => live && setPerson(p));
    return () => {
      live = false;
    };
  }, []);
  return person;
}

/** Any change to an escalation of the authority (raised, moved on, rated) re-reads the page. */
export function useEscalationsLive(authorityIds: string[]) {
  const refresh = useRefresh();
  const key = [...new Set(authorityIds.filter(Boolean))].sort().join(",");
  useEffect(() => {
    if (!key) return;
    const stops = key
      .split(",")
      .map((id) =>
        subscribe("subscription ($id: ID!) { escalationUpdated(authorityId: $id) { id } }", { id }, () =>
          refresh(),
        ),
      );
    return () => {
      for (const stop of stops) stop();
    };
  }, [key, refresh]);
}

/** Open escalations by the due date that matters now, most overdue first. */
export function byClock(a: Row, b: Row): number {
  const due = (e: Row) => (e.status === "RAISED" ? e.clock.reviewDueDate : e.clock.resolutionDueDate);
  return (
    b.clock.overdueWorkingDays - a.clock.overdueWorkingDays || String(due(a)).localeCompare(String(due(b)))
  );
}

/** The authorities the person sees and the one a page shows: the chosen one, else the first by name. */
export function useAuthorityChoice() {
  const { data: authorities = [] } = useGetList("authorities", {
    pagination: { page: 1, perPage: 100 },
    sort: { field: "name", order: "ASC" },
  });
  const [chosen, setChosen] = useState("");
  const authorityId = chosen || (authorities[0]?.id as string | undefined) || "";
  return { authorities, authorityId, setChosen };
}

/** A select of the authorities, shown only to people who see more than one (provider people). */
export function AuthorityChooser({
  label,
  choice,
}: {
  label: string;
  /** Where the choice lives is the page's: its state, or its address. */
  choice: Pick<ReturnType<typeof useAuthorityChoice>, "authorities" | "authorityId"> & {
    setChosen: (authorityId: string) => void;
  };
}) {
  if (choice.authorities.length <= 1) return null;
  return (
    <TextField
      select
      size="small"
      label={label}
      value={choice.authorityId}
      onChange={(e) => choice.setChosen(e.target.value)}
      sx={{ width: 280, maxWidth: "100%" }}
    >
      {choice.authorities.map((a) => (
        <MenuItem key={a.id} value={a.id}>
          {a.name}
        </MenuItem>
      ))}
    </TextField>
  );
}
