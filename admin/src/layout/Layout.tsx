import { type ReactNode, useEffect } from "react";
import {
  AppBar,
  Logout,
  Menu,
  Layout as RaLayout,
  TitlePortal,
  UserMenu,
  useNotify,
  usePermissions,
  useRefresh,
  useTranslate,
} from "react-admin";
import { hasRole } from "../authProvider.ts";
import { controllingMenu } from "../controlling/index.tsx";
import { escalationsMenu } from "../escalations/index.tsx";
import { governanceMenu } from "../governance/index.tsx";
import { RECONNECTED } from "../graphql.ts";
import { MailSettingsMenuItem } from "../mail/index.tsx";
import { organisationsMenu } from "../organisations/index.tsx";
import { plansMenu } from "../plans/index.tsx";
import { providerMenu } from "../provider/index.tsx";
import type { MenuEntry } from "./menu.ts";
import { TopBarSearch } from "./TopBarSearch.tsx";

const entries: MenuEntry[] = [
  ...governanceMenu,
  ...controllingMenu,
  ...escalationsMenu,
  ...plansMenu,
  ...organisationsMenu,
  ...providerMenu,
];

function SideMenu() {
  const { permissions } = usePermissions();
  const translate = useTranslate();
  return (
    <Menu>
      <Menu.DashboardItem primaryText={translate("hub.menu.dashboard")} />
      {entries
        .filter((entry) => !entry.roles || hasRole(permissions, ...entry.roles))
        .map((entry) => (
          <Menu.Item
            key={entry.to}
            to={entry.to}
            primaryText={translate(entry.label, { smart_count: 2 })}
            leftIcon={<entry.icon />}
          />
        ))}
    </Menu>
  );
}

function TopBar() {
  return (
    <AppBar
      userMenu={
        <UserMenu>
          <MailSettingsMenuItem />
          <Logout />
        </UserMenu>
      }
    >
      <TitlePortal />
      <TopBarSearch />
    </AppBar>
  );
}

/** After the live connection comes back, every page reloads what it shows. */
function RefreshOnReconnect() {
  const refresh = useRefresh();
  const notify = useNotify();
  useEffect(() => {
    const onReconnect = () => {
      refresh();
      notify("hub.reconnected", { type: "info" });
    };
    window.addEventListener(RECONNECTED, onReconnect);
    return () => window.removeEventListener(RECONNECTED, onReconnect);
  }, [refresh, notify]);
  return null;
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <RaLayout menu={SideMenu} appBar={TopBar}>
      <RefreshOnReconnect />
      {children}
    </RaLayout>
  );
}
