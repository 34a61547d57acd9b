// Service quality figures on a fixture with known answers (Stadt Parchim, Mecklenburg-Vorpommern).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, gid, startHub, type TestHub } from "../helpers/hub.ts";

let hub: TestHub;
let authority: string;
let schoolA: string;
beforeAll(async () => {
  hub = await startHub();
  const parchim = await hub.db.read.schoolAuthority.findUniqueOrThrow({
    where: { name: "Stadt Parchim" },
    include: { schools: { orderBy: { name: "asc" } } },
  });
  const controller = await hub.db.read.user.findUniqueOrThrow({
    where: { email: "controlling@parchim.example" },
  });
  authority = gid("SchoolAuthority", parchim.id);
  const [a, b] = parchim.schools;
  schoolA = gid("School", a?.id ?? "");
  const t = (date: string, hour = 10) => new Date(`${date}T${hour}:00:00+01:00`);
  // Review times 0, 2, 3, 4, 1 working days; resolution times 1, 4, 5, 20 (one still open). Target MEDIUM: 3 / 15.
  const rows: [string, string, string, string | null, string][] = [
    ["2026-03-02", "2026-03-02", a?.id ?? "", "2026-03-03", "SD-1"],
    ["2026-03-02", "2026-03-04", a?.id ?? "", "2026-03-06", "SD-1"],
    ["2026-03-02", "2026-03-05", b?.id ?? "", "2026-03-09", "SD-2"],
    ["2026-03-02", "2026-03-06", b?.id ?? "", "2026-03-30", "SD-3"],
    ["2026-03-02", "2026-03-03", b?.id ?? "", null, "SD-4"],
  ];
  await hub.db.transact(async (tx) => {
    for (const [i, [raised, reviewed, schoolId, resolved, ticketRef]] of rows.entries()) {
      await tx.escalation.create({
        data: {
          id: `fixture-${i}`,
          authorityId: parchim.id,
          schoolId,
          subject: `Fall ${i}`,
          description: "Fixture",
          ticketRef,
          severity: "MEDIUM",
          status: resolved ? "RESOLVED" : "IN_REVIEW",
          raisedById: controller.id,
          raisedAt: t(raised),
          reviewedAt: t(reviewed, 15),
          resolvedAt: resolved ? t(resolved, 11) : null,
          resolution: resolved ? "gelöst" : null,
        },
      });
    }
    const rating = (
      score: number,
      ratedAt: Date,
      extra: { source: "ESCALATION" | "SURVEY"; escalationId?: string; period?: string },
    ) => ({
      authorityId: parchim.id,
      schoolId: a?.id ?? "",
      score,
      ratedAt,
      ratedById: controller.id,
      ...extra,
    });
    await tx.satisfactionRating.createMany({
      data: [
        rating(4, t("2026-03-10"), { source: "ESCALATION", escalationId: "fixture-0" }),
        rating(2, t("2026-03-10"), { source: "ESCALATION", escalationId: "fixture-1" }),
        rating(5, t("2026-04-15"), { source: "SURVEY", period: "2026-Q2" }),
      ],
    });
  });
});
afterAll(() => hub.close());

const FIGURES = `period raised bySeverity { severity count } byStatus { status count } medianDaysToReview p90DaysToReview
  medianDaysToResolution p90DaysToResolution reviewedWithinTarget resolvedWithinTarget satisfactionAverage satisfactionCount`;
const QUERY = `query($id: ID!, $school: ID) { serviceQuality(authorityId: $id, year: 2026, schoolId: $school) {
  total { ${FIGURES} } months { ${FIGURES} } schools { school { name } figures { raised } }
  repeatTickets { ticketRef count } satisfactionTrend { period average count } } }`;

type Figures = Record<string, unknown> & { bySeverity: { severity: string; count: number }[] };
type Quality = {
  serviceQuality: {
    total: Figures;
    months: Figures[];
    schools: { figures: { raised: number } }[];
    repeatTickets: { ticketRef: string; count: number }[];
    satisfactionTrend: { period: string; average: number; count: number }[];
  };
};

describe("service quality figures", () => {
  it("gives the known medians, percentiles and shares of the fixture", async () => {
    const r = await hub.gql<Quality>(
      QUERY,
      { id: authority },
      await hub.login("controlling@parchim.example"),
    );
    expect(r.errors).toBeUndefined();
    const q = r.data?.serviceQuality;
    expect(q?.total).toMatchObject({
      raised: 5,
      medianDaysToReview: 2,
      p90DaysToReview: 4,
      medianDaysToResolution: 4.5,
      p90DaysToResolution: 20,
      reviewedWithinTarget: 0.8,
      resolvedWithinTarget: 0.75,
      satisfactionAverage: 3.67,
      satisfactionCount: 3,
    });
    expect(q?.total.bySeverity).toContainEqual({ severity: "MEDIUM", count: 5 });
    const march = q?.months.find((m) => m.period === "2026-03");
    expect(march).toMatchObject({ raised: 5, satisfactionAverage: 3 });
    expect(q?.months).toHaveLength(12);
    expect(q?.months.find((m) => m.period === "2026-02")?.raised).toBe(0);
    expect(q?.repeatTickets).toEqual([{ ticketRef: "SD-1", count: 2 }]);
    expect(q?.satisfactionTrend).toEqual([
      { period: "2026-Q1", average: 3, count: 2 },
      { period: "2026-Q2", average: 5, count: 1 },
    ]);
    expect(q?.schools.map((s) => s.figures.raised).sort()).toEqual([2, 3]);
  });

  it("narrows to one school", async () => {
    const r = await hub.gql<Quality>(
      QUERY,
      { id: authority, school: schoolA },
      await hub.login("controlling@parchim.example"),
    );
    expect(r.data?.serviceQuality.total).toMatchObject({
      raised: 2,
      medianDaysToReview: 1,
      medianDaysToResolution: 2.5,
    });
  });

  it("refuses an impossible year with BAD_USER_INPUT", async () => {
    const r = await hub.gql(
      "query($id: ID!) { serviceQuality(authorityId: $id, year: 275761) { year } }",
      { id: authority },
      await hub.login("controlling@parchim.example"),
    );
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
  });

  it("is not for school contacts", async () => {
    const schwerin = await hub.db.read.schoolAuthority.findUniqueOrThrow({
      where: { name: "Landeshauptstadt Schwerin" },
    });
    const r = await hub.gql(
      QUERY,
      { id: gid("SchoolAuthority", schwerin.id) },
      await hub.login("schule@schwerin.example"),
    );
    expect(codes(r)).toEqual(["FORBIDDEN"]);
  });
});
