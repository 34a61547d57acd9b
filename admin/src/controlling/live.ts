// Live updates: a booking anywhere re-reads the order's figures and chart; alerts re-read the
// lists that show them. Everything refetches through react-admin's refresh, so the page keeps
// showing the previous figures until the new ones arrive (no flicker, no reload).
import { useEffect } from "react";
import { useRefresh } from "react-admin";
import { subscribe } from "../graphql.ts";

export function useOrderLive(orderIds: string[]) {
  const refresh = useRefresh();
  const key = orderIds.join(",");
  useEffect(() => {
    if (!key) return;
    const stops = key
      .split(",")
      .map((id) =>
        subscribe(
          "subscription ($id: ID!) { serviceOrderBurndown(serviceOrderId: $id) { consumedPersonDays } }",
          { id },
          () => refresh(),
        ),
      );
    return () => {
      for (const stop of stops) stop();
    };
  }, [key, refresh]);
}

export function useAlertsLive(authorityIds: string[]) {
  const refresh = useRefresh();
  const key = authorityIds.join(",");
  useEffect(() => {
    if (!key) return;
    const stops = key
      .split(",")
      .map((id) =>
        subscribe("subscription ($id: ID!) { controllingAlerts(authorityId: $id) { id } }", { id }, () =>
          refresh(),
        ),
      );
    return () => {
      for (const stop of stops) stop();
    };
  }, [key, refresh]);
}
