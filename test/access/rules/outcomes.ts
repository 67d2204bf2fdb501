import { todayIso } from "../../../src/platform/http/validation.ts";
import { DEFAULT_SCALE_DOMAINS } from "../../../src/outcomes/schema.ts";
import { CHANGES, only, READS, type Rule } from "../matrix.ts";
import { ids, outcomeReading, outcomeScale } from "../records.ts";

/**
 * Access rules for outcomes and distance travelled (src/outcomes). Outcomes go with the plan: the
 * person's key workers and their team's manager read and record them; partners and carers read them
 * only when the person shares their plan, which the matrix's person has not done, so to everyone
 * else they do not exist. One reading of the person's is corrected by those who may change the
 * record (src/outcomes/service.ts `readingForEdit`); a grant finds it and may not.
 * src/outcomes/outcomes.test.ts covers sharing, and 403 for a partner the plan is shared with.
 * The team's outcomes are each manager's for their own team; outcome scales (one of the
 * partnership's own, here) are for administrators (src/outcomes/scales.ts).
 */

const outcomes = only(["lead worker", "team manager"], "hidden");
const managers = only(["team manager", "other team's manager"]);
const administrators = only(["administrator"]);
const aReading = ids({ readingId: outcomeReading });
const aScale = ids({ scaleId: outcomeScale });

export const outcomeRules: Record<string, Rule> = {
  "GET /people/:id/outcomes": { expect: outcomes, relationships: READS },
  "GET /people/:id/outcomes/new": { expect: outcomes, relationships: CHANGES },
  // An empty form answers 400 for those who may record: past access.
  "POST /people/:id/outcomes": { expect: outcomes, relationships: CHANGES },
  "GET /people/:id/outcomes/:readingId/edit": { expect: outcomes, relationships: CHANGES, ids: aReading },
  "POST /people/:id/outcomes/:readingId": { expect: outcomes, relationships: CHANGES, ids: aReading },
  "GET /outcomes": { expect: managers },
  "GET /settings/outcome-scales": { expect: administrators },
  "GET /settings/outcome-scales/new": { expect: administrators },
  // An empty form answers 400 for administrators: past access.
  "POST /settings/outcome-scales": { expect: administrators },
  "GET /settings/outcome-scales/:scaleId": { expect: administrators, ids: aScale },
  "POST /settings/outcome-scales/:scaleId": { expect: administrators, ids: aScale },
  "POST /settings/outcome-scales/:scaleId/active": { expect: administrators, ids: aScale },
  "GET /api/v1/people/:id/outcomes": { expect: outcomes, relationships: READS },
  "POST /api/v1/people/:id/outcomes": {
    expect: outcomes,
    relationships: CHANGES,
    json: () => ({ takenOn: todayIso(), scores: Object.fromEntries(DEFAULT_SCALE_DOMAINS.map((domain) => [domain.key, 3])) }),
  },
};
