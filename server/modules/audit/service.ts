// The audit trail's helpers. Entries are written by the unit of work (server/modules/work.ts),
// in the transaction of the change they describe.

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
