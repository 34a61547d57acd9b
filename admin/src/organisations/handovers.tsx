// Who supports a school, and since when: the handovers between the authority's IT and the
// provider, with their history. The provider proposes (date, note), the authority's school-IT
// officer or IT department confirms; only confirmed handovers count.
import {
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from "@mui/material";
import { useId, useState } from "react";
import { Confirm, usePermissions, useRecordContext, useTranslate } from "react-admin";
import { hasRole } from "../authProvider.ts";
import { Section, useAction } from "../controlling/ui.tsx";
import type { Row } from "../dataProvider/registry.ts";
import { date, dateTime } from "../format.ts";
import { request } from "../graphql.ts";

/** Berlin's today as YYYY-MM-DD. */
const todayInBerlin = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());

function ProposeHandover({ school }: { school: Row }) {
  const translate = useTranslate();
  const t = (key: string, options?: object) => translate(`resources.schools.handovers.${key}`, options);
  const { run, busy } = useAction();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ handoverDate: todayInBerlin(), note: "" });
  const to = school.supportedBy === "PROVIDER" ? "AUTHORITY_IT" : "PROVIDER";
  return (
    <>
      <Button variant="contained" onClick={() => setOpen(true)}>
        {t("propose")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={id} fullWidth maxWidth="sm">
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const ok = await run(
              () =>
                request(
                  "mutation ($input: ProposeSchoolHandoverInput!) { proposeSchoolHandover(input: $input) { id } }",
                  {
                    input: {
                      schoolId: school.id,
                      handoverDate: form.handoverDate,
                      note: form.note.trim() || null,
                    },
                  },
                ),
              t("proposed"),
            );
            if (ok) setOpen(false);
          }}
        >
          <DialogTitle id={id}>{t("proposeTitle")}</DialogTitle>
          <DialogContent>
            <Stack spacing={2} sx={{ mt: 1 }}>
              <Typography variant="body2">
                {t("proposeHint", { school: school.name, to: translate(`enums.SupportSide.${to}`) })}
              </Typography>
              <TextField
                label={t("date")}
                type="date"
                required
                value={form.handoverDate}
                onChange={(e) => setForm((f) => ({ ...f, handoverDate: e.target.value }))}
                slotProps={{ inputLabel: { shrink: true } }}
              />
              <TextField
                label={t("note")}
                multiline
                minRows={2}
                value={form.note}
                onChange={(e) => setForm((f) => ({ ...f, note: e.target.value }))}
              />
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{translate("ra.action.cancel")}</Button>
            <Button type="submit" variant="contained" disabled={busy || !form.handoverDate}>
              {t("proposeSubmit")}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}

function ConfirmHandover({ school, handover }: { school: Row; handover: Row }) {
  const translate = useTranslate();
  const t = (key: string) => translate(`resources.schools.handovers.${key}`);
  const { run, busy } = useAction();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" variant="outlined" onClick={() => setOpen(true)} disabled={busy}>
        {t("confirm")}
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="resources.schools.handovers.confirmTitle"
        content="resources.schools.handovers.confirmContent"
        translateOptions={{
          school: school.name,
          date: date(handover.handoverDate),
          to: translate(`enums.SupportSide.${handover.to}`),
        }}
        confirm="resources.schools.handovers.confirm"
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          const ok = await run(
            () =>
              request("mutation ($id: ID!) { confirmSchoolHandover(handoverId: $id) { id } }", {
                id: handover.id,
              }),
            t("confirmed"),
          );
          if (ok) setOpen(false);
        }}
      />
    </>
  );
}

/** Removes a pending handover: the provider withdraws its proposal, the authority declines it. */
function WithdrawHandover({ handover, decline }: { handover: Row; decline: boolean }) {
  const translate = useTranslate();
  const key = decline ? "decline" : "withdraw";
  const { run, busy } = useAction();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" color="error" onClick={() => setOpen(true)} disabled={busy}>
        {translate(`resources.schools.handovers.${key}`)}
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={`resources.schools.handovers.${key}Title`}
        content={`resources.schools.handovers.${key}Content`}
        translateOptions={{ date: date(handover.handoverDate) }}
        confirm={`resources.schools.handovers.${key}`}
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          const ok = await run(
            () =>
              request("mutation ($id: ID!) { withdrawSchoolHandover(handoverId: $id) }", { id: handover.id }),
            translate(`resources.schools.handovers.${key}Done`),
          );
          if (ok) setOpen(false);
        }}
      />
    </>
  );
}

/** The school page's section: who supports it now, and every handover proposed or confirmed. */
export function HandoverSection() {
  const school = useRecordContext();
  const translate = useTranslate();
  const t = (key: string, options?: object) => translate(`resources.schools.handovers.${key}`, options);
  const { permissions } = usePermissions();
  if (!school) return null;
  const handovers: Row[] = [...(school.handovers ?? [])].reverse();
  const pending = handovers.some((h) => !h.confirmed);
  const provider = hasRole(permissions, "ADMIN", "SERVICE_MANAGER");
  const mayPropose = provider && !pending;
  // The server decides whether a steering member belongs to the IT department.
  const mayConfirm = hasRole(permissions, "SCHOOL_IT_OFFICER", "STEERING_MEMBER");
  const side = (value: string) => translate(`enums.SupportSide.${value}`);
  return (
    <Section
      title={t("title")}
      testId="handovers"
      action={mayPropose ? <ProposeHandover school={school} /> : undefined}
    >
      <Box sx={{ mb: 2, display: "flex", gap: 1, alignItems: "center", flexWrap: "wrap" }}>
        <Typography component="span">{t("current")}</Typography>
        <Chip
          data-testid="supported-by"
          color={school.supportedBy === "PROVIDER" ? "primary" : "default"}
          label={side(school.supportedBy)}
        />
      </Box>
      {handovers.length === 0 ? (
        <Typography color="text.secondary">{t("none")}</Typography>
      ) : (
        <Table size="small" aria-label={t("history")}>
          <TableHead>
            <TableRow>
              <TableCell>{t("date")}</TableCell>
              <TableCell>{t("fromTo")}</TableCell>
              <TableCell>{t("note")}</TableCell>
              <TableCell>{t("proposedBy")}</TableCell>
              <TableCell>{t("status")}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {handovers.map((h) => (
              <TableRow key={h.id} data-testid="handover-row">
                <TableCell>{date(h.handoverDate)}</TableCell>
                <TableCell>
                  {side(h.from)} → {side(h.to)}
                </TableCell>
                <TableCell>{h.note ?? (h.measure ? h.measure.title : "–")}</TableCell>
                <TableCell>{h.proposedBy?.name}</TableCell>
                <TableCell>
                  {h.confirmed ? (
                    t("confirmedBy", { name: h.confirmedBy?.name ?? "–", at: dateTime(h.confirmedAt) })
                  ) : (
                    <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
                      <Chip size="small" color="warning" label={t("pending")} />
                      {mayConfirm && <ConfirmHandover school={school} handover={h} />}
                      {(provider || mayConfirm) && <WithdrawHandover handover={h} decline={!provider} />}
                    </Stack>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}
