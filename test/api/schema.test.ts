// schema.graphql is the printed schema; the contract's names must exist in it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import {
  type FieldDefinitionNode,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLObjectType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isObjectType,
  parse,
  print,
} from "graphql";
import { describe, expect, it } from "vitest";
import { printedSchema, schemaFile } from "../../server/graphql/print.ts";
import { schema } from "../../server/graphql/schema.ts";

describe("schema.graphql", () => {
  it("matches the schema the server builds (run `npm run schema:print` after a change)", () => {
    expect(fs.readFileSync(schemaFile, "utf8")).toBe(printedSchema());
  });
});

const contractText = fs.readFileSync(
  path.resolve(import.meta.dirname, "../fixtures/api-contract.graphql"),
  "utf8",
);
const contract = parse(contractText);

describe("the public API contract", () => {
  const objects = contract.definitions.filter((d) => d.kind === "ObjectTypeDefinition");
  const enums = contract.definitions.filter((d) => d.kind === "EnumTypeDefinition");

  it.each(objects.map((d) => [d.name.value, d] as const))(
    "type %s has the contract's fields, types and arguments",
    (name, def) => {
      const type = schema.getType(name);
      expect(type && isObjectType(type), name).toBe(true);
      const fields = (type as GraphQLObjectType).getFields();
      for (const field of def.fields ?? []) {
        const actual = fields[field.name.value] as GraphQLField<unknown, unknown> | undefined;
        const where = `${name}.${field.name.value}`;
        expect(actual, where).toBeDefined();
        expect(String(actual?.type), where).toBe(print(field.type));
        for (const arg of (field as FieldDefinitionNode).arguments ?? []) {
          const actualArg = actual?.args.find((a) => a.name === arg.name.value);
          expect(String(actualArg?.type), `${where}(${arg.name.value})`).toBe(print(arg.type));
          if (arg.defaultValue)
            expect(actualArg?.defaultValue, `${where}(${arg.name.value}) default`).toBe(
              print(arg.defaultValue),
            );
        }
      }
    },
  );

  it.each(enums.map((d) => [d.name.value, d] as const))("enum %s has the contract's values", (name, def) => {
    const type = schema.getType(name);
    expect(type && isEnumType(type), name).toBe(true);
    if (type && isEnumType(type)) {
      expect(type.getValues().map((v) => v.name)).toEqual(
        expect.arrayContaining(def.values?.map((v) => v.name.value) ?? []),
      );
    }
  });

  // The contract names each mutation's input fields in a comment: `mutation(input: X!): Y!  # a, b, c`.
  const inputs = [...contractText.matchAll(/^\s*(\w+)\(input: (\w+)!\): \w+!\s*#\s*(.+)$/gm)].map((m) => ({
    mutation: m[1] as string,
    type: m[2] as string,
    fields: (m[3] as string)
      .replace(/;.*$/, "")
      .split(",")
      .map((f) => f.trim().split(/[\s:]/)[0] as string)
      .filter(Boolean),
  }));

  it("lists the mutations whose inputs it names", () => {
    expect(inputs.map((i) => i.mutation)).toHaveLength(11);
  });

  it.each(inputs.map((i) => [i.mutation, i] as const))(
    "%s takes the contract's input fields",
    (_name, input) => {
      const type = schema.getType(input.type);
      expect(type && isInputObjectType(type), input.type).toBe(true);
      const fields = Object.keys((type as GraphQLInputObjectType).getFields());
      expect(fields).toEqual(expect.arrayContaining(input.fields));
    },
  );

  it("connections are Relay connections with totalCount", () => {
    for (const name of ["MeetingConnection", "BookingConnection"]) {
      const type = schema.getType(name) as GraphQLObjectType;
      expect(Object.keys(type.getFields()).sort(), name).toEqual(["edges", "pageInfo", "totalCount"]);
    }
  });

  it("person-days and money are never Float", () => {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      for (const field of Object.values(type.getFields())) {
        if (/PersonDays|Amount|Cost|Euro|Rate$/i.test(field.name)) {
          expect(getNamedType(field.type).name, `${type.name}.${field.name}`).toBe("Decimal");
        }
      }
    }
  });
});

describe("the PostgreSQL schema", () => {
  it("is derived from prisma/schema.prisma as it stands (run `npm run generate` after a change)", () => {
    const check = spawnSync(process.execPath, ["scripts/pg-schema.mjs", "--check"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      encoding: "utf8",
    });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });
});
