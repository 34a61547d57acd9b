// Who may see and do what with service orders, the ledger, alerts and proofs of service.
// The tenant rule (Access.canSeeAuthority) comes first everywhere: a foreign authority's
// order answers NOT_FOUND; a visible one without the role answers FORBIDDEN.
import type { ReadClient } from "../db/client.ts";
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

/**
 * The authority as client (Auftraggeber): its controller or the coordinator of its steering group
 * from the IT department (in Schwerin the Fachgruppe IuK). Never the provider, not even ADMIN: a
 * provider does not commission or approve its own work.
 */
export async function isClient(
  access: Access,
  db: ClientDb,
  authorityId: string,
  user: ViewerUser,
): Promise<boolean> {
  if (access.isProviderPerson || user.authorityId !== authorityId) return false;
  if (access.hasRole("CONTROLLER")) return true;
  const coordinator = await db.steeringGroupMember.findFirst({
    where: { userId: user.id, department: "IT_DEPARTMENT", coordinator: true, group: { authorityId } },
    select: { id: true },
  });
  return coordinator !== null;
}

export type ClientDb = Pick<ReadClient, "steeringGroupMember">;

async function requireClient(access: Access, db: ClientDb, authorityId: string, message: string) {
  const user = access.requireUser();
  if (!access.canSeeAuthority(authorityId)) throw notFound("Serviceschein");
  if (!(await isClient(access, db, authorityId, user))) throw forbidden(message);
  return user;
}

/** Commissioning (Beauftragung) of the provider's draft: the client's side only. */
export function requireCommissioner(access: Access, db: ClientDb, authorityId: string): Promise<ViewerUser> {
  return requireClient(
    access,
    db,
    authorityId,
    access.isProviderPerson
      ? "Der Dienstleister kann seinen eigenen Serviceschein nicht beauftragen; das tut der Schulträger."
      : "Beauftragen darf das Controlling oder die koordinierende IT-Abteilung der Steuerungsgruppe des Schulträgers.",
  );
}

/** Approving or rejecting an amendment (Nachtrag): the client's side only. */
export function requireAmendmentDecider(
  access: Access,
  db: ClientDb,
  authorityId: string,
): Promise<ViewerUser> {
  return requireClient(
    access,
    db,
    authorityId,
    access.isProviderPerson
      ? "Nachträge genehmigt der Schulträger als Auftraggeber, nicht der Dienstleister."
      : "Nachträge genehmigt das Controlling oder die koordinierende IT-Abteilung der Steuerungsgruppe des Schulträgers.",
  );
}

/** A Nachtrag is proposed by either side: the provider's service manager (or ADMIN) or the client. */
export async function requireAmendmentProposer(
  access: Access,
  db: ClientDb,
  authorityId: string,
): Promise<ViewerUser> {
  const user = access.requireUser();
  if (!access.canSeeAuthority(authorityId)) throw notFound("Serviceschein");
  if (access.hasRole(...ORDER_MANAGERS) && access.isProviderPerson) return user;
  if (await isClient(access, db, authorityId, user)) return user;
  throw forbidden(
    "Nachträge schlagen das Servicemanagement des Dienstleisters oder das Controlling bzw. die koordinierende IT-Abteilung des Schulträgers vor.",
  );
}

/** The decision an order cites is a steering record: only those who read steering records see it. */
export function canSeeCommissioningDecision(access: Access, authorityId: string): boolean {
  return access.canSeeSteeringRecords(authorityId);
}
