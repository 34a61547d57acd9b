// The media development plan page: an authority's plan versions, and the chosen version with its
// adoption, cost table, plan against actual per year, schools, variances and measures. The same
// page serves the list route (it opens the version in force) and a version's own route.
import DownloadIcon from "@mui/icons-material/Download";
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  MenuItem,
  Link as MuiLink,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { Suspense, useEffect, useState } from "react";
import {
  Title,
  useGetList,
  useGetOne,
  useNotify,
  usePermissions,
  useRefresh,
  useTranslate,
} from "react-admin";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { hasRole, type Role } from "../authProvider.ts";
import { Section } from "../controlling/ui.tsx";
import { AuthorityChooser, useAuthorityChoice } from "../escalations/components.tsx";
import { date, dateTime, euro, personDays } from "../format.ts";
import { showPath } from "../governance/util.tsx";
import { lazyPage } from "../lazy.ts";
import { MeasuresSection, TargetAction } from "./measures.tsx";
import { createPlan, type Plan, type PlanVersion, revisePlan, updatePlan } from "./queries.ts";
import { CostTable, SchoolsTable, VarianceSection, YearsTable } from "./tables.tsx";
import {
  exportPath,
  Fact,
  Facts,
  fieldError,
  PlanHeadDialog,
  PlanStatusChip,
  period,
  planPath,
} from "./ui.tsx";

// recharts is the console's largest library: the chart loads after the figures it sits beside.
const PlanChart = lazyPage(() => import("./chart.tsx"), "PlanChart");

/** The API's drafters (server/access/plans.ts): the provider's service manager, the administrator standing in. */
const DRAFTERS: Role[] = ["SERVICE_MANAGER", "ADMIN"];

/** Everyone but the school contacts reads the whole plan (server/access/plans.ts, planScope). */
const READERS_OF_ALL: Role[] = [
  "ADMIN",
  "SERVICE_MANAGER",
  "PROVIDER_STAFF",
  "SCHOOL_IT_OFFICER",
  "STEERING_MEMBER",
  "CONTROLLER",
];

/** The version that counts for an authority: the adopted one, else the newest. */
const current = (versions: PlanVersion[]) => versions.find((v) => v.status === "ADOPTED") ?? versions[0];

export function MediaPlanPage() {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`plans.page.${key}`, options);
  const { id } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const choice = useAuthorityChoice();
  const { data: plan, error } = useGetOne<Plan>(
    "mediaDevelopmentPlans",
    { id: id ?? "" },
    { enabled: Boolean(id), placeholderData: (previous) => previous, retry: false },
  );
  const authorityId = (id ? plan?.authority.id : null) ?? search.get("authority") ?? choice.authorityId;
  const { data: versions } = useGetList<PlanVersion>(
    "mediaDevelopmentPlans",
    {
      meta: { authorityId },
      pagination: { page: 1, perPage: 100 },
      sort: { field: "version", order: "DESC" },
    },
    { enabled: Boolean(authorityId) },
  );
  // The list route opens the version in force, so that its address can be shared.
  useEffect(() => {
    const open = !id && versions ? current(versions) : undefined;
    if (open) navigate(planPath(open.id), { replace: true });
  }, [id, versions, navigate]);

  const chooser = {
    ...choice,
    authorityId,
    setChosen: (chosen: string) => navigate(`/mediaDevelopmentPlans?authority=${encodeURIComponent(chosen)}`),
  };
  // The previous version stays while a re-read runs; another version's figures never stand in.
  const shown = id && plan?.id === id ? plan : undefined;
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 4, minWidth: 0 }}>
      <Title title={translate("plans.menu.plan")} />
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: "wrap", alignItems: "center" }}>
        <AuthorityChooser label={t("authority")} choice={chooser} />
        {versions && versions.length > 0 && (
          <TextField
            select
            size="small"
            label={t("version")}
            value={versions.some((v) => v.id === id) ? id : ""}
            onChange={(event) => navigate(planPath(event.target.value))}
            sx={{ width: 360, maxWidth: "100%" }}
          >
            {versions.map((v) => (
              <MenuItem key={v.id} value={v.id}>
                {t("versionOption", {
                  version: v.version,
                  status: translate(`enums.PlanStatus.${v.status}`),
                  period: period(v),
                })}
              </MenuItem>
            ))}
          </TextField>
        )}
      </Stack>
      {id && error && !shown ? (
        <Alert severity="error">{(error as Error).message}</Alert>
      ) : id && !shown ? (
        <Box sx={{ p: 4 }}>
          <CircularProgress aria-label={translate("ra.page.loading")} />
        </Box>
      ) : shown ? (
        <PlanBody plan={shown} />
      ) : versions && versions.length === 0 ? (
        <NoPlan authorityId={authorityId} />
      ) : null}
    </Stack>
  );
}

function NoPlan({ authorityId }: { authorityId: string }) {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const year = new Date().getFullYear() + 1;
  return (
    <Alert
      severity="info"
      action={
        hasRole(permissions, ...DRAFTERS) ? (
          <Button color="inherit" size="small" variant="outlined" onClick={() => setOpen(true)}>
            {translate("plans.head.create")}
          </Button>
        ) : undefined
      }
    >
      {translate("plans.page.none")}
      {open && (
        <PlanHeadDialog
          title={translate("plans.head.create")}
          submit={translate("plans.head.createSubmit")}
          hint={translate("plans.head.createHint")}
          initial={{ title: "", periodStart: String(year), periodEnd: String(year + 4) }}
          onClose={() => setOpen(false)}
          onSubmit={async (input) => {
            try {
              const created = await createPlan({ authorityId, ...input });
              navigate(planPath(created.id));
              return null;
            } catch (error) {
              return fieldError(error);
            }
          }}
        />
      )}
    </Alert>
  );
}

function Sibling({ plan }: { plan: NonNullable<Plan["predecessor"]> }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
      <MuiLink component={Link} to={planPath(plan.id)}>
        {translate("plans.page.versionLink", { version: plan.version, title: plan.title })}
      </MuiLink>
      <PlanStatusChip status={plan.status} />
    </Stack>
  );
}

function Adoption({ plan }: { plan: Plan }) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`plans.page.${key}`, options);
  if (!plan.adoptedAt) {
    return <>{plan.viewerCanAdopt ? t("adoptHintClient") : t("notAdopted")}</>;
  }
  return (
    <span data-testid="plan-adoption">
      {t("adoptedAt", { at: dateTime(plan.adoptedAt) })}
      {plan.adoptedBy && (
        <>
          {" · "}
          {t("byDecision")}{" "}
          <MuiLink component={Link} to={showPath("decisions", plan.adoptedBy.id)}>
            „{plan.adoptedBy.title}“ ({date(plan.adoptedBy.decidedOn)})
          </MuiLink>
        </>
      )}
      {plan.adoptionRecordedBy && ` · ${t("recordedBy", { name: plan.adoptionRecordedBy.name })}`}
    </span>
  );
}

function HeadActions({ plan }: { plan: Plan }) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`plans.head.${key}`, options);
  const navigate = useNavigate();
  const refresh = useRefresh();
  const notify = useNotify();
  const done = (message: string) => {
    notify(message, { type: "success" });
    refresh();
  };
  const [dialog, setDialog] = useState<"edit" | "revise" | null>(null);
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap" }}>
      <Button
        size="small"
        variant="outlined"
        startIcon={<DownloadIcon />}
        href={exportPath(plan.id, "pdf")}
        download
      >
        {translate("plans.page.pdf")}
      </Button>
      <Button
        size="small"
        variant="outlined"
        startIcon={<DownloadIcon />}
        href={exportPath(plan.id, "xlsx")}
        download
      >
        {translate("plans.page.xlsx")}
      </Button>
      {plan.viewerCanEdit && (
        <Button size="small" variant="outlined" onClick={() => setDialog("edit")}>
          {t("edit")}
        </Button>
      )}
      {plan.viewerCanRevise && (
        <Button size="small" variant="contained" onClick={() => setDialog("revise")}>
          {t("revise")}
        </Button>
      )}
      {dialog === "edit" && (
        <PlanHeadDialog
          title={t("edit")}
          submit={t("save")}
          initial={{
            title: plan.title,
            periodStart: String(plan.periodStart),
            periodEnd: String(plan.periodEnd),
          }}
          onClose={() => setDialog(null)}
          onSubmit={async (input) => {
            try {
              await updatePlan({ planId: plan.id, ...input });
            } catch (error) {
              return fieldError(error);
            }
            setDialog(null);
            done(t("saved"));
            return null;
          }}
        />
      )}
      {dialog === "revise" && (
        <PlanHeadDialog
          title={t("reviseTitle", { version: plan.version })}
          submit={t("reviseSubmit")}
          hint={t("reviseHint")}
          optional
          initial={{ title: "", periodStart: "", periodEnd: "" }}
          onClose={() => setDialog(null)}
          onSubmit={async (input) => {
            try {
              const next = await revisePlan(plan.id, input);
              setDialog(null);
              navigate(planPath(next.id));
              done(t("revised"));
              return null;
            } catch (error) {
              return fieldError(error);
            }
          }}
        />
      )}
    </Stack>
  );
}

function KeyFigure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Box sx={{ minWidth: 150 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography
        variant="h6"
        component="div"
        data-testid={testId}
        sx={{ fontVariantNumeric: "tabular-nums" }}
      >
        {value}
      </Typography>
    </Box>
  );
}

function PlanBody({ plan }: { plan: Plan }) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`plans.page.${key}`, options);
  const { permissions } = usePermissions();
  // The API gives a school contact their own school's part; the figures say so.
  const schoolPart = hasRole(permissions, "SCHOOL_CONTACT") && !hasRole(permissions, ...READERS_OF_ALL);
  return (
    <>
      <Section title={t("head")} testId="plan-head" action={<HeadActions plan={plan} />}>
        <Stack spacing={1.5}>
          <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: "center", flexWrap: "wrap" }}>
            <Typography variant="h5" component="h1">
              {plan.title}
            </Typography>
            <PlanStatusChip status={plan.status} />
          </Stack>
          <Facts testId="plan-facts">
            <Fact label={t("authority")}>{plan.authority.name}</Fact>
            <Fact label={t("period")}>{period(plan)}</Fact>
            <Fact label={t("version")}>{plan.version}</Fact>
            <Fact label={t("createdBy")}>{plan.createdBy.name}</Fact>
            <Fact label={t("adoption")}>
              <Adoption plan={plan} />
            </Fact>
            {plan.predecessor && (
              <Fact label={t("predecessor")}>
                <Sibling plan={plan.predecessor} />
              </Fact>
            )}
            {plan.successor && (
              <Fact label={t("successor")}>
                <Sibling plan={plan.successor} />
              </Fact>
            )}
          </Facts>
          {schoolPart && <Alert severity="info">{t("schoolPart")}</Alert>}
          <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: "wrap" }}>
            <KeyFigure
              label={t("plannedInvestment")}
              value={euro(plan.totals.plannedInvestmentEuros)}
              testId="total-planned-investment"
            />
            <KeyFigure
              label={t("actualInvestment")}
              value={euro(plan.totals.actualInvestmentEuros)}
              testId="total-actual-investment"
            />
            <KeyFigure
              label={t("plannedPersonDays")}
              value={personDays(plan.totals.plannedPersonDays)}
              testId="total-planned-person-days"
            />
            <KeyFigure
              label={t("actualPersonDays")}
              value={personDays(plan.totals.actualPersonDays)}
              testId="total-actual-person-days"
            />
          </Stack>
        </Stack>
      </Section>
      <Section title={t("costTable")} testId="cost-table-section">
        <CostTable plan={plan} />
      </Section>
      <Section title={t("years")} testId="years-section">
        <Stack spacing={2}>
          <Suspense fallback={<Box sx={{ height: 280 }} />}>
            <PlanChart years={plan.years} />
          </Suspense>
          <YearsTable years={plan.years} />
        </Stack>
      </Section>
      <Section title={t("schools")} testId="schools-section" action={<TargetAction plan={plan} />}>
        <SchoolsTable plan={plan} />
      </Section>
      <Section title={t("variances")} testId="variances-section">
        <VarianceSection plan={plan} />
      </Section>
      <MeasuresSection plan={plan} />
    </>
  );
}
