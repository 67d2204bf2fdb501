import type { Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, NotFound } from "../platform/http/errors.ts";
import { recordChronology } from "../chronology/service.ts";
import { MAY_NOT_EDIT } from "./access.ts";
import * as goalStore from "./goal-store.ts";
import { addGoalInTransaction } from "./goals.ts";
import type { GoalStatus } from "./schema.ts";
import { planContext, visibleAction, visibleGoal, type PlanContext } from "./service.ts";
import * as store from "./store.ts";
import type { ActionView, GoalView } from "./store.ts";

export interface GoalInput {
  description: string;
  workerNote: string | null;
}

export interface GoalChanges {
  description?: string;
  workerNote?: string | null;
  status?: GoalStatus;
}

async function requireGoal(tx: Db | Tx, tenantId: string, goalId: string): Promise<GoalView> {
  const goal = await store.findGoal(tx, tenantId, goalId);
  if (!goal) throw new NotFound("Goal not found");
  return goal;
}

/** Adds a goal in the person's words; on the chronology and in the audit trail. `today` is the app clock's date. */
export async function createGoal(db: Db, actor: Actor, personId: string, input: GoalInput, today: string): Promise<GoalView> {
  return db.transaction(async (tx) => {
    const { access } = await planContext(tx, actor, personId);
    if (!access.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const row = await addGoalInTransaction(tx, actor, personId, input, { today });
    return requireGoal(tx, actor.tenantId, row.id);
  });
}

/**
 * A goal and its person for the actor: NotFound when the goal does not exist or is not theirs to
 * see (a partner who sees only their agency's actions sees no goals); Forbidden when `forEdit` and
 * they may not change the plan.
 */
async function loadGoal(tx: Db | Tx, actor: Actor, goalId: string, forEdit: boolean): Promise<PlanContext & { goal: GoalView }> {
  if (!isUuid(goalId)) throw new NotFound("Goal not found");
  const goal = await store.findGoal(tx, actor.tenantId, goalId);
  if (!goal) throw new NotFound("Goal not found");
  const context = await planContext(tx, actor, goal.personId);
  if (!context.access.wholePlan) throw new NotFound("Goal not found");
  if (forEdit && !context.access.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
  return { ...context, goal: visibleGoal(context.access, goal) };
}

export interface GoalPage extends PlanContext {
  goal: GoalView;
  /** The actions that work towards it. */
  actions: ActionView[];
}

/** A goal with its progress over time and its actions; the read is audited. */
export async function readGoal(db: Db, actor: Actor, goalId: string, today: string): Promise<GoalPage> {
  return db.transaction(async (tx) => {
    const context = await loadGoal(tx, actor, goalId, false);
    const actions = (await store.listActions(tx, actor.tenantId, context.goal.personId, { today }))
      .filter((action) => action.goalId === goalId)
      .map((action) => visibleAction(context.access, action));
    await audit(tx, actor, { action: "goal.read", personId: context.goal.personId, subjectType: "goal", subjectId: goalId });
    return { ...context, actions };
  });
}

/** A goal for its edit form (or the progress form); Forbidden unless the actor may change the plan. Audited. */
export async function readGoalForEdit(db: Db, actor: Actor, goalId: string): Promise<PlanContext & { goal: GoalView }> {
  return db.transaction(async (tx) => {
    const context = await loadGoal(tx, actor, goalId, true);
    await audit(tx, actor, { action: "person.read", personId: context.goal.personId, subjectType: "goal", subjectId: goalId, detail: { purpose: "goal-edit" } });
    return context;
  });
}

function changeSummary(before: GoalView, after: GoalView): { kind: string; summary: string } {
  if (after.status !== before.status) {
    if (after.status === "achieved") return { kind: "goal-achieved", summary: `Goal achieved: ${after.description}` };
    if (after.status === "stopped") return { kind: "goal-stopped", summary: `Goal no longer being worked on: ${after.description}` };
    return { kind: "goal-reopened", summary: `Goal being worked on again: ${after.description}` };
  }
  if (after.description !== before.description) return { kind: "goal-changed", summary: `Goal reworded: ${after.description}` };
  return { kind: "goal-changed", summary: `Goal's note changed: ${after.description}` };
}

/** Changes a goal made against `expectedVersion`; Conflict, with what is stored now, when someone saved first. */
export async function updateGoal(db: Db, actor: Actor, goalId: string, expectedVersion: number, changes: GoalChanges): Promise<GoalView> {
  return db.transaction(async (tx) => {
    const { goal: before, access } = await loadGoal(tx, actor, goalId, true);
    const row = await goalStore.updateGoal(tx, { tenantId: actor.tenantId, goalId, expectedVersion, by: actor.userId, changes });
    // Read again: `before` may predate the save that won (PostgreSQL's read committed), and the
    // conflict must show what is stored now, with its version.
    if (!row) throw new Conflict("Someone else changed this goal after you opened it", visibleGoal(access, await requireGoal(tx, actor.tenantId, goalId)));
    const after = await requireGoal(tx, actor.tenantId, goalId);
    const changed = (["description", "workerNote", "status"] as const).filter((field) => after[field] !== before[field]);
    if (changed.length > 0) {
      const { kind, summary } = changeSummary(before, after);
      await recordChronology(tx, actor, { personId: after.personId, kind, summary, section: "plan", detail: { fields: changed, status: after.status }, sourceType: "goal", sourceId: goalId });
    }
    await audit(tx, actor, { action: "goal.update", personId: after.personId, subjectType: "goal", subjectId: goalId, detail: { fields: changed, status: after.status, version: after.version } });
    return after;
  });
}

/** Records progress towards a goal: a note and, when the person gives one, a 0–10 rating. On the chronology (without the note). */
export async function addProgress(db: Db, actor: Actor, goalId: string, input: { note: string; rating: number | null }): Promise<GoalView> {
  return db.transaction(async (tx) => {
    const { goal } = await loadGoal(tx, actor, goalId, true);
    await goalStore.insertGoalProgress(tx, { tenantId: actor.tenantId, goalId, personId: goal.personId, recordedBy: actor.userId, note: input.note, rating: input.rating });
    await recordChronology(tx, actor, {
      personId: goal.personId,
      kind: "goal-progress",
      summary: `Progress on goal${input.rating === null ? "" : ` (${input.rating} out of 10)`}: ${goal.description}`,
      section: "plan",
      detail: { rating: input.rating },
      sourceType: "goal",
      sourceId: goalId,
    });
    await audit(tx, actor, { action: "goal-progress.create", personId: goal.personId, subjectType: "goal", subjectId: goalId, detail: { rating: input.rating } });
    return requireGoal(tx, actor.tenantId, goalId);
  });
}
