// The HTTP server: GraphQL over HTTP and WebSocket on /graphql, health probes, and the
// built console at /. One port, one process.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { ExecutionResult, GraphQLError } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { Access } from "./access/index.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import { pendingMigrations } from "./db/migrate.ts";
import type { Events } from "./events/index.ts";
import type { Context } from "./graphql/context.ts";
import { formatError, formatErrors } from "./graphql/errors.ts";
import { schema } from "./graphql/schema.ts";
import { controllingRoutes } from "./modules/controlling/routes.ts";
import { governanceRoutes } from "./modules/governance/routes.ts";
import { SignIn } from "./modules/organisations/auth.ts";
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
  const server = http.createServer(app);
  const runner = new Runner(db, events);
  const signIn = new SignIn(db, runner, {
    idleMinutes: config.sessionIdleMinutes,
    maxHours: config.sessionMaxHours,
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

  // A WebSocket lives as long as its session: sign-out or expiry closes it with 4401.
  const sockets = new Map<string, Set<{ close(code: number, reason: string): void }>>();
  const closeSession = (sessionId: string) => {
    for (const socket of sockets.get(sessionId) ?? []) socket.close(4401, "Unauthorized");
    sockets.delete(sessionId);
  };
  const stopListening = events.on("sessionRevoked", ({ sessionId }) => closeSession(sessionId));

  const wsServer = new WebSocketServer({ server, path: "/graphql", maxPayload: MAX_WS_PAYLOAD });
  const wsCleanup = useServer<Record<string, unknown>, { access?: Access; address?: string }>(
    {
      schema,
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
        if (session) {
          const { socket } = ctx.extra;
          const open = sockets.get(session.sessionId) ?? new Set();
          open.add(socket);
          sockets.set(session.sessionId, open);
          const expiry = setTimeout(
            () => socket.close(4401, "Unauthorized"),
            Math.min(session.expiresAt.getTime() - Date.now(), 2 ** 31 - 1),
          );
          socket.once("close", () => {
            clearTimeout(expiry);
            open.delete(socket);
            if (open.size === 0) sockets.delete(session.sessionId);
          });
        }
        return true;
      },
      context: (ctx): Context =>
        contextFor(
          (ctx.extra as { access?: Access }).access ?? Access.anonymous(),
          ctx.extra.request.socket.remoteAddress ?? "unknown",
        ),
      onNext: (_ctx, _id, _payload, _args, result) => {
        const errors = (result as ExecutionResult).errors;
        if (!errors?.length) return undefined;
        return { ...(result as ExecutionResult), errors: formatErrors(errors) as unknown as GraphQLError[] };
      },
      onError: (_ctx, _id, _payload, errors) => formatErrors(errors) as unknown as GraphQLError[],
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // main.ts shuts down in order (sockets with 1012 first); Apollo's own handler would not.
    stopOnTerminationSignals: false,
    plugins: [
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
      res.json({ status: "ready" });
    } catch {
      res.status(503).json({ status: "database unreachable" });
    }
  });

  app.use(
    "/graphql",
    express.json({ limit: MAX_BODY }),
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
  app.use("/exports", governanceRoutes(deps), controllingRoutes(deps));

  app.use(express.static(CONSOLE_DIR, { index: false, maxAge: "1h" }));
  app.get("/{*path}", (_req, res) => {
    const index = path.join(CONSOLE_DIR, "index.html");
    if (fs.existsSync(index)) res.sendFile(index);
    else
      res
        .status(503)
        .type("text/plain; charset=utf-8")
        .send("Die Konsole ist noch nicht gebaut: npm run build:admin");
  });

  return {
    server,
    events,
    runner,
    signIn,
    async close() {
      draining = true;
      stopListening();
      // 1012 (service restart) tells graphql-ws clients to reconnect, to another instance.
      for (const socket of wsServer.clients) socket.close(1012, "Service Restart");
      // Stops accepting, lets requests in flight finish (up to the grace period).
      await apollo.stop();
      wsServer.close();
    },
  };
}
