// The media development plan's lifecycle: the provider's service manager drafts it, the
// authority adopts it by a steering-group decision, a revision (Fortschreibung) opens the next
// version as DRAFT with the open measures carried over and supersedes the old version when it
// is adopted. Adopted and superseded versions are frozen (the database refuses changes too);
// only their measures' progress and the links to what carries them out still move.
import type { Access } from "../../access/index.ts";
import { planScope, requirePlanClient, requirePlanDrafter, requirePlanLinker } from "../../access/plans.ts";
import type { Tx } from "../../db/client.ts";
import type { EquipmentCategory, PlannedMeasureStatus, PlanStatus } from "../../db/generated/client/enums.ts";
import { badInput, conflict, notFound } from "../../lib/errors.ts";
import { fromCents, fromHundredths, germanDecimal, toCents, toHundredths } from "../../lib/units.ts";
import { optionalText, requiredText } from "../../lib/validate.ts";
import type { Work } from "../work.ts";

/** A plan spans a council period, at most ten years. */
export const MAX_PLAN_YEARS = 10;
/** About 80 schools × six categories × a handful of years; a plan beyond this is not a plan. */
export const MAX_MEASURES_PER_PLAN = 2_000;
const MAX_EUROS = 1_000_000_000_00n;
const MAX_PERSON_DAYS = 100_000_00;
const MAX_THRESHOLD_PERCENT = 1_000;

export const CATEGORY_LABEL: Record<EquipmentCategory, string> = {
  NETWORK: "Netzwerk",
  SERVER: "Server",
  SERVICES: "Dienste",
  PRESENTATION: "Präsentationstechnik",
  DEVICES: "Endgeräte",
  TRAINING: "Qualifizierung",
};

export const PLAN_STATUS_LABEL: Record<PlanStatus, string> = {
  DRAFT: "Entwurf",
  ADOPTED: "beschlossen",
  SUPERSEDED: "abgelöst",
};

export const MEASURE_STATUS_LABEL: Record<PlannedMeasureStatus, string> = {
  PLANNED: "geplant",
  IN_PROGRESS: "in Umsetzung",
  DONE: "umgesetzt",
  DROPPED: "entfallen",
};

/** The service line of the annual order that carries a category's person-days, unless the measure names one. */
export function defaultServiceLine(category: EquipmentCategory): string {
  return category === "TRAINING" ? "Beratung" : "Ertüchtigung";
}

type Plan = NonNullable<Awaited<ReturnType<Tx["mediaDevelopmentPlan"]["findUnique"]>>>;

async function planFor(tx: Tx, access: Access, planId: string): Promise<Plan> {
  const plan = await tx.mediaDevelopmentPlan.findUnique({ where: { id: planId } });
  if (!plan || !planScope(access, plan.authorityId)) throw notFound("Medienentwicklungsplan");
  return plan;
}

const named = (plan: Pick<Plan, "title" | "version">) => `„${plan.title}“ (Version ${plan.version})`;

function requireNotSuperseded(plan: Plan): void {
  if (plan.status === "SUPERSEDED") {
    throw conflict(
      `Der Medienentwicklungsplan ${named(plan)} ist durch eine Fortschreibung abgelöst und unveränderlich.`,
    );
  }
}

function requireDraft(plan: Plan): void {
  requireNotSuperseded(plan);
  if (plan.status === "ADOPTED") {
    throw conflict(
      `Der Medienentwicklungsplan ${named(plan)} ist beschlossen und damit eingefroren; Änderungen gehen über eine Fortschreibung.`,
    );
  }
}

function year(value: number, field: string, label: string): number {
  if (!Number.isInteger(value) || value < 2000 || value > 2100) {
    throw badInput(field, `${label} liegt zwischen 2000 und 2100.`);
  }
  return value;
}

function period(start: number, end: number): { periodStart: number; periodEnd: number } {
  year(start, "periodStart", "Das erste Planjahr");
  year(end, "periodEnd", "Das letzte Planjahr");
  if (end < start) throw badInput("periodEnd", "Der Planzeitraum endet vor seinem Beginn.");
  if (end - start + 1 > MAX_PLAN_YEARS) {
    throw badInput("periodEnd", `Ein Medienentwicklungsplan umfasst höchstens ${MAX_PLAN_YEARS} Jahre.`);
  }
  return { periodStart: start, periodEnd: end };
}

function euros(value: string, field: string): bigint {
  const cents = toCents(value.trim(), field);
  if (cents < 0n) throw badInput(field, "Die Investition kann nicht negativ sein.");
  if (cents > MAX_EUROS) throw badInput(field, "Die Investition einer Maßnahme liegt unter 1.000.000.000 €.");
  return cents;
}

function personDays(value: string, field: string): number {
  const hundredths = toHundredths(value.trim(), field);
  if (hundredths < 0) throw badInput(field, "Die Personentage können nicht negativ sein.");
  if (hundredths > MAX_PERSON_DAYS)
    throw badInput(field, "Eine Maßnahme umfasst höchstens 100.000 Personentage.");
  return hundredths;
}

function inPeriod(plan: Pick<Plan, "periodStart" | "periodEnd">, value: number, field = "year"): number {
  year(value, field, "Das Jahr");
  if (value < plan.periodStart || value > plan.periodEnd) {
    throw badInput(
      field,
      `Das Jahr ${value} liegt außerhalb des Planzeitraums ${plan.periodStart}–${plan.periodEnd}.`,
    );
  }
  return value;
}

async function schoolOf(tx: Tx, plan: Plan, schoolId: string) {
  const school = await tx.school.findUnique({
    where: { id: schoolId },
    select: { id: true, authorityId: true, name: true },
  });
  if (!school || school.authorityId !== plan.authorityId) {
    throw badInput("schoolId", "Diese Schule gehört nicht zum Schulträger des Plans.");
  }
  return school;
}

async function openDraftOf(tx: Tx, authorityId: string) {
  return tx.mediaDevelopmentPlan.findFirst({
    where: { authorityId, status: "DRAFT" },
    select: { title: true, version: true },
  });
}

export interface CreatePlanInput {
  authorityId: string;
  title: string;
  periodStart: number;
  periodEnd: number;
}

export async function createMediaDevelopmentPlan({ tx, access, audit }: Work, input: CreatePlanInput) {
  const user = requirePlanDrafter(access, input.authorityId);
  const title = requiredText(input.title, "title", "Der Titel");
  const span = period(input.periodStart, input.periodEnd);
  const draft = await openDraftOf(tx, input.authorityId);
  if (draft) {
    throw conflict(
      `Es gibt bereits den Entwurf ${named(draft)}; ein Schulträger hat höchstens einen Planentwurf zugleich.`,
    );
  }
  const plan = await tx.mediaDevelopmentPlan.create({
    data: { authorityId: input.authorityId, title, ...span, createdById: user.id },
  });
  audit({
    authorityId: plan.authorityId,
    objectType: "MediaDevelopmentPlan",
    objectId: plan.id,
    action: "CREATE",
    changes: { title, ...span, version: 1 },
  });
  return plan;
}

export interface UpdatePlanInput {
  planId: string;
  title?: string | null;
  periodStart?: number | null;
  periodEnd?: number | null;
}

export async function updateMediaDevelopmentPlan({ tx, access, audit }: Work, input: UpdatePlanInput) {
  const plan = await planFor(tx, access, input.planId);
  requirePlanDrafter(access, plan.authorityId);
  requireDraft(plan);
  const title = input.title == null ? plan.title : requiredText(input.title, "title", "Der Titel");
  const span = period(input.periodStart ?? plan.periodStart, input.periodEnd ?? plan.periodEnd);
  const outside = await tx.plannedMeasure.count({
    where: { planId: plan.id, OR: [{ year: { lt: span.periodStart } }, { year: { gt: span.periodEnd } }] },
  });
  if (outside > 0) {
    throw badInput(
      input.periodStart != null && input.periodStart !== plan.periodStart ? "periodStart" : "periodEnd",
      `${outside} Maßnahme(n) liegen außerhalb von ${span.periodStart}–${span.periodEnd}; verschieben oder entfernen Sie sie zuerst.`,
    );
  }
  const changes: Record<string, [unknown, unknown]> = {};
  if (title !== plan.title) changes.title = [plan.title, title];
  if (span.periodStart !== plan.periodStart) changes.periodStart = [plan.periodStart, span.periodStart];
  if (span.periodEnd !== plan.periodEnd) changes.periodEnd = [plan.periodEnd, span.periodEnd];
  if (Object.keys(changes).length === 0) return plan;
  const updated = await tx.mediaDevelopmentPlan.update({ where: { id: plan.id }, data: { title, ...span } });
  audit({
    authorityId: plan.authorityId,
    objectType: "MediaDevelopmentPlan",
    objectId: plan.id,
    action: "UPDATE",
    changes,
  });
  return updated;
}

export interface AddMeasureInput {
  planId: string;
  schoolId: string;
  category: EquipmentCategory;
  title: string;
  year: number;
  investmentEuros: string;
  personDays: string;
  serviceLine?: string | null;
}

export async function addPlannedMeasure({ tx, access, audit }: Work, input: AddMeasureInput) {
  const plan = await planFor(tx, access, input.planId);
  requirePlanDrafter(access, plan.authorityId);
  requireDraft(plan);
  const school = await schoolOf(tx, plan, input.schoolId);
  const data = {
    planId: plan.id,
    schoolId: school.id,
    category: input.category,
    title: requiredText(input.title, "title", "Der Titel der Maßnahme"),
    year: inPeriod(plan, input.year),
    investmentCents: euros(input.investmentEuros, "investmentEuros"),
    personDays: personDays(input.personDays, "personDays"),
    serviceLine: requiredText(
      input.serviceLine ?? defaultServiceLine(input.category),
      "serviceLine",
      "Die Leistungsart",
      100,
    ),
  };
  if ((await tx.plannedMeasure.count({ where: { planId: plan.id } })) >= MAX_MEASURES_PER_PLAN) {
    throw badInput(
      "planId",
      `Ein Medienentwicklungsplan fasst höchstens ${MAX_MEASURES_PER_PLAN.toLocaleString("de-DE")} Maßnahmen.`,
    );
  }
  const measure = await tx.plannedMeasure.create({ data });
  audit({
    authorityId: plan.authorityId,
    objectType: "PlannedMeasure",
    objectId: measure.id,
    action: "CREATE",
    changes: {
      plan: named(plan),
      school: school.name,
      category: data.category,
      title: data.title,
      year: data.year,
      investmentEuros: fromCents(data.investmentCents),
      personDays: fromHundredths(data.personDays),
      serviceLine: data.serviceLine,
    },
  });
  return measure;
}

export interface UpdateMeasureInput {
  plannedMeasureId: string;
  schoolId?: string | null;
  category?: EquipmentCategory | null;
  title?: string | null;
  year?: number | null;
  investmentEuros?: string | null;
  personDays?: string | null;
  serviceLine?: string | null;
  status?: PlannedMeasureStatus | null;
}

async function measureFor(tx: Tx, access: Access, plannedMeasureId: string) {
  const measure = await tx.plannedMeasure.findUnique({
    where: { id: plannedMeasureId },
    include: { plan: true, school: { select: { name: true } } },
  });
  if (!measure) throw notFound("Geplante Maßnahme");
  const scope = planScope(access, measure.plan.authorityId);
  if (!scope || (!scope.all && scope.schoolId !== measure.schoolId)) throw notFound("Geplante Maßnahme");
  return measure;
}

/**
 * While DRAFT every field changes; in an adopted version only the status (the measure's
 * progress), by the provider's service manager or the authority's school-IT officer.
 */
export async function updatePlannedMeasure({ tx, access, audit }: Work, input: UpdateMeasureInput) {
  const measure = await measureFor(tx, access, input.plannedMeasureId);
  const { plan } = measure;
  const content: Record<string, unknown> = {};
  const changes: Record<string, [unknown, unknown]> = {};
  const contentChange =
    input.schoolId != null ||
    input.category != null ||
    input.title != null ||
    input.year != null ||
    input.investmentEuros != null ||
    input.personDays != null ||
    input.serviceLine != null;
  if (contentChange) {
    requirePlanDrafter(access, plan.authorityId);
    requireDraft(plan);
    if (input.schoolId != null && input.schoolId !== measure.schoolId) {
      const school = await schoolOf(tx, plan, input.schoolId);
      content.schoolId = school.id;
      changes.school = [measure.school.name, school.name];
    }
    const set = <T>(field: string, before: T, after: T, shown: (v: T) => unknown = (v) => v) => {
      if (after === before) return;
      content[field] = after;
      changes[field] = [shown(before), shown(after)];
    };
    if (input.category != null) set("category", measure.category, input.category);
    if (input.title != null)
      set("title", measure.title, requiredText(input.title, "title", "Der Titel der Maßnahme"));
    if (input.year != null) set("year", measure.year, inPeriod(plan, input.year));
    if (input.investmentEuros != null) {
      set(
        "investmentCents",
        measure.investmentCents,
        euros(input.investmentEuros, "investmentEuros"),
        fromCents,
      );
    }
    if (input.personDays != null) {
      set("personDays", measure.personDays, personDays(input.personDays, "personDays"), fromHundredths);
    }
    if (input.serviceLine != null) {
      set(
        "serviceLine",
        measure.serviceLine,
        requiredText(input.serviceLine, "serviceLine", "Die Leistungsart", 100),
      );
    }
  } else if (input.status != null) {
    requirePlanLinker(access, plan.authorityId);
    requireNotSuperseded(plan);
  } else {
    requirePlanLinker(access, plan.authorityId);
  }
  if (input.status != null && input.status !== measure.status) {
    content.status = input.status;
    changes.status = [measure.status, input.status];
  }
  if (Object.keys(changes).length === 0) return measure;
  const updated = await tx.plannedMeasure.update({ where: { id: measure.id }, data: content });
  audit({
    authorityId: plan.authorityId,
    objectType: "PlannedMeasure",
    objectId: measure.id,
    action: "UPDATE",
    changes: { ...changes, plan: named(plan), title: changes.title ?? measure.title },
  });
  return updated;
}

export async function removePlannedMeasure({ tx, access, audit }: Work, input: { plannedMeasureId: string }) {
  const measure = await measureFor(tx, access, input.plannedMeasureId);
  const { plan } = measure;
  requirePlanDrafter(access, plan.authorityId);
  requireDraft(plan);
  await tx.plannedMeasureLink.deleteMany({ where: { plannedMeasureId: measure.id } });
  await tx.plannedMeasure.delete({ where: { id: measure.id } });
  audit({
    authorityId: plan.authorityId,
    objectType: "PlannedMeasure",
    objectId: measure.id,
    action: "DELETE",
    changes: {
      plan: named(plan),
      school: measure.school.name,
      category: measure.category,
      title: measure.title,
      year: measure.year,
      investmentEuros: fromCents(measure.investmentCents),
      personDays: fromHundredths(measure.personDays),
    },
  });
  return true;
}

export interface SetTargetInput {
  planId: string;
  schoolId: string;
  category: EquipmentCategory;
  /** The target equipment in words; empty removes it. */
  description?: string | null;
}

export async function setPlanTarget({ tx, access, audit }: Work, input: SetTargetInput) {
  const plan = await planFor(tx, access, input.planId);
  requirePlanDrafter(access, plan.authorityId);
  requireDraft(plan);
  const school = await schoolOf(tx, plan, input.schoolId);
  const description = optionalText(input.description, "description", "Die Zielausstattung", 2000);
  const key = { planId: plan.id, schoolId: school.id, category: input.category };
  const before = await tx.planTarget.findUnique({ where: { planId_schoolId_category: key } });
  if ((before?.description ?? null) === description) return before;
  let target = null;
  if (description) {
    target = await tx.planTarget.upsert({
      where: { planId_schoolId_category: key },
      create: { ...key, description },
      update: { description },
    });
  } else {
    await tx.planTarget.delete({ where: { planId_schoolId_category: key } });
  }
  audit({
    authorityId: plan.authorityId,
    objectType: "MediaDevelopmentPlan",
    objectId: plan.id,
    action: "SET_TARGET",
    changes: {
      school: school.name,
      category: input.category,
      description: [before?.description ?? null, description],
    },
  });
  return target;
}

/**
 * Adoption by a steering-group decision the group took (APPROVED, in a STEERING_GROUP meeting of
 * the same authority). The version it revises is superseded in the same transaction.
 */
export async function adoptMediaDevelopmentPlan(
  { tx, access, audit }: Work,
  input: { planId: string; decisionId: string },
) {
  const plan = await planFor(tx, access, input.planId);
  const user = await requirePlanClient(access, tx, plan.authorityId, "adopt");
  if (plan.status !== "DRAFT") {
    throw conflict(
      plan.status === "ADOPTED"
        ? `Der Medienentwicklungsplan ${named(plan)} ist bereits beschlossen.`
        : `Der Medienentwicklungsplan ${named(plan)} ist abgelöst; beschlossen wird seine Fortschreibung.`,
    );
  }
  const decision = await tx.decision.findUnique({
    where: { id: input.decisionId },
    select: {
      id: true,
      authorityId: true,
      status: true,
      title: true,
      decidedOn: true,
      meeting: { select: { kind: true } },
    },
  });
  if (!decision || decision.authorityId !== plan.authorityId) {
    throw badInput("decisionId", "Dieser Beschluss ist kein Beschluss dieses Schulträgers.");
  }
  if (decision.meeting.kind !== "STEERING_GROUP") {
    throw badInput(
      "decisionId",
      "Den Medienentwicklungsplan beschließt die Steuerungsgruppe, nicht der Jour-Fixe.",
    );
  }
  if (decision.status !== "APPROVED") {
    throw badInput(
      "decisionId",
      "Beschlossen wird auf Grundlage eines gefassten Beschlusses der Steuerungsgruppe.",
    );
  }
  if ((await tx.plannedMeasure.count({ where: { planId: plan.id } })) === 0) {
    throw conflict("Ein Plan ohne Maßnahmen kann nicht beschlossen werden.");
  }
  const overlapping = await tx.mediaDevelopmentPlan.findFirst({
    where: {
      authorityId: plan.authorityId,
      status: "ADOPTED",
      id: { not: plan.predecessorId ?? undefined },
      periodStart: { lte: plan.periodEnd },
      periodEnd: { gte: plan.periodStart },
    },
    select: { title: true, version: true, periodStart: true, periodEnd: true },
  });
  if (overlapping) {
    throw conflict(
      `Für ${overlapping.periodStart}–${overlapping.periodEnd} gilt bereits der beschlossene Plan ${named(overlapping)}; schreiben Sie ihn fort.`,
    );
  }
  const adoptedAt = new Date();
  const { count } = await tx.mediaDevelopmentPlan.updateMany({
    where: { id: plan.id, status: "DRAFT" },
    data: { status: "ADOPTED", adoptedAt, adoptedDecisionId: decision.id, adoptedById: user.id },
  });
  if (count !== 1) throw conflict(`Der Medienentwicklungsplan ${named(plan)} ist bereits beschlossen.`);
  audit({
    authorityId: plan.authorityId,
    objectType: "MediaDevelopmentPlan",
    objectId: plan.id,
    action: "ADOPT",
    changes: { status: ["DRAFT", "ADOPTED"], decisionId: decision.id, decision: decision.title },
  });
  if (plan.predecessorId) {
    const superseded = await tx.mediaDevelopmentPlan.updateMany({
      where: { id: plan.predecessorId, status: "ADOPTED" },
      data: { status: "SUPERSEDED" },
    });
    if (superseded.count === 1) {
      audit({
        authorityId: plan.authorityId,
        objectType: "MediaDevelopmentPlan",
        objectId: plan.predecessorId,
        action: "SUPERSEDE",
        changes: { status: ["ADOPTED", "SUPERSEDED"], successor: named(plan) },
      });
    }
  }
  return tx.mediaDevelopmentPlan.findUniqueOrThrow({ where: { id: plan.id } });
}

export interface RevisePlanInput {
  planId: string;
  title?: string | null;
  periodStart?: number | null;
  periodEnd?: number | null;
}

/**
 * Fortschreibung: the next version as DRAFT, with the adopted version's targets and its open
 * measures (PLANNED, IN_PROGRESS) and their links carried over. A measure planned before the new
 * period moves to its first year and remembers the year it had.
 */
export async function reviseMediaDevelopmentPlan({ tx, access, audit }: Work, input: RevisePlanInput) {
  const plan = await planFor(tx, access, input.planId);
  const user = requirePlanDrafter(access, plan.authorityId);
  if (plan.status === "DRAFT") {
    throw conflict(
      `Der Medienentwicklungsplan ${named(plan)} ist ein Entwurf; er wird bearbeitet, nicht fortgeschrieben.`,
    );
  }
  if (plan.status === "SUPERSEDED") {
    throw conflict(
      `Der Medienentwicklungsplan ${named(plan)} ist bereits abgelöst; fortgeschrieben wird die beschlossene Version.`,
    );
  }
  const draft = await openDraftOf(tx, plan.authorityId);
  if (draft) {
    throw conflict(
      `Es gibt bereits den Entwurf ${named(draft)}; ein Schulträger hat höchstens einen Planentwurf zugleich.`,
    );
  }
  const title = input.title == null ? plan.title : requiredText(input.title, "title", "Der Titel");
  const span = period(input.periodStart ?? plan.periodStart, input.periodEnd ?? plan.periodEnd);
  const open = await tx.plannedMeasure.findMany({
    where: { planId: plan.id, status: { in: ["PLANNED", "IN_PROGRESS"] } },
    include: { links: { select: { serviceMeasureId: true, procurementRequestId: true } } },
    orderBy: [{ year: "asc" }, { createdAt: "asc" }],
  });
  const late = open.filter((m) => m.year > span.periodEnd);
  if (late.length > 0) {
    throw badInput(
      "periodEnd",
      `${late.length} offene Maßnahme(n) sind für nach ${span.periodEnd} geplant; der fortgeschriebene Plan muss sie umfassen.`,
    );
  }
  const next = await tx.mediaDevelopmentPlan.create({
    data: {
      authorityId: plan.authorityId,
      title,
      ...span,
      version: plan.version + 1,
      predecessorId: plan.id,
      createdById: user.id,
    },
  });
  const targets = await tx.planTarget.findMany({ where: { planId: plan.id } });
  if (targets.length > 0) {
    await tx.planTarget.createMany({
      data: targets.map((t) => ({
        planId: next.id,
        schoolId: t.schoolId,
        category: t.category,
        description: t.description,
      })),
    });
  }
  for (const m of open) {
    const moved = m.year < span.periodStart;
    await tx.plannedMeasure.create({
      data: {
        planId: next.id,
        schoolId: m.schoolId,
        category: m.category,
        title: m.title,
        year: moved ? span.periodStart : m.year,
        carriedFromYear: moved ? m.year : m.carriedFromYear,
        investmentCents: m.investmentCents,
        personDays: m.personDays,
        serviceLine: m.serviceLine,
        status: m.status,
        links: {
          create: m.links.map((l) => ({
            serviceMeasureId: l.serviceMeasureId,
            procurementRequestId: l.procurementRequestId,
            createdById: user.id,
          })),
        },
      },
    });
  }
  audit({
    authorityId: plan.authorityId,
    objectType: "MediaDevelopmentPlan",
    objectId: next.id,
    action: "REVISE",
    changes: {
      predecessor: named(plan),
      version: next.version,
      title,
      ...span,
      carriedOverMeasures: open.length,
      movedToFirstYear: open.filter((m) => m.year < span.periodStart).length,
    },
  });
  return next;
}

export interface LinkInput {
  plannedMeasureId: string;
  serviceMeasureId?: string | null;
  procurementRequestId?: string | null;
}

async function linkTarget(tx: Tx, measure: Awaited<ReturnType<typeof measureFor>>, input: LinkInput) {
  if ((input.serviceMeasureId == null) === (input.procurementRequestId == null)) {
    throw badInput(
      "serviceMeasureId",
      "Verknüpft wird genau eine Service-Maßnahme oder eine Beschaffungsanfrage.",
    );
  }
  const field = input.serviceMeasureId ? "serviceMeasureId" : "procurementRequestId";
  const target = input.serviceMeasureId
    ? await tx.serviceMeasure.findUnique({
        where: { id: input.serviceMeasureId },
        select: { authorityId: true, schoolId: true, title: true },
      })
    : await tx.procurementRequest.findUnique({
        where: { id: input.procurementRequestId as string },
        select: { authorityId: true, schoolId: true, title: true },
      });
  const what = input.serviceMeasureId ? "Diese Service-Maßnahme" : "Diese Beschaffungsanfrage";
  if (!target || target.authorityId !== measure.plan.authorityId) {
    throw badInput(field, `${what} gehört nicht zum Schulträger des Plans.`);
  }
  if (target.schoolId !== measure.schoolId) {
    throw badInput(
      field,
      `${what} betrifft eine andere Schule als die geplante Maßnahme (${measure.school.name}).`,
    );
  }
  return { field, title: target.title };
}

/** The link's own column, for finding it. */
const linkedBy = (input: LinkInput) =>
  input.serviceMeasureId
    ? { serviceMeasureId: input.serviceMeasureId }
    : { procurementRequestId: input.procurementRequestId as string };

/** What carries out a planned measure; one service measure or request counts once per plan version. */
export async function linkPlannedMeasure({ tx, access, audit }: Work, input: LinkInput) {
  const measure = await measureFor(tx, access, input.plannedMeasureId);
  const user = requirePlanLinker(access, measure.plan.authorityId);
  requireNotSuperseded(measure.plan);
  const { field, title } = await linkTarget(tx, measure, input);
  const already = await tx.plannedMeasureLink.findFirst({
    where: {
      plannedMeasure: { planId: measure.planId },
      ...linkedBy(input),
    },
    select: { plannedMeasure: { select: { id: true, title: true } } },
  });
  if (already) {
    throw conflict(
      already.plannedMeasure.id === measure.id
        ? `„${title}“ ist mit dieser Maßnahme bereits verknüpft.`
        : `„${title}“ ist bereits mit der Maßnahme „${already.plannedMeasure.title}“ dieses Plans verknüpft; sie zählt nur einmal.`,
    );
  }
  await tx.plannedMeasureLink.create({
    data: {
      plannedMeasureId: measure.id,
      serviceMeasureId: input.serviceMeasureId ?? null,
      procurementRequestId: input.procurementRequestId ?? null,
      createdById: user.id,
    },
  });
  audit({
    authorityId: measure.plan.authorityId,
    objectType: "PlannedMeasure",
    objectId: measure.id,
    action: "LINK",
    changes: { [field]: input.serviceMeasureId ?? input.procurementRequestId, title, measure: measure.title },
  });
  return measure;
}

export async function unlinkPlannedMeasure({ tx, access, audit }: Work, input: LinkInput) {
  const measure = await measureFor(tx, access, input.plannedMeasureId);
  requirePlanLinker(access, measure.plan.authorityId);
  requireNotSuperseded(measure.plan);
  const { field, title } = await linkTarget(tx, measure, input);
  const { count } = await tx.plannedMeasureLink.deleteMany({
    where: {
      plannedMeasureId: measure.id,
      ...linkedBy(input),
    },
  });
  if (count === 0) throw conflict(`„${title}“ ist mit dieser Maßnahme nicht verknüpft.`);
  audit({
    authorityId: measure.plan.authorityId,
    objectType: "PlannedMeasure",
    objectId: measure.id,
    action: "UNLINK",
    changes: { [field]: input.serviceMeasureId ?? input.procurementRequestId, title, measure: measure.title },
  });
  return measure;
}

export async function setMediaPlanVarianceThreshold(
  { tx, access, audit }: Work,
  input: { authorityId: string; percent: number },
) {
  await requirePlanClient(access, tx, input.authorityId, "threshold");
  if (!Number.isInteger(input.percent) || input.percent < 0 || input.percent > MAX_THRESHOLD_PERCENT) {
    throw badInput(
      "percent",
      `Die Schwelle liegt zwischen 0 und ${germanDecimal(String(MAX_THRESHOLD_PERCENT))} Prozent.`,
    );
  }
  const authority = await tx.schoolAuthority.findUniqueOrThrow({ where: { id: input.authorityId } });
  if (authority.mediaPlanVarianceThreshold === input.percent) return authority;
  const updated = await tx.schoolAuthority.update({
    where: { id: authority.id },
    data: { mediaPlanVarianceThreshold: input.percent },
  });
  audit({
    authorityId: authority.id,
    objectType: "SchoolAuthority",
    objectId: authority.id,
    action: "SET_PLAN_VARIANCE_THRESHOLD",
    changes: { mediaPlanVarianceThreshold: [authority.mediaPlanVarianceThreshold, input.percent] },
  });
  return updated;
}
