// The audit trail as people read it: the object and the action in German, each change as
// "field: before → after" with German numbers and dates, and names where the entry stored ids.
// Ids are resolved in one query per kind of record for a whole page of entries.
import type { AuditObjectType } from "../../access/audit.ts";
import type { ReadClient } from "../../db/client.ts";
import { germanDate, germanDateTime, isIsoDate } from "../../lib/dates.ts";
import { FIELD_LABELS } from "../../lib/field-labels.ts";
import { germanDecimal } from "../../lib/units.ts";

export const OBJECT_LABELS: Record<AuditObjectType, string> = {
  ServiceOrder: "Serviceschein",
  Booking: "Buchung",
  Alert: "Warnung",
  ProofOfService: "Leistungsnachweis",
  Meeting: "Sitzung",
  MeetingSeries: "Sitzungsreihe",
  AgendaItem: "Tagesordnungspunkt",
  Amendment: "Nachtrag zum Protokoll",
  Decision: "Beschluss",
  DecisionReview: "Prüfung eines Beschlusses",
  ActionItem: "Aufgabe",
  CalendarFeed: "Kalender-Abonnement",
  MediaDevelopmentPlan: "Medienentwicklungsplan",
  PlannedMeasure: "Geplante Maßnahme",
  ProcurementRequest: "Beschaffungsanfrage",
  Escalation: "Eskalation",
  SatisfactionRating: "Zufriedenheitsbewertung",
  ServiceMeasure: "Service-Maßnahme",
  EscalationTarget: "Zielzeit",
  School: "Schule",
  SchoolAuthority: "Schulträger",
  SchoolHandover: "Übergabe einer Schule",
  SteeringGroup: "Steuerungsgruppe",
  SteeringGroupMember: "Mitglied der Steuerungsgruppe",
  User: "Person",
  Provider: "Dienstleister",
  Session: "Anmeldung",
};

export const ACTION_LABELS: Record<string, string> = {
  CREATE: "angelegt",
  UPDATE: "geändert",
  DELETE: "entfernt",
  STATUS: "Status geändert",
  PROPOSE: "vorgeschlagen",
  CONFIRM: "bestätigt",
  WITHDRAW: "zurückgezogen",
  DECLINE: "abgelehnt",
  LINK: "verknüpft",
  UNLINK: "Verknüpfung gelöst",
  LINK_BOOKING: "Buchung zugeordnet",
  SUPERSEDE: "abgelöst",
  REVISE: "fortgeschrieben",
  ADOPT: "beschlossen",
  START: "begonnen",
  COMPLETE: "abgeschlossen",
  ACCEPT: "abgenommen",
  SET_TARGET: "Zielausstattung festgelegt",
  SET_PLAN_VARIANCE_THRESHOLD: "Schwelle für Planabweichungen festgelegt",
  SET: "festgelegt",
  SCHEDULE: "auf die Tagesordnung gesetzt",
  REVOKE: "widerrufen",
  REVIEW: "geprüft",
  REVERSE: "storniert",
  REORDER_AGENDA: "Tagesordnung umgestellt",
  RAISE: "eingereicht",
  PLAN: "Planprofil festgelegt",
  PARTICIPANTS: "Teilnehmende geändert",
  MOVE: "verschoben",
  CANCEL: "abgesagt",
  FINALIZE: "Protokoll abgeschlossen",
  AMEND: "Nachtrag erfasst",
  AMENDMENT_APPROVE: "Nachtrag genehmigt",
  AMENDMENT_REJECT: "Nachtrag abgelehnt",
  COMMISSION: "beauftragt",
  ACKNOWLEDGE: "zur Kenntnis genommen",
  LOGIN: "angemeldet",
  LOGIN_FAILED: "Anmeldung fehlgeschlagen",
  LOGOUT: "abgemeldet",
  ISSUE: "ausgestellt",
  CHECK: "geprüft",
  DISPUTE: "beanstandet",
  SETTLE: "abgerechnet",
  REOPEN: "wieder geöffnet",
  ORDERED: "bestellt",
  DELIVERED: "geliefert",
  ACCEPTED: "abgenommen",
  MAIL_SETTING: "E-Mail-Einstellung geändert",
};

/** Which record an id field names, for its name instead of the id. */
const ID_FIELDS: Record<string, "user" | "school" | "meeting" | "agendaItem" | "decision" | "authority"> = {
  userId: "user",
  ownerId: "user",
  presenterId: "user",
  actorId: "user",
  schoolId: "school",
  meetingId: "meeting",
  agendaItemId: "agendaItem",
  carriedFromId: "agendaItem",
  decisionId: "decision",
  authorityId: "authority",
};

/** Lists of ids: the people invited or present, the agenda's order. */
const ID_LIST_FIELDS: Record<string, "user" | "agendaItem"> = {
  invited: "user",
  attended: "user",
  agendaItemIds: "agendaItem",
};

const ID_LABELS: Record<string, string> = {
  userId: "Person",
  ownerId: "Verantwortlich",
  presenterId: "Vortragende Person",
  actorId: "Person",
  schoolId: "Schule",
  meetingId: "Sitzung",
  agendaItemId: "Tagesordnungspunkt",
  carriedFromId: "Fortgeführt aus",
  decisionId: "Beschluss",
  authorityId: "Schulträger",
};

/** Enum values that appear in changes, in German. */
const VALUE_LABELS: Record<string, string> = {
  DRAFT: "Entwurf",
  FINAL: "abgeschlossen",
  ACTIVE: "beauftragt",
  CLOSED: "abgeschlossen",
  PROPOSED: "vorgeschlagen",
  APPROVED: "gefasst",
  REJECTED: "abgelehnt",
  DEFERRED: "vertagt",
  REVOKED: "widerrufen",
  OPEN: "offen",
  DONE: "erledigt",
  CANCELLED: "abgesagt",
  CARRIED_FORWARD: "übernommen",
  SCHEDULED: "geplant",
  ADOPTED: "beschlossen",
  SUPERSEDED: "abgelöst",
  PLANNED: "geplant",
  IN_PROGRESS: "in Umsetzung",
  DROPPED: "entfallen",
  COMPLETED: "abgeschlossen",
  ACCEPTED: "abgenommen",
  ISSUED: "ausgestellt",
  CHECKED: "geprüft",
  DISPUTED: "beanstandet",
  SETTLED: "abgerechnet",
  RAISED: "eingereicht",
  ON_AGENDA: "auf der Tagesordnung",
  ORDERED: "bestellt",
  DELIVERED: "geliefert",
  PROVIDER: "Dienstleister",
  AUTHORITY_IT: "IT des Schulträgers",
  NETWORK: "Netzwerk",
  SERVER: "Server",
  SERVICES: "Dienste",
  PRESENTATION: "Präsentationstechnik",
  DEVICES: "Endgeräte",
  TRAINING: "Qualifizierung",
  JOUR_FIXE: "Jour-Fixe",
  STEERING_GROUP: "Steuerungsgruppe",
  ACKNOWLEDGE: "zur Kenntnis genommen",
  APPROVE: "Zustimmung",
  OBJECT: "Einwand",
  ABSTAIN: "Enthaltung",
  INFORMATION: "Information",
  DECISION: "Beschluss",
  ESCALATION: "Eskalation",
  PROCUREMENT: "Beschaffung",
  OTHER: "Sonstiges",
  HARDWARE: "Hardware",
  SOFTWARE: "Software",
  SPECIAL_EQUIPMENT: "Sonderausstattung",
  NETWORK_INFRASTRUCTURE: "Netzwerkinfrastruktur",
  INSTALLATION: "Installation",
  REPAIR: "Reparatur",
  UPGRADE: "Ertüchtigung",
  IN_REVIEW: "in Prüfung",
  RESOLVED: "gelöst",
  LOW: "niedrig",
  MEDIUM: "mittel",
  HIGH: "hoch",
  CRITICAL: "kritisch",
  THRESHOLD: "Schwelle erreicht",
  BURN_RATE: "Verbrauch schneller als geplant",
  ADMIN: "Administration",
  SERVICE_MANAGER: "Servicemanagement",
  PROVIDER_STAFF: "Mitarbeitende des Dienstleisters",
  SCHOOL_IT_OFFICER: "Schul-IT-Verantwortliche",
  CONTROLLER: "Controlling",
  STEERING_MEMBER: "Mitglied der Steuerungsgruppe",
  SCHOOL_CONTACT: "Ansprechperson der Schule",
  SCHOOL_AUTHORITY: "Schulverwaltung",
  IT_DEPARTMENT: "IT-Abteilung",
  FACILITY_MANAGEMENT: "Gebäudemanagement",
  FINANCE: "Finanzen",
  INVESTMENT: "Investition",
  PERSON_DAYS: "Personentage",
};

/** Amounts the services audit as decimal strings (person-days, euros). */
const DECIMAL = /^-?\d+\.\d{2}$/;

export interface ReadableChange {
  field: string;
  before: string | null;
  after: string | null;
}

type Names = Map<string, string>;

function shown(value: unknown, names: Names): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (Array.isArray(value)) return value.map((v) => shown(v, names) ?? "–").join(", ");
  if (typeof value === "boolean") return value ? "ja" : "nein";
  if (typeof value === "number") return value.toLocaleString("de-DE");
  if (typeof value === "object") return JSON.stringify(value);
  const text = String(value);
  if (names.has(text)) return names.get(text) as string;
  if (VALUE_LABELS[text]) return VALUE_LABELS[text];
  if (DECIMAL.test(text)) return germanDecimal(text);
  if (isIsoDate(text)) return germanDate(text);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) && !Number.isNaN(Date.parse(text))) {
    return germanDateTime(new Date(text));
  }
  return text;
}

function fieldLabel(field: string): string {
  return ID_LABELS[field] ?? FIELD_LABELS[field] ?? field;
}

function parsed(changes: string): Record<string, unknown> {
  try {
    const value = JSON.parse(changes) as unknown;
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** Ids in an entry's changes that name records, by kind. */
function idsOf(changes: Record<string, unknown>, into: Map<string, Set<string>>): void {
  for (const [field, value] of Object.entries(changes)) {
    const kind = ID_FIELDS[field] ?? ID_LIST_FIELDS[field];
    if (!kind) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v !== "string") continue;
      const set = into.get(kind) ?? new Set<string>();
      set.add(v);
      into.set(kind, set);
    }
  }
}

/**
 * The names of the records the entries' changes refer to, one query per kind. Only what the
 * viewer may read the entries of anyway: an entry names records of its own authority.
 */
export async function namesFor(db: ReadClient, entries: readonly { changes: string }[]): Promise<Names> {
  const ids = new Map<string, Set<string>>();
  for (const entry of entries) idsOf(parsed(entry.changes), ids);
  const list = (kind: string) => [...(ids.get(kind) ?? [])];
  const [users, schools, meetings, items, decisions, authorities] = await Promise.all([
    list("user").length
      ? db.user.findMany({ where: { id: { in: list("user") } }, select: { id: true, name: true } })
      : [],
    list("school").length
      ? db.school.findMany({ where: { id: { in: list("school") } }, select: { id: true, name: true } })
      : [],
    list("meeting").length
      ? db.meeting.findMany({
          where: { id: { in: list("meeting") } },
          select: { id: true, title: true, scheduledAt: true },
        })
      : [],
    list("agendaItem").length
      ? db.agendaItem.findMany({
          where: { id: { in: list("agendaItem") } },
          select: { id: true, title: true },
        })
      : [],
    list("decision").length
      ? db.decision.findMany({ where: { id: { in: list("decision") } }, select: { id: true, title: true } })
      : [],
    list("authority").length
      ? db.schoolAuthority.findMany({
          where: { id: { in: list("authority") } },
          select: { id: true, name: true },
        })
      : [],
  ]);
  const names: Names = new Map();
  for (const u of users) names.set(u.id, u.name);
  for (const s of schools) names.set(s.id, s.name);
  for (const m of meetings)
    names.set(m.id, `${m.title} (${germanDate(m.scheduledAt.toISOString().slice(0, 10))})`);
  for (const i of items) names.set(i.id, `„${i.title}“`);
  for (const d of decisions) names.set(d.id, `„${d.title}“`);
  for (const a of authorities) names.set(a.id, a.name);
  return names;
}

/**
 * An entry's changes, readable: { field: [before, after] } becomes before → after, a created
 * value has no before. Ids of records named elsewhere in the entry (a title beside an id) are kept
 * as that name; ids the hub cannot name are left out rather than shown raw.
 */
export function readableChanges(changes: string, names: Names): ReadableChange[] {
  const result: ReadableChange[] = [];
  for (const [field, value] of Object.entries(parsed(changes))) {
    const isId = field.endsWith("Id") || field.endsWith("Ids");
    const pair = Array.isArray(value) && value.length === 2 && !ID_LIST_FIELDS[field];
    const [before, after] = pair ? (value as [unknown, unknown]) : [null, value];
    const b = shown(before, names);
    const a = shown(after, names);
    if (isId && !ID_FIELDS[field]) continue;
    if (isId && ((b !== null && !names.has(String(before))) || (a !== null && !names.has(String(after)))))
      continue;
    result.push({ field: fieldLabel(field), before: pair ? b : null, after: a });
  }
  return result;
}
