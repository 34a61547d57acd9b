import AccountBalanceIcon from "@mui/icons-material/AccountBalance";
import SchoolIcon from "@mui/icons-material/School";
import type { ReactElement } from "react";
import { Resource } from "react-admin";
import type { MenuEntry } from "../layout/menu.ts";
import { lazyPage } from "../lazy.ts";

// Pages load with their module on first use (code split by page).
const onboarding = () => import("./onboarding.tsx");
const AuthorityCreate = lazyPage(onboarding, "AuthorityCreate");
const SchoolCreate = lazyPage(onboarding, "SchoolCreate");
const pages = () => import("./pages.tsx");
const AuthorityList = lazyPage(pages, "AuthorityList");
const AuthorityShow = lazyPage(pages, "AuthorityShow");
const SchoolEdit = lazyPage(pages, "SchoolEdit");
const SchoolList = lazyPage(pages, "SchoolList");
const SchoolShow = lazyPage(pages, "SchoolShow");

export const organisationsResources: ReactElement[] = [
  <Resource
    key="authorities"
    name="authorities"
    list={AuthorityList}
    show={AuthorityShow}
    create={AuthorityCreate}
    icon={AccountBalanceIcon}
  />,
  <Resource
    key="schools"
    name="schools"
    list={SchoolList}
    show={SchoolShow}
    edit={SchoolEdit}
    create={SchoolCreate}
    icon={SchoolIcon}
  />,
];

export const organisationsMenu: MenuEntry[] = [
  { to: "/authorities", label: "resources.authorities.name", icon: AccountBalanceIcon },
  { to: "/schools", label: "resources.schools.name", icon: SchoolIcon },
];

export const organisationsMessages = {
  resources: {
    authorities: {
      name: "Schulträger |||| Schulträger",
      tabs: { overview: "Übersicht", schools: "Schulen", steeringGroup: "Steuerungsgruppe" },
      noSteeringGroup: "Keine Steuerungsgruppe",
      onboarding: {
        title: "Neuen Schulträger aufnehmen",
        stateHint: "Bundesländer, deren Feiertage der Hub kennt",
        startsOnHint: "Ab diesem Tag betreut der Dienstleister die Schul-IT nach der Vereinbarung.",
      },
      fields: {
        name: "Name",
        kind: "Art",
        state: "Land",
        legalBasis: "Rechtsgrundlage",
        agreementStart: "Übertragung seit",
        agreementKind: "Art der Vereinbarung",
        councilDecisionOn: "Beschluss der Vertretung am",
        signedOn: "Unterzeichnet am",
        startsOn: "Beginn der Übertragung",
        reference: "Aktenzeichen",
        schoolCount: "Schulen",
        steeringGroupName: "Bezeichnung",
        members: "Mitglieder",
        memberName: "Name",
        department: "Bereich",
        coordinator: "Koordination",
        email: "E-Mail",
      },
    },
    schools: {
      name: "Schule |||| Schulen",
      tabs: { overview: "Übersicht", handovers: "Betreuung" },
      onboarding: { title: "Neue Schule anlegen" },
      handovers: {
        title: "Betreuung und Übergaben",
        current: "Heute betreut durch:",
        none: "Noch keine Übergabe: Die IT des Schulträgers betreut die Schule.",
        history: "Verlauf der Übergaben",
        date: "Übergabe am",
        fromTo: "Von → an",
        note: "Notiz",
        proposedBy: "Vorgeschlagen von",
        status: "Stand",
        pending: "vorgeschlagen",
        confirmedBy: "bestätigt von %{name} am %{at}",
        propose: "Übergabe vorschlagen",
        proposeTitle: "Übergabe vorschlagen",
        proposeHint:
          "%{school} soll ab dem gewählten Tag betreut werden durch: %{to}. Der Schulträger bestätigt die Übergabe.",
        proposeSubmit: "Vorschlagen",
        proposed: "Übergabe vorgeschlagen",
        confirm: "Bestätigen",
        confirmTitle: "Übergabe bestätigen",
        confirmContent:
          "%{school} wird ab dem %{date} betreut durch: %{to}. Die Bestätigung lässt sich nicht zurücknehmen; eine spätere Rückgabe ist eine neue Übergabe.",
        confirmed: "Übergabe bestätigt",
        withdraw: "Zurückziehen",
        withdrawTitle: "Vorschlag zurückziehen",
        withdrawContent: "Den Vorschlag der Übergabe zum %{date} zurückziehen?",
        withdrawDone: "Vorschlag zurückgezogen",
        decline: "Ablehnen",
        declineTitle: "Übergabe ablehnen",
        declineContent:
          "Die vorgeschlagene Übergabe zum %{date} ablehnen? Der Dienstleister kann eine neue vorschlagen.",
        declineDone: "Übergabe abgelehnt",
      },
      fields: {
        name: "Name",
        authority: "Schulträger",
        authorityId: "Schulträger",
        kind: "Schulart",
        upgradeStatus: "Ertüchtigung",
        supportedBy: "Betreut durch",
      },
    },
  },
  enums: {
    UpgradeStatus: { PLANNED: "geplant", IN_PROGRESS: "in Arbeit", COMPLETED: "ertüchtigt" },
    SupportSide: { PROVIDER: "Dienstleister", AUTHORITY_IT: "IT des Schulträgers" },
    AgreementKind: {
      PUBLIC_LAW_AGREEMENT: "Öffentlich-rechtliche Vereinbarung",
      SPECIAL_PURPOSE_AGREEMENT: "Zweckvereinbarung",
      MEMBERSHIP: "Satzung (Trägerschaft)",
      COOPERATION_CONTRACT: "Kooperationsvertrag",
    },
    FederalState: { MV: "Mecklenburg-Vorpommern", SL: "Saarland", TH: "Thüringen" },
    SchoolKind: {
      PRIMARY: "Grundschule",
      REGIONAL: "Regionalschule",
      GRAMMAR: "Gymnasium",
      COMPREHENSIVE: "Gesamtschule",
      SPECIAL_NEEDS: "Förderschule",
      VOCATIONAL: "Berufliche Schule",
    },
    AuthorityKind: {
      CITY: "Stadt",
      MUNICIPALITY: "Gemeinde",
      AMT: "Amt",
      DISTRICT: "Landkreis",
      ADMINISTRATIVE_COMMUNITY: "Verwaltungsgemeinschaft",
    },
    Department: {
      SCHOOL_AUTHORITY: "Schulverwaltung",
      IT_DEPARTMENT: "IT des Schulträgers",
      FACILITY_MANAGEMENT: "Gebäudemanagement",
      FINANCE: "Finanzen",
      PROVIDER: "Dienstleister",
    },
  },
};
