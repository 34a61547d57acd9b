// Service quality of an authority's escalations in a year: key figures, months, severities,
// schools, repeated tickets and the satisfaction trend.

import {
  Box,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from "@mui/material";
import { useEffect, useState } from "react";
import { Title, useNotify, useTranslate } from "react-admin";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { monthLabel } from "../controlling/proofs.tsx";
import { Scroll, Section } from "../controlling/ui.tsx";
import type { Row } from "../dataProvider/registry.ts";
import { percent } from "../format.ts";
import { request, subscribe } from "../graphql.ts";
import { AuthorityChooser, useAuthorityChoice } from "./components.tsx";

const FIGURES = `period raised overdue medianDaysToReview p90DaysToReview medianDaysToResolution p90DaysToResolution
  reviewedWithinTarget resolvedWithinTarget satisfactionAverage satisfactionCount
  bySeverity { severity count } byStatus { status count }`;

const QUERY = `query ($authorityId: ID!, $year: Int!) { serviceQuality(authorityId: $authorityId, year: $year) {
  year total { ${FIGURES} } months { ${FIGURES} }
  satisfactionTrend { period average count }
  repeatTickets { ticketRef count }
  schools { school { id name } figures { raised overdue medianDaysToResolution resolvedWithinTarget satisfactionAverage } } } }`;

/** "2026-Q3" → "3. Quartal 2026" */
const quarter = (period: string) => period.replace(/^(\d{4})-Q(\d)$/, "$2. Quartal $1");

const germanNumber = (n: number | null | undefined, digits = 1) =>
  n == null ? "–" : n.toLocaleString("de-DE", { maximumFractionDigits: digits });

function KeyFigure({ label, value }: { label: string; value: string }) {
  return (
    <Box sx={{ minWidth: 150 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="h6" component="div">
        {value}
      </Typography>
    </Box>
  );
}

export function QualityPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`escalations.quality.${key}`, options);
  const choice = useAuthorityChoice();
  const { authorityId } = choice;
  const thisYear = Number(
    new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin" }).format(new Date()).slice(0, 4),
  );
  const [year, setYear] = useState(thisYear);
  const [version, setVersion] = useState(0);
  const [quality, setQuality] = useState<Row | null>(null);
  // Figures move with every escalation of the authority: re-read them on each event.
  useEffect(() => {
    if (!authorityId) return;
    return subscribe(
      "subscription ($id: ID!) { escalationUpdated(authorityId: $id) { id } }",
      { id: authorityId },
      () => setVersion((v) => v + 1),
    );
  }, [authorityId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` counts escalation events; each one re-reads the figures.
  useEffect(() => {
    if (!authorityId) return;
    let live = true;
    request<{ serviceQuality: Row }>(QUERY, { authorityId, year })
      .then((data) => live && setQuality(data.serviceQuality))
      .catch((error: Error) => live && notify(error.message, { type: "error" }));
    return () => {
      live = false;
    };
  }, [authorityId, year, notify, version]);
  const total = quality?.total;
  const days = (n: number | null | undefined) => (n == null ? "–" : t("days", { days: germanNumber(n) }));
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 4, minWidth: 0 }}>
      <Title title={t("title")} />
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: "wrap", alignItems: "center" }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1, minWidth: 200 }}>
          {t("title")}
        </Typography>
        <AuthorityChooser label={t("authority")} choice={choice} />
        <TextField
          select
          size="small"
          label={t("year")}
          value={year}
          onChange={(e) => setYear(Number(e.target.value))}
          sx={{ width: 120 }}
        >
          {[thisYear, thisYear - 1, thisYear - 2].map((y) => (
            <MenuItem key={y} value={y}>
              {y}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {total && quality && (
        <>
          <Section title={String(quality.year)} testId="quality-total">
            <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: "wrap" }}>
              <KeyFigure label={t("raised")} value={String(total.raised)} />
              <KeyFigure label={t("overdue")} value={String(total.overdue)} />
              <KeyFigure label={t("medianReview")} value={days(total.medianDaysToReview)} />
              <KeyFigure label={t("p90Review")} value={days(total.p90DaysToReview)} />
              <KeyFigure label={t("medianResolution")} value={days(total.medianDaysToResolution)} />
              <KeyFigure label={t("p90Resolution")} value={days(total.p90DaysToResolution)} />
              <KeyFigure label={t("reviewedWithin")} value={percent(total.reviewedWithinTarget)} />
              <KeyFigure label={t("resolvedWithin")} value={percent(total.resolvedWithinTarget)} />
              <KeyFigure
                label={t("satisfaction")}
                value={
                  total.satisfactionAverage == null
                    ? "–"
                    : t("satisfactionValue", {
                        average: germanNumber(total.satisfactionAverage),
                        count: total.satisfactionCount,
                      })
                }
              />
            </Stack>
          </Section>
          <Section title={t("months")}>
            <Scroll>
              <Table size="small" aria-label={t("months")}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t("month")}</TableCell>
                    <TableCell align="right">{t("raised")}</TableCell>
                    <TableCell align="right">{t("overdue")}</TableCell>
                    <TableCell align="right">{t("medianReview")}</TableCell>
                    <TableCell align="right">{t("p90Review")}</TableCell>
                    <TableCell align="right">{t("medianResolution")}</TableCell>
                    <TableCell align="right">{t("p90Resolution")}</TableCell>
                    <TableCell align="right">{t("reviewedWithin")}</TableCell>
                    <TableCell align="right">{t("resolvedWithin")}</TableCell>
                    <TableCell align="right">{t("satisfaction")}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {quality.months.map((m: Row) => (
                    <TableRow key={m.period}>
                      <TableCell component="th" scope="row">
                        {/^\d{4}-\d{2}$/.test(m.period) ? monthLabel(m.period) : m.period}
                      </TableCell>
                      <TableCell align="right">{m.raised}</TableCell>
                      <TableCell align="right">{m.overdue}</TableCell>
                      <TableCell align="right">{days(m.medianDaysToReview)}</TableCell>
                      <TableCell align="right">{days(m.p90DaysToReview)}</TableCell>
                      <TableCell align="right">{days(m.medianDaysToResolution)}</TableCell>
                      <TableCell align="right">{days(m.p90DaysToResolution)}</TableCell>
                      <TableCell align="right">{percent(m.reviewedWithinTarget)}</TableCell>
                      <TableCell align="right">{percent(m.resolvedWithinTarget)}</TableCell>
                      <TableCell align="right">{germanNumber(m.satisfactionAverage)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Scroll>
          </Section>
          <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "minmax(0, 1fr)", lg: "2fr 1fr" } }}>
            <Section title={t("trend")}>
              <Box sx={{ width: "100%", height: 240 }}>
                <ResponsiveContainer width="100%" height="100%">
                  <LineChart
                    data={quality.satisfactionTrend}
                    margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
                  >
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="period" tickFormatter={quarter} />
                    <YAxis domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} width={32} />
                    <Tooltip formatter={(v) => germanNumber(Number(v))} />
                    <Line
                      dataKey="average"
                      name={t("average")}
                      stroke="#1f4e79"
                      strokeWidth={2}
                      isAnimationActive={false}
                    />
                  </LineChart>
                </ResponsiveContainer>
              </Box>
              <Typography variant="caption" component="p" color="text.secondary">
                {quality.satisfactionTrend
                  .map((p: Row) => `${quarter(p.period)}: ${germanNumber(p.average)} (${p.count})`)
                  .join(" · ")}
              </Typography>
            </Section>
            <Stack spacing={2}>
              <Section title={t("bySeverity")}>
                <Stack component="ul" sx={{ m: 0, pl: 2 }}>
                  {total.bySeverity.map((s: Row) => (
                    <li key={s.severity}>
                      {translate(`enums.Severity.${s.severity}`)}: {s.count}
                    </li>
                  ))}
                </Stack>
              </Section>
              <Section title={t("repeatTickets")}>
                {quality.repeatTickets.length === 0 ? (
                  <Typography variant="body2">{t("noRepeats")}</Typography>
                ) : (
                  <Stack component="ul" sx={{ m: 0, pl: 2 }}>
                    {quality.repeatTickets.map((r: Row) => (
                      <li key={r.ticketRef}>
                        {r.ticketRef}: {r.count} {t("count")}
                      </li>
                    ))}
                  </Stack>
                )}
              </Section>
            </Stack>
          </Box>
          <Section title={t("schools")}>
            <Scroll>
              <Table size="small" aria-label={t("schools")}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t("school")}</TableCell>
                    <TableCell align="right">{t("raised")}</TableCell>
                    <TableCell align="right">{t("overdue")}</TableCell>
                    <TableCell align="right">{t("medianResolution")}</TableCell>
                    <TableCell align="right">{t("resolvedWithin")}</TableCell>
                    <TableCell align="right">{t("satisfaction")}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {quality.schools
                    .filter((s: Row) => s.figures.raised > 0)
                    .map((s: Row) => (
                      <TableRow key={s.school.id}>
                        <TableCell component="th" scope="row">
                          {s.school.name}
                        </TableCell>
                        <TableCell align="right">{s.figures.raised}</TableCell>
                        <TableCell align="right">{s.figures.overdue}</TableCell>
                        <TableCell align="right">{days(s.figures.medianDaysToResolution)}</TableCell>
                        <TableCell align="right">{percent(s.figures.resolvedWithinTarget)}</TableCell>
                        <TableCell align="right">{germanNumber(s.figures.satisfactionAverage)}</TableCell>
                      </TableRow>
                    ))}
                </TableBody>
              </Table>
            </Scroll>
          </Section>
        </>
      )}
    </Stack>
  );
}
