// Who may do what with meetings, decisions, reviews, action items and procurement requests.
// Reading follows the tenant rule (Access.canSeeAuthority); these are the governance extras.
import { forbidden, notFound } from "../lib/errors.ts";
import type { Access, ViewerUser } from "./index.ts";

/**
 * The Jour-Fixe is run by the provider's service manager and the authority's school-IT
 * officer; they record meetings, agenda, decisions, action items and finalise minutes.
 * ADMIN may stand in.
 */
export function requireMinuteTaker(access: Access, authorityId: string): ViewerUser {
  const user = access.requireUser();
  if (!access.canSeeAuthority(authorityId)) throw notFound("Sitzung");
  if (!access.hasRole("ADMIN", "SERVICE_MANAGER", "SCHOOL_IT_OFFICER")) {
    throw forbidden("Nur Servicemanagement und Schul-IT-Verantwortliche führen das Protokoll.");
  }
  return user;
}

/** Only members of the authority's steering group review its decisions. */
export async function requireReviewer(access: Access, authorityId: string): Promise<ViewerUser> {
  const user = access.requireUser();
  if (!access.canSeeAuthority(authorityId)) throw notFound("Beschluss");
  if (!(await access.steeringAuthorityIds()).has(authorityId)) {
    throw forbidden("Nur Mitglieder der Steuerungsgruppe dieses Schulträgers können Beschlüsse prüfen.");
  }
  return user;
}

/** School contacts see the procurement requests of their own school; everyone else those of visible authorities. */
export function canSeeProcurement(
  access: Access,
  request: { authorityId: string; schoolId: string },
): boolean {
  if (!access.canSeeAuthority(request.authorityId)) return false;
  if (access.isSchoolContactOnly) return access.user?.schoolId === request.schoolId;
  return true;
}

/** Prisma filter for procurement requests the viewer may list. */
export function procurementScope(access: Access): Record<string, unknown> {
  const scope: Record<string, unknown> = access.authorityScope();
  if (access.isSchoolContactOnly) scope.schoolId = access.user?.schoolId ?? "";
  return scope;
}

/** Raised by the authority's school-IT officer for any of its schools, or by a school contact for their own school. */
export function requireProcurementRaiser(
  access: Access,
  school: { id: string; authorityId: string },
): ViewerUser {
  const user = access.requireUser();
  if (!access.canSeeAuthority(school.authorityId)) throw notFound("Schule");
  if (access.hasRole("SCHOOL_IT_OFFICER") && user.authorityId === school.authorityId) return user;
  if (access.hasRole("SCHOOL_CONTACT") && user.schoolId === school.id) return user;
  throw forbidden("Beschaffungsanfragen stellen die Schul-IT-Verantwortlichen oder die Schule selbst.");
}

/** The provider orders and delivers what the Jour-Fixe approved. */
export function requireProcurementSupplier(access: Access, authorityId: string): ViewerUser {
  const user = access.requireUser();
  if (!access.canSeeAuthority(authorityId)) throw notFound("Beschaffungsanfrage");
  if (!access.hasRole("ADMIN", "SERVICE_MANAGER")) {
    throw forbidden("Bestellung und Lieferung meldet der Dienstleister.");
  }
  return user;
}

/** Acceptance (Abnahme) is the authority's IT department: its school-IT officer. */
export function requireAcceptor(access: Access, authorityId: string): ViewerUser {
  const user = access.requireUser();
  if (!access.canSeeAuthority(authorityId)) throw notFound("Beschaffungsanfrage");
  if (!access.hasRole("SCHOOL_IT_OFFICER") || user.authorityId !== authorityId) {
    throw forbidden("Die Abnahme erklärt die IT-Abteilung des Schulträgers.");
  }
  return user;
}
