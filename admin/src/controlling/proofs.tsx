// Monthly proofs of service (Leistungsnachweise) of an order: one row per month of the period,
// with the lifecycle actions each side may take: the provider issues, the authority's
// controller checks or disputes and settles. Every step after the draft binds both sides, so
// each asks for confirmation and says what it does.
import {
  Button,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { usePermissions, useRefresh, useTranslate } from "react-admin";
import { hasRole } from "../authProvider.ts";
import type { Row } from "../dataProvider/registry.ts";
import { euro, personDays } from "../format.ts";
import { request } from "../graphql.ts";
import { ConfirmDialog } from "../layout/confirm.tsx";
import { ORDER_MANAGERS, PROOF_CHECKERS } from "./roles.ts";
import { Scroll, useAction } from "./ui.tsx";

const MONTHS = [
  "Januar",
  "Februar",
  "März",
  "April",
  "Mai",
  "Juni",
  "Juli",
  "August",
  "September",
  "Oktober",
  "November",
  "Dezember",
];
export const monthLabel = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

// Colours with at least 4.5:1 contrast on white (MUI's "info" and "warning" have less).
const STATUS_COLOR: Record<string, "default" | "primary" | "success" | "error"> = {
  DRAFT: "default",
  ISSUED: "primary",
  CHECKED: "success",
  SETTLED: "success",
  DISPUTED: "error",
};

export function ProofStatusChip({ status }: { status: string }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      variant={status === "SETTLED" ? "filled" : "outlined"}
      color={STATUS_COLOR[status] ?? "default"}
      label={translate(`enums.ProofOfServiceStatus.${status}`)}
    />
  );
}

function monthsOf(order: Row): string[] {
  const current = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin" })
    .format(new Date())
    .slice(0, 7);
  const [last = current] = [order.validTo.slice(0, 7), current].sort();
  const months: string[] = [];
  let [y, m] = order.validFrom.slice(0, 7).split("-").map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    if (month > last) break;
    months.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months.reverse();
}

/** The lifecycle steps after the draft: each changes what the month's figures mean for both sides. */
const STEPS = {
  issue: "issueProofOfService",
  check: "checkProofOfService",
  settle: "settleProofOfService",
  reopen: "reopenProofOfService",
} as const;

/** Where focus goes after a step: the next step of the same proof, else its PDF. */
const NEXT: Record<keyof typeof STEPS, string> = {
  issue: "pdf",
  check: "settle",
  settle: "pdf",
  reopen: "issue",
};

/** A lifecycle step behind a confirmation that says what it does to the month. */
function ProofStep({ name, proof, month }: { name: keyof typeof STEPS; proof: Row; month: string }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const values = {
    month: monthLabel(month),
    personDays: personDays(proof.personDays),
    amount: euro(proof.amount),
  };
  const t = (key: string) => translate(`controlling.proofs.${key}`, values);
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        onClick={() => setOpen(true)}
        data-focus={`proof-${name}-${proof.id}`}
      >
        {t(name)}
      </Button>
      <ConfirmDialog
        open={open}
        title={t(`${name}Title`)}
        text={t(`${name}Text`)}
        confirmLabel={t(name)}
        success={t(`${name}Done`)}
        onClose={() => setOpen(false)}
        returnFocus={[`proof-${NEXT[name]}-${proof.id}`]}
        onConfirm={async () => {
          await request(`mutation ($id: ID!) { ${STEPS[name]}(proofOfServiceId: $id) { id status } }`, {
            id: proof.id,
          });
          refresh();
        }}
      />
    </>
  );
}

/** Disputing asks for the reason the provider will read. */
function DisputeStep({ proof, month }: { proof: Row; month: string }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const t = (key: string) => translate(`controlling.proofs.${key}`, { month: monthLabel(month) });
  return (
    <>
      <Button size="small" variant="outlined" color="error" onClick={() => setOpen(true)}>
        {t("dispute")}
      </Button>
      <ConfirmDialog
        open={open}
        color="error"
        focusContent
        title={t("disputeTitle")}
        text={t("disputeText")}
        confirmLabel={t("dispute")}
        success={t("disputeDone")}
        returnFocus={[`proof-pdf-${proof.id}`]}
        confirmDisabled={!reason.trim()}
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          await request(
            "mutation ($id: ID!, $reason: String!) { disputeProofOfService(proofOfServiceId: $id, reason: $reason) { id } }",
            { id: proof.id, reason: reason.trim() },
          );
          setReason("");
          refresh();
        }}
      >
        <TextField
          autoFocus
          fullWidth
          multiline
          minRows={2}
          margin="dense"
          required
          label={t("reason")}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          sx={{ mt: 2 }}
        />
      </ConfirmDialog>
    </>
  );
}

export function ProofActions({ proof, orderId, month }: { proof?: Row; orderId: string; month: string }) {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const { run, busy } = useAction();
  const manager = hasRole(permissions, ...ORDER_MANAGERS);
  const checker = hasRole(permissions, ...PROOF_CHECKERS);
  const currentMonth = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin" })
    .format(new Date())
    .slice(0, 7);
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap" }}>
      {!proof && manager && month < currentMonth && (
        <Button
          size="small"
          variant="outlined"
          disabled={busy}
          onClick={() =>
            run(
              () =>
                request(
                  "mutation ($id: ID!, $month: String!) { createProofOfService(serviceOrderId: $id, month: $month) { id } }",
                  { id: orderId, month },
                ),
              translate("controlling.proofs.createDone", { month: monthLabel(month) }),
            )
          }
        >
          {translate("controlling.proofs.create")}
        </Button>
      )}
      {proof?.status === "DRAFT" && manager && <ProofStep name="issue" proof={proof} month={month} />}
      {proof?.status === "ISSUED" && checker && <ProofStep name="check" proof={proof} month={month} />}
      {proof?.status === "ISSUED" && checker && <DisputeStep proof={proof} month={month} />}
      {proof?.status === "CHECKED" && checker && <ProofStep name="settle" proof={proof} month={month} />}
      {proof?.status === "DISPUTED" && manager && <ProofStep name="reopen" proof={proof} month={month} />}
      {proof && (
        <>
          <Button
            size="small"
            href={proof.pdfUrl}
            download
            data-focus={`proof-pdf-${proof.id}`}
            aria-label={translate("controlling.proofs.download", { format: "PDF", month: monthLabel(month) })}
          >
            {translate("controlling.proofs.pdf")}
          </Button>
          <Button
            size="small"
            href={proof.csvUrl}
            download
            aria-label={translate("controlling.proofs.download", { format: "CSV", month: monthLabel(month) })}
          >
            {translate("controlling.proofs.csv")}
          </Button>
        </>
      )}
    </Stack>
  );
}

export function ProofsTable({ order }: { order: Row }) {
  const translate = useTranslate();
  const byMonth = new Map<string, Row>(order.proofsOfService.map((p: Row) => [p.month, p]));
  const f = (field: string) => translate(`resources.proofsOfService.fields.${field}`);
  return (
    <Scroll>
      <Table size="small" aria-label={translate("controlling.proofs.title")}>
        <TableHead>
          <TableRow>
            <TableCell>{f("month")}</TableCell>
            <TableCell>{f("status")}</TableCell>
            <TableCell align="right">{f("personDays")}</TableCell>
            <TableCell align="right">{f("amount")}</TableCell>
            <TableCell align="right">{f("bookingCount")}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {monthsOf(order).map((month) => {
            const proof = byMonth.get(month);
            return (
              <TableRow key={month} data-testid={`proof-${month}`}>
                <TableCell component="th" scope="row">
                  {monthLabel(month)}
                </TableCell>
                <TableCell>
                  {proof ? (
                    <ProofStatusChip status={proof.status} />
                  ) : (
                    <Typography variant="caption" color="text.secondary">
                      {translate("controlling.proofs.none")}
                    </Typography>
                  )}
                  {proof?.disputeReason && proof.status === "DISPUTED" && (
                    <Typography variant="caption" component="div" color="error">
                      {proof.disputeReason}
                    </Typography>
                  )}
                </TableCell>
                <TableCell align="right">{proof ? personDays(proof.personDays) : ""}</TableCell>
                <TableCell align="right">{proof ? euro(proof.amount) : ""}</TableCell>
                <TableCell align="right">{proof?.bookingCount ?? ""}</TableCell>
                <TableCell>
                  <ProofActions proof={proof} orderId={order.id} month={month} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Scroll>
  );
}
