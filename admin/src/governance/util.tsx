import { Box, Chip, Typography } from "@mui/material";
import { useCallback, useState } from "react";
import { useNotify, usePermissions, useResourceContext, useTranslate } from "react-admin";
import { hasRole } from "../authProvider.ts";
import { MINUTE_TAKERS } from "./enums.ts";

/**
 * Runs a custom action (finalise, review, …): the server's German message reaches the person
 * as a notification when it fails.
 */
export function useAction() {
  const notify = useNotify();
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (action: () => Promise<unknown>, success?: string): Promise<boolean> => {
      setBusy(true);
      try {
        await action();
        if (success) notify(translate(success, { _: success }), { type: "success" });
        return true;
      } catch (error) {
        notify((error as Error).message, { type: "error" });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [notify, translate],
  );
  return { busy, run };
}

/** Whether the signed-in person keeps minutes (the server decides per authority). */
export function useCanRecord(): boolean {
  const { permissions } = usePermissions();
  return hasRole(permissions, ...MINUTE_TAKERS);
}

type Tone = "success" | "info" | "warning" | "error" | "primary" | "neutral";

const TONES: Record<string, Tone> = {
  APPROVED: "success",
  ACCEPTED: "success",
  DONE: "success",
  FINAL: "success",
  APPROVE: "success",
  PROPOSED: "info",
  RAISED: "info",
  ON_AGENDA: "info",
  ACKNOWLEDGE: "info",
  ORDERED: "primary",
  DELIVERED: "primary",
  DEFERRED: "warning",
  DRAFT: "warning",
  REJECTED: "error",
  REVOKED: "error",
  OBJECT: "error",
  OVERDUE: "error",
};

// Light backgrounds with dark text: MUI's filled info and warning chips miss WCAG AA contrast.
const TONE_COLORS: Record<Tone, { bg: string; fg: string; border: string }> = {
  success: { bg: "#e8f5e9", fg: "#1b5e20", border: "#a5d6a7" },
  info: { bg: "#e3f2fd", fg: "#0d47a1", border: "#90caf9" },
  warning: { bg: "#fff3e0", fg: "#7a3e00", border: "#ffb74d" },
  error: { bg: "#ffebee", fg: "#b71c1c", border: "#ef9a9a" },
  primary: { bg: "#e8eef5", fg: "#1f4e79", border: "#9fb6cc" },
  neutral: { bg: "transparent", fg: "rgba(0, 0, 0, 0.87)", border: "#bdbdbd" },
};

/** A chip in one of the hub's accessible tones. */
export function ToneChip({ label, tone }: { label: string; tone: Tone }) {
  const colors = TONE_COLORS[tone];
  return (
    <Chip
      size="small"
      label={label}
      sx={{ bgcolor: colors.bg, color: colors.fg, border: 1, borderColor: colors.border, fontWeight: 500 }}
    />
  );
}

/** An enum value as a coloured chip with its German label. */
export function EnumChip({ name, value }: { name: string; value: string | null | undefined }) {
  const translate = useTranslate();
  if (!value) return null;
  return <ToneChip tone={TONES[value] ?? "neutral"} label={translate(`enums.${name}.${value}`)} />;
}

export function OverdueChip() {
  const translate = useTranslate();
  return <ToneChip tone="error" label={translate("resources.actionItems.fields.overdue")} />;
}

/** The empty state of a list, readable (react-admin's own is greyed below AA contrast). */
export function ListEmpty() {
  const translate = useTranslate();
  const resource = useResourceContext();
  return (
    <Box sx={{ p: 3 }}>
      <Typography role="status">
        {translate("ra.navigation.no_results", {
          name: translate(`resources.${resource}.name`, { smart_count: 2 }),
        })}
      </Typography>
    </Box>
  );
}

export const showPath = (resource: string, id: string) => `/${resource}/${encodeURIComponent(id)}/show`;

/** Today in Europe/Berlin as YYYY-MM-DD. */
export function todayBerlin(): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin" }).format(new Date());
}

/** Time of an instant in Europe/Berlin, "10:00". */
export function timeOf(value: string): string {
  return new Intl.DateTimeFormat("de-DE", {
    timeZone: "Europe/Berlin",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(value));
}
