import { todayIso } from "../../../src/platform/http/validation.ts";
import { CHANGES, only, personEdit, personRecord, READS, type Actor, type Outcome, type Rule } from "../matrix.ts";

/**
 * Access rules for the plan: goals, actions, the plan review schedule (src/plans).
 *
 * The plan is seen by everyone who sees the person except peer mentors, who are refused plainly
 * (403); the partner in the team sees their agency's actions (none here). Only the person's workers
 * and their manager change it. No goal or action has the stand-in id, so everyone is told it does
 * not exist; src/plans/plan-access.test.ts exercises real ones (partners updating their own actions).
 */
const planRead = { ...personRecord, "peer mentor in the team": "forbidden" } as Record<Actor, Outcome>;
const unknownThing = only([], "hidden");

export const planRules: Record<string, Rule> = {
  "GET /people/:id/plan": { expect: planRead, relationships: READS },
  "GET /people/:id/plan/schedule": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/plan/schedule": { expect: personEdit, relationships: CHANGES },
  "GET /people/:id/plan/goals/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/plan/goals": { expect: personEdit, relationships: CHANGES },
  "GET /people/:id/plan/actions/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/plan/actions": { expect: personEdit, relationships: CHANGES },
  "GET /goals/:goalId": { expect: unknownThing },
  "GET /goals/:goalId/edit": { expect: unknownThing },
  "POST /goals/:goalId": { expect: unknownThing },
  "POST /goals/:goalId/progress": { expect: unknownThing },
  "GET /actions/:actionId": { expect: unknownThing },
  "GET /actions/:actionId/edit": { expect: unknownThing },
  "POST /actions/:actionId": { expect: unknownThing },
  "GET /api/v1/people/:id/plan": { expect: planRead, relationships: READS },
  "POST /api/v1/people/:id/goals": { expect: personEdit, relationships: CHANGES, json: () => ({ description: "Matrix check: I want my own flat" }) },
  "GET /api/v1/goals/:goalId": { expect: unknownThing },
  "PATCH /api/v1/goals/:goalId": { expect: unknownThing, json: () => ({ status: "achieved", version: 1 }) },
  "POST /api/v1/goals/:goalId/progress": { expect: unknownThing, json: () => ({ note: "Matrix check", rating: 5 }) },
  // The matrix's partnership is not known here: the stand-in organisation is refused (400, with an
  // audit row of the attempt) for the lead worker and manager, after the access check for everyone else.
  "POST /api/v1/people/:id/actions": {
    expect: personEdit,
    relationships: CHANGES,
    json: () => ({ description: "Matrix check", dueDate: todayIso(), ownerOrganisationId: "0190a000-0000-7000-8000-000000000000" }),
  },
  "GET /api/v1/actions/:actionId": { expect: unknownThing },
  "PATCH /api/v1/actions/:actionId": { expect: unknownThing, json: () => ({ status: "done", version: 1 }) },
  "GET /api/v1/actions/:actionId/history": { expect: unknownThing },
};
