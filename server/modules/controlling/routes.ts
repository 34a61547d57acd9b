import { type Request, Router } from "express";
import type { RouteDeps } from "../../app.ts";
import { decodeId } from "../../graphql/ids.ts";
import { attachment, exportFailed } from "../../http.ts";
import { badInput } from "../../lib/errors.ts";
import { DEFAULT_MAX_LENGTH } from "../../lib/validate.ts";
import { bookingRows, bookingsCsv, bookingsXlsx, proofCsv, proofPdf, proofRecord } from "./exports.ts";

/** A query parameter, bounded like every string argument of the API. */
const query = (req: Request, name: string): string | null => {
  const value = req.query[name];
  if (typeof value !== "string" || value === "") return null;
  if (value.length > DEFAULT_MAX_LENGTH)
    throw badInput(name, `Der Parameter „${name}“ darf höchstens ${DEFAULT_MAX_LENGTH} Zeichen lang sein.`);
  return value;
};

/** HTTP exports of the controlling module, mounted under /exports; the same access rules as the API. */
export function controllingRoutes(deps: RouteDeps): Router {
  const router = Router();

  router.get("/bookings.:format", async (req, res) => {
    try {
      const format = req.params.format;
      if (format !== "csv" && format !== "xlsx") {
        res.status(404).type("text/plain; charset=utf-8").send("Unbekanntes Format.");
        return;
      }
      const access = await deps.accessOf(req);
      access.requireUser();
      const schoolId = query(req, "schoolId");
      const rows = await bookingRows(deps.db.read, access, {
        orderId: decodeId(query(req, "serviceOrderId") ?? "", "ServiceOrder", "serviceOrderId"),
        month: query(req, "month"),
        schoolId: schoolId ? decodeId(schoolId, "School", "schoolId") : null,
        category: query(req, "category"),
      });
      const name = `Buchungen ${rows.order.year}${query(req, "month") ? ` ${query(req, "month")}` : ""}.${format}`;
      res.set("Content-Disposition", attachment(name)).set("Cache-Control", "private, no-store");
      if (format === "csv") res.type("text/csv; charset=utf-8").send(bookingsCsv(rows));
      else
        res
          .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .send(await bookingsXlsx(rows));
    } catch (error) {
      exportFailed(res, error);
    }
  });

  router.get("/proofs-of-service/:id.:format", async (req, res) => {
    try {
      const format = req.params.format;
      if (format !== "csv" && format !== "pdf") {
        res.status(404).type("text/plain; charset=utf-8").send("Unbekanntes Format.");
        return;
      }
      const access = await deps.accessOf(req);
      access.requireUser();
      const record = await proofRecord(deps.db.read, access, decodeId(req.params.id, "ProofOfService", "id"));
      const name = `Leistungsnachweis ${record.proof.month} ${record.proof.order.authority.name}.${format}`;
      res.set("Content-Disposition", attachment(name)).set("Cache-Control", "private, no-store");
      if (format === "csv") res.type("text/csv; charset=utf-8").send(proofCsv(record));
      else res.type("application/pdf").send(await proofPdf(record));
    } catch (error) {
      exportFailed(res, error);
    }
  });

  return router;
}
