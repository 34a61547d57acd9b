// The media development plan (Medienentwicklungsplan): its page, menu entry and messages.
import TimelineIcon from "@mui/icons-material/Timeline";
import type { ReactElement } from "react";
import { Resource } from "react-admin";
import type { MenuEntry } from "../layout/menu.ts";
import { lazyPage } from "../lazy.ts";
import { plansMessages as messages } from "./messages.ts";

// The page loads with its module on first use (code split by page); list and show are one page.
const MediaPlanPage = lazyPage(() => import("./page.tsx"), "MediaPlanPage");

export const plansResources: ReactElement[] = [
  <Resource
    key="mediaDevelopmentPlans"
    name="mediaDevelopmentPlans"
    list={MediaPlanPage}
    show={MediaPlanPage}
    icon={TimelineIcon}
    recordRepresentation="title"
  />,
];
// Everyone who reads steering records and the school contacts (their own school's part): every
// role of the hub, so the entry names none.
export const plansMenu: MenuEntry[] = [
  { to: "/mediaDevelopmentPlans", label: "plans.menu.plan", icon: TimelineIcon },
];
export const plansMessages = messages;
