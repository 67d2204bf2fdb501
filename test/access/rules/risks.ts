import { CHANGES, personEdit, personRecord, READS, type Rule } from "../matrix.ts";
import { ids, risk } from "../records.ts";

/**
 * Access rules for risks (src/risks). One risk is found for those who see its category (a risk to
 * workers, as here, is shown to everyone who sees the person) and changed only by those who may
 * change the record (src/risks/service.ts `loadRisk`); a grant finds it and may not change it.
 */
const aRisk = ids({ riskId: risk });
export const riskRules: Record<string, Rule> = {
  "GET /people/:id/risks": { expect: personRecord, relationships: READS },
  "GET /people/:id/risks/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/risks": { expect: personEdit, relationships: CHANGES },
  "GET /risks/:riskId/edit": { expect: personEdit, relationships: CHANGES, ids: aRisk },
  "POST /risks/:riskId": { expect: personEdit, relationships: CHANGES, ids: aRisk },
  "GET /api/v1/people/:id/risks": { expect: personRecord, relationships: READS },
  "POST /api/v1/people/:id/risks": { expect: personEdit, relationships: CHANGES, json: () => ({ category: "to-workers", level: "high", description: "Matrix check" }) },
  "PATCH /api/v1/risks/:riskId": { expect: personEdit, relationships: CHANGES, ids: aRisk, json: () => ({ level: "high", version: 1 }) },
};
