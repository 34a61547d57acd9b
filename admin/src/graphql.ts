// The console's way to the hub, react-admin's data calls (dataProvider/) included: the public
// GraphQL API over HTTP and WebSocket. The session lives in an HttpOnly cookie set by
// `login`, so no secret is in reach of scripts.
import { type Client, createClient } from "graphql-ws";

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly field: string | undefined,
    /** The HTTP status of an answer that carried no GraphQL errors (e.g. a proxy's 502). */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** One request; the first error's message (German, from the server) becomes the thrown error. */
export async function request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch("/graphql", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => ({}))) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string; field?: string } }[];
  };
  const [error] = body.errors ?? [];
  if (error) throw new GraphQLRequestError(error.message, error.extensions?.code, error.extensions?.field);
  if (!body.data)
    throw new GraphQLRequestError(
      `Der Server antwortete mit Status ${response.status}.`,
      undefined,
      undefined,
      response.status,
    );
  return body.data;
}

/** Fired on `window` when the socket is back after a drop (e.g. an instance restarted). */
export const RECONNECTED = "hub:reconnected";

let ws: Client | undefined;
/**
 * The shared WebSocket; the browser sends the session cookie with it. A hub shutting down
 * closes it with 1012; the client reconnects (to any instance) and announces it, so that
 * pages reload what they may have missed meanwhile.
 */
export function socket(): Client {
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
  ws ??= createClient({
    url,
    lazy: true,
    retryAttempts: Number.POSITIVE_INFINITY,
    // A refused connection while the hub restarts is an error event, not a close event, which
    // graphql-ws gives up on by default; fatal close codes (e.g. 4401 signed out) still end it.
    shouldRetry: () => true,
    // A restart takes seconds: retry within a few, not after graphql-ws' doubling waits.
    retryWait: (retries) =>
      new Promise((resolve) =>
        setTimeout(resolve, Math.min(500 * 2 ** retries, 4000) + Math.random() * 1000),
      ),
    on: {
      connected: (_socket, _payload, wasRetry) => {
        if (wasRetry) window.dispatchEvent(new Event(RECONNECTED));
      },
    },
  });
  return ws;
}

/** Calls `onData` for each event of a subscription until the returned function is called. */
export function subscribe<T>(
  query: string,
  variables: Record<string, unknown>,
  onData: (data: T) => void,
): () => void {
  return socket().subscribe<T>(
    { query, variables },
    {
      next: (value) => value.data && onData(value.data as T),
      error: () => {},
      complete: () => {},
    },
  );
}

export function resetSocket(): void {
  ws?.dispose();
  ws = undefined;
}
