import type { Role } from "../authProvider.ts";

export const MEETING_KINDS = ["JOUR_FIXE", "STEERING_GROUP"] as const;
export const MINUTES_STATUSES = ["DRAFT", "FINAL"] as const;
export const MEETING_STATUSES = ["SCHEDULED", "CANCELLED"] as const;
export const DECISION_STATUSES = ["PROPOSED", "APPROVED", "DEFERRED", "REJECTED", "REVOKED"] as const;
export const REVIEW_VERDICTS = ["ACKNOWLEDGE", "APPROVE", "OBJECT", "ABSTAIN"] as const;
export const ACTION_ITEM_STATUSES = ["OPEN", "DONE", "CANCELLED"] as const;
export const AGENDA_ITEM_KINDS = ["INFORMATION", "DECISION", "ESCALATION", "PROCUREMENT", "OTHER"] as const;
export const AGENDA_ITEM_STATUSES = ["OPEN", "DONE", "CARRIED_FORWARD"] as const;
export const PROCUREMENT_STATUSES = [
  "RAISED",
  "ON_AGENDA",
  "APPROVED",
  "REJECTED",
  "ORDERED",
  "DELIVERED",
  "ACCEPTED",
] as const;
export const PROCUREMENT_CATEGORIES = [
  "HARDWARE",
  "SOFTWARE",
  "SPECIAL_EQUIPMENT",
  "NETWORK_INFRASTRUCTURE",
] as const;
export const SEARCH_HIT_KINDS = ["DECISION", "AGENDA_ITEM", "MINUTES", "AMENDMENT"] as const;

/** The server's requireMinuteTaker: these roles keep the minutes (the server has the last word). */
export const MINUTE_TAKERS: Role[] = ["ADMIN", "SERVICE_MANAGER", "SCHOOL_IT_OFFICER"];

/** The decision transitions the server allows (changeDecisionStatus). */
export const DECISION_TRANSITIONS: Record<string, string[]> = {
  PROPOSED: ["APPROVED", "REJECTED", "DEFERRED"],
  DEFERRED: ["PROPOSED", "APPROVED", "REJECTED"],
  APPROVED: ["REVOKED"],
  REJECTED: [],
  REVOKED: [],
};
