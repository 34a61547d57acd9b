// Raising an escalation: a school contact for their own school, the school-IT officer for any
// school of the authority.
import { Box, CircularProgress } from "@mui/material";
import {
  Create,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useGetList,
  usePermissions,
  useTranslate,
} from "react-admin";
import { hasRole } from "../authProvider.ts";
import { SEVERITIES, useMe } from "./components.tsx";

export function EscalationCreate() {
  const translate = useTranslate();
  const person = useMe();
  const { permissions } = usePermissions();
  const officer = hasRole(permissions, "SCHOOL_IT_OFFICER");
  const { data: schools = [] } = useGetList(
    "schools",
    { pagination: { page: 1, perPage: 500 }, sort: { field: "name", order: "ASC" } },
    { enabled: officer },
  );
  if (!person)
    return (
      <Box sx={{ p: 4 }}>
        <CircularProgress aria-label={translate("ra.page.loading")} />
      </Box>
    );
  const choices = officer
    ? schools.map((s) => ({ id: s.id, name: s.name }))
    : person.school
      ? [{ id: person.school.id, name: person.school.name }]
      : [];
  return (
    <Create redirect="show" title={translate("escalations.board.raise")}>
      <SimpleForm defaultValues={{ schoolId: person.school?.id ?? "", severity: "MEDIUM" }}>
        <SelectInput source="schoolId" choices={choices} validate={required()} />
        <SelectInput
          source="severity"
          choices={SEVERITIES.map((id) => ({ id, name: `enums.Severity.${id}` }))}
          validate={required()}
        />
        <TextInput source="subject" validate={required()} fullWidth />
        <TextInput source="description" validate={required()} multiline minRows={4} fullWidth />
        <TextInput source="ticketRef" />
      </SimpleForm>
    </Create>
  );
}
