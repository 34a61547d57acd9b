/** Choices for enum fields, labelled through the translation keys `enums.<Enum>.<VALUE>`. */
export const choices = (name: string, values: readonly string[]) =>
  values.map((id) => ({ id, name: `enums.${name}.${id}` }));

export const UPGRADE_STATUSES = ["PLANNED", "IN_PROGRESS", "COMPLETED"] as const;
export const SUPPORT_SIDES = ["PROVIDER", "AUTHORITY_IT"] as const;
export const SCHOOL_KINDS = [
  "PRIMARY",
  "REGIONAL",
  "GRAMMAR",
  "COMPREHENSIVE",
  "SPECIAL_NEEDS",
  "VOCATIONAL",
] as const;
export const AUTHORITY_KINDS = [
  "CITY",
  "MUNICIPALITY",
  "AMT",
  "DISTRICT",
  "ADMINISTRATIVE_COMMUNITY",
] as const;
export const DEPARTMENTS = [
  "SCHOOL_AUTHORITY",
  "IT_DEPARTMENT",
  "FACILITY_MANAGEMENT",
  "FINANCE",
  "PROVIDER",
] as const;
export const AGREEMENT_KINDS = [
  "PUBLIC_LAW_AGREEMENT",
  "SPECIAL_PURPOSE_AGREEMENT",
  "MEMBERSHIP",
  "COOPERATION_CONTRACT",
] as const;
/** The federal states whose public holidays the hub knows (server/lib/holidays.ts). */
export const FEDERAL_STATES = ["MV", "SL", "TH"] as const;
