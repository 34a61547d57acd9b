import AccountBalanceIcon from "@mui/icons-material/AccountBalance";
import SchoolIcon from "@mui/icons-material/School";
import type { ReactElement } from "react";
import { Resource } from "react-admin";
import type { MenuEntry } from "../layout/menu.ts";
import { AuthorityList, AuthorityShow, SchoolEdit, SchoolList, SchoolShow } from "./pages.tsx";

export const organisationsResources: ReactElement[] = [
  <Resource
    key="authorities"
    name="authorities"
    list={AuthorityList}
    show={AuthorityShow}
    icon={AccountBalanceIcon}
  />,
  <Resource
    key="schools"
    name="schools"
    list={SchoolList}
    show={SchoolShow}
    edit={SchoolEdit}
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
      fields: {
        name: "Name",
        kind: "Art",
        state: "Land",
        legalBasis: "Rechtsgrundlage",
        agreementStart: "Übertragung seit",
        schoolCount: "Schulen",
        members: "Mitglieder",
        memberName: "Name",
        department: "Bereich",
        coordinator: "Koordination",
        email: "E-Mail",
      },
    },
    schools: {
      name: "Schule |||| Schulen",
      tabs: { overview: "Übersicht" },
      fields: {
        name: "Name",
        authority: "Schulträger",
        kind: "Schulart",
        upgradeStatus: "Ertüchtigung",
        supportedBy: "Betreut durch",
      },
    },
  },
  enums: {
    UpgradeStatus: { PLANNED: "geplant", IN_PROGRESS: "in Arbeit", COMPLETED: "ertüchtigt" },
    SupportSide: { PROVIDER: "Dienstleister", AUTHORITY_IT: "IT des Schulträgers" },
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
