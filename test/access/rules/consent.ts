import { CHANGES, only, personEdit, READS, type Rule } from "../matrix.ts";

/**
 * Access rules for consent (src/consent): the person's key workers and manager only; partners and
 * peer mentors who see the person are refused. No consent has the stand-in id
 * (src/consent/consent-access.test.ts uses real ones).
 */
export const consentRules: Record<string, Rule> = {
  "GET /people/:id/consent": { expect: personEdit, relationships: READS },
  "GET /people/:id/consent/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/consent": { expect: personEdit, relationships: CHANGES },
  "GET /people/:id/consent/information-received": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/consent/information-received": { expect: personEdit, relationships: CHANGES },
  "GET /consents/:consentId/edit": { expect: only([], "hidden") },
  "POST /consents/:consentId": { expect: only([], "hidden") },
  "GET /consents/:consentId/withdraw": { expect: only([], "hidden") },
  "POST /consents/:consentId/withdraw": { expect: only([], "hidden") },
  "POST /consents/:consentId/review": { expect: only([], "hidden") },
  "GET /api/v1/people/:id/consents": { expect: personEdit, relationships: READS },
  "POST /api/v1/people/:id/consents": { expect: personEdit, relationships: CHANGES, json: () => ({ type: "work-with-service", howGiven: "verbal" }) },
  "PATCH /api/v1/consents/:consentId": { expect: only([], "hidden"), json: () => ({ note: "Matrix check", version: 1 }) },
};
