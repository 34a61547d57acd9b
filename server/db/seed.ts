// The demo data: the KSM case from shared/seeds. The organisations go in one transaction that first
// checks the database is empty; each module then adds its records in one transaction of its own.

import { randomBytes } from "node:crypto";
import { seedControlling } from "../modules/controlling/seed.ts";
import { seedEscalations } from "../modules/escalations/seed.ts";
import { seedGovernance } from "../modules/governance/seed.ts";
import { hashPassword, verifyPassword } from "../modules/organisations/passwords.ts";
import { insertUser } from "../modules/organisations/service.ts";
import { seedPlans } from "../modules/plans/seed.ts";
import type { Database, ReadClient } from "./client.ts";
import * as data from "./seed-data.ts";

export const DEMO_PASSWORD = data.DEMO_PASSWORD;

export async function isEmpty(db: Database): Promise<boolean> {
  return (await db.read.provider.count()) === 0;
}

/**
 * Seeds an empty database; false when it holds data already. The emptiness is checked again in
 * the writer's turn: instances that start together on one empty database seed it once.
 */
export async function seedDemo(db: Database, log: (line: string) => void = () => {}): Promise<boolean> {
  const passwordHash = await hashPassword(data.DEMO_PASSWORD);
  const unusable = await hashPassword(randomBytes(24).toString("base64url"));
  const seeding = await db.transact(async (tx) => {
    if ((await tx.provider.count()) > 0) return false;
    const providerIds = new Map<string, string>();
    for (const provider of data.providers) {
      const row = await tx.provider.create({ data: provider });
      providerIds.set(provider.shortName, row.id);
    }
    const authorityIds = new Map<string, string>();
    for (const { provider, ...authority } of data.authorities) {
      const row = await tx.schoolAuthority.create({
        data: { ...authority, providerId: providerIds.get(provider) ?? "" },
      });
      authorityIds.set(authority.name, row.id);
    }
    const schoolIds = new Map<string, string>();
    for (const { authority, ...school } of data.schools) {
      const row = await tx.school.create({
        data: { ...school, authorityId: authorityIds.get(authority) ?? "" },
      });
      schoolIds.set(`${authority}/${school.name}`, row.id);
    }
    const groupIds = new Map<string, string>();
    for (const group of data.steeringGroups) {
      const row = await tx.steeringGroup.create({
        data: { name: group.name, authorityId: authorityIds.get(group.authority) ?? "" },
      });
      groupIds.set(group.authority, row.id);
    }
    const [schwerin] = data.steeringGroups;
    for (const person of data.users) {
      const user = await insertUser(tx, {
        email: person.email,
        name: person.name,
        passwordHash,
        roles: person.roles,
        providerId: person.provider ? providerIds.get(person.provider) : null,
        authorityId: person.authority ? authorityIds.get(person.authority) : null,
        schoolId: person.school ? schoolIds.get(`${person.authority}/${person.school}`) : null,
      });
      if (person.steeringMembership && schwerin) {
        await tx.steeringGroupMember.create({
          data: {
            groupId: groupIds.get(schwerin.authority) ?? "",
            userId: user.id,
            ...person.steeringMembership,
          },
        });
      }
    }
    // People of record: they cannot sign in, their password is random and thrown away.
    for (const person of data.peopleOfRecord) {
      await insertUser(tx, {
        email: person.email,
        name: person.name,
        passwordHash: unusable,
        roles: person.roles,
        authorityId: person.authority ? authorityIds.get(person.authority) : null,
      });
    }
    return true;
  });
  if (!seeding) return false;
  // The ledger first: the Jour-Fixe minutes report its figures in their words.
  await seedControlling(db, log);
  await seedGovernance(db, log);
  await linkCommissioningDecisions(db);
  await seedEscalations(db, log);
  await seedPlans(db, log);
  log(
    `Demo data: ${data.providers.length} providers, ${data.authorities.length} authorities, ` +
      `${data.schools.length} schools, ${data.users.length} accounts (password "${data.DEMO_PASSWORD}").`,
  );
  return true;
}

/**
 * Schwerin's orders cite the steering group's decision that commissioned them ("Beauftragung des
 * Servicescheins <year>"); the other authorities have no steering group in the demo.
 */
async function linkCommissioningDecisions(db: Database): Promise<void> {
  const orders = await db.read.serviceOrder.findMany({
    where: { authority: { steeringGroup: { isNot: null } } },
    select: { id: true, year: true, authorityId: true },
  });
  const decisions = await db.read.decision.findMany({
    where: { title: { in: orders.map((o) => `Beauftragung des Servicescheins ${o.year}`) } },
    select: { id: true, title: true, authorityId: true },
  });
  await db.transact(async (tx) => {
    for (const order of orders) {
      const decision = decisions.find(
        (d) =>
          d.authorityId === order.authorityId && d.title === `Beauftragung des Servicescheins ${order.year}`,
      );
      if (decision) {
        await tx.serviceOrder.update({
          where: { id: order.id },
          data: { commissioningDecisionId: decision.id },
        });
      }
    }
  });
}

/** Demo accounts that still accept the demo password: a production start refuses to run with any. */
export async function demoAccountsWithDemoPassword(db: ReadClient): Promise<string[]> {
  const accounts = await db.user.findMany({
    where: { email: { in: data.users.map((u) => u.email) } },
    select: { email: true, passwordHash: true },
  });
  const open: string[] = [];
  for (const account of accounts) {
    if (await verifyPassword(account.passwordHash, data.DEMO_PASSWORD)) open.push(account.email);
  }
  return open;
}
