// What every HTTP response carries, and how a request Express itself refuses is answered.
import fs from "node:fs";
import path from "node:path";
import compression from "compression";
import express, { type ErrorRequestHandler, type RequestHandler, type Response } from "express";
import { HubError } from "./lib/errors.ts";

/**
 * The console loads only its own scripts; MUI's emotion writes inline styles and its icons are
 * data: SVGs; the console fetches and downloads from this origin and opens its WebSocket here.
 */
const CONSOLE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Nosniff, no referrer, no framing and a Content-Security-Policy on every response. */
export function securityHeaders(options: { production: boolean }): RequestHandler {
  return (req, res, next) => {
    res.set({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "X-Frame-Options": "DENY",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Resource-Policy": "same-origin",
      // Apollo's landing page (GET /graphql in a browser) brings its own nonce-based policy,
      // which a second one would break; framing stays forbidden there too.
      "Content-Security-Policy":
        req.method === "GET" && req.path === "/graphql" && req.accepts("html")
          ? "frame-ancestors 'none'"
          : CONSOLE_POLICY,
    });
    if (options.production) res.set("Strict-Transport-Security", "max-age=31536000");
    next();
  };
}

/** Body-parser's error types, in words people read. */
const MESSAGES: Record<string, string> = {
  "entity.parse.failed": "Der Inhalt der Anfrage ist kein gültiges JSON.",
  "entity.too.large": "Die Anfrage ist zu groß.",
  "request.size.invalid": "Die Anfrage ist unvollständig.",
  "request.aborted": "Die Anfrage wurde abgebrochen.",
  "encoding.unsupported": "Die Kodierung der Anfrage wird nicht unterstützt.",
  "charset.unsupported": "Der Zeichensatz der Anfrage wird nicht unterstützt.",
};

/**
 * Replaces Express's default error page, which shows the stack trace and file paths whenever
 * NODE_ENV is not "production": a German message in the shape of a GraphQL error, nothing else.
 */
export const jsonErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const { status: raw, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  const status = typeof raw === "number" && raw >= 400 && raw < 600 ? raw : 500;
  if (status >= 500) console.error("Unexpected error:", error);
  const message =
    (typeof type === "string" ? MESSAGES[type] : undefined) ??
    (status >= 500 ? "Interner Fehler. Der Vorgang wurde nicht ausgeführt." : "Die Anfrage ist ungültig.");
  res.status(status).json({
    errors: [{ message, extensions: { code: status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" } }],
  });
};

/** Already packed (XLSX is a zip, PDF streams are deflated) or sent piece by piece as it happens. */
const UNCOMPRESSED = /^(application\/(pdf|zip|gzip|vnd\.openxmlformats)|text\/event-stream)/;

/**
 * Brotli or gzip, as the client accepts, for the API's JSON, CSV and JSON exports, calendars and
 * pages, streamed (an export is compressed as it is written, never held whole in memory).
 */
export function compressResponses(): RequestHandler {
  return compression({
    threshold: 1024,
    filter: (req, res) => {
      const type = String(res.getHeader("Content-Type") ?? "");
      return !UNCOMPRESSED.test(type) && compression.filter(req, res);
    },
  });
}

/** A year, for files whose name carries a hash of their content: a new build has new names. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const PRECOMPRESSED = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
] as const;

/**
 * The console's hashed files (admin/dist/assets): the .br or .gz written at build time
 * (admin/vite.config.ts) when the client accepts it, else the file itself; cached for a year.
 */
export function consoleAssets(dir: string): RequestHandler[] {
  const precompressed: RequestHandler = (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    res.vary("Accept-Encoding");
    // Brotli first whatever the order in Accept-Encoding: it is the smaller of the two.
    const accepted = req.acceptsEncodings();
    const variant = PRECOMPRESSED.find((v) => accepted.includes(v.encoding) || accepted.includes("*"));
    if (!variant) return next();
    let name: string;
    try {
      name = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = path.join(dir, path.normalize(name));
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file + variant.suffix)) return next();
    res.type(path.extname(file));
    res.sendFile(
      file + variant.suffix,
      { cacheControl: false, headers: { "Content-Encoding": variant.encoding, "Cache-Control": IMMUTABLE } },
      (error) => {
        if (error && !res.headersSent) next();
      },
    );
  };
  return [
    precompressed,
    express.static(dir, { index: false, fallthrough: false, immutable: true, maxAge: "1y" }),
  ];
}

/** Everything else of the console (index.html above all) is revalidated on every load. */
export function noCache(): RequestHandler {
  return (_req, res, next) => {
    res.set("Cache-Control", "no-cache");
    next();
  };
}

const EXPORT_STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
};

/** An export route's failure as plain German text: the API's own message, or a generic one for a bug. */
export function exportFailed(res: Response, error: unknown): void {
  if (error instanceof HubError) {
    res
      .status(EXPORT_STATUS[error.code] ?? 400)
      .type("text/plain; charset=utf-8")
      .send(error.message);
    return;
  }
  res.status(500).type("text/plain; charset=utf-8").send("Der Export ist fehlgeschlagen.");
}

/** Content-Disposition of a download: an ASCII name for old clients, the full one as RFC 6266 allows. */
export function attachment(name: string): string {
  const ascii = name.normalize("NFKD").replace(/[^\x20-\x7e]/g, "");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
