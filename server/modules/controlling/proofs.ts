// Monthly proofs of service (Leistungsnachweise): built from the month's ledger; issuing
// freezes the month and the figures; the authority's controller checks or disputes, then settles.
import { requireController, requireOrderManager } from "../../access/controlling.ts";
import type { Access, ViewerUser } from "../../access/index.ts";
import type { ReadClient, Tx } from "../../db/client.ts";
import type { ProofOfService, ProofStatus } from "../../db/generated/client/client.ts";
import { endOfMonth, todayInBerlin } from "../../lib/dates.ts";
import { badInput, conflict, notFound } from "../../lib/errors.ts";
import { requiredText } from "../../lib/validate.ts";
import type { Work } from "../work.ts";
import { type ProofFigures, proofFigures } from "./figures.ts";
import { monthRows } from "./reads.ts";

type Client = ReadClient | Tx;
type ProofKey = { orderId: string; month: string };

/** Live figures of the given (order, month) pairs: three queries for any number of them. */
export async function computeProofFigures(
  db: Client,
  keys: readonly ProofKey[],
): Promise<Map<string, ProofFigures>> {
  const orderIds = [...new Set(keys.map((k) => k.orderId))];
  const [rows, orders] = await Promise.all([
    monthRows(db, keys),
    db.serviceOrder.findMany({
      where: { id: { in: orderIds } },
      select: { id: true, dailyRateCents: true, lines: { select: { id: true, name: true, position: true } } },
    }),
  ]);
  const schoolIds = [...new Set([...rows.values()].flat().flatMap((r) => (r.schoolId ? [r.schoolId] : [])))];
  const schools = schoolIds.length
    ? await db.school.findMany({ where: { id: { in: schoolIds } }, select: { id: true, name: true } })
    : [];
  const schoolNames = new Map(schools.map((s) => [s.id, s.name]));
  const result = new Map<string, ProofFigures>();
  for (const key of keys) {
    const order = orders.find((o) => o.id === key.orderId);
    if (!order) continue;
    const id = `${key.orderId}/${key.month}`;
    result.set(
      id,
      proofFigures(key.month, order.dailyRateCents, rows.get(id) ?? [], order.lines, schoolNames),
    );
  }
  return result;
}

/** Issued proofs show the figures frozen at issue; drafts are computed from the ledger. */
export async function figuresOf(db: Client, proofs: readonly ProofOfService[]): Promise<ProofFigures[]> {
  const drafts = proofs.filter((p) => !p.snapshot);
  const live = await (drafts.length ? computeProofFigures(db, drafts) : Promise.resolve(new Map()));
  return proofs.map((p) =>
    p.snapshot
      ? (JSON.parse(p.snapshot) as ProofFigures)
      : (live.get(`${p.orderId}/${p.month}`) as ProofFigures),
  );
}

async function proofFor(tx: Tx, access: Access, proofId: string) {
  const proof = await tx.proofOfService.findUnique({
    where: { id: proofId },
    include: { order: { select: { authorityId: true, year: true } } },
  });
  if (!proof || !access.canSeeAuthority(proof.order.authorityId)) throw notFound("Leistungsnachweis");
  return proof;
}

/** Opens the month's proof of service as a draft (the service manager, after the month has ended). */
export async function createProofOfService(
  { tx, access, audit }: Work,
  input: {
    orderId: string;
    month: string;
    /** The day the proof is opened; tests set it. */
    today?: string;
  },
) {
  const today = input.today ?? todayInBerlin();
  const order = await tx.serviceOrder.findUnique({ where: { id: input.orderId } });
  if (!order || !access.canSeeAuthority(order.authorityId)) throw notFound("Serviceschein");
  requireOrderManager(access, order.authorityId);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month))
    throw badInput("month", "Der Monat hat das Format JJJJ-MM.");
  if (endOfMonth(`${input.month}-01`) < order.validFrom || `${input.month}-01` > order.validTo) {
    throw badInput("month", "Der Monat liegt außerhalb der Laufzeit des Servicescheins.");
  }
  if (endOfMonth(`${input.month}-01`) >= today) {
    throw badInput("month", "Ein Leistungsnachweis wird erst nach Ende des Monats erstellt.");
  }
  const existing = await tx.proofOfService.findUnique({
    where: { orderId_month: { orderId: order.id, month: input.month } },
  });
  if (existing) throw conflict("Für diesen Monat gibt es bereits einen Leistungsnachweis.");
  const proof = await tx.proofOfService.create({ data: { orderId: order.id, month: input.month } });
  audit({
    authorityId: order.authorityId,
    objectType: "ProofOfService",
    objectId: proof.id,
    action: "CREATE",
    changes: { month: input.month },
  });
  return proof;
}

type Transition = "ISSUE" | "CHECK" | "DISPUTE" | "SETTLE" | "REOPEN";

const TRANSITIONS: Record<Transition, { from: ProofStatus; to: ProofStatus; label: string }> = {
  ISSUE: { from: "DRAFT", to: "ISSUED", label: "ausgestellt" },
  CHECK: { from: "ISSUED", to: "CHECKED", label: "als geprüft markiert" },
  DISPUTE: { from: "ISSUED", to: "DISPUTED", label: "beanstandet" },
  SETTLE: { from: "CHECKED", to: "SETTLED", label: "als beglichen markiert" },
  REOPEN: { from: "DISPUTED", to: "DRAFT", label: "wieder geöffnet" },
};

/**
 * One step of DRAFT → ISSUED → CHECKED | DISPUTED → SETTLED (and DISPUTED → DRAFT for a
 * correction). Issuing freezes the month's bookings and stores the figures.
 */
export async function transitionProof(
  { tx, access, audit }: Work,
  input: { proofId: string; transition: Transition; reason?: string | null },
) {
  const proof = await proofFor(tx, access, input.proofId);
  const authorityId = proof.order.authorityId;
  const step = TRANSITIONS[input.transition];
  const user: ViewerUser =
    input.transition === "ISSUE" || input.transition === "REOPEN"
      ? requireOrderManager(access, authorityId)
      : requireController(access, authorityId);
  const reason =
    input.transition === "DISPUTE"
      ? requiredText(input.reason ?? "", "reason", "Der Grund der Beanstandung", 2000)
      : null;
  if (proof.status !== step.from) {
    throw conflict(
      `Ein Leistungsnachweis im Status ${proof.status} kann nicht ${step.label} werden (erwartet: ${step.from}).`,
    );
  }
  const now = new Date();
  const data: Partial<ProofOfService> = { status: step.to };
  if (input.transition === "ISSUE") {
    const figures = (await computeProofFigures(tx, [proof])).get(`${proof.orderId}/${proof.month}`);
    Object.assign(data, { snapshot: JSON.stringify(figures), issuedAt: now, issuedById: user.id });
  } else if (input.transition === "CHECK") {
    Object.assign(data, { checkedAt: now, checkedById: user.id });
  } else if (input.transition === "DISPUTE") {
    Object.assign(data, { checkedAt: now, checkedById: user.id, disputedAt: now, disputeReason: reason });
  } else if (input.transition === "SETTLE") {
    Object.assign(data, { settledAt: now });
  } else {
    Object.assign(data, { snapshot: null, issuedAt: null, issuedById: null });
  }
  const updated = await tx.proofOfService.update({
    where: { id: proof.id },
    data: { ...data, version: { increment: 1 } },
  });
  audit({
    authorityId,
    objectType: "ProofOfService",
    objectId: proof.id,
    action: input.transition,
    changes: { status: [step.from, step.to], ...(reason ? { reason } : {}) },
  });
  return updated;
}
