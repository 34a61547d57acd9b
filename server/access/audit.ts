// Who reads which audit entries. An entry is one more view of the record it concerns, so it
// follows that record's own read rule, found by its objectType, on top of who reads the audit
// trail at all: the provider's ADMIN, and the members of an authority's steering group.
import { canReadAlerts, canReadInvoices, canReadOrders } from "./controlling.ts";
import type { Access } from "./index.ts";

/** Whether the viewer reads records of this kind of the given authority. */
type RecordRule = (access: Access, authorityId: string) => boolean;

const steeringRecord: RecordRule = (access, authorityId) => access.canSeeSteeringRecords(authorityId);
const authorityRecord: RecordRule = (access, authorityId) => access.canSeeAuthority(authorityId);
/**
 * A school's case (escalation, measure, rating, procurement request) is read by everyone of the
 * authority and its provider, and by the school's own contact person; an audit entry names no
 * school, so a school's contact person reads none of these entries.
 */
const schoolCase: RecordRule = (access, authorityId) =>
  access.canSeeAuthority(authorityId) && !access.isSchoolContactOnly;
/** Records of no authority (a provider, a sign-in): only the ADMIN's rule for its own people applies. */
const noAuthority: RecordRule = () => false;

/** Every objectType the audit trail records, with the read rule of the record it names. */
export const AUDIT_RECORD_RULES = {
  ServiceOrder: canReadOrders,
  Booking: canReadOrders,
  Alert: canReadAlerts,
  ProofOfService: canReadInvoices,
  Meeting: steeringRecord,
  MeetingSeries: steeringRecord,
  AgendaItem: steeringRecord,
  Amendment: steeringRecord,
  Decision: steeringRecord,
  DecisionReview: steeringRecord,
  ActionItem: steeringRecord,
  CalendarFeed: steeringRecord,
  MediaDevelopmentPlan: steeringRecord,
  PlannedMeasure: steeringRecord,
  ProcurementRequest: schoolCase,
  Escalation: schoolCase,
  SatisfactionRating: schoolCase,
  ServiceMeasure: schoolCase,
  EscalationTarget: authorityRecord,
  School: authorityRecord,
  SchoolAuthority: authorityRecord,
  SchoolHandover: authorityRecord,
  SteeringGroup: authorityRecord,
  SteeringGroupMember: authorityRecord,
  User: authorityRecord,
  Provider: noAuthority,
  Session: noAuthority,
} satisfies Record<string, RecordRule>;

export type AuditObjectType = keyof typeof AUDIT_RECORD_RULES;

function ruleOf(objectType: string): RecordRule {
  return Object.hasOwn(AUDIT_RECORD_RULES, objectType)
    ? AUDIT_RECORD_RULES[objectType as AuditObjectType]
    : noAuthority;
}

const providerAdmin = (access: Access) => (access.hasRole("ADMIN") ? access.user?.providerId : null) ?? null;

/** The authorities whose audit trail the viewer reads at all, before the records' own rules. */
async function auditAuthorities(access: Access): Promise<string[]> {
  if (providerAdmin(access)) return access.visibleAuthorityIds;
  return [...(await access.steeringAuthorityIds())];
}

/** Prisma filter for the audit entries the viewer may list. */
export async function auditScope(access: Access): Promise<object> {
  access.requireUser();
  const authorities = await auditAuthorities(access);
  // Object types with the same readable authorities share one clause.
  const clauses = new Map<string, { authorityIds: string[]; objectTypes: string[] }>();
  for (const [objectType, rule] of Object.entries(AUDIT_RECORD_RULES)) {
    const authorityIds = authorities.filter((id) => rule(access, id));
    if (authorityIds.length === 0) continue;
    const key = authorityIds.join(",");
    const clause = clauses.get(key) ?? { authorityIds, objectTypes: [] };
    clause.objectTypes.push(objectType);
    clauses.set(key, clause);
  }
  const or: object[] = [...clauses.values()].map(({ authorityIds, objectTypes }) => ({
    authorityId: { in: authorityIds },
    objectType: { in: objectTypes },
  }));
  const providerId = providerAdmin(access);
  if (providerId) {
    // Sign-ins are the person's, not an authority's record: the provider's ADMIN sees its own people's.
    or.push({
      authorityId: null,
      actor: { OR: [{ providerId }, { authorityId: { in: access.visibleAuthorityIds } }] },
    });
  }
  return or.length > 0 ? { OR: or } : { id: { in: [] } };
}

/** The same rule for one entry, for node(id:). */
export async function canReadAuditEntry(
  access: Access,
  entry: {
    objectType: string;
    authorityId: string | null;
    actorProviderId: string | null;
    actorAuthorityId: string | null;
  },
): Promise<boolean> {
  if (!access.user) return false;
  if (entry.authorityId === null) {
    const providerId = providerAdmin(access);
    return (
      providerId !== null &&
      (entry.actorProviderId === providerId ||
        (entry.actorAuthorityId !== null && access.canSeeAuthority(entry.actorAuthorityId)))
    );
  }
  return (
    (await auditAuthorities(access)).includes(entry.authorityId) &&
    ruleOf(entry.objectType)(access, entry.authorityId)
  );
}
