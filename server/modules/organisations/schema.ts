import { Access } from "../../access/index.ts";
import {
  AgreementKind,
  AuthorityKind,
  Department,
  Role,
  SchoolKind,
  UpgradeStatus,
} from "../../db/generated/client/enums.ts";
import { builder } from "../../graphql/builder.ts";
import { decodeId } from "../../graphql/ids.ts";
import { todayInBerlin } from "../../lib/dates.ts";
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH } from "../../lib/validate.ts";
import { confirmSchoolHandover, proposeSchoolHandover, sideOn, withdrawSchoolHandover } from "./handovers.ts";
import { createSchool, createSchoolAuthority } from "./onboarding.ts";
import {
  addSteeringGroupMember,
  createSteeringGroup,
  removeSteeringGroupMember,
  updateSchool,
} from "./service.ts";

export const RoleEnum = builder.enumType(Role, { name: "Role" });
export const DepartmentEnum = builder.enumType(Department, { name: "Department" });
export const UpgradeStatusEnum = builder.enumType(UpgradeStatus, { name: "UpgradeStatus" });
const AuthorityKindEnum = builder.enumType(AuthorityKind, { name: "AuthorityKind" });
const SchoolKindEnum = builder.enumType(SchoolKind, { name: "SchoolKind" });
const AgreementKindEnum = builder.enumType(AgreementKind, {
  name: "AgreementKind",
  description:
    "Öffentlich-rechtliche Vereinbarung, Zweckvereinbarung, Satzung (membership of the provider) or Kooperationsvertrag.",
});
export const SupportSideEnum = builder.enumType("SupportSide", {
  values: ["PROVIDER", "AUTHORITY_IT"] as const,
});
/**
 * The side of a handover. The base contract names School.supportedBy's type SupportSide and the
 * contract's additions name the handover's sides SupportedBy: both exist, with the same values.
 */
export const SupportedByEnum = builder.enumType("SupportedBy", {
  values: ["PROVIDER", "AUTHORITY_IT"] as const,
});
/** A school changes hands once, perhaps twice, in the hub's life. */
const HANDOVERS_PER_SCHOOL = 2;

interface AgreementShape {
  kind: AgreementKind;
  councilDecisionOn: string | null;
  signedOn: string | null;
  startsOn: string;
  reference: string | null;
}
const AgreementRef = builder.objectRef<AgreementShape>("Agreement").implement({
  description: "The legal basis on which the authority hands its school IT to the provider.",
  fields: (t) => ({
    kind: t.expose("kind", { type: AgreementKindEnum }),
    councilDecisionOn: t.expose("councilDecisionOn", { type: "Date", nullable: true }),
    signedOn: t.expose("signedOn", { type: "Date", nullable: true }),
    startsOn: t.expose("startsOn", { type: "Date" }),
    reference: t.exposeString("reference", { nullable: true }),
  }),
});

// Expected list sizes for the query cost limit (graphql/operation-limits.ts), from the KSM case: a
// provider serves 13 authorities with about 80 schools, a steering group has five to eight members.
const AUTHORITIES = 13;
const SCHOOLS_PER_AUTHORITY = 6;
const STEERING_GROUP_SIZE = 6;

builder.prismaNode("Provider", {
  id: { field: "id" },
  authScopes: (provider, ctx) => ctx.access.isProviderPerson && ctx.access.user?.providerId === provider.id,
  fields: (t) => ({
    name: t.exposeString("name"),
    shortName: t.exposeString("shortName"),
  }),
});

export const SchoolAuthorityRef = builder.prismaNode("SchoolAuthority", {
  id: { field: "id" },
  authScopes: (authority) => ({ authority: authority.id }),
  fields: (t) => ({
    name: t.exposeString("name"),
    kind: t.expose("kind", { type: AuthorityKind }),
    state: t.exposeString("state", { description: "Federal state (ISO 3166-2 suffix, e.g. MV)." }),
    legalBasis: t.exposeString("legalBasis"),
    agreementStart: t.expose("agreementStart", { type: "Date" }),
    agreement: t.field({
      type: AgreementRef,
      nullable: true,
      description: "Null for an authority whose agreement was not recorded as data (legalBasis only).",
      select: {
        agreementKind: true,
        agreementCouncilDecisionOn: true,
        agreementSignedOn: true,
        agreementStart: true,
        agreementReference: true,
      },
      resolve: (a) =>
        a.agreementKind
          ? {
              kind: a.agreementKind,
              councilDecisionOn: a.agreementCouncilDecisionOn,
              signedOn: a.agreementSignedOn,
              startsOn: a.agreementStart,
              reference: a.agreementReference,
            }
          : null,
    }),
    schools: t.relation("schools", {
      query: { orderBy: { name: "asc" } },
      complexity: { field: 1, multiplier: SCHOOLS_PER_AUTHORITY },
    }),
    steeringGroup: t.relation("steeringGroup", { nullable: true }),
  }),
});

export const SchoolRef = builder.prismaNode("School", {
  id: { field: "id" },
  authScopes: (school) => ({ authority: school.authorityId }),
  fields: (t) => ({
    name: t.exposeString("name"),
    kind: t.expose("kind", { type: SchoolKind }),
    authority: t.relation("authority"),
    upgradeStatus: t.expose("upgradeStatus", {
      type: UpgradeStatusEnum,
      description:
        "Progress of the upgrade to the target picture. It does not decide who supports the school: a confirmed handover does.",
    }),
    supportedBy: t.field({
      type: SupportSideEnum,
      description:
        "Who supports the school on asOf (default today): the side of the latest confirmed handover dated on or " +
        "before it; AUTHORITY_IT without one, whatever the upgrade status.",
      args: { asOf: t.arg({ type: "Date" }) },
      select: {
        handovers: {
          where: { confirmedAt: { not: null } },
          select: { handoverDate: true, toSide: true, confirmedAt: true },
        },
      },
      resolve: (school, args) => sideOn(school.handovers, args.asOf ?? todayInBerlin()),
    }),
    handovers: t.relation("handovers", {
      description: "Every handover of the school, proposed and confirmed, oldest first.",
      query: { orderBy: [{ handoverDate: "asc" }, { createdAt: "asc" }] },
      complexity: { field: 1, multiplier: HANDOVERS_PER_SCHOOL },
    }),
  }),
});

export const SchoolHandoverRef = builder.prismaNode("SchoolHandover", {
  id: { field: "id" },
  description: "A change of who supports a school: proposed by the provider, confirmed by the authority.",
  select: { id: true, school: { select: { authorityId: true } } },
  authScopes: (handover) => ({ authority: handover.school.authorityId }),
  fields: (t) => ({
    school: t.relation("school"),
    from: t.field({ type: SupportedByEnum, select: { fromSide: true }, resolve: (h) => h.fromSide }),
    to: t.field({ type: SupportedByEnum, select: { toSide: true }, resolve: (h) => h.toSide }),
    handoverDate: t.expose("handoverDate", { type: "Date" }),
    note: t.exposeString("note", { nullable: true }),
    measure: t.relation("measure", {
      nullable: true,
      description: "The accepted upgrade measure that proposed it.",
    }),
    proposedBy: t.relation("proposedBy"),
    confirmedBy: t.relation("confirmedBy", { nullable: true }),
    confirmedAt: t.expose("confirmedAt", { type: "DateTime", nullable: true }),
    confirmed: t.boolean({ select: { confirmedAt: true }, resolve: (h) => h.confirmedAt !== null }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const UserRef = builder.prismaNode("User", {
  id: { field: "id" },
  authScopes: (user) => ({ person: user }),
  select: { id: true, providerId: true, authorityId: true },
  fields: (t) => ({
    email: t.exposeString("email"),
    name: t.exposeString("name"),
    roles: t.field({
      type: [RoleEnum],
      select: { roles: { select: { role: true } } },
      resolve: (user) => user.roles.map((r) => r.role).sort(),
    }),
    authority: t.relation("authority", { nullable: true }),
    school: t.relation("school", { nullable: true }),
  }),
});

builder.prismaNode("SteeringGroup", {
  id: { field: "id" },
  authScopes: (group) => ({ authority: group.authorityId }),
  fields: (t) => ({
    name: t.exposeString("name"),
    authority: t.relation("authority"),
    members: t.relation("members", {
      query: { orderBy: [{ coordinator: "desc" }, { createdAt: "asc" }] },
      complexity: { field: 1, multiplier: STEERING_GROUP_SIZE },
    }),
  }),
});

builder.prismaNode("SteeringGroupMember", {
  id: { field: "id" },
  select: { id: true, group: { select: { authorityId: true } } },
  authScopes: (member) => ({ authority: member.group.authorityId }),
  fields: (t) => ({
    user: t.relation("user"),
    department: t.expose("department", { type: DepartmentEnum }),
    coordinator: t.exposeBoolean("coordinator"),
  }),
});

const LoginPayload = builder
  .objectRef<{ token: string; expiresAt: Date; userId: string }>("LoginPayload")
  .implement({
    fields: (t) => ({
      token: t.exposeString("token", {
        description: "Bearer token for the Authorization header or the WebSocket connection_init payload.",
      }),
      expiresAt: t.expose("expiresAt", { type: "DateTime" }),
      user: t.prismaField({
        type: "User",
        resolve: (query, payload, _args, ctx) =>
          ctx.db.read.user.findUniqueOrThrow({ ...query, where: { id: payload.userId } }),
      }),
    }),
  });

const MemberInput = builder.inputType("SteeringGroupMemberInput", {
  fields: (f) => ({
    userId: f.id({ required: true }),
    department: f.field({ type: DepartmentEnum, required: true }),
    coordinator: f.boolean({ defaultValue: false }),
  }),
});

builder.queryFields((t) => ({
  me: t.prismaField({
    type: "User",
    nullable: true,
    resolve: (query, _root, _args, ctx) =>
      ctx.access.user ? ctx.db.read.user.findUnique({ ...query, where: { id: ctx.access.user.id } }) : null,
  }),
  schoolAuthorities: t.prismaField({
    type: ["SchoolAuthority"],
    description: "The authorities the caller may see.",
    authScopes: { signedIn: true },
    complexity: { field: 1, multiplier: AUTHORITIES },
    resolve: (query, _root, _args, ctx) =>
      ctx.db.read.schoolAuthority.findMany({
        ...query,
        where: { id: { in: ctx.access.visibleAuthorityIds } },
        orderBy: { name: "asc" },
      }),
  }),
  schoolAuthority: t.prismaField({
    type: "SchoolAuthority",
    nullable: true,
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => {
      const id = decodeId(String(args.id), "SchoolAuthority", "id");
      ctx.access.requireAuthority(id, "Schulträger");
      return ctx.db.read.schoolAuthority.findUnique({ ...query, where: { id } });
    },
  }),
}));

builder.mutationFields((t) => ({
  login: t.field({
    type: LoginPayload,
    args: {
      email: t.arg.string({ required: true, maxLength: MAX_EMAIL_LENGTH }),
      password: t.arg.string({ required: true, maxLength: MAX_PASSWORD_LENGTH }),
    },
    resolve: async (_root, args, ctx) => {
      const result = await ctx.signIn.login({
        email: args.email,
        password: args.password,
        address: ctx.address,
      });
      ctx.setSessionCookie?.(result.token, result.expiresAt);
      // The rest of this request (the payload's user) is read as the person just signed in.
      ctx.access = await Access.forUser(ctx.db.read, result.user, result.sessionId);
      return { token: result.token, expiresAt: result.expiresAt, userId: result.user.id };
    },
  }),
  logout: t.boolean({
    description: "Revokes the current token at once.",
    resolve: async (_root, _args, ctx) => {
      ctx.setSessionCookie?.(null);
      return ctx.signIn.logout(ctx.access);
    },
  }),
  updateSchool: t.prismaField({
    type: "School",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("UpdateSchoolInput", {
          fields: (f) => ({
            schoolId: f.id({ required: true }),
            name: f.string(),
            upgradeStatus: f.field({ type: UpgradeStatusEnum }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const school = await ctx.run(updateSchool, {
        schoolId: decodeId(String(input.schoolId), "School", "schoolId"),
        name: input.name,
        upgradeStatus: input.upgradeStatus,
      });
      return ctx.db.read.school.findUniqueOrThrow({ ...query, where: { id: school.id } });
    },
  }),
  createSteeringGroup: t.prismaField({
    type: "SteeringGroup",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("CreateSteeringGroupInput", {
          fields: (f) => ({
            authorityId: f.id({ required: true }),
            name: f.string({ required: true }),
            members: f.field({ type: [MemberInput], required: true }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const group = await ctx.run(createSteeringGroup, {
        authorityId: decodeId(String(input.authorityId), "SchoolAuthority", "authorityId"),
        name: input.name,
        members: input.members.map((m, i) => ({
          userId: decodeId(String(m.userId), "User", `members.${i}.userId`),
          department: m.department,
          coordinator: m.coordinator ?? false,
        })),
      });
      return ctx.db.read.steeringGroup.findUniqueOrThrow({ ...query, where: { id: group.id } });
    },
  }),
  addSteeringGroupMember: t.prismaField({
    type: "SteeringGroupMember",
    authScopes: { signedIn: true },
    args: {
      groupId: t.arg.id({ required: true }),
      member: t.arg({ type: MemberInput, required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const member = await ctx.run(addSteeringGroupMember, {
        groupId: decodeId(String(args.groupId), "SteeringGroup", "groupId"),
        userId: decodeId(String(args.member.userId), "User", "member.userId"),
        department: args.member.department,
        coordinator: args.member.coordinator ?? false,
      });
      return ctx.db.read.steeringGroupMember.findUniqueOrThrow({ ...query, where: { id: member.id } });
    },
  }),
  proposeSchoolHandover: t.prismaField({
    type: "SchoolHandover",
    description:
      "The provider proposes that the other side supports the school from handoverDate; the authority confirms.",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("ProposeSchoolHandoverInput", {
          fields: (f) => ({
            schoolId: f.id({ required: true }),
            handoverDate: f.field({ type: "Date", required: true }),
            note: f.string(),
            to: f.field({
              type: SupportedByEnum,
              description: "The side taking over; optional, it is the other side than on handoverDate.",
            }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const handover = await ctx.run(proposeSchoolHandover, {
        schoolId: decodeId(String(input.schoolId), "School", "schoolId"),
        handoverDate: input.handoverDate,
        note: input.note,
        to: input.to,
      });
      return ctx.db.read.schoolHandover.findUniqueOrThrow({ ...query, where: { id: handover.id } });
    },
  }),
  confirmSchoolHandover: t.prismaField({
    type: "SchoolHandover",
    description: "The authority's school-IT officer or IT department confirms a proposed handover.",
    authScopes: { signedIn: true },
    args: { handoverId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const handover = await ctx.run(confirmSchoolHandover, {
        handoverId: decodeId(String(args.handoverId), "SchoolHandover", "handoverId"),
      });
      return ctx.db.read.schoolHandover.findUniqueOrThrow({ ...query, where: { id: handover.id } });
    },
  }),
  withdrawSchoolHandover: t.boolean({
    description:
      "Removes a pending handover: withdrawn by the provider or declined by the authority. A confirmed one stays.",
    authScopes: { signedIn: true },
    args: { handoverId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.run(withdrawSchoolHandover, {
        handoverId: decodeId(String(args.handoverId), "SchoolHandover", "handoverId"),
      }),
  }),
  createSchoolAuthority: t.prismaField({
    type: "SchoolAuthority",
    description: "The provider's administrator onboards a new school authority with its agreement.",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("CreateSchoolAuthorityInput", {
          fields: (f) => ({
            name: f.string({ required: true }),
            kind: f.field({ type: AuthorityKindEnum, required: true }),
            state: f.string({ required: true, description: "Federal state code, e.g. MV, SL, TH." }),
            agreement: f.field({
              required: true,
              type: builder.inputType("AgreementInput", {
                fields: (g) => ({
                  kind: g.field({ type: AgreementKindEnum, required: true }),
                  councilDecisionOn: g.field({ type: "Date" }),
                  signedOn: g.field({ type: "Date" }),
                  startsOn: g.field({ type: "Date", required: true }),
                  reference: g.string(),
                }),
              }),
            }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const authority = await ctx.run(createSchoolAuthority, {
        name: input.name,
        kind: input.kind,
        state: input.state,
        agreement: input.agreement,
      });
      // The caller's access was read before the authority existed.
      const user = ctx.access.user;
      if (user) ctx.access = await Access.forUser(ctx.db.read, user, ctx.access.sessionId);
      return ctx.db.read.schoolAuthority.findUniqueOrThrow({ ...query, where: { id: authority.id } });
    },
  }),
  createSchool: t.prismaField({
    type: "School",
    description: "The provider's administrator adds a school to an authority it serves.",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("CreateSchoolInput", {
          fields: (f) => ({
            authorityId: f.id({ required: true }),
            name: f.string({ required: true }),
            kind: f.field({ type: SchoolKindEnum, required: true }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const school = await ctx.run(createSchool, {
        authorityId: decodeId(String(input.authorityId), "SchoolAuthority", "authorityId"),
        name: input.name,
        kind: input.kind,
      });
      return ctx.db.read.school.findUniqueOrThrow({ ...query, where: { id: school.id } });
    },
  }),
  removeSteeringGroupMember: t.boolean({
    authScopes: { signedIn: true },
    args: { memberId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.run(removeSteeringGroupMember, {
        memberId: decodeId(String(args.memberId), "SteeringGroupMember", "memberId"),
      }),
  }),
}));

builder.subscriptionFields((t) => ({
  schoolUpdated: t.prismaField({
    type: "School",
    description: "A school of the authority changed (e.g. its upgrade status).",
    authScopes: { signedIn: true },
    args: { authorityId: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) => {
      const authorityId = decodeId(String(args.authorityId), "SchoolAuthority", "authorityId");
      ctx.access.requireAuthority(authorityId, "Schulträger");
      return ctx.events.subscribe("schoolUpdated", (event) => event.authorityId === authorityId);
    },
    resolve: (query, event, _args, ctx) =>
      ctx.db.read.school.findUniqueOrThrow({
        ...query,
        where: { id: (event as { schoolId: string }).schoolId },
      }),
  }),
}));
