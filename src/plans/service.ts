import { relationshipTo, type Actor, type Relationship } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { Conflict, Forbidden, Invalid } from "../platform/http/errors.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { recordChronology } from "../chronology/service.ts";
import type { PersonHeading } from "../people/person-layout.ts";
import { personHeading } from "../people/service.ts";
import { MAY_NOT_EDIT, planAccess, withoutNotes, type PlanAccess } from "./access.ts";
import * as goalStore from "./goal-store.ts";
import { ensurePlanInTransaction } from "./goals.ts";
import * as store from "./store.ts";
import type { ActionView, GoalView, OrganisationOption, OwnerOption, PlanSchedule } from "./store.ts";

export type { ActionRevision, ActionView, GoalView, Named, OrganisationOption, OwnerOption, PlanSchedule, ProgressView } from "./store.ts";
export type { PlanAccess } from "./access.ts";

export interface PlanContext {
  person: PersonHeading;
  relationship: Relationship;
  access: PlanAccess;
}

/** The actor's access to a person's plan: NotFound when the person is not theirs to see, Forbidden when the plan is not. */
export async function planContext(tx: Db | Tx, actor: Actor, personId: string): Promise<PlanContext> {
  const relationship = await relationshipTo(tx, actor, personId);
  const access = planAccess(actor, relationship);
  return { person: await personHeading(tx, actor.tenantId, personId), relationship, access };
}

/** Goals and progress as the reader may see them: family and carers without the notes. */
export function visibleGoal(access: PlanAccess, goal: GoalView): GoalView {
  if (access.seesNotes) return goal;
  return { ...goal, workerNote: null, progress: goal.progress.map((item) => ({ ...item, note: null })) };
}

/** An action as the reader may see it: without evidence for family and carers, without its goal's words for those who see no goals. */
export function visibleAction(access: PlanAccess, action: ActionView): ActionView {
  const shown = withoutNotes(access, action);
  return access.wholePlan ? shown : { ...shown, goalDescription: null };
}

/** What of the plan the actor sees: goals (when the whole plan) and actions, unaudited; the caller audits. */
async function planContents(tx: Db | Tx, actor: Actor, personId: string, access: PlanAccess, today: string): Promise<{ goals: GoalView[]; actions: ActionView[] }> {
  const goals = access.wholePlan ? await store.listGoals(tx, actor.tenantId, personId) : [];
  const actions = await store.listActions(tx, actor.tenantId, personId, { today, ownerOrganisationId: access.onlyOrganisationId });
  return { goals: goals.map((goal) => visibleGoal(access, goal)), actions: actions.map((action) => visibleAction(access, action)) };
}

export interface PersonPlan extends PlanContext {
  goals: GoalView[];
  actions: ActionView[];
  schedule: PlanSchedule;
  /** The actor's organisation, for a partner who sees its actions only. */
  organisationName: string;
}

/** A person's plan as the actor may see it; the read is audited. `today` is the UK date on the app's clock. */
export async function readPlan(db: Db, actor: Actor, personId: string, today: string): Promise<PersonPlan> {
  return db.transaction(async (tx) => {
    const context = await planContext(tx, actor, personId);
    const { goals, actions } = await planContents(tx, actor, personId, context.access, today);
    const schedule = await store.findPlanSchedule(tx, actor.tenantId, personId, today);
    const organisationName = context.access.wholePlan ? "" : await store.organisationName(tx, actor.tenantId, actor.organisationId);
    await audit(tx, actor, {
      action: "plan.read",
      personId,
      detail: { audience: context.relationship.audience, wholePlan: context.access.wholePlan, goals: goals.length, actions: actions.length },
    });
    return { ...context, goals, actions, schedule, organisationName };
  });
}

export interface PlanFormContext {
  person: PersonHeading;
  relationship: Relationship;
  /** The person's goals, for linking an action to one. */
  goals: GoalView[];
  organisations: OrganisationOption[];
  owners: OwnerOption[];
}

/** Checks the actor may change the plan (Forbidden otherwise) and gives what its forms offer; audited as a read. */
export async function planForm(db: Db, actor: Actor, personId: string, purpose: "goal-form" | "action-form" | "schedule-form"): Promise<PlanFormContext> {
  return db.transaction(async (tx) => {
    const { person, relationship, access } = await planContext(tx, actor, personId);
    if (!access.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const forAction = purpose === "action-form";
    const context: PlanFormContext = {
      person,
      relationship,
      goals: forAction ? await store.listGoals(tx, actor.tenantId, personId) : [],
      organisations: forAction ? await store.listOrganisations(tx, actor.tenantId, actor.organisationId) : [],
      owners: forAction ? await store.listOwnerOptions(tx, actor.tenantId, personId, actor.organisationId) : [],
    };
    await audit(tx, actor, { action: "person.read", personId, detail: { purpose } });
    return context;
  });
}

export interface ScheduleForm extends PlanContext {
  schedule: PlanSchedule;
}

/** The review schedule, for the form that changes it; Forbidden unless the actor may change the plan. Audited. */
export async function readScheduleForm(db: Db, actor: Actor, personId: string, today: string): Promise<ScheduleForm> {
  return db.transaction(async (tx) => {
    const context = await planContext(tx, actor, personId);
    if (!context.access.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const schedule = await store.findPlanSchedule(tx, actor.tenantId, personId, today);
    await audit(tx, actor, { action: "person.read", personId, detail: { purpose: "plan-schedule-form" } });
    return { ...context, schedule };
  });
}

export interface ScheduleInput {
  reviewIntervalMonths: number;
  nextReviewOn: string;
}

/**
 * Sets how often the plan is reviewed and when the next review is, against the version last read
 * (null when there was no plan yet). The next review must be today or later. On the chronology.
 */
export async function changeSchedule(db: Db, actor: Actor, personId: string, expectedVersion: number | null, input: ScheduleInput, today: string): Promise<PlanSchedule> {
  if (input.nextReviewOn < today) throw new Invalid([{ field: "nextReviewOn", message: "The next review must be today or in the future" }]);
  return db.transaction(async (tx) => {
    const { access } = await planContext(tx, actor, personId);
    if (!access.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    // Read again for the conflict: what was read first may predate the save that won (PostgreSQL's
    // read committed), and the conflict must show what is stored now, with its version.
    const stale = async () => new Conflict("Someone else changed the review schedule after you opened it", await store.findPlanSchedule(tx, actor.tenantId, personId, today));
    const before = await store.findPlanSchedule(tx, actor.tenantId, personId, today);
    if (expectedVersion === null && before.exists) throw await stale();
    if (!before.exists) await ensurePlanInTransaction(tx, actor, personId, undefined, today);
    // With no plan when the form was opened, save over the plan only as it was first made (version
    // 1): not over a plan someone else made and changed meanwhile.
    const saved = await goalStore.updatePlanSchedule(tx, { tenantId: actor.tenantId, personId, expectedVersion: expectedVersion ?? 1, ...input, by: actor.userId });
    if (!saved) throw await stale();
    await recordChronology(tx, actor, {
      personId,
      kind: "plan-schedule-changed",
      summary: `Plan reviews every ${input.reviewIntervalMonths === 1 ? "month" : `${input.reviewIntervalMonths} months`}; next review by ${formatIsoDate(input.nextReviewOn)}`,
      section: "plan",
      detail: { ...input },
      sourceType: "plan",
      sourceId: saved.id,
    });
    await audit(tx, actor, { action: "plan.schedule.update", personId, subjectType: "plan", subjectId: saved.id, detail: { ...input, version: saved.version } });
    return store.findPlanSchedule(tx, actor.tenantId, personId, today);
  });
}

export interface PlanHandover {
  /** Goals being worked on. */
  goals: GoalView[];
  /** Open actions, the most overdue first. */
  actions: ActionView[];
  schedule: PlanSchedule;
  wholePlan: boolean;
}

/**
 * The plan for a handover summary: goals being worked on, open actions with their owners and due
 * dates, and the next review; null when the actor may not see the plan. Call it inside the
 * transaction that audits the handover's read.
 */
export async function planForHandover(tx: Db | Tx, actor: Actor, personId: string, today: string, known?: Relationship): Promise<PlanHandover | null> {
  const relationship = known ?? (await relationshipTo(tx, actor, personId));
  let access: PlanAccess;
  try {
    access = planAccess(actor, relationship);
  } catch (error) {
    if (error instanceof Forbidden) return null;
    throw error;
  }
  const { goals, actions } = await planContents(tx, actor, personId, access, today);
  return {
    goals: goals.filter((goal) => goal.status === "active"),
    actions: actions.filter((action) => action.status === "open"),
    schedule: await store.findPlanSchedule(tx, actor.tenantId, personId, today),
    wholePlan: access.wholePlan,
  };
}

export interface PlanGlance {
  activeGoals: number;
  openActions: number;
  overdueActions: number;
  nextReviewOn: string | null;
  reviewOverdue: boolean;
  wholePlan: boolean;
}

/**
 * The plan in numbers for the person's overview, as the actor may see it; null when they may not
 * see the plan. Not audited: the caller audits the overview's read.
 */
export async function planAtAGlance(tx: Db | Tx, actor: Actor, personId: string, today: string, known?: Relationship): Promise<PlanGlance | null> {
  const plan = await planForHandover(tx, actor, personId, today, known);
  if (!plan) return null;
  return {
    activeGoals: plan.goals.length,
    openActions: plan.actions.length,
    overdueActions: plan.actions.filter((action) => action.overdue).length,
    nextReviewOn: plan.schedule.nextReviewOn,
    reviewOverdue: plan.schedule.reviewOverdue,
    wholePlan: plan.wholePlan,
  };
}
