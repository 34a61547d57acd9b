// Every input is bounded before any resolver runs: each string argument and input field holds
// at most DEFAULT_MAX_LENGTH characters unless its field declares `maxLength`, each list at most
// MAX_LIST_LENGTH entries, and each cursor is one this API issued. The whole operation is checked
// at its first root field, including the arguments of nested fields, because the Prisma plugin
// reads a nested connection's cursor while it plans the parent's query.
import SchemaBuilder, {
  BasePlugin,
  createContextCache,
  type FieldRequiredness,
  type InputType,
  type PothosInputFieldConfig,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from "@pothos/core";
import {
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLFieldResolver,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLResolveInfo,
  getArgumentValues,
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from "graphql";
import { HubError } from "../lib/errors.ts";
import { DEFAULT_MAX_LENGTH, MAX_LIST_LENGTH, nullCharacter, tooLong, tooMany } from "../lib/validate.ts";
import { checkCursor } from "./ids.ts";

declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      inputLimits: InputLimitsPlugin<Types>;
    }
    interface InputFieldOptions<
      Types extends SchemaTypes = SchemaTypes,
      Type extends InputType<Types> | [InputType<Types>] = InputType<Types> | [InputType<Types>],
      Req extends FieldRequiredness<Type> = FieldRequiredness<Type>,
    > {
      /** The longest string this argument or input field takes; DEFAULT_MAX_LENGTH when unset. */
      maxLength?: number;
    }
  }
}

const CURSOR_ARGS = new Set(["after", "before"]);

const limitOf = (input: GraphQLArgument | GraphQLInputField): number =>
  (input.extensions as { maxLength?: number }).maxLength ?? DEFAULT_MAX_LENGTH;

/** Field names as the services name them: an `input` argument's fields go by their own names. */
const join = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));

function checkValue(value: unknown, type: GraphQLInputType, max: number, path: string): void {
  if (value == null) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const items = value as unknown[];
    if (items.length > MAX_LIST_LENGTH) throw tooMany(path, MAX_LIST_LENGTH);
    items.forEach((item, i) => {
      checkValue(item, nullable.ofType, max, join(path, i));
    });
    return;
  }
  if (isInputObjectType(nullable)) {
    const fields = value as Record<string, unknown>;
    for (const field of Object.values(nullable.getFields())) {
      checkValue(fields[field.name], field.type, limitOf(field), join(path, field.name));
    }
    return;
  }
  if (typeof value === "string" && value.length > max) throw tooLong(path, max);
  if (typeof value === "string" && value.includes("\u0000")) throw nullCharacter(path);
}

/** The first input of the operation that is out of bounds, or null. */
function problemIn(info: GraphQLResolveInfo): HubError | null {
  const typeInfo = new TypeInfo(info.schema);
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [info.operation, ...Object.values(info.fragments)],
  };
  try {
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const field = typeInfo.getFieldDef();
          if (!field || field.args.length === 0) return;
          let values: Record<string, unknown>;
          try {
            values = getArgumentValues(field, node, info.variableValues);
          } catch {
            // An argument graphql-js cannot coerce is reported by the execution itself.
            return;
          }
          for (const arg of field.args) {
            const value = values[arg.name];
            checkValue(value, arg.type, limitOf(arg), arg.name === "input" ? "" : arg.name);
            if (CURSOR_ARGS.has(arg.name) && typeof value === "string") checkCursor(value, arg.name);
          }
        },
      }),
    );
  } catch (error) {
    if (error instanceof HubError) return error;
    throw error;
  }
  return null;
}

const ROOT_KINDS = new Set(["Query", "Mutation", "Subscription"]);

export class InputLimitsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  private readonly problem = createContextCache((_context: object, info: GraphQLResolveInfo) =>
    problemIn(info),
  );

  override onInputFieldConfig(fieldConfig: PothosInputFieldConfig<Types>): PothosInputFieldConfig<Types> {
    const { maxLength } = fieldConfig.pothosOptions;
    if (maxLength === undefined) return fieldConfig;
    return { ...fieldConfig, extensions: { ...fieldConfig.extensions, maxLength } };
  }

  // Outside the argument mappers, so an oversized global ID never reaches the Relay plugin's decoder.
  override wrapArgMappers(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> | undefined {
    if (!resolver || !ROOT_KINDS.has(fieldConfig.kind)) return resolver;
    return (parent, args, context, info) => {
      const problem = this.problem(context as object, info);
      if (problem) throw problem;
      return resolver(parent, args, context, info);
    };
  }
}

const pluginName = "inputLimits";
SchemaBuilder.registerPlugin(pluginName, InputLimitsPlugin);
export default pluginName;
