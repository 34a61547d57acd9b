// Every foundation query of the contract, for each demo role.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, gid, startHub, type TestHub } from "../helpers/hub.ts";

let hub: TestHub;
let schwerinId: string;
beforeAll(async () => {
  hub = await startHub();
  const schwerin = await hub.db.read.schoolAuthority.findUniqueOrThrow({
    where: { name: "Landeshauptstadt Schwerin" },
  });
  schwerinId = gid("SchoolAuthority", schwerin.id);
});
afterAll(() => hub.close());

const KSM_AUTHORITIES = 13;

const roles = [
  { email: "admin@ksm.example", authorities: KSM_AUTHORITIES, seesSchwerin: true },
  { email: "servicemanager@ksm.example", authorities: KSM_AUTHORITIES, seesSchwerin: true },
  { email: "technik@ksm.example", authorities: KSM_AUTHORITIES, seesSchwerin: true },
  { email: "schul-it@schwerin.example", authorities: 1, seesSchwerin: true },
  { email: "controlling@schwerin.example", authorities: 1, seesSchwerin: true },
  { email: "schulverwaltung@schwerin.example", authorities: 1, seesSchwerin: true },
  { email: "gebaeude@schwerin.example", authorities: 1, seesSchwerin: true },
  { email: "schule@schwerin.example", authorities: 1, seesSchwerin: true },
  { email: "controlling@parchim.example", authorities: 1, seesSchwerin: false },
  { email: "servicemanager@kits.example", authorities: 3, seesSchwerin: false },
];

describe.each(roles)("as $email", ({ email, authorities, seesSchwerin }) => {
  let token: string;
  beforeAll(async () => {
    token = await hub.login(email);
  });

  it("me names the person", async () => {
    const me = await hub.gql<{ me: { email: string } }>("{ me { id email } }", {}, token);
    expect(me.data?.me.email).toBe(email);
  });

  it(`schoolAuthorities lists ${authorities} authorities`, async () => {
    const r = await hub.gql<{ schoolAuthorities: { name: string }[] }>(
      "{ schoolAuthorities { id name } }",
      {},
      token,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.schoolAuthorities).toHaveLength(authorities);
    expect(r.data?.schoolAuthorities.some((a) => a.name === "Landeshauptstadt Schwerin")).toBe(seesSchwerin);
  });

  it(
    seesSchwerin ? "reads Schwerin with schools and steering group" : "reads nothing of Schwerin",
    async () => {
      const r = await hub.gql<{
        schoolAuthority: { name: string; schools: unknown[]; steeringGroup: unknown } | null;
      }>(
        "query($id: ID!) { schoolAuthority(id: $id) { name schools { name } steeringGroup { members { department } } } }",
        { id: schwerinId },
        token,
      );
      if (seesSchwerin) {
        expect(r.errors).toBeUndefined();
        expect(r.data?.schoolAuthority?.schools).toHaveLength(24);
        expect(r.data?.schoolAuthority?.steeringGroup).toBeTruthy();
      } else {
        expect(codes(r)).toEqual(["NOT_FOUND"]);
        expect(r.data?.schoolAuthority ?? null).toBeNull();
        expect(JSON.stringify(r)).not.toContain("Schwerin");
      }
    },
  );
});

describe("the KSM case", () => {
  it("Schwerin has 24 schools, each showing who supports it by its confirmed handovers", async () => {
    const token = await hub.login("schul-it@schwerin.example");
    const r = await hub.gql<{
      schoolAuthority: {
        kind: string;
        state: string;
        agreementStart: string;
        schools: {
          name: string;
          upgradeStatus: string;
          supportedBy: string;
          authority: { id: string };
          handovers: { to: string; handoverDate: string; confirmed: boolean }[];
        }[];
      };
    }>(
      "query($id: ID!) { schoolAuthority(id: $id) { kind state agreementStart schools { name upgradeStatus supportedBy authority { id } handovers { to handoverDate confirmed } } } }",
      { id: schwerinId },
      token,
    );
    const authority = r.data?.schoolAuthority;
    expect(authority?.kind).toBe("CITY");
    expect(authority?.state).toBe("MV");
    expect(authority?.agreementStart).toMatch(/^2020-\d{2}-\d{2}$/);
    expect(authority?.schools).toHaveLength(24);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
    for (const school of authority?.schools ?? []) {
      // The latest confirmed handover dated today or earlier decides; none: the authority's IT.
      const latest = school.handovers.filter((h) => h.confirmed && h.handoverDate <= today).at(-1);
      expect(school.supportedBy, school.name).toBe(latest?.to ?? "AUTHORITY_IT");
      // Only an upgraded school is handed to the provider.
      if (school.supportedBy === "PROVIDER") expect(school.upgradeStatus, school.name).toBe("COMPLETED");
      expect(school.authority.id).toBe(schwerinId);
    }
  });

  it("Parchim has 3 Grundschulen and 2 Regionalschulen", async () => {
    const token = await hub.login("controlling@parchim.example");
    const r = await hub.gql<{ schoolAuthorities: { name: string; schools: { kind: string }[] }[] }>(
      "{ schoolAuthorities { name schools { kind } } }",
      {},
      token,
    );
    const [parchim] = r.data?.schoolAuthorities ?? [];
    expect(parchim?.name).toBe("Stadt Parchim");
    const kinds = parchim?.schools.map((s) => s.kind).sort();
    expect(kinds).toEqual(["PRIMARY", "PRIMARY", "PRIMARY", "REGIONAL", "REGIONAL"]);
  });

  it("Schwerin's steering group has members of all five departments with two coordinators", async () => {
    const token = await hub.login("schulverwaltung@schwerin.example");
    const r = await hub.gql<{
      schoolAuthority: {
        steeringGroup: {
          authority: { name: string };
          members: { department: string; coordinator: boolean; user: { email: string; roles: string[] } }[];
        };
      };
    }>(
      "query($id: ID!) { schoolAuthority(id: $id) { steeringGroup { authority { name } members { department coordinator user { email roles } } } } }",
      { id: schwerinId },
      token,
    );
    const members = r.data?.schoolAuthority.steeringGroup.members ?? [];
    expect(r.data?.schoolAuthority.steeringGroup.authority.name).toBe("Landeshauptstadt Schwerin");
    const byEmail = Object.fromEntries(members.map((m) => [m.user.email, [m.department, m.coordinator]]));
    expect(byEmail).toEqual({
      "servicemanager@ksm.example": ["PROVIDER", true],
      "schul-it@schwerin.example": ["IT_DEPARTMENT", true],
      "controlling@schwerin.example": ["FINANCE", false],
      "schulverwaltung@schwerin.example": ["SCHOOL_AUTHORITY", false],
      "gebaeude@schwerin.example": ["FACILITY_MANAGEMENT", false],
    });
  });

  it("a school contact's user names their school; provider people have no authority", async () => {
    const contact = await hub.gql<{
      me: { roles: string[]; school: { name: string; authority: { name: string } } };
    }>("{ me { roles school { name authority { name } } } }", {}, await hub.login("schule@schwerin.example"));
    expect(contact.data?.me.roles).toEqual(["SCHOOL_CONTACT"]);
    expect(contact.data?.me.school.authority.name).toBe("Landeshauptstadt Schwerin");
    const provider = await hub.gql(
      "{ me { authority { name } school { name } } }",
      {},
      await hub.login("technik@ksm.example"),
    );
    expect(provider.data).toEqual({ me: { authority: null, school: null } });
  });

  it("node(id) resolves every type the caller may see", async () => {
    const token = await hub.login("servicemanager@ksm.example");
    const r = await hub.gql<{
      schoolAuthority: {
        id: string;
        schools: { id: string }[];
        steeringGroup: { id: string; members: { id: string; user: { id: string } }[] };
      };
    }>(
      "query($id: ID!) { schoolAuthority(id: $id) { id schools { id } steeringGroup { id members { id user { id } } } } }",
      { id: schwerinId },
      token,
    );
    const a = r.data?.schoolAuthority;
    const ids = [
      a?.id,
      a?.schools[0]?.id,
      a?.steeringGroup.id,
      a?.steeringGroup.members[0]?.id,
      a?.steeringGroup.members[0]?.user.id,
    ];
    for (const id of ids) {
      const node = await hub.gql<{ node: { id: string; __typename: string } }>(
        "query($id: ID!) { node(id: $id) { id __typename } }",
        { id },
        token,
      );
      expect(node.errors).toBeUndefined();
      expect(node.data?.node.id).toBe(id);
    }
  });

  it("reads authorities with schools and steering groups in a number of SQL statements independent of the rows", async () => {
    const query =
      "{ schoolAuthorities { name schools { name supportedBy } steeringGroup { members { department user { name roles } } } } }";
    const measure = async (email: string) => {
      const token = await hub.login(email);
      await hub.gql(query, {}, token);
      const { result, count } = await hub.db.countQueries(() => hub.gql(query, {}, token));
      expect(result.errors).toBeUndefined();
      return count;
    };
    const thirteen = await measure("admin@ksm.example"); // 13 authorities, 80 schools
    const one = await measure("schul-it@schwerin.example"); // 1 authority, 24 schools
    expect(thirteen).toBe(one);
    // session (with user and roles), visible authorities, then one statement per relation level
    // (supportedBy reads the schools' confirmed handovers: one more level).
    expect(thirteen).toBeLessThanOrEqual(12);
  });
});
