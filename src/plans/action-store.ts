import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import type { ActionChanges, ActionInput } from "./schema.ts";
import { planActionRevisions, planActions } from "./tables.ts";

export type ActionRow = typeof planActions.$inferSelect;

/** Whether an organisation is in the partnership, and, when a user is named, that they work there. */
export async function ownerIsValid(tx: Db | Tx, tenantId: string, organisationId: string, userId: string | null): Promise<{ organisation: boolean; user: boolean }> {
  const [row] = await queryRows<{ organisation: boolean; user: boolean }>(tx, sql`
    SELECT EXISTS (SELECT 1 FROM organisations WHERE tenant_id = ${tenantId} AND id = ${organisationId}) AS organisation,
      ${userId === null ? sql`TRUE` : sql`EXISTS (SELECT 1 FROM users WHERE tenant_id = ${tenantId} AND id = ${userId} AND organisation_id = ${organisationId} AND active)`} AS user
  `);
  return row ?? { organisation: false, user: false };
}

/** Whether the goal belongs to the person. */
export async function goalBelongsTo(tx: Db | Tx, tenantId: string, goalId: string, personId: string): Promise<boolean> {
  const rows = await queryRows<{ found: number }>(tx, sql`SELECT 1 AS found FROM goals WHERE tenant_id = ${tenantId} AND id = ${goalId} AND person_id = ${personId}`);
  return rows.length > 0;
}

function snapshotOf(row: ActionRow): Record<string, unknown> {
  return {
    description: row.description,
    dueOn: row.dueOn,
    status: row.status,
    ownerOrganisationId: row.ownerOrganisationId,
    ownerUserId: row.ownerUserId,
    ownerName: row.ownerName,
    goalId: row.goalId,
    evidence: row.evidence,
  };
}

async function recordRevision(tx: Tx, row: ActionRow, changedBy: string, at?: Date): Promise<void> {
  await tx.insert(planActionRevisions).values({
    id: newId(),
    tenantId: row.tenantId,
    actionId: row.id,
    personId: row.personId,
    version: row.version,
    changedBy,
    snapshot: snapshotOf(row),
    ...(at ? { changedAt: at } : {}),
  });
}

/** Adds an action and its first revision. `at` backdates it (demo data and imports). */
export async function insertAction(
  tx: Tx,
  input: { tenantId: string; personId: string; createdBy: string; meetingId: string | null; action: ActionInput; at?: Date },
): Promise<ActionRow> {
  const [row] = await tx
    .insert(planActions)
    .values({
      id: newId(),
      tenantId: input.tenantId,
      personId: input.personId,
      meetingId: input.meetingId,
      createdBy: input.createdBy,
      updatedBy: input.createdBy,
      ...input.action,
      ...(input.at ? { createdAt: input.at, updatedAt: input.at } : {}),
    })
    .returning();
  if (!row) throw new Error("insert into plan_actions returned no row");
  await recordRevision(tx, row, input.createdBy, input.at);
  return row;
}

/**
 * Saves only when the stored version is `expectedVersion`; undefined when someone saved first.
 * `at` backdates the change (demo data and imports).
 */
export async function updateAction(
  tx: Tx,
  input: { tenantId: string; actionId: string; expectedVersion: number; changedBy: string; changes: ActionChanges; at?: Date },
): Promise<ActionRow | undefined> {
  const { status, ...details } = input.changes;
  const when = input.at ? sql`${input.at.toISOString()}::timestamptz` : sql`now()`;
  const completion =
    status === undefined ? {} : { status, completedAt: status === "done" ? sql`coalesce(${planActions.completedAt}, ${when})` : null };
  const [row] = await tx
    .update(planActions)
    .set({ ...details, ...completion, updatedBy: input.changedBy, updatedAt: when, version: sql`${planActions.version} + 1` })
    .where(and(eq(planActions.tenantId, input.tenantId), eq(planActions.id, input.actionId), eq(planActions.version, input.expectedVersion)))
    .returning();
  if (row) await recordRevision(tx, row, input.changedBy, input.at);
  return row;
}

export async function findActionRow(tx: Db | Tx, tenantId: string, actionId: string): Promise<ActionRow | undefined> {
  const [row] = await tx.select().from(planActions).where(and(eq(planActions.tenantId, tenantId), eq(planActions.id, actionId)));
  return row;
}
