// Demo records of the controlling module: Schwerin's service order for the current year with
// bookings up to today (one line, "Ertüchtigung", burns too fast and has fired its alerts),
// proofs of service for the past months, and last year's order closed with every proof settled.
// Deterministic (a seeded generator) and one transaction of bulk inserts, so it stays fast.
import type { Database } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client/client.ts";
import { addDays, todayInBerlin, weekday } from "../../lib/dates.ts";
import { clipToPeriod, dueAlerts, PlanCurve, type ProofRow, proofFigures } from "./figures.ts";

const SCHWERIN = "Landeshauptstadt Schwerin";
/** Holidays on which nobody books in the demo, whatever the weekday. */
const CLOSED_DAYS = ["01-01", "05-01", "10-03", "10-31", "12-24", "12-25", "12-26", "12-31"];

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

interface OrderPlan {
  year: number;
  status: "ACTIVE" | "CLOSED";
  rateCents: bigint;
  planProfile: string | null;
  until: string;
  lines: LinePlan[];
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

export async function seedControlling(db: Database, log: (line: string) => void): Promise<void> {
  const authority = await db.read.schoolAuthority.findUnique({
    where: { name: SCHWERIN },
    include: { schools: { select: { id: true, name: true }, orderBy: { name: "asc" } } },
  });
  const people = await db.read.user.findMany({
    where: {
      email: { in: ["technik@ksm.example", "servicemanager@ksm.example", "controlling@schwerin.example"] },
    },
    select: { id: true, email: true },
  });
  const person = (email: string) => people.find((p) => p.email === email)?.id;
  const staff = person("technik@ksm.example");
  const manager = person("servicemanager@ksm.example");
  const controller = person("controlling@schwerin.example");
  if (!authority || !staff || !manager || !controller) return;
  const today = todayInBerlin();
  const schoolNames = new Map(authority.schools.map((s) => [s.id, s.name]));
  const random = generator(20_260_101);
  let seq =
    ((await db.read.booking.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }))?.seq ?? 0) + 1;
  let bookingCount = 0;

  await db.transact(async (tx) => {
    for (const plan of orderPlans(today)) {
      const order = await tx.serviceOrder.create({
        data: {
          authorityId: authority.id,
          year: plan.year,
          title: `Serviceschein Schul-IT ${plan.year}`,
          dailyRateCents: plan.rateCents,
          validFrom: `${plan.year}-01-01`,
          validTo: `${plan.year}-12-31`,
          status: plan.status,
          planProfile: plan.planProfile,
          createdAt: new Date(`${plan.year - 1}-12-15T09:00:00Z`),
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
          id: `seed-${plan.year}-${seq}`,
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
        if (weekday(date) > 5 || CLOSED_DAYS.includes(date.slice(5))) continue;
        plan.lines.forEach((line, index) => {
          if (random() >= line.chance(date)) return;
          const amount = line.amounts[Math.floor(random() * line.amounts.length)] as number;
          const school = line.withSchool
            ? authority.schools[Math.floor(random() * authority.schools.length)]
            : undefined;
          book(date, index, amount, {
            schoolId: school?.id ?? null,
            ticketRef: line.withSchool ? `KSM-${plan.year}-${String(10_000 + seq).padStart(5, "0")}` : null,
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

      // Proofs of service: every ended month; all settled but the last one of the running year.
      const months = Array.from(
        { length: 12 },
        (_, i) => `${plan.year}-${String(i + 1).padStart(2, "0")}`,
      ).filter((m) => m < today.slice(0, 7));
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
    }
  });
  log(`Controlling: 2 service orders of ${SCHWERIN}, ${bookingCount} bookings.`);
}
