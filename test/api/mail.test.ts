// Mail over a real SMTP server the test starts on a local port: invitations with their calendar
// entry, its update on a move and its cancellation; the final minutes as PDF; each person's
// opt-out; reminders and the digest enqueued once however often the job runs; mail kept in the
// outbox while the server is down and sent once it is back; two senders on one database never
// sending the same mail; and, without SMTP_URL, .eml files in the mail folder.
// The same file runs on PostgreSQL.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import ICAL from "ical.js";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/client.ts";
import { Mailer } from "../../server/modules/mail/sender.ts";
import { ok, schwerinIds } from "../helpers/governance.ts";
import { codes, startHub, type TestHub } from "../helpers/hub.ts";

interface Received {
  to: string[];
  mail: ParsedMail;
  raw: string;
}

/** An SMTP server on a local port that keeps every mail it gets; it can go down and come back on the same port. */
class Inbox {
  readonly mails: Received[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", async () => {
          const raw = Buffer.concat(chunks);
          this.mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            mail: await simpleParser(raw),
            raw: raw.toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string, subject: RegExp): Received[] {
    return this.mails.filter((m) => m.to.includes(address) && subject.test(m.mail.subject ?? ""));
  }
}

async function eventually<T>(
  probe: () => Promise<T> | T,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() - start > timeoutMs)
      throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until the outbox has nothing left to send. */
const drained = (hub: TestHub) =>
  eventually(
    () => hub.db.read.mailOutbox.count({ where: { state: "PENDING" } }),
    (pending) => pending === 0,
  );

/** The calendar part of a mail, parsed, with its raw text. */
function calendarOf(received: Received) {
  const part = received.mail.attachments.find((a) => a.contentType === "text/calendar");
  if (!part) throw new Error(`no text/calendar part in "${received.mail.subject}"`);
  const text = part.content.toString("utf8");
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent("vtimezone");
  if (zone) ICAL.TimezoneService.register(zone);
  const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent") as ICAL.Component);
  return {
    text,
    method: calendar.getFirstPropertyValue("method"),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate(),
    status: (calendar.getFirstSubcomponent("vevent") as ICAL.Component).getFirstPropertyValue("status"),
  };
}

/** DTSTART as it must read: the wall-clock time in Berlin, computed here independently. */
function berlinStamp(instant: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Berlin",
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `DTSTART;TZID=Europe/Berlin:${parts.year}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}`;
}

const CREATE = "mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }";
const MOVE = "mutation($id: ID!, $at: DateTime!) { moveMeeting(meetingId: $id, scheduledAt: $at) { id } }";
const CANCEL = "mutation($id: ID!, $r: String!) { cancelMeeting(meetingId: $id, reason: $r) { id } }";
const PARTICIPANTS = `mutation($m: ID!, $i: [ID!]!, $a: [ID!]!) {
  setMeetingParticipants(meetingId: $m, invitedIds: $i, attendedIds: $a) { id } }`;
const FINALIZE = "mutation($id: ID!) { finalizeMinutes(meetingId: $id) { minutesStatus } }";
const SET = `mutation($k: MailKind!, $e: Boolean!) { setMailSetting(kind: $k, enabled: $e) { kind enabled description } }`;
const SETTINGS = "{ myMailSettings { kind enabled description } }";
const DELIVERY = "{ mailDelivery { smtp folder pending failed } }";

const OFFICER = "schul-it@schwerin.example";
const CONTROLLER = "controlling@schwerin.example";
const FACILITY = "gebaeude@schwerin.example";

const inbox = new Inbox();
let hub: TestHub;
let ids: Awaited<ReturnType<typeof schwerinIds>>;
const t = { manager: "", officer: "", facility: "", admin: "" };

async function meeting(title: string, scheduledAt: Date, invited: string[]): Promise<string> {
  const created = await ok<{ createMeeting: { id: string } }>(
    hub,
    CREATE,
    {
      input: {
        authorityId: ids.authority,
        kind: "JOUR_FIXE",
        title,
        scheduledAt: scheduledAt.toISOString(),
        location: "Rathaus, Raum 3",
        invitedIds: invited,
      },
    },
    t.manager,
  );
  return created.createMeeting.id;
}

beforeAll(async () => {
  await inbox.start();
  hub = await startHub({
    config: {
      smtpUrl: `smtp://127.0.0.1:${inbox.port}`,
      mailPollMs: 50,
      mailRetryMaxMs: 400,
      mailJobsMs: 0,
    },
  });
  ids = await schwerinIds(hub);
  [t.manager, t.officer, t.facility, t.admin] = await Promise.all([
    hub.login("servicemanager@ksm.example"),
    hub.login(OFFICER),
    hub.login(FACILITY),
    hub.login("admin@ksm.example"),
  ]);
});

afterAll(async () => {
  await hub?.close();
  await inbox.stop();
});

describe("settings and delivery", () => {
  it("lists every kind with a German description; a person turns one off for themselves", async () => {
    const before = await ok<{ myMailSettings: { kind: string; enabled: boolean; description: string }[] }>(
      hub,
      SETTINGS,
      {},
      t.facility,
    );
    expect(before.myMailSettings.map((s) => [s.kind, s.enabled])).toEqual([
      ["INVITATION", true],
      ["MINUTES", true],
      ["REMINDER", true],
      ["DIGEST", true],
    ]);
    expect(before.myMailSettings[0]?.description).toMatch(/^Einladungen zu Sitzungen/);
    await ok(hub, SET, { k: "INVITATION", e: false }, t.facility);
    const after = await ok<{ myMailSettings: { kind: string; enabled: boolean }[] }>(
      hub,
      SETTINGS,
      {},
      t.facility,
    );
    expect(after.myMailSettings.find((s) => s.kind === "INVITATION")?.enabled).toBe(false);
    // Someone else's settings are untouched.
    const officer = await ok<{ myMailSettings: { enabled: boolean }[] }>(hub, SETTINGS, {}, t.officer);
    expect(officer.myMailSettings.every((s) => s.enabled)).toBe(true);
    const audit = await hub.db.read.auditEntry.findMany({ where: { action: "MAIL_SETTING" } });
    expect(audit.map((a) => JSON.parse(a.changes))).toEqual([{ INVITATION: [true, false] }]);
    const trail = await ok<{
      auditLog: { edges: { node: { actionLabel: string; changeList: unknown[] } }[] };
    }>(
      hub,
      `{ auditLog(action: "MAIL_SETTING", first: 5) { edges { node { actionLabel changeList { field before after } } } } }`,
      {},
      t.facility,
    );
    expect(trail.auditLog.edges.map((e) => e.node)).toEqual([
      {
        actionLabel: "E-Mail-Einstellung geändert",
        changeList: [{ field: "E-Mail: Einladungen", before: "ja", after: "nein" }],
      },
    ]);
    expect(codes(await hub.gql(SETTINGS, {}))).toEqual(["UNAUTHENTICATED"]);
  });

  it("tells the ADMIN how mail leaves the hub, and nobody else", async () => {
    const answer = await ok<{ mailDelivery: { smtp: boolean; folder: string | null } }>(
      hub,
      DELIVERY,
      {},
      t.admin,
    );
    expect(answer.mailDelivery).toMatchObject({ smtp: true, folder: null });
    expect(codes(await hub.gql(DELIVERY, {}, t.officer))).toEqual(["FORBIDDEN"]);
  });
});

describe("invitations", () => {
  // A summer time date, moved to a winter time one: both 10:00 in Berlin.
  const summer = new Date("2031-07-03T08:00:00Z");
  const winter = new Date("2031-11-06T09:00:00Z");
  let meetingId = "";

  it("invites everyone invited with a calendar entry in Berlin time, except who opted out", async () => {
    meetingId = await meeting("Jour-Fixe Einladungstest", summer, [
      ids.officer,
      ids.controller,
      ids.facility,
    ]);
    await drained(hub);
    const invitations = [OFFICER, CONTROLLER].map((address) => {
      const got = inbox.to(address, /^Einladung: Jour-Fixe Einladungstest am 03\.07\.2031 um 10:00 Uhr$/);
      expect(got, address).toHaveLength(1);
      return got[0] as Received;
    });
    expect(inbox.to(FACILITY, /Einladungstest/)).toHaveLength(0);
    for (const received of invitations) {
      expect(received.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
      expect(received.mail.text).toContain("Termin: Do., 03.07.2031, 10:00 bis 11:00 Uhr");
      expect(received.mail.headers.get("auto-submitted")).toBe("auto-generated");
      const calendar = calendarOf(received);
      expect(calendar.method).toBe("REQUEST");
      expect(calendar.text).toContain(berlinStamp(summer));
      expect(calendar.text).toContain("DTSTART;TZID=Europe/Berlin:20310703T100000");
      expect(calendar.start.getTime()).toBe(summer.getTime());
      expect(calendar.text).toMatch(/ORGANIZER;CN="Schul-IT-Hub":mailto:noreply@localhost/);
    }
    const uids = invitations.map((r) => calendarOf(r).uid);
    expect(new Set(uids).size).toBe(1);
  });

  it("updates the same entry with a higher SEQUENCE when the meeting moves", async () => {
    const first = calendarOf(inbox.to(OFFICER, /^Einladung: Jour-Fixe Einladungstest/)[0] as Received);
    await ok(hub, MOVE, { id: meetingId, at: winter.toISOString() }, t.manager);
    await drained(hub);
    const moved = inbox.to(
      OFFICER,
      /^Verschoben: Jour-Fixe Einladungstest jetzt am 06\.11\.2031 um 10:00 Uhr$/,
    );
    expect(moved).toHaveLength(1);
    const update = calendarOf(moved[0] as Received);
    expect(update).toMatchObject({ method: "REQUEST", uid: first.uid });
    expect(update.sequence).toBeGreaterThan(first.sequence);
    expect(update.text).toContain("DTSTART;TZID=Europe/Berlin:20311106T100000");
    expect(update.start.getTime()).toBe(winter.getTime());
    expect(moved[0]?.mail.text).toContain("bisher war sie für Do., 03.07.2031, 10:00 Uhr angesetzt");
    expect(inbox.to(FACILITY, /Einladungstest/)).toHaveLength(0);
  });

  it("cancels the entry with METHOD:CANCEL", async () => {
    const update = calendarOf(inbox.to(OFFICER, /^Verschoben: Jour-Fixe Einladungstest/)[0] as Received);
    await ok(hub, CANCEL, { id: meetingId, r: "Ferienbeginn" }, t.manager);
    await drained(hub);
    for (const address of [OFFICER, CONTROLLER]) {
      const cancelled = inbox.to(
        address,
        /^Abgesagt: Jour-Fixe Einladungstest am 06\.11\.2031 um 10:00 Uhr$/,
      );
      expect(cancelled, address).toHaveLength(1);
      expect(cancelled[0]?.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=CANCEL/i);
      const calendar = calendarOf(cancelled[0] as Received);
      expect(calendar).toMatchObject({ method: "CANCEL", uid: update.uid, status: "CANCELLED" });
      expect(calendar.sequence).toBeGreaterThan(update.sequence);
      expect(cancelled[0]?.mail.text).toContain("Grund: Ferienbeginn");
    }
  });

  it("invites people added later and cancels for people taken off; recording attendance sends nothing", async () => {
    const at = new Date("2031-09-04T08:00:00Z");
    const id = await meeting("Jour-Fixe Teilnehmertest", at, [ids.officer]);
    await ok(hub, PARTICIPANTS, { m: id, i: [ids.controller], a: [] }, t.manager);
    await ok(hub, PARTICIPANTS, { m: id, i: [ids.controller], a: [ids.controller] }, t.manager);
    await drained(hub);
    expect(inbox.to(CONTROLLER, /Teilnehmertest/).map((r) => r.mail.subject)).toEqual([
      "Einladung: Jour-Fixe Teilnehmertest am 04.09.2031 um 10:00 Uhr",
    ]);
    const officer = inbox.to(OFFICER, /Teilnehmertest/);
    expect(officer.map((r) => r.mail.subject)).toEqual([
      "Einladung: Jour-Fixe Teilnehmertest am 04.09.2031 um 10:00 Uhr",
      "Einladung zurückgenommen: Jour-Fixe Teilnehmertest am 04.09.2031 um 10:00 Uhr",
    ]);
    expect(calendarOf(officer[1] as Received).method).toBe("CANCEL");
  });
});

describe("minutes", () => {
  it("sends the final minutes as PDF to attendees and the steering group, and no invitation for a past meeting", async () => {
    const past = new Date(Date.now() - 2 * 86_400_000);
    const id = await meeting("Jour-Fixe Protokolltest", past, [ids.officer]);
    await ok(hub, PARTICIPANTS, { m: id, i: [ids.officer], a: [ids.officer, ids.manager] }, t.manager);
    expect(
      (await ok<{ finalizeMinutes: { minutesStatus: string } }>(hub, FINALIZE, { id }, t.manager))
        .finalizeMinutes,
    ).toEqual({ minutesStatus: "FINAL" });
    await drained(hub);
    const group = await hub.db.read.steeringGroupMember.findMany({
      where: { group: { authorityId: ids.authorityDbId } },
      include: { user: { select: { email: true } } },
    });
    const expected = [
      ...new Set([...group.map((m) => m.user.email), OFFICER, "servicemanager@ksm.example"]),
    ].sort();
    expect(expected).toContain(FACILITY);
    const minutes = inbox.mails.filter((m) =>
      /^Protokoll: Jour-Fixe Protokolltest vom /.test(m.mail.subject ?? ""),
    );
    expect(minutes.flatMap((m) => m.to).sort()).toEqual(expected);
    for (const received of minutes) {
      const [pdf] = received.mail.attachments.filter((a) => a.contentType === "application/pdf");
      expect(pdf?.content.subarray(0, 4).toString()).toBe("%PDF");
      expect(pdf?.filename).toMatch(/^Protokoll \d{4}-\d{2}-\d{2} Jour-Fixe Protokolltest\.pdf$/);
    }
    expect(
      inbox.mails.filter((m) => /Einladung: Jour-Fixe Protokolltest/.test(m.mail.subject ?? "")),
    ).toHaveLength(0);
  });
});

describe("reminders and digest", () => {
  it("enqueues each reminder and digest once, however often the job runs", async () => {
    const due = "2031-10-06"; // a Monday
    const at = new Date("2031-10-06T06:30:00Z"); // 08:30 in Berlin
    const id = await meeting("Jour-Fixe Erinnerungstest", new Date("2031-10-01T08:00:00Z"), []);
    await ok(
      hub,
      "mutation($input: AddActionItemInput!) { addActionItem(input: $input) { id } }",
      {
        input: { meetingId: id, title: "WLAN-Ausleuchtung beauftragen", ownerId: ids.officer, dueDate: due },
      },
      t.manager,
    );
    await ok(
      hub,
      "mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }",
      {
        input: {
          meetingId: id,
          title: "Tablets für Klasse 5",
          text: "Beschaffung prüfen.",
          followUpDate: due,
        },
      },
      t.manager,
    );
    // At night nothing is enqueued.
    expect(await hub.app.mail.runJobs(new Date("2031-10-06T03:00:00Z"))).toBe(0);
    const first = await hub.app.mail.runJobs(at);
    expect(first).toBeGreaterThan(0);
    expect(await hub.app.mail.runJobs(at)).toBe(0);
    expect(await hub.app.mail.runJobs(new Date("2031-10-08T10:00:00Z"))).toBe(0);
    await drained(hub);
    expect(
      inbox.to(OFFICER, /^Erinnerung: Aufgabe „WLAN-Ausleuchtung beauftragen“ ist heute fällig$/),
    ).toHaveLength(1);
    // The steering group's coordinators get the follow-up of the decision.
    for (const address of [OFFICER, "servicemanager@ksm.example"]) {
      expect(inbox.to(address, /^Wiedervorlage: Beschluss „Tablets für Klasse 5“$/), address).toHaveLength(1);
    }
    const digests = inbox.to(OFFICER, /^Wochenübersicht: \d+ Beschl/);
    expect(digests).toHaveLength(1);
    expect(digests[0]?.mail.text).toContain("Tablets für Klasse 5");
    expect(
      await hub.db.read.mailOutbox.count({ where: { dedupeKey: { startsWith: "DIGEST:2031-10-06:" } } }),
    ).toBe(inbox.mails.filter((m) => /^Wochenübersicht/.test(m.mail.subject ?? "")).length);
  });

  it("sends no reminder to a person who turned reminders off", async () => {
    await ok(hub, SET, { k: "REMINDER", e: false }, t.officer);
    const id = await meeting("Jour-Fixe Abmeldetest", new Date("2031-10-01T08:00:00Z"), []);
    await ok(
      hub,
      "mutation($input: AddActionItemInput!) { addActionItem(input: $input) { id } }",
      { input: { meetingId: id, title: "Druckerkonzept", ownerId: ids.officer, dueDate: "2031-10-13" } },
      t.manager,
    );
    await hub.app.mail.runJobs(new Date("2031-10-13T08:00:00Z"));
    await drained(hub);
    expect(inbox.to(OFFICER, /Druckerkonzept/)).toHaveLength(0);
    await ok(hub, SET, { k: "REMINDER", e: true }, t.officer);
  });
});

describe("nothing lost, nothing twice", () => {
  it("keeps mail in the outbox while the SMTP server is down and sends it when it is back", async () => {
    const port = inbox.port;
    await inbox.stop();
    await meeting("Jour-Fixe Ausfalltest", new Date("2031-12-04T09:00:00Z"), [ids.officer]);
    const row = await eventually(
      () =>
        hub.db.read.mailOutbox.findFirst({
          where: { subject: { startsWith: "Einladung: Jour-Fixe Ausfalltest" } },
        }),
      (r) => (r?.attempts ?? 0) >= 2,
    );
    expect(row).toMatchObject({ state: "PENDING", sentAt: null });
    expect(row?.lastError).toBeTruthy();
    await inbox.start(port);
    const sent = await eventually(
      () => hub.db.read.mailOutbox.findUnique({ where: { id: row?.id as string } }),
      (r) => r?.state === "SENT",
    );
    expect(sent?.lastError).toBeNull();
    expect(inbox.to(OFFICER, /^Einladung: Jour-Fixe Ausfalltest/)).toHaveLength(1);
  });

  it("three senders on one database, racing for the same rows, send every mail exactly once", async () => {
    // A second handle on the same database: its own connections, as another process would have.
    const other = await openDatabase(hub.config.databaseUrl);
    const config = { ...hub.config, mailPollMs: 0 };
    const senders = [new Mailer(hub.db, config), new Mailer(other, config)];
    try {
      const officer = await hub.db.read.user.findUniqueOrThrow({ where: { email: OFFICER } });
      // All due at the same moment, so that the hub's own loop and both senders go for them at once.
      const due = new Date(Date.now() + 300);
      await hub.db.transact((tx) =>
        tx.mailOutbox.createMany({
          data: Array.from({ length: 30 }, (_, i) => ({
            kind: "REMINDER" as const,
            recipientId: officer.id,
            toAddress: OFFICER,
            toName: officer.name,
            subject: `Doppeltest ${i}`,
            text: "Nur einmal.",
            nextAttemptAt: due,
          })),
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, due.getTime() - Date.now()));
      const claimed = await Promise.all(
        senders.map(async (sender) => {
          let total = 0;
          for (let round = 0; round < 20; round++) total += await sender.deliverDue();
          return total;
        }),
      );
      await drained(hub);
      expect(claimed.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(30);
      const got = inbox.mails.filter((m) => /^Doppeltest/.test(m.mail.subject ?? ""));
      expect(got).toHaveLength(30);
      expect(new Set(got.map((m) => m.mail.messageId)).size).toBe(30);
      expect(
        await hub.db.read.mailOutbox.count({
          where: { subject: { startsWith: "Doppeltest" }, state: "SENT", attempts: 1 },
        }),
      ).toBe(30);
    } finally {
      for (const sender of senders) await sender.stop();
      await other.close();
    }
  });
});

describe("without SMTP_URL", () => {
  let folderHub: TestHub;
  afterAll(async () => {
    await folderHub?.close();
  });

  it("writes each mail as an .eml file into the mail folder and says so to the ADMIN", async () => {
    folderHub = await startHub({ config: { mailPollMs: 50, mailJobsMs: 0 } });
    const folder = folderHub.config.mailFolder;
    const admin = await folderHub.login("admin@ksm.example");
    const delivery = await ok<{ mailDelivery: { smtp: boolean; folder: string } }>(
      folderHub,
      DELIVERY,
      {},
      admin,
    );
    expect(delivery.mailDelivery).toMatchObject({ smtp: false, folder });
    const manager = await folderHub.login("servicemanager@ksm.example");
    const folderIds = await schwerinIds(folderHub);
    await ok(
      folderHub,
      CREATE,
      {
        input: {
          authorityId: folderIds.authority,
          kind: "JOUR_FIXE",
          title: "Jour-Fixe Ablagetest",
          scheduledAt: "2031-07-10T08:00:00Z",
          invitedIds: [folderIds.officer, folderIds.controller],
        },
      },
      manager,
    );
    await drained(folderHub);
    const files = fs.readdirSync(folder).filter((f) => f.endsWith(".eml"));
    expect(files).toHaveLength(2);
    const parsed = await Promise.all(
      files.map(async (f) => simpleParser(fs.readFileSync(path.join(folder, f)))),
    );
    expect(parsed.map((m) => (m.to && !Array.isArray(m.to) ? m.to.value[0]?.address : null)).sort()).toEqual([
      CONTROLLER,
      OFFICER,
    ]);
    for (const mail of parsed) {
      expect(mail.subject).toBe("Einladung: Jour-Fixe Ablagetest am 10.07.2031 um 10:00 Uhr");
      expect(mail.attachments.some((a) => a.contentType === "text/calendar")).toBe(true);
    }
  });
});
