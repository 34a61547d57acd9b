// Compressed responses and caching: the console's hashed files pre-compressed at build time and
// cached for a year, index.html revalidated, the API and the CSV exports compressed as the
// client accepts, already packed exports (XLSX, PDF) left alone.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHWERIN } from "../helpers/controlling.ts";
import { gid, startHub, type TestHub } from "../helpers/hub.ts";

const root = path.resolve(import.meta.dirname, "../..");
const consoleDir = path.join(root, "admin/dist");

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request without a client that decompresses on its own: the bytes as sent. */
function raw(url: string, headers: Record<string, string> = {}, method = "GET", body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}

function decode(response: Raw): string {
  const encoding = response.headers["content-encoding"];
  if (encoding === "br") return zlib.brotliDecompressSync(response.body).toString("utf8");
  if (encoding === "gzip") return zlib.gunzipSync(response.body).toString("utf8");
  return response.body.toString("utf8");
}

let hub: TestHub;
let token: string;
let script: string;

beforeAll(async () => {
  // The console as `npm start` serves it (rebuilt only when its sources changed).
  execFileSync(process.execPath, [path.join(root, "scripts/build-admin.mjs")], {
    cwd: root,
    stdio: "ignore",
  });
  const match = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(
    fs.readFileSync(path.join(consoleDir, "index.html"), "utf8"),
  );
  if (!match?.[1]) throw new Error("no entry script in admin/dist/index.html");
  script = match[1];
  hub = await startHub();
  token = await hub.login("controlling@schwerin.example");
}, 180_000);

afterAll(async () => {
  await hub?.close();
});

describe("the console's files", () => {
  it("are built with a brotli and a gzip variant beside each script", () => {
    const file = path.join(consoleDir, script);
    const original = fs.readFileSync(file);
    expect(zlib.brotliDecompressSync(fs.readFileSync(`${file}.br`)).equals(original)).toBe(true);
    expect(zlib.gunzipSync(fs.readFileSync(`${file}.gz`)).equals(original)).toBe(true);
  });

  it("are sent as brotli when accepted, else gzip, else as they are; hashed names cached for a year", async () => {
    const original = fs.readFileSync(path.join(consoleDir, script));
    const br = await raw(`${hub.url}${script}`, { "accept-encoding": "gzip, deflate, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(original.length / 3);
    expect(decode(br)).toBe(original.toString("utf8"));

    const gzip = await raw(`${hub.url}${script}`, { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.headers.vary).toMatch(/Accept-Encoding/i);
    expect(decode(gzip)).toBe(original.toString("utf8"));

    const refused = await raw(`${hub.url}${script}`, { "accept-encoding": "br;q=0, gzip;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(refused.body.equals(original)).toBe(true);

    const head = await raw(`${hub.url}${script}`, { "accept-encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBe("br");
    expect(head.body.length).toBe(0);
  });

  it("answers a missing hashed file with 404, not with the page", async () => {
    const missing = await raw(`${hub.url}/assets/index-missing.js`, { "accept-encoding": "br" });
    expect(missing.status).toBe(404);
    expect(missing.headers["cache-control"] ?? "").not.toMatch(/immutable/);
    const outside = await raw(`${hub.url}/assets/..%2F..%2Fpackage.json`, { "accept-encoding": "br" });
    expect(outside.status).not.toBe(200);
  });

  it("revalidates index.html on every load, on any path of the console", async () => {
    for (const page of ["/", "/serviceOrders"]) {
      const response = await raw(`${hub.url}${page}`, { "accept-encoding": "br" });
      expect(response.status).toBe(200);
      expect(response.headers["cache-control"]).toBe("no-cache");
      expect(decode(response)).toContain(script);
    }
  });
});

describe("the API", () => {
  const query = JSON.stringify({
    query: "{ schoolAuthorities { id name kind legalBasis schools { id name } } }",
  });

  it("compresses GraphQL answers with brotli or gzip as accepted, and not otherwise", async () => {
    const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
    const plain = await raw(`${hub.url}/graphql`, headers, "POST", query);
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const expected = JSON.parse(plain.body.toString("utf8"));
    expect(expected.data.schoolAuthorities.length).toBeGreaterThan(0);

    for (const encoding of ["br", "gzip"]) {
      const response = await raw(
        `${hub.url}/graphql`,
        { ...headers, "accept-encoding": encoding },
        "POST",
        query,
      );
      expect(response.headers["content-encoding"]).toBe(encoding);
      expect(response.headers.vary).toMatch(/Accept-Encoding/i);
      expect(response.body.length).toBeLessThan(plain.body.length / 2);
      expect(JSON.parse(decode(response))).toEqual(expected);
    }
  });
});

describe("exports", () => {
  let order: string;
  beforeAll(async () => {
    const row = await hub.db.read.serviceOrder.findFirstOrThrow({
      where: { authority: { name: SCHWERIN }, bookings: { some: {} } },
      orderBy: { year: "asc" },
    });
    order = encodeURIComponent(gid("ServiceOrder", row.id));
  });

  it("compresses a CSV export and leaves an XLSX (already a zip) as it is", async () => {
    const auth = { authorization: `Bearer ${token}` };
    const plain = await raw(`${hub.url}/exports/bookings.csv?serviceOrderId=${order}`, auth);
    expect(plain.status).toBe(200);
    expect(plain.headers["content-type"]).toMatch(/^text\/csv/);
    expect(plain.body.length).toBeGreaterThan(4096);

    const br = await raw(`${hub.url}/exports/bookings.csv?serviceOrderId=${order}`, {
      ...auth,
      "accept-encoding": "br, gzip",
    });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-disposition"]).toBe(plain.headers["content-disposition"]);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(decode(br)).toBe(plain.body.toString("utf8"));

    const gzip = await raw(`${hub.url}/exports/bookings.csv?serviceOrderId=${order}`, {
      ...auth,
      "accept-encoding": "gzip",
    });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decode(gzip)).toBe(plain.body.toString("utf8"));

    const xlsx = await raw(`${hub.url}/exports/bookings.xlsx?serviceOrderId=${order}`, {
      ...auth,
      "accept-encoding": "br, gzip",
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers["content-encoding"]).toBeUndefined();
    expect(xlsx.body.subarray(0, 2).toString()).toBe("PK");
  });
});
