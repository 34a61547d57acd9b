// Security headers on every response (console, API, exports, probes), and requests Express
// refuses itself answered in German without a stack trace or a file path, even with NODE_ENV unset.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHub, type TestHub } from "../helpers/hub.ts";

// Express shows stack traces on its error page unless NODE_ENV is "production"; unset is the
// case a hub started by hand runs in. Each test file runs in a process of its own.
delete process.env.NODE_ENV;

let hub: TestHub;
let controller: string;
beforeAll(async () => {
  hub = await startHub();
  controller = await hub.login("controlling@schwerin.example");
});
afterAll(() => hub.close());

function expectSecurityHeaders(response: Response, what: string) {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), what).toBe("no-referrer");
  expect(response.headers.get("x-frame-options"), what).toBe("DENY");
  expect(response.headers.get("x-powered-by"), what).toBeNull();
}

function expectNoInternals(body: string) {
  expect(body).not.toMatch(/ {2,}at |node_modules|\/work\/|[\w-]+\.[jt]s:\d+|Error:|<pre>/);
}

describe("security headers", () => {
  it("the console, the API, the exports and the probes carry them", async () => {
    const order = await hub.db.read.serviceOrder.findFirstOrThrow({
      where: { authority: { name: "Landeshauptstadt Schwerin" } },
    });
    const orderId = Buffer.from(`ServiceOrder:${order.id}`).toString("base64");
    const auth = { authorization: `Bearer ${controller}` };
    const responses: [string, Response][] = [
      ["console", await fetch(`${hub.url}/`)],
      ["console route", await fetch(`${hub.url}/decisions/xyz`)],
      ["healthz", await fetch(`${hub.url}/healthz`)],
      [
        "graphql",
        await fetch(`${hub.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", ...auth },
          body: JSON.stringify({ query: "{ me { id } }" }),
        }),
      ],
      ["export", await fetch(`${hub.url}/exports/bookings.csv?serviceOrderId=${orderId}`, { headers: auth })],
      ["refused export", await fetch(`${hub.url}/exports/bookings.csv?serviceOrderId=${orderId}`)],
      ["landing page", await fetch(`${hub.url}/graphql`, { headers: { accept: "text/html" } })],
    ];
    for (const [what, response] of responses) expectSecurityHeaders(response, what);
    expect(responses[4]?.[1].status).toBe(200);

    // The console's policy: its own scripts only, inline styles for MUI, nothing framed or embedded.
    const csp = responses[0]?.[1].headers.get("content-security-policy") ?? "";
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });
});

describe("requests Express refuses", () => {
  it("a body that is not JSON: 400 in German, no stack trace", async () => {
    const response = await fetch(`${hub.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    expectSecurityHeaders(response, "bad json");
    const body = await response.text();
    expectNoInternals(body);
    expect(JSON.parse(body)).toEqual({
      errors: [
        { message: "Der Inhalt der Anfrage ist kein gültiges JSON.", extensions: { code: "BAD_REQUEST" } },
      ],
    });
  });

  it("a body over the limit: 413 in German, no stack trace", async () => {
    const response = await fetch(`${hub.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ me { id } }", variables: { x: "x".repeat(2 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
    const body = await response.text();
    expectNoInternals(body);
    expect(JSON.parse(body).errors[0].message).toBe("Die Anfrage ist zu groß.");
  });

  it("a path that cannot be decoded: 400 in German, no stack trace", async () => {
    const response = await fetch(`${hub.url}/exports/meetings/%E0%A4%A/minutes.pdf`);
    expect(response.status).toBe(400);
    const body = await response.text();
    expectNoInternals(body);
    expect(JSON.parse(body).errors[0].message).toBe("Die Anfrage ist ungültig.");
  });
});
