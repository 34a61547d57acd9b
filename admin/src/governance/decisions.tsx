// The decisions register with its filters, and a decision with the steering group's review panel.
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  FormControl,
  FormControlLabel,
  FormLabel,
  MenuItem,
  Link as MuiLink,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { type FormEvent, Suspense, useState } from "react";
import {
  AutocompleteInput,
  Datagrid,
  DateInput,
  FilterButton,
  FunctionField,
  List,
  Loading,
  TextField as RaTextField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  Show,
  SimpleShowLayout,
  TopToolbar,
  useGetIdentity,
  useRecordContext,
  useRefresh,
  useTranslate,
} from "react-admin";
import { Link } from "react-router-dom";
import type { Row } from "../dataProvider/registry.ts";
import { date, dateTime, euro, personDays } from "../format.ts";
import { request } from "../graphql.ts";
import { lazyPage } from "../lazy.ts";
import { choices } from "../organisations/enums.ts";
import { ListExportMenu, type ListExports, useListExports } from "../ui/ExportMenu.tsx";
import type { ExportColumn } from "../ui/exports.ts";
import { DECISION_STATUSES, DECISION_TRANSITIONS, REVIEW_VERDICTS } from "./enums.ts";
import { LiveRefresh } from "./live.tsx";
import { EnumChip, ListEmpty, showPath, useAction, useCanRecord } from "./util.tsx";

// The media development plan's part of a decision loads with the plan's code, not the register's.
const PlanAdoption = lazyPage(() => import("../plans/adopt.tsx"), "PlanAdoption");

const decisionFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Titel oder Text durchsuchen" />,
  <SelectInput
    key="status"
    source="status"
    choices={choices("DecisionStatus", DECISION_STATUSES)}
    alwaysOn
  />,
  <ReferenceInput key="authority" source="authorityId" reference="authorities">
    <AutocompleteInput optionText="name" label="resources.decisions.fields.authority" />
  </ReferenceInput>,
  <ReferenceInput key="school" source="schoolId" reference="schools" perPage={200}>
    <AutocompleteInput optionText="name" label="resources.decisions.fields.school" />
  </ReferenceInput>,
  <DateInput key="from" source="from" alwaysOn />,
  <DateInput key="to" source="to" alwaysOn />,
];

/** How many of the steering group's members have reviewed, e.g. "3 / 5 bewertet". */
export function ReviewCount({ summary }: { summary: Row }) {
  const translate = useTranslate();
  return (
    <span>
      {translate("gov.review.count", {
        done: summary.members - summary.pending.length,
        members: summary.members,
      })}
    </span>
  );
}

/** The register as a file: what the list shows, with the figures a controller sums up. */
const DECISION_EXPORT: ExportColumn[] = [
  { label: "resources.decisions.fields.decidedOn", value: (r) => r.decidedOn, kind: "date" },
  { label: "resources.decisions.fields.title", value: (r) => r.title },
  { label: "resources.decisions.fields.authority", value: (r) => r.authority?.name },
  { label: "resources.decisions.fields.school", value: (r) => r.school?.name },
  { label: "resources.decisions.fields.status", value: (r, t) => t(`enums.DecisionStatus.${r.status}`) },
  {
    label: "resources.decisions.fields.meeting",
    value: (r, t) =>
      r.meeting && `${t(`enums.MeetingKind.${r.meeting.kind}`)} ${date(r.meeting.scheduledAt)}`,
  },
  { label: "resources.decisions.fields.costImpact", value: (r) => r.costImpact, kind: "euro" },
  {
    label: "resources.decisions.fields.personDayImpact",
    value: (r) => r.personDayImpact,
    kind: "personDays",
  },
  { label: "resources.decisions.fields.followUpDate", value: (r) => r.followUpDate, kind: "date" },
  {
    label: "resources.decisions.fields.reviews",
    value: (r, t) =>
      t("gov.review.count", {
        done: r.reviewSummary.members - r.reviewSummary.pending.length,
        members: r.reviewSummary.members,
      }),
  },
];

function DecisionListActions({ exports }: { exports: ListExports }) {
  return (
    <TopToolbar>
      <FilterButton />
      <ListExportMenu exports={exports} />
    </TopToolbar>
  );
}

export function DecisionList() {
  const exports = useListExports(DECISION_EXPORT, "resources.decisions.name");
  return (
    <List
      empty={<ListEmpty />}
      exporter={exports.csv}
      actions={<DecisionListActions exports={exports} />}
      filters={decisionFilters}
      perPage={25}
      sort={{ field: "decidedOn", order: "DESC" }}
      aside={<LiveRefresh />}
    >
      <Datagrid
        empty={<ListEmpty />}
        rowClick="show"
        bulkActionButtons={false}
        sort={{ field: "decidedOn", order: "DESC" }}
      >
        <FunctionField source="decidedOn" sortable={false} render={(r) => date(r.decidedOn)} />
        <RaTextField source="title" sortable={false} />
        <RaTextField source="authority.name" label="resources.decisions.fields.authority" sortable={false} />
        <RaTextField
          source="school.name"
          label="resources.decisions.fields.school"
          sortable={false}
          emptyText="–"
        />
        <FunctionField
          source="status"
          sortable={false}
          render={(r) => <EnumChip name="DecisionStatus" value={r.status} />}
        />
        <FunctionField
          source="reviews"
          sortable={false}
          render={(r) => <ReviewCount summary={r.reviewSummary} />}
        />
      </Datagrid>
    </List>
  );
}

export function DecisionShow() {
  return (
    <Show>
      <DecisionBody />
    </Show>
  );
}

function DecisionBody() {
  const record = useRecordContext();
  const translate = useTranslate();
  // A row of the register may stand in until the whole record (with reviews) has arrived.
  if (!record?.reviews) return <Loading />;
  return (
    <Box>
      <SimpleShowLayout>
        <FunctionField
          source="title"
          render={(r) => (
            <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
              <Typography variant="h6" component="h1">
                {r.title}
              </Typography>
              <EnumChip name="DecisionStatus" value={r.status} />
            </Stack>
          )}
        />
        <FunctionField
          source="text"
          render={(r) => (
            <Typography variant="body2" sx={{ whiteSpace: "pre-wrap" }}>
              {r.text}
            </Typography>
          )}
        />
        <FunctionField source="decidedOn" render={(r) => date(r.decidedOn)} />
        <RaTextField source="authority.name" label="resources.decisions.fields.authority" />
        <FunctionField
          source="meeting"
          render={(r) => (
            <MuiLink component={Link} to={showPath("meetings", r.meeting.id)}>
              {translate(`enums.MeetingKind.${r.meeting.kind}`)} {date(r.meeting.scheduledAt)}
              {r.agendaItem ? ` · TOP ${r.agendaItem.position}: ${r.agendaItem.title}` : ""}
            </MuiLink>
          )}
        />
        {record.school && <RaTextField source="school.name" label="resources.decisions.fields.school" />}
        {record.costImpact && <FunctionField source="costImpact" render={(r) => euro(r.costImpact)} />}
        {record.personDayImpact && (
          <FunctionField source="personDayImpact" render={(r) => personDays(r.personDayImpact)} />
        )}
        {record.followUpDate && <FunctionField source="followUpDate" render={(r) => date(r.followUpDate)} />}
        {record.statusReason && <RaTextField source="statusReason" />}
        {record.procurementRequest && (
          <FunctionField
            label="resources.decisions.fields.procurementRequest"
            render={(r) => (
              <MuiLink component={Link} to={showPath("procurementRequests", r.procurementRequest.id)}>
                {r.procurementRequest.title}
              </MuiLink>
            )}
          />
        )}
      </SimpleShowLayout>
      <Box sx={{ p: 2, pt: 0 }}>
        <Stack spacing={2}>
          <ReviewPanel decision={record} />
          <Suspense fallback={null}>
            <PlanAdoption decision={record} />
          </Suspense>
          <StatusPanel decision={record} />
        </Stack>
      </Box>
    </Box>
  );
}

/** The steering group's verdicts: the counts, who is still pending, the history, and one's own verdict. */
export function ReviewPanel({ decision }: { decision: Row }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const { identity } = useGetIdentity();
  const { busy, run } = useAction();
  const summary = decision.reviewSummary;
  const mine = decision.reviews.find((r: Row) => r.current && r.reviewer.id === identity?.id);
  // Membership of this authority's steering group, not a role, lets one review (as the server checks).
  const isMember = Boolean(mine) || summary.pending.some((p: Row) => p.id === identity?.id);
  const [verdict, setVerdict] = useState<string>(mine?.verdict ?? "");
  const [comment, setComment] = useState("");
  const reviews = [...decision.reviews].sort((a: Row, b: Row) => b.createdAt.localeCompare(a.createdAt));

  return (
    <Card variant="outlined" component="section" aria-labelledby="review-title" id="review">
      <CardHeader
        id="review-title"
        title={translate("gov.review.title")}
        slotProps={{ title: { component: "h2", variant: "h6" } }}
      />
      <CardContent sx={{ pt: 0 }}>
        <Typography variant="body1" data-testid="review-summary" sx={{ fontWeight: 600 }}>
          {translate("gov.review.summary", summary)}
        </Typography>
        <Box sx={{ mt: 1 }}>
          <Typography variant="subtitle2" component="h3">
            {translate("gov.review.pending")}
          </Typography>
          {summary.pending.length === 0 ? (
            <Typography variant="body2">{translate("gov.review.nobodyPending")}</Typography>
          ) : (
            <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap", gap: 1 }} data-testid="review-pending">
              {summary.pending.map((p: Row) => (
                <Chip key={p.id} size="small" variant="outlined" label={p.name} />
              ))}
            </Stack>
          )}
        </Box>
        <Box sx={{ mt: 2 }}>
          <Typography variant="subtitle2" component="h3">
            {translate("gov.review.history")}
          </Typography>
          {reviews.length === 0 && (
            <Typography variant="body2">{translate("gov.review.noReviews")}</Typography>
          )}
          <Stack spacing={0.5}>
            {reviews.map((r: Row) => (
              <Box key={r.id} sx={{ opacity: r.current ? 1 : 0.6 }}>
                <Typography variant="body2" component="span" sx={{ mr: 1 }}>
                  {dateTime(r.createdAt)} · {r.reviewer.name}
                </Typography>
                <EnumChip name="ReviewVerdict" value={r.verdict} />
                {!r.current && (
                  <Typography variant="caption" sx={{ ml: 1 }}>
                    ({translate("gov.review.superseded")})
                  </Typography>
                )}
                {r.comment && (
                  <Typography variant="body2" color="text.secondary" sx={{ pl: 2 }}>
                    „{r.comment}“
                  </Typography>
                )}
              </Box>
            ))}
          </Stack>
        </Box>
        {isMember && decision.status !== "REVOKED" && (
          <Box
            component="form"
            aria-label={translate("gov.review.action")}
            sx={{ mt: 2, p: 2, border: 1, borderColor: "divider", borderRadius: 1 }}
            onSubmit={async (e: FormEvent) => {
              e.preventDefault();
              const ok = await run(
                () =>
                  request(
                    "mutation ($input: ReviewDecisionInput!) { reviewDecision(input: $input) { id } }",
                    { input: { decisionId: decision.id, verdict, comment: comment.trim() || null } },
                  ),
                "gov.review.submitted",
              );
              if (ok) {
                setComment("");
                refresh();
              }
            }}
          >
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
              {translate("gov.review.action")}
            </Typography>
            <FormControl>
              <FormLabel id="verdict-label">{translate("gov.review.verdict")}</FormLabel>
              <RadioGroup
                row
                aria-labelledby="verdict-label"
                value={verdict}
                onChange={(e) => setVerdict(e.target.value)}
              >
                {REVIEW_VERDICTS.map((v) => (
                  <FormControlLabel
                    key={v}
                    value={v}
                    control={<Radio />}
                    label={translate(`enums.ReviewVerdict.${v}`)}
                  />
                ))}
              </RadioGroup>
            </FormControl>
            <TextField
              label={translate("gov.review.comment")}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              multiline
              minRows={2}
              fullWidth
              size="small"
              sx={{ mt: 1 }}
              helperText={verdict === "OBJECT" ? translate("gov.review.objectionNeedsComment") : undefined}
            />
            <Button type="submit" variant="contained" sx={{ mt: 1 }} disabled={busy || !verdict}>
              {translate("gov.review.submit")}
            </Button>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

/** Minute takers settle a decision's later fate (approve a deferred one, revoke, …). */
function StatusPanel({ decision }: { decision: Row }) {
  const translate = useTranslate();
  const canRecord = useCanRecord();
  const refresh = useRefresh();
  const { busy, run } = useAction();
  const next = DECISION_TRANSITIONS[decision.status] ?? [];
  const [status, setStatus] = useState("");
  const [reason, setReason] = useState("");
  if (!canRecord || next.length === 0) return null;
  return (
    <Card variant="outlined" component="section">
      <CardHeader
        title={translate("gov.decisions.changeStatus")}
        slotProps={{ title: { component: "h2", variant: "h6" } }}
      />
      <CardContent sx={{ pt: 0 }}>
        <Box
          component="form"
          aria-label={translate("gov.decisions.changeStatus")}
          onSubmit={async (e: FormEvent) => {
            e.preventDefault();
            const ok = await run(
              () =>
                request(
                  "mutation ($id: ID!, $s: DecisionStatus!, $r: String) { changeDecisionStatus(decisionId: $id, status: $s, reason: $r) { id } }",
                  { id: decision.id, s: status, r: reason.trim() || null },
                ),
              "gov.decisions.statusChanged",
            );
            if (ok) {
              setStatus("");
              setReason("");
              refresh();
            }
          }}
        >
          <Stack direction={{ xs: "column", sm: "row" }} spacing={1} sx={{ alignItems: { sm: "center" } }}>
            <TextField
              select
              size="small"
              label={translate("gov.decisions.newStatus")}
              value={status}
              onChange={(e) => setStatus(e.target.value)}
              sx={{ minWidth: 200 }}
            >
              {next.map((s) => (
                <MenuItem key={s} value={s}>
                  {translate(`enums.DecisionStatus.${s}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              size="small"
              label={translate("gov.decisions.reason")}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required={status === "REVOKED"}
              sx={{ flexGrow: 1 }}
            />
            <Button type="submit" variant="contained" disabled={busy || !status}>
              {translate("gov.decisions.changeStatus")}
            </Button>
          </Stack>
        </Box>
      </CardContent>
    </Card>
  );
}
