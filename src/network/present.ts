import { CARE_TEAM_ROLE_LABELS } from "../platform/access/roles.ts";
import type { DirectoryService } from "./directory.ts";
import type { FamilyRow, MemberRow, ProfessionalRow, ServiceInvolvedRow, Team } from "./service.ts";

/** The API's shapes for the team around a person and the directory. */

export function presentMember(member: MemberRow) {
  return {
    userId: member.userId,
    name: member.name,
    role: member.role,
    roleLabel: CARE_TEAM_ROLE_LABELS[member.role],
    organisation: member.organisationName,
    since: member.startedOn,
  };
}

export function presentProfessional(row: ProfessionalRow) {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    organisation: row.organisationName,
    organisationId: row.organisationId,
    phone: row.phone,
    email: row.email,
    since: row.startedOn,
    until: row.endedOn,
    version: row.version,
  };
}

export function presentFamilyMember(row: FamilyRow) {
  return {
    id: row.id,
    name: row.name,
    relationship: row.relationship,
    isCarer: row.isCarer,
    phone: row.phone,
    email: row.email,
    contactPreferences: row.contactPreferences,
    ownNeeds: row.ownNeeds,
    hasKeyworkAccount: row.userId !== null,
    until: row.endedOn,
    version: row.version,
  };
}

export function presentServiceInvolved(row: ServiceInvolvedRow & { current?: boolean }) {
  return {
    id: row.id,
    organisation: row.organisationName,
    service: row.serviceName,
    serviceId: row.serviceId,
    from: row.startedOn,
    to: row.endedOn,
    current: row.current ?? true,
    note: row.note,
    version: row.version,
  };
}

/** The team as the API gives it: `family` only for the full audience, and absent otherwise. */
export function presentTeamForApi(team: Team) {
  return {
    members: team.members.map(presentMember),
    externalProfessionals: team.professionals.filter((row) => row.current).map(presentProfessional),
    ...(team.family ? { family: team.family.filter((row) => row.current).map(presentFamilyMember) } : {}),
    servicesInvolved: team.services.map(presentServiceInvolved),
  };
}

export function presentDirectoryService(service: DirectoryService) {
  return {
    id: service.id,
    name: service.name,
    description: service.description,
    organisation: service.organisation,
    phone: service.phone,
    email: service.email,
    website: service.website,
    area: service.area,
  };
}
