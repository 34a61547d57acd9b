// Who may see the provider-wide view: the provider's service manager and administrator, over
// the authorities their own provider serves (Access.visibleAuthorityIds) and no one else's.
import { forbidden } from "../lib/errors.ts";
import type { Access, Role, ViewerUser } from "./index.ts";

const OVERVIEW_READERS: Role[] = ["ADMIN", "SERVICE_MANAGER"];

export function canReadProviderOverview(access: Access): boolean {
  return access.isProviderPerson && access.hasRole(...OVERVIEW_READERS);
}

/** The caller, who works for a provider as its service manager or administrator. */
export function requireProviderOverviewReader(access: Access): ViewerUser {
  const user = access.requireUser();
  if (!canReadProviderOverview(access)) {
    throw forbidden(
      "Die Dienstleister-Übersicht sehen nur das Servicemanagement und die Administration des Dienstleisters.",
    );
  }
  return user;
}
