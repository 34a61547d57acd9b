import { Access } from "../../access/index.ts";
import {
  AuthorityKind,
  Department,
  Role,
  SchoolKind,
  UpgradeStatus,
} from "../../db/generated/client/enums.ts";
import { builder } from "../../graphql/builder.ts";
import { decodeId } from "../../graphql/ids.ts";
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH } from "../../lib/validate.ts";
import {
  addSteeringGroupMember,
  createSteeringGroup,
  removeSteeringGroupMember,
  supportedBy,
  updateSchool,
} from "./service.ts";

export const RoleEnum = builder.enumType(Role, { name: "Role" });
export const DepartmentEnum = builder.enumType(Department, { name: "Department" });
export const UpgradeStatusEnum = builder.enumType(UpgradeStatus, { name: "UpgradeStatus" });
builder.enumType(AuthorityKind, { name: "AuthorityKind" });
builder.enumType(SchoolKind, { name: "SchoolKind" });
export const SupportSideEnum = builder.enumType("SupportSide", {
  values: ["PROVIDER", "AUTHORITY_IT"] as const,
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
    upgradeStatus: t.expose("upgradeStatus", { type: UpgradeStatusEnum }),
    supportedBy: t.field({
      type: SupportSideEnum,
      description: "PROVIDER once the school is upgraded to the target picture, AUTHORITY_IT before.",
      select: { upgradeStatus: true },
      resolve: (school) => supportedBy(school.upgradeStatus),
    }),
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
