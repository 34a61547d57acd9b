// Demo media development plans. Schwerin (seed 002): the plan 2019–2024, adopted by the steering
// group in 2019 and superseded by its update 2025–2029 (Fortschreibung, with replacement of
// devices and presentation technology), which the steering group adopted this spring and which
// carries over the upgrades 2024 did not finish. Its actuals are the demo's own: the accepted
// upgrades (with the upgrade bookings of the ledger) and the accepted procurement requests.
// Parchim (seed 000): the plan the provider drafts (equipment and operating concept), still a
// draft; Parchim has no steering group in the demo to adopt it. Runs after the governance,
// controlling and escalations seeds; one transaction of bulk inserts, no audit entries (as the
// other seeds write none).
import type { Database } from "../../db/client.ts";
import type {
  EquipmentCategory,
  PlannedMeasureStatus,
  SchoolKind,
  UpgradeStatus,
} from "../../db/generated/client/enums.ts";
import { addDays, berlinDate, berlinInstant, todayInBerlin } from "../../lib/dates.ts";
import { indexRows, type SearchDocument } from "../governance/search.ts";
import { defaultServiceLine } from "./service.ts";

const SCHWERIN = "Landeshauptstadt Schwerin";
const PARCHIM = "Stadt Parchim";
/** The steering group's decision of the governance seed that recommends the update. */
const UPDATE_DECISION = "Entwurf der Fortschreibung des Medienentwicklungsplans";
/** Seed 002: the completion of every upgrade was the focus of 2024, the last year of the first plan. */
const FIRST_PLAN_END = 2024;

const eur = (whole: number) => BigInt(whole) * 100n;

interface Cost {
  cents: bigint;
  /** Hundredths of a person-day. */
  days: number;
}

/** The upgrade to the provider's target picture, by kind of school: what the 2019 plan costed. */
const UPGRADE: Record<SchoolKind, Record<"NETWORK" | "SERVER" | "PRESENTATION" | "TRAINING", Cost>> = {
  PRIMARY: {
    NETWORK: { cents: eur(36_400), days: 9_00 },
    SERVER: { cents: eur(7_850), days: 3_50 },
    PRESENTATION: { cents: eur(28_600), days: 2_50 },
    TRAINING: { cents: 0n, days: 1_50 },
  },
  REGIONAL: {
    NETWORK: { cents: eur(48_900), days: 12_00 },
    SERVER: { cents: eur(9_400), days: 4_00 },
    PRESENTATION: { cents: eur(41_250), days: 3_50 },
    TRAINING: { cents: 0n, days: 2_00 },
  },
  GRAMMAR: {
    NETWORK: { cents: eur(61_700), days: 14_50 },
    SERVER: { cents: eur(11_200), days: 4_50 },
    PRESENTATION: { cents: eur(55_000), days: 4_00 },
    TRAINING: { cents: 0n, days: 2_50 },
  },
  COMPREHENSIVE: {
    NETWORK: { cents: eur(66_300), days: 15_00 },
    SERVER: { cents: eur(11_200), days: 4_50 },
    PRESENTATION: { cents: eur(59_400), days: 4_50 },
    TRAINING: { cents: 0n, days: 2_50 },
  },
  SPECIAL_NEEDS: {
    NETWORK: { cents: eur(29_800), days: 8_00 },
    SERVER: { cents: eur(7_850), days: 3_50 },
    PRESENTATION: { cents: eur(22_000), days: 2_00 },
    TRAINING: { cents: 0n, days: 1_50 },
  },
  VOCATIONAL: {
    NETWORK: { cents: eur(74_500), days: 16_00 },
    SERVER: { cents: eur(14_900), days: 5_50 },
    PRESENTATION: { cents: eur(47_300), days: 4_00 },
    TRAINING: { cents: 0n, days: 2_50 },
  },
};

const UPGRADE_TITLE = {
  NETWORK: "Ertüchtigung nach Zielbild: Netzwerk und WLAN",
  SERVER: "Ertüchtigung nach Zielbild: Schulserver und Dienste",
  PRESENTATION: "Präsentationstechnik in allen Unterrichtsräumen",
  TRAINING: "Einweisung der Lehrkräfte nach der Ertüchtigung",
} as const;

/** The update's replacement cycle (its new chapter): devices after five to six years, projectors after eight. */
const REPLACEMENT: Record<SchoolKind, { devices: Cost; displays: Cost }> = {
  PRIMARY: { devices: { cents: eur(14_400), days: 2_00 }, displays: { cents: eur(33_000), days: 3_00 } },
  REGIONAL: { devices: { cents: eur(21_600), days: 2_50 }, displays: { cents: eur(46_200), days: 4_00 } },
  GRAMMAR: { devices: { cents: eur(28_800), days: 3_00 }, displays: { cents: eur(59_400), days: 5_00 } },
  COMPREHENSIVE: {
    devices: { cents: eur(32_400), days: 3_50 },
    displays: { cents: eur(66_000), days: 5_50 },
  },
  SPECIAL_NEEDS: {
    devices: { cents: eur(10_800), days: 1_50 },
    displays: { cents: eur(19_800), days: 2_00 },
  },
  VOCATIONAL: { devices: { cents: eur(36_000), days: 4_00 }, displays: { cents: eur(52_800), days: 4_50 } },
};

const DEVICES_TARGET: Record<SchoolKind, string> = {
  PRIMARY: "Ein Tablet-Koffer (16 Geräte) je Jahrgang ab Klasse 3; Dienstgeräte für alle Lehrkräfte.",
  REGIONAL: "Tablet-Klassensätze ab Klasse 7, ein Computerraum; Dienstgeräte für alle Lehrkräfte.",
  GRAMMAR: "Tablet-Klassensätze ab Klasse 7, zwei Computerräume; Dienstgeräte für alle Lehrkräfte.",
  COMPREHENSIVE: "Tablet-Klassensätze ab Klasse 5, zwei Computerräume; Dienstgeräte für alle Lehrkräfte.",
  SPECIAL_NEEDS: "Tablets nach Förderbedarf, barrierefreie Arbeitsplätze; Dienstgeräte für alle Lehrkräfte.",
  VOCATIONAL:
    "Laptop-Klassensätze, Fachräume CAD/CNC nach Ausbildungsberuf; Dienstgeräte für alle Lehrkräfte.",
};

/** The target picture (Zielbild) as the plans state it; the update adds the replacement cycle and training. */
function targets(kind: SchoolKind, update: boolean): [EquipmentCategory, string][] {
  return [
    [
      "NETWORK",
      "Strukturierte Verkabelung, WLAN in allen Unterrichts- und Fachräumen, zentral verwaltete Switches.",
    ],
    ["SERVER", "Schulserver mit zentraler Datensicherung im kommunalen Rechenzentrum."],
    [
      "SERVICES",
      "Zentrale Anmeldung, Lernplattform, Geräteverwaltung (MDM), Jugendschutzfilter; Support über den Service-Desk.",
    ],
    [
      "PRESENTATION",
      update
        ? "Interaktives Display mit Dokumentenkamera in jedem Unterrichtsraum; Beamer werden nach acht Jahren ersetzt."
        : "Beamer oder interaktives Display mit Dokumentenkamera in jedem Unterrichtsraum.",
    ],
    [
      "DEVICES",
      update ? `${DEVICES_TARGET[kind]} Ersatzbeschaffung nach sechs Jahren.` : DEVICES_TARGET[kind],
    ],
    ...(update
      ? ([
          [
            "TRAINING",
            "Einweisung aller Lehrkräfte nach der Ertüchtigung; Fortbildungen über das städtische Medienzentrum.",
          ],
        ] as [EquipmentCategory, string][])
      : []),
  ];
}

interface School {
  id: string;
  name: string;
  kind: SchoolKind;
  upgradeStatus: UpgradeStatus;
}

interface MeasureRow {
  id: string;
  planId: string;
  schoolId: string;
  category: EquipmentCategory;
  title: string;
  year: number;
  investmentCents: bigint;
  personDays: number;
  serviceLine: string;
  status: PlannedMeasureStatus;
  carriedFromYear: number | null;
  createdAt: Date;
}

export async function seedPlans(db: Database, log: (line: string) => void): Promise<void> {
  const today = todayInBerlin();
  const [authorities, people, upgrades, requests, decision] = await Promise.all([
    db.read.schoolAuthority.findMany({
      where: { name: { in: [SCHWERIN, PARCHIM] } },
      include: {
        schools: { select: { id: true, name: true, kind: true, upgradeStatus: true } },
        steeringGroup: { include: { members: { orderBy: { createdAt: "asc" } } } },
      },
    }),
    db.read.user.findMany({
      where: { email: { in: ["servicemanager@ksm.example", "schul-it@schwerin.example"] } },
      select: { id: true, email: true },
    }),
    db.read.serviceMeasure.findMany({
      where: { authority: { name: { in: [SCHWERIN, PARCHIM] } }, kind: "UPGRADE", status: "ACCEPTED" },
      select: { id: true, schoolId: true, startedAt: true, completedAt: true, acceptedAt: true },
    }),
    db.read.procurementRequest.findMany({
      where: { authority: { name: SCHWERIN }, status: { in: ["ACCEPTED", "ORDERED"] } },
      select: { id: true, schoolId: true, title: true },
    }),
    db.read.decision.findFirst({
      where: {
        authority: { name: SCHWERIN },
        title: UPDATE_DECISION,
        status: "APPROVED",
        meeting: { kind: "STEERING_GROUP" },
      },
      select: { id: true, decidedOn: true },
    }),
  ]);
  const schwerin = authorities.find((a) => a.name === SCHWERIN);
  const parchim = authorities.find((a) => a.name === PARCHIM);
  const manager = people.find((p) => p.email === "servicemanager@ksm.example")?.id;
  const officer = people.find((p) => p.email === "schul-it@schwerin.example")?.id;
  if (!schwerin || !parchim || !manager || !officer || !decision) return;
  const upgradeOf = new Map(upgrades.map((u) => [u.schoolId, u]));
  const bySchoolName = (a: School, b: School) => a.name.localeCompare(b.name, "de");
  const measures: MeasureRow[] = [];
  const links: {
    plannedMeasureId: string;
    serviceMeasureId?: string;
    procurementRequestId?: string;
    createdAt: Date;
  }[] = [];
  const planTargets: {
    planId: string;
    schoolId: string;
    category: EquipmentCategory;
    description: string;
  }[] = [];
  const measure = (row: Omit<MeasureRow, "id" | "serviceLine" | "carriedFromYear"> & Partial<MeasureRow>) => {
    const full: MeasureRow = {
      id: `${row.planId}-m${String(measures.length + 1).padStart(3, "0")}`,
      serviceLine: defaultServiceLine(row.category),
      carriedFromYear: null,
      ...row,
    };
    measures.push(full);
    return full;
  };

  // --- Schwerin: the first plan, adopted by the steering group in November 2019 -----------------
  const firstId = "demo-mep-schwerin-1";
  const updateId = "demo-mep-schwerin-2";
  const meetingId = "demo-mep-steering-2019";
  const agendaItemId = "demo-mep-steering-2019-top1";
  const firstDecisionId = "demo-mep-decision-2019";
  const firstDecidedOn = "2019-11-12";
  const firstCreated = berlinInstant("2019-09-02", "09:00");
  const firstAdopted = berlinInstant(firstDecidedOn, "16:30");
  const updateAdopted = berlinInstant(decision.decidedOn, "16:30");
  // The provider opened the update three months before the steering group recommended it.
  const updateCreated = berlinInstant(addDays(decision.decidedOn, -90), "09:00");
  const members = schwerin.steeringGroup?.members.map((m) => m.userId) ?? [];
  const schwerinSchools = [...schwerin.schools].sort(bySchoolName);
  const acceptedYear = (school: School) => {
    const accepted = upgradeOf.get(school.id)?.acceptedAt;
    return accepted ? Number(berlinDate(accepted).slice(0, 4)) : null;
  };
  const acceptedBefore = (school: School, instant: Date) => {
    const accepted = upgradeOf.get(school.id)?.acceptedAt;
    return accepted !== undefined && accepted !== null && accepted < instant;
  };

  const carried: { school: School; from: MeasureRow[] }[] = [];
  for (const school of schwerinSchools) {
    const done = acceptedBefore(school, updateAdopted);
    const year = Math.min(acceptedYear(school) ?? FIRST_PLAN_END, FIRST_PLAN_END);
    const status: PlannedMeasureStatus = done
      ? "DONE"
      : school.upgradeStatus === "PLANNED"
        ? "PLANNED"
        : "IN_PROGRESS";
    const rows = (["NETWORK", "SERVER", "PRESENTATION", "TRAINING"] as const).map((category) =>
      measure({
        planId: firstId,
        schoolId: school.id,
        category,
        title: UPGRADE_TITLE[category],
        year,
        investmentCents: UPGRADE[school.kind][category].cents,
        personDays: UPGRADE[school.kind][category].days,
        status,
        createdAt: firstCreated,
      }),
    );
    const upgrade = upgradeOf.get(school.id);
    // The accepted upgrade measure carries out the network part, where its effort is booked.
    if (upgrade) {
      links.push({
        plannedMeasureId: rows[0]?.id ?? "",
        serviceMeasureId: upgrade.id,
        createdAt: upgrade.acceptedAt ?? firstAdopted,
      });
    }
    if (!acceptedBefore(school, updateCreated)) carried.push({ school, from: rows });
    for (const [category, description] of targets(school.kind, false)) {
      planTargets.push({ planId: firstId, schoolId: school.id, category, description });
    }
  }

  // --- Schwerin: the update 2025–2029 ---------------------------------------------------------
  for (const { school, from } of carried) {
    const done = upgradeOf.has(school.id);
    for (const old of from) {
      const next = measure({
        planId: updateId,
        schoolId: school.id,
        category: old.category,
        title: old.title,
        // Drafted in the first months of the year: what was under way is planned for this year.
        year: done || school.upgradeStatus !== "PLANNED" ? 2026 : 2027,
        carriedFromYear: old.year,
        investmentCents: old.investmentCents,
        personDays: old.personDays,
        status: done
          ? "DONE"
          : school.upgradeStatus === "IN_PROGRESS" &&
              (old.category === "NETWORK" || old.category === "SERVER")
            ? "IN_PROGRESS"
            : "PLANNED",
        createdAt: updateCreated,
      });
      for (const link of links.filter((l) => l.plannedMeasureId === old.id)) {
        links.push({ ...link, plannedMeasureId: next.id, createdAt: updateCreated });
      }
    }
  }
  const named = (name: string) => schwerinSchools.find((s) => s.name === name);
  const request = (title: string) => requests.find((r) => r.title === title);
  const add = (
    schoolName: string,
    category: EquipmentCategory,
    title: string,
    year: number,
    cost: Cost,
    status: PlannedMeasureStatus,
    requestTitle?: string,
  ) => {
    const school = named(schoolName);
    if (!school) return;
    const row = measure({
      planId: updateId,
      schoolId: school.id,
      category,
      title,
      year,
      investmentCents: cost.cents,
      personDays: cost.days,
      status,
      createdAt: updateCreated,
    });
    const carriedOut = requestTitle ? request(requestTitle) : undefined;
    if (carriedOut?.schoolId === school.id) {
      links.push({ plannedMeasureId: row.id, procurementRequestId: carriedOut.id, createdAt: updateAdopted });
    }
  };
  // The tablet class sets the steering group approved for the primary schools (governance seed):
  // Lankow's came in dearer than planned, the variance the council asks about.
  const tablets = { cents: eur(8_400), days: 1_00 };
  const tabletTitle = "Tablet-Klassensatz (16 Geräte mit Ladekoffer)";
  add("Grundschule Lankow", "DEVICES", tabletTitle, 2026, tablets, "DONE", "Tablet-Koffer mit 16 iPads");
  add("Grundschule Krebsförden", "DEVICES", tabletTitle, 2026, tablets, "IN_PROGRESS");
  add("Fritz-Reuter-Grundschule", "DEVICES", tabletTitle, 2027, tablets, "PLANNED");
  add("Grundschule Neu Zippendorf", "DEVICES", tabletTitle, 2027, tablets, "PLANNED");
  add("Grundschule am Schlossgarten", "DEVICES", tabletTitle, 2028, tablets, "PLANNED");
  add(
    "Erasmus-Gymnasium Schwerin",
    "SERVICES",
    "Schullizenzen Geometriesoftware (Oberstufe)",
    2026,
    { cents: eur(1_500), days: 25 },
    "DONE",
    "Lizenzen Geometriesoftware",
  );
  add(
    "Regionalschule Am Mueßer Berg",
    "SERVICES",
    "Lernsoftware Deutsch als Zweitsprache",
    2027,
    { cents: eur(2_400), days: 50 },
    "PLANNED",
  );
  add(
    "Goethe-Gymnasium Schwerin",
    "NETWORK",
    "Zusätzliche Access Points im Altbau",
    2026,
    { cents: eur(4_800), days: 1_50 },
    "DONE",
  );
  add(
    "Goethe-Gymnasium Schwerin",
    "NETWORK",
    "Glasfaseranbindung der Sporthalle",
    2026,
    { cents: eur(12_300), days: 2_00 },
    "IN_PROGRESS",
    "Glasfaseranbindung Sporthalle",
  );
  // Revoked by the steering group: the state offers a framework contract instead (governance seed).
  add(
    "Erich-Kästner-Regionalschule",
    "DEVICES",
    "Multifunktionsgerät für das Sekretariat (Mietmodell)",
    2026,
    { cents: eur(900), days: 50 },
    "DROPPED",
  );
  for (const name of ["Grundschule Lankow", "Goethe-Gymnasium Schwerin", "Erasmus-Gymnasium Schwerin"]) {
    add(
      name,
      "TRAINING",
      "Fortbildungsreihe des Medienzentrums: Unterrichten mit Displays und Tablets",
      name === "Erasmus-Gymnasium Schwerin" ? 2028 : 2027,
      { cents: eur(1_200), days: 2_00 },
      "PLANNED",
    );
  }
  // The replacement chapter: the earliest upgrades' devices after six years, projectors after eight.
  for (const school of schwerinSchools) {
    const year = acceptedYear(school);
    if (year === null || year > 2021) continue;
    add(
      school.name,
      "DEVICES",
      "Ersatzbeschaffung der Endgeräte",
      year + 6,
      REPLACEMENT[school.kind].devices,
      year + 6 <= 2026 ? "IN_PROGRESS" : "PLANNED",
    );
    add(
      school.name,
      "PRESENTATION",
      "Ersatz der Beamer durch interaktive Displays",
      year + 8,
      REPLACEMENT[school.kind].displays,
      "PLANNED",
    );
  }
  for (const school of schwerinSchools) {
    for (const [category, description] of targets(school.kind, true)) {
      planTargets.push({ planId: updateId, schoolId: school.id, category, description });
    }
  }

  // --- Parchim: the provider's draft (equipment and operating concept, seed 000) ---------------
  const parchimId = "demo-mep-parchim-1";
  const parchimCreated = berlinInstant(addDays(today, -30), "09:00");
  const parchimSchools = [...parchim.schools].sort(bySchoolName);
  for (const school of parchimSchools) {
    const upgradeYear = school.upgradeStatus === "PLANNED" ? 2027 : 2026;
    if (school.upgradeStatus !== "COMPLETED") {
      for (const category of ["NETWORK", "SERVER", "PRESENTATION", "TRAINING"] as const) {
        measure({
          planId: parchimId,
          schoolId: school.id,
          category,
          title: UPGRADE_TITLE[category],
          year: category === "TRAINING" || category === "PRESENTATION" ? upgradeYear + 1 : upgradeYear,
          investmentCents: UPGRADE[school.kind][category].cents,
          personDays: UPGRADE[school.kind][category].days,
          status: "PLANNED",
          createdAt: parchimCreated,
        });
      }
    }
    measure({
      planId: parchimId,
      schoolId: school.id,
      category: "SERVICES",
      title:
        "Betrieb nach dem Service- und Betriebskonzept: Service-Desk, Geräteverwaltung, zentrale Anmeldung",
      year: 2026,
      investmentCents: eur(1_850),
      personDays: 1_50,
      status: "PLANNED",
      createdAt: parchimCreated,
    });
    const accepted = acceptedYear(school);
    measure({
      planId: parchimId,
      schoolId: school.id,
      category: "DEVICES",
      title: accepted
        ? "Ersatzbeschaffung der Endgeräte"
        : school.kind === "PRIMARY"
          ? "Tablet-Koffer je Jahrgang ab Klasse 3"
          : "Tablet-Klassensätze ab Klasse 7",
      year: accepted ? Math.min(accepted + 6, 2030) : upgradeYear + 1,
      investmentCents: REPLACEMENT[school.kind].devices.cents,
      personDays: REPLACEMENT[school.kind].devices.days,
      status: "PLANNED",
      createdAt: parchimCreated,
    });
    for (const [category, description] of targets(school.kind, true)) {
      planTargets.push({
        planId: parchimId,
        schoolId: school.id,
        category,
        description: description.replace("städtische Medienzentrum", "Medienzentrum des Landkreises"),
      });
    }
  }

  // The ledger's upgrade bookings of the schools whose upgrade the update carried over and that
  // were accepted since: their effort is the network measure's actual person-days.
  const recent = carried.flatMap(({ school }) => {
    const upgrade = upgradeOf.get(school.id);
    return upgrade?.completedAt ? [{ upgrade, completedOn: berlinDate(upgrade.completedAt) }] : [];
  });
  const bookings = recent.length
    ? await db.read.booking.findMany({
        where: {
          schoolId: { in: recent.map((r) => r.upgrade.schoolId) },
          order: { authorityId: schwerin.id },
          line: { name: "Ertüchtigung" },
          reversalOfId: null,
          reversedBy: { is: null },
          measureLink: { is: null },
        },
        select: { id: true, schoolId: true, date: true },
        orderBy: { seq: "asc" },
      })
    : [];
  const measureBookings: { measureId: string; bookingId: string }[] = [];
  const startedAt = new Map<string, Date>();
  for (const { upgrade, completedOn } of recent) {
    const own = bookings.filter((b) => b.schoolId === upgrade.schoolId && b.date <= completedOn);
    for (const b of own) measureBookings.push({ measureId: upgrade.id, bookingId: b.id });
    const first = own[0]?.date;
    if (first && upgrade.startedAt && berlinInstant(first, "08:00") < upgrade.startedAt) {
      startedAt.set(upgrade.id, berlinInstant(first, "08:00"));
    }
  }

  // The steering group's meeting of November 2019 that adopted the first plan.
  const meetingAt = berlinInstant(firstDecidedOn, "14:00");
  const decisionText =
    "Die Steuerungsgruppe beschließt den von der KSM erarbeiteten Medienentwicklungsplan 2019–2024 mit " +
    "Kostenprognose und empfiehlt ihn dem Fachausschuss zur Kenntnisnahme. Der Plan sieht die Ertüchtigung " +
    "aller Schulen nach dem Zielbild bis 2024 vor und legt die Aufgaben der Steuerungsgruppe fest.";
  const itemNotes =
    "KSM stellt den Medienentwicklungsplan 2019–2024 vor: Zielbild für Netzwerk, Server, Dienste, " +
    "Präsentationstechnik und Endgeräte, Reihenfolge der Ertüchtigung der Schulen und Kostenprognose.";
  const docs: (SearchDocument & { id: string })[] = [
    {
      id: `${agendaItemId}-search`,
      authorityId: schwerin.id,
      kind: "AGENDA_ITEM",
      objectId: agendaItemId,
      meetingId,
      date: firstDecidedOn,
      title: "Medienentwicklungsplan 2019–2024",
      body: itemNotes,
    },
    {
      id: `${firstDecisionId}-search`,
      authorityId: schwerin.id,
      kind: "DECISION",
      objectId: firstDecisionId,
      meetingId,
      date: firstDecidedOn,
      title: "Beschluss des Medienentwicklungsplans 2019–2024",
      body: decisionText,
    },
  ];
  const index = indexRows(docs);

  await db.transact(async (tx) => {
    await tx.meeting.create({
      data: {
        id: meetingId,
        authorityId: schwerin.id,
        kind: "STEERING_GROUP",
        title: "Steuerungsgruppe Schul-IT 2/2019",
        scheduledAt: meetingAt,
        durationMinutes: 120,
        location: "Stadthaus, Sitzungssaal",
        minutesStatus: "FINAL",
        finalizedAt: berlinInstant(addDays(firstDecidedOn, 2), "10:00"),
        finalizedById: manager,
        createdAt: berlinInstant("2019-10-01", "09:00"),
      },
    });
    await tx.meetingParticipant.createMany({
      data: members.map((userId) => ({ meetingId, userId, invited: true, attended: true })),
    });
    await tx.agendaItem.create({
      data: {
        id: agendaItemId,
        meetingId,
        position: 1,
        title: "Medienentwicklungsplan 2019–2024",
        kind: "DECISION",
        status: "DONE",
        presenterId: manager,
        notes: itemNotes,
        createdAt: berlinInstant("2019-10-01", "09:00"),
      },
    });
    await tx.decision.create({
      data: {
        id: firstDecisionId,
        authorityId: schwerin.id,
        meetingId,
        agendaItemId,
        title: "Beschluss des Medienentwicklungsplans 2019–2024",
        text: decisionText,
        status: "APPROVED",
        decidedOn: firstDecidedOn,
        createdById: manager,
        createdAt: meetingAt,
      },
    });
    await tx.decisionReview.createMany({
      data: members.map((reviewerId, i) => ({
        decisionId: firstDecisionId,
        reviewerId,
        verdict: "APPROVE" as const,
        current: true,
        createdAt: berlinInstant(addDays(firstDecidedOn, 2 + i), "09:00"),
      })),
    });
    await tx.searchEntry.createMany({ data: index.entries });
    await tx.searchTerm.createMany({ data: index.terms });

    // One statement: the predecessor's row comes first, before the row that refers to it.
    await tx.mediaDevelopmentPlan.createMany({
      data: [
        {
          id: firstId,
          authorityId: schwerin.id,
          title: "Medienentwicklungsplan 2019–2024",
          periodStart: 2019,
          periodEnd: FIRST_PLAN_END,
          status: "SUPERSEDED",
          version: 1,
          adoptedAt: firstAdopted,
          adoptedDecisionId: firstDecisionId,
          adoptedById: officer,
          createdById: manager,
          createdAt: firstCreated,
          updatedAt: updateAdopted,
        },
        {
          id: updateId,
          authorityId: schwerin.id,
          title: "Medienentwicklungsplan 2025–2029 (Fortschreibung)",
          periodStart: 2025,
          periodEnd: 2029,
          status: "ADOPTED",
          version: 2,
          predecessorId: firstId,
          adoptedAt: updateAdopted,
          adoptedDecisionId: decision.id,
          adoptedById: officer,
          createdById: manager,
          createdAt: updateCreated,
          updatedAt: updateAdopted,
        },
        {
          id: parchimId,
          authorityId: parchim.id,
          title: "Medienentwicklungsplan der Stadt Parchim 2026–2030",
          periodStart: 2026,
          periodEnd: 2030,
          status: "DRAFT",
          version: 1,
          createdById: manager,
          createdAt: parchimCreated,
          updatedAt: parchimCreated,
        },
      ],
    });
    await tx.planTarget.createMany({ data: planTargets });
    await tx.plannedMeasure.createMany({ data: measures });
    await tx.plannedMeasureLink.createMany({
      data: links.map((l, i) => ({ id: `demo-mep-link-${i + 1}`, ...l, createdById: manager })),
    });
    await tx.measureBooking.createMany({ data: measureBookings });
    for (const [id, at] of startedAt) {
      await tx.serviceMeasure.update({ where: { id }, data: { startedAt: at } });
    }
  });
  log(
    `Media development plans: 3 (Schwerin 2019–2024 superseded, 2025–2029 adopted; Parchim draft), ` +
      `${measures.length} measures, ${links.length} links to what carries them out.`,
  );
}
