import { queryRows } from "../platform/database/query.ts";
import { sql } from "drizzle-orm";
import type { CareTeamRole } from "../platform/access/roles.ts";
import type { Db, Tx } from "../platform/database/open.ts";

export interface CaseloadRow {
  personId: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  engagementStatus: string;
  careTeamRole: CareTeamRole;
  lastContactAt: Date | null;
}

/** The people a worker is lead or co-worker for, those longest without contact first. */
export async function listCaseload(tx: Db | Tx, tenantId: string, workerId: string): Promise<CaseloadRow[]> {
  const result = await queryRows<{
    id: string;
    given_name: string;
    family_name: string;
    preferred_name: string | null;
    date_of_birth: string | null;
    engagement_status: string;
    care_team_role: CareTeamRole;
    last_contact_at: Date | string | null;
  }>(tx, sql`
    SELECT people.id, people.given_name, people.family_name, people.preferred_name,
      people.date_of_birth::text AS date_of_birth, people.engagement_status, membership.role AS care_team_role,
      (SELECT max(contacts.occurred_at) FROM contacts
        WHERE contacts.tenant_id = people.tenant_id AND contacts.person_id = people.id) AS last_contact_at
    FROM care_team_members membership
    JOIN people ON people.tenant_id = membership.tenant_id AND people.id = membership.person_id
    WHERE membership.tenant_id = ${tenantId} AND membership.user_id = ${workerId}
      AND membership.role IN ('lead', 'co-worker')
      AND (membership.ended_on IS NULL OR membership.ended_on >= CURRENT_DATE)
    ORDER BY last_contact_at ASC NULLS FIRST, people.family_name, people.given_name
  `);
  return result.map((row) => ({
    personId: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    preferredName: row.preferred_name,
    dateOfBirth: row.date_of_birth,
    engagementStatus: row.engagement_status,
    careTeamRole: row.care_team_role,
    lastContactAt: row.last_contact_at === null ? null : new Date(row.last_contact_at),
  }));
}

export interface WorkerCaseloadSize {
  workerId: string;
  displayName: string;
  jobTitle: string | null;
  keyworkingHours: number | null;
  leadCount: number;
  coWorkerCount: number;
}

/** Every worker in a team with how many people they lead and co-work. */
export async function listTeamCaseloadSizes(tx: Db | Tx, tenantId: string, teamId: string): Promise<WorkerCaseloadSize[]> {
  const result = await queryRows<{
    id: string;
    display_name: string;
    job_title: string | null;
    keyworking_hours: number | null;
    lead_count: number;
    co_worker_count: number;
  }>(tx, sql`
    SELECT users.id, users.display_name, users.job_title, users.keyworking_hours,
      count(membership.id) FILTER (WHERE membership.role = 'lead')::int AS lead_count,
      count(membership.id) FILTER (WHERE membership.role = 'co-worker')::int AS co_worker_count
    FROM users
    LEFT JOIN care_team_members membership
      ON membership.tenant_id = users.tenant_id AND membership.user_id = users.id
      AND (membership.ended_on IS NULL OR membership.ended_on >= CURRENT_DATE)
    WHERE users.tenant_id = ${tenantId} AND users.team_id = ${teamId} AND users.active
      AND users.roles && ARRAY['key-worker', 'co-worker']::text[]
    GROUP BY users.id
    ORDER BY users.display_name
  `);
  return result.map((row) => ({
    workerId: row.id,
    displayName: row.display_name,
    jobTitle: row.job_title,
    keyworkingHours: row.keyworking_hours,
    leadCount: row.lead_count,
    coWorkerCount: row.co_worker_count,
  }));
}

export async function findTeamWorker(tx: Db | Tx, tenantId: string, teamId: string, workerId: string): Promise<{ id: string; displayName: string } | undefined> {
  const result = await queryRows<{ id: string; display_name: string }>(tx, sql`
    SELECT id, display_name FROM users WHERE tenant_id = ${tenantId} AND team_id = ${teamId} AND id = ${workerId}
  `);
  const row = result[0];
  return row ? { id: row.id, displayName: row.display_name } : undefined;
}

export async function findTeamName(tx: Db | Tx, tenantId: string, teamId: string): Promise<string | undefined> {
  const result = await queryRows<{ name: string }>(tx, sql`SELECT name FROM teams WHERE tenant_id = ${tenantId} AND id = ${teamId}`);
  return result[0]?.name;
}
