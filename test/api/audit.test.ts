// Every mutation writes its audit entry in its own transaction; a failed one leaves none.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, gid, startHub, type TestHub } from "../helpers/hub.ts";

let hub: TestHub;
let parchimId: string;
let parchimUserId: string;
let schwerinSchool: string;
beforeAll(async () => {
  hub = await startHub();
  const parchim = await hub.db.read.schoolAuthority.findUniqueOrThrow({ where: { name: "Stadt Parchim" } });
  parchimId = parchim.id;
  parchimUserId = (
    await hub.db.read.user.findUniqueOrThrow({ where: { email: "controlling@parchim.example" } })
  ).id;
  const school = await hub.db.read.school.findFirstOrThrow({
    where: { authority: { name: "Landeshauptstadt Schwerin" }, upgradeStatus: "PLANNED" },
  });
  schwerinSchool = gid("School", school.id);
});
afterAll(() => hub.close());

const LOG = `query($type: String) { auditLog(objectType: $type, first: 50) { totalCount edges { node {
  action objectType objectId changes actor { email } authority { name } } } } }`;
type Log = {
  auditLog: {
    totalCount: number;
    edges: {
      node: {
        action: string;
        objectType: string;
        objectId: string;
        changes: string;
        actor: { email: string } | null;
        authority: { name: string } | null;
      };
    }[];
  };
};

describe("audit trail", () => {
  it("records who changed what on a school, with before and after", async () => {
    const manager = await hub.login("servicemanager@ksm.example");
    const r = await hub.gql(
      "mutation($id: ID!) { updateSchool(input: { schoolId: $id, upgradeStatus: IN_PROGRESS }) { upgradeStatus } }",
      { id: schwerinSchool },
      manager,
    );
    expect(r.errors).toBeUndefined();
    const admin = await hub.login("admin@ksm.example");
    const log = await hub.gql<Log>(LOG, { type: "School" }, admin);
    const [entry] = log.data?.auditLog.edges ?? [];
    expect(entry?.node).toMatchObject({
      action: "UPDATE",
      objectType: "School",
      actor: { email: "servicemanager@ksm.example" },
      authority: { name: "Landeshauptstadt Schwerin" },
    });
    expect(JSON.parse(entry?.node.changes ?? "{}")).toEqual({ upgradeStatus: ["PLANNED", "IN_PROGRESS"] });
  });

  it("writes nothing when a mutation fails half-way: the steering group and its entry roll back together", async () => {
    const manager = await hub.login("servicemanager@ksm.example");
    const before = await hub.db.read.auditEntry.count();
    const member = { userId: gid("User", parchimUserId), department: "FINANCE" };
    const r = await hub.gql(
      "mutation($input: CreateSteeringGroupInput!) { createSteeringGroup(input: $input) { id } }",
      {
        input: {
          authorityId: gid("SchoolAuthority", parchimId),
          name: "Steuerungsgruppe Parchim",
          members: [member, member],
        },
      },
      manager,
    );
    expect(codes(r)).toEqual(["CONFLICT"]);
    expect(await hub.db.read.steeringGroup.count({ where: { authorityId: parchimId } })).toBe(0);
    expect(await hub.db.read.auditEntry.count()).toBe(before);

    const ok = await hub.gql<{ createSteeringGroup: { members: { department: string }[] } }>(
      "mutation($input: CreateSteeringGroupInput!) { createSteeringGroup(input: $input) { members { department } } }",
      {
        input: {
          authorityId: gid("SchoolAuthority", parchimId),
          name: "Steuerungsgruppe Parchim",
          members: [member],
        },
      },
      manager,
    );
    expect(ok.data?.createSteeringGroup.members).toEqual([{ department: "FINANCE" }]);
    expect(
      await hub.db.read.auditEntry.count({ where: { objectType: "SteeringGroup", authorityId: parchimId } }),
    ).toBe(1);
  });

  it("records sign-in, failed sign-in and sign-out", async () => {
    await hub.gql('mutation { login(email: "gebaeude@schwerin.example", password: "falsch") { token } }');
    const token = await hub.login("gebaeude@schwerin.example");
    await hub.gql("mutation { logout }", {}, token);
    const actions = (
      await hub.db.read.auditEntry.findMany({ where: { objectType: "Session" }, select: { action: true } })
    ).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["LOGIN_FAILED", "LOGIN", "LOGOUT"]));
  });

  it("steering members read their authority's records and nothing else", async () => {
    const member = await hub.login("schulverwaltung@schwerin.example");
    const log = await hub.gql<Log>(LOG, {}, member);
    expect(log.errors).toBeUndefined();
    const names = new Set(log.data?.auditLog.edges.map((e) => e.node.authority?.name));
    expect(names).toEqual(new Set(["Landeshauptstadt Schwerin"]));
    expect(log.data?.auditLog.totalCount).toBeGreaterThan(0);
  });

  it("people outside the steering group and other authorities read nothing of Schwerin", async () => {
    for (const email of [
      "schule@schwerin.example",
      "controlling@parchim.example",
      "servicemanager@kits.example",
    ]) {
      const log = await hub.gql<Log>(LOG, {}, await hub.login(email));
      expect(JSON.stringify(log.data), email).not.toMatch(/Schwerin|schwerin\.example/);
    }
    const entry = await hub.db.read.auditEntry.findFirstOrThrow({ where: { objectType: "School" } });
    const node = await hub.gql(
      "query($id: ID!) { node(id: $id) { id } }",
      { id: gid("AuditEntry", entry.id) },
      await hub.login("controlling@parchim.example"),
    );
    expect(node.data?.node ?? null).toBeNull();
  });

  it("ADMIN reads records of every authority its provider serves", async () => {
    const admin = await hub.login("admin@ksm.example");
    const log = await hub.gql<Log>(LOG, { type: "SteeringGroup" }, admin);
    expect(log.data?.auditLog.edges.map((e) => e.node.authority?.name)).toEqual(["Stadt Parchim"]);
  });
});
