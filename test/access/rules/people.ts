import { AUDIT_TRAIL, CHANGES, creators, only, personAudit, personEdit, personRecord, READS, SIGNED_IN, type Rule } from "../matrix.ts";

/** Access rules for people and their records' own pages (src/people), and the audit trail (src/platform/audit). */
export const peopleRules: Record<string, Rule> = {
  "GET /people": { expect: only(["lead worker", "worker outside the team", "team manager", "other team's manager", "partner in the team", "partner outside the team", "peer mentor in the team"]) },
  "GET /people/new": { expect: creators },
  "POST /people": { expect: creators },
  "GET /people/:id": { expect: personRecord, relationships: READS },
  "GET /people/:id/edit": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id": { expect: personEdit, relationships: CHANGES },
  "GET /people/:id/audit": { expect: personAudit, relationships: AUDIT_TRAIL },
  // The handover summary is read, not changed: a grant reads it.
  "GET /people/:id/handover": { expect: personEdit, relationships: READS },
  "GET /people/:id/close": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/close": { expect: personEdit, relationships: CHANGES },
  "GET /people/:id/reopen": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/reopen": { expect: personEdit, relationships: CHANGES },
  "GET /api/v1/people": { expect: SIGNED_IN },
  "POST /api/v1/people": { expect: creators, json: () => ({ givenName: "Matrix", familyName: "Test" }) },
  "GET /api/v1/people/:id": { expect: personRecord, relationships: READS },
  "PATCH /api/v1/people/:id": { expect: personEdit, relationships: CHANGES, json: () => ({ pronouns: "they/them", version: 1 }) },
  // The matrix asks for the trail of the request's person (`?person=`), so the route is about a person.
  "GET /api/v1/audit": { expect: personAudit, relationships: AUDIT_TRAIL },
};
