import type { Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/http/errors.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { recordChronology } from "../chronology/service.ts";
import { actionChangeRights, MAY_NOT_EDIT, NOT_YOUR_ACTION, PARTNER_FIELDS_ONLY, seesAction } from "./access.ts";
import * as actionStore from "./action-store.ts";
import { addActionInTransaction, assertActionReferences } from "./actions.ts";
import type { ActionChanges, ActionInput } from "./schema.ts";
import { planContext, visibleAction, type PlanContext, type PlanFormContext } from "./service.ts";
import * as store from "./store.ts";
import type { ActionRevision, ActionView } from "./store.ts";

const NOT_FOUND = "Action not found";

async function requireAction(tx: Db | Tx, tenantId: string, actionId: string, today: string): Promise<ActionView> {
  const action = await store.findAction(tx, tenantId, actionId, today);
  if (!action) throw new NotFound(NOT_FOUND);
  return action;
}

/** A named owner with an account wins over a typed name: only one of the two is kept. */
function normaliseOwner<T extends { ownerUserId?: string | null | undefined; ownerName?: string | null | undefined }>(input: T): T {
  if (input.ownerUserId) return { ...input, ownerName: null };
  if (input.ownerName && input.ownerUserId === undefined) return { ...input, ownerUserId: null };
  return input;
}

/**
 * Adds an action to the person's plan. A due date already past is allowed — an action agreed at a
 * meeting last month and recorded late is overdue at once, and should show so. A refused owner or
 * goal (400) leaves an audit row of the attempt; nothing else is saved.
 */
export async function createAction(db: Db, actor: Actor, personId: string, input: ActionInput, today: string): Promise<ActionView> {
  const action = normaliseOwner(input);
  const outcome = await db.transaction(async (tx) => {
    const { access } = await planContext(tx, actor, personId);
    if (!access.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    try {
      await assertActionReferences(tx, actor.tenantId, personId, action);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      await audit(tx, actor, { action: "plan-action.create-refused", personId, detail: { fields: error.issues.map((issue) => issue.field) } });
      return { refused: error };
    }
    const row = await addActionInTransaction(tx, actor, personId, action, { today });
    return { saved: await requireAction(tx, actor.tenantId, row.id, today) };
  });
  if ("refused" in outcome) throw outcome.refused;
  return outcome.saved;
}

export interface ActionPage extends PlanContext {
  action: ActionView;
  /** Oldest first. */
  history: ActionRevision[];
  rights: "all" | "status-and-evidence" | "none";
}

/**
 * An action and its person for the actor: NotFound when it does not exist or they may not see it
 * (a partner without the plan shared sees only their organisation's actions).
 */
async function loadAction(tx: Db | Tx, actor: Actor, actionId: string, today: string): Promise<PlanContext & { action: ActionView; rights: ActionPage["rights"] }> {
  if (!isUuid(actionId)) throw new NotFound(NOT_FOUND);
  const action = await store.findAction(tx, actor.tenantId, actionId, today);
  if (!action) throw new NotFound(NOT_FOUND);
  const context = await planContext(tx, actor, action.personId);
  if (!seesAction(context.access, action)) throw new NotFound(NOT_FOUND);
  return { ...context, action: visibleAction(context.access, action), rights: actionChangeRights(context.access, action) };
}

/** An action with its full history: who changed what, and when. The read is audited. */
export async function readAction(db: Db, actor: Actor, actionId: string, today: string): Promise<ActionPage> {
  return db.transaction(async (tx) => {
    const loaded = await loadAction(tx, actor, actionId, today);
    const history = await store.listActionRevisions(tx, actor.tenantId, actionId);
    const withNotes = loaded.access.seesNotes ? history : history.map((revision) => ({ ...revision, snapshot: { ...revision.snapshot, evidence: null } }));
    // A reader who does not see the whole plan does not see its goals, so not their names here either.
    const shown = loaded.access.wholePlan ? withNotes : withNotes.map((revision) => ({ ...revision, names: { ...revision.names, goal: null } }));
    await audit(tx, actor, { action: "plan-action.read", personId: loaded.action.personId, subjectType: "plan-action", subjectId: actionId });
    return { ...loaded, history: shown };
  });
}

export interface ActionEditForm extends ActionPage, PlanFormContext {}

/** An action for its edit form, with the owners and goals it may be given; Forbidden unless the actor may update it. Audited. */
export async function readActionForEdit(db: Db, actor: Actor, actionId: string, today: string): Promise<ActionEditForm> {
  return db.transaction(async (tx) => {
    const loaded = await loadAction(tx, actor, actionId, today);
    if (loaded.rights === "none") throw new Forbidden(loaded.access.relationship.audience === "partner" ? NOT_YOUR_ACTION : MAY_NOT_EDIT);
    const all = loaded.rights === "all";
    const personId = loaded.action.personId;
    const form = {
      history: [],
      goals: all ? await store.listGoals(tx, actor.tenantId, personId) : [],
      organisations: all ? await store.listOrganisations(tx, actor.tenantId, actor.organisationId) : [],
      owners: all ? await store.listOwnerOptions(tx, actor.tenantId, personId, actor.organisationId) : [],
    };
    await audit(tx, actor, { action: "person.read", personId, subjectType: "plan-action", subjectId: actionId, detail: { purpose: "plan-action-edit" } });
    return { ...loaded, ...form };
  });
}

const FIELDS = ["status", "evidence", "description", "dueOn", "ownerOrganisationId", "ownerUserId", "ownerName", "goalId"] as const;
type Field = (typeof FIELDS)[number];

function storedValue(action: ActionView, field: Field): string | null {
  switch (field) {
    case "ownerOrganisationId":
      return action.ownerOrganisation.id;
    case "ownerUserId":
      return action.owner?.id ?? null;
    case "ownerName":
      return action.ownerNameText;
    default:
      return action[field];
  }
}

function changeSummary(before: ActionView, after: ActionView, changed: Field[]): { kind: string; summary: string } {
  const where = after.ownerOrganisation.name;
  if (changed.includes("status")) {
    if (after.status === "done") return { kind: "action-done", summary: `Action done: ${after.description} (${where})` };
    if (after.status === "cancelled") return { kind: "action-cancelled", summary: `Action cancelled: ${after.description} (${where})` };
    return { kind: "action-reopened", summary: `Action reopened: ${after.description} (${where})` };
  }
  const parts: string[] = [];
  if (changed.includes("description")) parts.push("reworded");
  if (changed.includes("dueOn")) parts.push(`now due ${formatIsoDate(after.dueOn)}`);
  if (changed.includes("ownerOrganisationId")) parts.push(`now with ${where}`);
  else if (changed.includes("ownerUserId") || changed.includes("ownerName")) parts.push("new named owner");
  if (changed.includes("goalId")) parts.push(after.goalId ? "linked to a goal" : "no longer linked to a goal");
  if (changed.includes("evidence")) parts.push(before.evidence ? "evidence updated" : "evidence added");
  return { kind: "action-changed", summary: `Action updated: ${after.description} (${where})${parts.length > 0 ? ` – ${parts.join(", ")}` : ""}` };
}

/**
 * Changes an action made against `expectedVersion`. The person's workers and manager may change
 * anything; a partner professional only the status and evidence of their organisation's actions
 * (Forbidden otherwise). Every saved change is a revision,
 * on the chronology and in the audit trail; Conflict, with what is stored now, when someone saved first.
 */
export async function updateAction(db: Db, actor: Actor, actionId: string, expectedVersion: number, requested: ActionChanges, today: string): Promise<ActionView> {
  return db.transaction(async (tx) => {
    const { action: before, rights, access } = await loadAction(tx, actor, actionId, today);
    if (rights === "none") throw new Forbidden(access.relationship.audience === "partner" ? NOT_YOUR_ACTION : MAY_NOT_EDIT);
    let changes: ActionChanges = normaliseOwner(requested);
    // A new owning organisation without a named owner there leaves the action with the organisation.
    if (changes.ownerOrganisationId !== undefined && changes.ownerOrganisationId !== before.ownerOrganisation.id && changes.ownerUserId === undefined && before.owner) {
      changes = { ...changes, ownerUserId: null };
    }
    const changed = FIELDS.filter((field) => changes[field] !== undefined && changes[field] !== storedValue(before, field));
    if (rights === "status-and-evidence" && changed.some((field) => field !== "status" && field !== "evidence")) throw new Forbidden(PARTNER_FIELDS_ONLY);
    if (changed.includes("ownerOrganisationId") || changed.includes("ownerUserId")) {
      await assertActionReferences(tx, actor.tenantId, before.personId, {
        ownerOrganisationId: changes.ownerOrganisationId ?? before.ownerOrganisation.id,
        ownerUserId: changes.ownerUserId === undefined ? (before.owner?.id ?? null) : changes.ownerUserId,
      });
    }
    if (changed.includes("goalId") && changes.goalId) await assertActionReferences(tx, actor.tenantId, before.personId, { goalId: changes.goalId });
    if (changed.length === 0) {
      // Nothing to save: still tell the sender when what they read is out of date.
      if (before.version !== expectedVersion) throw new Conflict("Someone else changed this action after you opened it", before);
      await audit(tx, actor, { action: "plan-action.update", personId: before.personId, subjectType: "plan-action", subjectId: actionId, detail: { fields: [], status: before.status, version: before.version } });
      return before;
    }
    const row = await actionStore.updateAction(tx, { tenantId: actor.tenantId, actionId, expectedVersion, changedBy: actor.userId, changes });
    // Read again: `before` may predate the save that won (PostgreSQL's read committed), and the
    // conflict must show what is stored now, with its version.
    if (!row) throw new Conflict("Someone else changed this action after you opened it", visibleAction(access, await requireAction(tx, actor.tenantId, actionId, today)));
    const after = await requireAction(tx, actor.tenantId, actionId, today);
    const { kind, summary } = changeSummary(before, after, changed);
    await recordChronology(tx, actor, {
      personId: after.personId,
      kind,
      summary,
      section: "plan",
      detail: { fields: changed, status: after.status, ownerOrganisationId: after.ownerOrganisation.id },
      sourceType: "plan-action",
      sourceId: actionId,
    });
    await audit(tx, actor, {
      action: "plan-action.update",
      personId: after.personId,
      subjectType: "plan-action",
      subjectId: actionId,
      detail: { fields: changed, status: after.status, version: after.version },
    });
    return visibleAction(access, after);
  });
}
