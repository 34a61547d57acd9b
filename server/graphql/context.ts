import type { Access } from "../access/index.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { Events } from "../events/index.ts";
import type { SignIn } from "../modules/organisations/auth.ts";
import type { Command } from "../modules/work.ts";

/** Built once per HTTP request and once per subscription; nothing in it outlives that. */
export interface Context {
  db: Database;
  config: Config;
  events: Events;
  signIn: SignIn;
  /** Who is calling; `login` replaces it for the rest of its own request. */
  access: Access;
  /** Runs a command as the caller, in one unit of work (server/modules/work.ts). */
  run<I, O>(command: Command<I, O>, input: I): Promise<O>;
  /** Client address, for sign-in throttling and the audit trail. */
  address: string;
  /** Session token of this request, if any; `login` over HTTP also sets the cookie. */
  setSessionCookie?: (token: string | null, expiresAt?: Date) => void;
}
