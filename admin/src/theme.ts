import { defaultTheme } from "react-admin";
import { skipToContent } from "./layout/focus.ts";
import { KeyboardDatagridBody } from "./layout/rows.tsx";

/** react-admin's theme in the hub's colours; contrast checked for WCAG AA. */
export const theme = {
  ...defaultTheme,
  palette: { ...defaultTheme.palette, primary: { main: "#1f4e79" }, secondary: { main: "#00695c" } },
  // 16 px wider than react-admin's 240, so that the longest entry ("Medienentwicklungsplan") is not cut off.
  sidebar: { width: 256, closedWidth: 55 },
  components: {
    ...defaultTheme.components,
    // Every list whose rows open on a click also opens them with Tab and Enter (layout/rows.tsx).
    RaDatagrid: { defaultProps: { body: KeyboardDatagridBody } },
    // react-admin draws the skip link white on the near-white page background (1.04:1); dark blue
    // on white (8.6:1) with a border stays visible over the blue app bar and the page alike.
    RaSkipNavigationButton: {
      // Our own target handling (layout/focus.ts); no focus ripple greying the label.
      defaultProps: { onClick: skipToContent, disableFocusRipple: true },
      styleOverrides: {
        root: {
          backgroundColor: "#ffffff",
          color: "#1f4e79",
          border: "2px solid #1f4e79",
          boxShadow: "0 0 0 3px #ffffff",
          fontWeight: 600,
          "&:hover": { backgroundColor: "#ffffff", opacity: 1, textDecoration: "underline" },
          "&:focus": { outline: "3px solid #1f4e79", outlineOffset: "2px" },
        },
      },
    },
  },
};
