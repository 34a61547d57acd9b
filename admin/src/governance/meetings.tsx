// Meetings: the list (upcoming first), a month calendar, and creating a meeting or a weekly series.
import CalendarMonthIcon from "@mui/icons-material/CalendarMonth";
import ChevronLeftIcon from "@mui/icons-material/ChevronLeft";
import ChevronRightIcon from "@mui/icons-material/ChevronRight";
import EventRepeatIcon from "@mui/icons-material/EventRepeat";
import ListIcon from "@mui/icons-material/List";
import {
  Box,
  Button,
  Card,
  CardContent,
  IconButton,
  Link as MuiLink,
  Stack,
  Typography,
} from "@mui/material";
import { useEffect, useMemo, useState } from "react";
import {
  AutocompleteInput,
  Create,
  CreateButton,
  Datagrid,
  DateInput,
  DateTimeInput,
  FilterButton,
  FunctionField,
  List,
  NumberInput,
  ReferenceInput,
  required,
  SaveButton,
  SelectField,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  Title,
  Toolbar,
  TopToolbar,
  useNotify,
  useRedirect,
  useTranslate,
} from "react-admin";
import { Link } from "react-router-dom";
import { dateTime } from "../format.ts";
import { request } from "../graphql.ts";
import { choices } from "../organisations/enums.ts";
import { ListExportMenu, type ListExports, useListExports } from "../ui/ExportMenu.tsx";
import type { ExportColumn } from "../ui/exports.ts";
import { MEETING_KINDS } from "./enums.ts";
import { LiveRefresh } from "./live.tsx";
import { MEETING_ROW } from "./queries.ts";
import { EnumChip, ListEmpty, showPath, ToneChip, timeOf, todayBerlin, useCanRecord } from "./util.tsx";

const WHEN = ["upcoming", "past", "all"].map((id) => ({ id, name: `gov.when.${id}` }));

const meetingFilters = [
  <SelectInput key="when" source="when" choices={WHEN} alwaysOn emptyText="gov.when.all" />,
  <ReferenceInput key="authority" source="authorityId" reference="authorities" alwaysOn>
    <AutocompleteInput optionText="name" label="resources.meetings.fields.authority" />
  </ReferenceInput>,
  <SelectInput key="kind" source="kind" choices={choices("MeetingKind", MEETING_KINDS)} />,
  <DateInput key="from" source="from" />,
  <DateInput key="to" source="to" />,
];

export function MinutesChip({ status }: { status: string }) {
  const translate = useTranslate();
  return status === "FINAL" ? (
    <ToneChip tone="success" label={translate("gov.meetings.finalChip")} />
  ) : (
    <ToneChip tone="warning" label={translate("gov.meetings.draftChip")} />
  );
}

const MEETING_EXPORT: ExportColumn[] = [
  { label: "resources.meetings.fields.scheduledAt", value: (r) => r.scheduledAt, kind: "dateTime" },
  { label: "resources.meetings.fields.title", value: (r) => r.title },
  { label: "resources.meetings.fields.authority", value: (r) => r.authority?.name },
  { label: "resources.meetings.fields.kind", value: (r, t) => t(`enums.MeetingKind.${r.kind}`) },
  { label: "resources.meetings.fields.durationMinutes", value: (r) => r.durationMinutes, kind: "integer" },
  { label: "resources.meetings.fields.location", value: (r) => r.location },
  { label: "resources.meetings.fields.agendaCount", value: (r) => r.agendaCount, kind: "integer" },
  {
    label: "resources.meetings.fields.minutesStatus",
    value: (r, t) =>
      r.status === "CANCELLED"
        ? t("enums.MeetingStatus.CANCELLED")
        : t(`enums.MinutesStatus.${r.minutesStatus}`),
  },
];

function MeetingListActions({ exports }: { exports: ListExports }) {
  const translate = useTranslate();
  const canRecord = useCanRecord();
  return (
    <TopToolbar>
      <FilterButton />
      <Button component={Link} to="/calendar" startIcon={<CalendarMonthIcon />} size="small">
        {translate("gov.meetings.calendar")}
      </Button>
      {canRecord && <CreateButton label="gov.meetings.create" />}
      {canRecord && (
        <Button component={Link} to="/meeting-series/create" startIcon={<EventRepeatIcon />} size="small">
          {translate("gov.meetings.createSeries")}
        </Button>
      )}
      <ListExportMenu exports={exports} />
    </TopToolbar>
  );
}

export function MeetingList() {
  const exports = useListExports(MEETING_EXPORT, "resources.meetings.name");
  return (
    <List
      empty={<ListEmpty />}
      exporter={exports.csv}
      filters={meetingFilters}
      filterDefaultValues={{ when: "upcoming" }}
      sort={{ field: "scheduledAt", order: "ASC" }}
      actions={<MeetingListActions exports={exports} />}
      perPage={25}
      aside={<LiveRefresh />}
    >
      <Datagrid empty={<ListEmpty />} rowClick="show" bulkActionButtons={false}>
        <FunctionField source="scheduledAt" render={(r) => dateTime(r.scheduledAt)} />
        <TextField source="title" />
        <TextField source="authority.name" label="resources.meetings.fields.authority" />
        <SelectField source="kind" choices={choices("MeetingKind", MEETING_KINDS)} />
        <FunctionField source="agendaCount" textAlign="right" render={(r) => r.agendaCount} />
        <FunctionField
          source="minutesStatus"
          render={(r) =>
            r.status === "CANCELLED" ? (
              <EnumChip name="MeetingStatus" value="CANCELLED" />
            ) : (
              <MinutesChip status={r.minutesStatus} />
            )
          }
        />
      </Datagrid>
    </List>
  );
}

export function MeetingCreate() {
  return (
    <Create redirect="show">
      <SimpleForm defaultValues={{ kind: "JOUR_FIXE", title: "Jour-Fixe Schul-IT", durationMinutes: 60 }}>
        <ReferenceInput
          source="authorityId"
          reference="authorities"
          perPage={100}
          sort={{ field: "name", order: "ASC" }}
        >
          <SelectInput optionText="name" label="resources.meetings.fields.authority" validate={required()} />
        </ReferenceInput>
        <SelectInput source="kind" choices={choices("MeetingKind", MEETING_KINDS)} validate={required()} />
        <TextInput source="title" validate={required()} fullWidth />
        <DateTimeInput source="scheduledAt" validate={required()} />
        <NumberInput source="durationMinutes" min={5} max={600} />
        <TextInput source="location" fullWidth />
      </SimpleForm>
    </Create>
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7].map((id) => ({ id, name: `gov.meetings.weekdays.${id}` }));

/** A weekly Jour-Fixe: createMeetingSeries with a number of dates. */
export function MeetingSeriesCreate() {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="gov.meetings.series.title" />
      <CardContent>
        <Typography variant="h6" component="h1" gutterBottom>
          {translate("gov.meetings.series.title")}
        </Typography>
        <SimpleForm
          defaultValues={{
            kind: "JOUR_FIXE",
            title: "Jour-Fixe Schul-IT",
            weekday: 4,
            startTime: "10:00",
            durationMinutes: 60,
            startDate: todayBerlin(),
            count: 12,
          }}
          toolbar={
            <Toolbar>
              <SaveButton alwaysEnable />
            </Toolbar>
          }
          onSubmit={async (values: Record<string, string>) => {
            try {
              const { createMeetingSeries } = await request<{
                createMeetingSeries: { id: string; meetings: { id: string }[] };
              }>(
                "mutation ($input: CreateMeetingSeriesInput!) { createMeetingSeries(input: $input) { id meetings { id } } }",
                {
                  input: {
                    authorityId: values.authorityId,
                    kind: values.kind,
                    title: values.title,
                    weekday: Number(values.weekday),
                    startTime: values.startTime,
                    durationMinutes: Number(values.durationMinutes) || null,
                    startDate: values.startDate,
                    count: Number(values.count),
                    location: values.location || null,
                  },
                },
              );
              notify(
                translate("gov.meetings.series.created", { count: createMeetingSeries.meetings.length }),
                {
                  type: "success",
                },
              );
              redirect("/meetings");
            } catch (error) {
              notify((error as Error).message, { type: "error" });
            }
          }}
        >
          <ReferenceInput
            source="authorityId"
            reference="authorities"
            perPage={100}
            sort={{ field: "name", order: "ASC" }}
          >
            <SelectInput
              optionText="name"
              label="resources.meetings.fields.authority"
              validate={required()}
            />
          </ReferenceInput>
          <SelectInput
            source="kind"
            label="resources.meetings.fields.kind"
            choices={choices("MeetingKind", MEETING_KINDS)}
            validate={required()}
          />
          <TextInput source="title" label="resources.meetings.fields.title" validate={required()} fullWidth />
          <SelectInput
            source="weekday"
            label="gov.meetings.series.weekday"
            choices={WEEKDAYS}
            validate={required()}
          />
          <TextInput source="startTime" label="gov.meetings.series.startTime" validate={required()} />
          <DateInput source="startDate" label="gov.meetings.series.startDate" validate={required()} />
          <NumberInput source="count" label="gov.meetings.series.count" min={1} validate={required()} />
          <NumberInput source="durationMinutes" label="resources.meetings.fields.durationMinutes" />
          <TextInput source="location" label="resources.meetings.fields.location" fullWidth />
        </SimpleForm>
      </CardContent>
    </Card>
  );
}

interface CalendarMeeting {
  id: string;
  title: string;
  kind: string;
  scheduledAt: string;
  status: string;
  minutesStatus: string;
  authority: { id: string; name: string };
}

const pad = (n: number) => String(n).padStart(2, "0");
const DAY_NAMES = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"];
const MONTHS = [
  "Januar",
  "Februar",
  "März",
  "April",
  "Mai",
  "Juni",
  "Juli",
  "August",
  "September",
  "Oktober",
  "November",
  "Dezember",
];

/** A month grid of every visible authority's meetings. */
export function MeetingCalendar() {
  const translate = useTranslate();
  const notify = useNotify();
  const [month, setMonth] = useState(() => todayBerlin().slice(0, 7));
  const [meetings, setMeetings] = useState<CalendarMeeting[] | null>(null);
  const [year, mon] = month.split("-").map(Number) as [number, number];

  useEffect(() => {
    let live = true;
    const from = new Date(year, mon - 1, 1).toISOString();
    const to = new Date(year, mon, 1).toISOString();
    setMeetings(null);
    request<{ meetings: { edges: { node: CalendarMeeting }[] } }>(
      `query ($from: DateTime, $to: DateTime) { meetings(filter: { from: $from, to: $to }, first: 100) {
        edges { node { ${MEETING_ROW} } } } }`,
      { from, to },
    )
      .then((data) => {
        if (live) setMeetings(data.meetings.edges.map((e) => e.node));
      })
      .catch((error: Error) => notify(error.message, { type: "error" }));
    return () => {
      live = false;
    };
  }, [year, mon, notify]);

  const days = useMemo(() => {
    const first = new Date(year, mon - 1, 1);
    const offset = (first.getDay() + 6) % 7;
    const count = new Date(year, mon, 0).getDate();
    const cells: (string | null)[] = Array.from({ length: offset }, () => null);
    for (let d = 1; d <= count; d++) cells.push(`${month}-${pad(d)}`);
    while (cells.length % 7) cells.push(null);
    return cells;
  }, [year, mon, month]);

  const shift = (delta: number) => {
    const d = new Date(year, mon - 1 + delta, 1);
    setMonth(`${d.getFullYear()}-${pad(d.getMonth() + 1)}`);
  };
  const byDay = (day: string) =>
    (meetings ?? []).filter(
      (m) =>
        new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin" }).format(new Date(m.scheduledAt)) ===
        day,
    );
  const today = todayBerlin();

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="gov.meetings.calendarTitle" />
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", mb: 2, flexWrap: "wrap" }}>
          <IconButton onClick={() => shift(-1)} aria-label={translate("gov.meetings.previousMonth")}>
            <ChevronLeftIcon />
          </IconButton>
          <Typography variant="h6" component="h1" sx={{ minWidth: 180, textAlign: "center" }}>
            {MONTHS[mon - 1]} {year}
          </Typography>
          <IconButton onClick={() => shift(1)} aria-label={translate("gov.meetings.nextMonth")}>
            <ChevronRightIcon />
          </IconButton>
          <Button size="small" onClick={() => setMonth(today.slice(0, 7))}>
            {translate("gov.meetings.today")}
          </Button>
          <Box sx={{ flexGrow: 1 }} />
          <Button component={Link} to="/meetings" startIcon={<ListIcon />} size="small">
            {translate("gov.meetings.list")}
          </Button>
        </Stack>
        <Box sx={{ display: "grid", gridTemplateColumns: "repeat(7, minmax(0, 1fr))", gap: 0.5 }}>
          {DAY_NAMES.map((name) => (
            <Typography key={name} variant="caption" sx={{ fontWeight: 600, textAlign: "center" }}>
              {name}
            </Typography>
          ))}
          {days.map((day, i) => (
            <Box
              key={day ?? `empty-${i}`}
              sx={{
                minHeight: 96,
                border: 1,
                borderColor: day === today ? "primary.main" : "divider",
                borderRadius: 1,
                p: 0.5,
                bgcolor: day ? "background.paper" : "action.hover",
                overflow: "hidden",
              }}
            >
              {day && (
                <>
                  <Typography
                    variant="caption"
                    component="div"
                    sx={{ fontWeight: day === today ? 700 : 400 }}
                  >
                    {Number(day.slice(8))}.
                  </Typography>
                  {byDay(day).map((m) => (
                    <MuiLink
                      key={m.id}
                      component={Link}
                      to={showPath("meetings", m.id)}
                      variant="caption"
                      sx={{
                        display: "block",
                        textDecoration: m.status === "CANCELLED" ? "line-through" : "none",
                        lineHeight: 1.3,
                        mb: 0.5,
                      }}
                    >
                      {timeOf(m.scheduledAt)} {translate(`enums.MeetingKind.${m.kind}`)}
                      <Box component="span" sx={{ display: { xs: "none", md: "inline" } }}>
                        {" "}
                        · {m.authority.name}
                      </Box>
                    </MuiLink>
                  ))}
                </>
              )}
            </Box>
          ))}
        </Box>
        {meetings === null && (
          <Typography variant="body2" sx={{ mt: 1 }}>
            {translate("gov.common.loading")}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
