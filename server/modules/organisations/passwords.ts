import { hash, verify } from "@node-rs/argon2";
import { DEMO_PASSWORD } from "../../db/seed-data.ts";
import { badInput } from "../../lib/errors.ts";

// Argon2id with the OWASP-recommended minimum (19 MiB, 2 passes).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

/** The demo accounts' password, published in the README: production takes it for no account. */
export function isDemoPassword(password: string): boolean {
  return password === DEMO_PASSWORD;
}

/** Wherever a password is set: production refuses the demo password. */
export function refuseDemoPassword(password: string, production: boolean): void {
  if (production && isDemoPassword(password)) {
    throw badInput(
      "password",
      "Das Demo-Passwort ist im Produktivbetrieb nicht erlaubt. Bitte wählen Sie ein eigenes Passwort.",
    );
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so both cases take the same time. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword("no account has this password");
  return dummy;
}
