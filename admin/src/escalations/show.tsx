// One escalation: its clock, the case, the Jour-Fixe it went to, satisfaction, and the next
// step for whoever may take it (officer: review; officer/service manager: schedule, resolve,
// reject; the school or the officer: satisfaction).
import {
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Link as MuiLink,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { useId, useState } from "react";
import { Title, useGetOne, usePermissions, useTranslate } from "react-admin";
import { Link, useParams } from "react-router-dom";
import { hasRole, type Me } from "../authProvider.ts";
import { Section, TextActionButton, useAction } from "../controlling/ui.tsx";
import type { Row } from "../dataProvider/registry.ts";
import { date, dateTime } from "../format.ts";
import { request } from "../graphql.ts";
import {
  CLOSED,
  escalationPath,
  OverdueBadge,
  SeverityChip,
  StatusChip,
  useEscalationsLive,
  useMe,
} from "./components.tsx";

function ClockPanel({ escalation }: { escalation: Row }) {
  const translate = useTranslate();
  const { clock, status } = escalation;
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`escalations.clock.${key}`, options);
  const reviewed = status !== "RAISED";
  const closed = CLOSED.has(status);
  const row = (label: string, target: number, due: string, spent: number, done: boolean, inTime: boolean) => (
    <Box>
      <Typography variant="subtitle2" component="h3">
        {label}
      </Typography>
      <Typography variant="body2">{t("target", { days: target, date: date(due) })}</Typography>
      <Typography variant="body2" color={done && !inTime ? "error" : "text.secondary"}>
        {done ? t("spentDone", { days: spent }) : t("spent", { days: spent })} ·{" "}
        {done ? (inTime ? t("inTime") : t("late")) : t("open")}
      </Typography>
    </Box>
  );
  return (
    <Stack spacing={1.5}>
      {clock.overdue && <OverdueBadge days={clock.overdueWorkingDays} />}
      {row(
        t("review"),
        clock.reviewTargetDays,
        clock.reviewDueDate,
        clock.workingDaysToReview,
        reviewed,
        clock.reviewedInTime,
      )}
      {row(
        t("resolution"),
        clock.resolutionTargetDays,
        clock.resolutionDueDate,
        clock.workingDaysToResolution,
        closed,
        clock.resolvedInTime,
      )}
    </Stack>
  );
}

function RateButton({ escalation }: { escalation: Row }) {
  const translate = useTranslate();
  const { run, busy } = useAction();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [score, setScore] = useState("4");
  const [comment, setComment] = useState("");
  const t = (key: string) => translate(`escalations.action.${key}`);
  return (
    <>
      <Button variant="outlined" onClick={() => setOpen(true)}>
        {t("rate")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={id} fullWidth maxWidth="sm">
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const ok = await run(
              () =>
                request(
                  "mutation ($input: RecordSatisfactionInput!) { recordSatisfaction(input: $input) { id } }",
                  {
                    input: {
                      escalationId: escalation.id,
                      schoolId: escalation.school.id,
                      score: Number(score),
                      comment: comment.trim() || null,
                    },
                  },
                ),
              t("rated"),
            );
            if (ok) setOpen(false);
          }}
        >
          <DialogTitle id={id}>{t("rateTitle")}</DialogTitle>
          <DialogContent>
            <Stack spacing={2} sx={{ pt: 1 }}>
              <TextField select label={t("score")} value={score} onChange={(e) => setScore(e.target.value)}>
                {[5, 4, 3, 2, 1].map((n) => (
                  <MenuItem key={n} value={String(n)}>
                    {translate("escalations.show.score", { score: n })}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                label={t("comment")}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                multiline
                minRows={2}
              />
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{t("cancel")}</Button>
            <Button type="submit" variant="contained" disabled={busy}>
              {t("save")}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}

function Actions({ escalation, person }: { escalation: Row; person: Me | null }) {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const { run, busy } = useAction();
  const t = (key: string) => translate(`escalations.action.${key}`);
  const officer = hasRole(permissions, "SCHOOL_IT_OFFICER");
  const settles = hasRole(permissions, "SCHOOL_IT_OFFICER", "SERVICE_MANAGER");
  const { status } = escalation;
  const rated = Boolean(escalation.satisfaction);
  const ownSchool = hasRole(permissions, "SCHOOL_CONTACT") && person?.school?.id === escalation.school.id;
  const buttons = [
    officer && status === "RAISED" && (
      <Button
        key="review"
        variant="contained"
        disabled={busy}
        onClick={() =>
          run(
            () =>
              request("mutation ($id: ID!) { reviewEscalation(escalationId: $id) { id } }", {
                id: escalation.id,
              }),
            t("reviewed"),
          )
        }
      >
        {t("review")}
      </Button>
    ),
    settles && status === "IN_REVIEW" && (
      <Button
        key="schedule"
        variant="contained"
        disabled={busy}
        onClick={() =>
          run(
            () =>
              request(
                "mutation ($input: ScheduleEscalationInput!) { scheduleEscalation(input: $input) { id } }",
                {
                  input: { escalationId: escalation.id },
                },
              ),
            t("scheduled"),
          )
        }
      >
        {t("schedule")}
      </Button>
    ),
    ...(settles && (status === "IN_REVIEW" || status === "ON_AGENDA")
      ? [false, true].map((rejected) => (
          <TextActionButton
            key={rejected ? "reject" : "resolve"}
            label={t(rejected ? "reject" : "resolve")}
            title={t(rejected ? "rejectTitle" : "resolveTitle")}
            fieldLabel={t(rejected ? "rejection" : "resolution")}
            color={rejected ? "error" : "primary"}
            variant="outlined"
            onConfirm={(resolution) =>
              run(
                () =>
                  request(
                    "mutation ($input: ResolveEscalationInput!) { resolveEscalation(input: $input) { id } }",
                    {
                      input: {
                        escalationId: escalation.id,
                        resolution,
                        rejected,
                        decisionId: escalation.agendaItem?.decisions?.[0]?.id ?? null,
                      },
                    },
                  ),
                t(rejected ? "rejected" : "resolved"),
              )
            }
          />
        ))
      : []),
    CLOSED.has(status) && !rated && (officer || ownSchool) && (
      <RateButton key="rate" escalation={escalation} />
    ),
  ].filter(Boolean);
  return buttons.length ? (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap" }}>
      {buttons}
    </Stack>
  ) : (
    <Typography variant="body2" color="text.secondary">
      {translate("escalations.show.noActions")}
    </Typography>
  );
}

export function EscalationShow() {
  const { id } = useParams();
  const translate = useTranslate();
  const person = useMe();
  const { permissions } = usePermissions();
  // Only school contacts (without the officer's role) are kept from the Jour-Fixe side.
  const governance = !hasRole(permissions, "SCHOOL_CONTACT") || hasRole(permissions, "SCHOOL_IT_OFFICER");
  const { data: escalation, error } = useGetOne(
    "escalations",
    { id: id ?? "", meta: { governance } },
    {
      enabled: Boolean(id) && permissions !== undefined,
      placeholderData: (previous) => previous,
      retry: false,
    },
  );
  useEscalationsLive(escalation?.authority ? [escalation.authority.id] : []);
  if (error && !escalation) return <Typography color="error">{(error as Error).message}</Typography>;
  if (!escalation)
    return (
      <Box sx={{ p: 4 }}>
        <CircularProgress aria-label={translate("ra.page.loading")} />
      </Box>
    );
  const t = (key: string, options?: Record<string, unknown>) => translate(`escalations.show.${key}`, options);
  const meeting = escalation.agendaItem?.meeting;
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 4, minWidth: 0 }}>
      <Title title={escalation.subject} />
      <Box>
        <Typography variant="h5" component="h1">
          {escalation.subject}
        </Typography>
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ flexWrap: "wrap", alignItems: "center", mt: 0.5 }}
        >
          <StatusChip status={escalation.status} />
          <SeverityChip severity={escalation.severity} />
          <Typography variant="body2">{escalation.school.name}</Typography>
          {escalation.ticketRef && (
            <Typography variant="body2" color="text.secondary">
              {translate("resources.escalations.fields.ticketRef")}: {escalation.ticketRef}
            </Typography>
          )}
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {t("raisedBy", { name: escalation.raisedBy?.name, date: dateTime(escalation.raisedAt) })}
        </Typography>
      </Box>
      <Section title={t("actions")} testId="escalation-actions">
        <Actions escalation={escalation} person={person} />
      </Section>
      <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "minmax(0, 1fr)", md: "2fr 1fr" } }}>
        <Stack spacing={2} sx={{ minWidth: 0 }}>
          <Section title={t("description")}>
            <Typography variant="body1" sx={{ whiteSpace: "pre-wrap" }}>
              {escalation.description}
            </Typography>
          </Section>
          {escalation.resolution && (
            <Section title={t("resolution")}>
              <Typography variant="body1" sx={{ whiteSpace: "pre-wrap" }}>
                {escalation.resolution}
              </Typography>
              {escalation.decision && (
                <Typography variant="body2" sx={{ mt: 1 }}>
                  {t("decision")}: {escalation.decision.title}
                </Typography>
              )}
            </Section>
          )}
          {meeting && (
            <Section title={t("agenda")}>
              <MuiLink component={Link} to={`/meetings/${encodeURIComponent(meeting.id)}/show`}>
                {t("onAgenda", { meeting: meeting.title, date: dateTime(meeting.scheduledAt) })}
              </MuiLink>
            </Section>
          )}
          {escalation.relatedEscalations?.length > 0 && (
            <Section title={t("related")}>
              <Stack component="ul" sx={{ m: 0, pl: 2 }}>
                {escalation.relatedEscalations.map((r: Row) => (
                  <li key={r.id}>
                    <MuiLink component={Link} to={escalationPath(r.id)}>
                      {r.subject}
                    </MuiLink>{" "}
                    ({translate(`enums.EscalationStatus.${r.status}`)}, {date(r.raisedAt)})
                  </li>
                ))}
              </Stack>
            </Section>
          )}
        </Stack>
        <Stack spacing={2} sx={{ minWidth: 0 }}>
          <Section title={translate("escalations.clock.title")}>
            <ClockPanel escalation={escalation} />
          </Section>
          <Section title={t("satisfaction")}>
            {escalation.satisfaction ? (
              <Box>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {t("score", { score: escalation.satisfaction.score })} ·{" "}
                  {translate(`enums.SatisfactionSource.${escalation.satisfaction.source}`)}
                </Typography>
                {escalation.satisfaction.comment && (
                  <Typography variant="body2">{escalation.satisfaction.comment}</Typography>
                )}
                <Typography variant="caption" color="text.secondary">
                  {date(escalation.satisfaction.ratedAt)}
                </Typography>
              </Box>
            ) : (
              <Typography variant="body2" color="text.secondary">
                {t("noSatisfaction")}
              </Typography>
            )}
          </Section>
        </Stack>
      </Box>
    </Stack>
  );
}
