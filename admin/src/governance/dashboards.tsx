// Dashboards of the steering member (reviews waiting) and the service manager (next Jour-Fixe).
import RateReviewIcon from "@mui/icons-material/RateReview";
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Link as MuiLink,
  Stack,
  Typography,
} from "@mui/material";
import { type ReactNode, useEffect, useState } from "react";
import { useNotify, useTranslate } from "react-admin";
import { Link } from "react-router-dom";
import type { Row } from "../dataProvider/registry.ts";
import { date, dateTime, euro } from "../format.ts";
import { request } from "../graphql.ts";
import { ReviewCount } from "./decisions.tsx";
import { EnumChip, OverdueChip, showPath } from "./util.tsx";

function useData<T>(query: string, variables: Record<string, unknown> = {}): T | null {
  const notify = useNotify();
  const [data, setData] = useState<T | null>(null);
  const key = JSON.stringify(variables);
  useEffect(() => {
    let live = true;
    request<T>(query, JSON.parse(key))
      .then((result) => live && setData(result))
      .catch((error: Error) => notify(error.message, { type: "error" }));
    return () => {
      live = false;
    };
  }, [query, key, notify]);
  return data;
}

function Panel({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Card component="section" aria-label={title}>
      <CardHeader title={title} action={action} slotProps={{ title: { component: "h2", variant: "h6" } }} />
      <CardContent sx={{ pt: 0 }}>{children}</CardContent>
    </Card>
  );
}

/** `li` inside the dashboard's lists, so that lists hold only items. */
function Empty({ text, li = false }: { text: string; li?: boolean }) {
  return (
    <Typography variant="body2" color="text.secondary" component={li ? "li" : "p"}>
      {text}
    </Typography>
  );
}

const STEERING = `{
  myPendingReviews { id title status decidedOn authority { name } meeting { id kind scheduledAt } }
  decisions(first: 8) { edges { node { id title status decidedOn authority { name }
    reviewSummary { members pending { id } } } } } }`;

export function SteeringMemberDashboard() {
  const translate = useTranslate();
  const data = useData<{ myPendingReviews: Row[]; decisions: { edges: { node: Row }[] } }>(STEERING);
  if (!data) return <Typography>{translate("gov.common.loading")}</Typography>;
  return (
    <Stack spacing={2}>
      <Panel title={translate("gov.dashboard.pendingReviews")}>
        {data.myPendingReviews.length === 0 ? (
          <Empty text={translate("gov.dashboard.noPendingReviews")} />
        ) : (
          <Stack component="ul" spacing={1} sx={{ listStyle: "none", p: 0, m: 0 }}>
            {data.myPendingReviews.map((d) => (
              <Stack
                component="li"
                key={d.id}
                direction={{ xs: "column", sm: "row" }}
                spacing={1}
                sx={{ alignItems: { sm: "center" }, borderBottom: 1, borderColor: "divider", pb: 1 }}
              >
                <Box sx={{ flexGrow: 1 }}>
                  <Typography variant="body1">{d.title}</Typography>
                  <Typography variant="caption" color="text.secondary">
                    {date(d.decidedOn)} · {translate(`enums.MeetingKind.${d.meeting.kind}`)} ·{" "}
                    {d.authority.name}
                  </Typography>
                </Box>
                <EnumChip name="DecisionStatus" value={d.status} />
                <Button
                  component={Link}
                  to={showPath("decisions", d.id)}
                  variant="contained"
                  size="small"
                  startIcon={<RateReviewIcon />}
                  aria-label={`${translate("gov.review.action")}: ${d.title}`}
                >
                  {translate("gov.review.action")}
                </Button>
              </Stack>
            ))}
          </Stack>
        )}
      </Panel>
      <Panel
        title={translate("gov.dashboard.recentDecisions")}
        action={
          <Button component={Link} to="/decisions" size="small">
            {translate("gov.menu.decisions")}
          </Button>
        }
      >
        <Stack component="ul" spacing={1} sx={{ listStyle: "none", p: 0, m: 0 }}>
          {data.decisions.edges.map(({ node: d }) => (
            <Stack component="li" key={d.id} direction="row" spacing={1} sx={{ alignItems: "center" }}>
              <Typography variant="body2" sx={{ minWidth: 88 }}>
                {date(d.decidedOn)}
              </Typography>
              <MuiLink component={Link} to={showPath("decisions", d.id)} sx={{ flexGrow: 1 }}>
                {d.title}
              </MuiLink>
              <EnumChip name="DecisionStatus" value={d.status} />
              <Typography variant="caption">
                <ReviewCount summary={d.reviewSummary} />
              </Typography>
            </Stack>
          ))}
        </Stack>
      </Panel>
    </Stack>
  );
}

const NEXT_JOUR_FIXE = `query ($from: DateTime) { meetings(filter: { kind: JOUR_FIXE, from: $from }, first: 10) {
  edges { node {
    id title scheduledAt status location minutesStatus
    agendaItems { id position title kind status escalation { id subject school { name } } }
    authority { id name procurementRequests { id title status estimatedCost school { name } } } } } } }`;

interface Candidates {
  agendaItems: { id: string; title: string; kind: string; meeting: { scheduledAt: string } }[];
  actionItems: {
    id: string;
    title: string;
    dueDate: string | null;
    overdue: boolean;
    owner: { name: string } | null;
  }[];
}

export function ServiceManagerDashboard() {
  const translate = useTranslate();
  const notify = useNotify();
  const [from] = useState(() => new Date().toISOString());
  const data = useData<{ meetings: { edges: { node: Row }[] } }>(NEXT_JOUR_FIXE, { from });
  const [candidates, setCandidates] = useState<Candidates | null>(null);

  // The earliest upcoming Jour-Fixe of the authorities served that is neither cancelled nor closed
  // (the API orders by date).
  const next = data?.meetings.edges
    .map((e) => e.node)
    .find((m) => m.status !== "CANCELLED" && m.minutesStatus !== "FINAL");
  const nextId = next?.id as string | undefined;

  useEffect(() => {
    if (!nextId) return;
    request<{ carryForwardCandidates: Candidates }>(
      `query ($id: ID!) { carryForwardCandidates(meetingId: $id) {
        agendaItems { id title kind meeting { scheduledAt } }
        actionItems { id title dueDate overdue owner { name } } } }`,
      { id: nextId },
    )
      .then((result) => setCandidates(result.carryForwardCandidates))
      .catch((error: Error) => notify(error.message, { type: "error" }));
  }, [nextId, notify]);

  if (!data) return <Typography>{translate("gov.common.loading")}</Typography>;
  if (!next)
    return (
      <Panel title={translate("gov.dashboard.nextJourFixe")}>
        <Empty text={translate("gov.dashboard.noNextJourFixe")} />
      </Panel>
    );

  const agenda = [...next.agendaItems].sort((a: Row, b: Row) => a.position - b.position);
  const escalations = agenda.filter((i: Row) => i.kind === "ESCALATION");
  const procurement = next.authority.procurementRequests.filter((p: Row) =>
    ["RAISED", "ON_AGENDA"].includes(p.status),
  );

  return (
    <Stack spacing={2}>
      <Panel
        title={`${translate("gov.dashboard.nextJourFixe")}: ${dateTime(next.scheduledAt)}`}
        action={
          <Button component={Link} to={showPath("meetings", next.id)} variant="contained" size="small">
            {translate("gov.dashboard.openMeeting")}
          </Button>
        }
      >
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {next.title} · {next.authority.name} · {next.location ?? "–"}
        </Typography>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {translate("gov.dashboard.proposedAgenda")}
        </Typography>
        <Box
          sx={{
            display: "grid",
            gap: 2,
            gridTemplateColumns: { xs: "1fr", md: "repeat(2, minmax(0, 1fr))" },
            mt: 1,
          }}
        >
          <Section title={translate("gov.dashboard.onAgenda")}>
            {agenda.length === 0 ? (
              <Empty li text={translate("gov.dashboard.none")} />
            ) : (
              agenda.map((i: Row) => (
                <Item key={i.id}>
                  TOP {i.position}: {i.title}{" "}
                  <Chip size="small" variant="outlined" label={translate(`enums.AgendaItemKind.${i.kind}`)} />
                </Item>
              ))
            )}
          </Section>
          <Section title={translate("gov.dashboard.carriedForward")}>
            {candidates === null ? (
              <Empty li text={translate("gov.common.loading")} />
            ) : candidates.agendaItems.length === 0 ? (
              <Empty li text={translate("gov.dashboard.none")} />
            ) : (
              candidates.agendaItems.map((i) => (
                <Item key={i.id}>
                  {i.title}{" "}
                  <Typography variant="caption" color="text.secondary">
                    ({date(i.meeting.scheduledAt)})
                  </Typography>
                </Item>
              ))
            )}
          </Section>
          <Section title={translate("gov.dashboard.escalations")}>
            {escalations.length === 0 ? (
              <Empty li text={translate("gov.dashboard.none")} />
            ) : (
              escalations.map((i: Row) => (
                <Item key={i.id}>
                  {i.escalation ? `${i.escalation.subject} (${i.escalation.school.name})` : i.title}
                </Item>
              ))
            )}
          </Section>
          <Section title={translate("gov.dashboard.procurement")}>
            {procurement.length === 0 ? (
              <Empty li text={translate("gov.dashboard.none")} />
            ) : (
              procurement.map((p: Row) => (
                <Item key={p.id}>
                  <MuiLink component={Link} to={showPath("procurementRequests", p.id)}>
                    {p.title}
                  </MuiLink>{" "}
                  – {p.school.name}, {euro(p.estimatedCost)}{" "}
                  <EnumChip name="ProcurementStatus" value={p.status} />
                </Item>
              ))
            )}
          </Section>
        </Box>
      </Panel>
      <Panel title={translate("gov.dashboard.openActions")}>
        {candidates === null || candidates.actionItems.length === 0 ? (
          <Empty text={translate("gov.dashboard.none")} />
        ) : (
          <Stack component="ul" spacing={0.5} sx={{ listStyle: "none", p: 0, m: 0 }}>
            {candidates.actionItems.map((a) => (
              <Item key={a.id}>
                {a.title} – {a.owner?.name ?? "–"}, {date(a.dueDate)} {a.overdue && <OverdueChip />}
              </Item>
            ))}
          </Stack>
        )}
      </Panel>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={title}>
      <Typography variant="subtitle2" component="h4" sx={{ mb: 0.5 }}>
        {title}
      </Typography>
      <Stack component="ul" spacing={0.5} sx={{ listStyle: "none", p: 0, m: 0 }}>
        {children}
      </Stack>
    </Box>
  );
}

function Item({ children }: { children: ReactNode }) {
  return (
    <Typography component="li" variant="body2">
      {children}
    </Typography>
  );
}
