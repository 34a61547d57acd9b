// Action items (overdue first), procurement requests with their lifecycle, and the audit trail.
import { Box, Button, Link as MuiLink, Stack, Typography } from "@mui/material";
import { useEffect, useState } from "react";
import {
  AutocompleteInput,
  BooleanField,
  Datagrid,
  FunctionField,
  List,
  ReferenceInput,
  SearchInput,
  SelectField,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useGetIdentity,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
} from "react-admin";
import { Link } from "react-router-dom";
import { hasRole } from "../authProvider.ts";
import type { Row } from "../dataProvider/registry.ts";
import { date, dateTime, euro } from "../format.ts";
import { request } from "../graphql.ts";
import { choices } from "../organisations/enums.ts";
import { ListExportMenu, type ListExports, useListExports } from "../ui/ExportMenu.tsx";
import type { ExportColumn } from "../ui/exports.ts";
import { ACTION_ITEM_STATUSES, PROCUREMENT_CATEGORIES, PROCUREMENT_STATUSES } from "./enums.ts";
import { LiveRefresh } from "./live.tsx";
import { ProcurementListActions } from "./procurement.tsx";
import { EnumChip, ListEmpty, OverdueChip, showPath, useAction, useCanRecord } from "./util.tsx";

const authorityFilter = (key: string, label: string, alwaysOn = false) => (
  <ReferenceInput key={key} source="authorityId" reference="authorities" alwaysOn={alwaysOn}>
    <AutocompleteInput optionText="name" label={label} />
  </ReferenceInput>
);

const actionFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="status"
    source="status"
    choices={choices("ActionItemStatus", ACTION_ITEM_STATUSES)}
    alwaysOn
  />,
  authorityFilter("authority", "resources.actionItems.fields.authority"),
];

function ActionItemButtons() {
  const record = useRecordContext();
  const translate = useTranslate();
  const canRecord = useCanRecord();
  const { identity } = useGetIdentity();
  const refresh = useRefresh();
  const { busy, run } = useAction();
  if (record?.status !== "OPEN") return null;
  if (!canRecord && record.owner?.id !== identity?.id) return null;
  const set = (status: string) =>
    run(
      () =>
        request(
          "mutation ($id: ID!, $s: ActionItemStatus!) { setActionItemStatus(actionItemId: $id, status: $s) { id } }",
          { id: record.id, s: status },
        ),
      "gov.actionItems.changed",
    ).then((ok) => ok && refresh());
  return (
    <Stack direction="row" spacing={1} onClick={(e) => e.stopPropagation()}>
      <Button
        size="small"
        disabled={busy}
        onClick={() => set("DONE")}
        aria-label={`${translate("gov.actionItems.markDone")}: ${record.title}`}
      >
        {translate("gov.actionItems.markDone")}
      </Button>
      <Button
        size="small"
        color="inherit"
        disabled={busy}
        onClick={() => set("CANCELLED")}
        aria-label={`${translate("gov.actionItems.markCancelled")}: ${record.title}`}
      >
        {translate("gov.actionItems.markCancelled")}
      </Button>
    </Stack>
  );
}

const ACTION_ITEM_EXPORT: ExportColumn[] = [
  { label: "resources.actionItems.fields.title", value: (r) => r.title },
  { label: "resources.actionItems.fields.owner", value: (r) => r.owner?.name },
  { label: "resources.actionItems.fields.dueDate", value: (r) => r.dueDate, kind: "date" },
  { label: "resources.actionItems.fields.status", value: (r, t) => t(`enums.ActionItemStatus.${r.status}`) },
  {
    label: "resources.actionItems.fields.overdue",
    value: (r, t) => t(r.overdue ? "ra.boolean.true" : "ra.boolean.false"),
  },
  {
    label: "resources.actionItems.fields.meeting",
    value: (r) => `${date(r.meeting.scheduledAt)}${r.agendaItem ? ` · TOP ${r.agendaItem.position}` : ""}`,
  },
  { label: "resources.actionItems.fields.authority", value: (r) => r.authority?.name },
];

/** The export is the list's only action: its filters stand above the rows. */
function ExportOnly({ exports }: { exports: ListExports }) {
  return (
    <TopToolbar>
      <ListExportMenu exports={exports} />
    </TopToolbar>
  );
}

export function ActionItemList() {
  const exports = useListExports(ACTION_ITEM_EXPORT, "resources.actionItems.name");
  return (
    <List
      empty={<ListEmpty />}
      exporter={exports.csv}
      filters={actionFilters}
      filterDefaultValues={{ status: "OPEN" }}
      sort={{ field: "rank", order: "ASC" }}
      perPage={25}
      actions={<ExportOnly exports={exports} />}
      aside={<LiveRefresh />}
    >
      <Datagrid empty={<ListEmpty />} bulkActionButtons={false} rowClick={false}>
        <TextField source="title" sortable={false} />
        <TextField
          source="owner.name"
          label="resources.actionItems.fields.owner"
          emptyText="–"
          sortable={false}
        />
        <FunctionField source="dueDate" render={(r) => date(r.dueDate)} />
        <FunctionField
          source="status"
          render={(r) => (
            <Stack direction="row" spacing={0.5}>
              <EnumChip name="ActionItemStatus" value={r.status} />
              {r.overdue && <OverdueChip />}
            </Stack>
          )}
        />
        <FunctionField
          source="meeting"
          sortable={false}
          render={(r) => (
            <MuiLink component={Link} to={showPath("meetings", r.meeting.id)}>
              {date(r.meeting.scheduledAt)}
              {r.agendaItem ? ` · TOP ${r.agendaItem.position}` : ""}
            </MuiLink>
          )}
        />
        <TextField source="authority.name" label="resources.actionItems.fields.authority" sortable={false} />
        <FunctionField label="" render={() => <ActionItemButtons />} />
      </Datagrid>
    </List>
  );
}

const procurementFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="status"
    source="status"
    choices={choices("ProcurementStatus", PROCUREMENT_STATUSES)}
    alwaysOn
  />,
  <SelectInput
    key="category"
    source="category"
    choices={choices("ProcurementCategory", PROCUREMENT_CATEGORIES)}
  />,
  authorityFilter("authority", "resources.procurementRequests.fields.authority"),
];

const PROCUREMENT_EXPORT: ExportColumn[] = [
  { label: "resources.procurementRequests.fields.createdAt", value: (r) => r.createdAt, kind: "date" },
  { label: "resources.procurementRequests.fields.title", value: (r) => r.title },
  { label: "resources.procurementRequests.fields.school", value: (r) => r.school?.name },
  { label: "resources.procurementRequests.fields.authority", value: (r) => r.authority?.name },
  {
    label: "resources.procurementRequests.fields.category",
    value: (r, t) => t(`enums.ProcurementCategory.${r.category}`),
  },
  {
    label: "resources.procurementRequests.fields.estimatedCost",
    value: (r) => r.estimatedCost,
    kind: "euro",
  },
  {
    label: "resources.procurementRequests.fields.status",
    value: (r, t) => t(`enums.ProcurementStatus.${r.status}`),
  },
  { label: "resources.procurementRequests.fields.justification", value: (r) => r.justification },
];

export function ProcurementList() {
  const exports = useListExports(PROCUREMENT_EXPORT, "resources.procurementRequests.name");
  return (
    <List
      empty={<ListEmpty />}
      exporter={exports.csv}
      filters={procurementFilters}
      sort={{ field: "createdAt", order: "DESC" }}
      perPage={25}
      actions={<ProcurementListActions exports={exports} />}
      aside={<LiveRefresh />}
    >
      <Datagrid empty={<ListEmpty />} rowClick="show" bulkActionButtons={false}>
        <FunctionField source="createdAt" render={(r) => date(r.createdAt)} />
        <TextField source="title" />
        <TextField source="school.name" label="resources.procurementRequests.fields.school" />
        <SelectField source="category" choices={choices("ProcurementCategory", PROCUREMENT_CATEGORIES)} />
        <FunctionField source="estimatedCost" textAlign="right" render={(r) => euro(r.estimatedCost)} />
        <FunctionField
          source="status"
          render={(r) => <EnumChip name="ProcurementStatus" value={r.status} />}
        />
      </Datagrid>
    </List>
  );
}

/** The lifecycle step the signed-in person may take next, per the server's rules. */
function ProcurementActions() {
  const record = useRecordContext();
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const refresh = useRefresh();
  const { busy, run } = useAction();
  if (!record) return <TopToolbar />;
  const supplier = hasRole(permissions, "ADMIN", "SERVICE_MANAGER");
  const acceptor = hasRole(permissions, "SCHOOL_IT_OFFICER");
  const step = (mutation: string, label: string) => (
    <Button
      variant="contained"
      size="small"
      disabled={busy}
      onClick={() =>
        run(
          () =>
            request(`mutation ($id: ID!) { ${mutation}(procurementRequestId: $id) { id } }`, {
              id: record.id,
            }),
          "gov.procurement.changed",
        ).then((ok) => ok && refresh())
      }
    >
      {translate(label)}
    </Button>
  );
  return (
    <TopToolbar>
      {supplier && record.status === "APPROVED" && step("markProcurementOrdered", "gov.procurement.order")}
      {supplier && record.status === "ORDERED" && step("markProcurementDelivered", "gov.procurement.deliver")}
      {acceptor &&
        record.status === "DELIVERED" &&
        record.acceptanceRequired &&
        step("acceptProcurementRequest", "gov.procurement.accept")}
    </TopToolbar>
  );
}

export function ProcurementShow() {
  const { permissions } = usePermissions();
  // School contacts read no steering records, decisions included.
  const withDecisions = Array.isArray(permissions) && permissions.some((role) => role !== "SCHOOL_CONTACT");
  return (
    <Show actions={<ProcurementActions />} queryOptions={{ meta: { withDecisions } }}>
      <SimpleShowLayout>
        <TextField source="title" />
        <FunctionField
          source="status"
          render={(r) => <EnumChip name="ProcurementStatus" value={r.status} />}
        />
        <TextField source="school.name" label="resources.procurementRequests.fields.school" />
        <TextField source="authority.name" label="resources.procurementRequests.fields.authority" />
        <SelectField source="category" choices={choices("ProcurementCategory", PROCUREMENT_CATEGORIES)} />
        <FunctionField source="estimatedCost" render={(r) => euro(r.estimatedCost)} />
        <TextField source="justification" />
        <TextField source="raisedBy.name" label="resources.procurementRequests.fields.raisedBy" />
        <FunctionField source="createdAt" render={(r) => dateTime(r.createdAt)} />
        <FunctionField source="orderedAt" render={(r) => dateTime(r.orderedAt)} />
        <FunctionField source="deliveredAt" render={(r) => dateTime(r.deliveredAt)} />
        <BooleanField source="acceptanceRequired" />
        <FunctionField
          source="acceptedAt"
          render={(r) => (r.acceptedAt ? `${dateTime(r.acceptedAt)} · ${r.acceptedBy?.name ?? ""}` : "–")}
        />
        <FunctionField
          source="decisions"
          render={(r) =>
            !r.decisions?.length ? (
              "–"
            ) : (
              <Stack spacing={0.5}>
                {r.decisions.map((d: Row) => (
                  <Box key={d.id}>
                    <MuiLink component={Link} to={showPath("decisions", d.id)}>
                      {date(d.decidedOn)}: {d.title}
                    </MuiLink>{" "}
                    <EnumChip name="DecisionStatus" value={d.status} />
                  </Box>
                ))}
              </Stack>
            )
          }
        />
      </SimpleShowLayout>
    </Show>
  );
}

/** Filter choices with the server's German names of the audit trail's records and actions. */
function useAuditVocabulary() {
  const [vocabulary, setVocabulary] = useState<AuditVocabulary | null>(null);
  useEffect(() => {
    let live = true;
    request<{ auditVocabulary: AuditVocabulary }>(
      "{ auditVocabulary { objectTypes { value label } actions { value label } } }",
    ).then(
      (data) => live && setVocabulary(data.auditVocabulary),
      () => live && setVocabulary({ objectTypes: [], actions: [] }),
    );
    return () => {
      live = false;
    };
  }, []);
  return vocabulary;
}

interface AuditVocabulary {
  objectTypes: { value: string; label: string }[];
  actions: { value: string; label: string }[];
}

const byLabel = (terms: { value: string; label: string }[]) =>
  [...terms]
    .sort((a, b) => a.label.localeCompare(b.label, "de"))
    .map((term) => ({ id: term.value, name: term.label }));

/** Each change as "Feld: vorher → nachher", as the server words it. */
function Changes({ changes }: { changes: { field: string; before: string | null; after: string | null }[] }) {
  if (changes.length === 0) return <>–</>;
  return (
    <Box component="ul" sx={{ m: 0, pl: 2 }}>
      {changes.map((change) => (
        <Typography key={change.field} component="li" variant="body2">
          <strong>{change.field}:</strong>{" "}
          {change.before === null ? (change.after ?? "–") : `${change.before} → ${change.after ?? "–"}`}
        </Typography>
      ))}
    </Box>
  );
}

const AUDIT_EXPORT: ExportColumn[] = [
  { label: "resources.auditLog.fields.at", value: (r) => r.at, kind: "dateTime" },
  { label: "resources.auditLog.fields.actor", value: (r) => r.actor?.name },
  { label: "resources.auditLog.fields.authority", value: (r) => r.authority?.name },
  { label: "resources.auditLog.fields.objectType", value: (r) => r.objectLabel },
  { label: "resources.auditLog.fields.action", value: (r) => r.actionLabel },
  {
    label: "resources.auditLog.fields.changes",
    value: (r) =>
      (r.changeList ?? [])
        .map(
          (c: Row) =>
            `${c.field}: ${c.before === null ? (c.after ?? "–") : `${c.before} → ${c.after ?? "–"}`}`,
        )
        .join(" | "),
  },
];

export function AuditList() {
  const exports = useListExports(AUDIT_EXPORT, "resources.auditLog.name");
  const vocabulary = useAuditVocabulary();
  const filters = [
    <SelectInput
      key="objectType"
      source="objectType"
      label="gov.audit.objectFilter"
      choices={byLabel(vocabulary?.objectTypes ?? [])}
      alwaysOn
    />,
    <SelectInput
      key="action"
      source="action"
      label="gov.audit.actionFilter"
      choices={byLabel(vocabulary?.actions ?? [])}
      alwaysOn
    />,
    authorityFilter("authority", "resources.auditLog.fields.authority"),
  ];
  return (
    <List
      empty={<ListEmpty />}
      exporter={exports.csv}
      filters={filters}
      perPage={50}
      actions={<ExportOnly exports={exports} />}
    >
      <Datagrid empty={<ListEmpty />} bulkActionButtons={false} rowClick={false}>
        <FunctionField source="at" sortable={false} render={(r) => dateTime(r.at)} />
        <TextField
          source="actor.name"
          label="resources.auditLog.fields.actor"
          emptyText="–"
          sortable={false}
        />
        <TextField
          source="authority.name"
          label="resources.auditLog.fields.authority"
          emptyText="–"
          sortable={false}
        />
        <TextField source="objectLabel" label="resources.auditLog.fields.objectType" sortable={false} />
        <TextField source="actionLabel" label="resources.auditLog.fields.action" sortable={false} />
        <FunctionField
          source="changeList"
          label="resources.auditLog.fields.changes"
          sortable={false}
          render={(r) => <Changes changes={r.changeList ?? []} />}
        />
      </Datagrid>
    </List>
  );
}
