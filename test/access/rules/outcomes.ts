import { todayIso } from "../../../src/platform/http/validation.ts";
import { DEFAULT_SCALE_DOMAINS } from "../../../src/outcomes/schema.ts";
import { CHANGES, only, READS, relationships, type Actor, type Outcome, type Rule } from "../matrix.ts";

/**
 * Access rules for outcomes and distance travelled (src/outcomes). Outcomes go with the plan: the
 * person's key workers and their team's manager read and record them; partners and carers read them
 * only when the person shares their plan, which the matrix's person has not done, so to everyone
 * else they do not exist. No reading has the stand-in id, so its edit routes are hidden from all.
 * src/outcomes/outcomes.test.ts covers sharing, and 403 for a partner the plan is shared with.
 * The team's outcomes are each manager's for their own team; outcome scales are for administrators.
 */

const outcomes = only(["lead worker", "team manager"], "hidden");
const unknownReading = only([], "hidden");
const unknownReadingRelated = relationships("hidden", "forbidden");
const managers = only(["team manager", "other team's manager"]);
const administrators = only(["administrator"]);
// No scale has the stand-in id: administrators are told it does not exist, everyone else is refused.
const unknownScale = { ...only([]), administrator: "hidden" } as Record<Actor, Outcome>;

export const outcomeRules: Record<string, Rule> = {
  "GET /people/:id/outcomes": { expect: outcomes, relationships: READS },
  "GET /people/:id/outcomes/new": { expect: outcomes, relationships: CHANGES },
  // An empty form answers 400 for those who may record: past access.
  "POST /people/:id/outcomes": { expect: outcomes, relationships: CHANGES },
  // A grant may change no reading, so it is refused before the reading is looked for.
  "GET /people/:id/outcomes/:readingId/edit": { expect: unknownReading, relationships: unknownReadingRelated },
  "POST /people/:id/outcomes/:readingId": { expect: unknownReading, relationships: unknownReadingRelated },
  "GET /outcomes": { expect: managers },
  "GET /settings/outcome-scales": { expect: administrators },
  "GET /settings/outcome-scales/new": { expect: administrators },
  // An empty form answers 400 for administrators: past access.
  "POST /settings/outcome-scales": { expect: administrators },
  "GET /settings/outcome-scales/:scaleId": { expect: unknownScale },
  "POST /settings/outcome-scales/:scaleId": { expect: unknownScale },
  "POST /settings/outcome-scales/:scaleId/active": { expect: unknownScale },
  "GET /api/v1/people/:id/outcomes": { expect: outcomes, relationships: READS },
  "POST /api/v1/people/:id/outcomes": {
    expect: outcomes,
    relationships: CHANGES,
    json: () => ({ takenOn: todayIso(), scores: Object.fromEntries(DEFAULT_SCALE_DOMAINS.map((domain) => [domain.key, 3])) }),
  },
};
