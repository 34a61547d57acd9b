// The audit trail: written by every mutation inside its own transaction, so an entry
// exists exactly when the change it describes was committed.
import type { Tx } from "../../db/client.ts";

export interface AuditInput {
  authorityId: string | null;
  objectType: string;
  objectId: string;
  action: string;
  /** The created values, or { field: [before, after] } for an update. */
  changes?: Record<string, unknown>;
}

export async function audit(tx: Tx, actorId: string | null, input: AuditInput): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId,
      authorityId: input.authorityId,
      objectType: input.objectType,
      objectId: input.objectId,
      action: input.action,
      changes: JSON.stringify(input.changes ?? {}),
    },
  });
}

/** { field: [before, after] } for every field whose value differs. */
export function diff<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && before[key] !== value) changes[key] = [before[key], value];
  }
  return changes;
}
