import { sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { queryRows } from "../platform/database/query.ts";

/**
 * The SQL of the escalation sweep. Each query answers only the (action, user) pairs that have not
 * been raised yet, looked up through the notifications' unique (tenant, user, dedupe key) index, so
 * a sweep over a large partnership reads little once it has caught up.
 */

export interface EscalationCandidate {
  actionId: string;
  personId: string;
  dueOn: string;
  userId: string;
  organisationName: string;
  dedupeKey: string;
}

interface RawCandidate {
  action_id: string;
  person_id: string;
  due_on: string;
  user_id: string;
  organisation_name: string;
  dedupe_key: string;
}

const toCandidate = (row: RawCandidate): EscalationCandidate => ({
  actionId: row.action_id,
  personId: row.person_id,
  dueOn: row.due_on,
  userId: row.user_id,
  organisationName: row.organisation_name,
  dedupeKey: row.dedupe_key,
});

/** Each partnership with the days overdue after which its actions are chased. */
export async function listTenantsToSweep(tx: Db | Tx, defaultChaseAfterDays: number): Promise<Array<{ tenantId: string; chaseAfterDays: number }>> {
  const rows = await queryRows<{ id: string; chase_after_days: number | null }>(
    tx,
    sql`SELECT t.id, s.chase_after_days FROM tenants t LEFT JOIN plan_settings s ON s.tenant_id = t.id ORDER BY t.id`,
  );
  return rows.map((row) => ({ tenantId: row.id, chaseAfterDays: Number(row.chase_after_days ?? defaultChaseAfterDays) }));
}

/**
 * Owners to remind of open actions due on or before `today` on open cases: the named owner when
 * they have an active account; otherwise the owning organisation's people in the team around the
 * person; otherwise the person's lead worker.
 */
export async function listDueReminders(tx: Db | Tx, tenantId: string, today: string, limit: number): Promise<EscalationCandidate[]> {
  const rows = await queryRows<RawCandidate>(tx, sql`
    WITH due AS (
      SELECT a.id, a.tenant_id, a.person_id, a.due_on, a.owner_user_id, a.owner_organisation_id, o.name AS organisation_name,
        'due:' || a.id::text || ':' || a.due_on::text AS dedupe_key
      FROM plan_actions a
      JOIN people p ON p.tenant_id = a.tenant_id AND p.id = a.person_id
      JOIN organisations o ON o.tenant_id = a.tenant_id AND o.id = a.owner_organisation_id
      WHERE a.tenant_id = ${tenantId} AND a.status = 'open' AND a.due_on <= ${today}::date AND p.closed_at IS NULL
    ),
    named_owner AS (
      SELECT due.*, u.id AS user_id FROM due
      JOIN users u ON u.tenant_id = due.tenant_id AND u.id = due.owner_user_id AND u.active
    ),
    organisation_members AS (
      SELECT due.*, u.id AS user_id FROM due
      JOIN care_team_members m ON m.tenant_id = due.tenant_id AND m.person_id = due.person_id
        AND m.role IN ('lead', 'co-worker', 'partner')
        AND (m.ended_on IS NULL OR m.ended_on >= ${today}::date)
      JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id AND u.active AND u.organisation_id = due.owner_organisation_id
      WHERE NOT EXISTS (SELECT 1 FROM named_owner n WHERE n.id = due.id)
    ),
    lead_workers AS (
      SELECT due.*, u.id AS user_id FROM due
      JOIN care_team_members m ON m.tenant_id = due.tenant_id AND m.person_id = due.person_id AND m.role = 'lead'
        AND (m.ended_on IS NULL OR m.ended_on >= ${today}::date)
      JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id AND u.active
      WHERE NOT EXISTS (SELECT 1 FROM named_owner n WHERE n.id = due.id)
        AND NOT EXISTS (SELECT 1 FROM organisation_members om WHERE om.id = due.id)
    ),
    recipients AS (
      SELECT * FROM named_owner UNION SELECT * FROM organisation_members UNION SELECT * FROM lead_workers
    )
    SELECT r.id AS action_id, r.person_id, r.due_on::text AS due_on, r.user_id, r.organisation_name, r.dedupe_key
    FROM recipients r
    WHERE NOT EXISTS (
      SELECT 1 FROM notifications n WHERE n.tenant_id = r.tenant_id AND n.user_id = r.user_id AND n.dedupe_key = r.dedupe_key)
    ORDER BY r.due_on, r.id, r.user_id
    LIMIT ${limit}
  `);
  return rows.map(toCandidate);
}

/**
 * Lead workers and the team's managers to tell about open actions on open cases that were due on
 * or before `dueOnOrBefore` (overdue by the partnership's chase threshold or more).
 */
export async function listChaseAlerts(tx: Db | Tx, tenantId: string, today: string, dueOnOrBefore: string, limit: number): Promise<EscalationCandidate[]> {
  const rows = await queryRows<RawCandidate>(tx, sql`
    WITH overdue AS (
      SELECT a.id, a.tenant_id, a.person_id, a.due_on, p.team_id, o.name AS organisation_name,
        'chase:' || a.id::text || ':' || a.due_on::text AS dedupe_key
      FROM plan_actions a
      JOIN people p ON p.tenant_id = a.tenant_id AND p.id = a.person_id
      JOIN organisations o ON o.tenant_id = a.tenant_id AND o.id = a.owner_organisation_id
      WHERE a.tenant_id = ${tenantId} AND a.status = 'open' AND a.due_on <= ${dueOnOrBefore}::date AND p.closed_at IS NULL
    ),
    recipients AS (
      SELECT overdue.*, u.id AS user_id FROM overdue
      JOIN care_team_members m ON m.tenant_id = overdue.tenant_id AND m.person_id = overdue.person_id AND m.role = 'lead'
        AND (m.ended_on IS NULL OR m.ended_on >= ${today}::date)
      JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id AND u.active
      UNION
      SELECT overdue.*, u.id AS user_id FROM overdue
      JOIN users u ON u.tenant_id = overdue.tenant_id AND u.team_id = overdue.team_id AND u.active AND 'manager' = ANY (u.roles)
    )
    SELECT r.id AS action_id, r.person_id, r.due_on::text AS due_on, r.user_id, r.organisation_name, r.dedupe_key
    FROM recipients r
    WHERE NOT EXISTS (
      SELECT 1 FROM notifications n WHERE n.tenant_id = r.tenant_id AND n.user_id = r.user_id AND n.dedupe_key = r.dedupe_key)
    ORDER BY r.due_on, r.id, r.user_id
    LIMIT ${limit}
  `);
  return rows.map(toCandidate);
}
