// Adoption of the media development plan from the decision page: an APPROVED decision of the
// steering group, and the authority as client (the plan's viewerCanAdopt), adopt one of the
// authority's DRAFT versions after a confirmation. The page also names the plans this decision adopted.
import {
  Alert,
  Button,
  Card,
  CardContent,
  CardHeader,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Link as MuiLink,
  Radio,
  RadioGroup,
  Stack,
  Typography,
} from "@mui/material";
import { useCallback, useEffect, useId, useState } from "react";
import { useNotify, useTranslate } from "react-admin";
import { Link } from "react-router-dom";
import type { Row } from "../dataProvider/registry.ts";
import { date } from "../format.ts";
import { adoptPlan, type PlanVersion, planVersions } from "./queries.ts";
import { period, planPath } from "./ui.tsx";

function AdoptDialog({
  decision,
  drafts,
  onAdopted,
  onClose,
}: {
  decision: Row;
  drafts: PlanVersion[];
  onAdopted: (plan: PlanVersion) => void;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`plans.adopt.${key}`, options);
  const notify = useNotify();
  const id = useId();
  const [planId, setPlanId] = useState(drafts.length === 1 ? (drafts[0]?.id ?? "") : "");
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const plan = drafts.find((d) => d.id === planId);
  const label = (p: PlanVersion) => t("option", { title: p.title, version: p.version, period: period(p) });
  return (
    <Dialog open onClose={onClose} aria-labelledby={id} fullWidth maxWidth="sm">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (!plan) return;
          if (!confirming) {
            setConfirming(true);
            return;
          }
          setBusy(true);
          try {
            await adoptPlan(plan.id, decision.id);
            notify(t("done", { title: plan.title, version: plan.version }), { type: "success" });
            onAdopted(plan);
          } catch (failure) {
            setError((failure as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <DialogTitle id={id}>{confirming ? t("confirmTitle") : t("dialogTitle")}</DialogTitle>
        <DialogContent>
          {confirming && plan ? (
            <DialogContentText data-testid="adopt-summary">
              {t(plan.version > 1 ? "confirmRevision" : "confirmText", {
                plan: label(plan),
                decision: decision.title,
                decidedOn: date(decision.decidedOn),
                previous: plan.version - 1,
              })}
            </DialogContentText>
          ) : (
            <FormControl>
              <DialogContentText sx={{ mb: 2 }}>
                {t("basis", { decision: decision.title, decidedOn: date(decision.decidedOn) })}
              </DialogContentText>
              <FormLabel id={`${id}-plans`}>{t("pick")}</FormLabel>
              <RadioGroup
                aria-labelledby={`${id}-plans`}
                value={planId}
                onChange={(event) => setPlanId(event.target.value)}
              >
                {drafts.map((d) => (
                  <FormControlLabel key={d.id} value={d.id} control={<Radio />} label={label(d)} />
                ))}
              </RadioGroup>
            </FormControl>
          )}
          {error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          {confirming ? (
            <Button onClick={() => setConfirming(false)}>{t("back")}</Button>
          ) : (
            <Button onClick={onClose}>{translate("plans.action.cancel")}</Button>
          )}
          <Button type="submit" variant="contained" disabled={busy || !plan}>
            {confirming ? t("confirm") : t("next")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The decision's part in the media development plan; nothing unless it adopted one or may adopt one. */
export function PlanAdoption({ decision }: { decision: Row }) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`plans.adopt.${key}`, options);
  const [versions, setVersions] = useState<PlanVersion[] | null>(null);
  const [open, setOpen] = useState(false);
  const [adopted, setAdopted] = useState<PlanVersion | null>(null);
  const eligible = decision.status === "APPROVED" && decision.meeting?.kind === "STEERING_GROUP";
  const authorityId: string = decision.authority.id;
  const load = useCallback(
    () =>
      planVersions(authorityId).then(
        (found) => setVersions(found),
        () => setVersions([]),
      ),
    [authorityId],
  );
  useEffect(() => {
    if (eligible) load();
  }, [eligible, load]);
  if (!eligible || !versions) return null;
  // Just adopted: named once, in the success message with its link.
  const byThis = versions.filter((v) => v.adoptedBy?.id === decision.id && v.id !== adopted?.id);
  const drafts = versions.filter((v) => v.status === "DRAFT" && v.viewerCanAdopt);
  if (byThis.length === 0 && drafts.length === 0 && !adopted) return null;
  return (
    <Card
      variant="outlined"
      component="section"
      aria-labelledby="plan-adoption-title"
      data-testid="plan-adoption"
    >
      <CardHeader
        id="plan-adoption-title"
        title={t("title")}
        slotProps={{ title: { component: "h2", variant: "h6" } }}
      />
      <CardContent sx={{ pt: 0 }}>
        <Stack spacing={1.5}>
          {adopted && (
            <Alert severity="success">
              {t("doneLong", { title: adopted.title, version: adopted.version })}{" "}
              <MuiLink component={Link} to={planPath(adopted.id)}>
                {t("open")}
              </MuiLink>
            </Alert>
          )}
          {byThis.length > 0 && (
            <Stack spacing={0.5}>
              <Typography variant="body2">{t("adoptedByThis")}</Typography>
              {byThis.map((p) => (
                <MuiLink key={p.id} component={Link} to={planPath(p.id)}>
                  {t("option", { title: p.title, version: p.version, period: period(p) })}
                </MuiLink>
              ))}
            </Stack>
          )}
          {drafts.length > 0 && (
            <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: "center", flexWrap: "wrap" }}>
              <Typography variant="body2" sx={{ flex: 1, minWidth: 240 }}>
                {t("hint", { smart_count: drafts.length })}
              </Typography>
              <Button variant="contained" onClick={() => setOpen(true)}>
                {t("action")}
              </Button>
            </Stack>
          )}
        </Stack>
        {open && (
          <AdoptDialog
            decision={decision}
            drafts={drafts}
            onClose={() => setOpen(false)}
            onAdopted={(plan) => {
              setOpen(false);
              setAdopted(plan);
              load();
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}
