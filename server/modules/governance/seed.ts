import type { Database } from "../../db/client.ts";

/** Demo records of the governance module; runs after the organisations are seeded. */
export async function seedGovernance(_db: Database, _log: (line: string) => void): Promise<void> {}
