// Each person's choice of mail: one switch per kind, saved at once.
import { Card, CardContent, FormControlLabel, Stack, Switch, Typography } from "@mui/material";
import { useEffect, useState } from "react";
import { Title, useNotify, useTranslate } from "react-admin";
import { request } from "../graphql.ts";

interface Setting {
  kind: string;
  enabled: boolean;
  description: string;
}

const SETTINGS = "{ myMailSettings { kind enabled description } }";
const SET =
  "mutation ($k: MailKind!, $e: Boolean!) { setMailSetting(kind: $k, enabled: $e) { kind enabled description } }";

export function MailSettingsPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const [settings, setSettings] = useState<Setting[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    request<{ myMailSettings: Setting[] }>(SETTINGS)
      .then((data) => live && setSettings(data.myMailSettings))
      .catch((error: Error) => notify(error.message, { type: "error" }));
    return () => {
      live = false;
    };
  }, [notify]);

  async function change(kind: string, enabled: boolean) {
    setBusy(kind);
    try {
      const { setMailSetting } = await request<{ setMailSetting: Setting }>(SET, { k: kind, e: enabled });
      setSettings((all) => all?.map((s) => (s.kind === kind ? setMailSetting : s)) ?? null);
      notify("mail.settings.saved", { type: "success" });
    } catch (error) {
      notify((error as Error).message, { type: "error" });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="mail.settings.title" />
      <CardContent>
        <Typography variant="h6" component="h1" gutterBottom>
          {translate("mail.settings.title")}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate("mail.settings.intro")}
        </Typography>
        {settings ? (
          <Stack spacing={1}>
            {settings.map((setting) => (
              <FormControlLabel
                key={setting.kind}
                control={
                  <Switch
                    checked={setting.enabled}
                    disabled={busy !== null}
                    onChange={(event) => void change(setting.kind, event.target.checked)}
                  />
                }
                label={setting.description}
              />
            ))}
          </Stack>
        ) : (
          <Typography>{translate("mail.settings.loading")}</Typography>
        )}
      </CardContent>
    </Card>
  );
}
