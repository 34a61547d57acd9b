// On the meeting page: moving and cancelling a draft meeting (minute takers only), and the
// person's own calendar subscription link for the meeting's authority.
import ContentCopyIcon from "@mui/icons-material/ContentCopy";
import EventBusyIcon from "@mui/icons-material/EventBusy";
import ScheduleIcon from "@mui/icons-material/Schedule";
import {
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { type FormEvent, useState } from "react";
import { useNotify, useTranslate } from "react-admin";
import type { Row } from "../dataProvider/registry.ts";
import { request } from "../graphql.ts";
import { useAction } from "./util.tsx";

/** An instant as the value of a datetime-local input, in Europe/Berlin ("2026-11-23T10:00"). */
function localInput(value: string): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Berlin",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  })
    .format(new Date(value))
    .replace(" ", "T");
}

/** Move and cancel, for a minute taker while the meeting is a scheduled draft. */
export function MeetingScheduleActions({ meeting, reload }: { meeting: Row; reload: () => Promise<void> }) {
  const translate = useTranslate();
  const { busy, run } = useAction();
  const [open, setOpen] = useState<"move" | "cancel" | null>(null);
  const [when, setWhen] = useState(() => localInput(meeting.scheduledAt));
  const [reason, setReason] = useState("");

  const submitMove = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await run(
      () =>
        request(
          "mutation ($id: ID!, $at: DateTime!) { moveMeeting(meetingId: $id, scheduledAt: $at) { id } }",
          {
            id: meeting.id,
            // The browser reads the datetime-local value in the person's own time zone.
            at: new Date(when).toISOString(),
          },
        ),
      "gov.meetings.moved",
    );
    if (ok) {
      setOpen(null);
      await reload();
    }
  };
  const submitCancel = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await run(
      () =>
        request("mutation ($id: ID!, $r: String!) { cancelMeeting(meetingId: $id, reason: $r) { id } }", {
          id: meeting.id,
          r: reason,
        }),
      "gov.meetings.cancelledDone",
    );
    if (ok) {
      setOpen(null);
      await reload();
    }
  };

  return (
    <>
      <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap" }}>
        <Button
          variant="outlined"
          startIcon={<ScheduleIcon />}
          onClick={() => {
            setWhen(localInput(meeting.scheduledAt));
            setOpen("move");
          }}
        >
          {translate("gov.meetings.move")}
        </Button>
        <Button
          variant="outlined"
          color="error"
          startIcon={<EventBusyIcon />}
          onClick={() => setOpen("cancel")}
        >
          {translate("gov.meetings.cancelMeeting")}
        </Button>
      </Stack>
      <Dialog open={open === "move"} onClose={() => setOpen(null)} aria-labelledby="move-meeting-title">
        <form onSubmit={submitMove}>
          <DialogTitle id="move-meeting-title">{translate("gov.meetings.move")}</DialogTitle>
          <DialogContent>
            <TextField
              type="datetime-local"
              label={translate("gov.meetings.moveTo")}
              value={when}
              onChange={(e) => setWhen(e.target.value)}
              required
              fullWidth
              sx={{ mt: 1 }}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(null)}>{translate("gov.common.cancel")}</Button>
            <Button type="submit" variant="contained" disabled={busy || !when}>
              {translate("gov.meetings.move")}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
      <Dialog open={open === "cancel"} onClose={() => setOpen(null)} aria-labelledby="cancel-meeting-title">
        <form onSubmit={submitCancel}>
          <DialogTitle id="cancel-meeting-title">{translate("gov.meetings.cancelMeeting")}</DialogTitle>
          <DialogContent>
            <DialogContentText>{translate("gov.meetings.cancelConfirm")}</DialogContentText>
            <TextField
              label={translate("gov.meetings.cancelReason")}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              fullWidth
              multiline
              minRows={2}
              sx={{ mt: 2 }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(null)}>{translate("gov.common.cancel")}</Button>
            <Button type="submit" variant="contained" color="error" disabled={busy || !reason.trim()}>
              {translate("gov.meetings.cancelMeeting")}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}

/** The person's secret iCal link for the authority's meetings: create (replacing), copy, revoke. */
export function CalendarFeedCard({ authority }: { authority: { id: string; name: string } }) {
  const translate = useTranslate();
  const notify = useNotify();
  const { busy, run } = useAction();
  const [url, setUrl] = useState<string | null>(null);

  const create = () =>
    run(async () => {
      const data = await request<{ createCalendarFeed: { path: string } }>(
        "mutation ($a: ID!) { createCalendarFeed(authorityId: $a) { path createdAt } }",
        { a: authority.id },
      );
      setUrl(`${location.origin}${data.createCalendarFeed.path}`);
    });
  const revoke = () =>
    run(async () => {
      const data = await request<{ revokeCalendarFeeds: boolean }>(
        "mutation ($a: ID!) { revokeCalendarFeeds(authorityId: $a) }",
        { a: authority.id },
      );
      setUrl(null);
      notify(
        translate(
          data.revokeCalendarFeeds
            ? "gov.meetings.calendarFeedRevoked"
            : "gov.meetings.calendarFeedNoneRevoked",
        ),
        { type: "info" },
      );
    });
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      notify(translate("gov.meetings.copied"), { type: "success" });
    } catch {
      notify(translate("gov.meetings.copyFailed"), { type: "warning" });
    }
  };

  return (
    <Card component="section" aria-labelledby="calendar-feed-title">
      <CardContent>
        <Typography id="calendar-feed-title" variant="h6" component="h2">
          {translate("gov.meetings.calendarFeed")}
        </Typography>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate("gov.meetings.calendarFeedExplain", { authority: authority.name })}
        </Typography>
        {url && (
          <Stack
            direction={{ xs: "column", sm: "row" }}
            spacing={1}
            sx={{ mb: 2, alignItems: { sm: "center" } }}
          >
            <TextField
              label={translate("gov.meetings.calendarFeedUrl")}
              value={url}
              fullWidth
              size="small"
              slotProps={{
                input: { readOnly: true },
                htmlInput: { onFocus: (e: { target: HTMLInputElement }) => e.target.select() },
              }}
            />
            <Button variant="outlined" startIcon={<ContentCopyIcon />} onClick={copy} sx={{ flexShrink: 0 }}>
              {translate("gov.meetings.copy")}
            </Button>
          </Stack>
        )}
        <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap" }}>
          <Button variant="contained" disabled={busy} onClick={create}>
            {translate(url ? "gov.meetings.calendarFeedRenew" : "gov.meetings.calendarFeedCreate")}
          </Button>
          <Button color="error" disabled={busy} onClick={revoke}>
            {translate("gov.meetings.calendarFeedRevoke")}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
