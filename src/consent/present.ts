import { CONSENT_SCOPES, type ConsentScope } from "../platform/access/index.ts";
import { SCOPE_LABELS } from "./schema.ts";
import type { ConsentRow } from "./store.ts";

type PartyFields = Pick<ConsentRow, "partyOrganisationName" | "partyFamilyMemberName" | "partyFamilyMemberRelationship" | "partyDescription">;

/** Who a consent is with, in words: "Harbour Housing", "Maureen Holloway (Mum)", or the description given. */
export function partyName(consent: PartyFields): string {
  if (consent.partyOrganisationName) return consent.partyOrganisationName;
  if (consent.partyFamilyMemberName) {
    return consent.partyFamilyMemberRelationship ? `${consent.partyFamilyMemberName} (${consent.partyFamilyMemberRelationship})` : consent.partyFamilyMemberName;
  }
  return consent.partyDescription ?? "someone not named";
}

/** "Consent to share with Harbour Housing": the subject of every line about a consent. */
export function consentSubject(consent: PartyFields & Pick<ConsentRow, "type">): string {
  if (consent.type === "share-with") return `Consent to share with ${partyName(consent)}`;
  if (consent.type === "contact-agencies") return `Consent to contact ${partyName(consent)} on their behalf`;
  return "Consent to work with the service";
}

export function knownScopes(scopes: readonly string[]): ConsentScope[] {
  return CONSENT_SCOPES.filter((scope) => scopes.includes(scope));
}

/** "story, contacts, wellness plan" */
export function scopeSummary(scopes: readonly string[]): string {
  return knownScopes(scopes)
    .map((scope) => SCOPE_LABELS[scope].short)
    .join(", ");
}

/** The API's shape of a consent. */
export function presentConsentForApi(consent: ConsentRow) {
  return {
    id: consent.id,
    personId: consent.personId,
    type: consent.type,
    party: {
      organisationId: consent.partyOrganisationId,
      organisationName: consent.partyOrganisationName,
      familyMemberId: consent.partyFamilyMemberId,
      familyMemberName: consent.partyFamilyMemberName,
      description: consent.partyDescription,
    },
    scopes: knownScopes(consent.scopes),
    howGiven: consent.howGiven,
    givenOn: consent.givenOn,
    reviewOn: consent.reviewOn,
    withdrawnOn: consent.withdrawnOn,
    note: consent.note,
    status: consent.status,
    recordedBy: consent.recordedById ? { id: consent.recordedById, name: consent.recordedByName } : null,
    version: consent.version,
  };
}
