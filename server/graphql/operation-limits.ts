// How much one GraphQL operation may ask for, the same over HTTP and WebSocket. The length in
// tokens is checked while parsing; depth, aliases, directives and fields (through fragments)
// right after, before graphql-js validates the document, whose own checks can take long on a
// document built to be expensive; the estimated cost once the variables are known, before any
// resolver runs. Production also hides the schema: no introspection, no "Did you mean …".
// The values are at or below graphql-armor's defaults.
import type { ApolloServerPlugin } from "@apollo/server";
import { createComplexityRule } from "@pothos/plugin-complexity";
import type { RequestHandler } from "express";
import {
  type DocumentNode,
  type ExecutionArgs,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type ParseOptions,
  parse,
  type SelectionSetNode,
  specifiedRules,
  type ValidationRule,
  validate,
} from "graphql";
import { HubError } from "../lib/errors.ts";
import { requestErrorInGerman } from "./request-errors.ts";

export const OPERATION_LIMITS = {
  /** Tokens of the document; a longer one is refused while it is being parsed. */
  tokens: 2000,
  /** Fields on the longest path, the leaf included: `{ me { name } }` is 2. */
  depth: 8,
  aliases: 15,
  directives: 50,
  /** Fields once fragments are expanded; more than the tokens allow only by spreading fragments into each other. */
  fields: 2000,
  /** Estimated cost: every field 1, lists times their page or expected size, computations their weight. */
  cost: 5000,
} as const;

type Limit = keyof typeof OPERATION_LIMITS;

export const PARSE_OPTIONS: ParseOptions = { maxTokens: OPERATION_LIMITS.tokens };

const WHAT: Record<Limit, (found: number, max: number) => string> = {
  tokens: (_found, max) => `Sie ist länger als ${max} Tokens`,
  depth: (found, max) => `Sie ist ${found} Ebenen tief, erlaubt sind ${max}`,
  aliases: (found, max) => `Sie enthält ${found} Aliasnamen, erlaubt sind ${max}`,
  directives: (found, max) => `Sie enthält ${found} Direktiven, erlaubt sind ${max}`,
  fields: (found, max) => `Sie fragt mit ihren Fragmenten ${found} Felder ab, erlaubt sind ${max}`,
  cost: (found, max) => `Ihr geschätzter Aufwand ist ${found}, erlaubt sind ${max}`,
};

const TOO_MUCH = "Die Abfrage ist zu aufwendig";
const ASK_LESS = "Bitte fragen Sie weniger auf einmal ab.";

/** `found` is unknown for the tokens: graphql-js stops counting at the limit. */
function exceeded(limit: Limit, found?: number): HubError {
  const max = OPERATION_LIMITS[limit];
  // Fragments spread into each other can count past what a number holds exactly.
  const shown = Math.min(found ?? max, Number.MAX_SAFE_INTEGER);
  return new HubError("BAD_USER_INPUT", `${TOO_MUCH}: ${WHAT[limit](shown, max)}. ${ASK_LESS}`, undefined, {
    limit,
    maximum: max,
    ...(found === undefined ? {} : { found: shown }),
  });
}

/** A refusal as the GraphQLError graphql-js and Apollo pass on; its HubError carries the code. */
function refusal(error: HubError, nodes?: GraphQLError["nodes"]): GraphQLError {
  return new GraphQLError(error.message, {
    nodes,
    originalError: error,
    // Apollo answers errors raised outside validation and execution with 500 unless told otherwise.
    extensions: { http: { status: 400 } },
  });
}

export interface Shape {
  depth: number;
  aliases: number;
  directives: number;
  fields: number;
}

const none = (): Shape => ({ depth: 0, aliases: 0, directives: 0, fields: 0 });

/**
 * Depth, aliases, directives and fields of each operation of a document, through its fragments.
 * A fragment is measured once and counted per spread, so a document that spreads fragments into
 * each other exponentially is counted (and refused) without being walked exponentially.
 */
export function operationShapes(document: DocumentNode): Map<OperationDefinitionNode, Shape> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, Shape>();
  const measuring = new Set<string>();

  const fragmentShape = (name: string): Shape => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // Unknown and cyclic fragments are refused by graphql-js' own rules.
    if (!fragment || measuring.has(name)) return none();
    measuring.add(name);
    const shape = selectionShape(fragment.selectionSet);
    shape.directives += fragment.directives?.length ?? 0;
    measuring.delete(name);
    measured.set(name, shape);
    return shape;
  };

  const selectionShape = (set: SelectionSetNode): Shape => {
    const total = none();
    for (const selection of set.selections) {
      total.directives += selection.directives?.length ?? 0;
      let inner: Shape;
      if (selection.kind === Kind.FIELD) {
        total.fields++;
        if (selection.alias) total.aliases++;
        // Introspection has a deep shape of its own; production refuses it altogether.
        if (selection.name.value.startsWith("__")) continue;
        inner = selection.selectionSet ? selectionShape(selection.selectionSet) : none();
        inner = { ...inner, depth: inner.depth + 1 };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = selectionShape(selection.selectionSet);
      } else {
        inner = fragmentShape(selection.name.value);
      }
      total.depth = Math.max(total.depth, inner.depth);
      total.aliases += inner.aliases;
      total.directives += inner.directives;
      total.fields += inner.fields;
    }
    return total;
  };

  const shapes = new Map<OperationDefinitionNode, Shape>();
  for (const operation of document.definitions) {
    if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
    const shape = selectionShape(operation.selectionSet);
    shape.directives += operation.directives?.length ?? 0;
    for (const variable of operation.variableDefinitions ?? []) {
      shape.directives += variable.directives?.length ?? 0;
    }
    shapes.set(operation, shape);
  }
  return shapes;
}

/** The first operation of the document that is deeper, wider or more directed than allowed. */
export function shapeRefusal(document: DocumentNode): GraphQLError | null {
  for (const [operation, shape] of operationShapes(document)) {
    for (const limit of ["depth", "aliases", "directives", "fields"] as const) {
      if (shape[limit] > OPERATION_LIMITS[limit]) return refusal(exceeded(limit, shape[limit]), [operation]);
    }
  }
  return null;
}

const noIntrospectionRule: ValidationRule = (context) => ({
  Field(field) {
    if (field.name.value === "__schema" || field.name.value === "__type") {
      context.reportError(
        refusal(
          new HubError(
            "BAD_USER_INPUT",
            "Die Beschreibung der Schnittstelle (Introspection) ist im Produktivbetrieb abgeschaltet.",
          ),
          [field],
        ),
      );
    }
  },
});

/** Validation rules beyond graphql-js' own, for Apollo's `validationRules` and for graphql-ws. */
export function operationRules(production: boolean): ValidationRule[] {
  return production ? [noIntrospectionRule] : [];
}

/**
 * The operation's estimated cost, from the fields' `complexity` (graphql/builder.ts and the
 * modules' schemas) and the request's variables, or the error that kept it from being estimated.
 * Without an operation name the most expensive operation of the document counts.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
  context: object,
): number | GraphQLError {
  let cost = 0;
  const [error] = validate(schema, document, [
    createComplexityRule({
      context,
      variableValues: variables ?? {},
      operationName,
      onResult: ({ complexity }) => {
        cost = Math.max(cost, complexity);
      },
    }),
  ]);
  return error ?? cost;
}

/** The cost against the limit; an operation whose cost cannot be estimated does not run either. */
export function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
  context: object,
): GraphQLError | null {
  const cost = operationCost(schema, document, variables, operationName, context);
  if (cost instanceof GraphQLError) {
    // Estimating the cost coerces the variables: their refusal is the first a caller sees.
    const german = requestErrorInGerman(cost.message);
    return refusal(
      new HubError("BAD_USER_INPUT", german?.message ?? cost.message, german?.field),
      cost.nodes,
    );
  }
  return cost > OPERATION_LIMITS.cost ? refusal(exceeded("cost", cost)) : null;
}

/**
 * HTTP, in front of Apollo, which validates in the same step as it runs further rules: the shape
 * of the document is measured before graphql-js validates it. A document that does not parse is
 * left to Apollo, which parses it again with the same token limit and reports why.
 */
export function shapeGuard(format: (error: GraphQLError) => GraphQLFormattedError): RequestHandler {
  return (req, res, next) => {
    const query: unknown = req.method === "GET" ? req.query.query : req.body?.query;
    let document: DocumentNode;
    try {
      if (typeof query !== "string") return next();
      document = parse(query, PARSE_OPTIONS);
    } catch {
      return next();
    }
    const refused = shapeRefusal(document);
    if (!refused) return next();
    res.status(400).json({ errors: [format(refused)] });
  };
}

/** Apollo: the cost once the operation and its variables are known. */
export function costPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, contextValue }) {
          const refused = costRefusal(
            schema,
            document,
            request.variables,
            request.operationName,
            contextValue,
          );
          if (refused) throw refused;
        },
      };
    },
  };
}

/**
 * graphql-ws: the same parsing, limits, validation and cost as over HTTP, before an operation sent
 * over the socket starts. Errors come back as a list, which graphql-ws sends as the operation's error.
 */
export function socketOperation(
  schema: GraphQLSchema,
  payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
  context: object,
  production: boolean,
): ExecutionArgs | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(payload.query, PARSE_OPTIONS);
  } catch (error) {
    return [error as GraphQLError];
  }
  const misshapen = shapeRefusal(document);
  if (misshapen) return [misshapen];
  const errors = validate(schema, document, [...specifiedRules, ...operationRules(production)]);
  if (errors.length > 0) return [...errors];
  const refused = costRefusal(schema, document, payload.variables, payload.operationName, context);
  if (refused) return [refused];
  return { schema, document, variableValues: payload.variables, operationName: payload.operationName };
}

// graphql-js 16 words it "more that".
const TOKEN_LIMIT = /Document contains more th(?:an|at) \d+ tokens/;
/** graphql-js gives up validating a document whose fields would take too long to compare. */
const VALIDATION_ABORTED = "Validation aborted.";

/**
 * The HubError behind a refusal before execution (a GraphQLError without a path), for the error
 * formatting: Apollo wraps such errors in its own, and graphql-js reports the token limit and an
 * aborted validation in English.
 */
export function operationRefusal(error: unknown): HubError | null {
  let cause = error;
  while (cause instanceof GraphQLError && !cause.path) {
    if (TOKEN_LIMIT.test(cause.message)) return exceeded("tokens");
    if (cause.message === VALIDATION_ABORTED) {
      return new HubError(
        "BAD_USER_INPUT",
        `${TOO_MUCH}: Ihre Felder lassen sich nicht rasch genug prüfen. ${ASK_LESS}`,
      );
    }
    if (cause.originalError instanceof HubError) return cause.originalError;
    cause = cause.originalError;
  }
  return null;
}

const SUGGESTION = / ?(?:Did you mean|Meinten Sie)(.+?)\?$/;

/** Without graphql-js' "Did you mean …" hints, which spell out the schema production hides. */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return SUGGESTION.test(formatted.message)
    ? { ...formatted, message: formatted.message.replace(SUGGESTION, "") }
    : formatted;
}
