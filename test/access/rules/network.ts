import { CHANGES, only, personEdit, personRecord, READS, SIGNED_IN, type Rule } from "../matrix.ts";
import { directoryService, externalProfessional, familyMember, ids, organisation, peerMentorMember, serviceInvolved } from "../records.ts";

/**
 * Access rules for the team around the person and the directory (src/network).
 *
 * Ending a member's place (the peer mentor's, here) and changing one professional, family member or
 * service involved are changes to the team, for those who may change the record (src/network/service.ts
 * `assertMayEditTeam`, entries.ts `readEntryForEditing`): refused (403) to those who only see the
 * person, before the member or entry is looked for; a grant may not change it. The directory's
 * services and organisations are the administrators' to change (src/network/directory.ts).
 */

const aProfessional = ids({ professionalId: externalProfessional });
const aFamilyMember = ids({ familyMemberId: familyMember });
const aServiceInvolved = ids({ serviceInvolvedId: serviceInvolved });
const administrators = only(["administrator"]);

export const networkRules: Record<string, Rule> = {
  "GET /people/:id/team": { expect: personRecord, relationships: READS },
  "GET /people/:id/team/members/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/team/members": { expect: personEdit, relationships: CHANGES },
  "GET /people/:id/team/lead": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/team/lead": { expect: personEdit, relationships: CHANGES },
  "GET /people/:id/team/members/:userId/end": { expect: personEdit, relationships: CHANGES, ids: ids({ userId: peerMentorMember }) },
  "POST /people/:id/team/members/:userId/end": { expect: personEdit, relationships: CHANGES, ids: ids({ userId: peerMentorMember }) },
  "GET /people/:id/team/professionals/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/team/professionals": { expect: personEdit, relationships: CHANGES },
  "GET /people/:id/team/family/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/team/family": { expect: personEdit, relationships: CHANGES },
  "GET /people/:id/team/services/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/team/services": { expect: personEdit, relationships: CHANGES },
  "GET /external-professionals/:professionalId/edit": { expect: personEdit, relationships: CHANGES, ids: aProfessional },
  "POST /external-professionals/:professionalId": { expect: personEdit, relationships: CHANGES, ids: aProfessional },
  "POST /external-professionals/:professionalId/end": { expect: personEdit, relationships: CHANGES, ids: aProfessional },
  "GET /family-members/:familyMemberId/edit": { expect: personEdit, relationships: CHANGES, ids: aFamilyMember },
  "POST /family-members/:familyMemberId": { expect: personEdit, relationships: CHANGES, ids: aFamilyMember },
  "POST /family-members/:familyMemberId/end": { expect: personEdit, relationships: CHANGES, ids: aFamilyMember },
  "GET /services-involved/:serviceInvolvedId/edit": { expect: personEdit, relationships: CHANGES, ids: aServiceInvolved },
  "POST /services-involved/:serviceInvolvedId": { expect: personEdit, relationships: CHANGES, ids: aServiceInvolved },
  "POST /services-involved/:serviceInvolvedId/end": { expect: personEdit, relationships: CHANGES, ids: aServiceInvolved },
  "GET /directory": { expect: SIGNED_IN },
  "GET /directory/services/new": { expect: administrators },
  "POST /directory/services": { expect: administrators },
  "GET /directory/services/:serviceId/edit": { expect: administrators, ids: ids({ serviceId: directoryService }) },
  "POST /directory/services/:serviceId": { expect: administrators, ids: ids({ serviceId: directoryService }) },
  "GET /directory/organisations/new": { expect: administrators },
  "POST /directory/organisations": { expect: administrators },
  "GET /directory/organisations/:organisationId/edit": { expect: administrators, ids: ids({ organisationId: organisation }) },
  "POST /directory/organisations/:organisationId": { expect: administrators, ids: ids({ organisationId: organisation }) },
  "GET /api/v1/people/:id/team": { expect: personRecord, relationships: READS },
  "POST /api/v1/people/:id/team": { expect: personEdit, relationships: CHANGES, json: () => ({ kind: "external", name: "Dr Matrix", role: "GP", organisationName: "Matrix Practice" }) },
  "GET /api/v1/services": { expect: SIGNED_IN },
};
