// Upgrades, handovers and escalations. Every upgraded school of every authority has its accepted
// upgrade measure with a service report, and its handover from the authority's IT to the provider
// at the acceptance date (proposed by the provider's service manager, confirmed by the authority's
// school-IT officer). Escalations are raised only about schools the provider supported on that
// day: a year of Schwerin's (believable clocks, some overdue, satisfaction ratings and quarterly
// surveys) and a few for each other authority; none for Parchim, whose records are young.
import type { Database } from "../../db/client.ts";
import type { EscalationStatus, Severity } from "../../db/generated/client/enums.ts";
import { addDays, berlinDate, daysBetween } from "../../lib/dates.ts";
import { type FederalState, isFederalState } from "../../lib/holidays.ts";
import { addWorkingDays } from "../../lib/workdays.ts";

const SUBJECTS: [string, string][] = [
  [
    "WLAN im Neubau fällt täglich aus",
    "Seit drei Wochen bricht das WLAN im Neubau mehrmals täglich zusammen; Tickets wurden ohne Lösung geschlossen.",
  ],
  [
    "Tablets lassen sich nicht anmelden",
    "Die iPads der 5. Klassen melden sich nicht im Schulnetz an. Der Unterricht mit Tablets fällt aus.",
  ],
  [
    "Beamer im Fachraum Physik defekt",
    "Der Beamer ist seit einem Monat defekt; ein Austausch wurde zugesagt, ist aber nicht erfolgt.",
  ],
  [
    "Lehrkräfte-Laptops ohne Updates",
    "Die Dienstgeräte der Lehrkräfte erhalten seit Wochen keine Updates mehr.",
  ],
  ["Druckerfreigabe im Verwaltungsnetz", "Das Sekretariat kann seit der Umstellung nicht mehr drucken."],
  [
    "Interaktive Tafel reagiert verzögert",
    "Die Touch-Eingabe der Tafeln im Altbau reagiert mit mehreren Sekunden Verzögerung.",
  ],
  [
    "Lernplattform nicht erreichbar",
    "Die Lernplattform ist aus dem Schulnetz heraus regelmäßig nicht erreichbar.",
  ],
  [
    "Service-Desk antwortet nicht",
    "Auf drei Störungsmeldungen kam seit zwei Wochen keine Rückmeldung vom Service-Desk.",
  ],
  [
    "Prüfungsumgebung für Abitur",
    "Die abgesicherte Prüfungsumgebung für die Abiturprüfung ist noch nicht eingerichtet.",
  ],
  ["Netzwerkdosen im Fachraum ohne Funktion", "Im Informatikraum sind acht Netzwerkdosen ohne Verbindung."],
];

const RESOLUTIONS = [
  "Access Points getauscht und Firmware aktualisiert; Störung behoben.",
  "Geräteprofile neu verteilt; Anmeldung funktioniert wieder.",
  "Austauschgerät geliefert und installiert.",
  "Updateverteilung korrigiert; alle Geräte auf aktuellem Stand.",
  "Im Jour-Fixe besprochen: Ursache beim Schulträger, Beschaffung beauftragt.",
];

/** A small deterministic generator, so every demo database tells the same story. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00+01:00`);

const REPORT =
  "Servicebericht: Access Points, Switches und interaktive Tafeln installiert; Server migriert; " +
  "Endgeräte ins Gerätemanagement übernommen. Einweisung der Lehrkräfte erfolgt.";

type Status = EscalationStatus;

interface EscalationRow {
  id: string;
  authorityId: string;
  schoolId: string;
  subject: string;
  description: string;
  ticketRef: string;
  severity: Severity;
  status: Status;
  raisedById: string;
  raisedAt: Date;
  reviewedAt: Date | null;
  reviewedById: string | null;
  resolvedAt: Date | null;
  resolvedById: string | null;
  resolution: string | null;
}

export async function seedEscalations(
  db: Database,
  log: (line: string) => void,
  now = new Date(),
): Promise<void> {
  const [authorities, people] = await Promise.all([
    db.read.schoolAuthority.findMany({
      include: { schools: { orderBy: { name: "asc" } } },
      orderBy: { name: "asc" },
    }),
    db.read.user.findMany({
      select: {
        id: true,
        email: true,
        providerId: true,
        authorityId: true,
        schoolId: true,
        roles: { select: { role: true } },
      },
      orderBy: { email: "asc" },
    }),
  ]);
  const schwerin = authorities.find((a) => a.name === "Landeshauptstadt Schwerin");
  const officer = people.find((p) => p.email === "schul-it@schwerin.example");
  const contact = people.find((p) => p.email === "schule@schwerin.example");
  const technician = people.find((p) => p.email === "technik@ksm.example");
  if (!schwerin || !officer || !contact || !technician) return;
  const holds = (p: (typeof people)[number], role: string) => p.roles.some((r) => r.role === role);
  const rnd = random(2026);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)] as T;
  const today = berlinDate(now);
  const severities: Severity[] = ["LOW", "MEDIUM", "MEDIUM", "MEDIUM", "HIGH", "HIGH", "CRITICAL"];

  // Upgrades and handovers: the acceptance date of each upgraded school.
  const measures: {
    id: string;
    authorityId: string;
    schoolId: string;
    kind: "UPGRADE";
    title: string;
    description: string;
    status: "ACCEPTED";
    startedAt: Date;
    completedAt: Date;
    report: string;
    acceptanceRequired: true;
    acceptedAt: Date;
    acceptedById: string;
    createdById: string;
  }[] = [];
  const handovers: {
    schoolId: string;
    fromSide: "AUTHORITY_IT";
    toSide: "PROVIDER";
    handoverDate: string;
    note: string;
    measureId: string;
    proposedById: string;
    confirmedById: string;
    confirmedAt: Date;
  }[] = [];
  const supportedFrom = new Map<string, string>();
  for (const authority of authorities) {
    const provider = people.filter((p) => p.providerId === authority.providerId);
    const manager = provider.find((p) => holds(p, "SERVICE_MANAGER"));
    const staff = provider.find((p) => holds(p, "PROVIDER_STAFF")) ?? manager;
    const confirmer =
      authority.id === schwerin.id
        ? officer
        : people.find((p) => p.authorityId === authority.id && holds(p, "SCHOOL_IT_OFFICER"));
    if (!manager || !staff || !confirmer) continue;
    const upgraded = authority.schools.filter((s) => s.upgradeStatus === "COMPLETED");
    upgraded.forEach((school, index) => {
      let accepted: string;
      if (authority.id === schwerin.id) {
        // Two upgrades were accepted this past year; the others from 2020 on, one every few months.
        accepted = index < 2 ? addDays(today, -148 + index * 60) : addDays("2020-10-01", (index - 2) * 115);
      } else {
        const from = addDays(authority.agreementStart, 180);
        const span = Math.max(30, daysBetween(from, addDays(today, -120)));
        accepted = addDays(from, Math.floor((span * (index + 1)) / (upgraded.length + 1)));
      }
      accepted = addWorkingDays(accepted, 0, state(authority.state));
      const completed = addWorkingDays(addDays(accepted, -7), 0, state(authority.state));
      const started = addDays(completed, -45);
      const id = `demo-measure-${measures.length + 1}`;
      measures.push({
        id,
        authorityId: authority.id,
        schoolId: school.id,
        kind: "UPGRADE",
        title: `Ertüchtigung nach Zielbild: ${school.name}`,
        description:
          "Netzwerk, Server, Dienste, Präsentationstechnik und Endgeräte nach dem Zielbild des Dienstleisters.",
        status: "ACCEPTED",
        startedAt: at(started, 8),
        completedAt: at(completed, 16),
        report: REPORT,
        acceptanceRequired: true,
        acceptedAt: at(accepted, 10),
        acceptedById: confirmer.id,
        createdById: staff.id,
      });
      handovers.push({
        schoolId: school.id,
        fromSide: "AUTHORITY_IT",
        toSide: "PROVIDER",
        handoverDate: accepted,
        note: "Übergabe nach Abnahme der Ertüchtigung: Betrieb und Support durch den Dienstleister.",
        measureId: id,
        proposedById: manager.id,
        confirmedById: confirmer.id,
        confirmedAt: at(accepted, 14),
      });
      supportedFrom.set(school.id, accepted);
    });
  }
  const supported = (schools: readonly { id: string }[], on: string) =>
    schools.filter((s) => (supportedFrom.get(s.id) ?? "9999") <= on);

  const escalations: EscalationRow[] = [];
  let ticket = 24_100;
  const raise = (
    authority: (typeof authorities)[number],
    raisedOn: string,
    raisedBy: (school: { id: string }) => string,
    reviewer: string,
    week: number,
    prefix: string,
  ) => {
    const candidates = supported(authority.schools, raisedOn);
    if (candidates.length === 0) return;
    const school = pick(candidates);
    const [subject, description] = pick(SUBJECTS);
    const severity = pick(severities);
    const own = escalations.filter((e) => e.authorityId === authority.id);
    // Every seventh case repeats the ticket of an earlier one: the service desk closed it too early.
    const repeat = own.length > 5 && own.length % 7 === 0 ? own[own.length - 3] : undefined;
    const raisedAt = at(raisedOn, 9 + Math.floor(rnd() * 7));
    const reviewDays = Math.floor(rnd() * 4);
    const resolveDays = reviewDays + 2 + Math.floor(rnd() * 18);
    const st = state(authority.state);
    const reviewedOn = addWorkingDays(raisedOn, reviewDays, st);
    const resolvedOn = addWorkingDays(raisedOn, resolveDays, st);
    const reviewed = week > 0 && reviewedOn <= today && !(week < 2 && severity === "CRITICAL");
    const resolved = reviewed && resolvedOn < today && week > 3;
    const rejected = resolved && rnd() < 0.12;
    escalations.push({
      id: `demo-esc-${prefix}${escalations.length + 1}`,
      authorityId: authority.id,
      schoolId: repeat?.schoolId ?? school.id,
      subject: repeat ? `Erneut: ${repeat.subject}` : subject,
      description,
      ticketRef: repeat?.ticketRef ?? `SD-${ticket++}`,
      severity,
      status: resolved ? (rejected ? "REJECTED" : "RESOLVED") : reviewed ? "IN_REVIEW" : "RAISED",
      raisedById: raisedBy(repeat ? { id: repeat.schoolId } : school),
      raisedAt,
      reviewedAt: reviewed ? at(reviewedOn, 14) : null,
      reviewedById: reviewed ? reviewer : null,
      resolvedAt: resolved ? at(resolvedOn, 11) : null,
      resolvedById: resolved ? reviewer : null,
      resolution: resolved
        ? rejected
          ? "Kein Mangel der Dienstleistung: Bedienfehler, Schulung vereinbart."
          : pick(RESOLUTIONS)
        : null,
    });
  };

  // Schwerin: about one escalation a week over the past year; the newest are still open.
  for (let week = 52; week >= 0; week--) {
    if (rnd() < 0.2) continue;
    const raisedOn = addWorkingDays(addDays(today, -7 * week), Math.floor(rnd() * 3), "MV");
    if (raisedOn > today) continue;
    raise(
      schwerin,
      raisedOn,
      (school) => (school.id === contact.schoolId ? contact.id : officer.id),
      officer.id,
      week,
      "",
    );
  }
  // The other authorities (not Parchim): a few a year, raised through their school-IT officer.
  authorities.forEach((authority, index) => {
    if (authority.id === schwerin.id || authority.name === "Stadt Parchim") return;
    const keeper = people.find((p) => p.authorityId === authority.id && holds(p, "SCHOOL_IT_OFFICER"));
    if (!keeper) return;
    const count = 2 + (index % 4);
    for (let n = 0; n < count; n++) {
      const week = Math.floor(((n + 0.5) * 50) / count) + (index % 3);
      const raisedOn = addWorkingDays(addDays(today, -7 * (50 - week)), 0, state(authority.state));
      if (raisedOn > today) continue;
      raise(authority, raisedOn, () => keeper.id, keeper.id, 50 - week, `${index}-`);
    }
  });
  // The open reviewed cases go on the next Jour-Fixe, as the officer would bring them.
  const nextJourFixe = await db.read.meeting.findFirst({
    where: {
      authorityId: schwerin.id,
      kind: "JOUR_FIXE",
      status: "SCHEDULED",
      minutesStatus: "DRAFT",
      scheduledAt: { gte: now },
    },
    orderBy: { scheduledAt: "asc" },
    include: { agendaItems: { select: { position: true } } },
  });

  await db.transact(async (tx) => {
    await tx.serviceMeasure.createMany({ data: measures });
    await tx.schoolHandover.createMany({ data: handovers });
    await tx.escalation.createMany({ data: escalations });
    if (nextJourFixe) {
      let position = Math.max(0, ...nextJourFixe.agendaItems.map((i) => i.position));
      for (const e of escalations
        .filter((x) => x.authorityId === schwerin.id && x.status === "IN_REVIEW")
        .slice(0, 2)) {
        const item = await tx.agendaItem.create({
          data: {
            meetingId: nextJourFixe.id,
            position: ++position,
            title: `Eskalation: ${e.subject}`,
            kind: "ESCALATION",
            notes: e.description,
          },
        });
        await tx.escalation.update({
          where: { id: e.id },
          data: { status: "ON_AGENDA", agendaItemId: item.id },
        });
      }
    }
    const closed = escalations.filter((e) => e.resolvedAt);
    await tx.satisfactionRating.createMany({
      data: closed
        .filter(() => rnd() < 0.6)
        .map((e) => ({
          authorityId: e.authorityId,
          schoolId: e.schoolId,
          source: "ESCALATION" as const,
          escalationId: e.id,
          score: e.status === "REJECTED" ? 2 : 3 + Math.floor(rnd() * 3),
          comment: e.status === "REJECTED" ? "Wir sehen das anders." : null,
          ratedById: e.raisedById,
          ratedAt: new Date((e.resolvedAt as Date).getTime() + 86_400_000),
        })),
    });
    // Quarterly surveys of eight schools over the last four quarters, slowly improving.
    const surveys = [];
    for (let q = 4; q >= 1; q--) {
      const day = addDays(today, -91 * q + 45);
      const quarter = `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
      for (const school of schwerin.schools.slice(0, 8)) {
        surveys.push({
          authorityId: schwerin.id,
          schoolId: school.id,
          source: "SURVEY" as const,
          period: quarter,
          score: Math.min(5, 2 + Math.floor(rnd() * 2) + (q <= 2 ? 1 : 0)),
          ratedById: officer.id,
          ratedAt: at(day, 10),
        });
      }
    }
    await tx.satisfactionRating.createMany({ data: surveys });
  });
  const open = escalations.filter((e) => !e.resolvedAt).length;
  log(
    `Escalations: ${escalations.length} (${open} open), satisfaction, ${measures.length} accepted upgrades with handovers.`,
  );
}

function state(code: string): FederalState {
  return isFederalState(code) ? code : "MV";
}
