import type { Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Invalid, type FieldIssue } from "../platform/http/errors.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { recordChronology } from "../chronology/service.ts";
import * as store from "./action-store.ts";
import { ensurePlanInTransaction } from "./goals.ts";
import type { ActionInput } from "./schema.ts";

export type { ActionRow } from "./action-store.ts";

/** Checks that the owner and goal of an action exist where they should; Invalid names the field. */
export async function assertActionReferences(tx: Tx, tenantId: string, personId: string, action: Partial<ActionInput>): Promise<void> {
  const issues: FieldIssue[] = [];
  if (action.ownerOrganisationId !== undefined) {
    const ownerUserId = action.ownerUserId ?? null;
    const valid = isUuid(action.ownerOrganisationId) && (ownerUserId === null || isUuid(ownerUserId))
      ? await store.ownerIsValid(tx, tenantId, action.ownerOrganisationId, ownerUserId)
      : { organisation: false, user: false };
    if (!valid.organisation) issues.push({ field: "ownerOrganisationId", message: "Choose the organisation that owns the action from the list" });
    else if (!valid.user) issues.push({ field: "ownerUserId", message: "The named owner must work for the organisation that owns the action" });
  }
  if (action.goalId) {
    if (!isUuid(action.goalId) || !(await store.goalBelongsTo(tx, tenantId, action.goalId, personId))) {
      issues.push({ field: "goalId", message: "Choose one of this person's goals, or none" });
    }
  }
  if (issues.length > 0) throw new Invalid(issues);
}

/**
 * Adds an action to a person's plan inside the caller's transaction: checked references, the first
 * revision, the chronology (plan section) and the audit trail. The caller has already checked that
 * the actor may change the plan. Meetings use it for each recommendation, with their id.
 */
export async function addActionInTransaction(
  tx: Tx,
  actor: Actor,
  personId: string,
  action: ActionInput,
  options: { meetingId?: string; meetingLabel?: string; at?: Date; today?: string } = {},
): Promise<store.ActionRow> {
  await assertActionReferences(tx, actor.tenantId, personId, action);
  const row = await store.insertAction(tx, {
    tenantId: actor.tenantId,
    personId,
    createdBy: actor.userId,
    meetingId: options.meetingId ?? null,
    action,
    ...(options.at ? { at: options.at } : {}),
  });
  await ensurePlanInTransaction(tx, actor, personId, options.at, options.today);
  const from = options.meetingLabel ? ` (recommended at the ${options.meetingLabel})` : "";
  await recordChronology(tx, actor, {
    personId,
    kind: "action-added",
    summary: `Action added${from}: ${action.description} – due ${formatIsoDate(action.dueOn)}`,
    section: "plan",
    detail: { dueOn: action.dueOn, ownerOrganisationId: action.ownerOrganisationId, ...(options.meetingId ? { meetingId: options.meetingId } : {}) },
    sourceType: "plan-action",
    sourceId: row.id,
    ...(options.at ? { occurredAt: options.at } : {}),
  });
  await audit(tx, actor, { action: "plan-action.create", personId, subjectType: "plan-action", subjectId: row.id, detail: { ownerOrganisationId: action.ownerOrganisationId, meetingId: options.meetingId ?? null } });
  return row;
}

/**
 * Records that an action was done or cancelled inside the caller's transaction, with its revision
 * and the chronology; `at` backdates it (demo data and imports). Undefined when someone saved first.
 */
export async function recordActionOutcomeInTransaction(
  tx: Tx,
  actor: Actor,
  action: { id: string; personId: string; version: number; description: string },
  outcome: { status: "done" | "cancelled"; evidence: string | null },
  options: { at?: Date; detail?: Record<string, unknown> } = {},
): Promise<store.ActionRow | undefined> {
  const row = await store.updateAction(tx, {
    tenantId: actor.tenantId,
    actionId: action.id,
    expectedVersion: action.version,
    changedBy: actor.userId,
    changes: { status: outcome.status, evidence: outcome.evidence },
    ...(options.at ? { at: options.at } : {}),
  });
  if (!row) return undefined;
  await recordChronology(tx, actor, {
    personId: action.personId,
    kind: `action-${outcome.status}`,
    summary: `${outcome.status === "done" ? "Action done" : "Action cancelled"}: ${action.description}`,
    section: "plan",
    detail: { fields: ["status", "evidence"], status: outcome.status, ...options.detail },
    sourceType: "plan-action",
    sourceId: action.id,
    ...(options.at ? { occurredAt: options.at } : {}),
  });
  return row;
}
