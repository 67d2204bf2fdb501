import type { Audience, Relationship } from "../platform/access/index.ts";
import { CARE_TEAM_ROLE_LABELS } from "../platform/access/roles.ts";
import type { CareTeamEntry, PersonListRow, PersonRow } from "./store.ts";

/** Sections of the record each audience does not see (until consent to share them is recorded). */
const WITHHELD: Record<Audience, string[]> = {
  full: [],
  partner: ["story", "contactDetails", "aliases"],
  "peer-mentor": ["story", "contactDetails", "aliases", "dateOfBirth"],
};

export function withheldSections(audience: Audience): string[] {
  return WITHHELD[audience];
}

export function displayName(person: Pick<PersonRow, "givenName" | "familyName" | "preferredName">): string {
  return person.preferredName ? `${person.preferredName} ${person.familyName}` : `${person.givenName} ${person.familyName}`;
}

/** The API's shape of a person, holding only what the audience may see. */
export function presentPersonForApi(person: PersonRow, careTeam: CareTeamEntry[], relationship: Relationship) {
  const withheld = new Set(WITHHELD[relationship.audience]);
  return {
    id: person.id,
    givenName: person.givenName,
    familyName: person.familyName,
    preferredName: person.preferredName,
    pronouns: person.pronouns,
    engagementStatus: person.engagementStatus,
    communicationNeeds: person.communicationNeeds,
    ...(withheld.has("dateOfBirth") ? {} : { dateOfBirth: person.dateOfBirth }),
    ...(withheld.has("aliases") ? {} : { aliases: person.aliases }),
    ...(withheld.has("contactDetails") ? {} : { phone: person.phone, email: person.email, address: person.address }),
    ...(withheld.has("story") ? {} : { story: person.story }),
    careTeam: careTeam.map((member) => ({
      userId: member.userId,
      name: member.displayName,
      organisation: member.organisationName,
      role: member.role,
      roleLabel: CARE_TEAM_ROLE_LABELS[member.role],
    })),
    yourRelationship: { careTeamRole: relationship.careTeamRole, audience: relationship.audience, mayEdit: relationship.mayEdit },
    withheld: [...withheld],
    version: person.version,
    createdAt: person.createdAt.toISOString(),
    updatedAt: person.updatedAt.toISOString(),
  };
}

export function presentPersonListItem(row: PersonListRow) {
  return {
    id: row.id,
    givenName: row.givenName,
    familyName: row.familyName,
    preferredName: row.preferredName,
    dateOfBirth: row.dateOfBirth,
    engagementStatus: row.engagementStatus,
    leadWorker: row.leadWorkerName,
    lastContactAt: row.lastContactAt?.toISOString() ?? null,
  };
}
