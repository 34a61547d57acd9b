// The console's confirmation for consequential steps (finalise, check, settle, commission,
// remove): the dialog says what will happen, the step runs only on confirmation, a refusal of the
// server stays in the dialog beside the question, and success is told as what happened.
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from "@mui/material";
import { type ReactNode, useEffect, useId, useState } from "react";
import { useNotify, useTranslate } from "react-admin";
import { focusWhenReady } from "./focus.ts";

export function ConfirmDialog({
  open,
  title,
  text,
  children,
  confirmLabel,
  success,
  color = "primary",
  confirmDisabled = false,
  focusContent = false,
  onConfirm,
  onClose,
  returnFocus,
}: {
  open: boolean;
  /** The question ("Protokoll abschließen?"). */
  title: string;
  /** What will happen, in a sentence or two. */
  text: string;
  /** More of what will happen: a summary, a list. */
  children?: ReactNode;
  confirmLabel: string;
  /** The success message: what happened ("Protokoll abgeschlossen …"), never the question. */
  success: string;
  color?: "primary" | "error";
  /** While what the step needs is missing (a reason). */
  confirmDisabled?: boolean;
  /** The content has a field to fill in, which takes the focus instead of the buttons. */
  focusContent?: boolean;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
  /**
   * Where focus goes after success, by `data-focus` key (the first present and enabled one),
   * when the control that opened the dialog is gone with the step; otherwise the dialog returns
   * it to that control.
   */
  returnFocus?: string[];
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) setError(null);
  }, [open]);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      notify(success, { type: "success" });
      onClose();
      if (returnFocus) focusWhenReady(returnFocus);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id={`${id}-title`}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText id={`${id}-text`}>{text}</DialogContentText>
        {children}
        {error && (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy} autoFocus={!focusContent && color === "error"}>
          {translate("hub.confirm.cancel")}
        </Button>
        <Button
          variant="contained"
          color={color}
          onClick={confirm}
          disabled={busy || confirmDisabled}
          autoFocus={!focusContent && color !== "error"}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
