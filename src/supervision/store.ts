import { and, eq, sql, type SQL } from "drizzle-orm";
import { visiblePeopleCondition, type Actor } from "../platform/access/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { queryRows } from "../platform/database/query.ts";
import { CONTACT_TARGET_DAYS } from "../caseload/needs.ts";
import { DEFAULT_STUCK_RULES, type StuckRuleSettings, type StuckRules } from "./schema.ts";
import { stuckCaseRules } from "./tables.ts";

/** The contact target when a person's contact intensity is not one the caseload knows. */
const DEFAULT_TARGET_DAYS = CONTACT_TARGET_DAYS.medium ?? 14;

// ---------------------------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------------------------

/** The partnership's rules, or the defaults (version 0) when nobody has changed them. */
export async function findRules(tx: Db | Tx, tenantId: string): Promise<StuckRules> {
  const [row] = await queryRows<{
    no_goals_enabled: boolean;
    no_progress_enabled: boolean;
    no_progress_weeks: number;
    no_contact_enabled: boolean;
    no_contact_multiple: number;
    crises_enabled: boolean;
    crises_count: number;
    crises_weeks: number;
    overdue_actions_enabled: boolean;
    overdue_action_days: number;
    version: number;
    updated_at: Date | string;
    updated_by: string | null;
    updated_by_name: string | null;
  }>(tx, sql`
    SELECT setting.*, updater.display_name AS updated_by_name
    FROM stuck_case_rules setting
    LEFT JOIN users updater ON updater.tenant_id = setting.tenant_id AND updater.id = setting.updated_by
    WHERE setting.tenant_id = ${tenantId}
  `);
  if (!row) return { ...DEFAULT_STUCK_RULES, version: 0, updatedAt: null, updatedBy: null };
  return {
    noGoalsEnabled: row.no_goals_enabled,
    noProgressEnabled: row.no_progress_enabled,
    noProgressWeeks: row.no_progress_weeks,
    noContactEnabled: row.no_contact_enabled,
    noContactMultiple: row.no_contact_multiple,
    crisesEnabled: row.crises_enabled,
    crisesCount: row.crises_count,
    crisesWeeks: row.crises_weeks,
    overdueActionsEnabled: row.overdue_actions_enabled,
    overdueActionDays: row.overdue_action_days,
    version: Number(row.version),
    updatedAt: new Date(row.updated_at),
    updatedBy: row.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? "Unknown" } : null,
  };
}

/**
 * Saves the rules made against `expectedVersion` (0: the defaults, never saved). False when
 * someone else saved first.
 */
export async function saveRules(tx: Tx, input: { tenantId: string; expectedVersion: number; by: string; settings: StuckRuleSettings }): Promise<boolean> {
  if (input.expectedVersion === 0) {
    const inserted = await tx
      .insert(stuckCaseRules)
      .values({ tenantId: input.tenantId, ...input.settings, updatedBy: input.by })
      .onConflictDoNothing({ target: stuckCaseRules.tenantId })
      .returning({ version: stuckCaseRules.version });
    return inserted.length === 1;
  }
  const updated = await tx
    .update(stuckCaseRules)
    .set({ ...input.settings, updatedBy: input.by, updatedAt: sql`now()`, version: sql`${stuckCaseRules.version} + 1` })
    .where(and(eq(stuckCaseRules.tenantId, input.tenantId), eq(stuckCaseRules.version, input.expectedVersion)))
    .returning({ version: stuckCaseRules.version });
  return updated.length === 1;
}

// ---------------------------------------------------------------------------------------------
// Stuck cases
// ---------------------------------------------------------------------------------------------

/** What the rules found about one person, with the facts behind each reason. */
export interface StuckFacts {
  personId: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  keyWorker: { id: string; name: string } | null;
  lastCaseReviewOn: string | null;
  noGoals: boolean;
  noProgress: boolean;
  /** Whole days since a goal was added, achieved or had progress recorded. */
  daysSinceGoalActivity: number | null;
  noContact: boolean;
  /** Days since the last contact, or since the case opened when they have never been seen. */
  daysWithoutContact: number;
  neverSeen: boolean;
  targetDays: number;
  crisesFound: boolean;
  crises: number;
  overdueActionsFound: boolean;
  overdueActions: number;
  overdueOrganisations: string[];
  mostDaysOverdue: number;
}

const londonDate = (column: SQL) => sql`(${column} AT TIME ZONE 'Europe/London')::date`;
const flag = (enabled: boolean) => sql.raw(enabled ? "TRUE" : "FALSE");

/** The person's contact target in days, from their contact intensity, as the caseload reckons it. */
const TARGET_DAYS = sql`CASE person.contact_intensity ${sql.join(
  Object.entries(CONTACT_TARGET_DAYS).map(([intensity, days]) => sql`WHEN ${intensity} THEN ${days}::int`),
  sql` `,
)} ELSE ${DEFAULT_TARGET_DAYS}::int END`;

/**
 * The open cases the actor may see that at least one rule finds stuck on `today` (a UK date from
 * the app's clock), for the whole of their team in one query; `personIds` narrows it to some
 * people. Crises are counted as the caseload counts them: crisis contacts plus significant events
 * of kind crisis.
 */
export async function listStuckFacts(
  tx: Db | Tx,
  actor: Actor,
  options: { today: string; rules: StuckRuleSettings; personIds?: string[] },
): Promise<StuckFacts[]> {
  const { rules } = options;
  const today = sql`${options.today}::date`;
  // The list is the team's own: a manager or psychologist who also key-works elsewhere does not
  // see those other teams' cases on it. One person's reasons (the case review form) are not limited so.
  const only = options.personIds
    ? sql`AND person.id IN (${sql.join(options.personIds.map((id) => sql`${id}::uuid`), sql`, `)})`
    : actor.teamId
      ? sql`AND person.team_id = ${actor.teamId}`
      : sql`AND FALSE`;
  if (options.personIds?.length === 0) return [];
  const crisisWindowStart = sql`${today} - ${rules.crisesWeeks * 7 - 1}::int`;
  const rows = await queryRows<{
    id: string;
    given_name: string;
    family_name: string;
    preferred_name: string | null;
    key_worker_id: string | null;
    key_worker_name: string | null;
    last_case_review_on: string | null;
    no_goals: boolean;
    no_progress: boolean;
    days_since_goal_activity: number | null;
    no_contact: boolean;
    days_without_contact: number;
    never_seen: boolean;
    target_days: number;
    crises_found: boolean;
    crises: number;
    overdue_found: boolean;
    overdue_count: number;
    overdue_organisations: string[] | null;
    most_days_overdue: number | null;
  }>(tx, sql`
    WITH facts AS (
      SELECT person.id, person.tenant_id, person.given_name, person.family_name, person.preferred_name,
        ${TARGET_DAYS} AS target_days,
        (SELECT count(*)::int FROM goals goal
          WHERE goal.tenant_id = person.tenant_id AND goal.person_id = person.id AND goal.status = 'active') AS active_goals,
        (SELECT max(activity.on_date) FROM (
            SELECT ${londonDate(sql`progress.recorded_at`)} AS on_date FROM goal_progress progress
              WHERE progress.tenant_id = person.tenant_id AND progress.person_id = person.id
            UNION ALL
            SELECT ${londonDate(sql`goal.created_at`)} FROM goals goal
              WHERE goal.tenant_id = person.tenant_id AND goal.person_id = person.id
            UNION ALL
            SELECT ${londonDate(sql`goal.ended_at`)} FROM goals goal
              WHERE goal.tenant_id = person.tenant_id AND goal.person_id = person.id AND goal.status = 'achieved'
          ) activity WHERE activity.on_date <= ${today}) AS last_goal_activity_on,
        (SELECT ${londonDate(sql`max(contact.occurred_at)`)} FROM contacts contact
          WHERE contact.tenant_id = person.tenant_id AND contact.person_id = person.id AND ${londonDate(sql`contact.occurred_at`)} <= ${today}) AS last_contact_on,
        ${londonDate(sql`person.created_at`)} AS opened_on,
        (SELECT count(*)::int FROM contacts contact
          WHERE contact.tenant_id = person.tenant_id AND contact.person_id = person.id AND contact.purpose = 'crisis'
            AND ${londonDate(sql`contact.occurred_at`)} BETWEEN ${crisisWindowStart} AND ${today})
        + (SELECT count(*)::int FROM significant_events event
          WHERE event.tenant_id = person.tenant_id AND event.person_id = person.id AND event.kind = 'crisis'
            AND ${londonDate(sql`event.occurred_at`)} BETWEEN ${crisisWindowStart} AND ${today}) AS crises,
        overdue.count AS overdue_count, overdue.organisations AS overdue_organisations, overdue.most_days AS most_days_overdue
      FROM people person
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS count, array_agg(DISTINCT organisation.name) AS organisations, max(${today} - action.due_on)::int AS most_days
        FROM plan_actions action
        JOIN organisations organisation ON organisation.tenant_id = action.tenant_id AND organisation.id = action.owner_organisation_id
        WHERE action.tenant_id = person.tenant_id AND action.person_id = person.id AND action.status = 'open'
          AND action.due_on < ${today} - ${rules.overdueActionDays}::int
      ) overdue ON TRUE
      WHERE person.closed_at IS NULL AND ${visiblePeopleCondition(actor, "person")} ${only}
    ),
    judged AS (
      SELECT facts.*,
        (${today} - facts.last_goal_activity_on) AS days_since_goal_activity,
        (${today} - coalesce(facts.last_contact_on, facts.opened_on)) AS days_without_contact,
        (facts.last_contact_on IS NULL) AS never_seen,
        (${flag(rules.noGoalsEnabled)} AND facts.active_goals = 0) AS no_goals,
        (${flag(rules.noProgressEnabled)} AND facts.active_goals > 0
          AND (facts.last_goal_activity_on IS NULL OR ${today} - facts.last_goal_activity_on > ${rules.noProgressWeeks * 7}::int)) AS no_progress,
        (${flag(rules.noContactEnabled)}
          AND ${today} - coalesce(facts.last_contact_on, facts.opened_on) > ${rules.noContactMultiple}::int * facts.target_days) AS no_contact,
        (${flag(rules.crisesEnabled)} AND facts.crises >= ${rules.crisesCount}::int) AS crises_found,
        (${flag(rules.overdueActionsEnabled)} AND facts.overdue_count > 0) AS overdue_found
      FROM facts
    )
    SELECT judged.*, lead.id AS key_worker_id, lead.display_name AS key_worker_name,
      (SELECT max(review.held_on)::text FROM case_reviews review
        WHERE review.tenant_id = judged.tenant_id AND review.person_id = judged.id) AS last_case_review_on
    FROM judged
    LEFT JOIN LATERAL (
      SELECT worker.id, worker.display_name FROM care_team_members membership
      JOIN users worker ON worker.tenant_id = membership.tenant_id AND worker.id = membership.user_id
      WHERE membership.tenant_id = judged.tenant_id AND membership.person_id = judged.id AND membership.role = 'lead'
        AND (membership.ended_on IS NULL OR membership.ended_on >= ${today})
      ORDER BY membership.started_on DESC LIMIT 1
    ) lead ON TRUE
    WHERE judged.no_goals OR judged.no_progress OR judged.no_contact OR judged.crises_found OR judged.overdue_found
    ORDER BY judged.family_name, judged.given_name
  `);
  return rows.map((row) => ({
    personId: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    preferredName: row.preferred_name,
    keyWorker: row.key_worker_id ? { id: row.key_worker_id, name: row.key_worker_name ?? "Unknown" } : null,
    lastCaseReviewOn: row.last_case_review_on,
    noGoals: row.no_goals,
    noProgress: row.no_progress,
    daysSinceGoalActivity: row.days_since_goal_activity === null ? null : Number(row.days_since_goal_activity),
    noContact: row.no_contact,
    daysWithoutContact: Number(row.days_without_contact),
    neverSeen: row.never_seen,
    targetDays: Number(row.target_days),
    crisesFound: row.crises_found,
    crises: Number(row.crises),
    overdueActionsFound: row.overdue_found,
    overdueActions: Number(row.overdue_count),
    overdueOrganisations: [...(row.overdue_organisations ?? [])].sort(),
    mostDaysOverdue: Number(row.most_days_overdue ?? 0),
  }));
}
