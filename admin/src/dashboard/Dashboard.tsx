// The start page: one dashboard per role, the first that fits in the order below.
import { Card, CardContent, LinearProgress, Stack, Typography } from "@mui/material";
import { type ComponentType, Suspense } from "react";
import { Title, useGetIdentity, usePermissions, useTranslate } from "react-admin";
import type { Role } from "../authProvider.ts";
import { controllingDashboards } from "../controlling/index.tsx";
import { escalationsDashboards } from "../escalations/index.tsx";
import { governanceDashboards } from "../governance/index.tsx";
import { MailDeliveryNote } from "../mail/index.tsx";

const dashboards: Partial<Record<Role, ComponentType>> = {
  ...governanceDashboards,
  ...controllingDashboards,
  ...escalationsDashboards,
};

/** People with several roles see the dashboard of their main one. */
const ORDER: Role[] = [
  "CONTROLLER",
  "SCHOOL_IT_OFFICER",
  "SERVICE_MANAGER",
  "STEERING_MEMBER",
  "PROVIDER_STAFF",
  "SCHOOL_CONTACT",
  "ADMIN",
];

export function Dashboard() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { permissions } = usePermissions<Role[]>();
  const role = ORDER.find((r) => permissions?.includes(r) && dashboards[r]);
  const Body = role ? dashboards[role] : undefined;
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title={translate("hub.menu.dashboard")} />
      <Typography variant="h5" component="h1">
        {translate("hub.dashboard.welcome", { name: identity?.fullName ?? "" })}
      </Typography>
      {permissions && (
        <Typography variant="body2" color="text.secondary">
          {permissions.map((r) => translate(`hub.roles.${r}`)).join(" · ")}
        </Typography>
      )}
      <MailDeliveryNote />
      {Body ? (
        // A role's dashboard is its own chunk: the welcome shows while it loads.
        <Suspense fallback={<LinearProgress />}>
          <Body />
        </Suspense>
      ) : (
        <Card>
          <CardContent>{translate("hub.dashboard.nothing")}</CardContent>
        </Card>
      )}
    </Stack>
  );
}
