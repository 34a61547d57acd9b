// Onboarding a new member: the provider's administrator creates a school authority with its
// agreement (the legal basis as data) and its schools.
import { requireOnboarder } from "../../access/organisations.ts";
import type { AgreementKind, AuthorityKind, SchoolKind } from "../../db/generated/client/enums.ts";
import { germanDate, isIsoDate } from "../../lib/dates.ts";
import { badInput, conflict, notFound } from "../../lib/errors.ts";
import { isFederalState } from "../../lib/holidays.ts";
import { optionalText, requiredText } from "../../lib/validate.ts";
import type { Work } from "../work.ts";

/** The German name of each kind of agreement, as the seeds call them; it fills `legalBasis`. */
export const AGREEMENT_NAMES: Record<AgreementKind, string> = {
  PUBLIC_LAW_AGREEMENT: "Öffentlich-rechtliche Vereinbarung",
  SPECIAL_PURPOSE_AGREEMENT: "Zweckvereinbarung",
  MEMBERSHIP: "Satzung (Trägerschaft)",
  COOPERATION_CONTRACT: "Kooperationsvertrag",
};

/** The federal states whose public holidays the hub knows (server/lib/holidays.ts). */
const STATE_NAMES: Record<string, string> = { MV: "Mecklenburg-Vorpommern", SL: "Saarland", TH: "Thüringen" };

export interface AgreementInput {
  kind: AgreementKind;
  councilDecisionOn?: string | null;
  signedOn?: string | null;
  startsOn: string;
  reference?: string | null;
}

function optionalDate(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  if (!isIsoDate(value)) throw badInput(field, `"${value}" ist kein Datum im Format JJJJ-MM-TT.`);
  return value;
}

function checkAgreement(agreement: AgreementInput) {
  const startsOn = optionalDate(agreement.startsOn, "agreement.startsOn") as string;
  const councilDecisionOn = optionalDate(agreement.councilDecisionOn, "agreement.councilDecisionOn");
  const signedOn = optionalDate(agreement.signedOn, "agreement.signedOn");
  if (councilDecisionOn && signedOn && signedOn < councilDecisionOn) {
    throw badInput(
      "agreement.signedOn",
      `Die Vereinbarung kann nicht vor dem Beschluss (${germanDate(councilDecisionOn)}) unterzeichnet sein.`,
    );
  }
  const reference = optionalText(agreement.reference, "agreement.reference", "Das Aktenzeichen", 200);
  return { kind: agreement.kind, startsOn, councilDecisionOn, signedOn, reference };
}

function duplicate(message: string) {
  return (error: unknown): never => {
    if ((error as { code?: string }).code === "P2002") throw conflict(message);
    throw error;
  };
}

export async function createSchoolAuthority(
  { tx, access, audit }: Work,
  input: { name: string; kind: AuthorityKind; state: string; agreement: AgreementInput },
) {
  const user = requireOnboarder(access);
  const name = requiredText(input.name, "name", "Der Name", 200);
  const state = input.state.trim().toUpperCase();
  if (!isFederalState(state)) {
    throw badInput(
      "state",
      `„${input.state}“ ist kein Bundesland, dessen Feiertage der Hub kennt (${Object.entries(STATE_NAMES)
        .map(([code, label]) => `${code}: ${label}`)
        .join(", ")}).`,
    );
  }
  const agreement = checkAgreement(input.agreement);
  const taken = `Es gibt bereits einen Schulträger mit dem Namen „${name}“.`;
  if (await tx.schoolAuthority.findUnique({ where: { name }, select: { id: true } })) throw conflict(taken);
  const data = {
    providerId: user.providerId,
    name,
    kind: input.kind,
    state,
    legalBasis: AGREEMENT_NAMES[agreement.kind],
    agreementStart: agreement.startsOn,
    agreementKind: agreement.kind,
    agreementCouncilDecisionOn: agreement.councilDecisionOn,
    agreementSignedOn: agreement.signedOn,
    agreementReference: agreement.reference,
  };
  const authority = await tx.schoolAuthority.create({ data }).catch(duplicate(taken));
  audit({
    authorityId: authority.id,
    objectType: "SchoolAuthority",
    objectId: authority.id,
    action: "CREATE",
    changes: data,
  });
  return authority;
}

export async function createSchool(
  { tx, access, audit, publish }: Work,
  input: { authorityId: string; name: string; kind: SchoolKind },
) {
  requireOnboarder(access);
  const authority = await tx.schoolAuthority.findUnique({ where: { id: input.authorityId } });
  if (!authority || !access.canSeeAuthority(authority.id)) throw notFound("Schulträger");
  const name = requiredText(input.name, "name", "Der Name", 200);
  const taken = `${authority.name} hat bereits eine Schule mit dem Namen „${name}“.`;
  const existing = await tx.school.findUnique({
    where: { authorityId_name: { authorityId: authority.id, name } },
    select: { id: true },
  });
  if (existing) throw conflict(taken);
  const school = await tx.school
    .create({ data: { authorityId: authority.id, name, kind: input.kind } })
    .catch(duplicate(taken));
  audit({
    authorityId: authority.id,
    objectType: "School",
    objectId: school.id,
    action: "CREATE",
    changes: { name, kind: input.kind, upgradeStatus: school.upgradeStatus },
  });
  publish("schoolUpdated", { authorityId: authority.id, schoolId: school.id });
  return school;
}
