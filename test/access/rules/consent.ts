import { CHANGES, personEdit, READS, type Rule } from "../matrix.ts";
import { consent, ids } from "../records.ts";

/**
 * Access rules for consent (src/consent): the person's key workers and manager only; partners and
 * peer mentors who see the person are refused. One consent is the same (src/consent/access.ts):
 * refused to those who do not see the whole record, changed only by those who may change it; a
 * grant may not change it.
 */
const aConsent = ids({ consentId: consent });

export const consentRules: Record<string, Rule> = {
  "GET /people/:id/consent": { expect: personEdit, relationships: READS },
  "GET /people/:id/consent/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/consent": { expect: personEdit, relationships: CHANGES },
  "GET /people/:id/consent/information-received": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/consent/information-received": { expect: personEdit, relationships: CHANGES },
  "GET /consents/:consentId/edit": { expect: personEdit, relationships: CHANGES, ids: aConsent },
  "POST /consents/:consentId": { expect: personEdit, relationships: CHANGES, ids: aConsent },
  "GET /consents/:consentId/withdraw": { expect: personEdit, relationships: CHANGES, ids: aConsent },
  "POST /consents/:consentId/withdraw": { expect: personEdit, relationships: CHANGES, ids: aConsent },
  "POST /consents/:consentId/review": { expect: personEdit, relationships: CHANGES, ids: aConsent },
  "GET /api/v1/people/:id/consents": { expect: personEdit, relationships: READS },
  "POST /api/v1/people/:id/consents": { expect: personEdit, relationships: CHANGES, json: () => ({ type: "work-with-service", howGiven: "verbal" }) },
  "PATCH /api/v1/consents/:consentId": { expect: personEdit, relationships: CHANGES, ids: aConsent, json: () => ({ note: "Matrix check", version: 1 }) },
};
