import { Admin, CustomRoutes } from "react-admin";
import { authProvider } from "./authProvider.ts";
import { controllingResources, controllingRoutes } from "./controlling/index.tsx";
import { Dashboard } from "./dashboard/Dashboard.tsx";
import { dataProvider } from "./dataProvider/index.ts";
import { escalationsResources, escalationsRoutes } from "./escalations/index.tsx";
import { governanceResources, governanceRoutes } from "./governance/index.tsx";
import { i18nProvider } from "./i18n/index.ts";
import { Layout } from "./layout/Layout.tsx";
import { mailRoutes } from "./mail/index.tsx";
import { organisationsResources } from "./organisations/index.tsx";
import { plansResources } from "./plans/index.tsx";
import { providerRoutes } from "./provider/index.tsx";
import { theme } from "./theme.ts";

export function App() {
  return (
    <Admin
      title="Schul-IT-Steuerung"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      dashboard={Dashboard}
      layout={Layout}
      theme={theme}
      requireAuth
      disableTelemetry
    >
      {governanceResources}
      {controllingResources}
      {escalationsResources}
      {plansResources}
      {organisationsResources}
      <CustomRoutes>
        {governanceRoutes}
        {controllingRoutes}
        {escalationsRoutes}
        {providerRoutes}
        {mailRoutes}
      </CustomRoutes>
    </Admin>
  );
}
