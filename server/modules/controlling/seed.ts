import type { Database } from "../../db/client.ts";

/** Demo records of the controlling module; runs after the organisations are seeded. */
export async function seedControlling(_db: Database, _log: (line: string) => void): Promise<void> {}
