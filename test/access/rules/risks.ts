import { CHANGES, only, personEdit, personRecord, READS, type Rule } from "../matrix.ts";

/** Access rules for risks (src/risks). No risk has the stand-in id. */
export const riskRules: Record<string, Rule> = {
  "GET /people/:id/risks": { expect: personRecord, relationships: READS },
  "GET /people/:id/risks/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/risks": { expect: personEdit, relationships: CHANGES },
  "GET /risks/:riskId/edit": { expect: only([], "hidden") },
  "POST /risks/:riskId": { expect: only([], "hidden") },
  "GET /api/v1/people/:id/risks": { expect: personRecord, relationships: READS },
  "POST /api/v1/people/:id/risks": { expect: personEdit, relationships: CHANGES, json: () => ({ category: "to-workers", level: "high", description: "Matrix check" }) },
  "PATCH /api/v1/risks/:riskId": { expect: only([], "hidden"), json: () => ({ level: "high", version: 1 }) },
};
