import type { ComponentType } from "react";
import type { Role } from "../authProvider.ts";

/** One entry of the side menu; shown only to the roles named (to everyone signed in when none are). */
export interface MenuEntry {
  to: string;
  /** Translation key of the label. */
  label: string;
  icon: ComponentType;
  roles?: Role[];
}
