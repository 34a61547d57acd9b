// Onboarding a new member: the provider's administrator creates a school authority with its
// agreement (the legal basis as data) and adds its schools.
import {
  Create,
  DateInput,
  maxLength,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useTranslate,
} from "react-admin";
import { AGREEMENT_KINDS, AUTHORITY_KINDS, choices, FEDERAL_STATES, SCHOOL_KINDS } from "./enums.ts";
// The form's record becomes the mutation's input in resources.ts (authorityInput).

export function AuthorityCreate() {
  const translate = useTranslate();
  return (
    <Create redirect="show" title="resources.authorities.onboarding.title">
      <SimpleForm>
        <TextInput source="name" validate={[required(), maxLength(200)]} fullWidth />
        <SelectInput
          source="kind"
          choices={choices("AuthorityKind", AUTHORITY_KINDS)}
          validate={required()}
        />
        <SelectInput
          source="state"
          choices={choices("FederalState", FEDERAL_STATES)}
          validate={required()}
          helperText="resources.authorities.onboarding.stateHint"
        />
        <SelectInput
          source="agreement.kind"
          label="resources.authorities.fields.agreementKind"
          choices={choices("AgreementKind", AGREEMENT_KINDS)}
          validate={required()}
        />
        <DateInput
          source="agreement.councilDecisionOn"
          label="resources.authorities.fields.councilDecisionOn"
        />
        <DateInput source="agreement.signedOn" label="resources.authorities.fields.signedOn" />
        <DateInput
          source="agreement.startsOn"
          label="resources.authorities.fields.startsOn"
          validate={required()}
          helperText={translate("resources.authorities.onboarding.startsOnHint")}
        />
        <TextInput
          source="agreement.reference"
          label="resources.authorities.fields.reference"
          validate={maxLength(200)}
        />
      </SimpleForm>
    </Create>
  );
}

export function SchoolCreate() {
  return (
    <Create redirect="show" title="resources.schools.onboarding.title">
      <SimpleForm>
        <ReferenceInput source="authorityId" reference="authorities" sort={{ field: "name", order: "ASC" }}>
          <SelectInput optionText="name" label="resources.schools.fields.authority" validate={required()} />
        </ReferenceInput>
        <TextInput source="name" validate={[required(), maxLength(200)]} fullWidth />
        <SelectInput source="kind" choices={choices("SchoolKind", SCHOOL_KINDS)} validate={required()} />
      </SimpleForm>
    </Create>
  );
}
