// `npm run user:add -- --email E --name "N" --role ROLE [--role ROLE…] [--authority "NAME"] [--school "NAME"] [--provider "SHORT"]`
// Creates a person in production, where nothing is seeded. The password comes from HUB_PASSWORD
// or, on a terminal, from a hidden prompt; never from the command line.
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { Access, PROVIDER_ROLES } from "../../access/index.ts";
import { loadConfig } from "../../config.ts";
import { type Database, openDatabase } from "../../db/client.ts";
import { Role } from "../../db/generated/client/enums.ts";
import { migrateDeploy } from "../../db/migrate.ts";
import { MemoryEvents } from "../../events/index.ts";
import { HubError } from "../../lib/errors.ts";
import { Runner } from "../work.ts";
import { refuseDemoPassword } from "./passwords.ts";
import { createProvider, createUser } from "./service.ts";

async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new Error("Set HUB_PASSWORD (no terminal to ask on).");
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write("Passwort: ");
  muted._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question("", resolve));
  rl.close();
  process.stdout.write("\n");
  return answer;
}

/** The provider named by --provider; on a database without any, the first one is created. */
async function providerFor(db: Database, runner: Runner, name: string | undefined) {
  const providers = await db.read.provider.findMany();
  const found = providers.find((p) => p.shortName === name || p.name === name);
  if (found) return found;
  if (!name && providers.length === 1) return providers[0];
  if (name && providers.length === 0) {
    return runner.run(Access.anonymous(), createProvider, { name });
  }
  throw new Error(
    `Name the provider with --provider (known: ${providers.map((p) => p.shortName).join(", ") || "none"}).`,
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string", multiple: true },
      authority: { type: "string" },
      school: { type: "string" },
      provider: { type: "string" },
    },
  });
  const roles = (values.role ?? []).map((r) => r.toUpperCase());
  const unknown = roles.filter((r) => !(r in Role));
  if (!values.email || !values.name || roles.length === 0 || unknown.length > 0) {
    throw new Error(
      `usage: npm run user:add -- --email E --name "N" --role ROLE [--role ROLE…] [--authority "NAME"] [--school "NAME"]\n` +
        `roles: ${Object.keys(Role).join(", ")}${unknown.length ? `\nunknown role: ${unknown.join(", ")}` : ""}`,
    );
  }
  const config = loadConfig();
  await migrateDeploy(config.databaseUrl);
  const db = await openDatabase(config.databaseUrl);
  const runner = new Runner(db, new MemoryEvents());
  try {
    const password = process.env.HUB_PASSWORD || (await askPassword());
    refuseDemoPassword(password, config.production);
    const isProvider = roles.some((r) => PROVIDER_ROLES.includes(r as Role));
    const authority = values.authority
      ? await db.read.schoolAuthority.findUnique({ where: { name: values.authority } })
      : null;
    if (values.authority && !authority) throw new Error(`No authority named "${values.authority}".`);
    const provider = isProvider ? await providerFor(db, runner, values.provider) : null;
    const school =
      values.school && authority
        ? await db.read.school.findUnique({
            where: { authorityId_name: { authorityId: authority.id, name: values.school } },
          })
        : null;
    if (values.school && !school) throw new Error(`No school named "${values.school}" at that authority.`);
    const user = await runner.run(Access.anonymous(), createUser, {
      email: values.email ?? "",
      name: values.name ?? "",
      password,
      roles: roles as Role[],
      providerId: provider?.id ?? null,
      authorityId: authority?.id ?? null,
      schoolId: school?.id ?? null,
    });
    console.log(`Created ${user.email} (${roles.join(", ")}).`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof HubError || error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
