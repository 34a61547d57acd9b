// What production does differently: it does not describe its schema (no introspection, no
// "Did you mean …") over HTTP or WebSocket, and the published demo password signs no one in and
// can be given to no one.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../server/modules/organisations/passwords.ts";
import { codes, collect, DEMO_PASSWORD, gid, startHub, type TestHub } from "../helpers/hub.ts";

const OWN_PASSWORD = "ein-eigenes-langes-passwort";

let production: TestHub;
let development: TestHub;
/** A person of the production hub with a password of their own. */
let token: string;

beforeAll(async () => {
  [production, development] = await Promise.all([startHub({ config: { production: true } }), startHub()]);
  const passwordHash = await hashPassword(OWN_PASSWORD);
  await production.db.transact((tx) =>
    tx.user.update({ where: { email: "schul-it@schwerin.example" }, data: { passwordHash } }),
  );
  token = await production.login("schul-it@schwerin.example", OWN_PASSWORD);
});
afterAll(() => Promise.all([production.close(), development.close()]));

interface Answer {
  data?: unknown;
  errors: { message: string; extensions?: Record<string, unknown> }[];
}

/** The operation over HTTP and over the WebSocket. */
async function both(hub: TestHub, bearer: string, query: string, variables: Record<string, unknown> = {}) {
  const http = await hub.gql(query, variables, bearer);
  const client = hub.ws(bearer);
  const ws = await collect<unknown>(client, query, variables, 1);
  await client.dispose();
  const socketErrors = ws.errors.flatMap((error) => (Array.isArray(error) ? error : [error]));
  return [
    { data: http.data, errors: http.errors ?? [] },
    { data: ws.results[0], errors: socketErrors },
  ] as Answer[];
}

describe("production hides the schema", () => {
  it.each([
    ["the whole schema", "{ __schema { queryType { name } types { name fields { name } } } }"],
    ["one type", '{ __type(name: "Decision") { fields { name } } }'],
  ])("refuses introspection of %s over HTTP and WebSocket", async (_what, query) => {
    for (const answer of await both(production, token, query)) {
      expect(answer.data ?? null).toBeNull();
      expect(codes(answer)).toEqual(["BAD_USER_INPUT"]);
      expect(answer.errors[0]?.message).toMatch(/Introspection.*im Produktivbetrieb abgeschaltet/);
    }
    // Outside production the schema describes itself, as developers' tools expect.
    for (const answer of await both(
      development,
      await development.login("schul-it@schwerin.example"),
      query,
    )) {
      expect(answer.errors).toEqual([]);
    }
  });

  it("still answers __typename, which clients use to tell types apart", async () => {
    for (const answer of await both(production, token, "{ __typename me { __typename name } }")) {
      expect(answer.errors).toEqual([]);
      expect(answer.data).toEqual({ __typename: "Query", me: { __typename: "User", name: "Katrin Möller" } });
    }
  });

  it.each([
    ["a misspelt field", "{ me { nmae } }", {}, /Cannot query field "nmae" on type "User"/],
    ["a misspelt argument", "{ decisions(frist: 1) { totalCount } }", {}, /Unknown argument "frist"/],
    [
      "a misspelt enum value",
      "query($id: ID!, $status: EscalationStatus) { schoolAuthority(id: $id) { escalations(status: $status) { id } } }",
      { id: gid("SchoolAuthority", "x"), status: "RAISE" },
      /^Status: „RAISE“ ist hier nicht zulässig\.$/,
    ],
  ])(
    "names nothing of the schema through suggestions for %s, over HTTP and WebSocket",
    async (_what, query, variables, names) => {
      for (const answer of await both(production, token, query, variables)) {
        expect(answer.errors.length).toBeGreaterThan(0);
        expect(answer.errors[0]?.message).toMatch(names);
        for (const error of answer.errors) expect(error.message).not.toMatch(/Did you mean|Meinten Sie/);
      }
      const developer = await development.login("schul-it@schwerin.example");
      for (const answer of await both(development, developer, query, variables)) {
        expect(answer.errors[0]?.message).toMatch(/Did you mean|Meinten Sie/);
      }
    },
  );
});

describe("production refuses the demo password", () => {
  const LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }";

  it.each([
    ["a demo account", "admin@ksm.example"],
    ["an account whose password is its own", "schul-it@schwerin.example"],
    ["an address no one has", "niemand@ksm.example"],
  ])("signs no one in with it: %s", async (_who, email) => {
    const refused = await production.gql(LOGIN, { e: email, p: DEMO_PASSWORD });
    expect(refused.data?.login ?? null).toBeNull();
    expect(codes(refused)).toEqual(["UNAUTHENTICATED"]);
    expect(refused.errors?.[0]?.message).toMatch(/Demo-Passwort gilt im Produktivbetrieb für kein Konto/);
  });

  it("while the owner's own password signs in, and outside production the demo password does", async () => {
    expect(await production.login("schul-it@schwerin.example", OWN_PASSWORD)).toBeTruthy();
    expect(await development.login("admin@ksm.example", DEMO_PASSWORD)).toBeTruthy();
  });

  it("npm run user:add gives it to no one in production", async () => {
    const add = (email: string, password: string) =>
      spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "server/modules/organisations/user-add-cli.ts",
          "--email",
          email,
          "--name",
          "Neue Person",
          "--role",
          "ADMIN",
          "--provider",
          "KSM",
        ],
        {
          cwd: path.resolve(import.meta.dirname, "../.."),
          encoding: "utf8",
          env: {
            ...process.env,
            NODE_ENV: "production",
            DATABASE_URL: production.config.databaseUrl,
            HUB_PASSWORD: password,
            LOG_LEVEL: "silent",
          },
        },
      );
    const refused = add("demo@ksm.example", DEMO_PASSWORD);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Demo-Passwort ist im Produktivbetrieb nicht erlaubt/);
    expect(await production.db.read.user.findUnique({ where: { email: "demo@ksm.example" } })).toBeNull();

    const created = add("eigenes@ksm.example", OWN_PASSWORD);
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    expect(await production.login("eigenes@ksm.example", OWN_PASSWORD)).toBeTruthy();
  });
});
