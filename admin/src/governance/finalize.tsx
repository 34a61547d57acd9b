// Finalising the minutes: the confirmation shows what the minutes hold as they will be frozen
// (open agenda items, decisions with their status, open action items). A meeting that has not
// taken place yet cannot be finalised: the button says why instead of letting the server refuse.
import LockIcon from "@mui/icons-material/Lock";
import { Box, Button, Stack, Typography } from "@mui/material";
import { useId, useState } from "react";
import { useTranslate } from "react-admin";
import type { Row } from "../dataProvider/registry.ts";
import { date } from "../format.ts";
import { request } from "../graphql.ts";
import { ConfirmDialog } from "../layout/confirm.tsx";
import { timeOf } from "./util.tsx";

/** Where focus goes once the minutes are final: the notice that they are. */
export const FINAL_NOTICE_FOCUS = "minutes-final";

function SummaryList({ title, empty, lines }: { title: string; empty: string; lines: string[] }) {
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle2" component="h3">
        {title}
      </Typography>
      {lines.length === 0 ? (
        <Typography variant="body2">{empty}</Typography>
      ) : (
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {lines.map((line, index) => (
            // Two lines may read the same (two decisions of one title); the index keeps them apart.
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are text, recomputed as a whole
            <Typography key={index} component="li" variant="body2">
              {line}
            </Typography>
          ))}
        </ul>
      )}
    </Box>
  );
}

export function Finalize({ meeting, reload }: { meeting: Row; reload: () => Promise<void> }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const hintId = useId();
  const future = new Date(meeting.scheduledAt).getTime() > Date.now();

  const items = [...meeting.agendaItems].sort((a: Row, b: Row) => a.position - b.position);
  const openItems = items
    .map((item: Row, index: number) => ({ item, number: index + 1 }))
    .filter(({ item }) => item.status === "OPEN")
    .map(({ item, number }) => `TOP ${number}: ${item.title}`);
  const decisions = meeting.decisions.map(
    (d: Row) => `${d.title} – ${translate(`enums.DecisionStatus.${d.status}`)}`,
  );
  const openActions = meeting.actionItems
    .filter((a: Row) => a.status === "OPEN")
    .map(
      (a: Row) =>
        `${a.title} – ${a.owner?.name ?? translate("gov.minutes.nobody")}${
          a.dueDate ? `, ${translate("resources.actionItems.fields.dueDate")} ${date(a.dueDate)}` : ""
        }`,
    );

  return (
    <Box>
      <Stack direction={{ xs: "column", sm: "row" }} spacing={2} sx={{ alignItems: { sm: "center" } }}>
        <Button
          variant="contained"
          color="primary"
          startIcon={<LockIcon />}
          onClick={() => setOpen(true)}
          disabled={future}
          aria-describedby={future ? hintId : undefined}
          sx={{ flexShrink: 0 }}
        >
          {translate("gov.minutes.finalize")}
        </Button>
        {future && (
          <Typography id={hintId} variant="body2" data-testid="finalize-hint">
            {translate("gov.minutes.finalizeFuture", {
              date: date(meeting.scheduledAt),
              time: timeOf(meeting.scheduledAt),
            })}
          </Typography>
        )}
      </Stack>
      <ConfirmDialog
        open={open}
        title={translate("gov.minutes.finalizeConfirmTitle")}
        text={translate("gov.minutes.finalizeConfirm")}
        confirmLabel={translate("gov.minutes.finalize")}
        success={translate("gov.minutes.finalizeDone")}
        onClose={() => setOpen(false)}
        returnFocus={[FINAL_NOTICE_FOCUS]}
        onConfirm={async () => {
          await request("mutation ($id: ID!) { finalizeMinutes(meetingId: $id) { id } }", {
            id: meeting.id,
          });
          await reload();
        }}
      >
        <Box data-testid="finalize-summary">
          <SummaryList
            title={translate("gov.minutes.summaryOpenItems", { count: openItems.length })}
            empty={translate("gov.minutes.summaryNoOpenItems")}
            lines={openItems}
          />
          <SummaryList
            title={translate("gov.minutes.summaryDecisions", { count: decisions.length })}
            empty={translate("gov.minutes.summaryNoDecisions")}
            lines={decisions}
          />
          <SummaryList
            title={translate("gov.minutes.summaryOpenActions", { count: openActions.length })}
            empty={translate("gov.minutes.summaryNoOpenActions")}
            lines={openActions}
          />
        </Box>
      </ConfirmDialog>
    </Box>
  );
}
