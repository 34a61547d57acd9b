// Helpers for the controlling tests: orders and bookings through the real API.
import { expect } from "vitest";
import { Access } from "../../server/access/index.ts";
import { DEMO_PASSWORD } from "../../server/db/seed-data.ts";
import { createUser } from "../../server/modules/organisations/service.ts";
import { gid, type TestHub } from "./hub.ts";

export const SCHWERIN = "Landeshauptstadt Schwerin";
export const PARCHIM = "Stadt Parchim";

export async function authorityGid(hub: TestHub, name: string): Promise<string> {
  const authority = await hub.db.read.schoolAuthority.findUniqueOrThrow({ where: { name } });
  return gid("SchoolAuthority", authority.id);
}

export async function schoolGid(hub: TestHub, authority: string): Promise<string> {
  const school = await hub.db.read.school.findFirstOrThrow({ where: { authority: { name: authority } } });
  return gid("School", school.id);
}

export interface OrderInput {
  authorityId: string;
  year: number;
  contractedPersonDays: string;
  [key: string]: unknown;
}

/** The provider drafts an order (DRAFT); nothing is booked on it until the authority commissions it. */
export async function draftOrder(hub: TestHub, token: string, input: OrderInput): Promise<string> {
  const r = await hub.gql<{ createServiceOrder: { id: string; status: string } }>(
    "mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id status } }",
    { input },
    token,
  );
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  expect(r.data?.createServiceOrder.status).toBe("DRAFT");
  return r.data?.createServiceOrder.id as string;
}

const dbId = (globalId: string) => Buffer.from(globalId, "base64").toString().split(":")[1] as string;

/**
 * An APPROVED decision of the authority to cite when commissioning: one from the demo data, or one the
 * service manager records in a new Jour-Fixe when the authority has none.
 */
export async function approvedDecision(hub: TestHub, authorityGid: string): Promise<string> {
  const authorityId = dbId(authorityGid);
  const found = await hub.db.read.decision.findFirst({
    where: { authorityId, status: "APPROVED" },
    orderBy: { decidedOn: "asc" },
    select: { id: true },
  });
  if (found) return gid("Decision", found.id);
  const manager = await hub.login("servicemanager@ksm.example");
  const meeting = await hub.gql<{ createMeeting: { id: string } }>(
    "mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }",
    {
      input: {
        authorityId: authorityGid,
        kind: "JOUR_FIXE",
        title: "Jour-Fixe Wirtschaftsplanung",
        scheduledAt: "2026-01-08T09:00:00Z",
      },
    },
    manager,
  );
  expect(meeting.errors, JSON.stringify(meeting.errors)).toBeUndefined();
  const decision = await hub.gql<{ recordDecision: { id: string } }>(
    "mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }",
    {
      input: {
        meetingId: meeting.data?.createMeeting.id,
        title: "Beauftragung des Dienstleisters",
        text: "Der Serviceschein wird wie vorgelegt beauftragt.",
        status: "APPROVED",
      },
    },
    manager,
  );
  expect(decision.errors, JSON.stringify(decision.errors)).toBeUndefined();
  return decision.data?.recordDecision.id as string;
}

/**
 * The authority's controller signs in; an authority of the demo without one gets one, as
 * `npm run user:add` would create it (the command, not the API: people are not created over GraphQL).
 */
export async function controllerToken(hub: TestHub, authorityGid: string): Promise<string> {
  const authorityId = dbId(authorityGid);
  const controllers = await hub.db.read.user.findMany({
    where: { authorityId, active: true, roles: { some: { role: "CONTROLLER" } } },
    orderBy: { email: "asc" },
    select: { email: true },
  });
  // The demo's people of record of other authorities cannot sign in (no demo password).
  for (const controller of controllers) {
    try {
      return await hub.login(controller.email);
    } catch {}
  }
  const email = `controlling-${authorityId}@test.example`;
  const existing = await hub.db.read.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return hub.login(email);
  await hub.app.runner.run(Access.anonymous(), createUser, {
    email,
    name: "Controlling (Test)",
    password: DEMO_PASSWORD,
    roles: ["CONTROLLER"],
    authorityId,
  });
  return hub.login(email);
}

export const COMMISSION = `mutation($input: CommissionServiceOrderInput!) {
  commissionServiceOrder(input: $input) { id status budgetLine commissionedAt }
}`;

/** The authority's controller commissions a draft (DRAFT → ACTIVE) citing an approved decision. */
export async function commissionOrder(hub: TestHub, orderGid: string, authorityGid: string): Promise<void> {
  const [decisionId, token] = await commissioner(hub, authorityGid);
  const r = await hub.gql<{ commissionServiceOrder: { status: string } }>(
    COMMISSION,
    { input: { serviceOrderId: orderGid, decisionId, budgetLine: "1.2.1.01.54310000" } },
    token,
  );
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  expect(r.data?.commissionServiceOrder.status).toBe("ACTIVE");
}

/** Per hub, what commissioning needs per authority: signing in hashes a password, which takes its time. */
const commissioners = new WeakMap<TestHub, Map<string, Promise<[string, string]>>>();

function commissioner(hub: TestHub, authorityGid: string): Promise<[string, string]> {
  const byAuthority = commissioners.get(hub) ?? new Map<string, Promise<[string, string]>>();
  commissioners.set(hub, byAuthority);
  let found = byAuthority.get(authorityGid);
  if (!found) {
    found = Promise.all([approvedDecision(hub, authorityGid), controllerToken(hub, authorityGid)]);
    byAuthority.set(authorityGid, found);
  }
  return found;
}

/** An order ready for bookings: drafted by the provider (`token`) and commissioned by the authority. */
export async function createOrder(hub: TestHub, token: string, input: OrderInput): Promise<string> {
  const id = await draftOrder(hub, token, input);
  await commissionOrder(hub, id, input.authorityId);
  return id;
}

export const BOOK = `mutation($input: RecordBookingInput!) {
  recordBooking(input: $input) { id date personDays category description sequence reversalOf { id } }
}`;

export interface BookingResult {
  id: string;
  date: string;
  personDays: string;
  category: string;
  sequence: number;
}

export async function book(
  hub: TestHub,
  token: string,
  input: Record<string, unknown>,
): Promise<BookingResult> {
  const r = await hub.gql<{ recordBooking: BookingResult }>(
    BOOK,
    { input: { description: "Arbeit", category: "Support", ...input } },
    token,
  );
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data?.recordBooking as BookingResult;
}

export const FIGURES = `query($id: ID!) { serviceOrder(id: $id) {
  contractedPersonDays consumedPersonDays remainingPersonDays utilization
  bookings(first: 1) { totalCount }
} }`;

export interface Figures {
  contractedPersonDays: string;
  consumedPersonDays: string;
  remainingPersonDays: string;
  utilization: number;
  bookings: { totalCount: number };
}

export async function figures(hub: TestHub, token: string, orderId: string): Promise<Figures> {
  const r = await hub.gql<{ serviceOrder: Figures }>(FIGURES, { id: orderId }, token);
  expect(r.errors).toBeUndefined();
  return r.data?.serviceOrder as Figures;
}

/** The exact sum of the ledger in hundredths, straight from the database. */
export async function ledgerSum(hub: TestHub, orderGid: string): Promise<number> {
  const id = Buffer.from(orderGid, "base64").toString().split(":")[1] as string;
  const rows = await hub.db.read.$queryRaw<{ s: bigint | number | null }[]>`
    SELECT SUM("personDays") AS s FROM "Booking" WHERE "orderId" = ${id}`;
  return Number(rows[0]?.s ?? 0);
}

/** "12.50" → 1250, for comparing API figures with the ledger. */
export function hundredths(value: string): number {
  const [whole, fraction = "00"] = value.replace("-", "").split(".");
  const n = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return value.startsWith("-") ? -n : n;
}
