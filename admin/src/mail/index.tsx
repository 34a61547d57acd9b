// Mail in the console: each person's settings (reached from the user menu) and the ADMIN's
// note on how mail leaves the hub (on the dashboard).
import MailIcon from "@mui/icons-material/Mail";
import { ListItemIcon, ListItemText, MenuItem } from "@mui/material";
import type { ReactElement } from "react";
import { useTranslate, useUserMenu } from "react-admin";
import { Link, Route } from "react-router-dom";
import { lazyPage } from "../lazy.ts";
import { mailMessages as messages } from "./messages.ts";

export { MailDeliveryNote } from "./DeliveryNote.tsx";

const MailSettingsPage = lazyPage(() => import("./settings.tsx"), "MailSettingsPage");

export const mailRoutes: ReactElement[] = [
  <Route key="mail-settings" path="/mail-settings" element={<MailSettingsPage />} />,
];

/** The entry in the user menu (top right), beside signing out. */
export function MailSettingsMenuItem() {
  const translate = useTranslate();
  const userMenu = useUserMenu();
  return (
    <MenuItem component={Link} to="/mail-settings" onClick={() => userMenu?.onClose()}>
      <ListItemIcon>
        <MailIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate("mail.menu.settings")}</ListItemText>
    </MenuItem>
  );
}

export const mailMessages = messages;
