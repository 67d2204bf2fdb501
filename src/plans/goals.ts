import type { Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import { addMonths } from "../platform/clock.ts";
import type { Tx } from "../platform/database/open.ts";
import { todayIso } from "../platform/http/validation.ts";
import { recordChronology } from "../chronology/service.ts";
import * as store from "./goal-store.ts";

export type { GoalRow, PlanRow } from "./goal-store.ts";

/**
 * Adds a goal in the person's words inside the caller's transaction, with the chronology (plan
 * section) and the audit trail. The caller has already checked that the actor may change the plan.
 * Reflective case reviews use it for their refocused goals.
 */
export async function addGoalInTransaction(
  tx: Tx,
  actor: Actor,
  personId: string,
  goal: { description: string; workerNote: string | null },
  options: { via?: string; at?: Date; today?: string } = {},
): Promise<store.GoalRow> {
  const row = await store.insertGoal(tx, { tenantId: actor.tenantId, personId, createdBy: actor.userId, ...goal, ...(options.at ? { at: options.at } : {}) });
  await ensurePlanInTransaction(tx, actor, personId, options.at, options.today);
  await recordChronology(tx, actor, {
    personId,
    kind: "goal-added",
    summary: `Goal added${options.via ? ` (${options.via})` : ""}: ${goal.description}`,
    section: "plan",
    sourceType: "goal",
    sourceId: row.id,
    ...(options.at ? { occurredAt: options.at } : {}),
  });
  await audit(tx, actor, { action: "goal.create", personId, subjectType: "goal", subjectId: row.id, ...(options.via ? { detail: { via: options.via } } : {}) });
  return row;
}

/**
 * Makes the person's plan when they have none yet, its first review three months after the first
 * goal or action (`at`; else `today`, the app clock's date, which callers pass). Adding goals and
 * actions calls it, so every plan has a review date.
 */
export async function ensurePlanInTransaction(tx: Tx, actor: Pick<Actor, "tenantId" | "userId">, personId: string, at?: Date, today?: string): Promise<store.PlanRow> {
  const from = at ? todayIso(at) : (today ?? todayIso(new Date()));
  return store.ensurePlan(tx, { tenantId: actor.tenantId, personId, nextReviewOn: addMonths(from, 3), by: actor.userId });
}

/**
 * Records that the person's plan was reviewed on `reviewedOn` (a plan review meeting, a CETR) and
 * sets the next review from the plan's interval; on the chronology. Makes the plan when there is none.
 */
export async function recordPlanReviewInTransaction(tx: Tx, actor: Actor, personId: string, reviewedOn: string, how: string): Promise<store.PlanRow> {
  const plan = await store.ensurePlan(tx, { tenantId: actor.tenantId, personId, nextReviewOn: addMonths(reviewedOn, 3), by: actor.userId });
  const nextReviewOn = addMonths(reviewedOn, plan.reviewIntervalMonths);
  const updated = await store.markPlanReviewed(tx, { tenantId: actor.tenantId, personId, reviewedOn, nextReviewOn, by: actor.userId });
  if (!updated) throw new Error("the plan disappeared while it was being reviewed");
  await recordChronology(tx, actor, {
    personId,
    kind: "plan-reviewed",
    summary: `Plan reviewed (${how}); next review by ${nextReviewOn}`,
    section: "plan",
    detail: { reviewedOn, nextReviewOn },
    sourceType: "plan",
    sourceId: updated.id,
  });
  return updated;
}
