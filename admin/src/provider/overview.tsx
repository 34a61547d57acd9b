// The Dienstleister-Übersicht: every authority the provider serves in one sortable table for a
// year, with the totals row, an inline bar in every cell and a small chart of each column in its
// header. Figures come from providerOverview(year); person-days stay exact decimal strings.
import {
  Alert,
  Box,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TableSortLabel,
  TextField,
  Typography,
} from "@mui/material";
import { type ReactNode, useEffect, useState } from "react";
import { Title, useTranslate } from "react-admin";
import { Bar, BarChart } from "recharts";
import { Scroll } from "../controlling/ui.tsx";
import { decimal, percent } from "../format.ts";
import { request } from "../graphql.ts";

const FIELDS = `authority { id name } contractedPersonDays consumedPersonDays utilization elapsed schoolsTotal
  schoolsUpgraded openEscalations overdueEscalations reviewedWithinTargetShare satisfaction`;
const QUERY = `query ($year: Int!) { providerOverview(year: $year) { year
  authorities { ${FIELDS} } totals { ${FIELDS} } } }`;

export interface OverviewRow {
  authority: { id: string; name: string } | null;
  contractedPersonDays: string;
  consumedPersonDays: string;
  utilization: number;
  elapsed: number;
  schoolsTotal: number;
  schoolsUpgraded: number;
  openEscalations: number;
  overdueEscalations: number;
  reviewedWithinTargetShare: number | null;
  satisfaction: number | null;
}

interface Overview {
  year: number;
  authorities: OverviewRow[];
  totals: OverviewRow;
}

type Direction = "asc" | "desc";

interface Column {
  key: string;
  label: string;
  /** What the column sorts and charts by; null sorts last. */
  value: (row: OverviewRow) => number | null;
  render: (row: OverviewRow) => ReactNode;
  /** The bar's full width; the column's largest value when not given. */
  scale?: number;
}

const germanNumber = (n: number | null, digits: number) =>
  n == null
    ? "–"
    : n.toLocaleString("de-DE", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A small horizontal bar: `value` of `max`, with an optional marker (e.g. time elapsed). */
function InlineBar({
  value,
  max,
  marker,
  danger,
}: {
  value: number | null;
  max: number;
  marker?: number;
  danger?: boolean;
}) {
  const width = value == null || max <= 0 ? 0 : Math.min(100, (value / max) * 100);
  return (
    <Box
      aria-hidden="true"
      sx={{
        position: "relative",
        height: 6,
        mt: 0.5,
        bgcolor: "action.hover",
        borderRadius: 1,
        minWidth: 64,
      }}
    >
      <Box
        sx={{
          position: "absolute",
          inset: 0,
          width: `${width}%`,
          bgcolor: danger ? "error.main" : "primary.main",
          borderRadius: 1,
        }}
      />
      {marker !== undefined && max > 0 && (
        <Box
          sx={{
            position: "absolute",
            top: -2,
            bottom: -2,
            left: `${Math.min(100, (marker / max) * 100)}%`,
            width: 2,
            bgcolor: "text.primary",
          }}
        />
      )}
    </Box>
  );
}

/** The column's values across the authorities, in the table's order: a chart as small as a word. */
function ColumnChart({ values, label }: { values: (number | null)[]; label: string }) {
  return (
    <Box aria-hidden="true" title={label} sx={{ mt: 0.5, lineHeight: 0 }}>
      <BarChart
        width={96}
        height={24}
        data={values.map((v) => ({ v: v ?? 0 }))}
        margin={{ top: 0, right: 0, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <Bar dataKey="v" fill="#1565c0" isAnimationActive={false} />
      </BarChart>
    </Box>
  );
}

export function ProviderOverviewPage() {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`provider.overview.${key}`, options);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<{ key: string; direction: Direction }>({
    key: "authority",
    direction: "asc",
  });

  useEffect(() => {
    let current = true;
    setError(null);
    request<{ providerOverview: Overview }>(QUERY, { year })
      .then((result) => current && setData(result.providerOverview))
      .catch((e: Error) => current && setError(e.message));
    return () => {
      current = false;
    };
  }, [year]);

  const columns: Column[] = [
    {
      key: "contracted",
      label: t("contracted"),
      value: (r) => Number(r.contractedPersonDays),
      render: (r) => `${decimal(r.contractedPersonDays, 2)} PT`,
    },
    {
      key: "consumed",
      label: t("consumed"),
      value: (r) => Number(r.consumedPersonDays),
      render: (r) => `${decimal(r.consumedPersonDays, 2)} PT`,
    },
    {
      key: "utilization",
      label: t("utilization"),
      value: (r) => r.utilization,
      render: (r) => (
        <span
          title={t("utilizationOf", { utilization: percent(r.utilization), elapsed: percent(r.elapsed) })}
        >
          {percent(r.utilization)}
          <Typography component="span" variant="caption" color="text.secondary">
            {" "}
            / {percent(r.elapsed)} {t("elapsed")}
          </Typography>
        </span>
      ),
      scale: 1,
    },
    {
      key: "schools",
      label: t("schools"),
      value: (r) => (r.schoolsTotal > 0 ? r.schoolsUpgraded / r.schoolsTotal : null),
      render: (r) => `${r.schoolsUpgraded} von ${r.schoolsTotal}`,
      scale: 1,
    },
    {
      key: "open",
      label: t("openEscalations"),
      value: (r) => r.openEscalations,
      render: (r) => String(r.openEscalations),
    },
    {
      key: "overdue",
      label: t("overdueEscalations"),
      value: (r) => r.overdueEscalations,
      render: (r) => String(r.overdueEscalations),
    },
    {
      key: "reviewed",
      label: t("reviewedWithinTarget"),
      value: (r) => r.reviewedWithinTargetShare,
      render: (r) => percent(r.reviewedWithinTargetShare),
      scale: 1,
    },
    {
      key: "satisfaction",
      label: t("satisfaction"),
      value: (r) => r.satisfaction,
      render: (r) => (r.satisfaction == null ? "–" : `${germanNumber(r.satisfaction, 1)} von 5`),
      scale: 5,
    },
  ];

  // Thirteen rows or so: sorted afresh on every render.
  const rows = [...(data?.authorities ?? [])];
  const sorted = columns.find((c) => c.key === sort.key);
  const sign = sort.direction === "asc" ? 1 : -1;
  const byName = (a: OverviewRow, b: OverviewRow) =>
    (a.authority?.name ?? "").localeCompare(b.authority?.name ?? "", "de");
  rows.sort((a, b) => {
    if (!sorted) return sign * byName(a, b);
    const x = sorted.value(a);
    const y = sorted.value(b);
    if (x == null || y == null) return x == null ? (y == null ? byName(a, b) : 1) : -1;
    return sign * (x - y) || byName(a, b);
  });

  // The active column toggles; a new one starts with the largest value (the name column: A to Z).
  const sortBy = (key: string) =>
    setSort((s) =>
      s.key === key
        ? { key, direction: s.direction === "asc" ? "desc" : "asc" }
        : { key, direction: key === "authority" ? "asc" : "desc" },
    );
  const maxOf = (column: Column) =>
    column.scale ?? Math.max(0, ...(data?.authorities ?? []).map((r) => column.value(r) ?? 0));
  const years = Array.from({ length: 5 }, (_, i) => thisYear - 3 + i);

  return (
    <Box sx={{ p: { xs: 1, md: 2 } }}>
      <Title title={t("title")} />
      <Stack spacing={2}>
        <Typography variant="h5" component="h1">
          {t("title")}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t("intro")}
        </Typography>
        <TextField
          select
          label={t("year")}
          value={year}
          onChange={(e) => setYear(Number(e.target.value))}
          size="small"
          sx={{ width: 140 }}
          slotProps={{ select: { inputProps: { "aria-label": t("year") } } }}
        >
          {years.map((y) => (
            <MenuItem key={y} value={y}>
              {y}
            </MenuItem>
          ))}
        </TextField>
        {error && <Alert severity="error">{t("error", { message: error })}</Alert>}
        {data && (
          <Scroll>
            <Table size="small" data-testid="provider-overview" aria-label={`${t("title")} ${data.year}`}>
              <TableHead>
                <TableRow>
                  <TableCell sortDirection={sort.key === "authority" ? sort.direction : false}>
                    <TableSortLabel
                      active={sort.key === "authority"}
                      direction={sort.key === "authority" ? sort.direction : "asc"}
                      onClick={() => sortBy("authority")}
                      aria-label={t("sortBy", { column: t("authority") })}
                    >
                      {t("authority")}
                    </TableSortLabel>
                  </TableCell>
                  {columns.map((column) => (
                    <TableCell
                      key={column.key}
                      align="right"
                      sortDirection={sort.key === column.key ? sort.direction : false}
                      data-testid={`column-${column.key}`}
                    >
                      <TableSortLabel
                        active={sort.key === column.key}
                        direction={sort.key === column.key ? sort.direction : "desc"}
                        onClick={() => sortBy(column.key)}
                        aria-label={t("sortBy", { column: column.label })}
                      >
                        {column.label}
                      </TableSortLabel>
                      <ColumnChart
                        values={rows.map(column.value)}
                        label={t("chartOf", { column: column.label })}
                      />
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={columns.length + 1}>{t("none")}</TableCell>
                  </TableRow>
                )}
                {rows.map((row) => (
                  <TableRow key={row.authority?.id} data-testid="overview-row">
                    <TableCell component="th" scope="row" data-testid="overview-authority">
                      {row.authority?.name}
                    </TableCell>
                    {columns.map((column) => (
                      <TableCell key={column.key} align="right" sx={{ whiteSpace: "nowrap" }}>
                        {column.render(row)}
                        <InlineBar
                          value={column.value(row)}
                          max={column.key === "utilization" ? Math.max(1, maxOf(column)) : maxOf(column)}
                          marker={column.key === "utilization" ? row.elapsed : undefined}
                          danger={
                            (column.key === "utilization" && row.utilization > 1) ||
                            (column.key === "overdue" && row.overdueEscalations > 0)
                          }
                        />
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
              <TableBody>
                <TableRow data-testid="overview-totals" sx={{ "& > *": { fontWeight: 700 } }}>
                  <TableCell component="th" scope="row" sx={{ fontWeight: 700 }}>
                    {t("totals")}
                  </TableCell>
                  {columns.map((column) => (
                    <TableCell key={column.key} align="right" sx={{ whiteSpace: "nowrap", fontWeight: 700 }}>
                      {column.render(data.totals)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableBody>
            </Table>
          </Scroll>
        )}
      </Stack>
    </Box>
  );
}
