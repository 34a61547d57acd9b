// The sender: a loop in every hub process that claims due outbox rows and sends them, through
// SMTP when SMTP_URL is set, else as .eml files into the mail folder. Several processes may
// share one database: a claim is an UPDATE … WHERE the row is still due, which moves it out of
// reach of every other process for a lease; a process that dies mid-send leaves the row to be
// claimed again after the lease. A mail the server could not take waits, twice as long after
// every failed attempt up to a limit, and is tried again: nothing is dropped for a server
// being down. The loop also runs the periodic jobs (jobs.ts).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import nodemailer, { type SendMailOptions, type Transporter } from "nodemailer";
import addressparser from "nodemailer/lib/addressparser";
import type { Attachment } from "nodemailer/lib/mailer";
import { Access } from "../../access/index.ts";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/client.ts";
import type { MailOutbox } from "../../db/generated/client/client.ts";
import { berlinDate } from "../../lib/dates.ts";
import { minutesPdf, minutesRecord } from "../governance/exports.ts";
import { type Person, withOrganizer } from "./ical.ts";
import { queueDueMail } from "./jobs.ts";

/** Rows claimed at once; the loop claims again at once while batches come back full. */
const BATCH = 10;
/** How long a claim keeps other processes away: far longer than the SMTP timeouts below. */
const LEASE_MS = 10 * 60_000;
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };
/** nodemailer's codes for a server that cannot be reached: the rest of a batch need not try. */
const UNREACHABLE = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "EAUTH", "ETLS"]);

export interface MailDelivery {
  smtp: boolean;
  /** Where mail is written while no SMTP server is configured. */
  folder: string | null;
}

/** A mail that is not to be sent any more, for a reason worth recording. */
class Skip extends Error {}

type Claimed = MailOutbox & {
  recipient: { active: boolean };
  meeting: { scheduledAt: Date; durationMinutes: number } | null;
};

type Outcome = { sent: true } | { sent: false; error: unknown };

function sender(from: string): Person {
  const [parsed] = addressparser(from, { flatten: true });
  if (!parsed?.address) throw new Error(`MAIL_FROM must name an address, got "${from}"`);
  return { name: parsed.name || "Schul-IT-Hub", address: parsed.address };
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 500);
}

/** A recipient refused for good (5xx at RCPT TO) will be refused on every later attempt too. */
function refusedForGood(error: unknown): boolean {
  const { responseCode, command } = error as { responseCode?: number; command?: string };
  return typeof responseCode === "number" && responseCode >= 500 && command === "RCPT TO";
}

function unreachable(error: unknown): boolean {
  return UNREACHABLE.has((error as { code?: string }).code ?? "");
}

export function deliveryOf(config: Config): MailDelivery {
  return { smtp: config.smtpUrl !== null, folder: config.smtpUrl ? null : config.mailFolder };
}

/** Logs only the server's address: the URL may carry a password. */
export function describeDelivery(config: Config): string {
  if (!config.smtpUrl) return `Mail: no SMTP_URL set, mail is written to ${config.mailFolder}`;
  const url = new URL(config.smtpUrl);
  return `Mail: sent through ${url.protocol}//${url.host}`;
}

export class Mailer {
  private readonly transport: Transporter;
  private readonly from: Person;
  private timer: NodeJS.Timeout | null = null;
  private tick: Promise<void> | null = null;
  private stopped = false;
  private jobsRanAt = 0;
  private failing = false;

  constructor(
    private readonly db: Database,
    private readonly config: Config,
  ) {
    this.from = sender(config.mailFrom);
    this.transport = config.smtpUrl
      ? nodemailer.createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  }

  /** Without a poll interval this process sends nothing: another process of the hub does. */
  start(): void {
    if (this.config.mailPollMs > 0) this.schedule();
  }

  /** Stops the loop; a batch being sent ends after its current mail and hands the rest back. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.tick;
    this.transport.close();
  }

  /** Enqueues due reminders and digests now (the loop does this every MAIL_JOBS_MINUTES). */
  runJobs(now = new Date()): Promise<number> {
    return queueDueMail(this.db, now);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.tick = this.round().finally(() => {
        this.tick = null;
        this.schedule();
      });
    }, this.config.mailPollMs);
    // The loop never keeps a process alive that is otherwise done.
    this.timer.unref();
  }

  private async round(): Promise<void> {
    const jobsEvery = this.config.mailJobsMs;
    if (jobsEvery > 0 && Date.now() - this.jobsRanAt >= jobsEvery) {
      this.jobsRanAt = Date.now();
      await this.runJobs().catch((error) =>
        this.warn(`Mail: looking for reminders failed: ${describe(error)}`),
      );
    }
    try {
      while (!this.stopped && (await this.deliverDue()) === BATCH);
    } catch (error) {
      this.warn(`Mail: the outbox could not be read: ${describe(error)}`);
    }
  }

  private warn(line: string): void {
    if (this.config.logLevel !== "silent") console.error(line);
  }

  /** Claims up to a batch of due mail for this process; the rows it got. */
  private async claim(): Promise<{ token: string; rows: Claimed[] }> {
    const now = new Date();
    const due = await this.db.read.mailOutbox.findMany({
      where: { state: "PENDING", nextAttemptAt: { lte: now } },
      select: { id: true },
      orderBy: { nextAttemptAt: "asc" },
      take: BATCH,
    });
    const token = randomUUID();
    if (due.length === 0) return { token, rows: [] };
    await this.db.transact((tx) =>
      tx.mailOutbox.updateMany({
        // Still due: a row another process claimed in between has moved on and stays with it.
        where: { id: { in: due.map((d) => d.id) }, state: "PENDING", nextAttemptAt: { lte: now } },
        data: {
          claimToken: token,
          nextAttemptAt: new Date(now.getTime() + LEASE_MS),
          attempts: { increment: 1 },
        },
      }),
    );
    const rows = await this.db.read.mailOutbox.findMany({
      where: { claimToken: token, state: "PENDING" },
      include: {
        recipient: { select: { active: true } },
        meeting: { select: { scheduledAt: true, durationMinutes: true } },
      },
      orderBy: { createdAt: "asc" },
    });
    return { token, rows };
  }

  /** Sends one batch of due mail; how many rows it claimed. */
  async deliverDue(): Promise<number> {
    const { token, rows } = await this.claim();
    const pdfs = new Map<string, Promise<Buffer>>();
    let down: unknown = null;
    for (const [index, row] of rows.entries()) {
      if (this.stopped) {
        await this.release(
          token,
          rows.slice(index).map((r) => r.id),
        );
        break;
      }
      const outcome: Outcome = down ? { sent: false, error: down } : await this.send(row, pdfs);
      await this.record(token, row, outcome);
      if (!outcome.sent && unreachable(outcome.error)) down = outcome.error;
    }
    return rows.length;
  }

  private async send(row: Claimed, pdfs: Map<string, Promise<Buffer>>): Promise<Outcome> {
    try {
      const message = await this.message(row, pdfs);
      const info = await this.transport.sendMail(message);
      if (!this.config.smtpUrl) this.writeFile(row, info.message as Buffer);
      return { sent: true };
    } catch (error) {
      return { sent: false, error };
    }
  }

  private async message(row: Claimed, pdfs: Map<string, Promise<Buffer>>): Promise<SendMailOptions> {
    if (!row.recipient.active) throw new Skip("Die Person ist nicht mehr aktiv.");
    const message: SendMailOptions = {
      from: this.from,
      to: { name: row.toName, address: row.toAddress },
      subject: row.subject,
      text: row.text,
      // The same id on every attempt: a mail sent twice (a lease ran out mid-send) is recognisable.
      messageId: `<${row.id}@${this.from.address.split("@")[1]}>`,
      headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
    };
    if (row.calendar) {
      const meeting = row.meeting;
      if (meeting && meeting.scheduledAt.getTime() + meeting.durationMinutes * 60_000 <= Date.now())
        throw new Skip("Die Sitzung ist bereits vorbei.");
      message.icalEvent = {
        method: row.calendarMethod ?? "REQUEST",
        filename: "einladung.ics",
        content: withOrganizer(row.calendar, this.from),
      };
    }
    if (row.kind === "MINUTES" && row.meetingId) message.attachments = [await this.minutes(row, pdfs)];
    return message;
  }

  /** The minutes as the recipient may read them now: someone who lost access gets nothing. */
  private async minutes(row: Claimed, pdfs: Map<string, Promise<Buffer>>): Promise<Attachment> {
    const meetingId = row.meetingId as string;
    const access = await Access.ofPerson(this.db.read, row.recipientId);
    const minutes = access ? await minutesRecord(this.db.read, access, meetingId).catch(() => null) : null;
    if (!minutes) throw new Skip("Die Person darf das Protokoll nicht mehr lesen.");
    // One rendering per meeting and batch: everyone who may read the minutes reads the same.
    let pdf = pdfs.get(meetingId);
    if (!pdf) {
      pdf = minutesPdf(minutes);
      pdfs.set(meetingId, pdf);
    }
    return {
      filename: `Protokoll ${berlinDate(minutes.scheduledAt)} ${minutes.title}.pdf`,
      content: await pdf,
      contentType: "application/pdf",
    };
  }

  /** Written under a temporary name first: a reader of the folder never sees half a mail. */
  private writeFile(row: Claimed, message: Buffer): void {
    const folder = this.config.mailFolder;
    fs.mkdirSync(folder, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const file = path.join(folder, `${stamp}-${row.kind.toLowerCase()}-${row.id}.eml`);
    fs.writeFileSync(`${file}.tmp`, message);
    fs.renameSync(`${file}.tmp`, file);
  }

  private async record(token: string, row: Claimed, outcome: Outcome): Promise<void> {
    const mine = { id: row.id, claimToken: token };
    if (outcome.sent) {
      this.failing = false;
      await this.db.transact((tx) =>
        tx.mailOutbox.updateMany({
          where: mine,
          data: { state: "SENT", sentAt: new Date(), claimToken: null, lastError: null },
        }),
      );
      return;
    }
    const { error } = outcome;
    if (error instanceof Skip || refusedForGood(error)) {
      await this.db.transact((tx) =>
        tx.mailOutbox.updateMany({
          where: mine,
          data: {
            state: error instanceof Skip ? "SKIPPED" : "FAILED",
            claimToken: null,
            lastError: describe(error),
          },
        }),
      );
      return;
    }
    // One line per streak of failures, not one per mail and attempt.
    if (!this.failing) this.warn(`Mail: sending failed, will retry: ${describe(error)}`);
    this.failing = true;
    const wait = Math.min(
      this.config.mailRetryMaxMs,
      this.config.mailPollMs * 2 ** Math.max(0, row.attempts - 1),
    );
    await this.db.transact((tx) =>
      tx.mailOutbox.updateMany({
        where: mine,
        data: { nextAttemptAt: new Date(Date.now() + wait), claimToken: null, lastError: describe(error) },
      }),
    );
  }

  /** Rows claimed but not tried (the process is stopping): due again at once, for any process. */
  private async release(token: string, ids: string[]): Promise<void> {
    await this.db.transact((tx) =>
      tx.mailOutbox.updateMany({
        where: { id: { in: ids }, claimToken: token },
        data: { nextAttemptAt: new Date(), claimToken: null, attempts: { decrement: 1 } },
      }),
    );
  }
}
