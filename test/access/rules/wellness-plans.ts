import { CHANGES, only, READS, type Rule } from "../matrix.ts";

/**
 * Access rules for the wellness and crisis plan (src/wellness-plans). The person's key workers and
 * their team's manager read and write it; partners and carers read it only when the person shares
 * it with them, which the matrix's person has not done, so to everyone else it does not exist.
 * src/wellness-plans/wellness-plans.test.ts covers sharing (and 403 for a partner it is shared with).
 * The service hours and crisis contacts are each manager's for their own team.
 */

const plan = only(["lead worker", "team manager"], "hidden");
const managers = only(["team manager", "other team's manager"]);

export const wellnessPlanRules: Record<string, Rule> = {
  "GET /people/:id/wellness-plan": { expect: plan, relationships: READS },
  // An empty form answers 400 for those who may write: past access.
  "POST /people/:id/wellness-plan": { expect: plan, relationships: CHANGES },
  "GET /people/:id/wellness-plan/edit": { expect: plan, relationships: CHANGES },
  "GET /people/:id/wellness-plan/history": { expect: plan, relationships: READS },
  "GET /people/:id/wellness-plan/download": { expect: plan, relationships: READS },
  "GET /settings/crisis-contacts": { expect: managers },
  "POST /settings/crisis-contacts": { expect: managers },
  "GET /api/v1/people/:id/wellness-plan": { expect: plan, relationships: READS },
  "PUT /api/v1/people/:id/wellness-plan": { expect: plan, relationships: CHANGES, json: () => ({ sections: [{ key: "triggers", text: "Matrix check", writtenBy: "the-person" }] }) },
};
