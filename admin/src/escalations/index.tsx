// The escalations part of the console: its resources, menu entries, dashboards and messages.
import type { ComponentType, ReactElement } from "react";
import type { Role } from "../authProvider.ts";
import type { ResourceQueries } from "../dataProvider/registry.ts";
import type { MenuEntry } from "../layout/menu.ts";

export const escalationsQueries: Record<string, ResourceQueries> = {};
export const escalationsResources: ReactElement[] = [];
export const escalationsMenu: MenuEntry[] = [];
export const escalationsMessages = {};
export const escalationsDashboards: Partial<Record<Role, ComponentType>> = {};
/** Pages outside a resource (e.g. dashboards' detail views), rendered inside <CustomRoutes>. */
export const escalationsRoutes: ReactElement[] = [];
