import { Router } from "express";
import type { RouteDeps } from "../../app.ts";

/** HTTP exports of the controlling module, mounted under /exports. */
export function controllingRoutes(_deps: RouteDeps): Router {
  return Router();
}
