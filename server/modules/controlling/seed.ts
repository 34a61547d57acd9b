// Demo records of the controlling module. Schwerin: the service order for the current year with
// bookings up to today (one line, "Ertüchtigung", burns too fast, has fired its alerts and has an
// amendment proposed by KSM that waits for the authority), proofs of service for the past months,
// and last year's order closed with every proof settled and one approved amendment. Every other
// authority of both providers: this year's order with its bookings (Parchim's since August, when
// its order began), proofs and alerts. Every order was commissioned by the authority's side
// (Beauftragung) with its budget line; Schwerin's cite the steering group's decision (linked by
// the seed script once governance is seeded). Deterministic (seeded generators) and one
// transaction of bulk inserts, so it stays fast.
import type { Database, Tx } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client/client.ts";
import { BUDGET_LINE } from "../../db/seed-data.ts";
import { addDays, berlinInstant, todayInBerlin, weekday } from "../../lib/dates.ts";
import { type FederalState, isFederalState } from "../../lib/holidays.ts";
import { isWorkingDay } from "../../lib/workdays.ts";
import { clipToPeriod, dueAlerts, PlanCurve, type ProofRow, proofFigures } from "./figures.ts";

const SCHWERIN = "Landeshauptstadt Schwerin";
const PARCHIM = "Stadt Parchim";
/** Days between the holidays on which nobody books in the demo. */
const CLOSED_DAYS = ["12-24", "12-31"];

/** mulberry32: a small deterministic generator, so every seed tells the same story. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface LinePlan {
  name: string;
  volume: number;
  /** Chance of a booking on a working day, and the amounts (hundredths) to pick from. */
  chance: (date: string) => number;
  amounts: number[];
  withSchool: boolean;
}

interface AmendmentPlan {
  line: string;
  effectiveDate: string;
  previousVolume: number;
  reason: string;
}

interface OrderPlan {
  year: number;
  status: "ACTIVE" | "CLOSED";
  rateCents: bigint;
  planProfile: string | null;
  /** Defaults: the calendar year. */
  validFrom?: string;
  until: string;
  lines: LinePlan[];
  /** Amendments approved by the authority: each line's volume was `previousVolume` before. */
  approved?: AmendmentPlan[];
}

const summer = (date: string) => ["07", "08"].includes(date.slice(5, 7));

function orderPlans(today: string): OrderPlan[] {
  const year = Number(today.slice(0, 4));
  return [
    {
      year: year - 1,
      status: "CLOSED",
      rateCents: 66_000n,
      planProfile: null,
      until: `${year - 1}-12-31`,
      approved: [
        {
          line: "Support",
          effectiveDate: `${year - 1}-09-01`,
          previousVolume: 26_000,
          reason: "Mehr Störungsmeldungen nach Ausweitung der Tablet-Nutzung; Support um 40 PT erhöht.",
        },
      ],
      lines: [
        {
          name: "Support",
          volume: 30_000,
          chance: (d) => (summer(d) ? 0.5 : 0.95),
          amounts: [75, 100, 125],
          withSchool: true,
        },
        { name: "Ertüchtigung", volume: 6_000, chance: () => 0.3, amounts: [50, 100], withSchool: true },
        {
          name: "Beratung",
          volume: 4_000,
          chance: (d) => (weekday(d) === 3 ? 0.9 : 0),
          amounts: [50, 75, 100],
          withSchool: false,
        },
      ],
    },
    {
      year,
      status: "ACTIVE",
      rateCents: 68_000n,
      // Less in the summer holidays of Mecklenburg-Vorpommern (July, August).
      planProfile: "10,10,10,9,9,9,4,5,10,10,9,5",
      until: today,
      lines: [
        {
          name: "Support",
          volume: 30_000,
          chance: (d) => (summer(d) ? 0.5 : 0.95),
          amounts: [75, 100, 125, 150],
          withSchool: true,
        },
        // Upgrade projects ran ahead of plan: the story of the demo.
        {
          name: "Ertüchtigung",
          volume: 8_000,
          chance: (d) => (d.slice(5, 7) >= "09" ? 0.75 : 0.5),
          amounts: [50, 75, 100],
          withSchool: true,
        },
        {
          name: "Beratung",
          volume: 4_000,
          chance: (d) => (weekday(d) === 3 ? 0.9 : 0),
          amounts: [50, 75],
          withSchool: false,
        },
      ],
    },
  ];
}

/** This year's order of an authority other than Schwerin, sized by its schools. */
function otherPlan(
  today: string,
  schools: readonly { upgradeStatus: string }[],
  rateCents: bigint,
  validFrom: string,
  pace: number,
): OrderPlan {
  const year = Number(today.slice(0, 4));
  const open = schools.filter((s) => s.upgradeStatus !== "COMPLETED").length;
  const perDay = Math.min(0.95, 0.12 * schools.length);
  // Volumes as planned at the commissioning: the expected effort of the period (about 250 working
  // days, less in the summer holidays, 0.75 PT a booking); the pace says how the year turned out.
  const share = (Date.parse(`${year}-12-31`) - Date.parse(validFrom)) / (365 * 86_400_000);
  const volume = (personDays: number) => Math.max(1_000, Math.round(personDays * share) * 100);
  return {
    year,
    status: "ACTIVE",
    rateCents,
    planProfile: null,
    validFrom,
    until: today,
    lines: [
      {
        name: "Support",
        volume: volume(perDay * 175),
        chance: (d) => (summer(d) ? 0.5 : 1) * perDay * pace,
        amounts: [50, 75, 100],
        withSchool: true,
      },
      ...(open > 0
        ? [
            {
              name: "Ertüchtigung",
              volume: volume(12 * open),
              chance: () => 0.06 * open * pace,
              amounts: [50, 100],
              withSchool: true,
            },
          ]
        : []),
      {
        name: "Beratung",
        volume: volume(8),
        chance: (d: string) => (weekday(d) === 3 ? 0.3 : 0),
        amounts: [25, 50],
        withSchool: false,
      },
    ],
  };
}

interface Party {
  authority: {
    id: string;
    name: string;
    state: string;
    schools: { id: string; name: string; upgradeStatus: string }[];
  };
  staff: string;
  manager: string;
  controller: string;
  random: () => number;
  prefix: string;
}

export async function seedControlling(db: Database, log: (line: string) => void): Promise<void> {
  const today = todayInBerlin();
  const year = Number(today.slice(0, 4));
  const [authorities, people] = await Promise.all([
    db.read.schoolAuthority.findMany({
      include: {
        provider: { select: { shortName: true } },
        schools: { select: { id: true, name: true, upgradeStatus: true }, orderBy: { name: "asc" } },
      },
      orderBy: { name: "asc" },
    }),
    db.read.user.findMany({
      select: {
        id: true,
        email: true,
        authorityId: true,
        providerId: true,
        roles: { select: { role: true } },
      },
      orderBy: { email: "asc" },
    }),
  ]);
  const holds = (p: (typeof people)[number], role: string) => p.roles.some((r) => r.role === role);
  let seq =
    ((await db.read.booking.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }))?.seq ?? 0) + 1;
  let bookingCount = 0;
  let orderCount = 0;
  // Parchim's order began a few months ago, with the new school year's commissioning.
  const parchimStart = `${[3, 2, 1, 0].map((back) => addDays(`${today.slice(0, 7)}-01`, -31 * back).slice(0, 7)).find((m) => m >= `${year}-01`) ?? today.slice(0, 7)}-01`;

  const writeOrder = async (tx: Tx, party: Party, plan: OrderPlan) => {
    const { authority, staff, manager, controller, random } = party;
    const schoolNames = new Map(authority.schools.map((s) => [s.id, s.name]));
    const state: FederalState = isFederalState(authority.state) ? authority.state : "MV";
    const validFrom = plan.validFrom ?? `${plan.year}-01-01`;
    // Commissioned by the authority a fortnight before the order starts.
    const commissionedOn = addDays(validFrom, -14);

    const order = await tx.serviceOrder.create({
      data: {
        authorityId: authority.id,
        year: plan.year,
        title: `Serviceschein Schul-IT ${plan.year}`,
        dailyRateCents: plan.rateCents,
        validFrom,
        validTo: `${plan.year}-12-31`,
        status: plan.status,
        planProfile: plan.planProfile,
        commissionedAt: berlinInstant(commissionedOn, "11:00"),
        commissionedById: controller,
        budgetLine: BUDGET_LINE,
        createdAt: berlinInstant(addDays(commissionedOn, -10), "09:00"),
      },
    });
    const lines = await Promise.all(
      plan.lines.map((line, i) =>
        tx.serviceLine.create({
          data: { orderId: order.id, name: line.name, volume: line.volume, position: i + 1 },
        }),
      ),
    );
    const period = { validFrom: order.validFrom, validTo: order.validTo, planProfile: order.planProfile };
    const curve = new PlanCurve(period);
    const bookings: Prisma.BookingCreateManyInput[] = [];
    const totals = new Map<
      string,
      { orderId: string; lineId: string; date: string; personDays: number; count: number }
    >();
    const lineSums = new Map<string, number>();
    const alerts = new Map<string, Prisma.AlertCreateManyInput>();
    let balance = 0;
    const orderVolume = lines.reduce((sum, l) => sum + l.volume, 0);
    const book = (
      date: string,
      lineIndex: number,
      personDays: number,
      extra: Partial<Prisma.BookingCreateManyInput>,
    ) => {
      const line = lines[lineIndex] as (typeof lines)[number];
      balance += personDays;
      const row: Prisma.BookingCreateManyInput = {
        id: `seed-${party.prefix}-${plan.year}-${seq}`,
        seq: seq++,
        orderId: order.id,
        lineId: line.id,
        date,
        personDays,
        orderBalance: balance,
        description: "",
        bookedById: staff,
        createdAt: new Date(`${date}T15:00:00Z`),
        ...extra,
      };
      bookings.push(row);
      const key = `${line.id}/${date}`;
      const total = totals.get(key) ?? {
        orderId: order.id,
        lineId: line.id,
        date,
        personDays: 0,
        count: 0,
      };
      total.personDays += personDays;
      total.count += 1;
      totals.set(key, total);
      lineSums.set(line.id, (lineSums.get(line.id) ?? 0) + personDays);
      // Fire alerts as the live ledger would have, on the day of the booking.
      const asOf = clipToPeriod(period, date);
      const subjects = [
        {
          scope: "order",
          lineId: null,
          label: `Serviceschein ${plan.year}`,
          consumed: balance,
          volume: orderVolume,
        },
        {
          scope: line.id,
          lineId: line.id,
          label: `Leistungsart „${line.name}“`,
          consumed: lineSums.get(line.id) ?? 0,
          volume: line.volume,
        },
      ];
      for (const subject of subjects) {
        for (const spec of dueAlerts(subject, curve, asOf, order.burnMarginPct)) {
          const id = `${spec.scope}/${spec.kind}/${spec.threshold}`;
          if (alerts.has(id)) continue;
          const firedAt = new Date(`${date}T15:00:00Z`);
          const old = addDays(today, -30) > date;
          alerts.set(id, {
            orderId: order.id,
            ...spec,
            createdAt: firedAt,
            ...(old
              ? { acknowledgedById: controller, acknowledgedAt: new Date(firedAt.getTime() + 86_400_000) }
              : {}),
          });
        }
      }
      return row;
    };

    for (let date = order.validFrom; date <= plan.until && date <= order.validTo; date = addDays(date, 1)) {
      if (!isWorkingDay(date, state) || CLOSED_DAYS.includes(date.slice(5))) continue;
      plan.lines.forEach((line, index) => {
        if (random() >= line.chance(date)) return;
        const amount = line.amounts[Math.floor(random() * line.amounts.length)] as number;
        const school = line.withSchool
          ? authority.schools[Math.floor(random() * authority.schools.length)]
          : undefined;
        book(date, index, amount, {
          schoolId: school?.id ?? null,
          ticketRef: line.withSchool
            ? `${party.prefix}-${plan.year}-${String(10_000 + seq).padStart(5, "0")}`
            : null,
          description:
            line.name === "Support"
              ? `Störung bearbeitet${school ? ` (${school.name})` : ""}`
              : line.name === "Ertüchtigung"
                ? `Ertüchtigung nach Zielbild${school ? `: ${school.name}` : ""}`
                : "Beratung Schulträger (Jour-Fixe-Vorbereitung)",
        });
      });
    }
    // A double booking found and reversed in the current month, as the ledger corrects itself.
    if (plan.status === "ACTIVE") {
      const last = [...bookings]
        .reverse()
        .find((b) => b.personDays > 0 && b.date.slice(0, 7) === today.slice(0, 7));
      if (last) {
        const duplicate = book(
          last.date,
          lines.findIndex((l) => l.id === last.lineId),
          last.personDays,
          {
            schoolId: last.schoolId ?? null,
            ticketRef: last.ticketRef ?? null,
            description: last.description,
          },
        );
        book(
          last.date,
          lines.findIndex((l) => l.id === last.lineId),
          -last.personDays,
          {
            schoolId: last.schoolId ?? null,
            ticketRef: last.ticketRef ?? null,
            description: "Storno: doppelt gebucht",
            reversalOfId: duplicate.id,
          },
        );
      }
    }
    await tx.booking.createMany({ data: bookings });
    await tx.dailyTotal.createMany({ data: [...totals.values()] });
    await tx.alert.createMany({ data: [...alerts.values()] });
    bookingCount += bookings.length;
    orderCount += 1;

    // Amendments: those of the plan were approved by the authority; a line over its volume has
    // one proposed by the provider that waits for the authority's decision.
    const amendments: Prisma.OrderAmendmentCreateManyInput[] = [];
    for (const amendment of plan.approved ?? []) {
      const line = lines.find((l) => l.name === amendment.line);
      if (!line) continue;
      amendments.push({
        orderId: order.id,
        lineId: line.id,
        effectiveDate: amendment.effectiveDate,
        reason: amendment.reason,
        previousVolume: amendment.previousVolume,
        newVolume: line.volume,
        status: "APPROVED",
        createdById: manager,
        createdAt: berlinInstant(addDays(amendment.effectiveDate, -10), "10:00"),
        decidedById: controller,
        decidedAt: berlinInstant(addDays(amendment.effectiveDate, -3), "14:00"),
      });
    }
    if (plan.status === "ACTIVE") {
      for (const line of lines) {
        let sum = 0;
        const over = bookings.find((b) => {
          if (b.lineId === line.id) sum += b.personDays;
          return b.lineId === line.id && sum > line.volume;
        });
        if (!over) continue;
        let proposedOn = addDays(over.date, 1);
        while (!isWorkingDay(proposedOn, state)) proposedOn = addDays(proposedOn, 1);
        if (proposedOn > today) proposedOn = today;
        // The year's remaining need at the pace so far, rounded up to whole ten person-days.
        const elapsed = Math.max(1, Number((Date.parse(over.date) - Date.parse(validFrom)) / 86_400_000) + 1);
        const need = Math.ceil((line.volume * 365) / elapsed / 1_000) * 1_000;
        amendments.push({
          orderId: order.id,
          lineId: line.id,
          effectiveDate: over.date,
          reason: `Leistungsart „${line.name}“ am ${over.date.split("-").reverse().join(".")} ausgeschöpft; Mehrbedarf bis Jahresende.`,
          previousVolume: line.volume,
          newVolume: Math.max(need, line.volume + 1_000),
          status: "PROPOSED",
          createdById: manager,
          createdAt: berlinInstant(proposedOn, "10:00"),
        });
      }
    }
    await tx.orderAmendment.createMany({ data: amendments });

    // Proofs of service: every ended month; all settled but the last one of the running year.
    const months = Array.from(
      { length: 12 },
      (_, i) => `${plan.year}-${String(i + 1).padStart(2, "0")}`,
    ).filter((m) => m < today.slice(0, 7) && m >= validFrom.slice(0, 7));
    const proofs = months.map((month, i) => {
      const rows = new Map<string, ProofRow>();
      for (const b of bookings) {
        if (b.date.slice(0, 7) !== month) continue;
        const key = `${b.lineId}/${b.schoolId ?? ""}`;
        const row = rows.get(key) ?? {
          lineId: b.lineId,
          schoolId: b.schoolId ?? null,
          personDays: 0,
          count: 0,
        };
        row.personDays += b.personDays;
        row.count += 1;
        rows.set(key, row);
      }
      const figures = proofFigures(month, plan.rateCents, [...rows.values()], lines, schoolNames);
      const issuedAt = new Date(`${addDays(`${month}-28`, 6)}T10:00:00Z`);
      const settled = plan.status === "CLOSED" || i < months.length - 1;
      return {
        orderId: order.id,
        month,
        status: settled ? ("SETTLED" as const) : ("ISSUED" as const),
        snapshot: JSON.stringify(figures),
        issuedAt,
        issuedById: manager,
        ...(settled
          ? {
              checkedAt: new Date(issuedAt.getTime() + 3 * 86_400_000),
              checkedById: controller,
              settledAt: new Date(issuedAt.getTime() + 14 * 86_400_000),
            }
          : {}),
      };
    });
    await tx.proofOfService.createMany({ data: proofs });
  };

  await db.transact(async (tx) => {
    for (const [index, authority] of authorities.entries()) {
      const provider = people.filter((p) => p.providerId === authority.providerId);
      const own = people.filter((p) => p.authorityId === authority.id);
      const manager = provider.find((p) => holds(p, "SERVICE_MANAGER"))?.id;
      const staff = provider.find((p) => holds(p, "PROVIDER_STAFF"))?.id ?? manager;
      const controller = own.find((p) => holds(p, "CONTROLLER"))?.id;
      if (!manager || !staff || !controller) continue;
      const schwerin = authority.name === SCHWERIN;
      const party: Party = {
        authority,
        staff,
        manager,
        controller,
        random: generator(schwerin ? 20_260_101 : 20_260_200 + index),
        prefix: authority.provider.shortName,
      };
      const rate = authority.provider.shortName === "KSM" ? 68_000n : 64_000n;
      // Some authorities burn faster than others: the provider-wide view has something to compare.
      const pace = [1.1, 0.8, 0.97, 0.88, 1.04, 0.75][index % 6] as number;
      const plans = schwerin
        ? orderPlans(today)
        : [
            otherPlan(
              today,
              authority.schools,
              rate,
              authority.name === PARCHIM ? parchimStart : `${year}-01-01`,
              pace,
            ),
          ];
      for (const plan of plans) await writeOrder(tx, party, plan);
    }
  });
  log(`Controlling: ${orderCount} service orders, ${bookingCount} bookings.`);
}
