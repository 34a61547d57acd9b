// The console's only way to the hub: the public GraphQL API over HTTP and WebSocket. The
// session lives in an HttpOnly cookie set by `login`, so no secret is in reach of scripts.
import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import { type Client, createClient } from "graphql-ws";

/**
 * The hub answers a refused request (variables it cannot read, a query too costly) with status
 * 400 and its German errors in the body, as GraphQL over HTTP has it. Apollo Client reads errors
 * only from a 2xx answer and would report "Response not successful" instead: it gets the body.
 */
async function fetchWithErrors(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (response.status !== 400 || !response.headers.get("content-type")?.includes("json")) return response;
  return new Response(await response.text(), { status: 200, headers: response.headers });
}

export const apollo = new ApolloClient({
  link: new HttpLink({ uri: "/graphql", credentials: "same-origin", fetch: fetchWithErrors }),
  // __typename (added by default) lets `node(id:) { ... on Type }` fragments match.
  cache: new InMemoryCache({
    typePolicies: {
      // Figures without ids: a re-read replaces them whole (Apollo would warn of lost data otherwise).
      MediaDevelopmentPlan: {
        fields: Object.fromEntries(
          ["years", "byYearAndCategory", "schools", "targets", "variances", "measures"].map((f) => [
            f,
            { merge: false },
          ]),
        ),
      },
      PlannedMeasure: { fields: { links: { merge: false } } },
    },
  }),
  defaultOptions: { query: { fetchPolicy: "network-only" }, watchQuery: { fetchPolicy: "network-only" } },
});

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly field: string | undefined,
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
