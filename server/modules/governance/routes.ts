import { type Response, Router } from "express";
import type { Access } from "../../access/index.ts";
import type { RouteDeps } from "../../app.ts";
import { exportFailed } from "../../http.ts";
import { berlinDate } from "../../lib/dates.ts";
import { feedAccess } from "./calendar.ts";
import { type CalendarMeeting, meetingsIcal, minutesMarkdown, minutesPdf, minutesRecord } from "./exports.ts";

/** File names without characters that break a Content-Disposition header. */
function fileName(title: string, date: Date, extension: string): string {
  const base = `Protokoll ${berlinDate(date)} ${title}`.replace(/[^\p{L}\p{N} ._-]/gu, "");
  const ascii = base.normalize("NFKD").replace(/[^\x20-\x7e]/g, "");
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${base}.${extension}`)}`;
}

async function calendar(deps: RouteDeps, access: Access, authorityId: string, res: Response): Promise<void> {
  const authority = await deps.db.read.schoolAuthority.findUnique({ where: { id: authorityId } });
  if (!authority || !access.canSeeSteeringRecords(authorityId)) {
    res.status(404).type("text/plain; charset=utf-8").send("Schulträger wurde nicht gefunden.");
    return;
  }
  const meetings: CalendarMeeting[] = await deps.db.read.meeting.findMany({
    where: { authorityId },
    orderBy: { scheduledAt: "asc" },
    select: {
      id: true,
      kind: true,
      title: true,
      scheduledAt: true,
      durationMinutes: true,
      location: true,
      status: true,
      version: true,
      updatedAt: true,
    },
  });
  res
    .type("text/calendar; charset=utf-8")
    .set("Cache-Control", "private, max-age=300")
    .send(meetingsIcal(authority.name, meetings));
}

/** HTTP exports of the governance module, mounted under /exports; the same access rules as the API. */
export function governanceRoutes(deps: RouteDeps): Router {
  const router = Router();

  router.get("/meetings/:id/minutes.pdf", async (req, res) => {
    try {
      const access = await deps.accessOf(req);
      const minutes = await minutesRecord(deps.db.read, access, req.params.id);
      const pdf = await minutesPdf(minutes);
      res
        .type("application/pdf")
        .set("Content-Disposition", fileName(minutes.title, minutes.scheduledAt, "pdf"))
        .set("Cache-Control", "private, no-store")
        .send(pdf);
    } catch (error) {
      exportFailed(res, error);
    }
  });

  router.get("/meetings/:id/minutes.md", async (req, res) => {
    try {
      const access = await deps.accessOf(req);
      const minutes = await minutesRecord(deps.db.read, access, req.params.id);
      res
        .type("text/markdown; charset=utf-8")
        .set("Content-Disposition", fileName(minutes.title, minutes.scheduledAt, "md"))
        .set("Cache-Control", "private, no-store")
        .send(minutesMarkdown(minutes));
    } catch (error) {
      exportFailed(res, error);
    }
  });

  // Signed-in clients (console, scripts) with bearer token or session cookie.
  router.get("/authorities/:id/meetings.ics", async (req, res) => {
    try {
      const access = await deps.accessOf(req);
      access.requireUser();
      await calendar(deps, access, req.params.id, res);
    } catch (error) {
      exportFailed(res, error);
    }
  });

  // Calendar apps, which cannot send headers: the secret link from createCalendarFeed.
  router.get("/calendar/:token/meetings.ics", async (req, res) => {
    try {
      const feed = await feedAccess(deps.db, req.params.token);
      if (!feed) {
        res
          .status(404)
          .type("text/plain; charset=utf-8")
          .send("Dieser Kalender-Link ist unbekannt oder widerrufen.");
        return;
      }
      await calendar(deps, feed.access, feed.authorityId, res);
    } catch (error) {
      exportFailed(res, error);
    }
  });

  return router;
}
