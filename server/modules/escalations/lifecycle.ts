// The escalation lifecycle's state changes that other modules trigger inside their own
// transactions (an agenda item that puts an escalation on a Jour-Fixe).
import type { Tx } from "../../db/client.ts";
import type { EscalationStatus } from "../../db/generated/client/enums.ts";
import { badInput, conflict } from "../../lib/errors.ts";
import type { Work } from "../work.ts";

export const STATUS_LABEL: Record<EscalationStatus, string> = {
  RAISED: "erhoben",
  IN_REVIEW: "in Prüfung",
  ON_AGENDA: "auf der Tagesordnung",
  RESOLVED: "gelöst",
  REJECTED: "zurückgewiesen",
};

/**
 * Moves an escalation from one of `from` to `to` inside the transaction; the version check
 * turns a concurrent change into CONFLICT instead of a lost update.
 */
export async function transition(
  tx: Tx,
  escalation: { id: string; status: EscalationStatus; version: number },
  from: EscalationStatus[],
  data: Record<string, unknown> & { status: EscalationStatus },
) {
  if (!from.includes(escalation.status)) {
    throw conflict(
      `Die Eskalation ist ${STATUS_LABEL[escalation.status]}; der Schritt zu „${STATUS_LABEL[data.status]}“ ist so nicht möglich.`,
    );
  }
  const { count } = await tx.escalation.updateMany({
    where: { id: escalation.id, version: escalation.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) throw conflict("Die Eskalation wurde inzwischen geändert. Bitte laden Sie sie neu.");
}

/** ON_AGENDA: the escalation (in review) is discussed under the given agenda item of its authority's meeting. */
export async function putOnAgenda(
  { tx, audit }: Work,
  input: { escalationId: string; authorityId: string; meetingId: string; agendaItemId: string },
) {
  const escalation = await tx.escalation.findUnique({ where: { id: input.escalationId } });
  if (!escalation || escalation.authorityId !== input.authorityId) {
    throw badInput("escalationId", "Diese Eskalation gehört nicht zu diesem Schulträger.");
  }
  await transition(tx, escalation, ["IN_REVIEW"], { status: "ON_AGENDA", agendaItemId: input.agendaItemId });
  audit({
    authorityId: escalation.authorityId,
    objectType: "Escalation",
    objectId: escalation.id,
    action: "SCHEDULE",
    changes: {
      status: [escalation.status, "ON_AGENDA"],
      meetingId: input.meetingId,
      agendaItemId: input.agendaItemId,
    },
  });
  return escalation;
}
