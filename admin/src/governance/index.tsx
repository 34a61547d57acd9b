// The governance part of the console: its resources, menu entries, dashboards and messages.
import type { ComponentType, ReactElement } from "react";
import type { Role } from "../authProvider.ts";
import type { ResourceQueries } from "../dataProvider/registry.ts";
import type { MenuEntry } from "../layout/menu.ts";

export const governanceQueries: Record<string, ResourceQueries> = {};
export const governanceResources: ReactElement[] = [];
export const governanceMenu: MenuEntry[] = [];
export const governanceMessages = {};
export const governanceDashboards: Partial<Record<Role, ComponentType>> = {};
/** Pages outside a resource (e.g. dashboards' detail views), rendered inside <CustomRoutes>. */
export const governanceRoutes: ReactElement[] = [];
