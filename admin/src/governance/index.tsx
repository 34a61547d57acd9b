// The governance part of the console: its resources, menu entries, dashboards and messages.
import AssignmentIcon from "@mui/icons-material/Assignment";
import EventIcon from "@mui/icons-material/Event";
import GavelIcon from "@mui/icons-material/Gavel";
import HistoryIcon from "@mui/icons-material/History";
import ShoppingCartIcon from "@mui/icons-material/ShoppingCart";
import type { ReactElement } from "react";
import { Resource } from "react-admin";
import { Route } from "react-router-dom";
import type { Role } from "../authProvider.ts";
import type { MenuEntry } from "../layout/menu.ts";
import { lazyPage, type PageModule, pageModule } from "../lazy.ts";

// Pages load with their module on first use (code split by page).
const dashboards = () => import("./dashboards.tsx");
const ServiceManagerDashboard = pageModule(dashboards, "ServiceManagerDashboard");
const SteeringMemberDashboard = pageModule(dashboards, "SteeringMemberDashboard");
const decisions = () => import("./decisions.tsx");
const DecisionList = lazyPage(decisions, "DecisionList");
const DecisionShow = lazyPage(decisions, "DecisionShow");
const meetings = () => import("./meetings.tsx");
const MeetingCalendar = lazyPage(meetings, "MeetingCalendar");
const MeetingCreate = lazyPage(meetings, "MeetingCreate");
const MeetingList = lazyPage(meetings, "MeetingList");
const MeetingSeriesCreate = lazyPage(meetings, "MeetingSeriesCreate");
const MeetingShow = lazyPage(() => import("./minutes.tsx"), "MeetingShow");
const ProcurementCreate = lazyPage(() => import("./procurement.tsx"), "ProcurementCreate");
const registers = () => import("./registers.tsx");
const ActionItemList = lazyPage(registers, "ActionItemList");
const AuditList = lazyPage(registers, "AuditList");
const ProcurementList = lazyPage(registers, "ProcurementList");
const ProcurementShow = lazyPage(registers, "ProcurementShow");
const SearchPage = lazyPage(() => import("./search.tsx"), "SearchPage");

export { governanceMessages } from "./messages.ts";

export const governanceResources: ReactElement[] = [
  <Resource
    key="meetings"
    name="meetings"
    list={MeetingList}
    show={MeetingShow}
    create={MeetingCreate}
    icon={EventIcon}
  />,
  <Resource key="decisions" name="decisions" list={DecisionList} show={DecisionShow} icon={GavelIcon} />,
  <Resource key="actionItems" name="actionItems" list={ActionItemList} icon={AssignmentIcon} />,
  <Resource
    key="procurementRequests"
    name="procurementRequests"
    list={ProcurementList}
    show={ProcurementShow}
    create={ProcurementCreate}
    icon={ShoppingCartIcon}
  />,
  <Resource key="auditLog" name="auditLog" list={AuditList} icon={HistoryIcon} />,
];

// School contacts read no steering records (the API answers them with empty lists); they
// see procurement, where they raise their school's requests.
const STEERING_READERS: Role[] = [
  "ADMIN",
  "SERVICE_MANAGER",
  "PROVIDER_STAFF",
  "SCHOOL_IT_OFFICER",
  "STEERING_MEMBER",
  "CONTROLLER",
];

export const governanceMenu: MenuEntry[] = [
  { to: "/meetings", label: "gov.menu.meetings", icon: EventIcon, roles: STEERING_READERS },
  { to: "/decisions", label: "gov.menu.decisions", icon: GavelIcon, roles: STEERING_READERS },
  { to: "/actionItems", label: "gov.menu.actionItems", icon: AssignmentIcon, roles: STEERING_READERS },
  { to: "/procurementRequests", label: "gov.menu.procurement", icon: ShoppingCartIcon },
  // The API lets ADMIN and steering members read the trail; others would see an empty page.
  { to: "/auditLog", label: "gov.menu.audit", icon: HistoryIcon, roles: ["ADMIN", "STEERING_MEMBER"] },
];

/** Each role's start page; its code loads ahead once the role is known (Dashboard.tsx). */
export const governanceDashboards: Partial<Record<Role, PageModule>> = {
  STEERING_MEMBER: SteeringMemberDashboard,
  SERVICE_MANAGER: ServiceManagerDashboard,
};

/** Pages outside a resource (e.g. dashboards' detail views), rendered inside <CustomRoutes>. */
export const governanceRoutes: ReactElement[] = [
  <Route key="search" path="/search" element={<SearchPage />} />,
  <Route key="calendar" path="/calendar" element={<MeetingCalendar />} />,
  <Route key="series" path="/meeting-series/create" element={<MeetingSeriesCreate />} />,
];
