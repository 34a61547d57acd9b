// Small building blocks shared by the controlling and escalations pages.
import {
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from "@mui/material";
import { type ReactNode, useId, useState } from "react";
import { useNotify, useRefresh, useTranslate } from "react-admin";
import { GraphQLRequestError } from "../graphql.ts";

/** A card with a real heading, so the page's outline is navigable by screen readers. */
export function Section({
  title,
  action,
  children,
  level = "h2",
  testId,
}: {
  title: string;
  action?: ReactNode;
  children: ReactNode;
  level?: "h2" | "h3";
  testId?: string;
}) {
  return (
    <Card component="section" data-testid={testId} sx={{ minWidth: 0 }}>
      <CardContent>
        <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center", marginBottom: 8 }}>
          <Typography variant="h6" component={level} sx={{ flex: 1, minWidth: 160 }}>
            {title}
          </Typography>
          {action}
        </div>
        {children}
      </CardContent>
    </Card>
  );
}

/**
 * Runs an action of the API, tells the person how it went (the server's German message on
 * failure) and re-reads every list and record on the page. A refusal about one of the form's
 * `fields` (the API's extensions.field) is kept for that field (`errorAt`) instead of a toast.
 */
export function useAction() {
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<{ field: string; message: string } | null>(null);
  const run = async (
    action: () => Promise<unknown>,
    success: string,
    { fields = [] }: { fields?: string[] } = {},
  ): Promise<boolean> => {
    setBusy(true);
    setFieldError(null);
    try {
      await action();
      notify(success, { type: "success" });
      refresh();
      return true;
    } catch (error) {
      const field = error instanceof GraphQLRequestError ? error.field : undefined;
      if (field && fields.includes(field)) setFieldError({ field, message: (error as Error).message });
      else notify((error as Error).message, { type: "error" });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const errorAt = (field: string) => (fieldError?.field === field ? fieldError.message : null);
  /** The person changed the field: its old refusal no longer applies. */
  const clearError = (field: string) => setFieldError((e) => (e?.field === field ? null : e));
  return { run, busy, errorAt, clearError };
}

/** A button that asks for a text (a reason, a resolution) before it acts. */
export function TextActionButton({
  label,
  title,
  fieldLabel,
  onConfirm,
  color = "primary",
  variant = "outlined",
  required = true,
  multiline = true,
}: {
  label: string;
  title: string;
  fieldLabel: string;
  onConfirm: (text: string) => Promise<boolean>;
  color?: "primary" | "error" | "warning" | "secondary";
  variant?: "outlined" | "contained" | "text";
  required?: boolean;
  multiline?: boolean;
}) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const id = useId();
  return (
    <>
      <Button size="small" color={color} variant={variant} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby={`${id}-title`}
        fullWidth
        maxWidth="sm"
      >
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            setBusy(true);
            const ok = await onConfirm(text.trim());
            setBusy(false);
            if (ok) {
              setOpen(false);
              setText("");
            }
          }}
        >
          <DialogTitle id={`${id}-title`}>{title}</DialogTitle>
          <DialogContent>
            <TextField
              autoFocus
              fullWidth
              multiline={multiline}
              minRows={multiline ? 2 : undefined}
              margin="dense"
              label={fieldLabel}
              value={text}
              required={required}
              onChange={(event) => setText(event.target.value)}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{translate("controlling.action.cancel")}</Button>
            <Button
              type="submit"
              variant="contained"
              color={color}
              disabled={busy || (required && !text.trim())}
            >
              {label}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}

/**
 * A table that scrolls inside its card instead of widening the page on a tablet: width 0 with
 * min-width 100% keeps the table's width out of the page's intrinsic width.
 */
export function Scroll({ children }: { children: ReactNode }) {
  return <div style={{ overflowX: "auto", width: 0, minWidth: "100%" }}>{children}</div>;
}
