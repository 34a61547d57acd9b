// One access rule for every view of a record: the audit trail shows an entry only to those who
// may read the record it concerns, and steering-group membership only goes to people who may
// read the steering records.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Access } from "../../server/access/index.ts";
import { createUser } from "../../server/modules/organisations/service.ts";
import { authorityGid, book, createOrder, SCHWERIN } from "../helpers/controlling.ts";
import { codes, gid, startHub, type TestHub } from "../helpers/hub.ts";

let hub: TestHub;
const t: Record<string, string> = {};
let proofEntryId: string;
const REASON = "Vertraulich: Rechnung 4711 doppelt abgerechnet";

const LOG = `query($type: String) { auditLog(objectType: $type, first: 200) {
  totalCount edges { node { id objectType action changes } } } }`;
type Log = {
  auditLog: {
    totalCount: number;
    edges: { node: { id: string; objectType: string; action: string; changes: string } }[];
  };
};

async function log(token: string, type?: string) {
  const r = await hub.gql<Log>(LOG, { type }, token);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data?.auditLog as Log["auditLog"];
}

beforeAll(async () => {
  hub = await startHub();
  for (const [key, email] of Object.entries({
    admin: "admin@ksm.example",
    manager: "servicemanager@ksm.example",
    staff: "technik@ksm.example",
    officer: "schul-it@schwerin.example",
    controller: "controlling@schwerin.example",
    facility: "gebaeude@schwerin.example",
    school: "schule@schwerin.example",
  })) {
    t[key] = await hub.login(email);
  }
  // A proof of service disputed with a confidential reason, and an acknowledged alert.
  const order = await createOrder(hub, t.manager as string, {
    authorityId: await authorityGid(hub, SCHWERIN),
    year: 2013,
    contractedPersonDays: "2",
    dailyRate: "500",
  });
  await book(hub, t.staff as string, { serviceOrderId: order, date: "2013-03-04", personDays: "1.6" });
  const proof = await hub.gql<{ createProofOfService: { id: string } }>(
    'mutation($id: ID!) { createProofOfService(serviceOrderId: $id, month: "2013-03") { id } }',
    { id: order },
    t.manager,
  );
  const proofId = proof.data?.createProofOfService.id as string;
  const step = (name: string, token: string, extra = "") =>
    hub.gql(
      `mutation($id: ID!) { ${name}(proofOfServiceId: $id${extra}) { status } }`,
      { id: proofId },
      token,
    );
  expect((await step("issueProofOfService", t.manager as string)).errors).toBeUndefined();
  expect(
    (await step("disputeProofOfService", t.controller as string, `, reason: "${REASON}"`)).errors,
  ).toBeUndefined();
  const alerts = await hub.gql<{ serviceOrder: { alerts: { id: string }[] } }>(
    "query($id: ID!) { serviceOrder(id: $id) { alerts { id } } }",
    { id: order },
    t.controller,
  );
  const alertId = alerts.data?.serviceOrder.alerts[0]?.id;
  expect(alertId).toBeDefined();
  const ack = await hub.gql(
    "mutation($id: ID!) { acknowledgeControllingAlert(alertId: $id) { id } }",
    { id: alertId },
    t.controller,
  );
  expect(ack.errors).toBeUndefined();
  const entries = await log(t.controller as string, "ProofOfService");
  const dispute = entries.edges.find((e) => e.node.changes.includes(REASON));
  expect(dispute).toBeDefined();
  proofEntryId = dispute?.node.id as string;
});
afterAll(() => hub.close());

describe("the audit trail follows each record's read rule", () => {
  it("a steering member who may not read proofs of service or alerts reads none of their entries; their readers do", async () => {
    // gebaeude@ is a member of Schwerin's steering group with no role on the money side.
    const facility = t.facility as string;
    expect((await log(facility, "ProofOfService")).totalCount).toBe(0);
    expect((await log(facility, "Alert")).totalCount).toBe(0);
    const all = await log(facility);
    expect(JSON.stringify(all)).not.toContain(REASON);
    expect(all.edges.map((e) => e.node.objectType)).not.toContain("ProofOfService");
    // What the member may read is still there: the service order itself.
    expect(all.edges.some((e) => e.node.objectType === "ServiceOrder")).toBe(true);
    expect(all.totalCount).toBe(all.edges.length);

    const node = await hub.gql(
      "query($id: ID!) { node(id: $id) { id ... on AuditEntry { changes } } }",
      {
        id: proofEntryId,
      },
      facility,
    );
    expect(JSON.stringify(node)).not.toContain(REASON);
    expect(node.data?.node ?? null).toBeNull();

    // Those who read the record read its entries.
    for (const token of [t.controller, t.admin]) {
      const proofs = await log(token as string, "ProofOfService");
      expect(JSON.stringify(proofs)).toContain(REASON);
      expect((await log(token as string, "Alert")).totalCount).toBe(1);
      const node = await hub.gql<{ node: { changes: string } }>(
        "query($id: ID!) { node(id: $id) { ... on AuditEntry { changes } } }",
        { id: proofEntryId },
        token,
      );
      expect(node.data?.node.changes).toContain(REASON);
    }
  });
});

describe("steering-group membership only for people who may hold it", () => {
  const ADD = `mutation($group: ID!, $user: ID!) {
    addSteeringGroupMember(groupId: $group, member: { userId: $user, department: SCHOOL_AUTHORITY }) { id } }`;

  it("a school contact cannot be added to the steering group", async () => {
    const group = await hub.db.read.steeringGroup.findFirstOrThrow({
      where: { authority: { name: SCHWERIN } },
    });
    const contact = await hub.db.read.user.findUniqueOrThrow({ where: { email: "schule@schwerin.example" } });
    const before = await hub.db.read.steeringGroupMember.count();
    const r = await hub.gql(
      ADD,
      { group: gid("SteeringGroup", group.id), user: gid("User", contact.id) },
      t.officer,
    );
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors?.[0]?.extensions?.field).toBe("member.userId");
    expect(r.errors?.[0]?.message).toMatch(/Schulkontakt/);
    expect(await hub.db.read.steeringGroupMember.count()).toBe(before);
    // The authority's school-IT officer's colleagues still can be.
    const controller = await hub.db.read.user.findUniqueOrThrow({
      where: { email: "controlling@schwerin.example" },
    });
    const again = await hub.gql(
      ADD,
      { group: gid("SteeringGroup", group.id), user: gid("User", controller.id) },
      t.officer,
    );
    expect(codes(again)).toEqual(["CONFLICT"]);
  });

  it("nor be among the members of a new steering group", async () => {
    const parchim = await hub.db.read.schoolAuthority.findUniqueOrThrow({ where: { name: "Stadt Parchim" } });
    const school = await hub.db.read.school.findFirstOrThrow({ where: { authorityId: parchim.id } });
    const contact = await hub.app.runner.run(Access.anonymous(), createUser, {
      email: "schule@parchim.example",
      name: "Schulkontakt Parchim",
      password: "ein-langes-passwort",
      roles: ["SCHOOL_CONTACT"],
      authorityId: parchim.id,
      schoolId: school.id,
    });
    const controller = await hub.db.read.user.findUniqueOrThrow({
      where: { email: "controlling@parchim.example" },
    });
    const r = await hub.gql(
      "mutation($input: CreateSteeringGroupInput!) { createSteeringGroup(input: $input) { id } }",
      {
        input: {
          authorityId: gid("SchoolAuthority", parchim.id),
          name: "Steuerungsgruppe Parchim",
          members: [
            { userId: gid("User", controller.id), department: "FINANCE" },
            { userId: gid("User", contact.id), department: "SCHOOL_AUTHORITY" },
          ],
        },
      },
      t.manager,
    );
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors?.[0]?.extensions?.field).toBe("members.1.userId");
    expect(await hub.db.read.steeringGroup.count({ where: { authorityId: parchim.id } })).toBe(0);
  });

  it("a school contact's membership from before gives no steering rights", async () => {
    const group = await hub.db.read.steeringGroup.findFirstOrThrow({
      where: { authority: { name: SCHWERIN } },
    });
    const contact = await hub.db.read.user.findUniqueOrThrow({ where: { email: "schule@schwerin.example" } });
    await hub.db.transact((tx) =>
      tx.steeringGroupMember.create({
        data: { groupId: group.id, userId: contact.id, department: "SCHOOL_AUTHORITY", coordinator: false },
      }),
    );
    const school = await hub.login("schule@schwerin.example");
    const entries = await log(school);
    expect(entries.totalCount).toBe(0);
    expect(JSON.stringify(entries)).not.toContain(REASON);
  });
});
