// Helpers for the controlling tests: orders and bookings through the real API.
import { expect } from "vitest";
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

export async function createOrder(hub: TestHub, token: string, input: OrderInput): Promise<string> {
  const r = await hub.gql<{ createServiceOrder: { id: string } }>(
    "mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id } }",
    { input },
    token,
  );
  expect(r.errors).toBeUndefined();
  return r.data?.createServiceOrder.id as string;
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
