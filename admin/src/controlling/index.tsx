// The controlling part of the console: its resources, menu entries, dashboards and messages.
import type { ComponentType, ReactElement } from "react";
import type { Role } from "../authProvider.ts";
import type { ResourceQueries } from "../dataProvider/registry.ts";
import type { MenuEntry } from "../layout/menu.ts";

export const controllingQueries: Record<string, ResourceQueries> = {};
export const controllingResources: ReactElement[] = [];
export const controllingMenu: MenuEntry[] = [];
export const controllingMessages = {};
export const controllingDashboards: Partial<Record<Role, ComponentType>> = {};
/** Pages outside a resource (e.g. dashboards' detail views), rendered inside <CustomRoutes>. */
export const controllingRoutes: ReactElement[] = [];
