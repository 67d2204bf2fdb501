import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { queryRows } from "../platform/database/query.ts";
import type { ActionStatus, GoalStatus } from "./schema.ts";

/** Reads of the plan: goals with their progress, actions with their owners, the review schedule. */

export interface Named {
  id: string;
  name: string;
}

export interface ProgressView {
  id: string;
  goalId: string;
  recordedAt: Date;
  /** 0–10 when the person gave one. */
  rating: number | null;
  /** Null for readers who do not see progress notes (family and carers). */
  note: string | null;
  recordedBy: Named | null;
}

export interface GoalView {
  id: string;
  personId: string;
  description: string;
  workerNote: string | null;
  status: GoalStatus;
  endedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  createdBy: Named | null;
  updatedBy: Named | null;
  version: number;
  /** Oldest first. */
  progress: ProgressView[];
}

export interface ActionView {
  id: string;
  personId: string;
  goalId: string | null;
  goalDescription: string | null;
  meetingId: string | null;
  description: string;
  dueOn: string;
  status: ActionStatus;
  /** Open and due before today. */
  overdue: boolean;
  evidence: string | null;
  ownerOrganisation: Named;
  /** The named owner with a Keywork account. */
  owner: Named | null;
  /** A named owner without an account, as typed. */
  ownerNameText: string | null;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  createdBy: Named | null;
  updatedBy: Named | null;
  version: number;
}

export interface PlanSchedule {
  /** False until the first goal or action, or a schedule set by hand. */
  exists: boolean;
  nextReviewOn: string | null;
  reviewIntervalMonths: number;
  lastReviewedOn: string | null;
  reviewOverdue: boolean;
  version: number | null;
}

const named = (id: string | null, name: string | null): Named | null => (id ? { id, name: name ?? "Unknown" } : null);
const asDate = (value: Date | string): Date => new Date(value);
const asNullableDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

interface GoalRaw {
  id: string;
  person_id: string;
  description: string;
  worker_note: string | null;
  status: GoalStatus;
  ended_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  created_by: string | null;
  created_by_name: string | null;
  updated_by: string | null;
  updated_by_name: string | null;
  version: number;
}

const GOAL_SELECT = sql`
  SELECT goal.id, goal.person_id, goal.description, goal.worker_note, goal.status, goal.ended_at, goal.created_at, goal.updated_at,
    goal.created_by, creator.display_name AS created_by_name, goal.updated_by, updater.display_name AS updated_by_name, goal.version
  FROM goals goal
  LEFT JOIN users creator ON creator.tenant_id = goal.tenant_id AND creator.id = goal.created_by
  LEFT JOIN users updater ON updater.tenant_id = goal.tenant_id AND updater.id = goal.updated_by`;

interface ProgressRaw {
  id: string;
  goal_id: string;
  recorded_at: Date | string;
  rating: number | null;
  note: string;
  recorded_by: string | null;
  recorded_by_name: string | null;
}

async function progressWhere(tx: Db | Tx, condition: SQL): Promise<ProgressView[]> {
  const rows = await queryRows<ProgressRaw>(tx, sql`
    SELECT progress.id, progress.goal_id, progress.recorded_at, progress.rating, progress.note, progress.recorded_by, recorder.display_name AS recorded_by_name
    FROM goal_progress progress
    LEFT JOIN users recorder ON recorder.tenant_id = progress.tenant_id AND recorder.id = progress.recorded_by
    WHERE ${condition}
    ORDER BY progress.recorded_at, progress.id`);
  return rows.map((row) => ({
    id: row.id,
    goalId: row.goal_id,
    recordedAt: asDate(row.recorded_at),
    rating: row.rating === null ? null : Number(row.rating),
    note: row.note,
    recordedBy: named(row.recorded_by, row.recorded_by_name),
  }));
}

function toGoal(row: GoalRaw, progress: ProgressView[]): GoalView {
  return {
    id: row.id,
    personId: row.person_id,
    description: row.description,
    workerNote: row.worker_note,
    status: row.status,
    endedAt: asNullableDate(row.ended_at),
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
    createdBy: named(row.created_by, row.created_by_name),
    updatedBy: named(row.updated_by, row.updated_by_name),
    version: Number(row.version),
    progress: progress.filter((item) => item.goalId === row.id),
  };
}

/** A person's goals with their progress: those being worked on first, then achieved, then stopped; oldest first in each. */
export async function listGoals(tx: Db | Tx, tenantId: string, personId: string): Promise<GoalView[]> {
  const rows = await queryRows<GoalRaw>(tx, sql`${GOAL_SELECT}
    WHERE goal.tenant_id = ${tenantId} AND goal.person_id = ${personId}
    ORDER BY CASE goal.status WHEN 'active' THEN 0 WHEN 'achieved' THEN 1 ELSE 2 END, goal.created_at, goal.id`);
  if (rows.length === 0) return [];
  const progress = await progressWhere(tx, sql`progress.tenant_id = ${tenantId} AND progress.person_id = ${personId}`);
  return rows.map((row) => toGoal(row, progress));
}

export async function findGoal(tx: Db | Tx, tenantId: string, goalId: string): Promise<GoalView | undefined> {
  const [row] = await queryRows<GoalRaw>(tx, sql`${GOAL_SELECT} WHERE goal.tenant_id = ${tenantId} AND goal.id = ${goalId}`);
  if (!row) return undefined;
  return toGoal(row, await progressWhere(tx, sql`progress.tenant_id = ${tenantId} AND progress.goal_id = ${goalId}`));
}

interface ActionRaw {
  id: string;
  person_id: string;
  goal_id: string | null;
  goal_description: string | null;
  meeting_id: string | null;
  description: string;
  due_on: string;
  status: ActionStatus;
  overdue: boolean;
  evidence: string | null;
  owner_organisation_id: string;
  owner_organisation_name: string;
  owner_user_id: string | null;
  owner_user_name: string | null;
  owner_name: string | null;
  completed_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  created_by: string | null;
  created_by_name: string | null;
  updated_by: string | null;
  updated_by_name: string | null;
  version: number;
}

function actionSelect(today: string): SQL {
  return sql`
  SELECT action.id, action.person_id, action.goal_id, goal.description AS goal_description, action.meeting_id, action.description,
    action.due_on::text AS due_on, action.status, (action.status = 'open' AND action.due_on < ${today}::date) AS overdue, action.evidence,
    action.owner_organisation_id, organisation.name AS owner_organisation_name, action.owner_user_id, owner.display_name AS owner_user_name,
    action.owner_name, action.completed_at, action.created_at, action.updated_at,
    action.created_by, creator.display_name AS created_by_name, action.updated_by, updater.display_name AS updated_by_name, action.version
  FROM plan_actions action
  JOIN organisations organisation ON organisation.tenant_id = action.tenant_id AND organisation.id = action.owner_organisation_id
  LEFT JOIN goals goal ON goal.tenant_id = action.tenant_id AND goal.id = action.goal_id
  LEFT JOIN users owner ON owner.tenant_id = action.tenant_id AND owner.id = action.owner_user_id
  LEFT JOIN users creator ON creator.tenant_id = action.tenant_id AND creator.id = action.created_by
  LEFT JOIN users updater ON updater.tenant_id = action.tenant_id AND updater.id = action.updated_by`;
}

function toAction(row: ActionRaw): ActionView {
  return {
    id: row.id,
    personId: row.person_id,
    goalId: row.goal_id,
    goalDescription: row.goal_description,
    meetingId: row.meeting_id,
    description: row.description,
    dueOn: row.due_on,
    status: row.status,
    overdue: row.overdue,
    evidence: row.evidence,
    ownerOrganisation: { id: row.owner_organisation_id, name: row.owner_organisation_name },
    owner: named(row.owner_user_id, row.owner_user_name),
    ownerNameText: row.owner_name,
    completedAt: asNullableDate(row.completed_at),
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
    createdBy: named(row.created_by, row.created_by_name),
    updatedBy: named(row.updated_by, row.updated_by_name),
    version: Number(row.version),
  };
}

/**
 * A person's actions, all of them or those one organisation owns: open ones first, the most
 * overdue first; then done and cancelled ones, the most recently finished first.
 */
export async function listActions(tx: Db | Tx, tenantId: string, personId: string, options: { today: string; ownerOrganisationId?: string | null }): Promise<ActionView[]> {
  const rows = await queryRows<ActionRaw>(tx, sql`${actionSelect(options.today)}
    WHERE action.tenant_id = ${tenantId} AND action.person_id = ${personId}
      ${options.ownerOrganisationId ? sql`AND action.owner_organisation_id = ${options.ownerOrganisationId}` : sql``}
    ORDER BY (action.status <> 'open'), CASE WHEN action.status = 'open' THEN action.due_on END, coalesce(action.completed_at, action.updated_at) DESC, action.created_at, action.id`);
  return rows.map(toAction);
}

export async function findAction(tx: Db | Tx, tenantId: string, actionId: string, today: string): Promise<ActionView | undefined> {
  const [row] = await queryRows<ActionRaw>(tx, sql`${actionSelect(today)} WHERE action.tenant_id = ${tenantId} AND action.id = ${actionId}`);
  return row ? toAction(row) : undefined;
}

export interface ActionRevision {
  version: number;
  changedAt: Date;
  changedBy: Named | null;
  /** The action as it was after this change, with the names of its owner and goal as they are now. */
  snapshot: Record<string, unknown>;
  names: { ownerOrganisation: string | null; owner: string | null; goal: string | null };
}

/** Every saved version of an action, oldest first. */
export async function listActionRevisions(tx: Db | Tx, tenantId: string, actionId: string): Promise<ActionRevision[]> {
  const rows = await queryRows<{
    version: number;
    changed_at: Date | string;
    changed_by: string | null;
    changed_by_name: string | null;
    snapshot: Record<string, unknown>;
    organisation_name: string | null;
    owner_name: string | null;
    goal_description: string | null;
  }>(tx, sql`
    SELECT revision.version, revision.changed_at, revision.changed_by, changer.display_name AS changed_by_name, revision.snapshot,
      organisation.name AS organisation_name, owner.display_name AS owner_name, goal.description AS goal_description
    FROM plan_action_revisions revision
    LEFT JOIN users changer ON changer.tenant_id = revision.tenant_id AND changer.id = revision.changed_by
    LEFT JOIN organisations organisation ON organisation.tenant_id = revision.tenant_id AND organisation.id::text = revision.snapshot->>'ownerOrganisationId'
    LEFT JOIN users owner ON owner.tenant_id = revision.tenant_id AND owner.id::text = revision.snapshot->>'ownerUserId'
    LEFT JOIN goals goal ON goal.tenant_id = revision.tenant_id AND goal.id::text = revision.snapshot->>'goalId'
    WHERE revision.tenant_id = ${tenantId} AND revision.action_id = ${actionId}
    ORDER BY revision.version, revision.changed_at`);
  return rows.map((row) => ({
    version: Number(row.version),
    changedAt: asDate(row.changed_at),
    changedBy: named(row.changed_by, row.changed_by_name),
    snapshot: row.snapshot,
    names: { ownerOrganisation: row.organisation_name, owner: row.owner_name, goal: row.goal_description },
  }));
}

/**
 * The person's review schedule. Before the plan has a row of its own, the first review falls three
 * months after the first goal or action; with neither, there is no review date yet.
 */
export async function findPlanSchedule(tx: Db | Tx, tenantId: string, personId: string, today: string): Promise<PlanSchedule> {
  const [row] = await queryRows<{ next_review_on: string | null; review_interval_months: number | null; last_reviewed_on: string | null; version: number | null; exists: boolean }>(
    tx,
    sql`
    WITH plan AS (
      SELECT next_review_on, review_interval_months, last_reviewed_on, version FROM plans WHERE tenant_id = ${tenantId} AND person_id = ${personId}
    ), first_item AS (
      SELECT min(created_at) AS at FROM (
        SELECT created_at FROM goals WHERE tenant_id = ${tenantId} AND person_id = ${personId}
        UNION ALL SELECT created_at FROM plan_actions WHERE tenant_id = ${tenantId} AND person_id = ${personId}) items
    )
    SELECT coalesce((SELECT next_review_on FROM plan), ((SELECT at FROM first_item) AT TIME ZONE 'Europe/London')::date + interval '3 months')::date::text AS next_review_on,
      (SELECT review_interval_months FROM plan) AS review_interval_months,
      (SELECT last_reviewed_on::text FROM plan) AS last_reviewed_on,
      (SELECT version FROM plan) AS version,
      EXISTS (SELECT 1 FROM plan) AS exists`,
  );
  const nextReviewOn = row?.next_review_on ?? null;
  return {
    exists: row?.exists ?? false,
    nextReviewOn,
    reviewIntervalMonths: row?.review_interval_months ?? 3,
    lastReviewedOn: row?.last_reviewed_on ?? null,
    reviewOverdue: nextReviewOn !== null && nextReviewOn < today,
    version: row?.version === null || row?.version === undefined ? null : Number(row.version),
  };
}

export interface OrganisationOption extends Named {
  own: boolean;
}

/** The partnership's organisations that may own an action: the actor's own first, then the others by name. */
export async function listOrganisations(tx: Db | Tx, tenantId: string, ownOrganisationId: string): Promise<OrganisationOption[]> {
  const rows = await queryRows<{ id: string; name: string }>(tx, sql`
    SELECT id, name FROM organisations WHERE tenant_id = ${tenantId}
    ORDER BY (id = ${ownOrganisationId}) DESC, name`);
  return rows.map((row) => ({ id: row.id, name: row.name, own: row.id === ownOrganisationId }));
}

export interface OwnerOption extends Named {
  organisationId: string;
  organisationName: string;
  inTeam: boolean;
}

/**
 * People who may be named as an action's owner: the team around the person first, then the staff of
 * the partnership's organisations (not family, clients or administrators), by organisation and name.
 */
export async function listOwnerOptions(tx: Db | Tx, tenantId: string, personId: string, ownOrganisationId: string): Promise<OwnerOption[]> {
  const rows = await queryRows<{ id: string; name: string; organisation_id: string; organisation_name: string; in_team: boolean }>(tx, sql`
    SELECT staff.id, staff.display_name AS name, staff.organisation_id, organisation.name AS organisation_name,
      EXISTS (SELECT 1 FROM care_team_members membership
        WHERE membership.tenant_id = staff.tenant_id AND membership.person_id = ${personId} AND membership.user_id = staff.id
          AND membership.ended_on IS NULL) AS in_team
    FROM users staff
    JOIN organisations organisation ON organisation.tenant_id = staff.tenant_id AND organisation.id = staff.organisation_id
    WHERE staff.tenant_id = ${tenantId} AND staff.active
      AND staff.roles && ARRAY['key-worker', 'co-worker', 'manager', 'psychologist', 'peer-mentor', 'partner', 'referrer', 'register-owner']::text[]
    ORDER BY in_team DESC, (staff.organisation_id = ${ownOrganisationId}) DESC, organisation.name, staff.display_name
    LIMIT 500`);
  return rows.map((row) => ({ id: row.id, name: row.name, organisationId: row.organisation_id, organisationName: row.organisation_name, inTeam: row.in_team }));
}

/** The organisation a user works for, when they are active in the partnership. */
export async function organisationOfUser(tx: Db | Tx, tenantId: string, userId: string): Promise<string | undefined> {
  const [row] = await queryRows<{ organisation_id: string }>(tx, sql`SELECT organisation_id FROM users WHERE tenant_id = ${tenantId} AND id = ${userId} AND active`);
  return row?.organisation_id;
}

export async function organisationName(tx: Db | Tx, tenantId: string, organisationId: string): Promise<string> {
  const [row] = await queryRows<{ name: string }>(tx, sql`SELECT name FROM organisations WHERE tenant_id = ${tenantId} AND id = ${organisationId}`);
  return row?.name ?? "their organisation";
}
