import { CHANGES, only, personEdit, personRecord, READS, relationships, SIGNED_IN, type Actor, type Outcome, type Rule } from "../matrix.ts";

/**
 * Access rules for the team around the person and the directory (src/network). The stand-in user is
 * not in the team and no entry, service or organisation has the stand-in id;
 * src/network/network-access.test.ts uses real ones.
 */

const endMembership = { ...only([], "hidden"), "partner in the team": "forbidden", "peer mentor in the team": "forbidden" } as Record<Actor, Outcome>;
const endMembershipRelated = relationships("hidden", "forbidden");
const unknownToAdministrators = { ...only([]), administrator: "hidden" } as Record<Actor, Outcome>;

export const networkRules: Record<string, Rule> = {
  "GET /people/:id/team": { expect: personRecord, relationships: READS },
  "GET /people/:id/team/members/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/team/members": { expect: personEdit, relationships: CHANGES },
  "GET /people/:id/team/lead": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/team/lead": { expect: personEdit, relationships: CHANGES },
  // Those who may not change the team are refused before the member is looked for: so is a grant.
  "GET /people/:id/team/members/:userId/end": { expect: endMembership, relationships: endMembershipRelated },
  "POST /people/:id/team/members/:userId/end": { expect: endMembership, relationships: endMembershipRelated },
  "GET /people/:id/team/professionals/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/team/professionals": { expect: personEdit, relationships: CHANGES },
  "GET /people/:id/team/family/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/team/family": { expect: personEdit, relationships: CHANGES },
  "GET /people/:id/team/services/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/team/services": { expect: personEdit, relationships: CHANGES },
  "GET /external-professionals/:professionalId/edit": { expect: only([], "hidden") },
  "POST /external-professionals/:professionalId": { expect: only([], "hidden") },
  "POST /external-professionals/:professionalId/end": { expect: only([], "hidden") },
  "GET /family-members/:familyMemberId/edit": { expect: only([], "hidden") },
  "POST /family-members/:familyMemberId": { expect: only([], "hidden") },
  "POST /family-members/:familyMemberId/end": { expect: only([], "hidden") },
  "GET /services-involved/:serviceInvolvedId/edit": { expect: only([], "hidden") },
  "POST /services-involved/:serviceInvolvedId": { expect: only([], "hidden") },
  "POST /services-involved/:serviceInvolvedId/end": { expect: only([], "hidden") },
  "GET /directory": { expect: SIGNED_IN },
  "GET /directory/services/new": { expect: only(["administrator"]) },
  "POST /directory/services": { expect: only(["administrator"]) },
  "GET /directory/services/:serviceId/edit": { expect: unknownToAdministrators },
  "POST /directory/services/:serviceId": { expect: unknownToAdministrators },
  "GET /directory/organisations/new": { expect: only(["administrator"]) },
  "POST /directory/organisations": { expect: only(["administrator"]) },
  "GET /directory/organisations/:organisationId/edit": { expect: unknownToAdministrators },
  "POST /directory/organisations/:organisationId": { expect: unknownToAdministrators },
  "GET /api/v1/people/:id/team": { expect: personRecord, relationships: READS },
  "POST /api/v1/people/:id/team": { expect: personEdit, relationships: CHANGES, json: () => ({ kind: "external", name: "Dr Matrix", role: "GP", organisationName: "Matrix Practice" }) },
  "GET /api/v1/services": { expect: SIGNED_IN },
};
