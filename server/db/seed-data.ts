// Demo data of the hub: the KSM case from shared/seeds (000–002), plus a second, unrelated provider
// (KITS, seed 004) for isolation tests. Pure constant data, no database code: the seed script inserts it.
//
// Sources:
// - KSM Kommunalservice Mecklenburg AöR, founded 26.08.2013 by the Landeshauptstadt Schwerin and the
//   Landkreis Ludwigslust-Parchim; further owners joined 01.04.2016 (Ludwigslust), 01.01.2018
//   (Neustadt-Glewe), 01.01.2019 (Amt Parchimer Umland, Grabow), 01.01.2020 (Boizenburg/Elbe,
//   Amt Zarrentin, Amt Stralendorf) and 01.01.2021 (Wittenburg, Parchim, Lübz, Lübtheen): 13 owners,
//   9 cities, 3 Ämter, 1 Landkreis, about 80 schools, 24 of them of Schwerin (seeds 000, 001, 002).
// - School IT at KSM since the start of 2017, first for the schools of the Landkreis (seed 001);
//   Schwerin handed over its school IT in 2020 (seed 002); Parchim is Schulträger of three
//   Grundschulen and two Regionalschulen (seed 000).
// - KITS: a municipal IT service (Eigenbetrieb) of the Landkreis Schmalkalden-Meiningen, Thüringen,
//   that runs the IT of 13 towns and municipalities under a Zweckvereinbarung (seed 004).
//
// School names are plausible, not the official school lists of these authorities.

// ---------------------------------------------------------------------------------------------------
// Enums (values exactly as the Prisma enums)
// ---------------------------------------------------------------------------------------------------

export const ROLES = [
  "ADMIN",
  "SERVICE_MANAGER",
  "PROVIDER_STAFF",
  "SCHOOL_IT_OFFICER",
  "STEERING_MEMBER",
  "CONTROLLER",
  "SCHOOL_CONTACT",
] as const;
export type Role = (typeof ROLES)[number];

export const DEPARTMENTS = [
  "SCHOOL_AUTHORITY",
  "IT_DEPARTMENT",
  "FACILITY_MANAGEMENT",
  "FINANCE",
  "PROVIDER",
] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const AUTHORITY_KINDS = [
  "CITY",
  "MUNICIPALITY",
  "AMT",
  "DISTRICT",
  "ADMINISTRATIVE_COMMUNITY",
] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

export const SCHOOL_KINDS = [
  "PRIMARY",
  "REGIONAL",
  "GRAMMAR",
  "COMPREHENSIVE",
  "SPECIAL_NEEDS",
  "VOCATIONAL",
] as const;
export type SchoolKind = (typeof SCHOOL_KINDS)[number];

export const UPGRADE_STATUSES = ["PLANNED", "IN_PROGRESS", "COMPLETED"] as const;
export type UpgradeStatus = (typeof UPGRADE_STATUSES)[number];

export const AGREEMENT_KINDS = [
  "PUBLIC_LAW_AGREEMENT",
  "SPECIAL_PURPOSE_AGREEMENT",
  "MEMBERSHIP",
  "COOPERATION_CONTRACT",
] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/** Federal state codes (ISO 3166-2:DE suffix); they decide public holidays. */
export type FederalState = "MV" | "TH" | "SL";

export type ProviderShortName = "KSM" | "KITS";

// ---------------------------------------------------------------------------------------------------
// Record types
// ---------------------------------------------------------------------------------------------------

export interface SeedProvider {
  name: string;
  shortName: ProviderShortName;
}

export interface SeedAuthority {
  provider: ProviderShortName;
  /** Unique across all authorities. */
  name: string;
  kind: AuthorityKind;
  state: FederalState;
  legalBasis: string;
  /** YYYY-MM-DD: from this date the provider runs the authority's school IT. */
  agreementStart: string;
  /** The legal basis as data (Agreement): its kind, the council's decision, signature and file reference. */
  agreementKind: AgreementKind;
  agreementCouncilDecisionOn: string;
  agreementSignedOn: string;
  agreementReference: string;
}

export interface SeedSchool {
  /** Name of the owning authority (SeedAuthority.name). */
  authority: string;
  /** Unique within the authority. */
  name: string;
  kind: SchoolKind;
  upgradeStatus: UpgradeStatus;
}

export interface SeedSteeringMembership {
  department: Department;
  coordinator: boolean;
}

export interface SeedUser {
  email: string;
  name: string;
  roles: Role[];
  /** Set for provider people, who belong to no authority. */
  provider?: ProviderShortName;
  /** Name of the authority (SeedAuthority.name) for authority people. */
  authority?: string;
  /** Name of the school (SeedSchool.name, within `authority`) for school contacts. */
  school?: string;
  /** Membership in the steering group of Schwerin. */
  steeringMembership?: SeedSteeringMembership;
}

export interface SeedSteeringGroup {
  /** Name of the authority (SeedAuthority.name). */
  authority: string;
  name: string;
}

// ---------------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------------

export const DEMO_PASSWORD = "demo-passwort";

export const providers: SeedProvider[] = [
  { name: "KSM Kommunalservice Mecklenburg AöR", shortName: "KSM" },
  { name: "Kommunale IT-Service (KITS) Landkreis Schmalkalden-Meiningen", shortName: "KITS" },
];

const KSM_AGREEMENT =
  "Öffentlich-rechtliche Vereinbarung über die Übertragung des Schul-IT-Betriebs an die KSM AöR";
const KITS_AGREEMENT =
  "Zweckvereinbarung über die Betreuung der Informations- und Datentechnik durch den Kommunalen IT-Service (KITS)";

export const authorities: SeedAuthority[] = [
  // KSM: founding owners (26.08.2013)
  {
    provider: "KSM",
    name: "Landeshauptstadt Schwerin",
    kind: "CITY",
    state: "MV",
    legalBasis:
      "Öffentlich-rechtliche Vereinbarung über die Übertragung des Schul-IT-Betriebs und -Supports an die KSM AöR (Beschluss der Stadtvertretung)",
    agreementStart: "2020-01-01",
    agreementKind: "PUBLIC_LAW_AGREEMENT",
    agreementCouncilDecisionOn: "2019-11-25",
    agreementSignedOn: "2019-12-17",
    agreementReference: "KSM-ÖRV 2019/07 Schul-IT Schwerin",
  },
  {
    provider: "KSM",
    name: "Landkreis Ludwigslust-Parchim",
    kind: "DISTRICT",
    state: "MV",
    legalBasis:
      "Satzung der KSM AöR: Träger seit der Errichtung am 26.08.2013; Schul-IT seit Anfang 2017 im Kompetenzzentrum der KSM",
    agreementStart: "2017-01-01",
    agreementKind: "MEMBERSHIP",
    agreementCouncilDecisionOn: "2013-06-20",
    agreementSignedOn: "2013-08-26",
    agreementReference: "Satzung der KSM AöR vom 26.08.2013",
  },
  // KSM: owners since 01.04.2016 and 01.01.2018
  {
    provider: "KSM",
    name: "Stadt Ludwigslust",
    kind: "CITY",
    state: "MV",
    legalBasis: KSM_AGREEMENT,
    agreementStart: "2018-01-01",
    agreementKind: "PUBLIC_LAW_AGREEMENT",
    agreementCouncilDecisionOn: "2017-09-28",
    agreementSignedOn: "2017-11-14",
    agreementReference: "KSM-ÖRV 2017/02 Schul-IT Ludwigslust",
  },
  {
    provider: "KSM",
    name: "Stadt Neustadt-Glewe",
    kind: "CITY",
    state: "MV",
    legalBasis: KSM_AGREEMENT,
    agreementStart: "2018-01-01",
    agreementKind: "PUBLIC_LAW_AGREEMENT",
    agreementCouncilDecisionOn: "2017-10-19",
    agreementSignedOn: "2017-12-05",
    agreementReference: "KSM-ÖRV 2017/03 Schul-IT Neustadt-Glewe",
  },
  // KSM: owners since 01.01.2019
  {
    provider: "KSM",
    name: "Amt Parchimer Umland",
    kind: "AMT",
    state: "MV",
    legalBasis: KSM_AGREEMENT,
    agreementStart: "2019-01-01",
    agreementKind: "PUBLIC_LAW_AGREEMENT",
    agreementCouncilDecisionOn: "2018-09-13",
    agreementSignedOn: "2018-11-22",
    agreementReference: "KSM-ÖRV 2018/04 Schul-IT Parchimer Umland",
  },
  {
    provider: "KSM",
    name: "Stadt Grabow",
    kind: "CITY",
    state: "MV",
    legalBasis: KSM_AGREEMENT,
    agreementStart: "2019-01-01",
    agreementKind: "PUBLIC_LAW_AGREEMENT",
    agreementCouncilDecisionOn: "2018-09-26",
    agreementSignedOn: "2018-11-29",
    agreementReference: "KSM-ÖRV 2018/05 Schul-IT Grabow",
  },
  // KSM: owners since 01.01.2020
  {
    provider: "KSM",
    name: "Stadt Boizenburg/Elbe",
    kind: "CITY",
    state: "MV",
    legalBasis: KSM_AGREEMENT,
    agreementStart: "2020-01-01",
    agreementKind: "PUBLIC_LAW_AGREEMENT",
    agreementCouncilDecisionOn: "2019-09-19",
    agreementSignedOn: "2019-11-28",
    agreementReference: "KSM-ÖRV 2019/08 Schul-IT Boizenburg/Elbe",
  },
  {
    provider: "KSM",
    name: "Amt Zarrentin",
    kind: "AMT",
    state: "MV",
    legalBasis: KSM_AGREEMENT,
    agreementStart: "2020-01-01",
    agreementKind: "PUBLIC_LAW_AGREEMENT",
    agreementCouncilDecisionOn: "2019-09-24",
    agreementSignedOn: "2019-12-03",
    agreementReference: "KSM-ÖRV 2019/09 Schul-IT Zarrentin",
  },
  {
    provider: "KSM",
    name: "Amt Stralendorf",
    kind: "AMT",
    state: "MV",
    legalBasis: KSM_AGREEMENT,
    agreementStart: "2020-01-01",
    agreementKind: "PUBLIC_LAW_AGREEMENT",
    agreementCouncilDecisionOn: "2019-10-01",
    agreementSignedOn: "2019-12-10",
    agreementReference: "KSM-ÖRV 2019/10 Schul-IT Stralendorf",
  },
  // KSM: owners since 01.01.2021
  {
    provider: "KSM",
    name: "Stadt Wittenburg",
    kind: "CITY",
    state: "MV",
    legalBasis: KSM_AGREEMENT,
    agreementStart: "2021-01-01",
    agreementKind: "PUBLIC_LAW_AGREEMENT",
    agreementCouncilDecisionOn: "2020-09-17",
    agreementSignedOn: "2020-11-26",
    agreementReference: "KSM-ÖRV 2020/11 Schul-IT Wittenburg",
  },
  {
    provider: "KSM",
    name: "Stadt Parchim",
    kind: "CITY",
    state: "MV",
    legalBasis:
      "Öffentlich-rechtlicher Vertrag über die Übertragung der Aufgaben der Schul-IT an die KSM AöR",
    agreementStart: "2021-01-01",
    agreementKind: "PUBLIC_LAW_AGREEMENT",
    agreementCouncilDecisionOn: "2020-09-28",
    agreementSignedOn: "2020-12-15",
    agreementReference: "KSM-ÖRV 2020/12 Schul-IT Parchim",
  },
  {
    provider: "KSM",
    name: "Stadt Lübz",
    kind: "CITY",
    state: "MV",
    legalBasis: KSM_AGREEMENT,
    agreementStart: "2021-01-01",
    agreementKind: "PUBLIC_LAW_AGREEMENT",
    agreementCouncilDecisionOn: "2020-10-08",
    agreementSignedOn: "2020-12-08",
    agreementReference: "KSM-ÖRV 2020/13 Schul-IT Lübz",
  },
  {
    provider: "KSM",
    name: "Stadt Lübtheen",
    kind: "CITY",
    state: "MV",
    legalBasis: KSM_AGREEMENT,
    agreementStart: "2021-01-01",
    agreementKind: "PUBLIC_LAW_AGREEMENT",
    agreementCouncilDecisionOn: "2020-10-15",
    agreementSignedOn: "2020-12-10",
    agreementReference: "KSM-ÖRV 2020/14 Schul-IT Lübtheen",
  },
  // KITS (Thüringen): joined with the Zweckvereinbarungen of October 2021 and of the following year
  {
    provider: "KITS",
    name: "Stadt Wasungen",
    kind: "CITY",
    state: "TH",
    legalBasis: KITS_AGREEMENT,
    agreementStart: "2022-01-01",
    agreementKind: "SPECIAL_PURPOSE_AGREEMENT",
    agreementCouncilDecisionOn: "2021-09-16",
    agreementSignedOn: "2021-10-21",
    agreementReference: "KITS-ZV 2021/01 Wasungen",
  },
  {
    provider: "KITS",
    name: "Gemeinde Breitungen/Werra",
    kind: "MUNICIPALITY",
    state: "TH",
    legalBasis: KITS_AGREEMENT,
    agreementStart: "2022-01-01",
    agreementKind: "SPECIAL_PURPOSE_AGREEMENT",
    agreementCouncilDecisionOn: "2021-09-23",
    agreementSignedOn: "2021-10-21",
    agreementReference: "KITS-ZV 2021/02 Breitungen/Werra",
  },
  {
    provider: "KITS",
    name: "Verwaltungsgemeinschaft Dolmar-Salzbrücke",
    kind: "ADMINISTRATIVE_COMMUNITY",
    state: "TH",
    legalBasis: KITS_AGREEMENT,
    agreementStart: "2023-01-01",
    agreementKind: "SPECIAL_PURPOSE_AGREEMENT",
    agreementCouncilDecisionOn: "2022-09-29",
    agreementSignedOn: "2022-11-10",
    agreementReference: "KITS-ZV 2022/08 Dolmar-Salzbrücke",
  },
];

const SN = "Landeshauptstadt Schwerin";
const LUP = "Landkreis Ludwigslust-Parchim";
const LWL = "Stadt Ludwigslust";
const NG = "Stadt Neustadt-Glewe";
const PU = "Amt Parchimer Umland";
const GRB = "Stadt Grabow";
const BOI = "Stadt Boizenburg/Elbe";
const ZAR = "Amt Zarrentin";
const STR = "Amt Stralendorf";
const WIT = "Stadt Wittenburg";
const PCH = "Stadt Parchim";
const LBZ = "Stadt Lübz";
const LTH = "Stadt Lübtheen";
const WAS = "Stadt Wasungen";
const BRE = "Gemeinde Breitungen/Werra";
const DOS = "Verwaltungsgemeinschaft Dolmar-Salzbrücke";

/** The Schwerin Grundschule whose contact is schule@schwerin.example. */
export const DEMO_SCHOOL_CONTACT_SCHOOL = "Grundschule Lankow";

export const schools: SeedSchool[] = [
  // Landeshauptstadt Schwerin: 24 schools; upgrade since 2020, completion of all planned for 2024
  { authority: SN, name: "Grundschule Lankow", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: SN, name: "Grundschule Krebsförden", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: SN, name: "Grundschule Mueßer Holz", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: SN, name: "Nils-Holgersson-Grundschule", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: SN, name: "Astrid-Lindgren-Grundschule", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: SN, name: "Fritz-Reuter-Grundschule", kind: "PRIMARY", upgradeStatus: "IN_PROGRESS" },
  { authority: SN, name: "Grundschule Friedrichsthal", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: SN, name: "Grundschule Neu Zippendorf", kind: "PRIMARY", upgradeStatus: "IN_PROGRESS" },
  { authority: SN, name: "Heinrich-Heine-Grundschule", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: SN, name: "Grundschule am Schlossgarten", kind: "PRIMARY", upgradeStatus: "PLANNED" },
  { authority: SN, name: "Grundschule Weststadt", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: SN, name: "Regionalschule Lankow", kind: "REGIONAL", upgradeStatus: "COMPLETED" },
  { authority: SN, name: "Regionalschule Am Mueßer Berg", kind: "REGIONAL", upgradeStatus: "IN_PROGRESS" },
  { authority: SN, name: "Erich-Kästner-Regionalschule", kind: "REGIONAL", upgradeStatus: "COMPLETED" },
  { authority: SN, name: "Regionalschule Werdervorstadt", kind: "REGIONAL", upgradeStatus: "PLANNED" },
  { authority: SN, name: "Goethe-Gymnasium Schwerin", kind: "GRAMMAR", upgradeStatus: "COMPLETED" },
  { authority: SN, name: "Gymnasium Fridericianum Schwerin", kind: "GRAMMAR", upgradeStatus: "COMPLETED" },
  { authority: SN, name: "Sportgymnasium Schwerin", kind: "GRAMMAR", upgradeStatus: "IN_PROGRESS" },
  { authority: SN, name: "Erasmus-Gymnasium Schwerin", kind: "GRAMMAR", upgradeStatus: "COMPLETED" },
  {
    authority: SN,
    name: "Integrierte Gesamtschule Bertolt Brecht",
    kind: "COMPREHENSIVE",
    upgradeStatus: "COMPLETED",
  },
  {
    authority: SN,
    name: "Kooperative Gesamtschule Hamburger Allee",
    kind: "COMPREHENSIVE",
    upgradeStatus: "IN_PROGRESS",
  },
  { authority: SN, name: "Förderschule am Fernsehturm", kind: "SPECIAL_NEEDS", upgradeStatus: "COMPLETED" },
  { authority: SN, name: "Förderzentrum Lambrechtsgrund", kind: "SPECIAL_NEEDS", upgradeStatus: "PLANNED" },
  {
    authority: SN,
    name: "Berufliche Schule der Landeshauptstadt Schwerin – Technik",
    kind: "VOCATIONAL",
    upgradeStatus: "COMPLETED",
  },

  // Landkreis Ludwigslust-Parchim: Gymnasien, Gesamtschulen, Förderschulen, berufliche Schulen; since 2017
  { authority: LUP, name: "Goethe-Gymnasium Ludwigslust", kind: "GRAMMAR", upgradeStatus: "COMPLETED" },
  { authority: LUP, name: "Friedrich-Franz-Gymnasium Parchim", kind: "GRAMMAR", upgradeStatus: "COMPLETED" },
  { authority: LUP, name: "Robert-Stock-Gymnasium Hagenow", kind: "GRAMMAR", upgradeStatus: "COMPLETED" },
  { authority: LUP, name: "Eldenburg-Gymnasium Lübz", kind: "GRAMMAR", upgradeStatus: "COMPLETED" },
  { authority: LUP, name: "Elbe-Gymnasium Boizenburg", kind: "GRAMMAR", upgradeStatus: "COMPLETED" },
  { authority: LUP, name: "Gymnasium Sternberg", kind: "GRAMMAR", upgradeStatus: "COMPLETED" },
  { authority: LUP, name: "Gymnasium Crivitz", kind: "GRAMMAR", upgradeStatus: "IN_PROGRESS" },
  { authority: LUP, name: "Fritz-Reuter-Gymnasium Dömitz", kind: "GRAMMAR", upgradeStatus: "COMPLETED" },
  {
    authority: LUP,
    name: "Integrierte Gesamtschule Hagenow",
    kind: "COMPREHENSIVE",
    upgradeStatus: "COMPLETED",
  },
  {
    authority: LUP,
    name: "Kooperative Gesamtschule Plate",
    kind: "COMPREHENSIVE",
    upgradeStatus: "IN_PROGRESS",
  },
  { authority: LUP, name: "Förderschule Hagenow", kind: "SPECIAL_NEEDS", upgradeStatus: "COMPLETED" },
  { authority: LUP, name: "Förderzentrum Ludwigslust", kind: "SPECIAL_NEEDS", upgradeStatus: "COMPLETED" },
  { authority: LUP, name: "Förderzentrum Parchim", kind: "SPECIAL_NEEDS", upgradeStatus: "IN_PROGRESS" },
  { authority: LUP, name: "Förderschule Boizenburg", kind: "SPECIAL_NEEDS", upgradeStatus: "PLANNED" },
  { authority: LUP, name: "Berufliche Schule Ludwigslust", kind: "VOCATIONAL", upgradeStatus: "COMPLETED" },
  { authority: LUP, name: "Berufliche Schule Hagenow", kind: "VOCATIONAL", upgradeStatus: "COMPLETED" },
  { authority: LUP, name: "Berufliche Schule Parchim", kind: "VOCATIONAL", upgradeStatus: "COMPLETED" },

  // Stadt Ludwigslust
  { authority: LWL, name: "Grundschule Am Schlosspark", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  {
    authority: LWL,
    name: "Hans-Christian-Andersen-Grundschule",
    kind: "PRIMARY",
    upgradeStatus: "COMPLETED",
  },
  { authority: LWL, name: "Grundschule Techentin", kind: "PRIMARY", upgradeStatus: "IN_PROGRESS" },
  { authority: LWL, name: "Grundschule Kummer", kind: "PRIMARY", upgradeStatus: "PLANNED" },
  { authority: LWL, name: "Regionalschule Ludwigslust", kind: "REGIONAL", upgradeStatus: "COMPLETED" },
  { authority: LWL, name: "Regionalschule Am Schwanenteich", kind: "REGIONAL", upgradeStatus: "COMPLETED" },

  // Stadt Neustadt-Glewe
  { authority: NG, name: "Grundschule An der Burg", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: NG, name: "Grundschule Am Sportpark", kind: "PRIMARY", upgradeStatus: "IN_PROGRESS" },
  { authority: NG, name: "Regionalschule Neustadt-Glewe", kind: "REGIONAL", upgradeStatus: "COMPLETED" },

  // Amt Parchimer Umland
  { authority: PU, name: "Grundschule Spornitz", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: PU, name: "Grundschule Domsühl", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: PU, name: "Grundschule Rom", kind: "PRIMARY", upgradeStatus: "IN_PROGRESS" },
  { authority: PU, name: "Grundschule Lewitzrand", kind: "PRIMARY", upgradeStatus: "IN_PROGRESS" },
  { authority: PU, name: "Grundschule Ziegendorf", kind: "PRIMARY", upgradeStatus: "PLANNED" },

  // Stadt Grabow
  { authority: GRB, name: "Grundschule Grabow", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: GRB, name: "Grundschule Steesow", kind: "PRIMARY", upgradeStatus: "IN_PROGRESS" },
  { authority: GRB, name: "Regionalschule Grabow", kind: "REGIONAL", upgradeStatus: "COMPLETED" },

  // Stadt Boizenburg/Elbe
  { authority: BOI, name: "Grundschule am Elbberg", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: BOI, name: "Grundschule Bahnhofstraße", kind: "PRIMARY", upgradeStatus: "IN_PROGRESS" },
  { authority: BOI, name: "Grundschule Schwartow", kind: "PRIMARY", upgradeStatus: "PLANNED" },
  { authority: BOI, name: "Regionalschule Boizenburg", kind: "REGIONAL", upgradeStatus: "COMPLETED" },

  // Amt Zarrentin
  { authority: ZAR, name: "Grundschule am Schaalsee Zarrentin", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: ZAR, name: "Grundschule Gallin", kind: "PRIMARY", upgradeStatus: "IN_PROGRESS" },

  // Amt Stralendorf
  { authority: STR, name: "Grundschule Stralendorf", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: STR, name: "Grundschule Pampow", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: STR, name: "Grundschule Wittenförden", kind: "PRIMARY", upgradeStatus: "IN_PROGRESS" },

  // Stadt Wittenburg
  { authority: WIT, name: "Grundschule Wittenburg", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: WIT, name: "Grundschule Lehsen", kind: "PRIMARY", upgradeStatus: "PLANNED" },
  { authority: WIT, name: "Regionalschule Wittenburg", kind: "REGIONAL", upgradeStatus: "IN_PROGRESS" },

  // Stadt Parchim: three Grundschulen and two Regionalschulen (seed 000)
  { authority: PCH, name: "Grundschule Weststadt Parchim", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: PCH, name: "Grundschule Am Fischerdamm", kind: "PRIMARY", upgradeStatus: "IN_PROGRESS" },
  { authority: PCH, name: "Grundschule Oststadt", kind: "PRIMARY", upgradeStatus: "PLANNED" },
  { authority: PCH, name: "Regionalschule Am Eichberg", kind: "REGIONAL", upgradeStatus: "COMPLETED" },
  { authority: PCH, name: "Regionalschule Am Wockersee", kind: "REGIONAL", upgradeStatus: "IN_PROGRESS" },

  // Stadt Lübz
  { authority: LBZ, name: "Grundschule Lübz", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: LBZ, name: "Grundschule Am Amtsturm", kind: "PRIMARY", upgradeStatus: "PLANNED" },
  { authority: LBZ, name: "Regionalschule Lübz", kind: "REGIONAL", upgradeStatus: "IN_PROGRESS" },

  // Stadt Lübtheen
  { authority: LTH, name: "Grundschule Lübtheen", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: LTH, name: "Regionalschule Lübtheen", kind: "REGIONAL", upgradeStatus: "IN_PROGRESS" },

  // KITS (Thüringen)
  { authority: WAS, name: "Staatliche Grundschule Wasungen", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  { authority: WAS, name: "Staatliche Regelschule Wasungen", kind: "REGIONAL", upgradeStatus: "IN_PROGRESS" },
  { authority: BRE, name: "Staatliche Grundschule Breitungen", kind: "PRIMARY", upgradeStatus: "COMPLETED" },
  {
    authority: BRE,
    name: "Staatliche Grundschule Frauenbreitungen",
    kind: "PRIMARY",
    upgradeStatus: "PLANNED",
  },
  {
    authority: DOS,
    name: "Staatliche Grundschule Obermaßfeld-Grimmenthal",
    kind: "PRIMARY",
    upgradeStatus: "IN_PROGRESS",
  },
];

export const users: SeedUser[] = [
  // KSM (provider people: no authority)
  { email: "admin@ksm.example", name: "Jens Hoffmann", roles: ["ADMIN"], provider: "KSM" },
  {
    email: "servicemanager@ksm.example",
    name: "Thomas Brandt",
    roles: ["SERVICE_MANAGER"],
    provider: "KSM",
    steeringMembership: { department: "PROVIDER", coordinator: true },
  },
  { email: "technik@ksm.example", name: "Lukas Schröder", roles: ["PROVIDER_STAFF"], provider: "KSM" },

  // Landeshauptstadt Schwerin
  {
    email: "schul-it@schwerin.example",
    name: "Katrin Möller",
    roles: ["SCHOOL_IT_OFFICER", "STEERING_MEMBER"],
    authority: SN,
    steeringMembership: { department: "IT_DEPARTMENT", coordinator: true },
  },
  {
    email: "controlling@schwerin.example",
    name: "Andreas Kühn",
    roles: ["CONTROLLER", "STEERING_MEMBER"],
    authority: SN,
    steeringMembership: { department: "FINANCE", coordinator: false },
  },
  {
    email: "schulverwaltung@schwerin.example",
    name: "Susanne Wendt",
    roles: ["STEERING_MEMBER"],
    authority: SN,
    steeringMembership: { department: "SCHOOL_AUTHORITY", coordinator: false },
  },
  {
    email: "gebaeude@schwerin.example",
    name: "Michael Petersen",
    roles: ["STEERING_MEMBER"],
    authority: SN,
    steeringMembership: { department: "FACILITY_MANAGEMENT", coordinator: false },
  },
  {
    email: "schule@schwerin.example",
    name: "Anja Lehmann",
    roles: ["SCHOOL_CONTACT"],
    authority: SN,
    school: DEMO_SCHOOL_CONTACT_SCHOOL,
  },

  // Stadt Parchim
  { email: "controlling@parchim.example", name: "Birgit Krüger", roles: ["CONTROLLER"], authority: PCH },

  // KITS (isolation tests: sees none of the KSM authorities)
  {
    email: "servicemanager@kits.example",
    name: "Daniel Recknagel",
    roles: ["SERVICE_MANAGER"],
    provider: "KITS",
  },
];

export const steeringGroups: SeedSteeringGroup[] = [
  { authority: SN, name: "Steuerungsgruppe Schul-IT Schwerin" },
];

/**
 * People of record of the other authorities: who commissions their orders, checks their proofs of
 * service and confirms their schools' handovers. They cannot sign in (their password is random and
 * thrown away) and are no demo accounts; the accounts above are the demo's.
 */
export const peopleOfRecord: SeedUser[] = [
  {
    email: "schulen@lkv-lup.example",
    name: "Dr. Frank Wiechmann",
    roles: ["SCHOOL_IT_OFFICER", "CONTROLLER"],
    authority: LUP,
  },
  {
    email: "schulen@ludwigslust.example",
    name: "Heike Rathmann",
    roles: ["SCHOOL_IT_OFFICER", "CONTROLLER"],
    authority: LWL,
  },
  {
    email: "schulen@neustadt-glewe.example",
    name: "Ronny Beese",
    roles: ["SCHOOL_IT_OFFICER", "CONTROLLER"],
    authority: NG,
  },
  {
    email: "schulen@parchimer-umland.example",
    name: "Marion Stüdemann",
    roles: ["SCHOOL_IT_OFFICER", "CONTROLLER"],
    authority: PU,
  },
  {
    email: "schulen@grabow.example",
    name: "Sven Kröger",
    roles: ["SCHOOL_IT_OFFICER", "CONTROLLER"],
    authority: GRB,
  },
  {
    email: "schulen@boizenburg.example",
    name: "Anke Voß",
    roles: ["SCHOOL_IT_OFFICER", "CONTROLLER"],
    authority: BOI,
  },
  {
    email: "schulen@zarrentin.example",
    name: "Torsten Lüth",
    roles: ["SCHOOL_IT_OFFICER", "CONTROLLER"],
    authority: ZAR,
  },
  {
    email: "schulen@stralendorf.example",
    name: "Claudia Brüning",
    roles: ["SCHOOL_IT_OFFICER", "CONTROLLER"],
    authority: STR,
  },
  {
    email: "schulen@wittenburg.example",
    name: "Mirko Hagen",
    roles: ["SCHOOL_IT_OFFICER", "CONTROLLER"],
    authority: WIT,
  },
  { email: "schul-it@parchim.example", name: "Stefan Lemke", roles: ["SCHOOL_IT_OFFICER"], authority: PCH },
  {
    email: "schulen@luebz.example",
    name: "Kerstin Dahl",
    roles: ["SCHOOL_IT_OFFICER", "CONTROLLER"],
    authority: LBZ,
  },
  {
    email: "schulen@luebtheen.example",
    name: "Uwe Timm",
    roles: ["SCHOOL_IT_OFFICER", "CONTROLLER"],
    authority: LTH,
  },
  {
    email: "it@wasungen.example",
    name: "Carola Wiegand",
    roles: ["SCHOOL_IT_OFFICER", "CONTROLLER"],
    authority: WAS,
  },
  {
    email: "it@breitungen.example",
    name: "Matthias Röder",
    roles: ["SCHOOL_IT_OFFICER", "CONTROLLER"],
    authority: BRE,
  },
  {
    email: "it@dolmar-salzbruecke.example",
    name: "Manuela Köhler",
    roles: ["SCHOOL_IT_OFFICER", "CONTROLLER"],
    authority: DOS,
  },
];

/** Budget lines (Haushaltsstellen) the orders are paid from: product and account of the school budget. */
export const BUDGET_LINE = "Teilhaushalt Schulen, Produkt 21101, Konto 52410000 (Schul-IT-Dienstleistungen)";
