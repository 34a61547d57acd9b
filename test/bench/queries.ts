// The four read queries of the benchmark (issue 11), as the hub's public API spells them, with
// who asks them and their variables for a data set written by dataset.ts. The floor server
// (floor.ts) answers the same documents with the same JSON.

import { encodeGlobalID } from "@pothos/plugin-relay";
import Database from "better-sqlite3";
import { BIG_AUTHORITY } from "./dataset.ts";

export interface BenchQuery {
  name: string;
  title: string;
  /** The demo account that asks it (password demo-passwort). */
  email: string;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * (i) An authority's last meetings → agenda items → decisions → reviews → reviewer. The issue asks
 * for 50 meetings; the hub's operation limits (server/graphql/operation-limits.ts: estimated cost
 * at most 5000) refuse that page, so the page is MEETINGS_PAGE, the largest the limit admits.
 */
export const MEETINGS_PAGE = Number(process.env.BENCH_MEETINGS_PAGE ?? 10);
export const MEETINGS = `query Meetings($authorityId: ID!, $last: Int!) {
  meetings(filter: { authorityId: $authorityId }, last: $last) {
    totalCount
    edges { node {
      id title scheduledAt
      agendaItems { id position title
        decisions { id title status
          reviews { id verdict reviewer { id name } } } } } }
  }
}`;

/** (ii) A service order's first 100 bookings with school and booker, and the total count. */
export const BOOKINGS = `query Bookings($orderId: ID!) {
  serviceOrder(id: $orderId) {
    id title
    bookings(first: 100) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id sequence date personDays category description ticketRef
        school { id name } bookedBy { id name } } }
    }
  }
}`;

/** (iii) An authority's service orders with lines, figures and weekly burn-down. */
export const ORDERS = `query Orders($authorityId: ID!, $asOf: Date!) {
  schoolAuthority(id: $authorityId) {
    id name
    serviceOrders {
      id year title status validFrom validTo
      contractedPersonDays consumedPersonDays remainingPersonDays utilization
      lines { id name position contractedPersonDays consumedPersonDays remainingPersonDays utilization }
      burndown(granularity: WEEK, asOf: $asOf) { date consumedPersonDays remainingPersonDays plannedRemainingPersonDays }
    }
  }
}`;

/**
 * (iv) The controller's start page (admin/src/controlling/dashboards.tsx, queries.ts): the list of
 * service orders (ORDER_ROW with lines) and the open alerts, as the console asks them, in one document.
 */
export const DASHBOARD = `query Dashboard($open: Boolean, $asOf: Date!) {
  schoolAuthorities {
    id name
    serviceOrders {
      id title year status contractedPersonDays consumedPersonDays remainingPersonDays
      utilization elapsedShare(asOf: $asOf) validFrom validTo
      lines { id name contractedPersonDays consumedPersonDays utilization }
    }
    controllingAlerts(open: $open) {
      id kind message threshold createdAt acknowledgedAt line { id name } serviceOrder { id title year }
    }
  }
}`;

export const gid = (type: string, id: string) => encodeGlobalID(type, id);

/** The four queries with their variables for the data set in `file`. */
export function benchQueries(file: string, asOf: string): BenchQuery[] {
  const db = new Database(file, { readonly: true });
  try {
    const authority = db
      .prepare('SELECT "id" FROM "SchoolAuthority" WHERE "name" = ?')
      .get(BIG_AUTHORITY) as { id: string };
    // The order with the most bookings of the authority's current year.
    const order = db
      .prepare(
        `SELECT o."id" FROM "ServiceOrder" o WHERE o."authorityId" = ? AND o."status" = 'ACTIVE'
         ORDER BY o."year" DESC LIMIT 1`,
      )
      .get(authority.id) as { id: string };
    const authorityId = gid("SchoolAuthority", authority.id);
    return [
      {
        name: "meetings",
        title: `authority's last ${MEETINGS_PAGE} meetings → items → decisions → reviews → reviewer`,
        email: "servicemanager@ksm.example",
        query: MEETINGS,
        variables: { authorityId, last: MEETINGS_PAGE },
      },
      {
        name: "bookings",
        title: "order's first 100 bookings with school, booker, totalCount",
        email: "servicemanager@ksm.example",
        query: BOOKINGS,
        variables: { orderId: gid("ServiceOrder", order.id) },
      },
      {
        name: "orders",
        title: "authority's orders with lines, figures, weekly burn-down",
        email: "servicemanager@ksm.example",
        query: ORDERS,
        variables: { authorityId, asOf },
      },
      {
        name: "dashboard",
        title: "controller's dashboard (orders list, open alerts)",
        email: "controlling@schwerin.example",
        query: DASHBOARD,
        variables: { open: true, asOf },
      },
    ];
  } finally {
    db.close();
  }
}
