// Who supports a school, and when: every change is a dated SchoolHandover, proposed by the
// provider and confirmed by the authority (the client). Only confirmed handovers count.
//
// A school without a confirmed handover is supported by the authority's own IT, whatever its
// upgradeStatus says: upgradeStatus is the progress of the upgrade to the target picture
// (PLANNED, IN_PROGRESS, COMPLETED) and counts schools upgraded, but it no longer decides
// responsibility. An accepted upgrade proposes the handover; the authority's confirmation makes it so.
import { requireHandoverConfirmer, requireHandoverProposer } from "../../access/organisations.ts";
import type { Tx } from "../../db/client.ts";
import type { SupportSide } from "../../db/generated/client/enums.ts";
import { germanDate, todayInBerlin } from "../../lib/dates.ts";
import { badInput, conflict, notFound } from "../../lib/errors.ts";
import { optionalText } from "../../lib/validate.ts";
import type { Work } from "../work.ts";

export type { SupportSide };

const other = (side: SupportSide): SupportSide => (side === "PROVIDER" ? "AUTHORITY_IT" : "PROVIDER");

/** German: who "Dienstleister" / "IT des Schulträgers" is for this authority. */
export function sideLabel(side: SupportSide, authority: { name: string }, provider?: { shortName: string }) {
  return side === "PROVIDER"
    ? `vom Dienstleister${provider ? ` ${provider.shortName}` : ""}`
    : `von der IT des Schulträgers ${authority.name}`;
}

/** The side supporting on `asOf`, from a school's confirmed handovers (any order). */
export function sideOn(
  handovers: readonly { handoverDate: string; toSide: SupportSide; confirmedAt: Date | null }[],
  asOf: string,
): SupportSide {
  let latest: { handoverDate: string; toSide: SupportSide } | null = null;
  for (const h of handovers) {
    if (!h.confirmedAt || h.handoverDate > asOf) continue;
    if (!latest || h.handoverDate >= latest.handoverDate) latest = h;
  }
  return latest?.toSide ?? "AUTHORITY_IT";
}

/** The side supporting the school on `date`. */
export async function supportSideOn(tx: Tx, schoolId: string, date: string): Promise<SupportSide> {
  const latest = await tx.schoolHandover.findFirst({
    where: { schoolId, confirmedAt: { not: null }, handoverDate: { lte: date } },
    orderBy: [{ handoverDate: "desc" }, { confirmedAt: "desc" }],
    select: { toSide: true },
  });
  return latest?.toSide ?? "AUTHORITY_IT";
}

/**
 * Escalations are for the provider's service: a school the provider does not support on that day
 * is the authority's own IT's to answer. German CONFLICT naming who is responsible.
 */
export async function refuseUnsupportedSchool(tx: Tx, schoolId: string, date = todayInBerlin()) {
  if ((await supportSideOn(tx, schoolId, date)) === "PROVIDER") return;
  const school = await tx.school.findUniqueOrThrow({
    where: { id: schoolId },
    include: { authority: { include: { provider: true } } },
  });
  const before = await tx.schoolHandover.count({
    where: { schoolId, confirmedAt: { not: null }, toSide: "PROVIDER", handoverDate: { lte: date } },
  });
  const pending = await tx.schoolHandover.findFirst({
    where: { schoolId, confirmedAt: null, toSide: "PROVIDER" },
    select: { handoverDate: true },
  });
  const { authority } = school;
  throw conflict(
    `${school.name} wird am ${germanDate(date)} ${before ? "wieder" : "noch"} ${sideLabel("AUTHORITY_IT", authority)} betreut, ` +
      `nicht vom Dienstleister ${authority.provider.shortName}. Eskalationen zu dieser Schule richten Sie an die IT des Schulträgers` +
      (pending
        ? `; die Übergabe an den Dienstleister zum ${germanDate(pending.handoverDate)} ist vorgeschlagen.`
        : "."),
  );
}

/** Bookings of support (a service line named "Support…") for a school the provider did not support that day. */
export async function outsideResponsibility(
  tx: Tx,
  booking: { schoolId?: string | null; date: string; lineName: string },
): Promise<boolean> {
  if (!booking.schoolId || !/support/i.test(booking.lineName)) return false;
  return (await supportSideOn(tx, booking.schoolId, booking.date)) !== "PROVIDER";
}

async function checkNewHandover(
  tx: Tx,
  school: { id: string; name: string; authority: { name: string; agreementStart: string } },
  handoverDate: string,
  to: SupportSide | null | undefined,
) {
  if (handoverDate < school.authority.agreementStart) {
    throw badInput(
      "handoverDate",
      `Die Übergabe kann nicht vor dem Beginn der Vereinbarung (${germanDate(school.authority.agreementStart)}) liegen.`,
    );
  }
  const pending = await tx.schoolHandover.findFirst({
    where: { schoolId: school.id, confirmedAt: null },
    select: { handoverDate: true, toSide: true },
  });
  if (pending) {
    throw conflict(
      `Für ${school.name} ist bereits eine Übergabe zum ${germanDate(pending.handoverDate)} vorgeschlagen und noch nicht bestätigt.`,
    );
  }
  const last = await tx.schoolHandover.findFirst({
    where: { schoolId: school.id, confirmedAt: { not: null } },
    orderBy: [{ handoverDate: "desc" }, { confirmedAt: "desc" }],
    select: { handoverDate: true },
  });
  if (last && handoverDate <= last.handoverDate) {
    throw badInput(
      "handoverDate",
      `Die Übergabe muss nach der letzten bestätigten Übergabe (${germanDate(last.handoverDate)}) liegen.`,
    );
  }
  const from = await supportSideOn(tx, school.id, handoverDate);
  if (to && to === from) {
    throw conflict(
      `${school.name} wird am ${germanDate(handoverDate)} bereits ${sideLabel(from, school.authority)} betreut.`,
    );
  }
  return { from, to: other(from) };
}

export async function proposeSchoolHandover(
  { tx, access, audit, publish }: Work,
  input: { schoolId: string; handoverDate: string; note?: string | null; to?: SupportSide | null },
) {
  const school = await tx.school.findUnique({ where: { id: input.schoolId }, include: { authority: true } });
  if (!school) throw notFound("Schule");
  const user = requireHandoverProposer(access, school.authorityId);
  const note = optionalText(input.note, "note", "Die Notiz", 2000);
  const { from, to } = await checkNewHandover(tx, school, input.handoverDate, input.to);
  const handover = await tx.schoolHandover.create({
    data: {
      schoolId: school.id,
      fromSide: from,
      toSide: to,
      handoverDate: input.handoverDate,
      note,
      proposedById: user.id,
    },
  });
  audit({
    authorityId: school.authorityId,
    objectType: "SchoolHandover",
    objectId: handover.id,
    action: "PROPOSE",
    changes: { schoolId: school.id, from, to, handoverDate: input.handoverDate, note },
  });
  publish("schoolUpdated", { authorityId: school.authorityId, schoolId: school.id });
  return handover;
}

/**
 * An accepted upgrade measure proposes the handover to the provider at its acceptance date, in
 * the name of the provider's person who created the measure. Nothing when the provider supports
 * the school already on that day or a handover is pending.
 */
export async function proposeHandoverForUpgrade(
  { tx, audit, publish }: Work,
  measure: { id: string; schoolId: string; authorityId: string; createdById: string; title: string },
  acceptedOn: string,
) {
  if ((await supportSideOn(tx, measure.schoolId, acceptedOn)) === "PROVIDER") return null;
  const pending = await tx.schoolHandover.count({ where: { schoolId: measure.schoolId, confirmedAt: null } });
  const later = await tx.schoolHandover.count({
    where: { schoolId: measure.schoolId, confirmedAt: { not: null }, handoverDate: { gte: acceptedOn } },
  });
  if (pending > 0 || later > 0) return null;
  const note = `Ertüchtigung abgenommen: ${measure.title}`.slice(0, 2000);
  const handover = await tx.schoolHandover.create({
    data: {
      schoolId: measure.schoolId,
      fromSide: "AUTHORITY_IT",
      toSide: "PROVIDER",
      handoverDate: acceptedOn,
      note,
      measureId: measure.id,
      proposedById: measure.createdById,
    },
  });
  audit({
    authorityId: measure.authorityId,
    objectType: "SchoolHandover",
    objectId: handover.id,
    action: "PROPOSE",
    changes: {
      schoolId: measure.schoolId,
      from: "AUTHORITY_IT",
      to: "PROVIDER",
      handoverDate: acceptedOn,
      note,
      measureId: measure.id,
    },
  });
  publish("schoolUpdated", { authorityId: measure.authorityId, schoolId: measure.schoolId });
  return handover;
}

export async function confirmSchoolHandover(
  { tx, access, audit, publish }: Work,
  input: { handoverId: string },
) {
  const handover = await tx.schoolHandover.findUnique({
    where: { id: input.handoverId },
    include: { school: { include: { authority: true } } },
  });
  if (!handover || !access.canSeeAuthority(handover.school.authorityId)) throw notFound("Übergabe");
  const { school } = handover;
  const user = access.requireUser();
  const itMember = await tx.steeringGroupMember.count({
    where: { userId: user.id, department: "IT_DEPARTMENT", group: { authorityId: school.authorityId } },
  });
  requireHandoverConfirmer(access, school.authorityId, itMember > 0);
  const refused = `Die Übergabe von ${school.name} zum ${germanDate(handover.handoverDate)} ist bereits bestätigt.`;
  if (handover.confirmedAt) throw conflict(refused);
  // The side on that day may have changed since the proposal (a later-dated handover cannot exist
  // while this one is pending, but an earlier one may have been confirmed in between).
  const from = await supportSideOn(tx, school.id, handover.handoverDate);
  if (from === handover.toSide) {
    throw conflict(
      `${school.name} wird am ${germanDate(handover.handoverDate)} bereits ${sideLabel(from, school.authority)} betreut.`,
    );
  }
  const confirmedAt = new Date();
  const { count } = await tx.schoolHandover.updateMany({
    where: { id: handover.id, confirmedAt: null },
    data: { confirmedAt, confirmedById: user.id },
  });
  if (count !== 1) throw conflict(refused);
  audit({
    authorityId: school.authorityId,
    objectType: "SchoolHandover",
    objectId: handover.id,
    action: "CONFIRM",
    changes: {
      schoolId: school.id,
      from: handover.fromSide,
      to: handover.toSide,
      handoverDate: handover.handoverDate,
      confirmedAt: confirmedAt.toISOString(),
    },
  });
  publish("schoolUpdated", { authorityId: school.authorityId, schoolId: school.id });
  return tx.schoolHandover.findUniqueOrThrow({ where: { id: handover.id } });
}

/**
 * A pending handover is withdrawn by the provider that proposed it, or declined by the authority
 * (who would confirm it); a confirmed one stays in the history, and a later change is a new handover.
 */
export async function withdrawSchoolHandover(
  { tx, access, audit, publish }: Work,
  input: { handoverId: string },
) {
  const handover = await tx.schoolHandover.findUnique({
    where: { id: input.handoverId },
    include: { school: true },
  });
  if (!handover || !access.canSeeAuthority(handover.school.authorityId)) throw notFound("Übergabe");
  const { school } = handover;
  const user = access.requireUser();
  let action = "WITHDRAW";
  if (access.isProviderPerson) {
    requireHandoverProposer(access, school.authorityId);
  } else {
    const itMember = await tx.steeringGroupMember.count({
      where: { userId: user.id, department: "IT_DEPARTMENT", group: { authorityId: school.authorityId } },
    });
    requireHandoverConfirmer(access, school.authorityId, itMember > 0);
    action = "DECLINE";
  }
  const refused = `Die Übergabe von ${school.name} zum ${germanDate(handover.handoverDate)} ist bereits bestätigt.`;
  if (handover.confirmedAt) throw conflict(refused);
  const { count } = await tx.schoolHandover.deleteMany({ where: { id: handover.id, confirmedAt: null } });
  if (count !== 1) throw conflict(refused);
  audit({
    authorityId: school.authorityId,
    objectType: "SchoolHandover",
    objectId: handover.id,
    action,
    changes: {
      schoolId: school.id,
      from: handover.fromSide,
      to: handover.toSide,
      handoverDate: handover.handoverDate,
      note: handover.note,
    },
  });
  publish("schoolUpdated", { authorityId: school.authorityId, schoolId: school.id });
  return true;
}
