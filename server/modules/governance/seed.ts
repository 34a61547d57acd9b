// Demo records of the governance module: a year of weekly Jour-Fixe for Schwerin up to today
// and a few weeks ahead, two steering group meetings, agenda items, decisions (several on
// procurement requests), reviews and action items. One transaction of bulk inserts.
import { randomUUID } from "node:crypto";
import type { Database } from "../../db/client.ts";
import type {
  ActionItemStatus,
  AgendaItemKind,
  DecisionStatus,
  ProcurementCategory,
  ProcurementStatus,
  ReviewVerdict,
} from "../../db/generated/client/enums.ts";
import { addDays, berlinInstant, todayInBerlin, weekday } from "../../lib/dates.ts";
import { fromHundredths, germanDecimal } from "../../lib/units.ts";
import { isWorkingDay } from "../../lib/workdays.ts";
import { PlanCurve } from "../controlling/figures.ts";
import { indexRows, type SearchDocument } from "./search.ts";

const AUTHORITY = "Landeshauptstadt Schwerin";

interface Topic {
  title: string;
  kind: AgendaItemKind;
  notes: string;
  decision?: { title: string; text: string; status: DecisionStatus; cost?: number; school?: string };
  action?: { title: string; owner: "manager" | "officer" | "facility" };
}

const RECURRING: Topic[] = [
  {
    title: "Stand der Ertüchtigung nach Zielbild",
    kind: "INFORMATION",
    notes:
      "KSM berichtet zum Fortschritt der Ertüchtigung: Netzwerk, Server und Präsentationstechnik. Offene Punkte betreffen vor allem die Schulen mit Baumaßnahmen.",
  },
  {
    title: "Ticketstatistik Servicedesk",
    kind: "INFORMATION",
    notes:
      "Der Servicedesk meldet die Zahl der Tickets der Vorwoche, die mittlere Lösungszeit und die häufigsten Themen (Anmeldung, Drucker, WLAN, Tablets).",
  },
  {
    title: "Eskalationen aus den Schulen",
    kind: "ESCALATION",
    notes:
      "Die Schul-IT-Verantwortliche berichtet über neue Eskalationen; die Fälle werden einzeln besprochen.",
  },
];

/**
 * Topics that move on over the year: each is a story of stages, one stage per Jour-Fixe that takes
 * it up, so a decision is taken once and later meetings report on what became of it.
 */
const STORIES: Topic[][] = [
  [
    {
      title: "WLAN-Ausleuchtung Goethe-Gymnasium",
      kind: "DECISION",
      notes:
        "Die Messung zeigt Funklöcher im Altbau (Fachräume Chemie und Physik). KSM schlägt vier zusätzliche Access Points vor.",
      decision: {
        title: "Zusätzliche Access Points im Goethe-Gymnasium",
        text: "Im Altbau des Goethe-Gymnasiums werden vier zusätzliche Access Points installiert. Die Umsetzung erfolgt in den Herbstferien.",
        status: "APPROVED",
        cost: 4_800_00,
        school: "Goethe-Gymnasium Schwerin",
      },
      action: { title: "Installationstermin mit der Schulleitung abstimmen", owner: "manager" },
    },
    {
      title: "Access Points Goethe-Gymnasium: Termin",
      kind: "INFORMATION",
      notes:
        "Der Installationstermin ist mit der Schulleitung abgestimmt: erste Woche der Herbstferien; die Geräte sind geliefert.",
    },
    {
      title: "Access Points Goethe-Gymnasium: Abschluss",
      kind: "INFORMATION",
      notes:
        "Die vier Access Points sind installiert; die Kontrollmessung zeigt volle Abdeckung in den Fachräumen. Das Thema ist erledigt.",
    },
  ],
  [
    {
      title: "Medienentwicklungsplan: Fortschreibung",
      kind: "DECISION",
      notes:
        "Der Medienentwicklungsplan 2019–2024 wird fortgeschrieben. Die Kostenprognose für Endgeräte und Ersatzbeschaffung wird mit Fachdienst Finanzen abgestimmt.",
      decision: {
        title: "Gliederung der Fortschreibung des Medienentwicklungsplans",
        text: "Die Fortschreibung folgt der Gliederung des bisherigen Plans; neu kommen ein Kapitel Ersatzbeschaffung und eine Kostenprognose bis 2029 hinzu.",
        status: "APPROVED",
      },
      action: { title: "Entwurf Kapitel Ersatzbeschaffung vorlegen", owner: "officer" },
    },
    {
      title: "Medienentwicklungsplan: Entwurf Ersatzbeschaffung",
      kind: "INFORMATION",
      notes:
        "Der Entwurf des Kapitels Ersatzbeschaffung liegt vor: Endgeräte nach fünf, Präsentationstechnik nach acht Jahren. Die Kostenprognose geht an Fachdienst Finanzen.",
      action: { title: "Kostenprognose mit Fachdienst Finanzen abstimmen", owner: "officer" },
    },
    {
      title: "Medienentwicklungsplan: Vorlage an die Steuerungsgruppe",
      kind: "INFORMATION",
      notes:
        "Die Kostenprognose ist mit Fachdienst Finanzen abgestimmt. Der Entwurf geht zur Beratung an die Steuerungsgruppe.",
    },
  ],
  [
    {
      title: "Tablet-Ausstattung der Grundschulen",
      kind: "DECISION",
      notes:
        "Die Grundschulen wünschen Klassensätze Tablets. KSM stellt das Verwaltungskonzept (MDM) und die Ladeschränke vor. Offene Frage: Finanzierung über DigitalPakt-Restmittel.",
      decision: {
        title: "Tablet-Klassensätze für Grundschulen",
        text: "Jede Grundschule erhält einen Klassensatz von 16 Tablets mit Ladekoffer; die Verwaltung erfolgt zentral über das MDM der KSM. Die Entscheidung wird vertagt, bis die Finanzierung geklärt ist.",
        status: "DEFERRED",
      },
      action: { title: "Finanzierung der Tablets mit Fachdienst Finanzen klären", owner: "officer" },
    },
    {
      title: "Tablet-Ausstattung: Finanzierung",
      kind: "DECISION",
      notes:
        "Die DigitalPakt-Restmittel sind bewilligt; Fachdienst Finanzen bestätigt die Deckung der Folgekosten.",
      decision: {
        title: "Tablet-Klassensätze für Grundschulen: Freigabe",
        text: "Nach Bewilligung der DigitalPakt-Restmittel erhält jede Grundschule einen Klassensatz von 16 Tablets mit Ladekoffer; Auslieferung nach Ertüchtigung der Schule.",
        status: "APPROVED",
        cost: 62_400_00,
      },
      action: { title: "Auslieferungsplan Tablets vorlegen", owner: "manager" },
    },
    {
      title: "Tablet-Ausstattung: Auslieferung",
      kind: "INFORMATION",
      notes:
        "Die ersten Klassensätze sind an die ertüchtigten Grundschulen ausgeliefert und im MDM registriert; die übrigen folgen nach ihrer Ertüchtigung.",
      action: { title: "Auslieferung an die übrigen Grundschulen terminieren", owner: "manager" },
    },
  ],
  [
    {
      title: "Druckerkonzept Verwaltungsbereich",
      kind: "INFORMATION",
      notes:
        "Die Schulsekretariate sollen auf Multifunktionsgeräte umgestellt werden; KSM legt ein Angebot vor.",
      action: { title: "Angebot Multifunktionsgeräte einholen", owner: "manager" },
    },
    {
      title: "Multifunktionsgeräte für die Sekretariate",
      kind: "DECISION",
      notes: "Das Angebot liegt vor: 24 Geräte im Mietmodell über vier Jahre.",
      decision: {
        title: "Miete von Multifunktionsgeräten für die Schulsekretariate",
        text: "Die Schulsekretariate erhalten Multifunktionsgeräte im Mietmodell. Der Beschluss wurde aufgehoben: Das Land stellt ab dem Folgejahr einen Rahmenvertrag bereit.",
        status: "REVOKED",
        cost: 21_600_00,
      },
    },
  ],
  [
    {
      title: "Brandschutz im Serverraum Regionalschule Lankow",
      kind: "DECISION",
      notes: "Der Serverraum hat keine Brandschutztür. Das Zentrale Gebäudemanagement prüft den Umbau.",
      decision: {
        title: "Umbau Serverraum Regionalschule Lankow",
        text: "Das Zentrale Gebäudemanagement lässt eine Brandschutztür einbauen; bis dahin bleibt der Raum verschlossen.",
        status: "APPROVED",
        cost: 3_200_00,
        school: "Regionalschule Lankow",
      },
      action: { title: "Angebot Brandschutztür einholen", owner: "facility" },
    },
    {
      title: "Serverraum Regionalschule Lankow: Abschluss",
      kind: "INFORMATION",
      notes: "Die Brandschutztür ist eingebaut und abgenommen; der Serverraum ist wieder regulär zugänglich.",
    },
  ],
  [
    {
      title: "Lizenzverlängerung Lernplattform",
      kind: "DECISION",
      notes: "Die Lizenz der Lernplattform läuft zum Schuljahresende aus. Nutzung an 20 von 24 Schulen.",
      decision: {
        title: "Verlängerung der Lernplattform-Lizenz",
        text: "Die Lizenz wird für zwei Schuljahre verlängert; eine Marktsichtung erfolgt vor der nächsten Verlängerung.",
        status: "APPROVED",
        cost: 18_500_00,
      },
    },
    {
      title: "Lernplattform: Nutzung nach der Verlängerung",
      kind: "INFORMATION",
      notes:
        "Nach der Verlängerung nutzen 22 von 24 Schulen die Lernplattform; die Marktsichtung beginnt im Frühjahr.",
    },
  ],
  [
    {
      title: "Präsentationstechnik: Ersatz der Beamer",
      kind: "DECISION",
      notes:
        "Ältere Beamer fallen zunehmend aus. Vorschlag: Ersatz durch interaktive Displays schrittweise nach Ausfall.",
      decision: {
        title: "Ersatz defekter Beamer durch Displays",
        text: "Defekte Beamer werden nicht mehr repariert, sondern durch interaktive Displays ersetzt.",
        status: "REJECTED",
      },
    },
    {
      title: "Präsentationstechnik: Ersatz nach Medienentwicklungsplan",
      kind: "INFORMATION",
      notes:
        "Defekte Beamer werden bis zur Ertüchtigung der Schule repariert; den Ersatz durch Displays regelt die Fortschreibung des Medienentwicklungsplans.",
    },
  ],
];

/** The monthly report on the service order: its words are made from the ledger's figures. */
const UTILISATION_TITLE = "Ausschöpfung der Personentage";

interface Procurement {
  school: string;
  category: ProcurementCategory;
  title: string;
  justification: string;
  cost: number;
  decision: DecisionStatus;
  /** Weeks before today that the Jour-Fixe decided it; null: still waiting for the agenda. */
  weeksAgo: number | null;
  status: ProcurementStatus;
}

const PROCUREMENTS: Procurement[] = [
  {
    school: "Grundschule Lankow",
    category: "HARDWARE",
    title: "Tablet-Koffer mit 16 iPads",
    justification:
      "Für den Unterricht in Klasse 3 und 4 fehlen Endgeräte; der Medienentwicklungsplan sieht einen Koffer je Jahrgang vor.",
    cost: 9_600_00,
    decision: "APPROVED",
    weeksAgo: 40,
    status: "ACCEPTED",
  },
  {
    school: "Erasmus-Gymnasium Schwerin",
    category: "SOFTWARE",
    title: "Lizenzen Geometriesoftware",
    justification: "Die Fachschaft Mathematik braucht Schullizenzen für die Oberstufe.",
    cost: 1_450_00,
    decision: "APPROVED",
    weeksAgo: 33,
    status: "ACCEPTED",
  },
  {
    school: "Förderschule am Fernsehturm",
    category: "SPECIAL_EQUIPMENT",
    title: "Braillezeile und Vergrößerungssoftware",
    justification:
      "Eine sehbehinderte Schülerin braucht eine barrierefreie Ausstattung ab dem zweiten Halbjahr.",
    cost: 6_900_00,
    decision: "APPROVED",
    weeksAgo: 26,
    status: "DELIVERED",
  },
  {
    school: "Goethe-Gymnasium Schwerin",
    category: "NETWORK_INFRASTRUCTURE",
    title: "Glasfaseranbindung Sporthalle",
    justification: "Die Sporthalle soll für Prüfungen und digitale Sportanalyse ans Schulnetz.",
    cost: 12_300_00,
    decision: "APPROVED",
    weeksAgo: 20,
    status: "ORDERED",
  },
  {
    school: "Berufliche Schule der Landeshauptstadt Schwerin – Technik",
    category: "SPECIAL_EQUIPMENT",
    title: "CNC-Steuerungssimulator",
    justification: "Die Ausbildung Zerspanungsmechanik braucht einen Simulator für 12 Plätze.",
    cost: 24_000_00,
    decision: "REJECTED",
    weeksAgo: 14,
    status: "REJECTED",
  },
  {
    school: "Grundschule Krebsförden",
    category: "HARDWARE",
    title: "Dokumentenkameras für vier Klassenräume",
    justification:
      "Die Klassenräume erhalten Displays; ohne Dokumentenkamera können Arbeitsblätter nicht gezeigt werden.",
    cost: 1_960_00,
    decision: "APPROVED",
    weeksAgo: 6,
    status: "APPROVED",
  },
  {
    school: "Regionalschule Am Mueßer Berg",
    category: "SOFTWARE",
    title: "Lernsoftware Deutsch als Zweitsprache",
    justification:
      "Viele Schülerinnen und Schüler in Willkommensklassen; die Software unterstützt Einzelförderung.",
    cost: 2_400_00,
    decision: "DEFERRED",
    weeksAgo: 2,
    status: "ON_AGENDA",
  },
  {
    school: "Grundschule Lankow",
    category: "HARDWARE",
    title: "Zwei zusätzliche Laptops für das Lehrerzimmer",
    justification: "Die Lehrkräfte teilen sich derzeit einen Rechner für die Unterrichtsvorbereitung.",
    cost: 1_800_00,
    decision: "PROPOSED",
    weeksAgo: null,
    status: "RAISED",
  },
];

const VERDICTS: ReviewVerdict[] = ["APPROVE", "ACKNOWLEDGE", "APPROVE", "APPROVE", "ACKNOWLEDGE", "ABSTAIN"];

export async function seedGovernance(db: Database, log: (line: string) => void): Promise<void> {
  const authority = await db.read.schoolAuthority.findUnique({
    where: { name: AUTHORITY },
    include: { schools: true, steeringGroup: { include: { members: { orderBy: { createdAt: "asc" } } } } },
  });
  if (!authority) return;
  const people = await db.read.user.findMany({
    where: {
      email: {
        in: [
          "servicemanager@ksm.example",
          "schul-it@schwerin.example",
          "gebaeude@schwerin.example",
          "schule@schwerin.example",
        ],
      },
    },
  });
  const person = (email: string) => people.find((p) => p.email === email)?.id;
  const manager = person("servicemanager@ksm.example");
  const officer = person("schul-it@schwerin.example");
  const facility = person("gebaeude@schwerin.example");
  const schoolContact = person("schule@schwerin.example");
  if (!manager || !officer || !facility || !schoolContact) return;
  const owners = { manager, officer, facility };
  const members = authority.steeringGroup?.members.map((m) => m.userId) ?? [];
  const school = (name: string) => authority.schools.find((s) => s.name === name)?.id ?? null;

  const today = todayInBerlin();
  const now = new Date();
  const utilisation = await utilisationReports(db, authority.id);
  let first = addDays(today, -364);
  while (weekday(first) !== 4) first = addDays(first, 1);
  const dates: string[] = [];
  // A Jour-Fixe on a public holiday (Ascension Day, Christmas, New Year) moves to the next working day.
  for (let date = first; date <= addDays(today, 28); date = addDays(date, 7)) {
    let day = date;
    while (!isWorkingDay(day, "MV")) day = addDays(day, 1);
    dates.push(day);
  }
  const pastDates = dates.filter((d) => berlinInstant(d, "10:00") < now);
  const latestPast = pastDates.at(-1);
  // The Jour-Fixe between the holidays is cancelled.
  const christmas = (date: string) => date.slice(5) >= "12-22" && date.slice(5) <= "12-31";

  const seriesId = randomUUID();
  const meetings: {
    id: string;
    authorityId: string;
    seriesId: string | null;
    kind: "JOUR_FIXE" | "STEERING_GROUP";
    title: string;
    scheduledAt: Date;
    durationMinutes: number;
    location: string;
    status: "SCHEDULED" | "CANCELLED";
    cancelReason: string | null;
    minutesStatus: "DRAFT" | "FINAL";
    finalizedAt: Date | null;
    finalizedById: string | null;
  }[] = [];
  const participants: { meetingId: string; userId: string; invited: boolean; attended: boolean }[] = [];
  const agenda: {
    id: string;
    meetingId: string;
    position: number;
    title: string;
    kind: AgendaItemKind;
    status: "OPEN" | "DONE";
    presenterId: string | null;
    notes: string;
    procurementRequestId: string | null;
  }[] = [];
  const decisions: {
    id: string;
    authorityId: string;
    meetingId: string;
    agendaItemId: string;
    title: string;
    text: string;
    status: DecisionStatus;
    statusReason: string | null;
    schoolId: string | null;
    procurementRequestId: string | null;
    costImpactCents: bigint | null;
    followUpDate: string | null;
    decidedOn: string;
    createdById: string;
  }[] = [];
  const actions: {
    authorityId: string;
    meetingId: string;
    agendaItemId: string;
    title: string;
    ownerId: string;
    dueDate: string;
    status: ActionItemStatus;
    completedAt: Date | null;
  }[] = [];
  const docs: (SearchDocument & { id: string })[] = [];

  const addMeeting = (date: string, kind: "JOUR_FIXE" | "STEERING_GROUP", index: number) => {
    const id = randomUUID();
    const scheduledAt = berlinInstant(date, kind === "JOUR_FIXE" ? "10:00" : "14:00");
    const past = scheduledAt < now;
    const cancelled = christmas(date) && kind === "JOUR_FIXE";
    const final = past && !cancelled && date !== latestPast;
    meetings.push({
      id,
      authorityId: authority.id,
      seriesId: kind === "JOUR_FIXE" ? seriesId : null,
      kind,
      title:
        kind === "JOUR_FIXE"
          ? "Jour-Fixe Schul-IT"
          : `Steuerungsgruppe Schul-IT ${index}/${date.slice(0, 4)}`,
      scheduledAt,
      durationMinutes: kind === "JOUR_FIXE" ? 60 : 120,
      location: kind === "JOUR_FIXE" ? "Stadthaus, Raum 3.021" : "Stadthaus, Sitzungssaal",
      status: cancelled ? "CANCELLED" : "SCHEDULED",
      cancelReason: cancelled ? "Weihnachtsferien" : null,
      minutesStatus: final ? "FINAL" : "DRAFT",
      finalizedAt: final ? new Date(scheduledAt.getTime() + 2 * 86_400_000) : null,
      finalizedById: final ? manager : null,
    });
    const invited = kind === "JOUR_FIXE" ? [manager, officer] : members;
    for (const [position, userId] of invited.entries()) {
      participants.push({
        meetingId: id,
        userId,
        invited: true,
        // The coordinators attend every meeting held; now and then another member sends apologies.
        attended:
          past && !cancelled && (userId === manager || userId === officer || (index + position) % 5 !== 4),
      });
    }
    return { id, date, past, cancelled, final };
  };

  const addItem = (
    meetingId: string,
    date: string,
    position: number,
    topic: Topic,
    done: boolean,
    requestId: string | null = null,
  ) => {
    const id = randomUUID();
    agenda.push({
      id,
      meetingId,
      position,
      title: topic.title,
      kind: topic.kind,
      status: done ? "DONE" : "OPEN",
      presenterId: topic.kind === "ESCALATION" ? officer : manager,
      notes: topic.notes,
      procurementRequestId: requestId,
    });
    docs.push({
      id: randomUUID(),
      authorityId: authority.id,
      kind: "AGENDA_ITEM",
      objectId: id,
      meetingId,
      date,
      title: topic.title,
      body: topic.notes,
    });
    return id;
  };

  const addDecision = (
    meetingId: string,
    agendaItemId: string,
    date: string,
    d: NonNullable<Topic["decision"]>,
    extra: { procurementRequestId?: string; statusReason?: string } = {},
  ) => {
    const id = randomUUID();
    decisions.push({
      id,
      authorityId: authority.id,
      meetingId,
      agendaItemId,
      title: d.title,
      text: d.text,
      status: d.status,
      statusReason: extra.statusReason ?? null,
      schoolId: d.school ? school(d.school) : null,
      procurementRequestId: extra.procurementRequestId ?? null,
      costImpactCents: d.cost == null ? null : BigInt(d.cost),
      followUpDate: d.status === "DEFERRED" ? addDays(date, 28) : null,
      decidedOn: date,
      createdById: manager,
    });
    docs.push({
      id: randomUUID(),
      authorityId: authority.id,
      kind: "DECISION",
      objectId: id,
      meetingId,
      date,
      title: d.title,
      body: d.text,
    });
    return id;
  };

  const jourFixe = dates.map((date, index) => addMeeting(date, "JOUR_FIXE", index));
  const held = jourFixe.filter((m) => m.past && !m.cancelled);

  // Procurement requests: raised a few weeks before the Jour-Fixe that decided them.
  const requests = PROCUREMENTS.map((p) => {
    const meeting = p.weeksAgo == null ? null : held[Math.max(0, held.length - 1 - p.weeksAgo)];
    return { ...p, id: randomUUID(), meeting };
  });

  // The stories' stages, one after the other across the year, interleaved between the topics.
  const stages: { topic: Topic; story: number; stage: number }[] = [];
  for (let stage = 0; stages.length < STORIES.reduce((n, story) => n + story.length, 0); stage++) {
    STORIES.forEach((story, i) => {
      const topic = story[stage];
      if (topic) stages.push({ topic, story: i, stage });
    });
  }
  const stageAt = new Map<number, (typeof stages)[number]>();
  stages.forEach((stage, i) => {
    // Spread over the meetings held, never on the latest one (its minutes are still a draft).
    stageAt.set(Math.floor((i * Math.max(1, held.length - 1)) / stages.length), stage);
  });
  const reportedMonths = new Set<string>();

  held.forEach((meeting, index) => {
    let position = 1;
    const recurring = RECURRING[index % RECURRING.length] as Topic;
    addItem(meeting.id, meeting.date, position++, recurring, true);
    // The first Jour-Fixe of a month reports on the service order up to the end of the month before.
    const month = meeting.date.slice(0, 7);
    if (!reportedMonths.has(month) && utilisation) {
      reportedMonths.add(month);
      const report = utilisation(meeting.date);
      if (report) {
        const itemId = addItem(
          meeting.id,
          meeting.date,
          position++,
          { title: UTILISATION_TITLE, kind: "INFORMATION", notes: report.notes },
          meeting.final,
        );
        {
          const dueDate = addDays(meeting.date, 14);
          const open = dueDate >= addDays(today, -35);
          actions.push({
            authorityId: authority.id,
            meetingId: meeting.id,
            agendaItemId: itemId,
            title: report.action.title,
            ownerId: owners[report.action.owner],
            dueDate,
            status: open ? "OPEN" : "DONE",
            completedAt: open ? null : berlinInstant(addDays(meeting.date, 10), "12:00"),
          });
        }
      }
    }
    const stage = stageAt.get(index);
    if (stage) {
      const { topic } = stage;
      const itemId = addItem(
        meeting.id,
        meeting.date,
        position++,
        topic,
        meeting.final && topic.decision?.status !== "DEFERRED",
      );
      if (topic.decision) {
        const revoked = topic.decision.status === "REVOKED";
        addDecision(
          meeting.id,
          itemId,
          meeting.date,
          topic.decision,
          revoked
            ? {
                statusReason:
                  "Das Land stellt ab dem Folgejahr einen Rahmenvertrag bereit; Neuplanung im Haushalt des Folgejahres.",
              }
            : {},
        );
      }
      if (topic.action) {
        const dueDate = addDays(meeting.date, 14);
        const open = dueDate >= addDays(today, -35);
        actions.push({
          authorityId: authority.id,
          meetingId: meeting.id,
          agendaItemId: itemId,
          title: topic.action.title,
          ownerId: owners[topic.action.owner],
          dueDate,
          status: open ? "OPEN" : index % 11 === 5 ? "CANCELLED" : "DONE",
          completedAt: open ? null : berlinInstant(addDays(meeting.date, 10), "12:00"),
        });
      }
    }
    for (const request of requests.filter((r) => r.meeting?.id === meeting.id)) {
      const requestItem = addItem(
        meeting.id,
        meeting.date,
        position++,
        {
          title: `Beschaffungsanfrage: ${request.title}`,
          kind: "PROCUREMENT",
          notes: `${request.school}: ${request.justification}`,
        },
        meeting.final && request.decision !== "DEFERRED",
        request.id,
      );
      addDecision(
        meeting.id,
        requestItem,
        meeting.date,
        {
          title: `Beschaffung: ${request.title} (${request.school})`,
          text:
            request.decision === "APPROVED"
              ? `Die Beschaffung wird freigegeben. KSM bestellt und liefert; ${request.category === "NETWORK_INFRASTRUCTURE" ? "als Netzwerkinfrastruktur ohne Abnahme." : "die Abnahme erfolgt durch die IT-Abteilung der Stadt."}`
              : request.decision === "REJECTED"
                ? "Die Beschaffung wird abgelehnt: Die Ausstattung gehört nicht zum Zielbild; die Schule prüft eine Landesförderung."
                : "Die Entscheidung wird vertagt; die Schule legt ein Vergleichsangebot vor.",
          status: request.decision,
          cost: request.cost,
          school: request.school,
        },
        { procurementRequestId: request.id },
      );
    }
  });

  // The next Jour-Fixe already has its recurring items on the agenda.
  const next = jourFixe.find((m) => !m.past && !m.cancelled);
  if (next) {
    addItem(next.id, next.date, 1, RECURRING[0] as Topic, false);
    addItem(next.id, next.date, 2, RECURRING[2] as Topic, false);
  }

  // The steering group: in December it recommends commissioning next year's service order (the
  // decision the order cites), in spring it advises on the media development plan, in autumn on
  // next year's volume.
  const year = Number(today.slice(0, 4));
  const steeringDate = (from: string) => {
    let date = from;
    while (weekday(date) !== 2 || !isWorkingDay(date, "MV")) date = addDays(date, 1);
    return date;
  };
  const steering: [number, string, Topic][] = [
    ...[year - 2, year - 1].map((y): [number, string, Topic] => [
      2,
      steeringDate(`${y}-12-01`),
      {
        title: `Serviceschein ${y + 1}`,
        kind: "DECISION",
        notes: `Die Wirtschaftsplanung ${y + 1} ist mit dem Haushalt abgestimmt. KSM legt den Entwurf des Servicescheins vor: ${y + 1 === year ? "420 PT (Support 300, Ertüchtigung 80, Beratung 40)" : "360 PT (Support 260, Ertüchtigung 60, Beratung 40)"}.`,
        decision: {
          title: `Beauftragung des Servicescheins ${y + 1}`,
          text: `Die Steuerungsgruppe empfiehlt, die KSM mit dem Serviceschein ${y + 1} zu beauftragen. Die Fachgruppe IuK beauftragt als Auftraggeberin; die Mittel stehen im Teilhaushalt Schulen bereit.`,
          status: "APPROVED",
        },
      },
    ]),
    [
      1,
      steeringDate(addDays(today, -7 * 30)),
      {
        title: "Fortschreibung Medienentwicklungsplan 2025–2029",
        kind: "DECISION",
        notes: "Die Steuerungsgruppe berät den Entwurf der Fortschreibung und die Kostenprognose.",
        decision: {
          title: "Entwurf der Fortschreibung des Medienentwicklungsplans",
          text: "Die Steuerungsgruppe empfiehlt dem Fachausschuss den Entwurf der Fortschreibung mit Kostenprognose zur Beschlussfassung.",
          status: "APPROVED",
        },
      },
    ],
    [
      2,
      steeringDate(addDays(today, -7 * 4)),
      {
        title: "Serviceschein für das kommende Jahr",
        kind: "DECISION",
        notes:
          "Die Wirtschaftsplanung für das kommende Jahr wird vorgestellt; der Bedarf an Personentagen steigt wegen der Tablet-Ausstattung.",
        decision: {
          title: "Personentage im Serviceschein des kommenden Jahres",
          text: "Die Steuerungsgruppe empfiehlt, das Volumen an Personentagen um 10 % zu erhöhen; Fachdienst Finanzen prüft die Deckung im Haushalt.",
          status: "PROPOSED",
        },
      },
    ],
  ];
  for (const [n, date, topic] of steering) {
    const meeting = addMeeting(date, "STEERING_GROUP", n);
    const report = utilisation?.(date);
    const items: Topic[] = [
      {
        title: "Bericht zur Ausschöpfung des Servicescheins",
        kind: "INFORMATION",
        notes:
          report?.notes ??
          "KSM und Fachdienst Finanzen berichten über Personentage, Rechnungen und Leistungsnachweise.",
      },
      topic,
    ];
    items.forEach((item, i) => {
      const itemId = addItem(meeting.id, date, i + 1, item, meeting.final);
      if (item.decision) addDecision(meeting.id, itemId, date, item.decision);
    });
  }

  // Reviews: older decisions are reviewed by every member, recent ones only by some.
  const reviews: {
    decisionId: string;
    reviewerId: string;
    verdict: ReviewVerdict;
    comment: string | null;
    current: boolean;
    createdAt: Date;
  }[] = [];
  const recent = addDays(today, -21);
  decisions.forEach((decision, i) => {
    const reviewers = decision.decidedOn < recent ? members : members.slice(0, i % members.length);
    reviewers.forEach((reviewerId, j) => {
      const at = berlinInstant(addDays(decision.decidedOn, 2 + j), "09:00");
      const verdict = VERDICTS[(i + j) % VERDICTS.length] as ReviewVerdict;
      if (i % 7 === 2 && j === 1) {
        // A member objected first and approved after the explanation: the history is kept.
        reviews.push({
          decisionId: decision.id,
          reviewerId,
          verdict: "OBJECT",
          comment: "Die Folgekosten sind im Haushalt nicht abgebildet.",
          current: false,
          createdAt: at,
        });
        reviews.push({
          decisionId: decision.id,
          reviewerId,
          verdict: "APPROVE",
          comment: "Nach Erläuterung der Finanzierung einverstanden.",
          current: true,
          createdAt: new Date(at.getTime() + 3 * 86_400_000),
        });
        return;
      }
      reviews.push({
        decisionId: decision.id,
        reviewerId,
        verdict,
        comment: verdict === "ABSTAIN" ? "Nicht mein Zuständigkeitsbereich." : null,
        current: true,
        createdAt: at,
      });
    });
  });

  const index = indexRows(docs);
  await db.transact(async (tx) => {
    await tx.meetingSeries.create({
      data: {
        id: seriesId,
        authorityId: authority.id,
        kind: "JOUR_FIXE",
        title: "Jour-Fixe Schul-IT",
        weekday: 4,
        startTime: "10:00",
        durationMinutes: 60,
        startDate: first,
        count: dates.length,
        createdById: manager,
      },
    });
    await tx.meeting.createMany({ data: meetings });
    await tx.meetingParticipant.createMany({ data: participants });
    await tx.procurementRequest.createMany({
      data: requests.map((r) => {
        const decided = r.meeting ? berlinInstant(r.meeting.date, "11:00") : null;
        const later = (days: number) => (decided ? new Date(decided.getTime() + days * 86_400_000) : null);
        const reached = (s: ProcurementStatus) =>
          ["ORDERED", "DELIVERED", "ACCEPTED"].indexOf(r.status) >=
          ["ORDERED", "DELIVERED", "ACCEPTED"].indexOf(s);
        return {
          id: r.id,
          authorityId: authority.id,
          schoolId: school(r.school) ?? authority.schools[0]?.id ?? "",
          category: r.category,
          title: r.title,
          justification: r.justification,
          estimatedCostCents: BigInt(r.cost),
          status: r.status,
          raisedById: r.school === "Grundschule Lankow" ? schoolContact : officer,
          createdAt: decided ? new Date(decided.getTime() - 14 * 86_400_000) : addDaysInstant(now, -5),
          orderedAt: reached("ORDERED") ? later(7) : null,
          deliveredAt: reached("DELIVERED") ? later(35) : null,
          acceptedAt: r.status === "ACCEPTED" ? later(42) : null,
          acceptedById: r.status === "ACCEPTED" ? officer : null,
        };
      }),
    });
    await tx.agendaItem.createMany({ data: agenda });
    await tx.decision.createMany({ data: decisions });
    await tx.decisionReview.createMany({ data: reviews });
    await tx.actionItem.createMany({ data: actions });
    await tx.searchEntry.createMany({ data: index.entries });
    await tx.searchTerm.createMany({ data: index.terms });
  });
  log(
    `Governance: ${meetings.length} meetings, ${agenda.length} agenda items, ${decisions.length} decisions, ` +
      `${reviews.length} reviews, ${actions.length} action items, ${requests.length} procurement requests.`,
  );
}

const germanDate = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
const pt = (hundredths: number) => germanDecimal(fromHundredths(hundredths));
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part * 100) / whole) : 0);

/**
 * The words of the monthly report on the service order, made from the ledger (seeded before this
 * module): the figures at the end of the month before the meeting, each line against its plan,
 * and a line over its volume with the amendment proposed for it.
 */
async function utilisationReports(db: Database, authorityId: string) {
  const orders = await db.read.serviceOrder.findMany({
    where: { authorityId, status: { in: ["ACTIVE", "CLOSED"] } },
    include: {
      lines: { orderBy: { position: "asc" } },
      dailyTotals: { select: { lineId: true, date: true, personDays: true } },
      amendments: { where: { status: "PROPOSED" } },
    },
  });
  if (orders.length === 0) return null;
  type Report = { notes: string; action: { title: string; owner: "manager" | "officer" } };
  return (meetingDate: string): Report | null => {
    const asOf = addDays(`${meetingDate.slice(0, 7)}-01`, -1);
    const order = orders.find((o) => o.validFrom <= asOf && asOf <= o.validTo);
    if (!order) return null;
    const curve = new PlanCurve(order);
    const lines = order.lines.map((line) => {
      const consumed = order.dailyTotals
        .filter((t) => t.lineId === line.id && t.date <= asOf)
        .reduce((sum, t) => sum + t.personDays, 0);
      return { line, consumed, planned: curve.plannedConsumed(line.volume, asOf) };
    });
    const consumed = lines.reduce((sum, l) => sum + l.consumed, 0);
    const volume = lines.reduce((sum, l) => sum + l.line.volume, 0);
    const planned = lines.reduce((sum, l) => sum + l.planned, 0);
    const parts = lines.map(({ line, consumed: used, planned: plan }) => {
      const margin = order.burnMarginPct * line.volume;
      const state =
        used > line.volume
          ? "überschritten"
          : (used - plan) * 100 > margin
            ? "deutlich über Plan"
            : used > plan
              ? "über Plan"
              : (plan - used) * 100 > margin
                ? "unter Plan"
                : "im Plan";
      return `${line.name} ${pt(used)} von ${pt(line.volume)} PT (${pct(used, line.volume)} %, ${state})`;
    });
    let notes =
      `Stand ${germanDate(asOf)}: ${pt(consumed)} von ${pt(volume)} PT verbraucht (${pct(consumed, volume)} %), ` +
      `Plan ${pct(planned, volume)} %. ${parts.join("; ")}.`;
    let action: { title: string; owner: "manager" | "officer" } = {
      title: `Bericht zur Ausschöpfung (${germanDate(asOf)}) an Fachdienst Finanzen senden`,
      owner: "manager",
    };
    for (const { line } of lines.filter((l) => l.consumed > l.line.volume)) {
      const proposal = order.amendments.find(
        (a) => a.lineId === line.id && berlinDateOf(a.createdAt) <= meetingDate,
      );
      if (proposal) {
        notes += ` Für „${line.name}“ hat KSM einen Nachtrag auf ${pt(proposal.newVolume)} PT vorgeschlagen; die Fachgruppe IuK prüft ihn.`;
        action = { title: `Nachtrag für „${line.name}“ prüfen und entscheiden`, owner: "officer" };
      } else {
        notes += ` Die Leistungsart „${line.name}“ ist ausgeschöpft; KSM bereitet einen Nachtrag vor.`;
        action = { title: `Nachtrag für „${line.name}“ vorlegen`, owner: "manager" };
      }
    }
    return { notes, action };
  };
}

const berlinDateOf = (instant: Date) => todayInBerlin(instant);

function addDaysInstant(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * 86_400_000);
}
