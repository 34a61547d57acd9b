// The HTTP server: GraphQL over HTTP and WebSocket on /graphql, health probes, and the
// built console at /. One port, one process.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { ExecutionResult, GraphQLError, GraphQLFormattedError } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { Access } from "./access/index.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import { pendingMigrations } from "./db/migrate.ts";
import type { Events } from "./events/index.ts";
import type { Context } from "./graphql/context.ts";
import { formatError } from "./graphql/errors.ts";
import { Fanout } from "./graphql/fanout.ts";
import {
  costPlugin,
  operationRules,
  PARSE_OPTIONS,
  shapeGuard,
  socketOperation,
  withoutSuggestions,
} from "./graphql/operation-limits.ts";
import { schema } from "./graphql/schema.ts";
import { Sockets } from "./graphql/sockets.ts";
import { compressResponses, consoleAssets, jsonErrors, noCache, securityHeaders } from "./http.ts";
import { ChainWatch, describeFinding } from "./modules/audit/verify.ts";
import { controllingRoutes } from "./modules/controlling/routes.ts";
import { governanceRoutes } from "./modules/governance/routes.ts";
import { Mailer } from "./modules/mail/sender.ts";
import { SignIn } from "./modules/organisations/auth.ts";
import { planRoutes } from "./modules/plans/routes.ts";
import { Runner } from "./modules/work.ts";

export const SESSION_COOKIE = "hub_session";
const MAX_BODY = "1mb";
const MAX_WS_PAYLOAD = 1024 * 1024;

/** What an HTTP route of a module (exports, feeds) gets: the same access rules as the API. */
export interface RouteDeps {
  db: Database;
  config: Config;
  events: Events;
  runner: Runner;
  /** The caller of a request, from its bearer token or session cookie. */
  accessOf(req: express.Request): Promise<Access>;
}

export interface App {
  server: http.Server;
  events: Events;
  runner: Runner;
  signIn: SignIn;
  /** Subscriptions, grouped so that each event is resolved once per group. */
  fanout: Fanout;
  /** WebSocket connections and their limits. */
  sockets: Sockets;
  /** Sends the outbox's mail and enqueues reminders and digests. */
  mail: Mailer;
  /** Stops accepting connections, closes WebSockets (1012) and waits for requests in flight. */
  close(): Promise<void>;
}

function bearer(header: string | undefined): string | null {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

function cookie(header: string | undefined, name: string): string | null {
  for (const part of header?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return null;
}

/** A cookie may only authenticate a WebSocket opened by a page of this very server. */
function sameOrigin(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

async function accessFor(db: Database, signIn: SignIn, token: string | null): Promise<Access> {
  const session = token ? await signIn.resolve(token) : null;
  return session ? Access.forUser(db.read, session.user, session.sessionId) : Access.anonymous();
}

const CONSOLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../admin/dist");

export async function createApp(config: Config, db: Database, events: Events): Promise<App> {
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders({ production: config.production }));
  app.use(compressResponses());
  const server = http.createServer(app);
  const runner = new Runner(db, events);
  const signIn = new SignIn(db, runner, {
    idleMinutes: config.sessionIdleMinutes,
    maxHours: config.sessionMaxHours,
    refuseDemoPassword: config.production,
  });
  const contextFor = (access: Access, address: string): Context => {
    const context: Context = {
      db,
      config,
      events,
      signIn,
      access,
      address,
      run: (command, input) => runner.run(context.access, command, input),
    };
    return context;
  };

  // A WebSocket lives as long as its session: sign-out, expiry or idleness closes it with 4401.
  const sockets = new Sockets(db, {
    perAddress: config.wsMaxConnectionsPerAddress,
    perPerson: config.wsMaxConnectionsPerPerson,
    operationsPerConnection: config.wsMaxSubscriptionsPerConnection,
    anonymousGraceMs: config.wsAnonymousGraceMs,
    sessionIdleMs: config.sessionIdleMinutes * 60_000,
  });
  const stopListening = events.on("sessionRevoked", ({ sessionId }) => sockets.endSession(sessionId));
  const fanout = new Fanout((context) => contextFor(context.access, context.address));
  // Every subscriber of an event gets the same result: its errors are formatted (and logged) once.
  const formattedResults = new WeakMap<ExecutionResult, ExecutionResult>();

  // Production answers without graphql-js' "Did you mean …", which would spell out the hidden schema.
  const format = (formatted: GraphQLFormattedError, error: unknown) =>
    config.production ? withoutSuggestions(formatError(formatted, error)) : formatError(formatted, error);
  const formatAll = (errors: readonly GraphQLError[]) => errors.map((error) => format(error.toJSON(), error));
  const socketContext = (extra: { access?: Access; request: http.IncomingMessage }): Context =>
    contextFor(extra.access ?? Access.anonymous(), extra.request.socket.remoteAddress ?? "unknown");

  const wsServer = new WebSocketServer({ server, path: "/graphql", maxPayload: MAX_WS_PAYLOAD });
  wsServer.on("connection", (socket, request) =>
    sockets.opened(socket, request.socket.remoteAddress ?? "unknown"),
  );
  const wsCleanup = useServer<Record<string, unknown>, { access?: Access; address?: string }>(
    {
      schema,
      subscribe: fanout.subscribe,
      onSubscribe: (ctx, _id, payload) =>
        sockets.refuseOperation(Object.keys(ctx.subscriptions).length) ??
        // The same parsing, validation and cost limit as over HTTP.
        socketOperation(schema, payload, socketContext(ctx.extra), config.production),
      onConnect: async (ctx) => {
        const token =
          bearer(
            typeof ctx.connectionParams?.authorization === "string"
              ? ctx.connectionParams.authorization
              : undefined,
          ) ??
          (sameOrigin(ctx.extra.request) ? cookie(ctx.extra.request.headers.cookie, SESSION_COOKIE) : null);
        const session = token ? await signIn.resolve(token) : null;
        if (token && !session) return false;
        const access = session
          ? await Access.forUser(db.read, session.user, session.sessionId)
          : Access.anonymous();
        (ctx.extra as { access?: Access }).access = access;
        return (
          !session ||
          sockets.signedIn(ctx.extra.socket, { sessionId: session.sessionId, userId: session.user.id })
        );
      },
      context: (ctx): Context => socketContext(ctx.extra),
      onNext: (_ctx, _id, _payload, _args, result) => {
        const errors = (result as ExecutionResult).errors;
        if (!errors?.length) return undefined;
        let answer = formattedResults.get(result as ExecutionResult);
        if (!answer) {
          answer = { ...(result as ExecutionResult), errors: formatAll(errors) as unknown as GraphQLError[] };
          formattedResults.set(result as ExecutionResult, answer);
        }
        return answer;
      },
      onError: (_ctx, _id, _payload, errors) => formatAll(errors) as unknown as GraphQLError[],
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    formatError: format,
    includeStacktraceInErrorResponses: false,
    // The limits and, in production, the refusal of introspection come from graphql/operation-limits.ts,
    // the same as over WebSocket; Apollo's own introspection switch would answer differently.
    introspection: true,
    parseOptions: PARSE_OPTIONS,
    validationRules: operationRules(config.production),
    // main.ts shuts down in order (sockets with 1012 first); Apollo's own handler would not.
    stopOnTerminationSignals: false,
    plugins: [
      // No HTTP caching of answers (they are per person); the plugin would wrap every field.
      ApolloServerPluginCacheControlDisabled(),
      costPlugin<Context>(),
      ApolloServerPluginDrainHttpServer({
        httpServer: server,
        stopGracePeriodMillis: config.shutdownGraceMs,
      }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  let draining = false;
  const chain = new ChainWatch(db);
  app.get("/readyz", async (_req, res) => {
    if (draining) {
      res.status(503).json({ status: "shutting down" });
      return;
    }
    try {
      await db.read.$queryRawUnsafe("SELECT 1");
      const pending = await pendingMigrations(db.url);
      if (pending.length > 0) {
        res.status(503).json({ status: "migrations pending", pending });
        return;
      }
      // A tampered record is no state to serve from: the operator has to look (npm run audit:verify).
      const findings = await chain.check();
      if (findings.length > 0) {
        const status = findings.some((f) => f.kind === "chain")
          ? "audit chain broken"
          : "ledger trigger missing";
        res.status(503).json({ status, reasons: findings.slice(0, 10).map(describeFinding) });
        return;
      }
      res.json({ status: "ready" });
    } catch {
      res.status(503).json({ status: "database unreachable" });
    }
  });

  app.use(
    "/graphql",
    express.json({ limit: MAX_BODY }),
    shapeGuard((error) => format(error.toJSON(), error)),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const token = bearer(req.headers.authorization) ?? cookie(req.headers.cookie, SESSION_COOKIE);
        const context = contextFor(await accessFor(db, signIn, token), req.socket.remoteAddress ?? "unknown");
        context.setSessionCookie = (value, expiresAt) => {
          const attributes = {
            httpOnly: true,
            sameSite: "strict" as const,
            secure: config.production,
            path: "/",
          };
          if (value) res.cookie(SESSION_COOKIE, value, { ...attributes, expires: expiresAt });
          else res.clearCookie(SESSION_COOKIE, attributes);
        };
        return context;
      },
    }),
  );

  const deps: RouteDeps = {
    db,
    config,
    events,
    runner,
    accessOf: (req) =>
      accessFor(db, signIn, bearer(req.headers.authorization) ?? cookie(req.headers.cookie, SESSION_COOKIE)),
  };
  app.use("/exports", governanceRoutes(deps), controllingRoutes(deps), planRoutes(deps));

  app.use("/assets", ...consoleAssets(path.join(CONSOLE_DIR, "assets")));
  app.use(noCache(), express.static(CONSOLE_DIR, { index: false, cacheControl: false }));
  app.get("/{*path}", (_req, res) => {
    const index = path.join(CONSOLE_DIR, "index.html");
    if (fs.existsSync(index)) res.sendFile(index, { cacheControl: false });
    else
      res
        .status(503)
        .type("text/plain; charset=utf-8")
        .send("Die Konsole ist noch nicht gebaut: npm run build:admin");
  });
  app.use(jsonErrors);

  const mail = new Mailer(db, config);
  mail.start();

  return {
    server,
    events,
    runner,
    signIn,
    fanout,
    sockets,
    mail,
    async close() {
      draining = true;
      stopListening();
      // 1012 (service restart) tells graphql-ws clients to reconnect, to another instance.
      for (const socket of wsServer.clients) socket.close(1012, "Service Restart");
      // Stops accepting, lets requests in flight finish (up to the grace period).
      await apollo.stop();
      wsServer.close();
      // Before the database closes: a mail being sent is recorded, the rest of its batch handed back.
      await mail.stop();
    },
  };
}
