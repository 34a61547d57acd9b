// The meeting page as the minutes editor: attendance, the agenda in order (drag or arrow
// buttons), notes, decisions and action items on their item, items carried forward from
// earlier meetings, finalising, amendments of final minutes and the exports. While the minutes
// are a draft every entry is corrected in place; after a save, add or move, focus returns to the
// control the person used (layout/focus.ts), not to the page top.
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
import { Loading, Title, useGetOne, useTranslate } from "react-admin";
import { Link, useParams } from "react-router-dom";
import type { Row } from "../dataProvider/registry.ts";
import { date, dateTime } from "../format.ts";
import { request } from "../graphql.ts";
import { focusWhenReady } from "../layout/focus.ts";
import { AgendaItemEditForm, RemoveAgendaItemButton } from "./agendaEdit.tsx";
import { AGENDA_ITEM_KINDS } from "./enums.ts";
import { FINAL_NOTICE_FOCUS, Finalize } from "./finalize.tsx";
import { LiveRefresh } from "./live.tsx";
import { CalendarFeedCard, MeetingScheduleActions } from "./meetingActions.tsx";
import { MinutesChip } from "./meetings.tsx";
import { ActionForm, ActionsOf, DecisionForm, DecisionsOf, type Person } from "./minutesRecords.tsx";
import { EnumChip, OverdueChip, showPath, timeOf, useAction, useCanRecord } from "./util.tsx";

/** The field to add an agenda item: where focus goes when no neighbouring item is left. */
const ADD_ITEM_FOCUS = "add-item-title";

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
        <Alert severity="info" icon={<LockIcon />} tabIndex={-1} data-focus={FINAL_NOTICE_FOCUS}>
          {translate("gov.minutes.finalized", { date: dateTime(meeting.finalizedAt) })}{" "}
          {translate("gov.minutes.readOnlyFinal")}
        </Alert>
      )}
      {!canRecord && !final && <Alert severity="info">{translate("gov.minutes.readOnlyRole")}</Alert>}
      <Participants meeting={meeting} people={people} editable={editable} reload={reload} />
      {editable && <CarryForward meeting={meeting} reload={reload} />}
      <Agenda meeting={meeting} people={people} editable={editable} reload={reload} />
      <Loose meeting={meeting} people={people} editable={editable} reload={reload} />
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
            data-focus="save-participants"
            onClick={async () => {
              await run(async () => {
                await request(
                  "mutation ($m: ID!, $i: [ID!]!, $a: [ID!]!) { setMeetingParticipants(meetingId: $m, invitedIds: $i, attendedIds: $a) { id } }",
                  { m: meeting.id, i: ids("invited"), a: ids("attended") },
                );
                await reload();
              }, "gov.common.saved");
              focusWhenReady(["save-participants"]);
            }}
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
            {candidates.agendaItems.map((item, index) => (
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
                  data-focus={`take-over-${index}`}
                  aria-label={`${translate("gov.minutes.takeOver")}: ${item.title}`}
                  onClick={async () => {
                    const ok = await run(
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
                    );
                    // The item taken over leaves this list: focus goes to the next one in its place.
                    if (ok) focusWhenReady([`take-over-${index}`, `take-over-${index - 1}`, ADD_ITEM_FOCUS]);
                  }}
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
    const [moved] = next.splice(from, 1);
    if (!moved) return;
    next.splice(to, 0, moved);
    setItems(next);
    run(async () => {
      await request(
        "mutation ($m: ID!, $ids: [ID!]!) { reorderAgendaItems(meetingId: $m, agendaItemIds: $ids) { id } }",
        { m: meeting.id, ids: next.map((i) => i.id) },
      );
      await reload();
    }).then((ok) => {
      if (!ok) setItems(serverOrder);
      // The same arrow of the moved item, or the other one once it reached the top or bottom.
      const [same, other] = to < from ? ["up", "down"] : ["down", "up"];
      focusWhenReady([`item-${same}-${moved.id}`, `item-${other}-${moved.id}`]);
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
                afterRemoval={[
                  `item-edit-${items[index + 1]?.id}`,
                  `item-edit-${items[index - 1]?.id}`,
                  ADD_ITEM_FOCUS,
                ]}
              />
            </Box>
          ))}
        </Stack>
        {editable && <AddAgendaItem meetingId={meeting.id} count={items.length} reload={reload} />}
      </CardContent>
    </Card>
  );
}

function AddAgendaItem({
  meetingId,
  count,
  reload,
}: {
  meetingId: string;
  count: number;
  reload: () => Promise<void>;
}) {
  const translate = useTranslate();
  const { busy, run } = useAction();
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState("INFORMATION");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await run(
      async () => {
        await request("mutation ($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }", {
          input: { meetingId, title, kind },
        });
        await reload();
      },
      translate("gov.minutes.itemAdded", { n: count + 1, title: title.trim() }),
    );
    if (ok) setTitle("");
    // Ready for the next item, also when the button was used (it is disabled while saving).
    focusWhenReady([ADD_ITEM_FOCUS]);
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
          slotProps={{ htmlInput: { "data-focus": ADD_ITEM_FOCUS } }}
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
  afterRemoval,
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
  /** Focus keys for when this item is removed. */
  afterRemoval: string[];
}) {
  const translate = useTranslate();
  const action = useAction();
  const [notes, setNotes] = useState(item.notes ?? "");
  useEffect(() => setNotes(item.notes ?? ""), [item.notes]);
  const [adding, setAdding] = useState<"decision" | "action" | null>(null);
  const [editing, setEditing] = useState(false);
  const closeEditing = () => {
    setEditing(false);
    focusWhenReady([`item-edit-${item.id}`]);
  };
  /** After a record is added: the form closes and focus returns to the button that opened it. */
  const added = async (kind: "decision" | "action") => {
    setAdding(null);
    await reload();
    focusWhenReady([`add-${kind}-${item.id}`]);
  };

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
                data-focus={`item-up-${item.id}`}
              >
                <ArrowUpwardIcon fontSize="small" />
              </IconButton>
              <IconButton
                size="small"
                disabled={busy || number === count}
                onClick={() => onMove(1)}
                aria-label={translate("gov.minutes.moveDown", { n: number })}
                data-focus={`item-down-${item.id}`}
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
              {editable && (
                <Button
                  size="small"
                  data-focus={`item-edit-${item.id}`}
                  aria-label={translate("gov.minutes.editItem", { n: number })}
                  aria-expanded={editing}
                  onClick={() => (editing ? closeEditing() : setEditing(true))}
                >
                  {translate("gov.minutes.edit")}
                </Button>
              )}
              {editable && (
                <RemoveAgendaItemButton
                  item={item}
                  number={number}
                  reload={reload}
                  returnFocus={afterRemoval}
                />
              )}
            </Stack>
            {editing && (
              <AgendaItemEditForm
                item={item}
                number={number}
                cancel={closeEditing}
                done={async () => {
                  await reload();
                  closeEditing();
                }}
              />
            )}
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
                  slotProps={{ htmlInput: { "data-focus": `notes-${item.id}` } }}
                />
                <Button
                  disabled={action.busy || notes === (item.notes ?? "")}
                  onClick={async () => {
                    await action.run(async () => {
                      await request(
                        "mutation ($input: UpdateAgendaItemInput!) { updateAgendaItem(input: $input) { id } }",
                        { input: { agendaItemId: item.id, notes } },
                      );
                      await reload();
                    }, "gov.common.saved");
                    // The button is disabled once the notes are saved: back to the notes.
                    focusWhenReady([`notes-${item.id}`]);
                  }}
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

            <DecisionsOf decisions={item.decisions} editable={editable} reload={reload} />
            <ActionsOf actions={item.actionItems} people={people} editable={editable} reload={reload} />

            {editable && (
              <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
                <Button
                  size="small"
                  variant={adding === "decision" ? "contained" : "outlined"}
                  onClick={() => setAdding(adding === "decision" ? null : "decision")}
                  aria-expanded={adding === "decision"}
                  data-focus={`add-decision-${item.id}`}
                  aria-label={`${translate("gov.minutes.addDecision")} (TOP ${number})`}
                >
                  {translate("gov.minutes.addDecision")}
                </Button>
                <Button
                  size="small"
                  variant={adding === "action" ? "contained" : "outlined"}
                  onClick={() => setAdding(adding === "action" ? null : "action")}
                  aria-expanded={adding === "action"}
                  data-focus={`add-action-${item.id}`}
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
                done={() => added("decision")}
              />
            )}
            {adding === "action" && (
              <ActionForm
                meetingId={meeting.id}
                agendaItemId={item.id}
                number={number}
                people={people}
                done={() => added("action")}
              />
            )}
          </Box>
        </Stack>
      </CardContent>
    </Card>
  );
}

function Loose({
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
        <DecisionsOf decisions={decisions} editable={editable} reload={reload} />
        {actions.length > 0 && (
          <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
            {translate("gov.minutes.otherActions")}
          </Typography>
        )}
        <ActionsOf actions={actions} people={people} editable={editable} reload={reload} />
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
              slotProps={{ htmlInput: { "data-focus": "minutes-summary" } }}
            />
            <Button
              sx={{ mt: 1 }}
              disabled={busy || text === (meeting.summary ?? "")}
              onClick={async () => {
                await run(async () => {
                  await request(
                    "mutation ($input: UpdateMeetingInput!) { updateMeeting(input: $input) { id } }",
                    { input: { meetingId: meeting.id, summary: text } },
                  );
                  await reload();
                }, "gov.common.saved");
                // The button is disabled once the text is saved: back to the text.
                focusWhenReady(["minutes-summary"]);
              }}
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
