// The meeting page as the minutes editor: attendance, the agenda in order (drag or arrow
// buttons), notes, decisions and action items on their item, items carried forward from
// earlier meetings, finalising, amendments of final minutes and the exports.
import ArrowDownwardIcon from "@mui/icons-material/ArrowDownward";
import ArrowUpwardIcon from "@mui/icons-material/ArrowUpward";
import DownloadIcon from "@mui/icons-material/Download";
import DragIndicatorIcon from "@mui/icons-material/DragIndicator";
import LockIcon from "@mui/icons-material/Lock";
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Checkbox,
  Chip,
  Divider,
  IconButton,
  MenuItem,
  Link as MuiLink,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from "@mui/material";
import { type FormEvent, useCallback, useEffect, useMemo, useState } from "react";
import { Confirm, Loading, Title, useGetOne, useTranslate } from "react-admin";
import { Link, useParams } from "react-router-dom";
import type { Row } from "../dataProvider/registry.ts";
import { date, dateTime, euro } from "../format.ts";
import { request } from "../graphql.ts";
import { AGENDA_ITEM_KINDS, DECISION_STATUSES } from "./enums.ts";
import { LiveRefresh } from "./live.tsx";
import { CalendarFeedCard, MeetingScheduleActions } from "./meetingActions.tsx";
import { MinutesChip } from "./meetings.tsx";
import { EnumChip, OverdueChip, showPath, timeOf, useAction, useCanRecord } from "./util.tsx";

interface Person {
  id: string;
  name: string;
}

export function MeetingShow() {
  const { id = "" } = useParams();
  const translate = useTranslate();
  const canRecord = useCanRecord();
  const { data: meeting, refetch, isPending, error } = useGetOne<Row & { id: string }>("meetings", { id });
  const reload = useCallback(async () => {
    await refetch();
  }, [refetch]);

  // A row of the meetings list may stand in until the whole record has arrived.
  if (isPending || (meeting && !meeting.participants)) return <Loading />;
  if (error || !meeting)
    return (
      <Alert severity="error">{(error as Error | null)?.message ?? translate("ra.page.not_found")}</Alert>
    );

  const final = meeting.minutesStatus === "FINAL";
  const cancelled = meeting.status === "CANCELLED";
  const editable = canRecord && !final && !cancelled;
  const people = peopleOf(meeting);

  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 4 }}>
      <Title title={`${translate("gov.minutes.title")}: ${meeting.title}`} />
      <LiveRefresh authorityId={meeting.authority.id} />
      <MinutesHeader meeting={meeting} />
      {editable && <MeetingScheduleActions meeting={meeting} reload={reload} />}
      {cancelled && (
        <Alert severity="warning">
          {translate("gov.minutes.readOnlyCancelled", { reason: meeting.cancelReason ?? "" })}
        </Alert>
      )}
      {final && (
        <Alert severity="info" icon={<LockIcon />}>
          {translate("gov.minutes.finalized", { date: dateTime(meeting.finalizedAt) })}{" "}
          {translate("gov.minutes.readOnlyFinal")}
        </Alert>
      )}
      {!canRecord && !final && <Alert severity="info">{translate("gov.minutes.readOnlyRole")}</Alert>}
      <Participants meeting={meeting} people={people} editable={editable} reload={reload} />
      {editable && <CarryForward meeting={meeting} reload={reload} />}
      <Agenda meeting={meeting} people={people} editable={editable} reload={reload} />
      <Loose meeting={meeting} />
      <Summary meeting={meeting} editable={editable} reload={reload} />
      {editable && <Finalize meeting={meeting} reload={reload} />}
      {(final || meeting.amendments.length > 0) && (
        <Amendments meeting={meeting} canAmend={canRecord && final} reload={reload} />
      )}
      <CalendarFeedCard authority={meeting.authority} />
    </Stack>
  );
}

/** Everyone who can be invited, present, or own a task: the steering group and the participants. */
function peopleOf(meeting: Row): Person[] {
  const all = new Map<string, Person>();
  for (const p of meeting.participants) all.set(p.user.id, p.user);
  for (const m of meeting.authority.steeringGroup?.members ?? []) all.set(m.user.id, m.user);
  return [...all.values()].sort((a, b) => a.name.localeCompare(b.name, "de"));
}

function MinutesHeader({ meeting }: { meeting: Row }) {
  const translate = useTranslate();
  return (
    <Card>
      <CardContent>
        <Stack direction={{ xs: "column", md: "row" }} spacing={2} sx={{ alignItems: { md: "center" } }}>
          <Box sx={{ flexGrow: 1 }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
              <Typography variant="h5" component="h1">
                {meeting.title}
              </Typography>
              <MinutesChip status={meeting.minutesStatus} />
              {meeting.status === "CANCELLED" && <EnumChip name="MeetingStatus" value="CANCELLED" />}
            </Stack>
            <Typography variant="subtitle1">
              {translate("gov.minutes.header", {
                kind: translate(`enums.MeetingKind.${meeting.kind}`),
                date: date(meeting.scheduledAt),
              })}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {translate("gov.minutes.meta", {
                authority: meeting.authority.name,
                time: timeOf(meeting.scheduledAt),
                location: meeting.location ?? "–",
              })}
            </Typography>
          </Box>
          <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap" }}>
            <Button variant="outlined" startIcon={<DownloadIcon />} href={meeting.minutesPdfUrl} download>
              {translate("gov.minutes.downloadPdf")}
            </Button>
            <Button
              variant="outlined"
              startIcon={<DownloadIcon />}
              href={meeting.minutesMarkdownUrl}
              download
            >
              {translate("gov.minutes.downloadMarkdown")}
            </Button>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
}

function Participants({
  meeting,
  people,
  editable,
  reload,
}: {
  meeting: Row;
  people: Person[];
  editable: boolean;
  reload: () => Promise<void>;
}) {
  const translate = useTranslate();
  const { busy, run } = useAction();
  const initial = useMemo(() => {
    const state: Record<string, { invited: boolean; attended: boolean }> = {};
    for (const p of people) state[p.id] = { invited: false, attended: false };
    for (const p of meeting.participants) state[p.user.id] = { invited: p.invited, attended: p.attended };
    return state;
  }, [meeting, people]);
  const [state, setState] = useState(initial);
  useEffect(() => setState(initial), [initial]);
  const shown = editable ? people : people.filter((p) => state[p.id]?.invited || state[p.id]?.attended);
  const toggle = (id: string, key: "invited" | "attended") =>
    setState((s) => ({
      ...s,
      [id]: { ...(s[id] ?? { invited: false, attended: false }), [key]: !s[id]?.[key] },
    }));
  const ids = (key: "invited" | "attended") => Object.keys(state).filter((id) => state[id]?.[key]);

  return (
    <Card>
      <CardHeader
        title={translate("gov.minutes.participants")}
        slotProps={{ title: { component: "h2", variant: "h6" } }}
      />
      <CardContent sx={{ pt: 0 }}>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate("gov.minutes.person")}</TableCell>
              <TableCell align="center">{translate("gov.minutes.invited")}</TableCell>
              <TableCell align="center">{translate("gov.minutes.attended")}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((p) => (
              <TableRow key={p.id}>
                <TableCell>{p.name}</TableCell>
                {(["invited", "attended"] as const).map((key) => (
                  <TableCell key={key} align="center" padding="checkbox">
                    <Checkbox
                      checked={Boolean(state[p.id]?.[key])}
                      disabled={!editable}
                      onChange={() => toggle(p.id, key)}
                      slotProps={{
                        input: { "aria-label": `${p.name}: ${translate(`gov.minutes.${key}`)}` },
                      }}
                    />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {editable && (
          <Button
            sx={{ mt: 1 }}
            disabled={busy}
            onClick={() =>
              run(async () => {
                await request(
                  "mutation ($m: ID!, $i: [ID!]!, $a: [ID!]!) { setMeetingParticipants(meetingId: $m, invitedIds: $i, attendedIds: $a) { id } }",
                  { m: meeting.id, i: ids("invited"), a: ids("attended") },
                );
                await reload();
              }, "gov.common.saved")
            }
          >
            {translate("gov.minutes.saveParticipants")}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}

interface Candidates {
  agendaItems: {
    id: string;
    title: string;
    kind: string;
    notes: string | null;
    meeting: { scheduledAt: string };
  }[];
  actionItems: {
    id: string;
    title: string;
    dueDate: string | null;
    overdue: boolean;
    owner: Person | null;
    meeting: { scheduledAt: string };
  }[];
}

function CarryForward({ meeting, reload }: { meeting: Row; reload: () => Promise<void> }) {
  const translate = useTranslate();
  const { busy, run } = useAction();
  const [candidates, setCandidates] = useState<Candidates | null>(null);
  const load = useCallback(async () => {
    const data = await request<{ carryForwardCandidates: Candidates }>(
      `query ($id: ID!) { carryForwardCandidates(meetingId: $id) {
        agendaItems { id title kind notes meeting { scheduledAt } }
        actionItems { id title dueDate overdue owner { id name } meeting { scheduledAt } } } }`,
      { id: meeting.id },
    );
    setCandidates(data.carryForwardCandidates);
  }, [meeting.id]);
  useEffect(() => {
    load().catch(() => setCandidates({ agendaItems: [], actionItems: [] }));
  }, [load]);

  return (
    <Card>
      <CardHeader
        title={translate("gov.minutes.carryForward")}
        slotProps={{ title: { component: "h2", variant: "h6" } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {candidates === null ? (
          <Typography variant="body2">{translate("gov.common.loading")}</Typography>
        ) : candidates.agendaItems.length === 0 ? (
          <Typography variant="body2">{translate("gov.minutes.carryForwardNone")}</Typography>
        ) : (
          <Stack divider={<Divider flexItem />} spacing={1}>
            {candidates.agendaItems.map((item) => (
              <Stack key={item.id} direction="row" spacing={1} sx={{ alignItems: "center" }}>
                <Box sx={{ flexGrow: 1 }}>
                  <Typography variant="body2">{item.title}</Typography>
                  <Typography variant="caption" color="text.secondary">
                    {date(item.meeting.scheduledAt)} · {translate(`enums.AgendaItemKind.${item.kind}`)}
                  </Typography>
                </Box>
                <Button
                  size="small"
                  disabled={busy}
                  aria-label={`${translate("gov.minutes.takeOver")}: ${item.title}`}
                  onClick={() =>
                    run(
                      async () => {
                        await request(
                          "mutation ($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }",
                          {
                            input: {
                              meetingId: meeting.id,
                              title: item.title,
                              carriedFromId: item.id,
                              notes: item.notes,
                            },
                          },
                        );
                        await Promise.all([load(), reload()]);
                      },
                      translate("gov.minutes.takenOver", { title: item.title }),
                    )
                  }
                >
                  {translate("gov.minutes.takeOver")}
                </Button>
              </Stack>
            ))}
          </Stack>
        )}
        {candidates && candidates.actionItems.length > 0 && (
          <Box sx={{ mt: 2 }}>
            <Typography variant="subtitle2" component="h3">
              {translate("gov.minutes.openActions")}
            </Typography>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {candidates.actionItems.map((a) => (
                <li key={a.id}>
                  <Typography variant="body2" component="span">
                    {a.title} – {a.owner?.name ?? translate("gov.minutes.nobody")}, {date(a.dueDate)}
                    {a.overdue && <OverdueChip />}
                  </Typography>
                </li>
              ))}
            </ul>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

function Agenda({
  meeting,
  people,
  editable,
  reload,
}: {
  meeting: Row;
  people: Person[];
  editable: boolean;
  reload: () => Promise<void>;
}) {
  const translate = useTranslate();
  const { busy, run } = useAction();
  const serverOrder = useMemo(
    () => [...meeting.agendaItems].sort((a: Row, b: Row) => a.position - b.position),
    [meeting.agendaItems],
  );
  // Shown at once while the server stores the new order.
  const [items, setItems] = useState<Row[]>(serverOrder);
  useEffect(() => setItems(serverOrder), [serverOrder]);
  const [dragged, setDragged] = useState<number | null>(null);

  const move = (from: number, to: number) => {
    if (to < 0 || to >= items.length || from === to) return;
    const next = [...items];
    next.splice(to, 0, ...next.splice(from, 1));
    setItems(next);
    run(async () => {
      await request(
        "mutation ($m: ID!, $ids: [ID!]!) { reorderAgendaItems(meetingId: $m, agendaItemIds: $ids) { id } }",
        { m: meeting.id, ids: next.map((i) => i.id) },
      );
      await reload();
    }).then((ok) => {
      if (!ok) setItems(serverOrder);
    });
  };

  return (
    <Card>
      <CardHeader
        title={translate("gov.minutes.agenda")}
        slotProps={{ title: { component: "h2", variant: "h6" } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {items.length === 0 && <Typography variant="body2">{translate("gov.minutes.noAgenda")}</Typography>}
        <Stack
          component="ol"
          spacing={2}
          sx={{ listStyle: "none", p: 0, m: 0 }}
          aria-label={translate("gov.minutes.agenda")}
        >
          {items.map((item, index) => (
            <Box
              component="li"
              key={item.id}
              draggable={editable}
              onDragStart={(e) => {
                setDragged(index);
                e.dataTransfer.effectAllowed = "move";
              }}
              onDragOver={(e) => {
                if (dragged !== null) e.preventDefault();
              }}
              onDrop={(e) => {
                e.preventDefault();
                if (dragged !== null) move(dragged, index);
                setDragged(null);
              }}
              onDragEnd={() => setDragged(null)}
              sx={{ opacity: dragged === index ? 0.5 : 1 }}
            >
              <AgendaItemCard
                item={item}
                number={index + 1}
                count={items.length}
                meeting={meeting}
                people={people}
                editable={editable}
                busy={busy}
                onMove={(delta) => move(index, index + delta)}
                reload={reload}
              />
            </Box>
          ))}
        </Stack>
        {editable && <AddAgendaItem meetingId={meeting.id} reload={reload} />}
      </CardContent>
    </Card>
  );
}

function AddAgendaItem({ meetingId, reload }: { meetingId: string; reload: () => Promise<void> }) {
  const translate = useTranslate();
  const { busy, run } = useAction();
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState("INFORMATION");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await run(async () => {
      await request("mutation ($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }", {
        input: { meetingId, title, kind },
      });
      await reload();
    }, "gov.minutes.added");
    if (ok) setTitle("");
  };
  return (
    <Box component="form" onSubmit={submit} sx={{ mt: 2 }} aria-label={translate("gov.minutes.addItem")}>
      <Stack direction={{ xs: "column", md: "row" }} spacing={1} sx={{ alignItems: { md: "center" } }}>
        <TextField
          size="small"
          label={translate("gov.minutes.itemTitle")}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          sx={{ flexGrow: 1 }}
        />
        <TextField
          select
          size="small"
          label={translate("gov.minutes.itemKind")}
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          sx={{ minWidth: 180 }}
        >
          {AGENDA_ITEM_KINDS.map((k) => (
            <MenuItem key={k} value={k}>
              {translate(`enums.AgendaItemKind.${k}`)}
            </MenuItem>
          ))}
        </TextField>
        <Button type="submit" variant="contained" disabled={busy || !title.trim()}>
          {translate("gov.minutes.addItem")}
        </Button>
      </Stack>
    </Box>
  );
}

function AgendaItemCard({
  item,
  number,
  count,
  meeting,
  people,
  editable,
  busy,
  onMove,
  reload,
}: {
  item: Row;
  number: number;
  count: number;
  meeting: Row;
  people: Person[];
  editable: boolean;
  busy: boolean;
  onMove: (delta: number) => void;
  reload: () => Promise<void>;
}) {
  const translate = useTranslate();
  const action = useAction();
  const [notes, setNotes] = useState(item.notes ?? "");
  useEffect(() => setNotes(item.notes ?? ""), [item.notes]);
  const [adding, setAdding] = useState<"decision" | "action" | null>(null);

  const setStatus = (status: "OPEN" | "DONE") =>
    action.run(async () => {
      await request("mutation ($input: UpdateAgendaItemInput!) { updateAgendaItem(input: $input) { id } }", {
        input: { agendaItemId: item.id, status },
      });
      await reload();
    });

  return (
    <Card variant="outlined" aria-label={`TOP ${number}: ${item.title}`} component="section">
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: "flex-start" }}>
          {editable && (
            <Stack sx={{ alignItems: "center" }}>
              <DragIndicatorIcon
                titleAccess={translate("gov.minutes.dragHint")}
                sx={{ cursor: "grab", color: "text.secondary" }}
              />
              <IconButton
                size="small"
                disabled={busy || number === 1}
                onClick={() => onMove(-1)}
                aria-label={translate("gov.minutes.moveUp", { n: number })}
              >
                <ArrowUpwardIcon fontSize="small" />
              </IconButton>
              <IconButton
                size="small"
                disabled={busy || number === count}
                onClick={() => onMove(1)}
                aria-label={translate("gov.minutes.moveDown", { n: number })}
              >
                <ArrowDownwardIcon fontSize="small" />
              </IconButton>
            </Stack>
          )}
          <Box sx={{ flexGrow: 1, minWidth: 0 }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
              <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
                TOP {number}: {item.title}
              </Typography>
              <Chip size="small" variant="outlined" label={translate(`enums.AgendaItemKind.${item.kind}`)} />
              <EnumChip name="AgendaItemStatus" value={item.status} />
              {editable && item.status !== "CARRIED_FORWARD" && (
                <Button size="small" onClick={() => setStatus(item.status === "DONE" ? "OPEN" : "DONE")}>
                  {translate(item.status === "DONE" ? "gov.minutes.markOpen" : "gov.minutes.markDone")}
                </Button>
              )}
            </Stack>
            <Typography variant="caption" color="text.secondary" component="div">
              {item.presenter && `${translate("gov.minutes.presenter")}: ${item.presenter.name}`}
              {item.carriedFrom &&
                ` · ${translate("gov.minutes.carriedFrom", { date: date(item.carriedFrom.meeting.scheduledAt) })}`}
              {item.procurementRequest && (
                <>
                  {" · "}
                  <MuiLink component={Link} to={showPath("procurementRequests", item.procurementRequest.id)}>
                    {item.procurementRequest.title}
                  </MuiLink>
                </>
              )}
            </Typography>

            {editable ? (
              <Stack
                direction={{ xs: "column", md: "row" }}
                spacing={1}
                sx={{ mt: 1, alignItems: { xs: "flex-start", md: "flex-start" } }}
              >
                <TextField
                  label={translate("gov.minutes.notes", { n: number })}
                  value={notes}
                  onChange={(e) => setNotes(e.target.value)}
                  multiline
                  minRows={2}
                  fullWidth
                  size="small"
                />
                <Button
                  disabled={action.busy || notes === (item.notes ?? "")}
                  onClick={() =>
                    action.run(async () => {
                      await request(
                        "mutation ($input: UpdateAgendaItemInput!) { updateAgendaItem(input: $input) { id } }",
                        { input: { agendaItemId: item.id, notes } },
                      );
                      await reload();
                    }, "gov.common.saved")
                  }
                >
                  {translate("gov.minutes.saveNotes")}
                </Button>
              </Stack>
            ) : (
              item.notes && (
                <Typography variant="body2" sx={{ mt: 1, whiteSpace: "pre-wrap" }}>
                  {item.notes}
                </Typography>
              )
            )}

            <DecisionsOf decisions={item.decisions} />
            <ActionsOf actions={item.actionItems} />

            {editable && (
              <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
                <Button
                  size="small"
                  variant={adding === "decision" ? "contained" : "outlined"}
                  onClick={() => setAdding(adding === "decision" ? null : "decision")}
                  aria-expanded={adding === "decision"}
                  aria-label={`${translate("gov.minutes.addDecision")} (TOP ${number})`}
                >
                  {translate("gov.minutes.addDecision")}
                </Button>
                <Button
                  size="small"
                  variant={adding === "action" ? "contained" : "outlined"}
                  onClick={() => setAdding(adding === "action" ? null : "action")}
                  aria-expanded={adding === "action"}
                  aria-label={`${translate("gov.minutes.addActionItem")} (TOP ${number})`}
                >
                  {translate("gov.minutes.addActionItem")}
                </Button>
              </Stack>
            )}
            {adding === "decision" && (
              <DecisionForm
                meeting={meeting}
                agendaItemId={item.id}
                number={number}
                done={async () => {
                  setAdding(null);
                  await reload();
                }}
              />
            )}
            {adding === "action" && (
              <ActionForm
                meetingId={meeting.id}
                agendaItemId={item.id}
                number={number}
                people={people}
                done={async () => {
                  setAdding(null);
                  await reload();
                }}
              />
            )}
          </Box>
        </Stack>
      </CardContent>
    </Card>
  );
}

function DecisionsOf({ decisions }: { decisions: Row[] }) {
  const translate = useTranslate();
  if (!decisions.length) return null;
  return (
    <Box sx={{ mt: 1.5 }}>
      <Typography variant="subtitle2" component="h4">
        {translate("gov.minutes.decisions")}
      </Typography>
      <Stack spacing={0.5}>
        {decisions.map((d) => (
          <Box key={d.id} sx={{ borderLeft: 3, borderColor: "primary.main", pl: 1 }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
              <MuiLink
                component={Link}
                to={showPath("decisions", d.id)}
                variant="body2"
                sx={{ fontWeight: 600 }}
              >
                {d.title}
              </MuiLink>
              <EnumChip name="DecisionStatus" value={d.status} />
              {d.costImpact && (
                <Typography variant="caption">
                  {translate("resources.decisions.fields.costImpact")}: {euro(d.costImpact)}
                </Typography>
              )}
            </Stack>
            <Typography variant="body2" sx={{ whiteSpace: "pre-wrap" }}>
              {d.text}
            </Typography>
          </Box>
        ))}
      </Stack>
    </Box>
  );
}

function ActionsOf({ actions }: { actions: Row[] }) {
  const translate = useTranslate();
  if (!actions.length) return null;
  return (
    <Box sx={{ mt: 1.5 }}>
      <Typography variant="subtitle2" component="h4">
        {translate("gov.minutes.actionItems")}
      </Typography>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {actions.map((a) => (
          <li key={a.id}>
            <Typography variant="body2" component="span">
              {a.title} – {a.owner?.name ?? translate("gov.minutes.nobody")}
              {a.dueDate && `, ${translate("resources.actionItems.fields.dueDate")} ${date(a.dueDate)}`}{" "}
            </Typography>
            <EnumChip name="ActionItemStatus" value={a.status} />
            {a.overdue && <OverdueChip />}
          </li>
        ))}
      </ul>
    </Box>
  );
}

function DecisionForm({
  meeting,
  agendaItemId,
  number,
  done,
}: {
  meeting: Row;
  agendaItemId: string | null;
  number: number;
  done: () => Promise<void>;
}) {
  const translate = useTranslate();
  const { busy, run } = useAction();
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [status, setStatus] = useState("APPROVED");
  const [schoolId, setSchoolId] = useState("");
  const [costImpact, setCostImpact] = useState("");
  return (
    <Box
      component="form"
      aria-label={`${translate("gov.minutes.addDecision")} (TOP ${number})`}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        run(async () => {
          await request("mutation ($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }", {
            input: {
              meetingId: meeting.id,
              agendaItemId,
              title,
              text,
              status,
              schoolId: schoolId || null,
              costImpact: costImpact.trim() ? costImpact.trim().replace(/\./g, "").replace(",", ".") : null,
            },
          });
          await done();
        }, "gov.minutes.added");
      }}
      sx={{ mt: 1, p: 1.5, border: 1, borderColor: "divider", borderRadius: 1 }}
    >
      <Stack spacing={1.5}>
        <TextField
          size="small"
          label={translate("gov.minutes.decisionTitle")}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
        />
        <TextField
          size="small"
          label={translate("gov.minutes.decisionText")}
          value={text}
          onChange={(e) => setText(e.target.value)}
          required
          multiline
          minRows={2}
        />
        <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
          <TextField
            select
            size="small"
            label={translate("gov.minutes.decisionStatus")}
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            sx={{ minWidth: 180 }}
          >
            {DECISION_STATUSES.filter((s) => s !== "REVOKED").map((s) => (
              <MenuItem key={s} value={s}>
                {translate(`enums.DecisionStatus.${s}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label={translate("resources.decisions.fields.school")}
            value={schoolId}
            onChange={(e) => setSchoolId(e.target.value)}
            sx={{ minWidth: 220 }}
          >
            <MenuItem value="">–</MenuItem>
            {meeting.authority.schools.map((s: Person) => (
              <MenuItem key={s.id} value={s.id}>
                {s.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            label={`${translate("resources.decisions.fields.costImpact")} (€)`}
            value={costImpact}
            onChange={(e) => setCostImpact(e.target.value)}
            slotProps={{ htmlInput: { inputMode: "decimal", pattern: "[0-9.]*(,[0-9]{1,2})?" } }}
          />
        </Stack>
        <Box>
          <Button type="submit" variant="contained" disabled={busy || !title.trim() || !text.trim()}>
            {translate("gov.minutes.addDecision")}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}

function ActionForm({
  meetingId,
  agendaItemId,
  number,
  people,
  done,
}: {
  meetingId: string;
  agendaItemId: string | null;
  number: number;
  people: Person[];
  done: () => Promise<void>;
}) {
  const translate = useTranslate();
  const { busy, run } = useAction();
  const [title, setTitle] = useState("");
  const [ownerId, setOwnerId] = useState("");
  const [dueDate, setDueDate] = useState("");
  return (
    <Box
      component="form"
      aria-label={`${translate("gov.minutes.addActionItem")} (TOP ${number})`}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        run(async () => {
          await request("mutation ($input: AddActionItemInput!) { addActionItem(input: $input) { id } }", {
            input: { meetingId, agendaItemId, title, ownerId: ownerId || null, dueDate: dueDate || null },
          });
          await done();
        }, "gov.minutes.added");
      }}
      sx={{ mt: 1, p: 1.5, border: 1, borderColor: "divider", borderRadius: 1 }}
    >
      <Stack direction={{ xs: "column", sm: "row" }} spacing={1} sx={{ alignItems: { sm: "center" } }}>
        <TextField
          size="small"
          label={translate("gov.minutes.actionTitle")}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          sx={{ flexGrow: 1 }}
        />
        <TextField
          select
          size="small"
          label={translate("gov.minutes.actionOwner")}
          value={ownerId}
          onChange={(e) => setOwnerId(e.target.value)}
          sx={{ minWidth: 200 }}
        >
          <MenuItem value="">–</MenuItem>
          {people.map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          type="date"
          label={translate("gov.minutes.actionDue")}
          value={dueDate}
          onChange={(e) => setDueDate(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <Button type="submit" variant="contained" disabled={busy || !title.trim()}>
          {translate("gov.minutes.addActionItem")}
        </Button>
      </Stack>
    </Box>
  );
}

/** Decisions and action items recorded on the meeting but not on one of its items. */
function Loose({ meeting }: { meeting: Row }) {
  const translate = useTranslate();
  const decisions = meeting.decisions.filter((d: Row) => !d.agendaItem);
  const actions = meeting.actionItems.filter((a: Row) => !a.agendaItem);
  if (!decisions.length && !actions.length) return null;
  return (
    <Card>
      <CardContent>
        {decisions.length > 0 && (
          <Typography variant="h6" component="h2">
            {translate("gov.minutes.otherDecisions")}
          </Typography>
        )}
        <DecisionsOf decisions={decisions} />
        {actions.length > 0 && (
          <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
            {translate("gov.minutes.otherActions")}
          </Typography>
        )}
        <ActionsOf actions={actions} />
      </CardContent>
    </Card>
  );
}

function Summary({
  meeting,
  editable,
  reload,
}: {
  meeting: Row;
  editable: boolean;
  reload: () => Promise<void>;
}) {
  const translate = useTranslate();
  const { busy, run } = useAction();
  const [text, setText] = useState(meeting.summary ?? "");
  useEffect(() => setText(meeting.summary ?? ""), [meeting.summary]);
  if (!editable && !meeting.summary) return null;
  return (
    <Card>
      <CardHeader
        title={translate("gov.minutes.summary")}
        slotProps={{ title: { component: "h2", variant: "h6" } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {editable ? (
          <>
            <TextField
              label={translate("gov.minutes.summary")}
              value={text}
              onChange={(e) => setText(e.target.value)}
              multiline
              minRows={3}
              fullWidth
            />
            <Button
              sx={{ mt: 1 }}
              disabled={busy || text === (meeting.summary ?? "")}
              onClick={() =>
                run(async () => {
                  await request(
                    "mutation ($input: UpdateMeetingInput!) { updateMeeting(input: $input) { id } }",
                    { input: { meetingId: meeting.id, summary: text } },
                  );
                  await reload();
                }, "gov.common.saved")
              }
            >
              {translate("gov.minutes.saveSummary")}
            </Button>
          </>
        ) : (
          <Typography variant="body2" sx={{ whiteSpace: "pre-wrap" }}>
            {meeting.summary}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}

function Finalize({ meeting, reload }: { meeting: Row; reload: () => Promise<void> }) {
  const translate = useTranslate();
  const { busy, run } = useAction();
  const [open, setOpen] = useState(false);
  return (
    <Box>
      <Button
        variant="contained"
        color="primary"
        startIcon={<LockIcon />}
        onClick={() => setOpen(true)}
        disabled={busy}
      >
        {translate("gov.minutes.finalize")}
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="gov.minutes.finalizeConfirmTitle"
        content="gov.minutes.finalizeConfirm"
        confirm="gov.minutes.finalize"
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          const ok = await run(async () => {
            await request("mutation ($id: ID!) { finalizeMinutes(meetingId: $id) { id } }", {
              id: meeting.id,
            });
            await reload();
          }, "gov.minutes.finalizeConfirmTitle");
          if (ok) setOpen(false);
        }}
      />
    </Box>
  );
}

function Amendments({
  meeting,
  canAmend,
  reload,
}: {
  meeting: Row;
  canAmend: boolean;
  reload: () => Promise<void>;
}) {
  const translate = useTranslate();
  const { busy, run } = useAction();
  const [reason, setReason] = useState("");
  const [text, setText] = useState("");
  return (
    <Card>
      <CardHeader
        title={translate("gov.minutes.amendments")}
        slotProps={{ title: { component: "h2", variant: "h6" } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {meeting.amendments.length === 0 && (
          <Typography variant="body2">{translate("gov.minutes.noAmendments")}</Typography>
        )}
        <Stack spacing={1}>
          {meeting.amendments.map((a: Row) => (
            <Box key={a.id} sx={{ borderLeft: 3, borderColor: "warning.main", pl: 1 }}>
              <Typography variant="caption" color="text.secondary">
                {translate("gov.minutes.amendmentBy", {
                  date: dateTime(a.createdAt),
                  author: a.author.name,
                  reason: a.reason,
                })}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: "pre-wrap" }}>
                {a.text}
              </Typography>
            </Box>
          ))}
        </Stack>
        {canAmend && (
          <Box
            component="form"
            aria-label={translate("gov.minutes.addAmendment")}
            sx={{ mt: 2 }}
            onSubmit={async (e: FormEvent) => {
              e.preventDefault();
              const ok = await run(async () => {
                await request(
                  "mutation ($m: ID!, $r: String!, $t: String!) { addAmendment(meetingId: $m, reason: $r, text: $t) { id } }",
                  { m: meeting.id, r: reason, t: text },
                );
                await reload();
              }, "gov.minutes.added");
              if (ok) {
                setReason("");
                setText("");
              }
            }}
          >
            <Stack spacing={1}>
              <TextField
                size="small"
                label={translate("gov.minutes.amendmentReason")}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                required
              />
              <TextField
                size="small"
                label={translate("gov.minutes.amendmentText")}
                value={text}
                onChange={(e) => setText(e.target.value)}
                required
                multiline
                minRows={2}
              />
              <Box>
                <Button type="submit" variant="contained" disabled={busy || !reason.trim() || !text.trim()}>
                  {translate("gov.minutes.addAmendment")}
                </Button>
              </Box>
            </Stack>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
