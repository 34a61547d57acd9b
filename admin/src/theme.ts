import { defaultTheme } from "react-admin";

/** react-admin's theme in the hub's colours; contrast checked for WCAG AA. */
export const theme = {
  ...defaultTheme,
  palette: { ...defaultTheme.palette, primary: { main: "#1f4e79" }, secondary: { main: "#00695c" } },
  // 16 px wider than react-admin's 240, so that the longest entry ("Medienentwicklungsplan") is not cut off.
  sidebar: { width: 256, closedWidth: 55 },
};
