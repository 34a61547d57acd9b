// Who may change schools and steering groups.
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
