// Who may see and do what with service orders, the ledger, alerts and proofs of service.
// The tenant rule (Access.canSeeAuthority) comes first everywhere: a foreign authority's
// order answers NOT_FOUND; a visible one without the role answers FORBIDDEN.
import type { Role } from "../db/generated/client/enums.ts";
import { forbidden, notFound } from "../lib/errors.ts";
import type { Access, ViewerUser } from "./index.ts";

/** Read an order with its figures, burn-down, forecast and ledger. School contacts see nothing of controlling. */
const ORDER_READERS: Role[] = ["ADMIN", "SERVICE_MANAGER", "PROVIDER_STAFF", "CONTROLLER", "STEERING_MEMBER"];
/** Proofs of service, invoices and ledger exports: the money side. */
const INVOICE_READERS: Role[] = ["ADMIN", "SERVICE_MANAGER", "PROVIDER_STAFF", "CONTROLLER"];
/** Alerts go to the authority's controllers and the provider's service manager. */
const ALERT_READERS: Role[] = ["ADMIN", "SERVICE_MANAGER", "CONTROLLER"];
const BOOKERS: Role[] = ["ADMIN", "SERVICE_MANAGER", "PROVIDER_STAFF"];
const ORDER_MANAGERS: Role[] = ["ADMIN", "SERVICE_MANAGER"];

/** The role half of the rules, for lists under an authority the viewer already sees. */
export const readsOrders = (access: Access) => access.hasRole(...ORDER_READERS);
export const readsInvoices = (access: Access) => access.hasRole(...INVOICE_READERS);
export const readsAlerts = (access: Access) => access.hasRole(...ALERT_READERS);

export function canReadOrders(access: Access, authorityId: string): boolean {
  return access.canSeeAuthority(authorityId) && readsOrders(access);
}

export function canReadInvoices(access: Access, authorityId: string): boolean {
  return access.canSeeAuthority(authorityId) && readsInvoices(access);
}

export function canReadAlerts(access: Access, authorityId: string): boolean {
  return access.canSeeAuthority(authorityId) && readsAlerts(access);
}

function require(access: Access, authorityId: string, roles: Role[], message: string): ViewerUser {
  const user = access.requireUser();
  if (!access.canSeeAuthority(authorityId)) throw notFound("Serviceschein");
  if (!access.hasRole(...roles)) throw forbidden(message);
  return user;
}

export function requireOrderReader(access: Access, authorityId: string): ViewerUser {
  return require(access, authorityId, ORDER_READERS, "Sie dürfen die Servicescheine dieses Schulträgers nicht sehen.");
}

export function requireInvoiceReader(access: Access, authorityId: string): ViewerUser {
  return require(access, authorityId, INVOICE_READERS, "Leistungsnachweise und Buchungsexporte sehen nur Controlling und Dienstleister.");
}

export function requireAlertReader(access: Access, authorityId: string): ViewerUser {
  return require(access, authorityId, ALERT_READERS, "Warnungen sehen nur Controlling und Servicemanagement.");
}

/** Provider staff and the service manager book person-days; ADMIN may stand in. */
export function requireBooker(access: Access, authorityId: string): ViewerUser {
  return require(access, authorityId, BOOKERS, "Personentage buchen nur Mitarbeitende des Dienstleisters.");
}

/** Orders, amendments and issuing proofs of service belong to the service manager (or ADMIN). */
export function requireOrderManager(access: Access, authorityId: string): ViewerUser {
  return require(access, authorityId, ORDER_MANAGERS, "Servicescheine und Leistungsnachweise verwaltet das Servicemanagement.");
}

/** The authority's controller checks, disputes and settles proofs of service. */
export function requireController(access: Access, authorityId: string): ViewerUser {
  return require(access, authorityId, [
    "CONTROLLER",
  ], "Leistungsnachweise prüft das Controlling des Schulträgers.");
}

/** The plan is the controller's yardstick (issue: "a monthly profile the controller sets"); the service manager may set it too. */
export function requirePlanSetter(access: Access, authorityId: string): ViewerUser {
  return require(access, authorityId, [
    ...ORDER_MANAGERS,
    "CONTROLLER",
  ], "Das Planprofil legen Controlling oder Servicemanagement fest.");
}

/** Either side of an alert acknowledges it: the authority's controller or the service manager. */
export function requireAlertAcknowledger(access: Access, authorityId: string): ViewerUser {
  return requireAlertReader(access, authorityId);
}
