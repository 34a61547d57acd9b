// The ADMIN's note on the dashboard when mail does not reach anybody: no SMTP server is
// configured (mail lands in a folder on the server), or the mail server refused some for good.
import { Alert, Stack } from "@mui/material";
import { useEffect, useState } from "react";
import { usePermissions, useTranslate } from "react-admin";
import { hasRole } from "../authProvider.ts";
import { request } from "../graphql.ts";

interface Delivery {
  smtp: boolean;
  folder: string | null;
  failed: number;
}

const DELIVERY = "{ mailDelivery { smtp folder failed } }";

export function MailDeliveryNote() {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const admin = hasRole(permissions, "ADMIN");
  const [delivery, setDelivery] = useState<Delivery | null>(null);
  useEffect(() => {
    if (!admin) return;
    let live = true;
    // A note that cannot load is no reason to disturb the dashboard: it stays away.
    request<{ mailDelivery: Delivery }>(DELIVERY)
      .then((data) => live && setDelivery(data.mailDelivery))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [admin]);
  if (!delivery || (delivery.smtp && delivery.failed === 0)) return null;
  return (
    <Stack spacing={1}>
      {!delivery.smtp && (
        <Alert severity="warning" role="status">
          {translate("mail.delivery.noSmtp", { folder: delivery.folder ?? "" })}{" "}
          {translate("mail.delivery.howTo")}
        </Alert>
      )}
      {delivery.failed > 0 && (
        <Alert severity="error" role="status">
          {translate("mail.delivery.failed", { smart_count: delivery.failed })}
        </Alert>
      )}
    </Stack>
  );
}
