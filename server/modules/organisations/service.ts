// Authorities, schools, people and steering groups: the rules, free of GraphQL.
import type { Access } from "../../access/index.ts";
import {
  mayHoldSteeringMembership,
  requireSchoolKeeper,
  requireSteeringGroupKeeper,
} from "../../access/organisations.ts";
import type { Tx } from "../../db/client.ts";
import type { Department, Role, UpgradeStatus } from "../../db/generated/client/enums.ts";
import { badInput, conflict, notFound } from "../../lib/errors.ts";
import { requiredText } from "../../lib/validate.ts";
import { diff } from "../audit/service.ts";
import type { Work } from "../work.ts";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./passwords.ts";

export async function updateSchool(
  { tx, access, audit, publish }: Work,
  input: { schoolId: string; name?: string | null; upgradeStatus?: UpgradeStatus | null },
) {
  requireSchoolKeeper(access);
  const school = await tx.school.findUnique({ where: { id: input.schoolId } });
  if (!school || !access.canSeeAuthority(school.authorityId)) throw notFound("Schule");
  const changes = {
    name: input.name == null ? undefined : requiredText(input.name, "name", "Der Name"),
    upgradeStatus: input.upgradeStatus ?? undefined,
  };
  const updated = await tx.school.update({ where: { id: school.id }, data: changes });
  audit({
    authorityId: school.authorityId,
    objectType: "School",
    objectId: school.id,
    action: "UPDATE",
    changes: diff(school, changes),
  });
  publish("schoolUpdated", { authorityId: school.authorityId, schoolId: school.id });
  return updated;
}

export interface MemberInput {
  userId: string;
  department: Department;
  coordinator: boolean;
}

/** Members must belong to the authority or to the provider serving it, and may read its steering records. */
async function checkMembers(
  tx: Tx,
  authority: { id: string; providerId: string },
  members: MemberInput[],
  field: (index: number) => string,
) {
  const people = await tx.user.findMany({
    where: { id: { in: members.map((m) => m.userId) } },
    select: { id: true, authorityId: true, providerId: true, roles: { select: { role: true } } },
  });
  for (const [index, member] of members.entries()) {
    const person = people.find((p) => p.id === member.userId);
    if (!person || (person.authorityId !== authority.id && person.providerId !== authority.providerId)) {
      throw badInput(field(index), "Diese Person gehört weder zum Schulträger noch zu seinem Dienstleister.");
    }
    if (!mayHoldSteeringMembership({ ...person, roles: person.roles.map((r) => r.role) }, authority)) {
      throw badInput(
        field(index),
        "Schulkontakte können nicht Mitglied der Steuerungsgruppe sein: Sie lesen keine Steuerungsunterlagen.",
      );
    }
  }
}

export async function createSteeringGroup(
  { tx, access, audit }: Work,
  input: { authorityId: string; name: string; members: MemberInput[] },
) {
  requireSteeringGroupKeeper(access);
  access.requireAuthority(input.authorityId, "Schulträger");
  const name = requiredText(input.name, "name", "Der Name");
  const authority = await tx.schoolAuthority.findUniqueOrThrow({ where: { id: input.authorityId } });
  const existing = await tx.steeringGroup.findUnique({ where: { authorityId: authority.id } });
  if (existing) throw conflict("Dieser Schulträger hat bereits eine Steuerungsgruppe.");
  const group = await tx.steeringGroup.create({ data: { authorityId: authority.id, name } });
  audit({
    authorityId: authority.id,
    objectType: "SteeringGroup",
    objectId: group.id,
    action: "CREATE",
    changes: { name, members: input.members },
  });
  await checkMembers(tx, authority, input.members, (index) => `members.${index}.userId`);
  // One insert per member: a duplicate person fails on the unique key and rolls the group back.
  for (const member of input.members) {
    await tx.steeringGroupMember.create({ data: { groupId: group.id, ...member } }).catch(duplicateMember);
  }
  return group;
}

function duplicateMember(error: unknown): never {
  if ((error as { code?: string }).code === "P2002")
    throw conflict("Diese Person ist bereits Mitglied der Steuerungsgruppe.");
  throw error;
}

async function groupOf(tx: Tx, access: Access, groupId: string) {
  const group = await tx.steeringGroup.findUnique({
    where: { id: groupId },
    include: { authority: true },
  });
  if (!group || !access.canSeeAuthority(group.authorityId)) throw notFound("Steuerungsgruppe");
  return group;
}

export async function addSteeringGroupMember(
  { tx, access, audit }: Work,
  input: MemberInput & { groupId: string },
) {
  requireSteeringGroupKeeper(access);
  const group = await groupOf(tx, access, input.groupId);
  await checkMembers(tx, group.authority, [input], () => "member.userId");
  const member = await tx.steeringGroupMember
    .create({
      data: {
        groupId: group.id,
        userId: input.userId,
        department: input.department,
        coordinator: input.coordinator,
      },
    })
    .catch(duplicateMember);
  audit({
    authorityId: group.authorityId,
    objectType: "SteeringGroupMember",
    objectId: member.id,
    action: "CREATE",
    changes: { userId: input.userId, department: input.department, coordinator: input.coordinator },
  });
  return member;
}

export async function removeSteeringGroupMember(
  { tx, access, audit }: Work,
  input: { memberId: string },
): Promise<boolean> {
  requireSteeringGroupKeeper(access);
  const member = await tx.steeringGroupMember.findUnique({
    where: { id: input.memberId },
    include: { group: true },
  });
  if (!member || !access.canSeeAuthority(member.group.authorityId)) throw notFound("Mitglied");
  const { count } = await tx.steeringGroupMember.deleteMany({ where: { id: member.id } });
  if (count !== 1) throw notFound("Mitglied");
  audit({
    authorityId: member.group.authorityId,
    objectType: "SteeringGroupMember",
    objectId: member.id,
    action: "DELETE",
    changes: { userId: member.userId, department: member.department, coordinator: member.coordinator },
  });
  return true;
}

export interface NewUser {
  email: string;
  name: string;
  /** Plain password, hashed here; or `passwordHash` when the caller hashed it already (seed). */
  password?: string;
  passwordHash?: string;
  roles: Role[];
  providerId?: string | null;
  authorityId?: string | null;
  schoolId?: string | null;
}

const PROVIDER_ROLES: Role[] = ["ADMIN", "SERVICE_MANAGER", "PROVIDER_STAFF"];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The first provider of an empty production database (`npm run user:add -- --provider`). */
export async function createProvider({ tx, audit }: Work, input: { name: string }) {
  const name = requiredText(input.name, "name", "Der Name");
  const shortName = name.split(/\s+/)[0] ?? name;
  const provider = await tx.provider.create({ data: { name, shortName } });
  audit({
    authorityId: null,
    objectType: "Provider",
    objectId: provider.id,
    action: "CREATE",
    changes: { name, shortName },
  });
  return provider;
}

/** Creates a person (`npm run user:add`). */
export async function createUser({ tx, audit }: Work, input: NewUser) {
  const user = await insertUser(tx, input);
  audit({
    authorityId: user.authorityId,
    objectType: "User",
    objectId: user.id,
    action: "CREATE",
    changes: {
      email: user.email,
      name: user.name,
      roles: input.roles,
      authorityId: user.authorityId,
      providerId: user.providerId,
    },
  });
  return user;
}

/** The person's row after the rules for people; the demo seed loads its accounts with it. */
export async function insertUser(tx: Tx, input: NewUser) {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw badInput("email", `"${input.email}" ist keine gültige E-Mail-Adresse.`);
  const name = requiredText(input.name, "name", "Der Name");
  if (!input.passwordHash && (input.password ?? "").length < MIN_PASSWORD_LENGTH) {
    throw badInput("password", `Das Passwort muss mindestens ${MIN_PASSWORD_LENGTH} Zeichen lang sein.`);
  }
  if (input.roles.length === 0) throw badInput("roles", "Mindestens eine Rolle ist nötig.");
  const providerRoles = input.roles.filter((r) => PROVIDER_ROLES.includes(r));
  if (providerRoles.length > 0 && providerRoles.length !== input.roles.length) {
    throw badInput("roles", "Rollen des Dienstleisters und des Schulträgers lassen sich nicht mischen.");
  }
  const isProvider = providerRoles.length > 0;
  if (isProvider ? !input.providerId || input.authorityId : !input.authorityId || input.providerId) {
    throw badInput(
      "authority",
      isProvider
        ? "Personen des Dienstleisters gehören zu keinem Schulträger."
        : "Personen eines Schulträgers brauchen einen Schulträger.",
    );
  }
  if (input.roles.includes("SCHOOL_CONTACT") !== Boolean(input.schoolId)) {
    throw badInput("school", "Schulkontakte brauchen genau eine Schule, andere Personen keine.");
  }
  const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw conflict(`Es gibt bereits eine Person mit der E-Mail-Adresse ${email}.`);
  const user = await tx.user.create({
    data: {
      email,
      name,
      passwordHash: input.passwordHash ?? (await hashPassword(input.password ?? "")),
      providerId: input.providerId ?? null,
      authorityId: input.authorityId ?? null,
      schoolId: input.schoolId ?? null,
      roles: { create: input.roles.map((role) => ({ role })) },
    },
  });
  return user;
}
