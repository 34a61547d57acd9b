// The provider-wide part of the console: the Dienstleister-Übersicht for the provider's service
// manager and administrator.
import TableChartIcon from "@mui/icons-material/TableChart";
import type { ReactElement } from "react";
import { Route } from "react-router-dom";
import type { MenuEntry } from "../layout/menu.ts";
import { lazyPage } from "../lazy.ts";
import { providerMessages as messages } from "./messages.ts";

const ProviderOverviewPage = lazyPage(() => import("./overview.tsx"), "ProviderOverviewPage");

export const providerMenu: MenuEntry[] = [
  {
    to: "/provider-overview",
    label: "provider.menu.overview",
    icon: TableChartIcon,
    roles: ["SERVICE_MANAGER", "ADMIN"],
  },
];

export const providerRoutes: ReactElement[] = [
  <Route key="provider-overview" path="/provider-overview" element={<ProviderOverviewPage />} />,
];

export const providerMessages = messages;
