// The provider-wide view (Dienstleister-Übersicht): who may read it, that each provider sees only
// its own authorities, figures that match sums over the demo data and a fixture with known
// answers, a year without orders, and a fixed number of SQL statements.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInBerlin } from "../../server/lib/dates.ts";
import { codes, gid, startHub, type TestHub } from "../helpers/hub.ts";

interface Row {
  authority: { id: string; name: string } | null;
  contractedPersonDays: string;
  consumedPersonDays: string;
  utilization: number;
  elapsed: number;
  schoolsTotal: number;
  schoolsUpgraded: number;
  openEscalations: number;
  overdueEscalations: number;
  reviewedWithinTargetShare: number | null;
  satisfaction: number | null;
}
interface Overview {
  providerOverview: { year: number; authorities: Row[]; totals: Row };
}

const ROW = `authority { id name } contractedPersonDays consumedPersonDays utilization elapsed schoolsTotal
  schoolsUpgraded openEscalations overdueEscalations reviewedWithinTargetShare satisfaction`;
const QUERY = `query($year: Int!) { providerOverview(year: $year) { year authorities { ${ROW} } totals { ${ROW} } } }`;

const YEAR = Number(todayInBerlin().slice(0, 4));
/** A past year in which the demo has nothing for Stadt Wasungen; the fixture below fills it. */
const FIXTURE_YEAR = 2024;
const OPEN = ["RAISED", "IN_REVIEW", "ON_AGENDA"] as const;

/** Hundredths to the API's decimal string. */
const decimal = (hundredths: number) => {
  const sign = hundredths < 0 ? "-" : "";
  const abs = Math.abs(hundredths);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
};

let hub: TestHub;
let manager: string;
beforeAll(async () => {
  hub = await startHub();
  manager = await hub.login("servicemanager@ksm.example");
});
afterAll(() => hub?.close());

async function overview(token: string, year = YEAR) {
  const response = await hub.gql<Overview>(QUERY, { year }, token);
  expect(response.errors).toBeUndefined();
  return response.data?.providerOverview as Overview["providerOverview"];
}

describe("access", () => {
  it("is for the provider's service manager and administrator", async () => {
    expect((await overview(manager)).authorities).toHaveLength(13);
    expect((await overview(await hub.login("admin@ksm.example"))).authorities).toHaveLength(13);
  });

  it.each([
    "technik@ksm.example",
    "controlling@schwerin.example",
    "schul-it@schwerin.example",
    "schulverwaltung@schwerin.example",
    "schule@schwerin.example",
    "controlling@parchim.example",
  ])("refuses %s with FORBIDDEN and a German message", async (email) => {
    const response = await hub.gql(QUERY, { year: YEAR }, await hub.login(email));
    expect(codes(response)).toEqual(["FORBIDDEN"]);
    expect(response.errors?.[0]?.message).toContain("Dienstleister-Übersicht");
    expect(response.data).toBeNull();
  });

  it("refuses anonymous callers", async () => {
    expect(codes(await hub.gql(QUERY, { year: YEAR }, null))).toEqual(["UNAUTHENTICATED"]);
  });

  it("refuses an implausible year", async () => {
    const response = await hub.gql(QUERY, { year: 99999 }, manager);
    expect(codes(response)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("isolation between providers", () => {
  it("shows each provider only the authorities it serves", async () => {
    const ksm = await overview(manager);
    const kits = await overview(await hub.login("servicemanager@kits.example"));
    const rows = await hub.db.read.schoolAuthority.findMany({ include: { provider: true } });
    const of = (shortName: string) =>
      rows
        .filter((r) => r.provider.shortName === shortName)
        .map((r) => gid("SchoolAuthority", r.id))
        .sort();
    expect(ksm.authorities.map((r) => r.authority?.id).sort()).toEqual(of("KSM"));
    expect(kits.authorities.map((r) => r.authority?.id).sort()).toEqual(of("KITS"));
    expect(kits.authorities.map((r) => r.authority?.name)).not.toContain("Landeshauptstadt Schwerin");
    expect(ksm.authorities.map((r) => r.authority?.name)).not.toContain("Stadt Wasungen");
    expect(ksm.totals.authority).toBeNull();
  });
});

describe("figures of the demo", () => {
  it("match sums over the demo's orders, bookings, schools and escalations, authority by authority", async () => {
    const result = await overview(manager);
    expect(result.year).toBe(YEAR);
    const db = hub.db.read;
    const [authorities, orders, schools, escalations] = await Promise.all([
      db.schoolAuthority.findMany({ where: { provider: { shortName: "KSM" } } }),
      db.serviceOrder.findMany({
        where: { year: YEAR, status: { in: ["ACTIVE", "CLOSED"] } },
        include: { lines: true, bookings: { select: { personDays: true } } },
      }),
      db.school.findMany(),
      db.escalation.findMany({
        where: {
          raisedAt: { gte: new Date(`${YEAR - 1}-12-31T23:00:00Z`), lt: new Date(`${YEAR}-12-31T23:00:00Z`) },
        },
      }),
    ]);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    let contractedAll = 0;
    let consumedAll = 0;
    let anyWithOrder = false;
    for (const authority of authorities) {
      const row = result.authorities.find((r) => r.authority?.name === authority.name) as Row;
      expect(row, authority.name).toBeDefined();
      const order = orders.find((o) => o.authorityId === authority.id);
      const contracted = sum(order?.lines.map((l) => l.volume) ?? []);
      const consumed = sum(order?.bookings.map((b) => b.personDays) ?? []);
      contractedAll += contracted;
      consumedAll += consumed;
      if (order) anyWithOrder = true;
      expect(row.contractedPersonDays, authority.name).toBe(decimal(contracted));
      expect(row.consumedPersonDays, authority.name).toBe(decimal(consumed));
      expect(row.utilization, authority.name).toBeCloseTo(contracted ? consumed / contracted : 0, 10);
      const own = schools.filter((s) => s.authorityId === authority.id);
      expect(row.schoolsTotal, authority.name).toBe(own.length);
      expect(row.schoolsUpgraded, authority.name).toBe(
        own.filter((s) => s.upgradeStatus === "COMPLETED").length,
      );
      const open = escalations.filter(
        (e) => e.authorityId === authority.id && (OPEN as readonly string[]).includes(e.status),
      );
      expect(row.openEscalations, authority.name).toBe(open.length);
      expect(row.overdueEscalations).toBeLessThanOrEqual(row.openEscalations);
      expect(row.elapsed).toBeGreaterThan(0);
      expect(row.elapsed).toBeLessThanOrEqual(1);
    }
    expect(anyWithOrder).toBe(true);
    expect(result.totals.contractedPersonDays).toBe(decimal(contractedAll));
    expect(result.totals.consumedPersonDays).toBe(decimal(consumedAll));
    expect(result.totals.schoolsTotal).toBe(sum(result.authorities.map((r) => r.schoolsTotal)));
    expect(result.totals.schoolsUpgraded).toBe(sum(result.authorities.map((r) => r.schoolsUpgraded)));
    expect(result.totals.openEscalations).toBe(sum(result.authorities.map((r) => r.openEscalations)));
    expect(result.totals.overdueEscalations).toBe(sum(result.authorities.map((r) => r.overdueEscalations)));
    // Schwerin: 24 schools (README), an order with bookings, escalations with ratings.
    const schwerin = result.authorities.find((r) => r.authority?.name === "Landeshauptstadt Schwerin") as Row;
    expect(schwerin.schoolsTotal).toBe(24);
    expect(Number(schwerin.consumedPersonDays)).toBeGreaterThan(0);
    expect(schwerin.satisfaction).not.toBeNull();
    expect(schwerin.reviewedWithinTargetShare).not.toBeNull();
  });
});

describe("a fixture with known answers (Stadt Wasungen, Thüringen)", () => {
  it("gives contracted, consumed, utilisation, clocks and satisfaction of a past year exactly", async () => {
    const db = hub.db;
    const wasungen = await db.read.schoolAuthority.findUniqueOrThrow({
      where: { name: "Stadt Wasungen" },
      include: { schools: { orderBy: { name: "asc" } } },
    });
    const person = await db.read.user.findUniqueOrThrow({ where: { email: "servicemanager@kits.example" } });
    const school = wasungen.schools[0]?.id ?? "";
    const at = (date: string, hour = 10) => new Date(`${date}T${hour}:00:00+01:00`);
    await db.transact(async (tx) => {
      const order = await tx.serviceOrder.create({
        data: {
          authorityId: wasungen.id,
          year: FIXTURE_YEAR,
          title: "Fixture",
          dailyRateCents: 60_000n,
          validFrom: `${FIXTURE_YEAR}-01-01`,
          validTo: `${FIXTURE_YEAR}-12-31`,
          status: "CLOSED",
        },
      });
      const [support, upgrade] = await Promise.all([
        tx.serviceLine.create({ data: { orderId: order.id, name: "Support", position: 1, volume: 1_000 } }),
        tx.serviceLine.create({
          data: { orderId: order.id, name: "Ertüchtigung", position: 2, volume: 250 },
        }),
      ]);
      // 3.25 + 1.50 + 0.75 = 5.50 of 12.50 person-days.
      await tx.dailyTotal.createMany({
        data: [
          { orderId: order.id, lineId: support.id, date: `${FIXTURE_YEAR}-02-05`, personDays: 325, count: 2 },
          { orderId: order.id, lineId: support.id, date: `${FIXTURE_YEAR}-03-11`, personDays: 150, count: 1 },
          { orderId: order.id, lineId: upgrade.id, date: `${FIXTURE_YEAR}-03-12`, personDays: 75, count: 1 },
        ],
      });
      // A draft of the year after counts for nothing.
      const draft = await tx.serviceOrder.create({
        data: {
          authorityId: wasungen.id,
          year: 2023,
          title: "Entwurf",
          dailyRateCents: 60_000n,
          validFrom: "2023-01-01",
          validTo: "2023-12-31",
        },
      });
      await tx.serviceLine.create({
        data: { orderId: draft.id, name: "Support", position: 1, volume: 9_900 },
      });
      // MEDIUM: review within 3, resolution within 15 working days (Thüringen).
      const escalation = (id: string, raised: string, reviewed: string | null, resolved: string | null) => ({
        id,
        authorityId: wasungen.id,
        schoolId: school,
        subject: id,
        description: "Fixture",
        severity: "MEDIUM" as const,
        status: resolved ? ("RESOLVED" as const) : reviewed ? ("IN_REVIEW" as const) : ("RAISED" as const),
        raisedById: person.id,
        raisedAt: at(raised),
        reviewedAt: reviewed ? at(reviewed, 15) : null,
        resolvedAt: resolved ? at(resolved, 11) : null,
        resolution: resolved ? "gelöst" : null,
      });
      await tx.escalation.createMany({
        data: [
          escalation(
            "fixture-in-time",
            `${FIXTURE_YEAR}-03-04`,
            `${FIXTURE_YEAR}-03-05`,
            `${FIXTURE_YEAR}-03-08`,
          ),
          // Reviewed after six working days and never resolved: late, overdue, open.
          escalation("fixture-late", `${FIXTURE_YEAR}-03-04`, `${FIXTURE_YEAR}-03-12`, null),
          escalation("fixture-unreviewed", `${FIXTURE_YEAR}-06-03`, null, null),
          // Raised in another year: not in the fixture year's figures.
          escalation("fixture-other-year", "2023-06-05", null, null),
        ],
      });
      const rating = (score: number, ratedAt: Date) => ({
        authorityId: wasungen.id,
        schoolId: school,
        source: "SURVEY" as const,
        score,
        ratedAt,
        ratedById: person.id,
      });
      await tx.satisfactionRating.createMany({
        data: [
          rating(4, at(`${FIXTURE_YEAR}-04-10`)),
          rating(5, at(`${FIXTURE_YEAR}-10-10`)),
          rating(1, at("2023-04-10")),
        ],
      });
    });

    const result = await overview(await hub.login("servicemanager@kits.example"), FIXTURE_YEAR);
    const row = result.authorities.find((r) => r.authority?.name === "Stadt Wasungen") as Row;
    expect(row).toMatchObject({
      contractedPersonDays: "12.50",
      consumedPersonDays: "5.50",
      elapsed: 1,
      schoolsTotal: wasungen.schools.length,
      schoolsUpgraded: wasungen.schools.filter((s) => s.upgradeStatus === "COMPLETED").length,
      openEscalations: 2,
      overdueEscalations: 2,
      reviewedWithinTargetShare: 0.5,
      satisfaction: 4.5,
    });
    expect(row.utilization).toBeCloseTo(0.44, 10);
    // Totals: sums of the rows; utilisation from the sums, not the mean of the rows.
    const contracted = result.authorities.reduce(
      (s, r) => s + Math.round(Number(r.contractedPersonDays) * 100),
      0,
    );
    const consumed = result.authorities.reduce(
      (s, r) => s + Math.round(Number(r.consumedPersonDays) * 100),
      0,
    );
    expect(result.totals.contractedPersonDays).toBe(decimal(contracted));
    expect(result.totals.consumedPersonDays).toBe(decimal(consumed));
    expect(result.totals.utilization).toBeCloseTo(consumed / contracted, 10);
    expect(result.totals.elapsed).toBe(1);
    // The KSM service manager sees nothing of it.
    const ksm = await overview(manager, FIXTURE_YEAR);
    expect(ksm.authorities.some((r) => r.authority?.name === "Stadt Wasungen")).toBe(false);
  });
});

describe("a year without orders", () => {
  it("answers zeros and nulls, with the schools still counted", async () => {
    const result = await overview(manager, 2001);
    expect(result.year).toBe(2001);
    expect(result.authorities).toHaveLength(13);
    for (const row of [...result.authorities, result.totals]) {
      expect(row).toMatchObject({
        contractedPersonDays: "0.00",
        consumedPersonDays: "0.00",
        utilization: 0,
        elapsed: 1,
        openEscalations: 0,
        overdueEscalations: 0,
        reviewedWithinTargetShare: null,
        satisfaction: null,
      });
      expect(row.schoolsTotal).toBeGreaterThan(0);
    }
    expect(result.totals.schoolsTotal).toBe(
      await hub.db.read.school.count({ where: { authority: { provider: { shortName: "KSM" } } } }),
    );
    // A future year has nothing elapsed yet.
    expect((await overview(manager, YEAR + 2)).totals.elapsed).toBe(0);
  });
});

describe("SQL statements", () => {
  it("are the same for 13 authorities as for 3", async () => {
    const kits = await hub.login("servicemanager@kits.example");
    await overview(kits); // warm-up: Prisma compiles its queries once
    const count = async (token: string) => (await hub.db.countQueries(() => overview(token))).count;
    const ksmCount = await count(manager);
    const kitsCount = await count(kits);
    console.info(`SQL statements: 13 authorities → ${ksmCount}, 3 authorities → ${kitsCount}`);
    expect(ksmCount).toBe(kitsCount);
    expect(ksmCount).toBeLessThanOrEqual(15);
  });
});
