// Raising a procurement request: a school contact for their own school, the school-IT officer
// for any school of their authority (the server's requireProcurementRaiser).
import { TextField as MuiTextField } from "@mui/material";
import { useEffect, useState } from "react";
import {
  Create,
  CreateButton,
  FilterButton,
  Loading,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  TopToolbar,
  usePermissions,
  useTranslate,
} from "react-admin";
import { hasRole, me } from "../authProvider.ts";
import { request } from "../graphql.ts";
import { choices } from "../organisations/enums.ts";
import { ListExportMenu, type ListExports } from "../ui/ExportMenu.tsx";
import { NumberInput } from "../ui/NumberInput.tsx";
import { EURO } from "../ui/numbers.ts";
import { PROCUREMENT_CATEGORIES } from "./enums.ts";

/** Whether the signed-in person may raise requests at all (which school is the server's call). */
export function useCanRaiseProcurement(): boolean {
  const { permissions } = usePermissions();
  return hasRole(permissions, "SCHOOL_CONTACT", "SCHOOL_IT_OFFICER");
}

export function ProcurementListActions({ exports }: { exports: ListExports }) {
  const canRaise = useCanRaiseProcurement();
  return (
    <TopToolbar>
      <FilterButton />
      {canRaise && <CreateButton label="gov.procurement.raise" />}
      <ListExportMenu exports={exports} />
    </TopToolbar>
  );
}

interface School {
  id: string;
  name: string;
}

/** The schools the person may raise a request for: their own, or all of their authority's. */
function useRaisableSchools(): { schools: School[] | undefined; fixed: boolean } {
  const [state, setState] = useState<{ schools: School[] | undefined; fixed: boolean }>({
    schools: undefined,
    fixed: false,
  });
  useEffect(() => {
    let live = true;
    void (async () => {
      const person = await me();
      if (person?.roles.includes("SCHOOL_IT_OFFICER") && person.authority) {
        const authorityId = person.authority.id;
        const data = await request<{ schoolAuthorities: { id: string; schools: School[] }[] }>(
          "{ schoolAuthorities { id schools { id name } } }",
        ).catch(() => ({ schoolAuthorities: [] }));
        const schools = data.schoolAuthorities.find((a) => a.id === authorityId)?.schools ?? [];
        if (live)
          setState({
            schools: [...schools].sort((a, b) => a.name.localeCompare(b.name, "de")),
            fixed: false,
          });
      } else if (live) {
        setState({ schools: person?.school ? [person.school] : [], fixed: true });
      }
    })();
    return () => {
      live = false;
    };
  }, []);
  return state;
}

export function ProcurementCreate() {
  const translate = useTranslate();
  const { schools, fixed } = useRaisableSchools();
  if (!schools) return <Loading />;
  const own = fixed ? schools[0] : undefined;
  return (
    <Create redirect="list" title="gov.procurement.raise">
      <SimpleForm
        defaultValues={{ schoolId: own?.id ?? (schools.length === 1 ? schools[0]?.id : undefined) }}
      >
        {fixed ? (
          // A school contact raises for their own school only: shown, not chosen.
          <MuiTextField
            label={translate("resources.procurementRequests.fields.school")}
            value={own?.name ?? "–"}
            slotProps={{ input: { readOnly: true } }}
            helperText={translate("gov.procurement.ownSchool")}
          />
        ) : (
          <SelectInput
            source="schoolId"
            choices={schools}
            validate={required()}
            label="resources.procurementRequests.fields.school"
          />
        )}
        <SelectInput
          source="category"
          choices={choices("ProcurementCategory", PROCUREMENT_CATEGORIES)}
          validate={required()}
        />
        <TextInput source="title" validate={required()} fullWidth />
        <TextInput source="justification" validate={required()} multiline minRows={3} fullWidth />
        <NumberInput
          source="estimatedCost"
          spec={EURO}
          label="gov.procurement.costLabel"
          helperText="gov.procurement.costHelp"
          validate={required()}
        />
      </SimpleForm>
    </Create>
  );
}
