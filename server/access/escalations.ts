// Who may see and act on escalations, satisfaction and service measures.
import { forbidden, notFound } from "../lib/errors.ts";
import type { Access } from "./index.ts";

interface SchoolScoped {
  authorityId: string;
  schoolId: string;
}

/** A school contact sees their own school's cases (escalations, measures) only; everyone else who sees the authority sees all of them. */
export function canSeeEscalation(access: Access, escalation: SchoolScoped): boolean {
  if (!access.canSeeAuthority(escalation.authorityId)) return false;
  if (access.isSchoolContactOnly) {
    return access.user?.schoolId === escalation.schoolId;
  }
  return true;
}

export function requireEscalation<T extends SchoolScoped>(access: Access, escalation: T | null): T {
  access.requireUser();
  if (!escalation || !canSeeEscalation(access, escalation)) throw notFound("Eskalation");
  return escalation;
}

/** Raised by a school contact for their own school, or by the authority's school-IT officer. */
export function requireRaise(access: Access, school: SchoolScoped): void {
  access.requireUser();
  if (!access.canSeeAuthority(school.authorityId)) throw notFound("Schule");
  if (access.hasRole("SCHOOL_IT_OFFICER")) return;
  if (access.hasRole("SCHOOL_CONTACT") && access.user?.schoolId === school.schoolId) return;
  throw forbidden("Eskalationen erheben Schulkontakte für ihre Schule oder die Schul-IT-Verantwortlichen.");
}

/** The school-IT officer examines escalations. */
export function requireReview(access: Access): void {
  access.requireRole("SCHOOL_IT_OFFICER");
}

/** Scheduling and resolving happen in the Jour-Fixe, run by the officer and the provider's service manager. */
export function requireSettle(access: Access): void {
  access.requireRole("SCHOOL_IT_OFFICER", "SERVICE_MANAGER");
}

/** Satisfaction is the school's word: its contact, or the officer recording it for the school. */
export function requireRate(access: Access, school: SchoolScoped): void {
  access.requireUser();
  if (!access.canSeeAuthority(school.authorityId)) throw notFound("Schule");
  if (access.hasRole("SCHOOL_IT_OFFICER")) return;
  if (access.hasRole("SCHOOL_CONTACT") && access.user?.schoolId === school.schoolId) return;
  throw forbidden("Zufriedenheit erfassen Schulkontakte für ihre Schule oder die Schul-IT-Verantwortlichen.");
}

/** Targets are the authority's to set. */
export function requireSetTargets(access: Access, authorityId: string): void {
  access.requireRole("SCHOOL_IT_OFFICER", "ADMIN");
  access.requireAuthority(authorityId, "Schulträger");
}

/** Measures are delivered and reported by the provider's people. */
export function requireDeliver(access: Access, authorityId: string): void {
  access.requireRole("ADMIN", "SERVICE_MANAGER", "PROVIDER_STAFF");
  access.requireAuthority(authorityId, "Schulträger");
}

/** Acceptance (Abnahme) is recorded by the authority's IT department. */
export function requireAccept(access: Access, authorityId: string): void {
  access.requireRole("SCHOOL_IT_OFFICER");
  access.requireAuthority(authorityId, "Schulträger");
}

/** Quality figures: everyone of the authority and its provider except school contacts. */
export function requireQualityFigures(access: Access, authorityId: string): void {
  access.requireAuthority(authorityId, "Schulträger");
  if (access.isSchoolContactOnly) throw forbidden();
}

/** Prisma filter for escalation lists: the tenant rule plus the school contact's own school. */
export function escalationScope(access: Access): object {
  const scope: Record<string, unknown> = access.authorityScope();
  if (access.isSchoolContactOnly) scope.schoolId = access.user?.schoolId ?? "";
  return scope;
}
