// The ledger under stress: random sequences of bookings, reversals and retries (fast-check),
// many concurrent clients, and the live burn-down delivered in commit order to every subscriber.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authorityGid,
  BOOK,
  book,
  createOrder,
  figures,
  hundredths,
  ledgerSum,
  SCHWERIN,
} from "../helpers/controlling.ts";
import { codes, collect, startHub, type TestHub, until } from "../helpers/hub.ts";

let hub: TestHub;
let manager: string;
let staff: string;
let controller: string;
let parchimController: string;
let schwerin: string;
let runs = 0;
let authorities: string[] = [];

beforeAll(async () => {
  hub = await startHub();
  manager = await hub.login("servicemanager@ksm.example");
  staff = await hub.login("technik@ksm.example");
  controller = await hub.login("controlling@schwerin.example");
  parchimController = await hub.login("controlling@parchim.example");
  schwerin = await authorityGid(hub, SCHWERIN);
  const list = await hub.gql<{ schoolAuthorities: { id: string }[] }>(
    "{ schoolAuthorities { id } }",
    {},
    manager,
  );
  // Every run (shrinking included) needs a fresh (authority, year) for its order, all in the past.
  authorities = (list.data?.schoolAuthorities ?? []).map((a) => a.id).filter((id) => id !== schwerin);
});
afterAll(() => hub.close());

const REVERSE = `mutation($input: ReverseBookingInput!) { reverseBooking(input: $input) { id personDays } }`;

type Op =
  | { kind: "book"; hundredths: number; key: number | null; line: 0 | 1 }
  | { kind: "retry"; pick: number }
  | { kind: "misuse"; pick: number }
  | { kind: "reverse"; pick: number }
  | { kind: "reverseReversal"; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("book" as const),
      hundredths: fc.integer({ min: 1, max: 2000 }),
      key: fc.option(fc.integer({ min: 0, max: 1_000_000 })),
      line: fc.constantFrom(0 as const, 1 as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("retry" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("misuse" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("reverse" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reverseReversal" as const), pick: fc.nat() }) },
);

const decimal = (units: number) => `${Math.floor(units / 100)}.${String(units % 100).padStart(2, "0")}`;

// Every run drafts and commissions its order (as the authority's controller), and the machine the
// suite runs on is shared: the two heaviest tests get a minute.
describe("the ledger under random sequences", () => {
  it("always equals the exact sum of its entries, with idempotent retries", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const run = runs++;
        const year = 2000 + (run % 20);
        const authorityId = authorities[Math.floor(run / 20) % authorities.length] as string;
        const order = await createOrder(hub, manager, {
          authorityId,
          year,
          contractedPersonDays: "500",
          lines: [
            { name: "Support", personDays: "400" },
            { name: "Beratung", personDays: "100" },
          ],
        });
        let expected = 0;
        let entries = 0;
        const keyed: { input: Record<string, unknown>; id: string }[] = [];
        const originals: { id: string; units: number; reversed: boolean }[] = [];
        const reversals: string[] = [];
        for (const step of ops) {
          if (step.kind === "book") {
            const input = {
              serviceOrderId: order,
              date: `${year}-05-${String((step.hundredths % 28) + 1).padStart(2, "0")}`,
              personDays: decimal(step.hundredths),
              category: step.line === 0 ? "Support" : "Beratung",
              description: "Eigenschaftstest",
              idempotencyKey: step.key === null ? null : `k-${step.key}`,
            };
            const r = await hub.gql<{ recordBooking: { id: string; personDays: string } }>(
              BOOK,
              { input },
              staff,
            );
            const earlier = keyed.find(
              (k) => k.input.idempotencyKey === input.idempotencyKey && input.idempotencyKey,
            );
            if (earlier) {
              // A random key may collide with an earlier one: same input → the first booking; other input → CONFLICT.
              if (JSON.stringify(earlier.input) === JSON.stringify(input))
                expect(r.data?.recordBooking.id).toBe(earlier.id);
              else expect(codes(r)).toEqual(["CONFLICT"]);
              continue;
            }
            expect(r.errors).toBeUndefined();
            expect(r.data?.recordBooking.personDays).toBe(decimal(step.hundredths));
            expected += step.hundredths;
            entries++;
            originals.push({
              id: r.data?.recordBooking.id as string,
              units: step.hundredths,
              reversed: false,
            });
            if (input.idempotencyKey) keyed.push({ input, id: r.data?.recordBooking.id as string });
          } else if (step.kind === "retry" && keyed.length > 0) {
            const first = keyed[step.pick % keyed.length] as (typeof keyed)[number];
            const r = await hub.gql<{ recordBooking: { id: string } }>(BOOK, { input: first.input }, staff);
            expect(r.data?.recordBooking.id).toBe(first.id);
          } else if (step.kind === "misuse" && keyed.length > 0) {
            const first = keyed[step.pick % keyed.length] as (typeof keyed)[number];
            const r = await hub.gql(BOOK, { input: { ...first.input, description: "anders" } }, staff);
            expect(codes(r)).toEqual(["CONFLICT"]);
          } else if (step.kind === "reverse" && originals.length > 0) {
            const target = originals[step.pick % originals.length] as (typeof originals)[number];
            const r = await hub.gql<{ reverseBooking: { id: string; personDays: string } }>(
              REVERSE,
              { input: { bookingId: target.id, reason: "Eigenschaftstest" } },
              staff,
            );
            if (target.reversed) {
              expect(codes(r)).toEqual(["CONFLICT"]);
            } else {
              expect(r.data?.reverseBooking.personDays).toBe(`-${decimal(target.units)}`);
              target.reversed = true;
              expected -= target.units;
              entries++;
              reversals.push(r.data?.reverseBooking.id as string);
            }
          } else if (step.kind === "reverseReversal" && reversals.length > 0) {
            const r = await hub.gql(
              REVERSE,
              { input: { bookingId: reversals[step.pick % reversals.length], reason: "x" } },
              staff,
            );
            expect(codes(r)).toEqual(["CONFLICT"]);
          }
        }
        const shown = await figures(hub, manager, order);
        expect(shown.consumedPersonDays).toMatch(/^\d+\.\d\d$/);
        expect(hundredths(shown.consumedPersonDays)).toBe(expected);
        expect(hundredths(shown.remainingPersonDays)).toBe(50_000 - expected);
        expect(shown.utilization).toBe(expected / 50_000);
        expect(await ledgerSum(hub, order)).toBe(expected);
        expect(shown.bookings.totalCount).toBe(entries);
      }),
      { numRuns: 30 },
    );
  }, 60_000);
});

describe("concurrent clients", () => {
  it("lose nothing: 20 clients × 10 bookings, and one key sent ten times at once books once", async () => {
    const order = await createOrder(hub, manager, {
      authorityId: schwerin,
      year: 2012,
      contractedPersonDays: "5000",
    });
    // Twenty clients with sessions of their own; signed in one after another, as a parallel burst
    // of sign-ins is counted against the throttle before any password is checked.
    const tokens: string[] = [];
    for (let i = 0; i < 20; i++)
      tokens.push(await hub.login(i % 2 ? "technik@ksm.example" : "servicemanager@ksm.example"));
    let expected = 0;
    const all: Promise<unknown>[] = [];
    tokens.forEach((token, client) => {
      for (let i = 0; i < 10; i++) {
        const units = 1 + ((client * 37 + i * 11) % 1999);
        expected += units;
        all.push(
          book(hub, token, {
            serviceOrderId: order,
            date: `2012-0${1 + (i % 9)}-15`,
            personDays: decimal(units),
          }),
        );
      }
    });
    const same = { serviceOrderId: order, date: "2012-10-01", personDays: "0.33", idempotencyKey: "once" };
    const retries = Array.from({ length: 10 }, () => book(hub, tokens[0] as string, same).then((b) => b.id));
    await Promise.all(all);
    const ids = await Promise.all(retries);
    expect(new Set(ids).size).toBe(1);
    expected += 33;
    const shown = await figures(hub, controller, order);
    expect(hundredths(shown.consumedPersonDays)).toBe(expected);
    expect(shown.bookings.totalCount).toBe(201);
    expect(await ledgerSum(hub, order)).toBe(expected);
    const rows = await hub.db.read.booking.findMany({
      where: { order: { year: 2012, authority: { name: SCHWERIN } } },
      orderBy: { seq: "asc" },
      select: { seq: true, personDays: true, orderBalance: true },
    });
    let running = 0;
    for (const row of rows) {
      running += row.personDays;
      expect(row.orderBalance).toBe(running);
    }
  }, 60_000);
});

describe("figures within one request", () => {
  it("are read afresh after each mutation of the same document, for the order and its lines", async () => {
    const order = await createOrder(hub, manager, {
      authorityId: schwerin,
      year: 2013,
      contractedPersonDays: "100",
    });
    const FIGURES = "serviceOrder { consumedPersonDays lines { name consumedPersonDays } }";
    const input = (personDays: string) => ({
      serviceOrderId: order,
      date: "2013-03-01",
      personDays,
      category: "Support",
      description: "Arbeit",
    });
    const r = await hub.gql<Record<string, { serviceOrder: Figures }>>(
      `mutation($a: RecordBookingInput!, $b: RecordBookingInput!) {
        a: recordBooking(input: $a) { ${FIGURES} }
        b: recordBooking(input: $b) { ${FIGURES} }
      }`,
      { a: input("1.25"), b: input("2.50") },
      staff,
    );
    expect(r.errors).toBeUndefined();
    const support = (f: Figures) => f.lines.find((l) => l.name === "Support")?.consumedPersonDays;
    const a = r.data?.a?.serviceOrder as Figures;
    const b = r.data?.b?.serviceOrder as Figures;
    expect([a.consumedPersonDays, support(a)]).toEqual(["1.25", "1.25"]);
    expect([b.consumedPersonDays, support(b)]).toEqual(["3.75", "3.75"]);
  });
});

interface Figures {
  consumedPersonDays: string;
  lines: { name: string; consumedPersonDays: string }[];
}

describe("live burn-down", () => {
  const SUB = `subscription($id: ID!) { serviceOrderBurndown(serviceOrderId: $id) {
    consumedPersonDays remainingPersonDays utilization serviceOrder { year } booking { id sequence personDays }
  } }`;
  type Update = {
    serviceOrderBurndown: {
      consumedPersonDays: string;
      remainingPersonDays: string;
      utilization: number;
      booking: { id: string; sequence: number; personDays: string };
    };
  };

  it("delivers every booking and reversal in commit order to two subscribers while a third client books", async () => {
    const order = await createOrder(hub, manager, {
      authorityId: schwerin,
      year: 2011,
      contractedPersonDays: "200",
    });
    const count = 24;
    const first = collect<Update>(hub.ws(controller), SUB, { id: order }, count, 15_000);
    const second = collect<Update>(hub.ws(manager), SUB, { id: order }, count, 15_000);
    await until(() => hub.app.events.listenerCount("bookingRecorded") === 2);
    const booked = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        book(hub, staff, {
          serviceOrderId: order,
          date: `2011-03-${String(i + 1).padStart(2, "0")}`,
          personDays: decimal(25 * (i + 1)),
        }),
      ),
    );
    await Promise.all(
      booked.slice(0, 4).map((b) => hub.gql(REVERSE, { input: { bookingId: b.id, reason: "Test" } }, staff)),
    );
    const [a, b] = await Promise.all([first, second]);
    expect(a.errors).toEqual([]);
    expect(a.results).toHaveLength(count);
    expect(b.results).toEqual(a.results);
    let running = 0;
    let lastSequence = 0;
    for (const { serviceOrderBurndown: u } of a.results) {
      expect(u.booking.sequence).toBeGreaterThan(lastSequence);
      lastSequence = u.booking.sequence;
      running += hundredths(u.booking.personDays);
      expect(hundredths(u.consumedPersonDays)).toBe(running);
      expect(hundredths(u.remainingPersonDays)).toBe(20_000 - running);
    }
    expect(hundredths((await figures(hub, controller, order)).consumedPersonDays)).toBe(running);
  });

  it("refuses a Parchim controller's subscription to a Schwerin order", async () => {
    const order = await createOrder(hub, manager, {
      authorityId: schwerin,
      year: 2010,
      contractedPersonDays: "10",
    });
    const { results, errors } = await collect(hub.ws(parchimController), SUB, { id: order }, 1);
    expect(results).toEqual([]);
    expect(JSON.stringify(errors)).toMatch(/NOT_FOUND/);
    expect(hub.app.events.listenerCount("bookingRecorded")).toBe(0);
  });
});
