import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { goalProgress, goals, plans } from "./tables.ts";

export type GoalRow = typeof goals.$inferSelect;
export type PlanRow = typeof plans.$inferSelect;

/** Adds a goal. `at` backdates it (demo data and imports). */
export async function insertGoal(
  tx: Tx,
  input: { tenantId: string; personId: string; createdBy: string; description: string; workerNote: string | null; at?: Date },
): Promise<GoalRow> {
  const [row] = await tx
    .insert(goals)
    .values({
      id: newId(),
      tenantId: input.tenantId,
      personId: input.personId,
      description: input.description,
      workerNote: input.workerNote,
      createdBy: input.createdBy,
      updatedBy: input.createdBy,
      ...(input.at ? { createdAt: input.at, updatedAt: input.at } : {}),
    })
    .returning();
  if (!row) throw new Error("insert into goals returned no row");
  return row;
}

export async function insertGoalProgress(
  tx: Tx,
  input: { tenantId: string; goalId: string; personId: string; recordedBy: string; note: string; rating: number | null; at?: Date },
): Promise<void> {
  await tx.insert(goalProgress).values({
    id: newId(),
    tenantId: input.tenantId,
    goalId: input.goalId,
    personId: input.personId,
    recordedBy: input.recordedBy,
    note: input.note,
    rating: input.rating,
    ...(input.at ? { recordedAt: input.at } : {}),
  });
}

export async function findPlan(tx: Db | Tx, tenantId: string, personId: string): Promise<PlanRow | undefined> {
  const [row] = await tx.select().from(plans).where(and(eq(plans.tenantId, tenantId), eq(plans.personId, personId)));
  return row;
}

/** The person's plan, made with its first review date when they have none yet. */
export async function ensurePlan(tx: Tx, input: { tenantId: string; personId: string; nextReviewOn: string; by: string }): Promise<PlanRow> {
  await tx
    .insert(plans)
    .values({ id: newId(), tenantId: input.tenantId, personId: input.personId, nextReviewOn: input.nextReviewOn, updatedBy: input.by })
    .onConflictDoNothing({ target: [plans.tenantId, plans.personId] });
  const row = await findPlan(tx, input.tenantId, input.personId);
  if (!row) throw new Error("the plan was neither found nor made");
  return row;
}

/** Records that the plan was reviewed on a date and sets the next review from the plan's interval. */
export async function markPlanReviewed(tx: Tx, input: { tenantId: string; personId: string; reviewedOn: string; nextReviewOn: string; by: string }): Promise<PlanRow | undefined> {
  const [row] = await tx
    .update(plans)
    .set({ lastReviewedOn: input.reviewedOn, nextReviewOn: input.nextReviewOn, updatedBy: input.by, updatedAt: sql`now()`, version: sql`${plans.version} + 1` })
    .where(and(eq(plans.tenantId, input.tenantId), eq(plans.personId, input.personId)))
    .returning();
  return row;
}

/**
 * Saves changes to a goal only when the stored version is `expectedVersion`; undefined when someone
 * saved first. A goal achieved or stopped is ended then; working on it again clears the end.
 */
export async function updateGoal(
  tx: Tx,
  input: { tenantId: string; goalId: string; expectedVersion: number; by: string; changes: { description?: string; workerNote?: string | null; status?: GoalRow["status"] }; at?: Date },
): Promise<GoalRow | undefined> {
  const { status, ...details } = input.changes;
  const when = input.at ? sql`${input.at.toISOString()}::timestamptz` : sql`now()`;
  const ending =
    status === undefined
      ? {}
      : { status, endedAt: status === "active" ? null : sql`CASE WHEN ${goals.status} = ${status} THEN ${goals.endedAt} ELSE ${when} END` };
  const [row] = await tx
    .update(goals)
    .set({ ...details, ...ending, updatedBy: input.by, updatedAt: when, version: sql`${goals.version} + 1` })
    .where(and(eq(goals.tenantId, input.tenantId), eq(goals.id, input.goalId), eq(goals.version, input.expectedVersion)))
    .returning();
  return row;
}

/** Sets how often the plan is reviewed and when next, against the version last read; undefined when someone saved first. */
export async function updatePlanSchedule(
  tx: Tx,
  input: { tenantId: string; personId: string; expectedVersion: number; reviewIntervalMonths: number; nextReviewOn: string; by: string },
): Promise<PlanRow | undefined> {
  const [row] = await tx
    .update(plans)
    .set({ reviewIntervalMonths: input.reviewIntervalMonths, nextReviewOn: input.nextReviewOn, updatedBy: input.by, updatedAt: sql`now()`, version: sql`${plans.version} + 1` })
    .where(and(eq(plans.tenantId, input.tenantId), eq(plans.personId, input.personId), eq(plans.version, input.expectedVersion)))
    .returning();
  return row;
}
