import { Chip } from "@mui/material";
import {
  ArrayField,
  BooleanField,
  CreateButton,
  Datagrid,
  DateField,
  Edit,
  FunctionField,
  List,
  NumberField,
  ReferenceField,
  SearchInput,
  SelectField,
  SelectInput,
  Show,
  SimpleForm,
  TabbedShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  usePermissions,
  useRecordContext,
  useTranslate,
} from "react-admin";
import { hasRole } from "../authProvider.ts";
import { ListExportMenu, type ListExports, useListExports } from "../ui/ExportMenu.tsx";
import type { ExportColumn } from "../ui/exports.ts";
import {
  AGREEMENT_KINDS,
  AUTHORITY_KINDS,
  choices,
  DEPARTMENTS,
  SCHOOL_KINDS,
  SUPPORT_SIDES,
  UPGRADE_STATUSES,
} from "./enums.ts";
import { HandoverSection } from "./handovers.tsx";

function SupportChip() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      color={record.supportedBy === "PROVIDER" ? "primary" : "default"}
      label={translate(`enums.SupportSide.${record.supportedBy}`)}
    />
  );
}

/** Only the provider's administrator onboards authorities and schools; everyone may export. */
function OnboardingActions({ exports }: { exports: ListExports }) {
  const { permissions } = usePermissions();
  return (
    <TopToolbar>
      {hasRole(permissions, "ADMIN") && <CreateButton />}
      <ListExportMenu exports={exports} />
    </TopToolbar>
  );
}

const AUTHORITY_EXPORT: ExportColumn[] = [
  { label: "resources.authorities.fields.name", value: (a) => a.name },
  { label: "resources.authorities.fields.kind", value: (a, t) => t(`enums.AuthorityKind.${a.kind}`) },
  { label: "resources.authorities.fields.state", value: (a) => a.state },
  { label: "resources.authorities.fields.schoolCount", value: (a) => a.schoolCount, kind: "integer" },
  { label: "resources.authorities.fields.agreementStart", value: (a) => a.agreementStart, kind: "date" },
];

const SCHOOL_EXPORT: ExportColumn[] = [
  { label: "resources.schools.fields.name", value: (s) => s.name },
  { label: "resources.schools.fields.authority", value: (s) => s.authority?.name },
  { label: "resources.schools.fields.kind", value: (s, t) => t(`enums.SchoolKind.${s.kind}`) },
  {
    label: "resources.schools.fields.upgradeStatus",
    value: (s, t) => t(`enums.UpgradeStatus.${s.upgradeStatus}`),
  },
  { label: "resources.schools.fields.supportedBy", value: (s, t) => t(`enums.SupportSide.${s.supportedBy}`) },
];

export function AuthorityList() {
  const exports = useListExports(AUTHORITY_EXPORT, "resources.authorities.name");
  return (
    <List
      actions={<OnboardingActions exports={exports} />}
      exporter={exports.csv}
      filters={[<SearchInput key="q" source="q" alwaysOn />]}
      sort={{ field: "name", order: "ASC" }}
      perPage={25}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <SelectField source="kind" choices={choices("AuthorityKind", AUTHORITY_KINDS)} />
        <TextField source="state" />
        <NumberField source="schoolCount" />
        <DateField source="agreementStart" locales="de-DE" />
      </Datagrid>
    </List>
  );
}

export function AuthorityShow() {
  return (
    <Show>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="resources.authorities.tabs.overview">
          <TextField source="name" />
          <SelectField source="kind" choices={choices("AuthorityKind", AUTHORITY_KINDS)} />
          <TextField source="state" />
          <TextField source="legalBasis" />
          <SelectField
            source="agreement.kind"
            label="resources.authorities.fields.agreementKind"
            choices={choices("AgreementKind", AGREEMENT_KINDS)}
            emptyText="–"
          />
          <DateField
            source="agreement.councilDecisionOn"
            label="resources.authorities.fields.councilDecisionOn"
            locales="de-DE"
            emptyText="–"
          />
          <DateField
            source="agreement.signedOn"
            label="resources.authorities.fields.signedOn"
            locales="de-DE"
            emptyText="–"
          />
          <DateField source="agreementStart" locales="de-DE" />
          <TextField
            source="agreement.reference"
            label="resources.authorities.fields.reference"
            emptyText="–"
          />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="resources.authorities.tabs.schools">
          <ArrayField source="schools" label={false}>
            <Datagrid
              bulkActionButtons={false}
              rowClick={(id) => `/schools/${encodeURIComponent(String(id))}/show`}
            >
              <TextField source="name" label="resources.schools.fields.name" />
              <SelectField
                source="kind"
                label="resources.schools.fields.kind"
                choices={choices("SchoolKind", SCHOOL_KINDS)}
              />
              <SelectField
                source="upgradeStatus"
                label="resources.schools.fields.upgradeStatus"
                choices={choices("UpgradeStatus", UPGRADE_STATUSES)}
              />
              <FunctionField label="resources.schools.fields.supportedBy" render={() => <SupportChip />} />
            </Datagrid>
          </ArrayField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="resources.authorities.tabs.steeringGroup">
          <TextField
            source="steeringGroup.name"
            label="resources.authorities.fields.steeringGroupName"
            emptyText="resources.authorities.noSteeringGroup"
          />
          <ArrayField source="steeringGroup.members" label="resources.authorities.fields.members">
            {/* A member has no page of their own: the row opens nothing, by click or by Enter. */}
            <Datagrid bulkActionButtons={false} rowClick={false}>
              <TextField source="user.name" label="resources.authorities.fields.memberName" />
              <SelectField
                source="department"
                label="resources.authorities.fields.department"
                choices={choices("Department", DEPARTMENTS)}
              />
              <BooleanField source="coordinator" label="resources.authorities.fields.coordinator" />
              <TextField source="user.email" label="resources.authorities.fields.email" />
            </Datagrid>
          </ArrayField>
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}

const schoolFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="u" source="upgradeStatus" choices={choices("UpgradeStatus", UPGRADE_STATUSES)} />,
  <SelectInput key="s" source="supportedBy" choices={choices("SupportSide", SUPPORT_SIDES)} />,
];

export function SchoolList() {
  const exports = useListExports(SCHOOL_EXPORT, "resources.schools.name");
  return (
    <List
      actions={<OnboardingActions exports={exports} />}
      exporter={exports.csv}
      filters={schoolFilters}
      sort={{ field: "name", order: "ASC" }}
      perPage={25}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="authority.name" label="resources.schools.fields.authority" />
        <SelectField source="kind" choices={choices("SchoolKind", SCHOOL_KINDS)} />
        <SelectField source="upgradeStatus" choices={choices("UpgradeStatus", UPGRADE_STATUSES)} />
        <FunctionField source="supportedBy" render={() => <SupportChip />} />
      </Datagrid>
    </List>
  );
}

export function SchoolShow() {
  const { permissions } = usePermissions();
  return (
    <Show actions={hasRole(permissions, "ADMIN", "SERVICE_MANAGER") ? undefined : false}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="resources.schools.tabs.overview">
          <TextField source="name" />
          <ReferenceField
            source="authority.id"
            reference="authorities"
            label="resources.schools.fields.authority"
            link="show"
          >
            <TextField source="name" />
          </ReferenceField>
          <SelectField source="kind" choices={choices("SchoolKind", SCHOOL_KINDS)} />
          <SelectField source="upgradeStatus" choices={choices("UpgradeStatus", UPGRADE_STATUSES)} />
          <FunctionField source="supportedBy" render={() => <SupportChip />} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="resources.schools.tabs.handovers" path="handovers">
          <HandoverSection />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}

export function SchoolEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <SimpleForm>
        <TextInput source="name" fullWidth />
        <SelectInput source="upgradeStatus" choices={choices("UpgradeStatus", UPGRADE_STATUSES)} />
      </SimpleForm>
    </Edit>
  );
}
