// Live refresh: when a decision of an authority the viewer sees changes (recorded, reviewed,
// status changed by someone else), the page on screen re-reads its data.
import { useEffect, useRef } from "react";
import { useRefresh } from "react-admin";
import { me } from "../authProvider.ts";
import { request, subscribe } from "../graphql.ts";

const DECISION_UPDATED = `subscription ($authorityId: ID!) {
  decisionUpdated(authorityId: $authorityId) { change decision { id } } }`;

/**
 * Subscribes to `decisionUpdated` for the given authority, or for every authority the viewer
 * sees, and refreshes react-admin's queries on each event. School contacts cannot read
 * steering records (the server refuses the subscription), so they are left out.
 */
export function useDecisionLiveRefresh(authorityId?: string): void {
  const refresh = useRefresh();
  // The latest refresh without re-subscribing whenever react-admin hands out a new function.
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;

  useEffect(() => {
    let stopped = false;
    const stops: (() => void)[] = [];
    void (async () => {
      const person = await me().catch(() => null);
      if (!person) return;
      if (person.roles.every((role) => role === "SCHOOL_CONTACT")) return;
      const ids = authorityId
        ? [authorityId]
        : await request<{ schoolAuthorities: { id: string }[] }>("{ schoolAuthorities { id } }")
            .then((data) => data.schoolAuthorities.map((a) => a.id))
            .catch(() => [] as string[]);
      if (stopped) return;
      for (const id of ids) {
        stops.push(subscribe(DECISION_UPDATED, { authorityId: id }, () => refreshRef.current()));
      }
    })();
    return () => {
      stopped = true;
      for (const stop of stops) stop();
    };
  }, [authorityId]);
}

/** Renders nothing; keeps the surrounding list fresh. */
export function LiveRefresh({ authorityId }: { authorityId?: string }) {
  useDecisionLiveRefresh(authorityId);
  return null;
}
