// The ledger of person-day bookings: append-only (the database refuses UPDATE and DELETE),
// corrections are reversals, per-day totals and alerts change in the booking's transaction.
import { createHash } from "node:crypto";
import { requireBooker } from "../../access/controlling.ts";
import type { Tx } from "../../db/client.ts";
import type { Booking, ProofStatus } from "../../db/generated/client/client.ts";
import { germanDate, isIsoDate, todayInBerlin } from "../../lib/dates.ts";
import { badInput, conflict, notFound } from "../../lib/errors.ts";
import { fromHundredths, germanDecimal, toHundredths } from "../../lib/units.ts";
import { optionalText, requiredText } from "../../lib/validate.ts";
import { outsideResponsibility } from "../organisations/handovers.ts";
import type { Work } from "../work.ts";
import { type AlertSpec, clipToPeriod, dueAlerts, PlanCurve, volumeAt } from "./figures.ts";
import { APPROVED_AMENDMENT_FIELDS, volumesOf } from "./reads.ts";

/** A day's work of two people is the most one entry may carry; more is a typo. */
export const MAX_BOOKING_HUNDREDTHS = 2000;
/** A proof of service in these states freezes its month's bookings. */
export const FREEZING_PROOF_STATUSES: ProofStatus[] = ["ISSUED", "CHECKED", "DISPUTED", "SETTLED"];

export interface BookingInput {
  orderId: string;
  date: string;
  personDays: string;
  category: string;
  schoolId?: string | null;
  ticketRef?: string | null;
  description: string;
  idempotencyKey?: string | null;
  /** The day the booking is made; tests and the seed set it. */
  today?: string;
}

async function refuseFrozenMonth(tx: Tx, orderId: string, date: string): Promise<void> {
  const proof = await tx.proofOfService.findUnique({
    where: { orderId_month: { orderId, month: date.slice(0, 7) } },
    select: { status: true },
  });
  if (proof && FREEZING_PROOF_STATUSES.includes(proof.status)) {
    throw conflict(
      `Der Leistungsnachweis für ${date.slice(5, 7)}/${date.slice(0, 4)} ist bereits ausgestellt; ` +
        "dieser Monat nimmt keine Buchungen mehr an.",
    );
  }
}

async function refuseClosedOrder(tx: Tx, orderId: string) {
  return refuseClosed(await tx.serviceOrder.findUniqueOrThrow({ where: { id: orderId } }));
}

function refuseClosed<O extends { status: string; year: number }>(order: O): O {
  if (order.status === "CLOSED") {
    throw conflict(`Der Serviceschein ${order.year} ist abgeschlossen und nimmt keine Buchungen mehr an.`);
  }
  if (order.status === "DRAFT") {
    throw conflict(
      `Der Serviceschein ${order.year} ist noch ein Entwurf; gebucht wird erst nach der Beauftragung durch den Schulträger.`,
    );
  }
  return order;
}

/** Appends one entry: commit order, running balance and the per-day total move together. */
async function append(
  tx: Tx,
  data: Omit<Booking, "id" | "seq" | "orderBalance" | "createdAt">,
): Promise<Booking> {
  // findFirst, not aggregate: Prisma wraps _max in a subquery that scans the whole ledger.
  const [max, last] = await Promise.all([
    tx.booking.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }),
    tx.booking.findFirst({
      where: { orderId: data.orderId },
      orderBy: { seq: "desc" },
      select: { orderBalance: true },
    }),
  ]);
  const booking = await tx.booking.create({
    data: {
      ...data,
      seq: (max?.seq ?? 0) + 1,
      orderBalance: (last?.orderBalance ?? 0) + data.personDays,
    },
  });
  await tx.dailyTotal.upsert({
    where: { orderId_lineId_date: { orderId: data.orderId, lineId: data.lineId, date: data.date } },
    create: {
      orderId: data.orderId,
      lineId: data.lineId,
      date: data.date,
      personDays: data.personDays,
      count: 1,
    },
    update: { personDays: { increment: data.personDays }, count: { increment: 1 } },
  });
  return booking;
}

/** Creates the alerts whose condition holds after this booking and that have not fired before. */
async function fireAlerts(
  tx: Tx,
  order: {
    id: string;
    validFrom: string;
    validTo: string;
    planProfile: string | null;
    burnMarginPct: number;
    year: number;
  },
  orderConsumed: number,
  lineId: string,
  today: string,
  /** The order's lines, when the caller has read them in this transaction already. */
  known?: readonly { id: string; name: string; volume: number }[],
): Promise<string[]> {
  const [lines, lineSum, fired, approved] = await Promise.all([
    known ??
      tx.serviceLine.findMany({
        where: { orderId: order.id },
        select: { id: true, name: true, volume: true },
      }),
    tx.dailyTotal.aggregate({ where: { orderId: order.id, lineId }, _sum: { personDays: true } }),
    tx.alert.findMany({ where: { orderId: order.id }, select: { scope: true, kind: true, threshold: true } }),
    tx.orderAmendment.findMany({
      where: { orderId: order.id, status: "APPROVED" },
      select: APPROVED_AMENDMENT_FIELDS,
    }),
  ]);
  const line = lines.find((l) => l.id === lineId);
  const plan = new PlanCurve(order);
  const asOf = clipToPeriod(order, today);
  // The volumes in force on the day (approved amendments from their date on), the plan over time.
  const volumes = volumesOf(order, lines, approved);
  const orderSchedule = volumes.order;
  const lineSchedule = volumes.lines.get(lineId) ?? [];
  const due: AlertSpec[] = [
    ...dueAlerts(
      {
        scope: "order",
        lineId: null,
        label: `Serviceschein ${order.year}`,
        consumed: orderConsumed,
        volume: volumeAt(orderSchedule, asOf),
        schedule: orderSchedule,
      },
      plan,
      asOf,
      order.burnMarginPct,
    ),
    ...(line
      ? dueAlerts(
          {
            scope: line.id,
            lineId: line.id,
            label: `Leistungsart „${line.name}“`,
            consumed: lineSum._sum.personDays ?? 0,
            volume: volumeAt(lineSchedule, asOf),
            schedule: lineSchedule,
          },
          plan,
          asOf,
          order.burnMarginPct,
        )
      : []),
  ];
  const seen = new Set(fired.map((a) => `${a.scope}/${a.kind}/${a.threshold}`));
  const created: string[] = [];
  for (const spec of due) {
    if (seen.has(`${spec.scope}/${spec.kind}/${spec.threshold}`)) continue;
    const alert = await tx.alert.create({ data: { orderId: order.id, ...spec } });
    created.push(alert.id);
  }
  return created;
}

/** Fires the alerts due for the order and one of its lines after their volume changed (an approved Nachtrag). */
export async function checkAlerts(
  tx: Tx,
  order: Parameters<typeof fireAlerts>[1],
  lineId: string,
  today: string,
): Promise<string[]> {
  const sum = await tx.dailyTotal.aggregate({ where: { orderId: order.id }, _sum: { personDays: true } });
  return fireAlerts(tx, order, sum._sum.personDays ?? 0, lineId, today);
}

function requestHash(values: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(values)).digest("hex");
}

/**
 * Books person-days. The same idempotency key with the same input answers the first booking
 * (a retried request); with a different input it is a CONFLICT.
 */
export async function recordBooking(
  { tx, access, audit, publish }: Work,
  input: BookingInput,
): Promise<Booking> {
  const today = input.today ?? todayInBerlin();
  const order = await tx.serviceOrder.findUnique({
    where: { id: input.orderId },
    include: { lines: { select: { id: true, name: true, volume: true }, orderBy: { position: "asc" } } },
  });
  if (!order || !access.canSeeAuthority(order.authorityId)) throw notFound("Serviceschein");
  const user = requireBooker(access, order.authorityId);

  if (!isIsoDate(input.date)) throw badInput("date", `"${input.date}" ist kein Datum im Format JJJJ-MM-TT.`);
  if (input.date < order.validFrom || input.date > order.validTo) {
    throw badInput(
      "date",
      `Das Datum liegt außerhalb der Laufzeit des Servicescheins (${germanDate(order.validFrom)} bis ${germanDate(order.validTo)}).`,
    );
  }
  if (input.date > today)
    throw badInput("date", "Gebucht wird geleistete Arbeit: das Datum liegt in der Zukunft.");
  const personDays = toHundredths(input.personDays.trim(), "personDays");
  if (personDays <= 0) throw badInput("personDays", "Personentage müssen größer als 0 sein.");
  if (personDays > MAX_BOOKING_HUNDREDTHS) {
    throw badInput(
      "personDays",
      `Eine Buchung darf höchstens ${germanDecimal(fromHundredths(MAX_BOOKING_HUNDREDTHS))} Personentage umfassen.`,
    );
  }
  const line = order.lines.find((l) => l.name === input.category.trim());
  if (!line) {
    throw badInput(
      "category",
      `„${input.category}“ ist keine Leistungsart dieses Servicescheins (${order.lines.map((l) => l.name).join(", ")}).`,
    );
  }
  if (input.schoolId) {
    const school = await tx.school.findUnique({
      where: { id: input.schoolId },
      select: { authorityId: true },
    });
    if (!school || school.authorityId !== order.authorityId) {
      throw badInput("schoolId", "Die Schule gehört nicht zum Schulträger dieses Servicescheins.");
    }
  }
  const description = requiredText(input.description, "description", "Die Beschreibung", 2000);
  const ticketRef = optionalText(input.ticketRef, "ticketRef", "Die Ticketnummer", 100);
  const idempotencyKey = optionalText(input.idempotencyKey, "idempotencyKey", "Der idempotencyKey", 200);
  const hash = idempotencyKey
    ? requestHash([
        order.id,
        input.date,
        personDays,
        line.id,
        input.schoolId ?? null,
        ticketRef,
        description,
        user.id,
      ])
    : null;

  if (idempotencyKey) {
    const first = await tx.booking.findUnique({
      where: { orderId_idempotencyKey: { orderId: order.id, idempotencyKey } },
    });
    if (first) {
      if (first.requestHash !== hash) {
        throw conflict("Dieser idempotencyKey wurde bereits für eine andere Buchung verwendet.");
      }
      return first;
    }
  }
  // Read in this transaction, which holds the writer's turn: still the order as it stands.
  refuseClosed(order);
  await refuseFrozenMonth(tx, order.id, input.date);
  const booking = await append(tx, {
    orderId: order.id,
    lineId: line.id,
    date: input.date,
    personDays,
    schoolId: input.schoolId ?? null,
    ticketRef,
    description,
    bookedById: user.id,
    reversalOfId: null,
    idempotencyKey,
    requestHash: hash,
    // Support for a school the provider did not support that day (server/modules/organisations/handovers.ts).
    outsideResponsibility: await outsideResponsibility(tx, {
      schoolId: input.schoolId,
      date: input.date,
      lineName: line.name,
    }),
  });
  audit({
    authorityId: order.authorityId,
    objectType: "Booking",
    objectId: booking.id,
    action: "CREATE",
    changes: {
      orderId: order.id,
      date: input.date,
      personDays: fromHundredths(personDays),
      category: line.name,
    },
  });
  publish("bookingRecorded", { authorityId: order.authorityId, orderId: order.id, bookingId: booking.id });
  for (const alertId of await fireAlerts(tx, order, booking.orderBalance, line.id, today, order.lines))
    publish("controllingAlert", { authorityId: order.authorityId, alertId });
  return booking;
}

/**
 * Cancels an entry by a new one with the negated amount on the same date, line and school, so
 * that the day, the month and the proof of service net out. A reversal is never reversed.
 */
export async function reverseBooking(
  { tx, access, audit, publish }: Work,
  input: { bookingId: string; reason: string },
): Promise<Booking> {
  const original = await tx.booking.findUnique({
    where: { id: input.bookingId },
    include: { order: { select: { authorityId: true } } },
  });
  if (!original || !access.canSeeAuthority(original.order.authorityId)) throw notFound("Buchung");
  const user = requireBooker(access, original.order.authorityId);
  const reason = requiredText(input.reason, "reason", "Der Grund der Stornierung", 1000);
  if (original.reversalOfId) throw conflict("Eine Stornobuchung kann nicht storniert werden.");

  const already = await tx.booking.findUnique({
    where: { reversalOfId: original.id },
    select: { id: true },
  });
  if (already) throw conflict("Diese Buchung ist bereits storniert.");
  await refuseClosedOrder(tx, original.orderId);
  await refuseFrozenMonth(tx, original.orderId, original.date);
  const booking = await append(tx, {
    orderId: original.orderId,
    lineId: original.lineId,
    date: original.date,
    personDays: -original.personDays,
    schoolId: original.schoolId,
    ticketRef: original.ticketRef,
    description: `Storno: ${reason}`,
    bookedById: user.id,
    reversalOfId: original.id,
    idempotencyKey: null,
    requestHash: null,
    outsideResponsibility: original.outsideResponsibility,
  });
  audit({
    authorityId: original.order.authorityId,
    objectType: "Booking",
    objectId: booking.id,
    action: "REVERSE",
    changes: { reversalOf: original.id, personDays: fromHundredths(booking.personDays), reason },
  });
  publish("bookingRecorded", {
    authorityId: original.order.authorityId,
    orderId: original.orderId,
    bookingId: booking.id,
  });
  return booking;
}
