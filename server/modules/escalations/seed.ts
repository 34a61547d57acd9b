// A year of Schwerin's escalations up to now, with believable clocks (some overdue),
// satisfaction, and two completed upgrade measures with service reports and acceptances.
import type { Database } from "../../db/client.ts";
import type { EscalationStatus, Severity } from "../../db/generated/client/enums.ts";
import { addDays, berlinDate } from "../../lib/dates.ts";
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

export async function seedEscalations(
  db: Database,
  log: (line: string) => void,
  now = new Date(),
): Promise<void> {
  const schwerin = await db.read.schoolAuthority.findUnique({
    where: { name: "Landeshauptstadt Schwerin" },
    include: { schools: { orderBy: { name: "asc" } } },
  });
  const officer = await db.read.user.findUnique({ where: { email: "schul-it@schwerin.example" } });
  const contact = await db.read.user.findUnique({ where: { email: "schule@schwerin.example" } });
  const technician = await db.read.user.findUnique({ where: { email: "technik@ksm.example" } });
  if (!schwerin || !officer || !contact || !technician) return;
  const rnd = random(2026);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)] as T;
  const today = berlinDate(now);
  const severities: Severity[] = ["LOW", "MEDIUM", "MEDIUM", "MEDIUM", "HIGH", "HIGH", "CRITICAL"];

  const escalations: {
    id: string;
    authorityId: string;
    schoolId: string;
    subject: string;
    description: string;
    ticketRef: string;
    severity: Severity;
    status: EscalationStatus;
    raisedById: string;
    raisedAt: Date;
    reviewedAt: Date | null;
    reviewedById: string | null;
    resolvedAt: Date | null;
    resolvedById: string | null;
    resolution: string | null;
  }[] = [];
  let ticket = 24_100;
  // About one escalation a week over the past year; the newest are still open.
  for (let week = 52; week >= 0; week--) {
    if (rnd() < 0.2) continue;
    const raisedOn = addWorkingDays(addDays(today, -7 * week), Math.floor(rnd() * 3), "MV");
    if (raisedOn > today) continue;
    const school = pick(schwerin.schools);
    const [subject, description] = pick(SUBJECTS);
    const severity = pick(severities);
    // Every seventh case repeats the ticket of an earlier one: the service desk closed it too early.
    const repeat =
      escalations.length > 5 && escalations.length % 7 === 0
        ? escalations[escalations.length - 3]
        : undefined;
    const raisedAt = at(raisedOn, 9 + Math.floor(rnd() * 7));
    const reviewDays = Math.floor(rnd() * 4);
    const resolveDays = reviewDays + 2 + Math.floor(rnd() * 18);
    const reviewedOn = addWorkingDays(raisedOn, reviewDays, "MV");
    const resolvedOn = addWorkingDays(raisedOn, resolveDays, "MV");
    const reviewed = week > 0 && reviewedOn <= today && !(week < 2 && severity === "CRITICAL");
    const resolved = reviewed && resolvedOn < today && week > 3;
    const rejected = resolved && rnd() < 0.12;
    escalations.push({
      id: `demo-esc-${escalations.length + 1}`,
      authorityId: schwerin.id,
      schoolId: repeat?.schoolId ?? school.id,
      subject: repeat ? `Erneut: ${repeat.subject}` : subject,
      description,
      ticketRef: repeat?.ticketRef ?? `SD-${ticket++}`,
      severity,
      status: resolved ? (rejected ? "REJECTED" : "RESOLVED") : reviewed ? "IN_REVIEW" : "RAISED",
      raisedById: school.id === contact.schoolId ? contact.id : officer.id,
      raisedAt,
      reviewedAt: reviewed ? at(reviewedOn, 14) : null,
      reviewedById: reviewed ? officer.id : null,
      resolvedAt: resolved ? at(resolvedOn, 11) : null,
      resolvedById: resolved ? officer.id : null,
      resolution: resolved
        ? rejected
          ? "Kein Mangel der Dienstleistung: Bedienfehler, Schulung vereinbart."
          : pick(RESOLUTIONS)
        : null,
    });
  }

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
    await tx.escalation.createMany({ data: escalations });
    if (nextJourFixe) {
      let position = Math.max(0, ...nextJourFixe.agendaItems.map((i) => i.position));
      for (const e of escalations.filter((x) => x.status === "IN_REVIEW").slice(0, 2)) {
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
          ratedById: e.schoolId === contact.schoolId ? contact.id : officer.id,
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

    const upgraded = schwerin.schools.filter((s) => s.upgradeStatus === "COMPLETED").slice(0, 2);
    for (const [index, school] of upgraded.entries()) {
      const started = addDays(today, -200 + index * 60);
      const completed = addDays(started, 45);
      await tx.serviceMeasure.create({
        data: {
          authorityId: schwerin.id,
          schoolId: school.id,
          kind: "UPGRADE",
          title: `Ertüchtigung nach Zielbild: ${school.name}`,
          description:
            "Netzwerk, Server, Dienste, Präsentationstechnik und Endgeräte nach dem Zielbild der KSM.",
          status: "ACCEPTED",
          startedAt: at(started, 8),
          completedAt: at(completed, 16),
          report:
            "Servicebericht: 14 Access Points, 2 Switches und 18 interaktive Tafeln installiert; Server migriert; " +
            "Endgeräte ins Gerätemanagement übernommen. Einweisung der Lehrkräfte erfolgt.",
          acceptanceRequired: true,
          acceptedAt: at(addDays(completed, 7), 10),
          acceptedById: officer.id,
          createdById: technician.id,
        },
      });
    }
  });
  const open = escalations.filter((e) => !e.resolvedAt).length;
  log(
    `Escalations: ${escalations.length} for Schwerin (${open} open), satisfaction and 2 accepted upgrades.`,
  );
}
