// Who may change schools and steering groups.
import type { Access, ViewerUser } from "./index.ts";

/** A school's name and upgrade status are kept by the provider, who runs the upgrade. */
export function requireSchoolKeeper(access: Access): ViewerUser {
  return access.requireRole("ADMIN", "SERVICE_MANAGER");
}

/** Steering groups are composed by their coordinators: the provider's service manager and the authority's school-IT officer. */
export function requireSteeringGroupKeeper(access: Access): ViewerUser {
  return access.requireRole("ADMIN", "SERVICE_MANAGER", "SCHOOL_IT_OFFICER");
}
