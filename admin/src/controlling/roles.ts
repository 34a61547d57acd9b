// The API's role rules for controlling, mirrored so the console offers only what will be allowed.
import type { Role } from "../authProvider.ts";

export const ORDER_READERS: Role[] = [
  "ADMIN",
  "SERVICE_MANAGER",
  "PROVIDER_STAFF",
  "CONTROLLER",
  "STEERING_MEMBER",
];
export const INVOICE_READERS: Role[] = ["ADMIN", "SERVICE_MANAGER", "PROVIDER_STAFF", "CONTROLLER"];
export const ALERT_READERS: Role[] = ["ADMIN", "SERVICE_MANAGER", "CONTROLLER"];
export const BOOKERS: Role[] = ["ADMIN", "SERVICE_MANAGER", "PROVIDER_STAFF"];
export const ORDER_MANAGERS: Role[] = ["ADMIN", "SERVICE_MANAGER"];
/** The plan is the controller's yardstick; the service manager may set it too. */
export const PLAN_SETTERS: Role[] = [...ORDER_MANAGERS, "CONTROLLER"];
export const PROOF_CHECKERS: Role[] = ["CONTROLLER"];
/**
 * The authority as client: its controller, or the coordinator of its steering group from the IT
 * department (the school-IT officer in the demo). The API checks the coordinator's membership; the
 * console offers the actions to both roles and shows the API's German message otherwise.
 */
export const ORDER_CLIENTS: Role[] = ["CONTROLLER", "SCHOOL_IT_OFFICER"];
/** Amendments are proposed by either side. */
export const AMENDMENT_PROPOSERS: Role[] = [...ORDER_MANAGERS, ...ORDER_CLIENTS];
