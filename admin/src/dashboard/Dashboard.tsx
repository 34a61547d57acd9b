// The start page: one dashboard per role, the first that fits in the order below.
import { Card, CardContent, LinearProgress, Stack, Typography } from "@mui/material";
import { type ComponentType, useEffect, useState } from "react";
import { Title, useGetIdentity, usePermissions, useTranslate } from "react-admin";
import type { Role } from "../authProvider.ts";
import { controllingDashboards } from "../controlling/index.tsx";
import { escalationsDashboards } from "../escalations/index.tsx";
import { governanceDashboards } from "../governance/index.tsx";
import type { PageModule } from "../lazy.ts";
import { MailDeliveryNote } from "../mail/index.tsx";

const dashboards: Partial<Record<Role, PageModule>> = {
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

/** The dashboard of a person's main role. */
function mainDashboard(roles: readonly Role[] | undefined): PageModule | undefined {
  const role = ORDER.find((r) => roles?.includes(r) && dashboards[r]);
  return role ? dashboards[role] : undefined;
}

/**
 * Signed in on the start page: its dashboard's code loads now, beside the layout's, instead of
 * after the layout has rendered and asked for it. Should that fail, the dashboard tries again.
 */
export function preloadDashboard(roles: readonly Role[]): void {
  const hash = window.location.hash;
  if (hash !== "" && hash !== "#/") return;
  mainDashboard(roles)
    ?.load()
    .catch(() => undefined);
}

/**
 * The page component once its code is there. A state update rather than <Suspense>: React holds a
 * revealed Suspense boundary's content back for 300 ms after its fallback showed, which delayed
 * the figures by that much; a failed load is thrown to react-admin's error page, as before.
 */
function useLoaded(page: PageModule | undefined): ComponentType | undefined {
  const [loaded, setLoaded] = useState<{ page?: PageModule; error?: unknown }>({});
  useEffect(() => {
    if (!page) return;
    let live = true;
    // Also when the code arrived between the render and this effect: the state update renders again.
    page.load().then(
      () => live && setLoaded((before) => (before.page === page && !before.error ? before : { page })),
      (error) => live && setLoaded({ page, error }),
    );
    return () => {
      live = false;
    };
  }, [page]);
  if (loaded.page === page && loaded.error) throw loaded.error;
  return page?.loaded();
}

export function Dashboard() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { permissions, isPending } = usePermissions<Role[]>();
  const page = mainDashboard(permissions);
  const Body = useLoaded(page);
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
      {/* A role's dashboard is its own chunk: the welcome shows while it loads. */}
      {Body ? (
        <Body />
      ) : page || isPending ? (
        <LinearProgress />
      ) : (
        <Card>
          <CardContent>{translate("hub.dashboard.nothing")}</CardContent>
        </Card>
      )}
    </Stack>
  );
}
