// Decisions and action items in the minutes editor: shown under their agenda item, recorded
// there, and corrected in place while the minutes are a draft (after FINAL only amendments).
import { Box, Button, MenuItem, Link as MuiLink, Stack, TextField, Typography } from "@mui/material";
import { type FormEvent, type KeyboardEvent, useState } from "react";
import { useTranslate } from "react-admin";
import { Link } from "react-router-dom";
import type { Row } from "../dataProvider/registry.ts";
import { date, decimal, euro, personDays } from "../format.ts";
import { request } from "../graphql.ts";
import { focusWhenReady } from "../layout/focus.ts";
import { NumberField } from "../ui/NumberInput.tsx";
import { EURO, type NumberSpec, PERSON_DAYS, parseNumber } from "../ui/numbers.ts";
import { DECISION_STATUSES } from "./enums.ts";
import { EnumChip, OverdueChip, showPath, useAction } from "./util.tsx";

export interface Person {
  id: string;
  name: string;
}

/**
 * An amount field's text read as the exact Decimal the API takes: empty is no amount (null),
 * anything the German parsing does not understand is an error, shown at the field by NumberField.
 */
function readAmount(text: string, spec: NumberSpec): { value: string | null; invalid: boolean } {
  if (!text.trim()) return { value: null, invalid: false };
  const parsed = parseNumber(text, spec);
  return parsed.ok ? { value: parsed.value, invalid: false } : { value: null, invalid: true };
}

/** Escape closes an inline form as its cancel button does. */
const escapeTo = (cancel: () => void) => (event: KeyboardEvent) => {
  if (event.key === "Escape") {
    event.stopPropagation();
    cancel();
  }
};

export function DecisionsOf({
  decisions,
  editable = false,
  reload,
}: {
  decisions: Row[];
  editable?: boolean;
  reload?: () => Promise<void>;
}) {
  const translate = useTranslate();
  if (!decisions.length) return null;
  return (
    <Box sx={{ mt: 1.5 }}>
      <Typography variant="subtitle2" component="h4">
        {translate("gov.minutes.decisions")}
      </Typography>
      <Stack spacing={0.5}>
        {decisions.map((d) => (
          <DecisionEntry key={d.id} decision={d} editable={editable} reload={reload} />
        ))}
      </Stack>
    </Box>
  );
}

function DecisionEntry({
  decision: d,
  editable,
  reload,
}: {
  decision: Row;
  editable: boolean;
  reload?: () => Promise<void>;
}) {
  const translate = useTranslate();
  const [editing, setEditing] = useState(false);
  const focusKey = `decision-edit-${d.id}`;
  const close = () => {
    setEditing(false);
    focusWhenReady([focusKey]);
  };
  return (
    <Box sx={{ borderLeft: 3, borderColor: "primary.main", pl: 1 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
        <MuiLink component={Link} to={showPath("decisions", d.id)} variant="body2" sx={{ fontWeight: 600 }}>
          {d.title}
        </MuiLink>
        <EnumChip name="DecisionStatus" value={d.status} />
        {d.costImpact && (
          <Typography variant="caption">
            {translate("resources.decisions.fields.costImpact")}: {euro(d.costImpact)}
          </Typography>
        )}
        {d.personDayImpact && (
          <Typography variant="caption">
            {translate("resources.decisions.fields.personDayImpact")}: {personDays(d.personDayImpact)}
          </Typography>
        )}
        {d.followUpDate && (
          <Typography variant="caption">
            {translate("resources.decisions.fields.followUpDate")}: {date(d.followUpDate)}
          </Typography>
        )}
        {editable && !editing && (
          <Button
            size="small"
            data-focus={focusKey}
            aria-label={translate("gov.minutes.editDecision", { title: d.title })}
            onClick={() => setEditing(true)}
          >
            {translate("gov.minutes.edit")}
          </Button>
        )}
      </Stack>
      {editing && reload ? (
        <DecisionEditForm
          decision={d}
          cancel={close}
          done={async () => {
            await reload();
            close();
          }}
        />
      ) : (
        <Typography variant="body2" sx={{ whiteSpace: "pre-wrap" }}>
          {d.text}
        </Typography>
      )}
    </Box>
  );
}

function DecisionEditForm({
  decision,
  cancel,
  done,
}: {
  decision: Row;
  cancel: () => void;
  done: () => Promise<void>;
}) {
  const translate = useTranslate();
  const { busy, run } = useAction();
  const [title, setTitle] = useState<string>(decision.title);
  const [text, setText] = useState<string>(decision.text);
  const [cost, setCost] = useState(decision.costImpact ? decimal(decision.costImpact, 2) : "");
  const [days, setDays] = useState(decision.personDayImpact ? decimal(decision.personDayImpact) : "");
  const [followUp, setFollowUp] = useState<string>(decision.followUpDate ?? "");
  const costRead = readAmount(cost, EURO);
  const daysRead = readAmount(days, PERSON_DAYS);
  const label = translate("gov.minutes.editDecision", { title: decision.title });
  return (
    <Box
      component="form"
      aria-label={label}
      onKeyDown={escapeTo(cancel)}
      onSubmit={async (e: FormEvent) => {
        e.preventDefault();
        const ok = await run(
          () =>
            request("mutation ($input: UpdateDecisionInput!) { updateDecision(input: $input) { id } }", {
              input: {
                decisionId: decision.id,
                title,
                text,
                costImpact: costRead.value,
                personDayImpact: daysRead.value,
                followUpDate: followUp || null,
              },
            }),
          translate("gov.minutes.decisionSaved", { title: title.trim() }),
        );
        if (ok) await done();
      }}
      sx={{ mt: 1, p: 1.5, border: 1, borderColor: "divider", borderRadius: 1 }}
    >
      <Stack spacing={1.5}>
        <DecisionWording title={title} text={text} onTitle={setTitle} onText={setText} />
        <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
          <NumberField
            size="small"
            label={`${translate("resources.decisions.fields.costImpact")} (€)`}
            value={cost}
            onChange={setCost}
            spec={EURO}
            showProblem
          />
          <NumberField
            size="small"
            label={`${translate("resources.decisions.fields.personDayImpact")} (PT)`}
            value={days}
            onChange={setDays}
            spec={PERSON_DAYS}
            showProblem
          />
          <TextField
            size="small"
            type="date"
            label={translate("resources.decisions.fields.followUpDate")}
            value={followUp}
            onChange={(e) => setFollowUp(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </Stack>
        <Stack direction="row" spacing={1}>
          <Button
            type="submit"
            variant="contained"
            disabled={busy || !title.trim() || !text.trim() || costRead.invalid || daysRead.invalid}
          >
            {translate("gov.common.save")}
          </Button>
          <Button onClick={cancel}>{translate("gov.common.cancel")}</Button>
        </Stack>
      </Stack>
    </Box>
  );
}

export function ActionsOf({
  actions,
  people = [],
  editable = false,
  reload,
}: {
  actions: Row[];
  people?: Person[];
  editable?: boolean;
  reload?: () => Promise<void>;
}) {
  const translate = useTranslate();
  if (!actions.length) return null;
  return (
    <Box sx={{ mt: 1.5 }}>
      <Typography variant="subtitle2" component="h4">
        {translate("gov.minutes.actionItems")}
      </Typography>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {actions.map((a) => (
          <ActionEntry key={a.id} action={a} people={people} editable={editable} reload={reload} />
        ))}
      </ul>
    </Box>
  );
}

function ActionEntry({
  action: a,
  people,
  editable,
  reload,
}: {
  action: Row;
  people: Person[];
  editable: boolean;
  reload?: () => Promise<void>;
}) {
  const translate = useTranslate();
  const [editing, setEditing] = useState(false);
  const focusKey = `action-edit-${a.id}`;
  const close = () => {
    setEditing(false);
    focusWhenReady([focusKey]);
  };
  return (
    <li>
      <Typography variant="body2" component="span">
        {a.title} – {a.owner?.name ?? translate("gov.minutes.nobody")}
        {a.dueDate && `, ${translate("resources.actionItems.fields.dueDate")} ${date(a.dueDate)}`}{" "}
      </Typography>
      <EnumChip name="ActionItemStatus" value={a.status} />
      {a.overdue && <OverdueChip />}
      {editable && !editing && (
        <Button
          size="small"
          data-focus={focusKey}
          aria-label={translate("gov.minutes.editAction", { title: a.title })}
          onClick={() => setEditing(true)}
          sx={{ ml: 1 }}
        >
          {translate("gov.minutes.edit")}
        </Button>
      )}
      {editing && reload && (
        <ActionEditForm
          action={a}
          people={people}
          cancel={close}
          done={async () => {
            await reload();
            close();
          }}
        />
      )}
    </li>
  );
}

function ActionEditForm({
  action,
  people,
  cancel,
  done,
}: {
  action: Row;
  people: Person[];
  cancel: () => void;
  done: () => Promise<void>;
}) {
  const translate = useTranslate();
  const { busy, run } = useAction();
  const [title, setTitle] = useState<string>(action.title);
  const [ownerId, setOwnerId] = useState<string>(action.owner?.id ?? "");
  const [dueDate, setDueDate] = useState<string>(action.dueDate ?? "");
  // The owner may have left the steering group since; they stay choosable for this task.
  const choices =
    action.owner && !people.some((p) => p.id === action.owner.id) ? [action.owner, ...people] : people;
  return (
    <Box
      component="form"
      aria-label={translate("gov.minutes.editAction", { title: action.title })}
      onKeyDown={escapeTo(cancel)}
      onSubmit={async (e: FormEvent) => {
        e.preventDefault();
        const ok = await run(
          () =>
            request("mutation ($input: UpdateActionItemInput!) { updateActionItem(input: $input) { id } }", {
              input: {
                actionItemId: action.id,
                title,
                ownerId: ownerId || null,
                dueDate: dueDate || null,
              },
            }),
          translate("gov.minutes.actionSaved", { title: title.trim() }),
        );
        if (ok) await done();
      }}
      sx={{ my: 1, p: 1.5, border: 1, borderColor: "divider", borderRadius: 1 }}
    >
      <Stack direction={{ xs: "column", sm: "row" }} spacing={1} sx={{ alignItems: { sm: "center" } }}>
        <TextField
          size="small"
          label={translate("gov.minutes.actionTitle")}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          autoFocus
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
          {choices.map((p: Person) => (
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
          {translate("gov.common.save")}
        </Button>
        <Button onClick={cancel}>{translate("gov.common.cancel")}</Button>
      </Stack>
    </Box>
  );
}

export function DecisionForm({
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
  const cost = readAmount(costImpact, EURO);
  return (
    <Box
      component="form"
      aria-label={`${translate("gov.minutes.addDecision")} (TOP ${number})`}
      onSubmit={async (e: FormEvent) => {
        e.preventDefault();
        const ok = await run(
          () =>
            request("mutation ($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }", {
              input: {
                meetingId: meeting.id,
                agendaItemId,
                title,
                text,
                status,
                schoolId: schoolId || null,
                costImpact: cost.value,
              },
            }),
          translate("gov.minutes.decisionAdded", { title: title.trim(), n: number }),
        );
        if (ok) await done();
      }}
      sx={{ mt: 1, p: 1.5, border: 1, borderColor: "divider", borderRadius: 1 }}
    >
      <Stack spacing={1.5}>
        <DecisionWording title={title} text={text} onTitle={setTitle} onText={setText} />
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
          <NumberField
            size="small"
            label={`${translate("resources.decisions.fields.costImpact")} (€)`}
            value={costImpact}
            onChange={setCostImpact}
            spec={EURO}
            showProblem
          />
        </Stack>
        <Box>
          <Button
            type="submit"
            variant="contained"
            disabled={busy || !title.trim() || !text.trim() || cost.invalid}
          >
            {translate("gov.minutes.addDecision")}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}

export function ActionForm({
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
      onSubmit={async (e: FormEvent) => {
        e.preventDefault();
        const ok = await run(
          () =>
            request("mutation ($input: AddActionItemInput!) { addActionItem(input: $input) { id } }", {
              input: { meetingId, agendaItemId, title, ownerId: ownerId || null, dueDate: dueDate || null },
            }),
          translate("gov.minutes.actionAdded", { title: title.trim(), n: number }),
        );
        if (ok) await done();
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
          autoFocus
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

/** A decision's title and text, as the add and the edit form ask for them. */
function DecisionWording(props: {
  title: string;
  text: string;
  onTitle: (title: string) => void;
  onText: (text: string) => void;
}) {
  const translate = useTranslate();
  return (
    <>
      <TextField
        size="small"
        label={translate("gov.minutes.decisionTitle")}
        value={props.title}
        onChange={(e) => props.onTitle(e.target.value)}
        required
        autoFocus
      />
      <TextField
        size="small"
        label={translate("gov.minutes.decisionText")}
        value={props.text}
        onChange={(e) => props.onText(e.target.value)}
        required
        multiline
        minRows={2}
      />
    </>
  );
}
