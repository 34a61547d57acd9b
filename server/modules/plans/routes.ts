import { Router } from "express";
import type { RouteDeps } from "../../app.ts";
import { decodeId } from "../../graphql/ids.ts";
import { attachment, exportFailed } from "../../http.ts";
import { planPdf, planRecord, planXlsx } from "./exports.ts";

/** The plan's title as a file name: nothing that could break the Content-Disposition header. */
function fileName(title: string, version: number, format: string): string {
  const base = `${title} (Version ${version})`.replace(/[^\p{L}\p{N} ._()\u2013-]/gu, "").trim();
  return `${base}.${format}`;
}

/** HTTP exports of the media development plan, mounted under /exports; the same access rules as the API. */
export function planRoutes(deps: RouteDeps): Router {
  const router = Router();

  router.get("/media-plans/:id.:format", async (req, res) => {
    try {
      const format = req.params.format;
      if (format !== "pdf" && format !== "xlsx") {
        res.status(404).type("text/plain; charset=utf-8").send("Unbekanntes Format.");
        return;
      }
      const access = await deps.accessOf(req);
      access.requireUser();
      const record = await planRecord(
        deps.db.read,
        access,
        decodeId(req.params.id, "MediaDevelopmentPlan", "id"),
      );
      const name = fileName(record.plan.title, record.plan.version, format);
      res.set("Content-Disposition", attachment(name)).set("Cache-Control", "private, no-store");
      if (format === "pdf") res.type("application/pdf").send(await planPdf(record));
      else
        res
          .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .send(await planXlsx(record));
    } catch (error) {
      exportFailed(res, error);
    }
  });

  return router;
}
