import { todayIso } from "../../../src/platform/http/validation.ts";
import { CHANGES, only, personEdit, personRecord, READS, type Actor, type Outcome, type Rule } from "../matrix.ts";
import { action, goal, ids } from "../records.ts";

/**
 * Access rules for the plan: goals, actions, the plan review schedule (src/plans).
 *
 * The plan is seen by everyone who sees the person except peer mentors, who are refused plainly
 * (403); the partner in the team sees their agency's actions (none here). Only the person's workers
 * and their manager change it.
 *
 * A goal or an action is the person's goal or action, with the plan's access (src/plans/goal-service.ts
 * `loadGoal`, action-service.ts `loadAction`): peer mentors are refused (403); a partner in the team
 * without the plan shared sees no goal, and no action their agency does not own (the person's action
 * here is the key-worker service's), so to them it does not exist, as to everyone who does not see
 * the person. A grant reads them and changes nothing. src/plans/plan-access.test.ts exercises the
 * partner's own actions.
 */
const planRead = { ...personRecord, "peer mentor in the team": "forbidden" } as Record<Actor, Outcome>;
const goalOrAction = { ...only(["lead worker", "team manager"], "hidden"), "peer mentor in the team": "forbidden" } as Record<Actor, Outcome>;
const aGoal = ids({ goalId: goal });
const anAction = ids({ actionId: action });

export const planRules: Record<string, Rule> = {
  "GET /people/:id/plan": { expect: planRead, relationships: READS },
  "GET /people/:id/plan/schedule": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/plan/schedule": { expect: personEdit, relationships: CHANGES },
  "GET /people/:id/plan/goals/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/plan/goals": { expect: personEdit, relationships: CHANGES },
  "GET /people/:id/plan/actions/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/plan/actions": { expect: personEdit, relationships: CHANGES },
  "GET /goals/:goalId": { expect: goalOrAction, relationships: READS, ids: aGoal },
  "GET /goals/:goalId/edit": { expect: goalOrAction, relationships: CHANGES, ids: aGoal },
  "POST /goals/:goalId": { expect: goalOrAction, relationships: CHANGES, ids: aGoal },
  "POST /goals/:goalId/progress": { expect: goalOrAction, relationships: CHANGES, ids: aGoal },
  "GET /actions/:actionId": { expect: goalOrAction, relationships: READS, ids: anAction },
  "GET /actions/:actionId/edit": { expect: goalOrAction, relationships: CHANGES, ids: anAction },
  "POST /actions/:actionId": { expect: goalOrAction, relationships: CHANGES, ids: anAction },
  "GET /api/v1/people/:id/plan": { expect: planRead, relationships: READS },
  "POST /api/v1/people/:id/goals": { expect: personEdit, relationships: CHANGES, json: () => ({ description: "Matrix check: I want my own flat" }) },
  "GET /api/v1/goals/:goalId": { expect: goalOrAction, relationships: READS, ids: aGoal },
  "PATCH /api/v1/goals/:goalId": { expect: goalOrAction, relationships: CHANGES, ids: aGoal, json: () => ({ status: "achieved", version: 1 }) },
  "POST /api/v1/goals/:goalId/progress": { expect: goalOrAction, relationships: CHANGES, ids: aGoal, json: () => ({ note: "Matrix check", rating: 5 }) },
  // The matrix's partnership is not known here: the stand-in organisation is refused (400, with an
  // audit row of the attempt) for the lead worker and manager, after the access check for everyone else.
  "POST /api/v1/people/:id/actions": {
    expect: personEdit,
    relationships: CHANGES,
    json: () => ({ description: "Matrix check", dueDate: todayIso(), ownerOrganisationId: "0190a000-0000-7000-8000-000000000000" }),
  },
  "GET /api/v1/actions/:actionId": { expect: goalOrAction, relationships: READS, ids: anAction },
  "PATCH /api/v1/actions/:actionId": { expect: goalOrAction, relationships: CHANGES, ids: anAction, json: () => ({ status: "done", version: 1 }) },
  "GET /api/v1/actions/:actionId/history": { expect: goalOrAction, relationships: READS, ids: anAction },
};
