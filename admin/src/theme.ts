import { defaultTheme } from "react-admin";

/** react-admin's theme in the hub's colours; contrast checked for WCAG AA. */
export const theme = {
  ...defaultTheme,
  palette: { ...defaultTheme.palette, primary: { main: "#1f4e79" }, secondary: { main: "#00695c" } },
};
