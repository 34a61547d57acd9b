// schema.graphql is the printed schema; the contract's names must exist in it.
import fs from "node:fs";
import { type GraphQLField, type GraphQLObjectType, getNamedType, isEnumType, isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { printedSchema, schemaFile } from "../../server/graphql/print.ts";
import { schema } from "../../server/graphql/schema.ts";

describe("schema.graphql", () => {
  it("matches the schema the server builds (run `npm run schema:print` after a change)", () => {
    expect(fs.readFileSync(schemaFile, "utf8")).toBe(printedSchema());
  });
});

/** The contract (shared/api-contract.md) as far as it is implemented: type → fields with their type. */
const contract: Record<string, Record<string, string>> = {
  Query: {
    me: "User",
    node: "Node",
    schoolAuthorities: "[SchoolAuthority!]!",
    schoolAuthority: "SchoolAuthority",
  },
  Mutation: { login: "LoginPayload!", logout: "Boolean!" },
  LoginPayload: { token: "String!", user: "User!" },
  User: {
    id: "ID!",
    email: "String!",
    name: "String!",
    roles: "[Role!]!",
    authority: "SchoolAuthority",
    school: "School",
  },
  SchoolAuthority: { id: "ID!", name: "String!", schools: "[School!]!", steeringGroup: "SteeringGroup" },
  School: {
    id: "ID!",
    name: "String!",
    authority: "SchoolAuthority!",
    upgradeStatus: "UpgradeStatus!",
    supportedBy: "SupportSide!",
  },
  SteeringGroup: { id: "ID!", authority: "SchoolAuthority!", members: "[SteeringGroupMember!]!" },
  SteeringGroupMember: { id: "ID!", user: "User!", department: "Department!", coordinator: "Boolean!" },
};

const enums: Record<string, string[]> = {
  Role: [
    "ADMIN",
    "SERVICE_MANAGER",
    "PROVIDER_STAFF",
    "SCHOOL_IT_OFFICER",
    "STEERING_MEMBER",
    "CONTROLLER",
    "SCHOOL_CONTACT",
  ],
  UpgradeStatus: ["PLANNED", "IN_PROGRESS", "COMPLETED"],
  SupportSide: ["PROVIDER", "AUTHORITY_IT"],
  Department: ["SCHOOL_AUTHORITY", "IT_DEPARTMENT", "FACILITY_MANAGEMENT", "FINANCE", "PROVIDER"],
};

describe("the public API contract", () => {
  it.each(Object.entries(contract))("%s has the contract's fields", (typeName, fields) => {
    const type = schema.getType(typeName);
    expect(type && isObjectType(type), typeName).toBe(true);
    const actual = (type as GraphQLObjectType).getFields();
    for (const [field, fieldType] of Object.entries(fields)) {
      expect(
        String((actual[field] as GraphQLField<unknown, unknown> | undefined)?.type),
        `${typeName}.${field}`,
      ).toBe(fieldType);
    }
  });

  it.each(Object.entries(enums))("enum %s has the contract's values", (name, values) => {
    const type = schema.getType(name);
    expect(type && isEnumType(type)).toBe(true);
    if (type && isEnumType(type))
      expect(
        type
          .getValues()
          .map((v) => v.name)
          .sort(),
      ).toEqual([...values].sort());
  });

  it("person-days and money are never Float", () => {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      for (const field of Object.values(type.getFields())) {
        if (/PersonDays|Amount|Cost|Euro/i.test(field.name))
          expect(getNamedType(field.type).name, `${type.name}.${field.name}`).toBe("Decimal");
      }
    }
  });
});
