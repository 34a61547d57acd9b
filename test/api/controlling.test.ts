// Controlling over the real API: service orders and amendments, the ledger's rules, burn-down
// and forecast with known answers, alerts, proofs of service, exports and tenant isolation.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, germanDate, todayInBerlin } from "../../server/lib/dates.ts";
import {
  authorityGid,
  book,
  commissionOrder,
  createOrder,
  draftOrder,
  figures,
  hundredths,
  ledgerSum,
  PARCHIM,
  SCHWERIN,
  schoolGid,
} from "../helpers/controlling.ts";
import { codes, collect, gid, startHub, type TestHub, until } from "../helpers/hub.ts";

let hub: TestHub;
const t: Record<string, string> = {};
let schwerin: string;
let parchim: string;
let schwerinSchool: string;
let parchimSchool: string;

beforeAll(async () => {
  hub = await startHub();
  for (const [key, email] of Object.entries({
    manager: "servicemanager@ksm.example",
    staff: "technik@ksm.example",
    admin: "admin@ksm.example",
    controller: "controlling@schwerin.example",
    steering: "schulverwaltung@schwerin.example",
    contact: "schule@schwerin.example",
    parchim: "controlling@parchim.example",
    kits: "servicemanager@kits.example",
  })) {
    t[key] = await hub.login(email);
  }
  schwerin = await authorityGid(hub, SCHWERIN);
  parchim = await authorityGid(hub, PARCHIM);
  schwerinSchool = await schoolGid(hub, SCHWERIN);
  parchimSchool = await schoolGid(hub, PARCHIM);
});
afterAll(() => hub.close());

const ORDER = `query($id: ID!) { serviceOrder(id: $id) {
  year status contractedPersonDays consumedPersonDays remainingPersonDays utilization
  lines { name contractedPersonDays consumedPersonDays }
  volumeHistory { contractedPersonDays reason category }
  amendments { category previousPersonDays newPersonDays reason createdBy { email } }
} }`;

describe("service orders", () => {
  it("creates an order whose single default line 'Support' carries the whole volume, and amends it (proposed, then approved)", async () => {
    const id = await createOrder(hub, t.manager as string, {
      authorityId: schwerin,
      year: 2019,
      contractedPersonDays: "120.5",
      dailyRate: "680.00",
    });
    const before = await hub.gql(ORDER, { id }, t.controller);
    expect(before.data?.serviceOrder).toMatchObject({
      year: 2019,
      status: "ACTIVE",
      contractedPersonDays: "120.50",
      consumedPersonDays: "0.00",
      remainingPersonDays: "120.50",
      utilization: 0,
      lines: [{ name: "Support", contractedPersonDays: "120.50", consumedPersonDays: "0.00" }],
    });
    const amend = (category: string, personDays: string, reason: string) =>
      hub.gql(
        `mutation($input: AmendServiceOrderInput!) { amendServiceOrder(input: $input) { id status category newPersonDays } }`,
        { input: { serviceOrderId: id, category, personDays, reason, effectiveDate: "2019-06-01" } },
        t.manager,
      );
    const approve = async (r: { data?: Record<string, unknown> | null }) => {
      const amendment = r.data?.amendServiceOrder as { id: string; status: string };
      expect(amendment.status).toBe("PROPOSED");
      const approved = await hub.gql(
        "mutation($id: ID!) { approveServiceOrderAmendment(amendmentId: $id) { status } }",
        { id: amendment.id },
        t.controller,
      );
      expect(approved.data).toEqual({ approveServiceOrderAmendment: { status: "APPROVED" } });
    };
    await approve(await amend("Support", "150", "Mehrbedarf Digitalpakt"));
    await approve(await amend("Beratung", "10", "Neue Leistungsart"));
    expect(codes(await amend("Beratung", "10", "unverändert"))).toEqual(["CONFLICT"]);
    expect(codes(await amend("Support", "150", ""))).toEqual(["BAD_USER_INPUT"]);
    const after = await hub.gql<{ serviceOrder: { volumeHistory: unknown[]; contractedPersonDays: string } }>(
      ORDER,
      { id },
      t.controller,
    );
    expect(after.data?.serviceOrder.contractedPersonDays).toBe("160.00");
    expect(after.data?.serviceOrder.volumeHistory).toEqual([
      { contractedPersonDays: "120.50", reason: "Beauftragung", category: null },
      { contractedPersonDays: "150.00", reason: "Mehrbedarf Digitalpakt", category: "Support" },
      { contractedPersonDays: "160.00", reason: "Neue Leistungsart", category: "Beratung" },
    ]);
  });

  it("validates lines, refuses a second order for the same year, and lets only the service manager create", async () => {
    const input = { authorityId: parchim, year: 2018, contractedPersonDays: "100" };
    const mismatch = await hub.gql(
      "mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id } }",
      {
        input: {
          ...input,
          lines: [
            { name: "Support", personDays: "60" },
            { name: "Beratung", personDays: "30" },
          ],
        },
      },
      t.manager,
    );
    expect(codes(mismatch)).toEqual(["BAD_USER_INPUT"]);
    expect(mismatch.errors?.[0]?.extensions?.field).toBe("lines");
    const create = (token: string | undefined, extra = {}) =>
      hub.gql(
        "mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id } }",
        { input: { ...input, ...extra } },
        token,
      );
    expect(codes(await create(t.staff))).toEqual(["FORBIDDEN"]);
    expect(codes(await create(t.parchim))).toEqual(["FORBIDDEN"]);
    expect(codes(await create(t.controller))).toEqual(["NOT_FOUND"]);
    expect(codes(await create(t.kits))).toEqual(["NOT_FOUND"]);
    expect(codes(await create(t.manager, { contractedPersonDays: "1.234" }))).toEqual(["BAD_USER_INPUT"]);
    expect((await create(t.manager)).errors).toBeUndefined();
    expect(codes(await create(t.manager))).toEqual(["CONFLICT"]);
  });
});

describe("the ledger", () => {
  let order: string;
  beforeAll(async () => {
    order = await createOrder(hub, t.manager as string, {
      authorityId: schwerin,
      year: 2017,
      contractedPersonDays: "50",
      lines: [
        { name: "Support", personDays: "40" },
        { name: "Beratung", personDays: "10" },
      ],
    });
  });

  it("refuses bad input with the field at fault", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ date: "2016-12-31" }, "date"],
      [{ personDays: "0" }, "personDays"],
      [{ personDays: "-1" }, "personDays"],
      [{ personDays: "1.234" }, "personDays"],
      [{ personDays: "20.01" }, "personDays"],
      [{ category: "Catering" }, "category"],
      [{ schoolId: parchimSchool }, "schoolId"],
      [{ description: "  " }, "description"],
    ];
    for (const [change, field] of cases) {
      const r = await hub.gql(
        "mutation($input: RecordBookingInput!) { recordBooking(input: $input) { id } }",
        {
          input: {
            serviceOrderId: order,
            date: "2017-03-01",
            personDays: "1",
            category: "Support",
            description: "Arbeit",
            ...change,
          },
        },
        t.staff,
      );
      expect(codes(r), field).toEqual(["BAD_USER_INPUT"]);
      expect(r.errors?.[0]?.extensions?.field, JSON.stringify(change)).toBe(field);
    }
    expect(await ledgerSum(hub, order)).toBe(0);
  });

  it("lets only provider people book", async () => {
    for (const token of [t.controller, t.steering]) {
      const r = await hub.gql(
        "mutation($input: RecordBookingInput!) { recordBooking(input: $input) { id } }",
        { input: { serviceOrderId: order, date: "2017-03-01", personDays: "1", description: "x" } },
        token,
      );
      expect(codes(r)).toEqual(["FORBIDDEN"]);
    }
  });

  it("answers a retried idempotency key with the first booking and a changed input with CONFLICT", async () => {
    const input = {
      serviceOrderId: order,
      date: "2017-03-02",
      personDays: "1.25",
      schoolId: schwerinSchool,
      ticketRef: "KSM-1",
      idempotencyKey: "abc-1",
    };
    const first = await book(hub, t.staff as string, input);
    const again = await book(hub, t.staff as string, input);
    expect(again.id).toBe(first.id);
    const changed = await hub.gql(
      "mutation($input: RecordBookingInput!) { recordBooking(input: $input) { id } }",
      { input: { ...input, personDays: "1.5", description: "Arbeit" } },
      t.staff,
    );
    expect(codes(changed)).toEqual(["CONFLICT"]);
    expect(await ledgerSum(hub, order)).toBe(125);
    expect((await figures(hub, t.controller as string, order)).consumedPersonDays).toBe("1.25");
  });

  it("corrects by reversal only: negated amount, linked both ways, never reversed twice or back", async () => {
    const original = await book(hub, t.staff as string, {
      serviceOrderId: order,
      date: "2017-03-03",
      personDays: "2",
    });
    const reverse = (bookingId: string, reason = "falsch gebucht") =>
      hub.gql<{
        reverseBooking: { id: string; personDays: string; date: string; reversalOf: { id: string } };
      }>(
        `mutation($input: ReverseBookingInput!) { reverseBooking(input: $input) { id personDays date reversalOf { id } } }`,
        { input: { bookingId, reason } },
        t.manager,
      );
    expect(codes(await reverse(original.id, ""))).toEqual(["BAD_USER_INPUT"]);
    const reversal = await reverse(original.id);
    expect(reversal.errors).toBeUndefined();
    expect(reversal.data?.reverseBooking).toMatchObject({
      personDays: "-2.00",
      date: "2017-03-03",
      reversalOf: { id: original.id },
    });
    const node = await hub.gql<{ node: { reversedBy: { id: string } } }>(
      "query($id: ID!) { node(id: $id) { ... on Booking { reversedBy { id } } } }",
      { id: original.id },
      t.controller,
    );
    expect(node.data?.node.reversedBy.id).toBe(reversal.data?.reverseBooking.id);
    expect(codes(await reverse(original.id))).toEqual(["CONFLICT"]);
    expect(codes(await reverse(reversal.data?.reverseBooking.id as string))).toEqual(["CONFLICT"]);
    expect((await figures(hub, t.controller as string, order)).consumedPersonDays).toBe("1.25");
  });

  it("is append-only in the database itself", async () => {
    await expect(
      hub.db.transact((tx) => tx.$executeRawUnsafe('UPDATE "Booking" SET "personDays" = 1')),
    ).rejects.toThrow(/append-only/);
    await expect(hub.db.transact((tx) => tx.$executeRawUnsafe('DELETE FROM "Booking"'))).rejects.toThrow(
      /append-only/,
    );
    expect(await ledgerSum(hub, order)).toBe(125);
  });

  it("refuses bookings into a draft or closed order with a clear CONFLICT", async () => {
    const draft = await draftOrder(hub, t.manager as string, {
      authorityId: parchim,
      year: 2016,
      contractedPersonDays: "10",
    });
    const attempt = (id: string) =>
      hub.gql(
        "mutation($input: RecordBookingInput!) { recordBooking(input: $input) { id } }",
        { input: { serviceOrderId: id, date: "2016-05-02", personDays: "1", description: "x" } },
        t.staff,
      );
    const refused = await attempt(draft);
    expect(codes(refused)).toEqual(["CONFLICT"]);
    expect(refused.errors?.[0]?.message).toMatch(/Entwurf/);
    const status = (name: string) =>
      hub.gql(`mutation($id: ID!) { ${name}(serviceOrderId: $id) { status } }`, { id: draft }, t.manager);
    expect(codes(await status("closeServiceOrder"))).toEqual(["CONFLICT"]);
    await commissionOrder(hub, draft, parchim);
    expect((await attempt(draft)).errors).toBeUndefined();
    expect((await status("closeServiceOrder")).data).toEqual({ closeServiceOrder: { status: "CLOSED" } });
    const closed = await attempt(draft);
    expect(codes(closed)).toEqual(["CONFLICT"]);
    expect(closed.errors?.[0]?.message).toMatch(/abgeschlossen/);
    expect(codes(await status("closeServiceOrder"))).toEqual(["CONFLICT"]);
  });
});

describe("burn-down and forecast on synthetic data with known answers", () => {
  let order: string;
  beforeAll(async () => {
    order = await createOrder(hub, t.manager as string, {
      authorityId: parchim,
      year: 2020,
      contractedPersonDays: "100",
    });
    // 3.5 PT on each of the eight Mondays in the eight weeks up to 2020-03-31: 28 PT, 0.5 PT a day.
    for (const date of ["02-10", "02-17", "02-24", "03-02", "03-09", "03-16", "03-23", "03-30"]) {
      await book(hub, t.staff as string, { serviceOrderId: order, date: `2020-${date}`, personDays: "3.5" });
    }
  });

  it("projects from the last eight weeks and from the start, with the range between them", async () => {
    const r = await hub.gql(
      `query($id: ID!) { serviceOrder(id: $id) { forecast(asOf: "2020-03-31") {
        exhaustionDate projectedConsumedAtYearEnd method asOf basisDays projectedLow projectedHigh
        estimates { method personDaysPerDay exhaustionDate projectedConsumedAtYearEnd } } } }`,
      { id: order },
      t.parchim,
    );
    expect(r.errors).toBeUndefined();
    // Recent: 72 PT left at 0.5 PT/day = 144 days after 31 March; 28 + 0.5 · 275 = 165.5 PT at year end.
    // Since start: 28 PT in 91 days; 72 · 91 / 28 = 234 days; 28 + 28 · 275 / 91 = 112.62 PT.
    expect(r.data?.serviceOrder).toEqual({
      forecast: {
        exhaustionDate: "2020-08-22",
        projectedConsumedAtYearEnd: "165.50",
        method: "RECENT_8_WEEKS",
        asOf: "2020-03-31",
        basisDays: 91,
        projectedLow: "112.62",
        projectedHigh: "165.50",
        estimates: [
          {
            method: "RECENT_8_WEEKS",
            personDaysPerDay: "0.50",
            exhaustionDate: "2020-08-22",
            projectedConsumedAtYearEnd: "165.50",
          },
          {
            method: "SINCE_START",
            personDaysPerDay: "0.31",
            exhaustionDate: "2020-11-20",
            projectedConsumedAtYearEnd: "112.62",
          },
        ],
      },
    });
  });

  it("uses the rate since the start before eight weeks have passed", async () => {
    const r = await hub.gql<{
      serviceOrder: { forecast: { method: string; projectedConsumedAtYearEnd: string } };
    }>(
      `query($id: ID!) { serviceOrder(id: $id) { forecast(asOf: "2020-02-19") { method projectedConsumedAtYearEnd } } }`,
      { id: order },
      t.parchim,
    );
    // 7 PT in 50 days; 316 days left: 7 + 7 · 316 / 50 = 51.24.
    expect(r.data?.serviceOrder.forecast).toEqual({
      method: "SINCE_START",
      projectedConsumedAtYearEnd: "51.24",
    });
  });

  it("draws the burn-down by month, week and day against the linear plan", async () => {
    const r = await hub.gql<{
      serviceOrder: {
        month: unknown[];
        week: { date: string }[];
        day: unknown[];
        utilization: number;
        elapsedShare: number;
      };
    }>(
      `query($id: ID!) { serviceOrder(id: $id) {
        month: burndown(granularity: MONTH, asOf: "2020-03-31") { date consumedPersonDays remainingPersonDays plannedRemainingPersonDays }
        week: burndown(asOf: "2020-03-31") { date }
        day: burndown(granularity: DAY, asOf: "2020-03-31") { date }
        utilization elapsedShare(asOf: "2020-03-31") } }`,
      { id: order },
      t.parchim,
    );
    expect(r.errors).toBeUndefined();
    const o = r.data?.serviceOrder;
    expect(o?.month).toEqual([
      {
        date: "2020-01-31",
        consumedPersonDays: "0.00",
        remainingPersonDays: "100.00",
        plannedRemainingPersonDays: "91.53",
      },
      {
        date: "2020-02-29",
        consumedPersonDays: "10.50",
        remainingPersonDays: "89.50",
        plannedRemainingPersonDays: "83.61",
      },
      {
        date: "2020-03-31",
        consumedPersonDays: "28.00",
        remainingPersonDays: "72.00",
        plannedRemainingPersonDays: "75.14",
      },
    ]);
    expect(o?.week.map((p) => p.date)).toEqual([
      "2020-01-05",
      "2020-01-12",
      "2020-01-19",
      "2020-01-26",
      "2020-02-02",
      "2020-02-09",
      "2020-02-16",
      "2020-02-23",
      "2020-03-01",
      "2020-03-08",
      "2020-03-15",
      "2020-03-22",
      "2020-03-29",
      "2020-03-31",
    ]);
    expect(o?.day).toHaveLength(91);
    expect(o?.utilization).toBe(0.28);
    expect(o?.elapsedShare).toBeCloseTo(91 / 366, 10);
  });

  it("follows a monthly plan profile set by the service manager or the controller", async () => {
    const set = await hub.gql(
      "mutation($id: ID!, $w: [Int!]) { setServiceOrderPlan(serviceOrderId: $id, monthlyWeights: $w) { monthlyPlanWeights } }",
      { id: order, w: [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0] },
      t.manager,
    );
    expect(set.errors).toBeUndefined();
    expect(
      codes(
        await hub.gql(
          "mutation($id: ID!, $w: [Int!]) { setServiceOrderPlan(serviceOrderId: $id, monthlyWeights: $w) { id } }",
          { id: order, w: [1, 2, 3] },
          t.manager,
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    // The authority's controller sets the plan too; provider staff do not.
    const PLAN =
      "mutation($id: ID!, $w: [Int!]) { setServiceOrderPlan(serviceOrderId: $id, monthlyWeights: $w) { id } }";
    expect(
      codes(await hub.gql(PLAN, { id: order, w: [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0] }, t.parchim)),
    ).toEqual([]);
    expect(
      codes(await hub.gql(PLAN, { id: order, w: [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0] }, t.staff)),
    ).toEqual(["FORBIDDEN"]);
    const r = await hub.gql<{ serviceOrder: { burndown: { plannedRemainingPersonDays: string }[] } }>(
      `query($id: ID!) { serviceOrder(id: $id) { burndown(granularity: MONTH, asOf: "2020-08-15") { date plannedRemainingPersonDays } } }`,
      { id: order },
      t.parchim,
    );
    expect(r.data?.serviceOrder.burndown.map((p) => p.plannedRemainingPersonDays)).toEqual([
      "83.33",
      "66.67",
      "50.00",
      "33.33",
      "16.67",
      "0.00",
      "0.00",
      "0.00",
    ]);
  });
});

describe("alerts", () => {
  const ALERTS = `query($id: ID!) { serviceOrder(id: $id) { alerts { kind threshold message line { name } acknowledgedAt } } }`;

  it("fire exactly once per threshold of the order and of the line, to subscribed controllers", async () => {
    const order = await createOrder(hub, t.manager as string, {
      authorityId: schwerin,
      year: 2015,
      contractedPersonDays: "10",
    });
    const seen = collect<{ controllingAlerts: { threshold: number; kind: string } }>(
      hub.ws(t.controller),
      "subscription($id: ID!) { controllingAlerts(authorityId: $id) { kind threshold } }",
      { id: schwerin },
      8,
    );
    await until(() => hub.app.events.listenerCount("controllingAlert") === 1);
    const steps = ["4.9", "0.1", "2.5", "1.4", "0.1", "0.5", "0.5", "0.5"];
    const ids: string[] = [];
    for (const personDays of steps) {
      ids.push(
        (await book(hub, t.staff as string, { serviceOrderId: order, date: "2015-06-01", personDays })).id,
      );
    }
    // Falling below a threshold and crossing it again fires nothing new.
    await hub.gql(
      `mutation($input: ReverseBookingInput!) { reverseBooking(input: $input) { id } }`,
      { input: { bookingId: ids.at(-1), reason: "zu viel" } },
      t.manager,
    );
    await book(hub, t.staff as string, { serviceOrderId: order, date: "2015-06-02", personDays: "0.5" });
    const r = await hub.gql<{
      serviceOrder: { alerts: { kind: string; threshold: number; line: { name: string } | null }[] };
    }>(ALERTS, { id: order }, t.controller);
    const keys = r.data?.serviceOrder.alerts
      .map((a) => `${a.kind}/${a.threshold}/${a.line?.name ?? "order"}`)
      .sort();
    expect(keys).toEqual(
      [50, 75, 90, 100].flatMap((n) => [`THRESHOLD/${n}/Support`, `THRESHOLD/${n}/order`]).sort(),
    );
    const { results } = await seen;
    expect(results.map((e) => e.controllingAlerts.threshold).sort((a, b) => a - b)).toEqual([
      50, 50, 75, 75, 90, 90, 100, 100,
    ]);
  });

  it("fire once when the order burns faster than plan by more than the margin, and are acknowledged once", async () => {
    const today = todayInBerlin();
    const order = await createOrder(hub, t.manager as string, {
      authorityId: parchim,
      // Next year's order, whose term begins a month ago: the demo has this year's orders already.
      year: Number(today.slice(0, 4)) + 1,
      validFrom: addDays(today, -30),
      validTo: addDays(today, 300),
      contractedPersonDays: "10",
      burnMarginPct: 10,
    });
    await book(hub, t.staff as string, { serviceOrderId: order, date: today, personDays: "3" });
    await book(hub, t.staff as string, { serviceOrderId: order, date: today, personDays: "1" });
    const r = await hub.gql<{ serviceOrder: { alerts: { kind: string; message: string }[] } }>(
      `query($id: ID!) { serviceOrder(id: $id) { alerts { id kind threshold message } } }`,
      { id: order },
      t.parchim,
    );
    const burn = r.data?.serviceOrder.alerts.filter((a) => a.kind === "BURN_RATE") ?? [];
    expect(burn).toHaveLength(2);
    expect(burn[0]?.message).toMatch(/schneller als geplant/);
    // German date in the message, never an ISO date.
    expect(burn[0]?.message).toContain(`Plan bis ${germanDate(today)}:`);
    expect(burn[0]?.message).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const alertId = (r.data?.serviceOrder.alerts[0] as unknown as { id: string } | undefined)?.id;
    const ack = (token?: string) =>
      hub.gql(
        "mutation($id: ID!) { acknowledgeControllingAlert(alertId: $id) { acknowledgedBy { email } } }",
        { id: alertId },
        token,
      );
    expect(codes(await ack(t.controller))).toEqual(["NOT_FOUND"]);
    expect((await ack(t.parchim)).data).toEqual({
      acknowledgeControllingAlert: { acknowledgedBy: { email: "controlling@parchim.example" } },
    });
    expect(codes(await ack(t.manager))).toEqual(["CONFLICT"]);
    const open = await hub.gql<{ serviceOrder: { alerts: unknown[] } }>(
      `query($id: ID!) { serviceOrder(id: $id) { alerts(open: true) { id } } }`,
      { id: order },
      t.parchim,
    );
    expect(open.data?.serviceOrder.alerts).toHaveLength(1);
  });

  it("are shown to controllers and the service manager only", async () => {
    const order = await hub.db.read.serviceOrder.findFirstOrThrow({
      where: { authority: { name: SCHWERIN }, status: "ACTIVE" },
    });
    const id = gid("ServiceOrder", order.id);
    const count = async (token?: string) =>
      (await hub.gql<{ serviceOrder: { alerts: unknown[] } }>(ALERTS, { id }, token)).data?.serviceOrder
        .alerts.length;
    expect(await count(t.controller)).toBeGreaterThan(0);
    expect(await count(t.manager)).toBeGreaterThan(0);
    expect(await count(t.steering)).toBe(0);
    const { errors } = await collect(
      hub.ws(t.steering),
      "subscription($id: ID!) { controllingAlerts(authorityId: $id) { id } }",
      { id: schwerin },
      1,
    );
    expect(JSON.stringify(errors)).toMatch(/FORBIDDEN/);
  });
});

describe("proofs of service", () => {
  let order: string;
  let proof: string;
  const PROOF = `query($id: ID!) { node(id: $id) { ... on ProofOfService {
    month status personDays amount dailyRate bookingCount roundingRule pdfUrl csvUrl
    byLine { label personDays amount } bySchool { label personDays amount } } } }`;
  const step = (name: string, token?: string, extra = "") =>
    hub.gql(`mutation($id: ID!) { ${name}(proofOfServiceId: $id${extra}) { status } }`, { id: proof }, token);

  beforeAll(async () => {
    order = await createOrder(hub, t.manager as string, {
      authorityId: schwerin,
      year: 2014,
      contractedPersonDays: "100",
      dailyRate: "333.33",
      lines: [
        { name: "Support", personDays: "80" },
        { name: "Beratung", personDays: "20" },
      ],
    });
    // 0.05 PT at 333.33 € = 16.6665 € → 16.67 €; per line, then summed.
    await book(hub, t.staff as string, {
      serviceOrderId: order,
      date: "2014-03-03",
      personDays: "0.05",
      schoolId: schwerinSchool,
    });
    await book(hub, t.staff as string, { serviceOrderId: order, date: "2014-03-04", personDays: "1.5" });
    await book(hub, t.staff as string, {
      serviceOrderId: order,
      date: "2014-03-05",
      personDays: "0.25",
      category: "Beratung",
    });
    await book(hub, t.staff as string, { serviceOrderId: order, date: "2014-04-01", personDays: "1" });
    const r = await hub.gql<{ createProofOfService: { id: string } }>(
      `mutation($id: ID!) { createProofOfService(serviceOrderId: $id, month: "2014-03") { id status } }`,
      { id: order },
      t.manager,
    );
    expect(r.errors).toBeUndefined();
    proof = r.data?.createProofOfService.id as string;
  });

  it("builds the month from the ledger by line and school with the rounding rule stated", async () => {
    const r = await hub.gql(PROOF, { id: proof }, t.controller);
    expect(r.data?.node).toMatchObject({
      month: "2014-03",
      status: "DRAFT",
      personDays: "1.80",
      // Support 1.55 PT → 516.6615 € → 516.66 €; Beratung 0.25 PT → 83.3325 € → 83.33 €.
      amount: "599.99",
      dailyRate: "333.33",
      bookingCount: 3,
      byLine: [
        { label: "Support", personDays: "1.55", amount: "516.66" },
        { label: "Beratung", personDays: "0.25", amount: "83.33" },
      ],
      bySchool: [
        { label: expect.any(String), personDays: "0.05", amount: "16.67" },
        { label: "ohne Schulbezug", personDays: "1.75", amount: "583.33" },
      ],
    });
    expect((r.data?.node as { roundingRule?: string } | undefined)?.roundingRule).toMatch(/gerundet/);
  });

  it("goes DRAFT → ISSUED (month frozen) → DISPUTED → DRAFT → ISSUED → CHECKED → SETTLED, each by its role", async () => {
    expect(codes(await step("issueProofOfService", t.controller))).toEqual(["FORBIDDEN"]);
    expect(codes(await step("checkProofOfService", t.controller))).toEqual(["CONFLICT"]);
    expect((await step("issueProofOfService", t.manager)).data).toEqual({
      issueProofOfService: { status: "ISSUED" },
    });

    const frozen = await hub.gql(
      "mutation($input: RecordBookingInput!) { recordBooking(input: $input) { id } }",
      {
        input: {
          serviceOrderId: order,
          date: "2014-03-20",
          personDays: "1",
          description: "nachgetragen",
          category: "Support",
        },
      },
      t.staff,
    );
    expect(codes(frozen)).toEqual(["CONFLICT"]);
    expect(frozen.errors?.[0]?.message).toMatch(/Leistungsnachweis/);
    const march = await hub.db.read.booking.findFirstOrThrow({ where: { date: "2014-03-04" } });
    expect(
      codes(
        await hub.gql(
          "mutation($input: ReverseBookingInput!) { reverseBooking(input: $input) { id } }",
          { input: { bookingId: gid("Booking", march.id), reason: "x" } },
          t.manager,
        ),
      ),
    ).toEqual(["CONFLICT"]);
    // Other months still take bookings.
    await book(hub, t.staff as string, { serviceOrderId: order, date: "2014-04-02", personDays: "1" });

    expect(codes(await step("checkProofOfService", t.manager))).toEqual(["FORBIDDEN"]);
    expect(codes(await step("disputeProofOfService", t.controller, ', reason: ""'))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect((await step("disputeProofOfService", t.controller, ', reason: "Ticket fehlt"')).data).toEqual({
      disputeProofOfService: { status: "DISPUTED" },
    });
    expect((await step("reopenProofOfService", t.manager)).data).toEqual({
      reopenProofOfService: { status: "DRAFT" },
    });
    await book(hub, t.staff as string, {
      serviceOrderId: order,
      date: "2014-03-20",
      personDays: "1",
      description: "nachgetragen",
    });
    expect((await step("issueProofOfService", t.manager)).errors).toBeUndefined();
    expect(codes(await step("settleProofOfService", t.controller))).toEqual(["CONFLICT"]);
    expect((await step("checkProofOfService", t.controller)).data).toEqual({
      checkProofOfService: { status: "CHECKED" },
    });
    expect((await step("settleProofOfService", t.controller)).data).toEqual({
      settleProofOfService: { status: "SETTLED" },
    });
    const r = await hub.gql<{ node: { personDays: string; amount: string } }>(
      PROOF,
      { id: proof },
      t.controller,
    );
    expect(r.data?.node).toMatchObject({ personDays: "2.80", amount: "933.32" });
  });

  it("is not opened for a month that has not ended", async () => {
    const today = todayInBerlin();
    const order2026 = await hub.db.read.serviceOrder.findFirstOrThrow({
      where: { authority: { name: SCHWERIN }, status: "ACTIVE" },
    });
    const r = await hub.gql(
      "mutation($id: ID!, $m: String!) { createProofOfService(serviceOrderId: $id, month: $m) { id } }",
      { id: gid("ServiceOrder", order2026.id), m: today.slice(0, 7) },
      t.manager,
    );
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
  });

  it("downloads as PDF and CSV for controllers, never for outsiders", async () => {
    const r = await hub.gql<{ node: { pdfUrl: string; csvUrl: string } }>(PROOF, { id: proof }, t.controller);
    const { pdfUrl, csvUrl } = (r.data?.node ?? { pdfUrl: "", csvUrl: "" }) as {
      pdfUrl: string;
      csvUrl: string;
    };
    const get = (path: string, token?: string) =>
      fetch(`${hub.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const pdf = await get(pdfUrl, t.controller);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const csv = await get(csvUrl, t.controller);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toMatch(/Leistungsart;Personentage;Betrag \(EUR\)/);
    expect(text).toMatch(/Summe;2,80;933,32/);
    expect((await get(pdfUrl)).status).toBe(401);
    expect((await get(pdfUrl, t.parchim)).status).toBe(404);
    expect((await get(csvUrl, t.kits)).status).toBe(404);
    expect((await get(csvUrl, t.steering)).status).toBe(403);
    expect((await get(csvUrl, t.contact)).status).toBe(403);
  });
});

describe("booking exports", () => {
  it("gives controllers the ledger by filter as German CSV and as XLSX", async () => {
    const order = await hub.db.read.serviceOrder.findFirstOrThrow({
      where: { authority: { name: SCHWERIN }, status: "ACTIVE" },
      orderBy: { year: "asc" },
    });
    const id = encodeURIComponent(gid("ServiceOrder", order.id));
    const month = `${order.year}-03`;
    const get = (path: string, token?: string) =>
      fetch(`${hub.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const csv = await get(
      `/exports/bookings.csv?serviceOrderId=${id}&month=${month}&category=Support`,
      t.controller,
    );
    expect(csv.status).toBe(200);
    const text = await csv.text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "Lfd. Nr.;Datum;Personentage;Leistungsart;Schule;Ticket;Beschreibung;Gebucht von;Erfasst am;Storno zu Nr.",
    );
    const expected = await hub.db.read.booking.count({
      where: { orderId: order.id, date: { startsWith: month }, line: { name: "Support" } },
    });
    expect(lines).toHaveLength(expected + 1);
    expect(lines.slice(1).every((l) => /^\d+;\d\d\.03\.\d{4};\d+,\d\d;Support;/.test(l))).toBe(true);

    const xlsx = await get(`/exports/bookings.xlsx?serviceOrderId=${id}`, t.controller);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBe((await hub.db.read.booking.count({ where: { orderId: order.id } })) + 2);

    // A description a spreadsheet would run as a formula is written as text.
    await book(hub, t.staff as string, {
      serviceOrderId: gid("ServiceOrder", order.id),
      date: order.validFrom,
      personDays: "0.25",
      description: '=HYPERLINK("http://example.org","Klick")',
    });
    const all = await (await get(`/exports/bookings.csv?serviceOrderId=${id}`, t.controller)).text();
    expect(all).toContain(`;"'=HYPERLINK(""http://example.org"",""Klick"")";`);
    expect(all).not.toMatch(/;=HYPERLINK/);

    expect((await get(`/exports/bookings.csv?serviceOrderId=${id}`, t.parchim)).status).toBe(404);
    expect((await get(`/exports/bookings.xlsx?serviceOrderId=${id}`, t.kits)).status).toBe(404);
    expect((await get(`/exports/bookings.csv?serviceOrderId=${id}`, t.contact)).status).toBe(403);
    expect((await get(`/exports/bookings.csv?serviceOrderId=${id}`)).status).toBe(401);
    expect((await get(`/exports/bookings.csv?serviceOrderId=${id}&month=2026-13`, t.controller)).status).toBe(
      400,
    );
  });
});

describe("tenant isolation", () => {
  let order: string;
  let booking: string;
  beforeAll(async () => {
    const row = await hub.db.read.serviceOrder.findFirstOrThrow({
      where: { authority: { name: SCHWERIN }, status: "ACTIVE" },
      include: { bookings: { take: 1 } },
    });
    order = gid("ServiceOrder", row.id);
    booking = gid("Booking", row.bookings[0]?.id as string);
  });

  it.each(["parchim", "kits"])("%s reads no Schwerin order, booking or list", async (who) => {
    const token = t[who];
    const direct = await hub.gql(
      "query($id: ID!) { serviceOrder(id: $id) { consumedPersonDays } }",
      { id: order },
      token,
    );
    expect(codes(direct)).toEqual(["NOT_FOUND"]);
    expect(direct.data?.serviceOrder ?? null).toBeNull();
    for (const id of [order, booking]) {
      const node = await hub.gql(
        "query($id: ID!) { node(id: $id) { id ... on ServiceOrder { consumedPersonDays } ... on Booking { description } } }",
        { id },
        token,
      );
      expect(node.data?.node ?? null).toBeNull();
      expect(codes(node).every((c) => c === "FORBIDDEN" || c === "NOT_FOUND")).toBe(true);
    }
    const list = await hub.gql("{ schoolAuthorities { name serviceOrders { year } } }", {}, token);
    expect(JSON.stringify(list.data)).not.toMatch(/Schwerin/);
  });

  it.each(["parchim", "kits"])(
    "%s cannot subscribe to a Schwerin order's burn-down or alerts",
    async (who) => {
      const burn = await collect(
        hub.ws(t[who]),
        "subscription($id: ID!) { serviceOrderBurndown(serviceOrderId: $id) { consumedPersonDays } }",
        { id: order },
        1,
      );
      expect(burn.results).toEqual([]);
      expect(JSON.stringify(burn.errors)).toMatch(/NOT_FOUND|FORBIDDEN/);
      const alerts = await collect(
        hub.ws(t[who]),
        "subscription($id: ID!) { controllingAlerts(authorityId: $id) { message } }",
        { id: schwerin },
        1,
      );
      expect(alerts.results).toEqual([]);
      expect(JSON.stringify(alerts.errors)).toMatch(/NOT_FOUND|FORBIDDEN/);
    },
  );

  it("school contacts see nothing of controlling; steering members see the figures but not the invoices", async () => {
    const q = "query($id: ID!) { serviceOrder(id: $id) { consumedPersonDays proofsOfService { month } } }";
    expect(codes(await hub.gql(q, { id: order }, t.contact))).toEqual(["FORBIDDEN"]);
    const list = await hub.gql<{ schoolAuthorities: { serviceOrders: unknown[] }[] }>(
      "{ schoolAuthorities { serviceOrders { year } } }",
      {},
      t.contact,
    );
    expect(list.data?.schoolAuthorities.flatMap((a) => a.serviceOrders)).toEqual([]);
    const steering = await hub.gql<{
      serviceOrder: { consumedPersonDays: string; proofsOfService: unknown[] };
    }>(q, { id: order }, t.steering);
    expect(steering.errors).toBeUndefined();
    expect(hundredths(steering.data?.serviceOrder.consumedPersonDays as string)).toBeGreaterThan(0);
    expect(steering.data?.serviceOrder.proofsOfService).toEqual([]);
  });
});

describe("demo data", () => {
  it("tells the story: this year's order with a line over its volume, last year's closed and settled", async () => {
    const r = await hub.gql<{
      schoolAuthorities: {
        serviceOrders: {
          year: number;
          status: string;
          lines: { name: string; utilization: number }[];
          proofsOfService: { status: string }[];
        }[];
      }[];
    }>(
      "{ schoolAuthorities { serviceOrders { year status lines { name utilization } proofsOfService { status } } } }",
      {},
      t.controller,
    );
    const [current, last] = r.data?.schoolAuthorities[0]?.serviceOrders ?? [];
    expect(current?.status).toBe("ACTIVE");
    expect(current?.lines.find((l) => l.name === "Ertüchtigung")?.utilization).toBeGreaterThan(1);
    expect(last?.status).toBe("CLOSED");
    expect(last?.proofsOfService).toHaveLength(12);
    expect(last?.proofsOfService.every((p) => p.status === "SETTLED")).toBe(true);
  });
});
