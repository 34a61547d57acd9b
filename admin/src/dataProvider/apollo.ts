// The Apollo Client under react-admin's data calls (provider.ts). It is loaded with the data
// provider after sign-in, not with the sign-in page; other calls use graphql.ts.
import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";

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
