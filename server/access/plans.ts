// Who may see and do what with media development plans (Medienentwicklungspläne).
// Tenant first: a foreign authority's plan answers NOT_FOUND. The provider's service manager
// drafts (the administrator may stand in); the authority adopts as client, through the
// controller or the IT-department coordinator of its steering group, never the provider.
// School contacts read their own school's part of a plan and nothing of the others.
import type { Role } from "../db/generated/client/enums.ts";
import { forbidden, notFound } from "../lib/errors.ts";
import { type ClientDb, isClient } from "./controlling.ts";
import type { Access, ViewerUser } from "./index.ts";

const DRAFTERS: Role[] = ["ADMIN", "SERVICE_MANAGER"];
/** Linking what carries out a measure: the provider's service manager or the authority's school-IT officer. */
const LINKERS: Role[] = ["ADMIN", "SERVICE_MANAGER", "SCHOOL_IT_OFFICER"];

/** The part of an authority's plans the viewer reads: all of it, one school's, or nothing. */
export type PlanScope = { all: true } | { all: false; schoolId: string } | null;

export function planScope(access: Access, authorityId: string): PlanScope {
  if (!access.canSeeAuthority(authorityId)) return null;
  if (!access.isSchoolContactOnly) return { all: true };
  const schoolId = access.user?.schoolId;
  return schoolId ? { all: false, schoolId } : null;
}

export function requirePlanReader(access: Access, authorityId: string): Exclude<PlanScope, null> {
  access.requireUser();
  const scope = planScope(access, authorityId);
  if (!scope) throw notFound("Medienentwicklungsplan");
  return scope;
}

function requireRole(access: Access, authorityId: string, roles: Role[], message: string): ViewerUser {
  const user = access.requireUser();
  if (!planScope(access, authorityId)) throw notFound("Medienentwicklungsplan");
  if (!access.hasRole(...roles)) throw forbidden(message);
  return user;
}

/** Drafting and revising: the provider drafts the authority's plan (seed 002: "regelmäßig erstellt"). */
export function requirePlanDrafter(access: Access, authorityId: string): ViewerUser {
  return requireRole(
    access,
    authorityId,
    DRAFTERS,
    "Den Medienentwicklungsplan entwirft das Servicemanagement des Dienstleisters.",
  );
}

export function canDraftPlan(access: Access, authorityId: string): boolean {
  return planScope(access, authorityId) !== null && access.hasRole(...DRAFTERS);
}

export function requirePlanLinker(access: Access, authorityId: string): ViewerUser {
  return requireRole(
    access,
    authorityId,
    LINKERS,
    "Umsetzungen verknüpfen das Servicemanagement des Dienstleisters oder die Schul-IT-Verantwortlichen.",
  );
}

/** Adoption by a steering-group decision and the variance threshold: the authority as client. */
export async function requirePlanClient(
  access: Access,
  db: ClientDb,
  authorityId: string,
  what: "adopt" | "threshold",
): Promise<ViewerUser> {
  const user = access.requireUser();
  if (!planScope(access, authorityId)) throw notFound("Medienentwicklungsplan");
  if (await isClient(access, db, authorityId, user)) return user;
  if (access.isProviderPerson) {
    throw forbidden(
      what === "adopt"
        ? "Den Medienentwicklungsplan beschließt der Schulträger, nicht der Dienstleister."
        : "Die Schwelle für Abweichungen legt der Schulträger fest.",
    );
  }
  throw forbidden(
    what === "adopt"
      ? "Den Plan übernimmt das Controlling oder die koordinierende IT-Abteilung der Steuerungsgruppe des Schulträgers."
      : "Die Schwelle für Abweichungen legt das Controlling oder die koordinierende IT-Abteilung der Steuerungsgruppe fest.",
  );
}

export async function canAdoptPlan(access: Access, db: ClientDb, authorityId: string): Promise<boolean> {
  const user = access.user;
  return user !== null && planScope(access, authorityId) !== null && isClient(access, db, authorityId, user);
}
