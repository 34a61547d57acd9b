// Who may change schools and steering groups.
import { forbidden } from "../lib/errors.ts";
import { type Access, type Role, schoolContactOnly, type ViewerUser } from "./index.ts";

/** A school's name and upgrade status are kept by the provider, who runs the upgrade. */
export function requireSchoolKeeper(access: Access): ViewerUser {
  return access.requireRole("ADMIN", "SERVICE_MANAGER");
}

/** Steering groups are composed by their coordinators: the provider's service manager and the authority's school-IT officer. */
export function requireSteeringGroupKeeper(access: Access): ViewerUser {
  return access.requireRole("ADMIN", "SERVICE_MANAGER", "SCHOOL_IT_OFFICER");
}

/**
 * A steering group's members review its decisions and read its steering records and audit
 * trail, so membership is for people of the authority or of the provider serving it who read
 * those records: not a school's contact person.
 */
export function mayHoldSteeringMembership(
  person: { authorityId: string | null; providerId: string | null; roles: readonly Role[] },
  authority: { id: string; providerId: string },
): boolean {
  const tenant = person.authorityId === authority.id || person.providerId === authority.providerId;
  return tenant && person.roles.length > 0 && !schoolContactOnly(person.roles);
}

/**
 * A school handover is proposed by the provider serving the school's authority: its service
 * manager or administrator. The authority's people propose none (FORBIDDEN); another provider's
 * people do not see the school (NOT_FOUND).
 */
export function requireHandoverProposer(access: Access, authorityId: string): ViewerUser {
  access.requireAuthority(authorityId, "Schule");
  if (!access.isProviderPerson)
    throw forbidden("Übergaben schlägt der Dienstleister vor, nicht der Schulträger.");
  return access.requireRole("ADMIN", "SERVICE_MANAGER");
}

/**
 * A handover is confirmed by the client: the authority's school-IT officer or a member of its
 * steering group from the IT department (`itDepartmentMember`, looked up by the caller). The
 * provider never confirms its own proposal.
 */
export function requireHandoverConfirmer(
  access: Access,
  authorityId: string,
  itDepartmentMember: boolean,
): ViewerUser {
  const user = access.requireUser();
  access.requireAuthority(authorityId, "Übergabe");
  if (user.authorityId !== authorityId || !(access.hasRole("SCHOOL_IT_OFFICER") || itDepartmentMember)) {
    throw forbidden(
      "Übergaben bestätigt der Schulträger: die Schul-IT-Verantwortliche oder die IT-Abteilung in der Steuerungsgruppe.",
    );
  }
  return user;
}

/** New school authorities and schools are onboarded by the provider's administrator. */
export function requireOnboarder(access: Access): ViewerUser & { providerId: string } {
  const user = access.requireRole("ADMIN");
  if (!user.providerId)
    throw forbidden("Neue Schulträger und Schulen legt die Administration des Dienstleisters an.");
  return user as ViewerUser & { providerId: string };
}
