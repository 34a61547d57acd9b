// Reading a year of meetings with agenda items, decisions and reviews costs a fixed number of
// SQL statements: the same for 10 meetings as for 200.
import { randomUUID } from "node:crypto";
import { type ExecutionResult, execute, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Access } from "../../server/access/index.ts";
import type { Context } from "../../server/graphql/context.ts";
import { schema } from "../../server/graphql/schema.ts";
import { gid, startHub, type TestHub } from "../helpers/hub.ts";

let hub: TestHub;
let token: string;
let manager: string;
let members: string[];

const QUERY = `query($id: ID!, $first: Int!) { schoolAuthority(id: $id) { name meetings(first: $first) { totalCount
  pageInfo { hasNextPage endCursor }
  edges { cursor node { id title scheduledAt minutesStatus participants { attended user { name } }
    agendaItems { position title notes presenter { name }
      decisions { title status costImpact reviews { verdict comment reviewer { name } }
        reviewSummary { approved acknowledged objected abstained members pending { name } } } }
    decisions { title reviews { verdict } }
    actionItems { title dueDate status overdue owner { name } } } } } } }`;

/** An authority of its own (no demo meetings) with `count` weekly meetings, each with items, decisions and reviews. */
async function authorityWith(count: number): Promise<string> {
  const provider = await hub.db.read.provider.findFirstOrThrow({ where: { shortName: "KSM" } });
  return hub.db.transact(async (tx) => {
    const authority = await tx.schoolAuthority.create({
      data: {
        name: `Testamt ${count} ${randomUUID()}`,
        kind: "AMT",
        state: "MV",
        legalBasis: "Test",
        agreementStart: "2020-01-01",
        providerId: provider.id,
      },
    });
    const group = await tx.steeringGroup.create({
      data: { authorityId: authority.id, name: "Steuerungsgruppe" },
    });
    await tx.steeringGroupMember.createMany({
      data: members.map((userId) => ({ groupId: group.id, userId, department: "PROVIDER" as const })),
    });
    const meetings = Array.from({ length: count }, (_, i) => ({
      id: randomUUID(),
      authorityId: authority.id,
      kind: "JOUR_FIXE" as const,
      title: `Jour-Fixe ${i + 1}`,
      scheduledAt: new Date(Date.UTC(2026, 0, 1) + i * 7 * 86_400_000),
      minutesStatus: "FINAL" as const,
    }));
    await tx.meeting.createMany({ data: meetings });
    await tx.meetingParticipant.createMany({
      data: meetings.map((m) => ({ meetingId: m.id, userId: manager, attended: true })),
    });
    const items = meetings.flatMap((m) =>
      [1, 2, 3].map((position) => ({
        id: randomUUID(),
        meetingId: m.id,
        position,
        title: `TOP ${position}`,
        notes: "Notiz",
        presenterId: manager,
      })),
    );
    await tx.agendaItem.createMany({ data: items });
    const decisions = items
      .filter((item) => item.position < 3)
      .map((item) => ({
        id: randomUUID(),
        authorityId: authority.id,
        meetingId: item.meetingId,
        agendaItemId: item.id,
        title: "Beschluss",
        text: "Text",
        status: "APPROVED" as const,
        costImpactCents: 10_000n,
        decidedOn: "2026-01-01",
        createdById: manager,
      }));
    await tx.decision.createMany({ data: decisions });
    await tx.decisionReview.createMany({
      data: decisions.flatMap((d) =>
        members.slice(0, 2).map((reviewerId) => ({
          decisionId: d.id,
          reviewerId,
          verdict: "APPROVE" as const,
          comment: "ok",
        })),
      ),
    });
    await tx.actionItem.createMany({
      data: meetings.map((m) => ({
        authorityId: authority.id,
        meetingId: m.id,
        title: "Aufgabe",
        ownerId: manager,
        dueDate: "2026-02-01",
      })),
    });
    return gid("SchoolAuthority", authority.id);
  });
}

beforeAll(async () => {
  hub = await startHub();
  token = await hub.login("servicemanager@ksm.example");
  const people = await hub.db.read.user.findMany({
    where: { email: { in: ["servicemanager@ksm.example", "admin@ksm.example", "technik@ksm.example"] } },
    orderBy: { email: "asc" },
  });
  manager = people.find((p) => p.email === "servicemanager@ksm.example")?.id as string;
  members = people.map((p) => p.id);
});
afterAll(() => hub.close());

describe("SQL statements for a year of meetings", () => {
  it("are the same for 10 and for 200 meetings, and few", async () => {
    const small = await authorityWith(10);
    const large = await authorityWith(200);
    // A year of meetings with everything on them is far beyond what one request over HTTP may
    // cost (graphql/operation-limits.ts): the statements are counted in this process instead.
    const session = await hub.app.signIn.resolve(token);
    if (!session) throw new Error("no session");
    const access = await Access.forUser(hub.db.read, session.user, session.sessionId);
    const document = parse(QUERY);
    // A context of its own per run, as per request: its loaders keep nothing from the run before.
    const run = async (id: string) => {
      const contextValue: Context = {
        db: hub.db,
        config: hub.config,
        events: hub.app.events,
        signIn: hub.app.signIn,
        access,
        address: "127.0.0.1",
        run: (command, input) => hub.app.runner.run(access, command, input),
      };
      return (await execute({
        schema,
        document,
        contextValue,
        variableValues: { id, first: 200 },
      })) as ExecutionResult;
    };
    // Warm-up: the first request pays for Prisma's query compilation, not for more statements.
    expect((await run(small)).errors).toBeUndefined();

    const measure = async (id: string) => {
      const { result, count } = await hub.db.countQueries(() => run(id));
      expect(result.errors).toBeUndefined();
      return {
        count,
        result: result.data as { schoolAuthority: { meetings: { totalCount: number; edges: unknown[] } } },
      };
    };
    const ten = await measure(small);
    const twoHundred = await measure(large);
    expect(ten.result.schoolAuthority.meetings.totalCount).toBe(10);
    expect(twoHundred.result.schoolAuthority.meetings.edges).toHaveLength(200);
    console.info(`SQL statements: 10 meetings → ${ten.count}, 200 meetings → ${twoHundred.count}`);
    expect(twoHundred.count).toBe(ten.count);
    expect(ten.count).toBeLessThanOrEqual(30);
  });
});
