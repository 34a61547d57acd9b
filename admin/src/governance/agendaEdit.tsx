// Correcting an agenda item of draft minutes: renaming it (title and kind) in place, and removing
// it after a confirmation that says what becomes of its decisions and action items. The server
// refuses to remove an item with consequences beyond these minutes; its German reason stays in
// the dialog.
import DeleteOutlinedIcon from "@mui/icons-material/DeleteOutlined";
import { Box, Button, MenuItem, Stack, TextField } from "@mui/material";
import { type FormEvent, useState } from "react";
import { useTranslate } from "react-admin";
import type { Row } from "../dataProvider/registry.ts";
import { request } from "../graphql.ts";
import { ConfirmDialog } from "../layout/confirm.tsx";
import { AGENDA_ITEM_KINDS } from "./enums.ts";
import { useAction } from "./util.tsx";

export function AgendaItemEditForm({
  item,
  number,
  cancel,
  done,
}: {
  item: Row;
  number: number;
  cancel: () => void;
  done: () => Promise<void>;
}) {
  const translate = useTranslate();
  const { busy, run } = useAction();
  const [title, setTitle] = useState<string>(item.title);
  const [kind, setKind] = useState<string>(item.kind);
  const label = translate("gov.minutes.editItem", { n: number });
  return (
    <Box
      component="form"
      aria-label={label}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          cancel();
        }
      }}
      onSubmit={async (event: FormEvent) => {
        event.preventDefault();
        const ok = await run(
          () =>
            request("mutation ($input: UpdateAgendaItemInput!) { updateAgendaItem(input: $input) { id } }", {
              input: { agendaItemId: item.id, title, kind },
            }),
          translate("gov.minutes.itemSaved", { n: number, title: title.trim() }),
        );
        if (ok) await done();
      }}
      sx={{ mt: 1, p: 1.5, border: 1, borderColor: "divider", borderRadius: 1 }}
    >
      <Stack direction={{ xs: "column", md: "row" }} spacing={1} sx={{ alignItems: { md: "center" } }}>
        <TextField
          size="small"
          label={translate("gov.minutes.itemTitle")}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          autoFocus
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
          {translate("gov.common.save")}
        </Button>
        <Button onClick={cancel}>{translate("gov.common.cancel")}</Button>
      </Stack>
    </Box>
  );
}

export function RemoveAgendaItemButton({
  item,
  number,
  reload,
  returnFocus,
}: {
  item: Row;
  number: number;
  reload: () => Promise<void>;
  /** Where focus goes once the item is gone: its neighbour, or the field to add another. */
  returnFocus: string[];
}) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const records = item.decisions.length + item.actionItems.length;
  return (
    <>
      <Button
        size="small"
        color="error"
        startIcon={<DeleteOutlinedIcon />}
        aria-label={translate("gov.minutes.removeItem", { n: number })}
        onClick={() => setOpen(true)}
      >
        {translate("gov.minutes.remove")}
      </Button>
      <ConfirmDialog
        open={open}
        color="error"
        title={translate("gov.minutes.removeTitle", { n: number })}
        text={translate(records > 0 ? "gov.minutes.removeTextRecords" : "gov.minutes.removeText", {
          title: item.title,
        })}
        confirmLabel={translate("gov.minutes.remove")}
        success={translate("gov.minutes.removed", { n: number, title: item.title })}
        onClose={() => setOpen(false)}
        returnFocus={returnFocus}
        onConfirm={async () => {
          await request("mutation ($id: ID!) { removeAgendaItem(agendaItemId: $id) }", { id: item.id });
          await reload();
        }}
      />
    </>
  );
}
