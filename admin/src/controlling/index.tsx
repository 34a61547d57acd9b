// The controlling part of the console: its resources, menu entries, dashboards and messages.
import ReceiptLongIcon from "@mui/icons-material/ReceiptLong";
import type { ReactElement } from "react";
import { Resource } from "react-admin";
import type { Role } from "../authProvider.ts";
import type { MenuEntry } from "../layout/menu.ts";
import { lazyPage, type PageModule, pageModule } from "../lazy.ts";
import { controllingMessages as messages } from "./messages.ts";
import { ORDER_READERS } from "./roles.ts";

// Pages load with their module on first use (code split by page).
const dashboards = () => import("./dashboards.tsx");
const AdminDashboard = pageModule(dashboards, "AdminDashboard");
const ControllerDashboard = pageModule(dashboards, "ControllerDashboard");
const ProviderStaffDashboard = pageModule(() => import("./staffDashboard.tsx"), "ProviderStaffDashboard");
const orders = () => import("./orders.tsx");
const ServiceOrderList = lazyPage(orders, "ServiceOrderList");
const ServiceOrderShow = lazyPage(orders, "ServiceOrderShow");

export const controllingResources: ReactElement[] = [
  <Resource
    key="serviceOrders"
    name="serviceOrders"
    list={ServiceOrderList}
    show={ServiceOrderShow}
    icon={ReceiptLongIcon}
    recordRepresentation="title"
  />,
  <Resource key="bookings" name="bookings" />,
  <Resource key="proofsOfService" name="proofsOfService" />,
  <Resource key="controllingAlerts" name="controllingAlerts" />,
];
export const controllingMenu: MenuEntry[] = [
  {
    to: "/serviceOrders",
    label: "controlling.menu.serviceOrders",
    icon: ReceiptLongIcon,
    roles: ORDER_READERS,
  },
];
export const controllingMessages = messages;
/** Each role's start page; its code loads ahead once the role is known (Dashboard.tsx). */
export const controllingDashboards: Partial<Record<Role, PageModule>> = {
  CONTROLLER: ControllerDashboard,
  PROVIDER_STAFF: ProviderStaffDashboard,
  ADMIN: AdminDashboard,
};
/** Pages outside a resource (e.g. dashboards' detail views), rendered inside <CustomRoutes>. */
export const controllingRoutes: ReactElement[] = [];
