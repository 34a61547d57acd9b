// A provider's scale for the benchmark (issue 11): the demo seed (KSM: 13 authorities, 80 schools)
// and, inserted directly through better-sqlite3 in one transaction, 5 years of service orders
// (65), 500,000 bookings, 3,500 meetings, 20,000 agenda items, 12,000 decisions, 50,000 reviews
// and 10,000 escalations, times `scale`. Seeded: the same scale gives the same generated rows (the
// demo seed's own ids and timestamps are its own). One order, Schwerin's current year, carries
// 40 % of the bookings (200,000 at full size) for the burn-down measurement.
//
// Invariants kept for the hub: Booking.seq is the ledger's commit order (continuing after the
// demo's), Booking.orderBalance the running sum of each order's ledger in seq order, DailyTotal
// the per (order, line, date) sum and count. No audit entries are generated: the audit chain
// covers what the hub itself wrote (startup and /readyz check only those), and the generated
// governance records have no search index entries.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sqliteUrl } from "../../server/config.ts";
import { openDatabase } from "../../server/db/client.ts";
import { migrateDeploy } from "../../server/db/migrate.ts";
import { seedDemo } from "../../server/db/seed.ts";
import { addDays, todayInBerlin } from "../../server/lib/dates.ts";

/** Full size; every figure is multiplied by the scale (rounded, at least 1). */
export const FULL = {
  years: 5,
  bookings: 500_000,
  meetings: 3_500,
  agendaItems: 20_000,
  decisions: 12_000,
  reviews: 50_000,
  escalations: 10_000,
} as const;

/** The share of all bookings that go to the big order (Schwerin, current year). */
export const BIG_ORDER_SHARE = 0.4;
export const PROVIDER = "KSM";
export const BIG_AUTHORITY = "Landeshauptstadt Schwerin";
/** People generated per authority (steering members who review; the first is also a controller). */
const PEOPLE_PER_AUTHORITY = 6;

export interface DatasetSummary {
  file: string;
  scale: number;
  /** Rows per table after generation (demo rows included). */
  counts: Record<string, number>;
  /** The order with BIG_ORDER_SHARE of the bookings (database id). */
  bigOrderId: string;
  bigOrderBookings: number;
  /** The authority with the most meetings and orders (database id): Schwerin. */
  bigAuthorityId: string;
  /** The current year: its orders are ACTIVE, earlier years' CLOSED. */
  currentYear: number;
  /** ms: demo seed, bulk insert, total. */
  timings: { seed: number; bulk: number; total: number };
}

export type Progress = (line: string) => void;

/** mulberry32: small, fast, seeded. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (date: string, time = "09:00:00") => `${date}T${time}.000+00:00`;
const pad = (n: number, width = 7) => String(n).padStart(width, "0");

/** Migrates and seeds the demo into `file` (removed first). */
export async function seedDemoFile(file: string): Promise<void> {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const url = sqliteUrl(file);
  await migrateDeploy(url);
  const db = await openDatabase(url);
  try {
    await seedDemo(db);
  } finally {
    await db.close();
  }
}

/**
 * Writes the data set to `file`. `demoTemplate`, if given, is a file seedDemoFile wrote before:
 * copied instead of seeding again (the seed takes seconds, mostly password hashing).
 */
export async function generateDataset(
  file: string,
  scale: number,
  onProgress: Progress = () => {},
  options: { seed?: number; demoTemplate?: string; today?: string } = {},
): Promise<DatasetSummary> {
  const started = performance.now();
  if (options.demoTemplate) {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const template = new Database(options.demoTemplate, { readonly: true });
    await template.backup(file);
    template.close();
  } else {
    onProgress("dataset: migrating and seeding the demo …");
    await seedDemoFile(file);
  }
  const seeded = performance.now();
  const summary = bulkInsert(file, scale, onProgress, options.seed ?? 11, options.today ?? todayInBerlin());
  const done = performance.now();
  return {
    ...summary,
    file,
    scale,
    timings: { seed: seeded - started, bulk: done - seeded, total: done - started },
  };
}

type Row = Record<string, unknown>;

function bulkInsert(
  file: string,
  scale: number,
  onProgress: Progress,
  seed: number,
  today: string,
): Omit<DatasetSummary, "file" | "scale" | "timings"> {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const n = (full: number) => Math.max(1, Math.round(full * scale));

  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -200000");
  db.pragma("busy_timeout = 10000");

  const provider = db.prepare('SELECT "id" FROM "Provider" WHERE "shortName" = ?').get(PROVIDER) as {
    id: string;
  };
  const authorities = db
    .prepare('SELECT "id", "name" FROM "SchoolAuthority" WHERE "providerId" = ? ORDER BY "name"')
    .all(provider.id) as { id: string; name: string }[];
  const schoolsOf = new Map<string, string[]>(authorities.map((a) => [a.id, []]));
  for (const s of db
    .prepare('SELECT "id", "authorityId" FROM "School" ORDER BY "authorityId", "name"')
    .all() as { id: string; authorityId: string }[])
    schoolsOf.get(s.authorityId)?.push(s.id);
  const big = authorities.find((a) => a.name === BIG_AUTHORITY);
  if (!big) throw new Error(`demo seed has no ${BIG_AUTHORITY}`);
  const template = db
    .prepare('SELECT "passwordHash" FROM "User" WHERE "email" = ?')
    .get("technik@ksm.example") as { passwordHash: string };
  const staff = db.prepare('SELECT "id" FROM "User" WHERE "email" = ?').get("technik@ksm.example") as {
    id: string;
  };
  // Weight of an authority: its schools (Schwerin and the district dominate, as in life).
  const weight = new Map(authorities.map((a) => [a.id, (schoolsOf.get(a.id)?.length ?? 0) + 2]));
  const totalWeight = [...weight.values()].reduce((s, w) => s + w, 0);

  const currentYear = Number(today.slice(0, 4));
  const years = Array.from({ length: FULL.years }, (_, i) => currentYear - FULL.years + 1 + i);
  const counts: Record<string, number> = {};
  const insert = (table: string, columns: string[]) => {
    const statement = db.prepare(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES (${columns.map(() => "?").join(",")})`,
    );
    return (row: Row) => {
      statement.run(columns.map((c) => row[c] ?? null));
      counts[table] = (counts[table] ?? 0) + 1;
    };
  };
  let lastProgress = 0;
  const progress = (line: string, force = false) => {
    const now = performance.now();
    if (force || now - lastProgress > 1000) {
      lastProgress = now;
      onProgress(line);
    }
  };

  let bigOrderId = "";
  let bigOrderBookings = 0;
  db.transaction(() => {
    // People: per authority, steering members who review decisions (the first also a controller).
    const addUser = insert("User", [
      "id",
      "email",
      "name",
      "passwordHash",
      "authorityId",
      "active",
      "createdAt",
    ]);
    const addRole = insert("UserRole", ["userId", "role"]);
    const peopleOf = new Map<string, string[]>();
    for (const [ai, a] of authorities.entries()) {
      const people: string[] = [];
      for (let i = 0; i < PEOPLE_PER_AUTHORITY; i++) {
        const id = `bench-user-${ai}-${i}`;
        addUser({
          id,
          email: `steering-${ai}-${i}@bench.example`,
          name: `Mitglied ${i + 1} (${a.name})`,
          passwordHash: template.passwordHash,
          authorityId: a.id,
          active: 1,
          createdAt: iso(`${years[0]}-01-01`),
        });
        addRole({ userId: id, role: "STEERING_MEMBER" });
        if (i === 0) addRole({ userId: id, role: "CONTROLLER" });
        people.push(id);
      }
      peopleOf.set(a.id, people);
    }

    // Service orders: every authority, every year; the demo's own (Schwerin 2025, 2026) stay.
    const existing = new Map(
      (
        db.prepare('SELECT "id", "authorityId", "year" FROM "ServiceOrder"').all() as {
          id: string;
          authorityId: string;
          year: number;
        }[]
      ).map((o) => [`${o.authorityId}/${o.year}`, o.id]),
    );
    const addOrder = insert("ServiceOrder", [
      "id",
      "authorityId",
      "year",
      "title",
      "dailyRateCents",
      "validFrom",
      "validTo",
      "status",
      "burnMarginPct",
      "version",
      "createdAt",
      "updatedAt",
    ]);
    const addLine = insert("ServiceLine", ["id", "orderId", "name", "position", "volume"]);
    const bookingsTotal = n(FULL.bookings);
    const bigCount = Math.round(bookingsTotal * BIG_ORDER_SHARE);
    const orders: {
      id: string;
      authorityId: string;
      year: number;
      lines: string[];
      count: number;
      from: string;
      to: string;
    }[] = [];
    const linesOf = db.prepare('SELECT "id" FROM "ServiceLine" WHERE "orderId" = ? ORDER BY "position"');
    for (const [ai, a] of authorities.entries()) {
      for (const year of years) {
        const isBig = a.id === big.id && year === currentYear;
        const count = isBig
          ? bigCount
          : Math.round(
              ((bookingsTotal - bigCount) * (weight.get(a.id) ?? 1)) /
                (totalWeight * years.length - (weight.get(big.id) ?? 1)),
            );
        const from = `${year}-01-01`;
        const to = `${year}-12-31`;
        let id = existing.get(`${a.id}/${year}`);
        let lines: string[];
        if (id) {
          lines = (linesOf.all(id) as { id: string }[]).map((l) => l.id);
        } else {
          id = `bench-order-${ai}-${year}`;
          // Volume: what the year's bookings will consume (about 1.1 PT each), plus a fifth.
          const volume = Math.max(1000, Math.round(count * 110 * 1.2));
          addOrder({
            id,
            authorityId: a.id,
            year,
            title: `Serviceschein Schul-IT ${year}`,
            dailyRateCents: 60000 + (year - (years[0] ?? year)) * 2000,
            validFrom: from,
            validTo: to,
            status: year < currentYear ? "CLOSED" : "ACTIVE",
            burnMarginPct: 10,
            version: 1,
            createdAt: iso(`${year - 1}-12-15`),
            updatedAt: iso(`${year - 1}-12-15`),
          });
          lines = [];
          for (const [position, [name, share]] of (
            [
              ["Support", 0.7],
              ["Ertüchtigung", 0.2],
              ["Beratung", 0.1],
            ] as const
          ).entries()) {
            const lineId = `${id}-l${position + 1}`;
            addLine({
              id: lineId,
              orderId: id,
              name,
              position: position + 1,
              volume: Math.round(volume * share),
            });
            lines.push(lineId);
          }
        }
        if (isBig) {
          bigOrderId = id;
          bigOrderBookings = count;
        }
        orders.push({
          id,
          authorityId: a.id,
          year,
          lines,
          count,
          from,
          to: year === currentYear ? today : to,
        });
      }
    }
    // Rounding leaves a few bookings over or short: the largest of the other orders takes the difference.
    const planned = orders.reduce((s, o) => s + o.count, 0);
    const bigOrder = orders.find((o) => o.id === bigOrderId);
    const largestOther = orders
      .filter((o) => o.id !== bigOrderId)
      .reduce((a, b) => (b.count > a.count ? b : a));
    largestOther.count += bookingsTotal - planned;
    // The big order's volume: sized to its bookings (the demo's lines are far smaller).
    if (bigOrder) {
      const volume = Math.round(bigOrder.count * 110 * 1.3);
      const shares = [0.7, 0.2, 0.1];
      const setVolume = db.prepare('UPDATE "ServiceLine" SET "volume" = ? WHERE "id" = ?');
      bigOrder.lines.forEach((lineId, i) => {
        setVolume.run(Math.round(volume * (shares[i] ?? 0.1)), lineId);
      });
    }
    progress(`dataset: ${orders.length} service orders; generating ${bookingsTotal} bookings …`, true);

    // Bookings in date order across all orders (the ledger's commit order follows the calendar).
    const entries: { order: number; date: string }[] = [];
    for (const [oi, o] of orders.entries()) {
      const days = Math.max(1, Math.round((Date.parse(o.to) - Date.parse(o.from)) / 86_400_000) + 1);
      const dates = Array.from({ length: days }, (_, d) => addDays(o.from, d));
      for (let i = 0; i < o.count; i++)
        entries.push({ order: oi, date: dates[Math.floor((i * days) / o.count)] as string });
    }
    entries.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.order - y.order));
    const maxSeq = (db.prepare('SELECT COALESCE(MAX("seq"), 0) AS m FROM "Booking"').get() as { m: number })
      .m;
    const balance = new Map<string, number>();
    for (const row of db
      .prepare(
        'SELECT "orderId", "orderBalance" FROM "Booking" b WHERE "seq" = (SELECT MAX("seq") FROM "Booking" WHERE "orderId" = b."orderId")',
      )
      .all() as { orderId: string; orderBalance: number }[])
      balance.set(row.orderId, row.orderBalance);
    const addBooking = insert("Booking", [
      "id",
      "seq",
      "orderId",
      "lineId",
      "date",
      "personDays",
      "orderBalance",
      "schoolId",
      "ticketRef",
      "description",
      "bookedById",
      "createdAt",
      "outsideResponsibility",
    ]);
    const totals = new Map<
      string,
      { orderId: string; lineId: string; date: string; personDays: number; count: number }
    >();
    const descriptions = [
      "Störung bearbeitet",
      "Ertüchtigung nach Zielbild",
      "Beratung Medienentwicklungsplan",
      "Geräte eingerichtet",
      "WLAN geprüft",
      "Benutzerkonten angelegt",
    ];
    for (const [i, entry] of entries.entries()) {
      const o = orders[entry.order] as (typeof orders)[number];
      const date = entry.date;
      const r = rnd();
      const lineIndex = r < 0.7 ? 0 : r < 0.9 ? 1 : 2;
      const lineId = o.lines[Math.min(lineIndex, o.lines.length - 1)] as string;
      const personDays = 25 * int(1, 8);
      const orderBalance = (balance.get(o.id) ?? 0) + personDays;
      balance.set(o.id, orderBalance);
      const schools = schoolsOf.get(o.authorityId) ?? [];
      const seq = maxSeq + i + 1;
      addBooking({
        id: `bench-b${pad(seq, 8)}`,
        seq,
        orderId: o.id,
        lineId,
        date,
        personDays,
        orderBalance,
        schoolId: schools.length > 0 && rnd() < 0.9 ? pick(schools) : null,
        ticketRef: rnd() < 0.6 ? `KSM-${o.year}-${pad(seq, 7)}` : null,
        description: pick(descriptions),
        bookedById: staff.id,
        createdAt: iso(date, "15:00:00"),
        outsideResponsibility: 0,
      });
      const tk = `${o.id}\u0000${lineId}\u0000${date}`;
      const total = totals.get(tk);
      if (total) {
        total.personDays += personDays;
        total.count += 1;
      } else totals.set(tk, { orderId: o.id, lineId, date, personDays, count: 1 });
      if ((i & 4095) === 0) progress(`dataset: bookings ${i}/${entries.length}`);
    }
    const upsertTotal = db.prepare(
      `INSERT INTO "DailyTotal" ("orderId","lineId","date","personDays","count") VALUES (?,?,?,?,?)
       ON CONFLICT ("orderId","lineId","date") DO UPDATE SET
         "personDays" = "personDays" + excluded."personDays", "count" = "count" + excluded."count"`,
    );
    for (const t of totals.values()) upsertTotal.run(t.orderId, t.lineId, t.date, t.personDays, t.count);
    counts.DailyTotal = totals.size;
    progress(`dataset: ${entries.length} bookings, ${totals.size} daily totals; governance …`, true);

    // Governance: meetings per authority by weight, agenda items, decisions, reviews.
    const meetingsTotal = n(FULL.meetings);
    const itemsTotal = n(FULL.agendaItems);
    const decisionsTotal = n(FULL.decisions);
    const reviewsTotal = n(FULL.reviews);
    const addMeeting = insert("Meeting", [
      "id",
      "authorityId",
      "kind",
      "title",
      "scheduledAt",
      "durationMinutes",
      "location",
      "status",
      "minutesStatus",
      "finalizedAt",
      "version",
      "createdAt",
      "updatedAt",
    ]);
    const addItem = insert("AgendaItem", [
      "id",
      "meetingId",
      "position",
      "title",
      "kind",
      "status",
      "presenterId",
      "notes",
      "createdAt",
    ]);
    const addDecision = insert("Decision", [
      "id",
      "authorityId",
      "meetingId",
      "agendaItemId",
      "title",
      "text",
      "status",
      "schoolId",
      "costImpactCents",
      "personDayImpact",
      "decidedOn",
      "createdById",
      "version",
      "createdAt",
      "updatedAt",
    ]);
    const addReview = insert("DecisionReview", [
      "id",
      "decisionId",
      "reviewerId",
      "verdict",
      "comment",
      "current",
      "createdAt",
    ]);
    const firstDay = `${years[0]}-01-03`;
    const span = Math.round((Date.parse(today) - Date.parse(firstDay)) / 86_400_000);
    let meetingNo = 0;
    let itemNo = 0;
    let decisionNo = 0;
    let reviewNo = 0;
    const topics = [
      "Stand der Ertüchtigung",
      "WLAN-Ausleuchtung",
      "Beschaffung Endgeräte",
      "Störungen im Schulnetz",
      "Medienentwicklungsplan",
      "Servicebericht",
      "Datenschutz",
      "Lernplattform",
    ];
    const verdicts = ["ACKNOWLEDGE", "APPROVE", "APPROVE", "OBJECT", "ABSTAIN"];
    const decisionStatuses = ["APPROVED", "APPROVED", "APPROVED", "PROPOSED", "REJECTED", "DEFERRED"];
    for (const [ai, a] of authorities.entries()) {
      const meetings =
        ai === authorities.length - 1
          ? meetingsTotal - meetingNo
          : Math.round((meetingsTotal * (weight.get(a.id) ?? 1)) / totalWeight);
      const people = peopleOf.get(a.id) ?? [];
      const schools = schoolsOf.get(a.id) ?? [];
      for (let m = 0; m < meetings; m++, meetingNo++) {
        const meetingId = `bench-m${pad(meetingNo)}`;
        const date = addDays(firstDay, Math.floor(((m + 0.5) * span) / meetings));
        const past = date < today;
        addMeeting({
          id: meetingId,
          authorityId: a.id,
          kind: m % 4 === 3 ? "STEERING_GROUP" : "JOUR_FIXE",
          title: m % 4 === 3 ? "Lenkungsgruppe Schul-IT" : "Jour-Fixe Schul-IT",
          scheduledAt: iso(date),
          durationMinutes: 60,
          location: "Rathaus",
          status: "SCHEDULED",
          minutesStatus: past ? "FINAL" : "DRAFT",
          finalizedAt: past ? iso(addDays(date, 2)) : null,
          version: 1,
          createdAt: iso(addDays(date, -14)),
          updatedAt: iso(addDays(date, 2)),
        });
        // Items, decisions and reviews in proportion to the meetings (the last meeting takes the rest).
        const itemsTarget = Math.round(((meetingNo + 1) * itemsTotal) / meetingsTotal);
        const decisionsTarget = Math.round(((meetingNo + 1) * decisionsTotal) / meetingsTotal);
        const items: string[] = [];
        for (let position = 1; itemNo < itemsTarget; position++, itemNo++) {
          const itemId = `bench-ai${pad(itemNo)}`;
          addItem({
            id: itemId,
            meetingId,
            position,
            title: `${pick(topics)} (${position})`,
            kind: position % 2 === 0 ? "DECISION" : "INFORMATION",
            status: past ? "DONE" : "OPEN",
            presenterId: pick(people),
            notes: "Bericht und Aussprache.",
            createdAt: iso(addDays(date, -7)),
          });
          items.push(itemId);
        }
        for (let d = 0; decisionNo < decisionsTarget; d++, decisionNo++) {
          const decisionId = `bench-d${pad(decisionNo)}`;
          addDecision({
            id: decisionId,
            authorityId: a.id,
            meetingId,
            agendaItemId: items.length > 0 ? items[d % items.length] : null,
            title: `Beschluss ${decisionNo + 1}: ${pick(topics)}`,
            text: "Die Lenkungsgruppe beschließt die Umsetzung wie vorgestellt.",
            status: pick(decisionStatuses),
            schoolId: schools.length > 0 && rnd() < 0.5 ? pick(schools) : null,
            costImpactCents: rnd() < 0.3 ? int(1, 500) * 10_000 : null,
            personDayImpact: rnd() < 0.2 ? int(1, 40) * 100 : null,
            decidedOn: date,
            createdById: pick(people),
            version: 1,
            createdAt: iso(date, "11:00:00"),
            updatedAt: iso(date, "11:00:00"),
          });
          const reviewsTarget = Math.round(((decisionNo + 1) * reviewsTotal) / decisionsTotal);
          for (let r = 0; reviewNo < reviewsTarget; r++, reviewNo++) {
            addReview({
              id: `bench-r${pad(reviewNo)}`,
              decisionId,
              reviewerId: people[r % people.length],
              verdict: pick(verdicts),
              comment: rnd() < 0.2 ? "Einverstanden." : null,
              current: 1,
              createdAt: iso(addDays(date, 1 + (r % 5)), "08:00:00"),
            });
          }
        }
        progress(`dataset: meetings ${meetingNo}/${meetingsTotal}`);
      }
    }

    // Escalations over the schools of every authority.
    const escalationsTotal = n(FULL.escalations);
    const addEscalation = insert("Escalation", [
      "id",
      "authorityId",
      "schoolId",
      "subject",
      "description",
      "ticketRef",
      "severity",
      "status",
      "raisedById",
      "raisedAt",
      "reviewedAt",
      "reviewedById",
      "resolvedAt",
      "resolvedById",
      "resolution",
      "version",
      "updatedAt",
    ]);
    const allSchools = authorities.flatMap((a) => (schoolsOf.get(a.id) ?? []).map((s) => ({ a: a.id, s })));
    const severities = ["LOW", "MEDIUM", "MEDIUM", "HIGH", "CRITICAL"];
    for (let e = 0; e < escalationsTotal; e++) {
      const { a, s } = pick(allSchools);
      const people = peopleOf.get(a) ?? [];
      const date = addDays(firstDay, Math.floor((e * span) / escalationsTotal));
      const resolved = date < addDays(today, -30) && rnd() < 0.9;
      const reviewer = pick(people);
      addEscalation({
        id: `bench-e${pad(e)}`,
        authorityId: a,
        schoolId: s,
        subject: `${pick(topics)}: Störung`,
        description: "Die Schule meldet eine wiederkehrende Störung.",
        ticketRef: `SD-${pad(e, 6)}`,
        severity: pick(severities),
        status: resolved ? "RESOLVED" : pick(["RAISED", "IN_REVIEW"]),
        raisedById: pick(people),
        raisedAt: iso(date),
        reviewedAt: resolved ? iso(date, "13:00:00") : null,
        reviewedById: resolved ? reviewer : null,
        resolvedAt: resolved ? iso(addDays(date, int(1, 20))) : null,
        resolvedById: resolved ? reviewer : null,
        resolution: resolved ? "Behoben." : null,
        version: 1,
        updatedAt: iso(date),
      });
    }
    progress(`dataset: ${escalationsTotal} escalations`, true);
  })();

  const tableCounts: Record<string, number> = {};
  for (const table of [
    "SchoolAuthority",
    "School",
    "User",
    "ServiceOrder",
    "Booking",
    "DailyTotal",
    "Meeting",
    "AgendaItem",
    "Decision",
    "DecisionReview",
    "Escalation",
  ])
    tableCounts[table] = (db.prepare(`SELECT COUNT(*) AS c FROM "${table}"`).get() as { c: number }).c;
  tableCounts.providerAuthorities = authorities.length;
  tableCounts.providerSchools = [...schoolsOf.values()].reduce((s, l) => s + l.length, 0);
  db.pragma("optimize");
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return { counts: tableCounts, bigOrderId, bigOrderBookings, bigAuthorityId: big.id, currentYear };
}

// `node --import tsx test/bench/dataset.ts FILE [SCALE]`: writes a data set for profiling.
if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? "data/bench.db";
  const scale = Number(process.argv[3] ?? process.env.BENCH_SCALE ?? 1);
  const summary = await generateDataset(file, scale, (line) => process.stderr.write(`\r\x1b[K${line}`));
  process.stderr.write("\n");
  console.log(JSON.stringify(summary, null, 2));
}
