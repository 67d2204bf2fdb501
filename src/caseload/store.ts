import { queryRows } from "../platform/database/query.ts";
import { sql } from "drizzle-orm";
import { LONDON_TODAY, visiblePeopleCondition, type Actor } from "../platform/access/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";

export interface CaseloadRow {
  personId: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  engagementStatus: string;
  contactIntensity: string;
  /** lead, co-worker, or covering (for an absent worker). */
  careTeamRole: "lead" | "co-worker" | "covering";
  lastContactAt: Date | null;
  nextAppointmentAt: Date | null;
  nextAppointmentPlace: string | null;
  crisesInEightWeeks: number;
  lastCrisisAt: Date | null;
  riskReviewDueOn: string | null;
  risksToWorkers: boolean;
  highestRisk: string | null;
  consentReviewDueOn: string | null;
  /** The plan's next review when it is within a fortnight or past. */
  planReviewDueOn: string | null;
  /** Open actions in the plan past their due date, whoever owns them. */
  overdueActions: number;
}

const asDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/**
 * The people a worker is lead or co-worker for, plus those of an absent colleague they are
 * covering today, with what the caseload order needs: last contact, next appointment, recent
 * crises, reviews due and risks. Closed cases are not on a caseload.
 */
export async function listCaseload(tx: Db | Tx, tenantId: string, workerId: string, viewer?: Actor): Promise<CaseloadRow[]> {
  const rows = await queryRows<{
    id: string;
    given_name: string;
    family_name: string;
    preferred_name: string | null;
    date_of_birth: string | null;
    engagement_status: string;
    contact_intensity: string;
    care_team_role: CaseloadRow["careTeamRole"];
    last_contact_at: Date | string | null;
    next_appointment_at: Date | string | null;
    next_appointment_place: string | null;
    crises: number;
    last_crisis_at: Date | string | null;
    risk_review_due_on: string | null;
    risks_to_workers: boolean;
    highest_risk: string | null;
    consent_review_due_on: string | null;
    plan_review_due_on: string | null;
    overdue_actions: number;
  }>(
    tx,
    sql`
    WITH mine AS (
      SELECT DISTINCT ON (person_id) person_id, role FROM (
        SELECT membership.person_id, membership.role, CASE membership.role WHEN 'lead' THEN 0 ELSE 1 END AS rank
        FROM care_team_members membership
        WHERE membership.tenant_id = ${tenantId} AND membership.user_id = ${workerId}
          AND membership.role IN ('lead', 'co-worker')
          AND (membership.ended_on IS NULL OR membership.ended_on >= ${LONDON_TODAY})
        UNION ALL
        SELECT covered.person_id, 'covering', 2
        FROM covers cover
        JOIN care_team_members covered ON covered.tenant_id = cover.tenant_id AND covered.user_id = cover.absent_user_id
        WHERE cover.tenant_id = ${tenantId} AND cover.covering_user_id = ${workerId} AND cover.cancelled_at IS NULL
          AND ${LONDON_TODAY} BETWEEN cover.starts_on AND cover.ends_on
          AND covered.role IN ('lead', 'co-worker')
          AND (covered.ended_on IS NULL OR covered.ended_on >= ${LONDON_TODAY})
      ) AS memberships
      ORDER BY person_id, rank
    )
    SELECT people.id, people.given_name, people.family_name, people.preferred_name,
      people.date_of_birth::text AS date_of_birth, people.engagement_status, people.contact_intensity,
      mine.role AS care_team_role,
      (SELECT max(contact.occurred_at) FROM contacts contact
        WHERE contact.tenant_id = people.tenant_id AND contact.person_id = people.id) AS last_contact_at,
      next_appointment.starts_at AS next_appointment_at, next_appointment.place AS next_appointment_place,
      (SELECT count(*)::int FROM contacts contact
        WHERE contact.tenant_id = people.tenant_id AND contact.person_id = people.id AND contact.purpose = 'crisis'
          AND contact.occurred_at > now() - interval '56 days')
      + (SELECT count(*)::int FROM significant_events event
        WHERE event.tenant_id = people.tenant_id AND event.person_id = people.id AND event.kind = 'crisis'
          AND event.occurred_at > now() - interval '56 days') AS crises,
      GREATEST(
        (SELECT max(contact.occurred_at) FROM contacts contact
          WHERE contact.tenant_id = people.tenant_id AND contact.person_id = people.id AND contact.purpose = 'crisis'),
        (SELECT max(event.occurred_at) FROM significant_events event
          WHERE event.tenant_id = people.tenant_id AND event.person_id = people.id AND event.kind = 'crisis')) AS last_crisis_at,
      (SELECT min(risk.review_on)::text FROM risks risk
        WHERE risk.tenant_id = people.tenant_id AND risk.person_id = people.id AND risk.closed_at IS NULL
          AND risk.review_on <= ${LONDON_TODAY}) AS risk_review_due_on,
      EXISTS (SELECT 1 FROM risks risk
        WHERE risk.tenant_id = people.tenant_id AND risk.person_id = people.id AND risk.closed_at IS NULL
          AND risk.category = 'to-workers') AS risks_to_workers,
      (SELECT risk.level FROM risks risk
        WHERE risk.tenant_id = people.tenant_id AND risk.person_id = people.id AND risk.closed_at IS NULL
        ORDER BY CASE risk.level WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END LIMIT 1) AS highest_risk,
      (SELECT min(consent.review_on)::text FROM consents consent
        WHERE consent.tenant_id = people.tenant_id AND consent.person_id = people.id
          AND consent.withdrawn_on IS NULL AND consent.review_on <= ${LONDON_TODAY} + 14) AS consent_review_due_on,
      (SELECT plan.next_review_on::text FROM plans plan
        WHERE plan.tenant_id = people.tenant_id AND plan.person_id = people.id
          AND plan.next_review_on <= ${LONDON_TODAY} + 14) AS plan_review_due_on,
      (SELECT count(*)::int FROM plan_actions action
        WHERE action.tenant_id = people.tenant_id AND action.person_id = people.id
          AND action.status = 'open' AND action.due_on < ${LONDON_TODAY}) AS overdue_actions
    FROM mine
    JOIN people ON people.tenant_id = ${tenantId} AND people.id = mine.person_id
    LEFT JOIN LATERAL (
      SELECT appointment.starts_at, appointment.place FROM appointments appointment
      WHERE appointment.tenant_id = people.tenant_id AND appointment.person_id = people.id
        AND appointment.status = 'planned' AND appointment.starts_at >= now()
      ORDER BY appointment.starts_at LIMIT 1
    ) next_appointment ON TRUE
    WHERE people.closed_at IS NULL
      ${viewer ? sql`AND ${visiblePeopleCondition(viewer)}` : sql``}
    ORDER BY people.family_name, people.given_name
  `,
  );
  return rows.map((row) => ({
    personId: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    preferredName: row.preferred_name,
    dateOfBirth: row.date_of_birth,
    engagementStatus: row.engagement_status,
    contactIntensity: row.contact_intensity,
    careTeamRole: row.care_team_role,
    lastContactAt: asDate(row.last_contact_at),
    nextAppointmentAt: asDate(row.next_appointment_at),
    nextAppointmentPlace: row.next_appointment_place,
    crisesInEightWeeks: row.crises,
    lastCrisisAt: asDate(row.last_crisis_at),
    riskReviewDueOn: row.risk_review_due_on,
    risksToWorkers: row.risks_to_workers,
    highestRisk: row.highest_risk,
    consentReviewDueOn: row.consent_review_due_on,
    planReviewDueOn: row.plan_review_due_on,
    overdueActions: row.overdue_actions,
  }));
}

export interface WorkerCaseloadSize {
  workerId: string;
  displayName: string;
  jobTitle: string | null;
  keyworkingHours: number | null;
  leadCount: number;
  coWorkerCount: number;
  /** Lead cases weigh 1.5 (seen weekly), 1 or 0.5 (monthly); co-working counts half. */
  weightedLoad: number;
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
    weighted_load: string | number;
  }>(tx, sql`
    SELECT users.id, users.display_name, users.job_title, users.keyworking_hours,
      count(person.id) FILTER (WHERE membership.role = 'lead')::int AS lead_count,
      count(person.id) FILTER (WHERE membership.role = 'co-worker')::int AS co_worker_count,
      coalesce(sum(
        CASE person.contact_intensity WHEN 'high' THEN 1.5 WHEN 'low' THEN 0.5 ELSE 1 END
        * CASE membership.role WHEN 'lead' THEN 1 ELSE 0.5 END
      ) FILTER (WHERE membership.role IN ('lead', 'co-worker') AND person.id IS NOT NULL), 0) AS weighted_load
    FROM users
    LEFT JOIN care_team_members membership
      ON membership.tenant_id = users.tenant_id AND membership.user_id = users.id
      AND (membership.ended_on IS NULL OR membership.ended_on >= ${LONDON_TODAY})
    LEFT JOIN people person
      ON person.tenant_id = membership.tenant_id AND person.id = membership.person_id AND person.closed_at IS NULL
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
    weightedLoad: Math.round(Number(row.weighted_load) * 10) / 10,
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
