// The escalations part of the console: its resources, menu entries, dashboards and messages.
import BuildIcon from "@mui/icons-material/Build";
import InsightsIcon from "@mui/icons-material/Insights";
import ReportProblemIcon from "@mui/icons-material/ReportProblem";
import type { ReactElement } from "react";
import { Resource } from "react-admin";
import { Route } from "react-router-dom";
import type { Role } from "../authProvider.ts";
import type { MenuEntry } from "../layout/menu.ts";
import { lazyPage, type PageModule, pageModule } from "../lazy.ts";
import { escalationsMessages as messages } from "./messages.ts";

// Pages load with their module on first use (code split by page).
const EscalationBoard = lazyPage(() => import("./board.tsx"), "EscalationBoard");
const EscalationCreate = lazyPage(() => import("./create.tsx"), "EscalationCreate");
const dashboards = () => import("./dashboards.tsx");
const SchoolContactDashboard = pageModule(dashboards, "SchoolContactDashboard");
const SchoolItOfficerDashboard = pageModule(dashboards, "SchoolItOfficerDashboard");
const MeasuresPage = lazyPage(() => import("./measures.tsx"), "MeasuresPage");
const QualityPage = lazyPage(() => import("./quality.tsx"), "QualityPage");
const EscalationShow = lazyPage(() => import("./show.tsx"), "EscalationShow");

export const escalationsResources: ReactElement[] = [
  <Resource
    key="escalations"
    name="escalations"
    list={EscalationBoard}
    show={EscalationShow}
    create={EscalationCreate}
    icon={ReportProblemIcon}
    recordRepresentation="subject"
  />,
  <Resource key="overdueEscalations" name="overdueEscalations" />,
];
const AUTHORITY_AND_PROVIDER: Role[] = [
  "ADMIN",
  "SERVICE_MANAGER",
  "PROVIDER_STAFF",
  "SCHOOL_IT_OFFICER",
  "STEERING_MEMBER",
  "CONTROLLER",
];
export const escalationsMenu: MenuEntry[] = [
  { to: "/escalations", label: "escalations.menu.board", icon: ReportProblemIcon },
  {
    to: "/service-quality",
    label: "escalations.menu.quality",
    icon: InsightsIcon,
    roles: AUTHORITY_AND_PROVIDER,
  },
  { to: "/measures", label: "escalations.menu.measures", icon: BuildIcon, roles: AUTHORITY_AND_PROVIDER },
];
export const escalationsMessages = messages;
/** Each role's start page; its code loads ahead once the role is known (Dashboard.tsx). */
export const escalationsDashboards: Partial<Record<Role, PageModule>> = {
  SCHOOL_IT_OFFICER: SchoolItOfficerDashboard,
  SCHOOL_CONTACT: SchoolContactDashboard,
};
/** Pages outside a resource (e.g. dashboards' detail views), rendered inside <CustomRoutes>. */
export const escalationsRoutes: ReactElement[] = [
  <Route key="service-quality" path="/service-quality" element={<QualityPage />} />,
  <Route key="measures" path="/measures" element={<MeasuresPage />} />,
];
