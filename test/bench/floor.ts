// The floor of the benchmark (issue 11): what a hand-written server answers for the four bench
// queries (queries.ts) on the same SQLite file. graphql-js executes a hand-written schema of just
// those fields; each root field reads its whole answer with a few hand-written, batched SQL
// statements over better-sqlite3 (one per level, never one per row) and graphql-js walks the
// plain objects. Plain node:http. The bearer token is checked against the hub's sessions (one
// statement), like the hub does. The figures (burn-down, elapsed share) use the hub's own pure
// functions (server/modules/controlling/figures.ts), so the answers are the same JSON.
//
// `node --import tsx test/bench/floor.ts FILE PORT` serves it; the bench starts it so.
import { createHash } from "node:crypto";
import http from "node:http";
import { encodeGlobalID } from "@pothos/plugin-relay";
import Database from "better-sqlite3";
import { buildSchema, execute, type GraphQLSchema, parse, validate } from "graphql";
import { fromHundredths } from "../../server/lib/units.ts";
import { burndown, type DaySum, elapsedShare } from "../../server/modules/controlling/figures.ts";
import { volumeInForce, volumesOf } from "../../server/modules/controlling/reads.ts";

const SDL = `
type Query {
  meetings(filter: MeetingFilter, last: Int): MeetingConnection!
  serviceOrder(id: ID!): ServiceOrder
  schoolAuthority(id: ID!): SchoolAuthority
  schoolAuthorities: [SchoolAuthority!]!
}
input MeetingFilter { authorityId: ID }
scalar Date
scalar DateTime
scalar Decimal
enum Granularity { DAY WEEK MONTH }
type MeetingConnection { totalCount: Int! edges: [MeetingEdge!]! }
type MeetingEdge { node: Meeting! }
type Meeting { id: ID! title: String! scheduledAt: DateTime! agendaItems: [AgendaItem!]! }
type AgendaItem { id: ID! position: Int! title: String! decisions: [Decision!]! }
type Decision { id: ID! title: String! status: String! reviews: [DecisionReview!]! }
type DecisionReview { id: ID! verdict: String! reviewer: User! }
type User { id: ID! name: String! }
type School { id: ID! name: String! }
type SchoolAuthority {
  id: ID! name: String!
  serviceOrders: [ServiceOrder!]!
  controllingAlerts(open: Boolean): [ControllingAlert!]!
}
type ServiceOrder {
  id: ID! title: String! year: Int! status: String! validFrom: Date! validTo: Date!
  contractedPersonDays: Decimal! consumedPersonDays: Decimal! remainingPersonDays: Decimal!
  utilization: Float!
  elapsedShare(asOf: Date): Float!
  lines: [ServiceLine!]!
  burndown(granularity: Granularity = WEEK, asOf: Date): [BurndownPoint!]!
  bookings(first: Int): BookingConnection!
}
type ServiceLine {
  id: ID! name: String! position: Int!
  contractedPersonDays: Decimal! consumedPersonDays: Decimal! remainingPersonDays: Decimal! utilization: Float!
}
type BurndownPoint { date: Date! consumedPersonDays: Decimal! remainingPersonDays: Decimal! plannedRemainingPersonDays: Decimal! }
type BookingConnection { totalCount: Int! pageInfo: PageInfo! edges: [BookingEdge!]! }
type PageInfo { hasNextPage: Boolean! endCursor: String }
type BookingEdge { node: Booking! }
type Booking {
  id: ID! sequence: Int! date: Date! personDays: Decimal! category: String! description: String!
  ticketRef: String school: School bookedBy: User!
}
type ControllingAlert {
  id: ID! kind: String! message: String! threshold: Int! createdAt: DateTime! acknowledgedAt: DateTime
  line: ServiceLine serviceOrder: ServiceOrder!
}
`;

const gid = encodeGlobalID;
const dateTime = (stored: string | null) => (stored === null ? null : new Date(stored).toISOString());
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
const decode = (id: string) => {
  const text = Buffer.from(id, "base64").toString("utf8");
  return text.slice(text.indexOf(":") + 1);
};
/** A JSON array parameter: `x IN (SELECT value FROM json_each(?))` takes any number of ids. */
const list = (ids: readonly string[]) => JSON.stringify(ids);

type Viewer = { id: string; providerId: string | null; authorityId: string | null };

export function createFloor(file: string): {
  schema: GraphQLSchema;
  answer(body: { query: string; variables?: Record<string, unknown> }, token: string | null): unknown;
  /** Statements prepared and run, for the bench's statements-per-request figure. */
  statements(): number;
  close(): void;
} {
  const db = new Database(file, { readonly: true });
  db.pragma("busy_timeout = 15000");
  let executed = 0;
  const cache = new Map<string, Database.Statement>();
  const all = <T>(sql: string, ...params: unknown[]): T[] => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    executed++;
    return statement.all(...params) as T[];
  };

  /** Orders with lines and figures: five statements for any number of authorities. */
  function ordersOf(authorityIds: readonly string[]) {
    const orders = all<{
      id: string;
      authorityId: string;
      title: string;
      year: number;
      status: string;
      validFrom: string;
      validTo: string;
      planProfile: string | null;
    }>(
      `SELECT "id","authorityId","title","year","status","validFrom","validTo","planProfile" FROM "ServiceOrder"
       WHERE "authorityId" IN (SELECT value FROM json_each(?)) ORDER BY "year" DESC`,
      list(authorityIds),
    );
    const orderIds = list(orders.map((o) => o.id));
    const lines = all<{ id: string; orderId: string; name: string; position: number; volume: number }>(
      `SELECT "id","orderId","name","position","volume" FROM "ServiceLine"
       WHERE "orderId" IN (SELECT value FROM json_each(?)) ORDER BY "position"`,
      orderIds,
    );
    const approved = all<{
      orderId: string;
      lineId: string;
      effectiveDate: string;
      decidedAt: string | null;
      previousVolume: number;
      newVolume: number;
    }>(
      `SELECT "orderId","lineId","effectiveDate","decidedAt","previousVolume","newVolume" FROM "OrderAmendment"
       WHERE "orderId" IN (SELECT value FROM json_each(?)) AND "status" = 'APPROVED'`,
      orderIds,
    ).map((a) => ({ ...a, decidedAt: a.decidedAt === null ? null : new Date(a.decidedAt) }));
    const lineSums = new Map(
      all<{ lineId: string; s: number }>(
        `SELECT "lineId", SUM("personDays") AS s FROM "DailyTotal"
         WHERE "orderId" IN (SELECT value FROM json_each(?)) GROUP BY "lineId"`,
        orderIds,
      ).map((r) => [r.lineId, r.s]),
    );
    const days = new Map<string, DaySum[]>(orders.map((o) => [o.id, []]));
    for (const r of all<{ orderId: string; date: string; s: number }>(
      `SELECT "orderId","date", SUM("personDays") AS s FROM "DailyTotal"
       WHERE "orderId" IN (SELECT value FROM json_each(?)) GROUP BY "orderId","date" ORDER BY "orderId","date"`,
      orderIds,
    ))
      days.get(r.orderId)?.push({ date: r.date, personDays: r.s });
    return orders.map((o) => {
      const own = lines.filter((l) => l.orderId === o.id);
      // The volume in force today, as the hub: approved amendments count from their date.
      const volumes = volumesOf(
        o,
        own,
        approved.filter((a) => a.orderId === o.id),
      );
      const contracted = volumeInForce(volumes, volumes.order);
      const daySums = days.get(o.id) ?? [];
      const consumed = daySums.reduce((s, d) => s + d.personDays, 0);
      return {
        ...o,
        rawId: o.id,
        id: gid("ServiceOrder", o.id),
        contractedPersonDays: fromHundredths(contracted),
        consumedPersonDays: fromHundredths(consumed),
        remainingPersonDays: fromHundredths(contracted - consumed),
        utilization: ratio(consumed, contracted),
        elapsedShare: (args: { asOf?: string }) => elapsedShare(o, args.asOf ?? todayUtc()),
        lines: own.map((l) => {
          const used = lineSums.get(l.id) ?? 0;
          const volume = volumeInForce(volumes, volumes.lines.get(l.id) ?? []);
          return {
            id: gid("ServiceLine", l.id),
            name: l.name,
            position: l.position,
            contractedPersonDays: fromHundredths(volume),
            consumedPersonDays: fromHundredths(used),
            remainingPersonDays: fromHundredths(volume - used),
            utilization: ratio(used, volume),
          };
        }),
        burndown: (args: { granularity?: "DAY" | "WEEK" | "MONTH"; asOf?: string }) =>
          burndown(o, volumes.order, daySums, args.granularity ?? "WEEK", args.asOf ?? todayUtc()).map(
            (p) => ({
              date: p.date,
              consumedPersonDays: fromHundredths(p.consumed),
              remainingPersonDays: fromHundredths(p.remaining),
              plannedRemainingPersonDays: fromHundredths(p.plannedRemaining),
            }),
          ),
      };
    });
  }

  function authorities(ids: readonly string[]) {
    const rows = all<{ id: string; name: string }>(
      `SELECT "id","name" FROM "SchoolAuthority" WHERE "id" IN (SELECT value FROM json_each(?)) ORDER BY "name"`,
      list(ids),
    );
    const orders = ordersOf(rows.map((r) => r.id));
    return rows.map((a) => ({
      id: gid("SchoolAuthority", a.id),
      name: a.name,
      serviceOrders: orders.filter((o) => o.authorityId === a.id),
      controllingAlerts: (args: { open?: boolean | null }) => {
        const own = orders.filter((o) => o.authorityId === a.id);
        const byId = new Map(own.map((o) => [o.rawId, o]));
        return all<{
          id: string;
          orderId: string;
          lineId: string | null;
          lineName: string | null;
          kind: string;
          message: string;
          threshold: number;
          createdAt: string;
          acknowledgedAt: string | null;
        }>(
          `SELECT a."id", a."orderId", a."lineId", l."name" AS lineName, a."kind", a."message", a."threshold",
                  a."createdAt", a."acknowledgedAt"
           FROM "Alert" a LEFT JOIN "ServiceLine" l ON l."id" = a."lineId"
           WHERE a."orderId" IN (SELECT value FROM json_each(?)) ${args.open ? 'AND a."acknowledgedAt" IS NULL' : ""}
           ORDER BY a."createdAt" DESC`,
          list(own.map((o) => o.rawId)),
        ).map((r) => ({
          id: gid("ControllingAlert", r.id),
          kind: r.kind,
          message: r.message,
          threshold: r.threshold,
          createdAt: dateTime(r.createdAt),
          acknowledgedAt: dateTime(r.acknowledgedAt),
          line: r.lineId ? { id: gid("ServiceLine", r.lineId), name: r.lineName } : null,
          serviceOrder: byId.get(r.orderId),
        }));
      },
    }));
  }

  const root = {
    meetings(args: { filter?: { authorityId?: string }; last?: number }) {
      const authorityId = decode(args.filter?.authorityId ?? "");
      const [{ c }] = all<{ c: number }>(
        'SELECT COUNT(*) AS c FROM "Meeting" WHERE "authorityId" = ?',
        authorityId,
      ) as [{ c: number }];
      const meetings = all<{ id: string; title: string; scheduledAt: string }>(
        `SELECT "id","title","scheduledAt" FROM "Meeting" WHERE "authorityId" = ?
         ORDER BY "scheduledAt" DESC, "id" DESC LIMIT ?`,
        authorityId,
        args.last ?? 20,
      ).reverse();
      const items = all<{ id: string; meetingId: string; position: number; title: string }>(
        `SELECT "id","meetingId","position","title" FROM "AgendaItem"
         WHERE "meetingId" IN (SELECT value FROM json_each(?)) ORDER BY "position"`,
        list(meetings.map((m) => m.id)),
      );
      const decisions = all<{ id: string; agendaItemId: string; title: string; status: string }>(
        `SELECT "id","agendaItemId","title","status" FROM "Decision"
         WHERE "agendaItemId" IN (SELECT value FROM json_each(?)) ORDER BY "createdAt","id"`,
        list(items.map((i) => i.id)),
      );
      const reviews = all<{
        id: string;
        decisionId: string;
        verdict: string;
        reviewerId: string;
        name: string;
      }>(
        `SELECT r."id", r."decisionId", r."verdict", r."reviewerId", u."name" FROM "DecisionReview" r
         JOIN "User" u ON u."id" = r."reviewerId"
         WHERE r."decisionId" IN (SELECT value FROM json_each(?)) AND r."current" = 1
         ORDER BY r."createdAt", r."id"`,
        list(decisions.map((d) => d.id)),
      );
      const group = <T, K extends keyof T>(rows: T[], key: K) => {
        const map = new Map<unknown, T[]>();
        for (const row of rows) {
          const k = row[key];
          const bucket = map.get(k);
          if (bucket) bucket.push(row);
          else map.set(k, [row]);
        }
        return map;
      };
      const itemsBy = group(items, "meetingId");
      const decisionsBy = group(decisions, "agendaItemId");
      const reviewsBy = group(reviews, "decisionId");
      return {
        totalCount: c,
        edges: meetings.map((m) => ({
          node: {
            id: gid("Meeting", m.id),
            title: m.title,
            scheduledAt: dateTime(m.scheduledAt),
            agendaItems: (itemsBy.get(m.id) ?? []).map((i) => ({
              id: gid("AgendaItem", i.id),
              position: i.position,
              title: i.title,
              decisions: (decisionsBy.get(i.id) ?? []).map((d) => ({
                id: gid("Decision", d.id),
                title: d.title,
                status: d.status,
                reviews: (reviewsBy.get(d.id) ?? []).map((r) => ({
                  id: gid("DecisionReview", r.id),
                  verdict: r.verdict,
                  reviewer: { id: gid("User", r.reviewerId), name: r.name },
                })),
              })),
            })),
          },
        })),
      };
    },
    serviceOrder(args: { id: string }) {
      const id = decode(args.id);
      const [order] = all<{ id: string; title: string }>(
        'SELECT "id","title" FROM "ServiceOrder" WHERE "id" = ?',
        id,
      );
      if (!order) return null;
      return {
        id: gid("ServiceOrder", order.id),
        title: order.title,
        bookings: (a: { first?: number }) => {
          const first = a.first ?? 20;
          const [{ c }] = all<{ c: number }>(
            'SELECT COUNT(*) AS c FROM "Booking" WHERE "orderId" = ?',
            id,
          ) as [{ c: number }];
          const rows = all<{
            id: string;
            seq: number;
            date: string;
            personDays: number;
            category: string;
            description: string;
            ticketRef: string | null;
            schoolId: string | null;
            schoolName: string | null;
            bookedById: string;
            bookedByName: string;
          }>(
            `SELECT b."id", b."seq", b."date", b."personDays", l."name" AS category, b."description", b."ticketRef",
                    s."id" AS schoolId, s."name" AS schoolName, u."id" AS bookedById, u."name" AS bookedByName
             FROM "Booking" b JOIN "ServiceLine" l ON l."id" = b."lineId"
             LEFT JOIN "School" s ON s."id" = b."schoolId" JOIN "User" u ON u."id" = b."bookedById"
             WHERE b."orderId" = ? ORDER BY b."seq" LIMIT ?`,
            id,
            first + 1,
          );
          const page = rows.slice(0, first);
          const last = page.at(-1);
          return {
            totalCount: c,
            pageInfo: {
              hasNextPage: rows.length > first,
              endCursor: last ? Buffer.from(`GPC:S:${last.id}`).toString("base64") : null,
            },
            edges: page.map((b) => ({
              node: {
                id: gid("Booking", b.id),
                sequence: b.seq,
                date: b.date,
                personDays: fromHundredths(b.personDays),
                category: b.category,
                description: b.description,
                ticketRef: b.ticketRef,
                school: b.schoolId ? { id: gid("School", b.schoolId), name: b.schoolName } : null,
                bookedBy: { id: gid("User", b.bookedById), name: b.bookedByName },
              },
            })),
          };
        },
      };
    },
    schoolAuthority(args: { id: string }) {
      return authorities([decode(args.id)])[0] ?? null;
    },
    schoolAuthorities(_args: unknown, viewer: Viewer) {
      const ids = viewer.authorityId
        ? [viewer.authorityId]
        : all<{ id: string }>(
            'SELECT "id" FROM "SchoolAuthority" WHERE "providerId" = ?',
            viewer.providerId,
          ).map((a) => a.id);
      return authorities(ids);
    },
  };

  const schema = buildSchema(SDL);
  const documents = new Map<string, ReturnType<typeof parse>>();
  return {
    schema,
    statements: () => executed,
    answer(body, token) {
      if (!token) return { errors: [{ message: "Nicht angemeldet." }] };
      const [viewer] = all<Viewer & { expiresAt: string; revokedAt: string | null }>(
        `SELECT u."id", u."providerId", u."authorityId", s."expiresAt", s."revokedAt" FROM "Session" s
         JOIN "User" u ON u."id" = s."userId" WHERE s."tokenHash" = ?`,
        createHash("sha256").update(token).digest("hex"),
      );
      if (!viewer || viewer.revokedAt || Date.parse(viewer.expiresAt) < Date.now())
        return { errors: [{ message: "Nicht angemeldet." }] };
      let document = documents.get(body.query);
      if (!document) {
        document = parse(body.query);
        const errors = validate(schema, document);
        if (errors.length > 0) return { errors };
        documents.set(body.query, document);
      }
      return execute({
        schema,
        document,
        rootValue: root,
        contextValue: viewer,
        variableValues: body.variables ?? {},
      });
    },
    close: () => db.close(),
  };
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Serves the floor on `port` (127.0.0.1); resolves once listening. */
export function serveFloor(file: string, port: number): Promise<http.Server> {
  const floor = createFloor(file);
  const server = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/statements") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ statements: floor.statements() }));
      return;
    }
    if (req.method === "GET" && req.url === "/healthz") {
      res.end('{"status":"ok"}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        const header = req.headers.authorization ?? "";
        const result = await floor.answer(body, header.startsWith("Bearer ") ? header.slice(7) : null);
        res.setHeader("content-type", "application/json; charset=utf-8");
        res.end(JSON.stringify(result));
      } catch (error) {
        res.statusCode = 400;
        res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] as string;
  const port = Number(process.argv[3] ?? 4100);
  await serveFloor(file, port);
  console.log(`floor listening on http://127.0.0.1:${port}`);
}
