// Every GraphQL operation the console sends, read from its sources, so that a test can hold them
// against the API's limits: what its data provider builds for each resource and call (run with
// the page sizes the console asks for), and the operations its pages write out, with the string
// constants they interpolate resolved and variables filled in from the schema.
import fs from "node:fs";
import path from "node:path";
import { encodeGlobalID } from "@pothos/plugin-relay";
import {
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  print,
  typeFromAST,
} from "graphql";
import ts from "typescript";
import { controllingQueries } from "../../admin/src/controlling/queries.ts";
import {
  type Built,
  cursorsOnly,
  MAX_PAGE,
  type ResourceQueries,
} from "../../admin/src/dataProvider/registry.ts";
import { escalationsQueries } from "../../admin/src/escalations/queries.ts";
import { governanceQueries } from "../../admin/src/governance/queries.ts";
import { organisationsQueries } from "../../admin/src/organisations/resources.ts";

export interface ConsoleOperation {
  /** Where the console sends it from, for the test's messages. */
  where: string;
  query: string;
  variables: Record<string, unknown>;
}

const ADMIN = path.resolve(import.meta.dirname, "../../admin/src");
/** The modules whose operations the data provider builds; they are run, not read. */
const BUILT = new Set([
  "controlling/queries.ts",
  "escalations/queries.ts",
  "governance/queries.ts",
  "organisations/resources.ts",
  "dataProvider/registry.ts",
]);

const ID = encodeGlobalID("Node", "1");

/** The largest page the console's lists ask of a connection (the audit trail's, bookings' 50). */
const LARGEST_PAGE = 50;

/** react-admin's calls with the largest pages the console's lists and dashboards use. */
function paramsFor(fetchType: string): Record<string, unknown>[] {
  const list = {
    pagination: { page: 1, perPage: LARGEST_PAGE },
    sort: { field: "id", order: "DESC" },
    filter: {},
    meta: { open: true, authorityId: ID },
    id: ID,
  };
  switch (fetchType) {
    case "GET_LIST":
      return [list];
    case "GET_MANY_REFERENCE":
      return [list, { ...list, sort: { field: "id", order: "ASC" } }];
    case "GET_ONE":
      return [{ id: ID, meta: { granularity: "DAY", governance: true, withDecisions: true } }];
    case "GET_MANY":
      // A list's references: a page of them.
      return [{ ids: Array.from({ length: 25 }, (_, i) => encodeGlobalID("Node", String(i))) }];
    default:
      // Mutations read the form's fields: any field a date, which every form value can be read as.
      return [{ id: ID, data: new Proxy({}, { get: () => "2026-01-01T10:00:00Z" }), previousData: {} }];
  }
}

function dataProviderOperations(): ConsoleOperation[] {
  const resources: Record<string, ResourceQueries> = {
    ...organisationsQueries,
    ...governanceQueries,
    ...controllingQueries,
    ...escalationsQueries,
  };
  const operations: ConsoleOperation[] = [];
  for (const [resource, queries] of Object.entries(resources)) {
    for (const [fetchType, build] of Object.entries(queries)) {
      for (const params of paramsFor(fetchType)) {
        const built: Built = build(params);
        operations.push({
          where: `${resource} ${fetchType}`,
          query: print(parse(built.query)),
          variables: built.variables ?? {},
        });
        // A jump to a later page first reads cursors alone, a full page of the API at a time.
        if (build.prepare) {
          const backward = "last" in (built.variables ?? {});
          operations.push({
            where: `${resource} ${fetchType}, the cursors before a later page`,
            query: print(parse(cursorsOnly(built.query))),
            variables: { ...built.variables, [backward ? "last" : "first"]: MAX_PAGE },
          });
        }
      }
    }
  }
  return operations;
}

/** A value of a given type, so that an operation's required variables are there. */
function sample(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return sample(type.ofType, name);
  if (isListType(type)) return [sample(type.ofType, name)];
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, sample(field.type, field.name)]),
    );
  }
  if (isEnumType(type)) return type.getValues()[0]?.value;
  const scalar = getNamedType(type).name;
  if (scalar === "Int") return name === "first" || name === "last" ? 200 : 1;
  return (
    {
      ID,
      String: "x",
      Float: 1,
      Boolean: true,
      Date: "2026-01-01",
      DateTime: "2026-01-01T00:00:00Z",
      Decimal: "1",
    } as Record<string, unknown>
  )[scalar];
}

function variablesFor(schema: GraphQLSchema, document: DocumentNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const type = typeFromAST(schema, variable.type as never) as GraphQLInputType | undefined;
      if (type) variables[variable.variable.name.value] = sample(type, variable.variable.name.value);
    }
  }
  return variables;
}

interface SourceFile {
  ast: ts.SourceFile;
  constants: Map<string, ts.Expression>;
  imports: Map<string, { file: string; name: string }>;
}

function readSources(): Map<string, SourceFile> {
  const files = new Map<string, SourceFile>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) {
        const ast = ts.createSourceFile(full, fs.readFileSync(full, "utf8"), ts.ScriptTarget.Latest, true);
        const constants = new Map<string, ts.Expression>();
        const imports = new Map<string, { file: string; name: string }>();
        const visit = (node: ts.Node) => {
          if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
            constants.set(node.name.text, node.initializer);
          }
          if (
            ts.isImportDeclaration(node) &&
            ts.isStringLiteral(node.moduleSpecifier) &&
            node.moduleSpecifier.text.startsWith(".")
          ) {
            const from = path.resolve(path.dirname(full), node.moduleSpecifier.text);
            const bindings = node.importClause?.namedBindings;
            if (bindings && ts.isNamedImports(bindings)) {
              for (const element of bindings.elements) {
                imports.set(element.name.text, {
                  file: from,
                  name: (element.propertyName ?? element.name).text,
                });
              }
            }
          }
          ts.forEachChild(node, visit);
        };
        visit(ast);
        files.set(full, { ast, constants, imports });
      }
    }
  };
  walk(ADMIN);
  return files;
}

/**
 * The strings an expression can stand for: literals, templates over constants, and an object
 * constant indexed by a variable (each of its values). Null when it depends on something else.
 */
function evaluate(files: Map<string, SourceFile>, file: string, expression: ts.Expression): string[] | null {
  const source = files.get(file);
  if (!source) return null;
  const again = (e: ts.Expression) => evaluate(files, file, e);
  const constant = (name: string): [string, ts.Expression] | null => {
    const local = source.constants.get(name);
    if (local) return [file, local];
    const imported = source.imports.get(name);
    const target = imported && files.get(imported.file);
    const value = imported && target?.constants.get(imported.name);
    return imported && value ? [imported.file, value] : null;
  };
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression))
    return [expression.text];
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression))
    return again(expression.expression);
  if (ts.isTaggedTemplateExpression(expression)) return again(expression.template);
  if (ts.isTemplateExpression(expression)) {
    let results = [expression.head.text];
    for (const span of expression.templateSpans) {
      const values = again(span.expression);
      if (!values) return null;
      results = results.flatMap((before) => values.map((value) => before + value + span.literal.text));
    }
    return results;
  }
  if (ts.isIdentifier(expression)) {
    const found = constant(expression.text);
    return found ? evaluate(files, found[0], found[1]) : null;
  }
  if (ts.isElementAccessExpression(expression) && ts.isIdentifier(expression.expression)) {
    const found = constant(expression.expression.text);
    let object = found?.[1];
    while (object && (ts.isAsExpression(object) || ts.isSatisfiesExpression(object)))
      object = object.expression;
    if (!found || !object || !ts.isObjectLiteralExpression(object)) return null;
    const values: string[] = [];
    for (const property of object.properties) {
      if (!ts.isPropertyAssignment(property)) return null;
      const value = evaluate(files, found[0], property.initializer);
      if (!value) return null;
      values.push(...value);
    }
    return values;
  }
  return null;
}

const OPERATION = /^\s*(query|mutation|subscription)\b|^\s*\{/;

/** The operations the console's pages write out, and the places where one depends on a value at run time. */
function pageOperations(schema: GraphQLSchema): { operations: ConsoleOperation[]; unresolved: string[] } {
  const files = readSources();
  const operations: ConsoleOperation[] = [];
  const unresolved: string[] = [];
  for (const [file, source] of files) {
    const relative = path.relative(ADMIN, file);
    if (BUILT.has(relative)) continue;
    const visit = (node: ts.Node) => {
      const literal =
        ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
          ? node.text
          : ts.isTemplateExpression(node)
            ? node.head.text
            : null;
      if (literal !== null && OPERATION.test(literal) && !ts.isTemplateSpan(node.parent)) {
        const where = `${relative}:${source.ast.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const texts = evaluate(files, file, node as ts.Expression);
        if (!texts) unresolved.push(where);
        for (const text of texts ?? []) {
          let document: DocumentNode;
          try {
            document = parse(text);
          } catch {
            // A literal such as "{" that only looks like an operation.
            if (/^\s*(query|mutation|subscription)\b/.test(text))
              throw new Error(`${where}: no GraphQL: ${text}`);
            continue;
          }
          operations.push({ where, query: text, variables: variablesFor(schema, document) });
        }
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(source.ast);
  }
  return { operations, unresolved };
}

export function consoleOperations(schema: GraphQLSchema): {
  operations: ConsoleOperation[];
  unresolved: string[];
} {
  const pages = pageOperations(schema);
  const built = dataProviderOperations().map((operation) => {
    const document = parse(operation.query);
    const sampled = variablesFor(schema, document);
    // A form's input only needs to be valid; a list's variables (its page, its filter) are what it costs.
    const mutation = document.definitions.some(
      (d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === "mutation",
    );
    return { ...operation, variables: mutation ? sampled : { ...sampled, ...operation.variables } };
  });
  return { operations: [...built, ...pages.operations], unresolved: pages.unresolved };
}
