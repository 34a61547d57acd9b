import { Router } from "express";
import type { RouteDeps } from "../../app.ts";

/** HTTP exports of the governance module, mounted under /exports. */
export function governanceRoutes(_deps: RouteDeps): Router {
  return Router();
}
