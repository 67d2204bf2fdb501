import { maySee, type Relationship } from "../platform/access/index.ts";
import { CARE_TEAM_ROLE_LABELS } from "../platform/access/roles.ts";
import type { CareTeamEntry, PersonListRow, PersonRow } from "./store.ts";

/**
 * Parts of the person record the actor does not see: the story needs consent to share "story",
 * contact details need "contacts"; peer mentors and carers never see aliases, peer mentors not the
 * date of birth either.
 */
export function withheldSections(relationship: Relationship): string[] {
  const withheld: string[] = [];
  if (!maySee(relationship, "story")) withheld.push("story");
  if (!maySee(relationship, "contacts")) withheld.push("contactDetails");
  if (relationship.audience === "peer-mentor" || relationship.audience === "carer") withheld.push("aliases");
  if (relationship.audience === "peer-mentor") withheld.push("dateOfBirth");
  return withheld;
}

export function displayName(person: Pick<PersonRow, "givenName" | "familyName" | "preferredName">): string {
  return person.preferredName ? `${person.preferredName} ${person.familyName}` : `${person.givenName} ${person.familyName}`;
}

/** The API's shape of a person, holding only what the audience may see. */
export function presentPersonForApi(person: PersonRow, careTeam: CareTeamEntry[], relationship: Relationship) {
  const withheld = new Set(withheldSections(relationship));
  return {
    id: person.id,
    givenName: person.givenName,
    familyName: person.familyName,
    preferredName: person.preferredName,
    pronouns: person.pronouns,
    engagementStatus: person.engagementStatus,
    contactIntensity: person.contactIntensity,
    communicationNeeds: person.communicationNeeds,
    closedAt: person.closedAt?.toISOString() ?? null,
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
