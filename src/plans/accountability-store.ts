import { sql, type SQL } from "drizzle-orm";
import { coveredPersonIds, LONDON_TODAY, memberPersonIds, visiblePlanActionsCondition, type Actor } from "../platform/access/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { queryRows } from "../platform/database/query.ts";

/**
 * The SQL of accountability: actions across many people (by agency, to chase), the organisations
 * that own them and the partnership's plan settings. Every list is scoped in the database by
 * `visiblePlanActionsCondition`, so nobody sees an action they could not see on the person's plan.
 */

/** Whose people a list covers. */
export type PeopleScope =
  /** The people in whose team the actor is (lead, co-worker, partner, peer mentor) or whose worker they cover. */
  | { kind: "caseload" }
  /** The people the actor is lead worker or co-worker for, or covers today: the key worker's own people. */
  | { kind: "worker" }
  /** Every person with the actor's team (managers). */
  | { kind: "team"; teamId: string };

export type StatusFilter = "open" | "overdue" | "done" | "cancelled" | "all";

export interface AgencyActionRow {
  id: string;
  personId: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  description: string;
  dueOn: string;
  status: "open" | "done" | "cancelled";
  ownerOrganisationId: string;
  ownerOrganisationName: string;
  ownerUserId: string | null;
  ownerUserName: string | null;
  ownerUserEmail: string | null;
  ownerName: string | null;
  meetingId: string | null;
  meetingKind: string | null;
  meetingHeldOn: string | null;
  version: number;
  /** Days past the due date for an open action due before today; 0 otherwise. */
  daysOverdue: number;
  /** The lead workers of the person, by name ("" when there is none). */
  leadWorkers: string;
}

interface RawActionRow {
  id: string;
  person_id: string;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  description: string;
  due_on: string;
  status: "open" | "done" | "cancelled";
  owner_organisation_id: string;
  owner_organisation_name: string;
  owner_user_id: string | null;
  owner_user_name: string | null;
  owner_user_email: string | null;
  owner_name: string | null;
  meeting_id: string | null;
  meeting_kind: string | null;
  meeting_held_on: string | null;
  version: number;
  days_overdue: number;
  lead_workers: string | null;
  total?: number;
}

function fromRaw(row: RawActionRow): AgencyActionRow {
  return {
    id: row.id,
    personId: row.person_id,
    givenName: row.given_name,
    familyName: row.family_name,
    preferredName: row.preferred_name,
    description: row.description,
    dueOn: row.due_on,
    status: row.status,
    ownerOrganisationId: row.owner_organisation_id,
    ownerOrganisationName: row.owner_organisation_name,
    ownerUserId: row.owner_user_id,
    ownerUserName: row.owner_user_name,
    ownerUserEmail: row.owner_user_email,
    ownerName: row.owner_name,
    meetingId: row.meeting_id,
    meetingKind: row.meeting_kind,
    meetingHeldOn: row.meeting_held_on,
    version: Number(row.version),
    daysOverdue: Number(row.days_overdue),
    leadWorkers: row.lead_workers ?? "",
  };
}

/**
 * The ids of the people in a worker's scope: their current memberships in `roles`, and the lead and
 * co-worker memberships of an absent colleague they cover today (as `currentMembershipCondition`
 * and `coveringCondition`). A set the database starts from: as per-row EXISTS tests, the planner
 * guessed half of all people were in scope and read every open action (BENCHMARKS.md).
 */
function scopedPersonIds(actor: Actor, roles: readonly string[]): SQL {
  return sql`${memberPersonIds(actor, roles)} UNION ${coveredPersonIds(actor)}`;
}

function scopeCondition(actor: Actor, scope: PeopleScope): SQL {
  if (scope.kind === "team") return sql`a.person_id IN (SELECT id FROM people WHERE tenant_id = ${actor.tenantId} AND team_id = ${scope.teamId})`;
  const roles = scope.kind === "worker" ? ["lead", "co-worker"] : ["lead", "co-worker", "partner", "peer-mentor"];
  return sql`a.person_id IN (${scopedPersonIds(actor, roles)})`;
}

function statusCondition(status: StatusFilter, today: string): SQL {
  if (status === "overdue") return sql`a.status = 'open' AND a.due_on < ${today}::date`;
  if (status === "all") return sql`TRUE`;
  return sql`a.status = ${status}`;
}

const SELECTED = (today: string): SQL => sql`
  a.id, a.person_id, p.given_name, p.family_name, p.preferred_name, a.description, a.due_on::text AS due_on, a.status,
  a.owner_organisation_id, o.name AS owner_organisation_name, a.owner_user_id, owner.display_name AS owner_user_name,
  owner.email AS owner_user_email, a.owner_name, a.meeting_id, m.kind AS meeting_kind, m.held_on::text AS meeting_held_on, a.version,
  CASE WHEN a.status = 'open' AND a.due_on < ${today}::date THEN (${today}::date - a.due_on) ELSE 0 END AS days_overdue,
  (SELECT string_agg(lead.display_name, ', ' ORDER BY lead.display_name) FROM care_team_members lm
     JOIN users lead ON lead.tenant_id = lm.tenant_id AND lead.id = lm.user_id
     WHERE lm.tenant_id = p.tenant_id AND lm.person_id = p.id AND lm.role = 'lead'
       AND (lm.ended_on IS NULL OR lm.ended_on >= ${LONDON_TODAY})) AS lead_workers`;

const JOINS = sql`
  FROM plan_actions a
  JOIN people p ON p.tenant_id = a.tenant_id AND p.id = a.person_id
  JOIN organisations o ON o.tenant_id = a.tenant_id AND o.id = a.owner_organisation_id
  LEFT JOIN users owner ON owner.tenant_id = a.tenant_id AND owner.id = a.owner_user_id
  LEFT JOIN meetings m ON m.tenant_id = a.tenant_id AND m.id = a.meeting_id`;

export interface ActionListQuery {
  today: string;
  scope: PeopleScope;
  status: StatusFilter;
  organisationId?: string | undefined;
  /** Only the actor's own organisation's actions (a partner's view). */
  ownOrganisationOnly?: boolean;
  /** Only people whose case is open. */
  openCasesOnly?: boolean;
  limit: number;
  offset: number;
}

function listConditions(actor: Actor, query: Omit<ActionListQuery, "limit" | "offset" | "status" | "organisationId">): SQL {
  return sql`a.tenant_id = ${actor.tenantId}
    AND ${visiblePlanActionsCondition(actor, "a", "p")}
    AND ${scopeCondition(actor, query.scope)}
    ${query.ownOrganisationOnly ? sql`AND a.owner_organisation_id = ${actor.organisationId}` : sql``}
    ${query.openCasesOnly ? sql`AND p.closed_at IS NULL` : sql``}`;
}

/**
 * One page of the actions on the people in scope, grouped by owning organisation (the one with most
 * overdue first), each group overdue first (most overdue first), then the rest by due date; closed
 * actions newest first. Gives the total for pagination.
 */
export async function listActionsByAgency(tx: Db | Tx, actor: Actor, query: ActionListQuery): Promise<{ rows: AgencyActionRow[]; total: number }> {
  const rows = await queryRows<RawActionRow>(tx, sql`
    SELECT ${SELECTED(query.today)},
      count(*) FILTER (WHERE a.status = 'open' AND a.due_on < ${query.today}::date) OVER (PARTITION BY a.owner_organisation_id) AS organisation_overdue,
      count(*) OVER () AS total
    ${JOINS}
    WHERE ${listConditions(actor, query)}
      AND ${statusCondition(query.status, query.today)}
      ${query.organisationId ? sql`AND a.owner_organisation_id = ${query.organisationId}` : sql``}
    ORDER BY organisation_overdue DESC, o.name, a.owner_organisation_id,
      CASE WHEN a.status = 'open' THEN 0 ELSE 1 END,
      CASE WHEN a.status = 'open' THEN a.due_on END ASC,
      CASE WHEN a.status <> 'open' THEN a.due_on END DESC,
      p.family_name, p.given_name, a.id
    LIMIT ${query.limit} OFFSET ${query.offset}
  `);
  return { rows: rows.map(fromRaw), total: Number(rows[0]?.total ?? 0) };
}

export interface OrganisationCounts {
  organisationId: string;
  name: string;
  open: number;
  overdue: number;
  dueSoon: number;
}

/** Open, overdue and due-soon actions per owning organisation over the whole scope, most overdue first. */
export async function countActionsByAgency(
  tx: Db | Tx,
  actor: Actor,
  query: Omit<ActionListQuery, "limit" | "offset" | "status" | "organisationId"> & { dueSoonUntil: string },
): Promise<OrganisationCounts[]> {
  const rows = await queryRows<{ organisation_id: string; name: string; open: number; overdue: number; due_soon: number }>(tx, sql`
    SELECT a.owner_organisation_id AS organisation_id, o.name,
      count(*)::int AS open,
      count(*) FILTER (WHERE a.due_on < ${query.today}::date)::int AS overdue,
      count(*) FILTER (WHERE a.due_on >= ${query.today}::date AND a.due_on <= ${query.dueSoonUntil}::date)::int AS due_soon
    FROM plan_actions a
    JOIN people p ON p.tenant_id = a.tenant_id AND p.id = a.person_id
    JOIN organisations o ON o.tenant_id = a.tenant_id AND o.id = a.owner_organisation_id
    WHERE ${listConditions(actor, query)} AND a.status = 'open'
    GROUP BY a.owner_organisation_id, o.name
    ORDER BY overdue DESC, o.name
  `);
  return rows.map((row) => ({ organisationId: row.organisation_id, name: row.name, open: Number(row.open), overdue: Number(row.overdue), dueSoon: Number(row.due_soon) }));
}

/**
 * Open actions on the people in scope that were due on or before `dueOnOrBefore`, for chasing:
 * grouped by organisation (name order), most overdue first within each. At most `limit`.
 */
export async function listOverdueActions(
  tx: Db | Tx,
  actor: Actor,
  query: { today: string; scope: PeopleScope; dueOnOrBefore: string; organisationId?: string; limit: number },
): Promise<AgencyActionRow[]> {
  const rows = await queryRows<RawActionRow>(tx, sql`
    SELECT ${SELECTED(query.today)}
    ${JOINS}
    WHERE ${listConditions(actor, { today: query.today, scope: query.scope, openCasesOnly: true })}
      AND a.status = 'open' AND a.due_on <= ${query.dueOnOrBefore}::date
      ${query.organisationId ? sql`AND a.owner_organisation_id = ${query.organisationId}` : sql``}
    ORDER BY o.name, a.owner_organisation_id, a.due_on, p.family_name, p.given_name, a.id
    LIMIT ${query.limit}
  `);
  return rows.map(fromRaw);
}

/** Actions the actor may see, for the API: any people, filtered by status and owner. */
export async function listVisibleActions(
  tx: Db | Tx,
  actor: Actor,
  query: { today: string; status: StatusFilter; organisationId?: string | undefined; limit: number },
): Promise<AgencyActionRow[]> {
  const rows = await queryRows<RawActionRow>(tx, sql`
    SELECT ${SELECTED(query.today)}
    ${JOINS}
    WHERE a.tenant_id = ${actor.tenantId} AND ${visiblePlanActionsCondition(actor, "a", "p")}
      AND ${statusCondition(query.status, query.today)}
      ${query.organisationId ? sql`AND a.owner_organisation_id = ${query.organisationId}` : sql``}
    ORDER BY a.due_on, p.family_name, p.given_name, a.id
    LIMIT ${query.limit}
  `);
  return rows.map(fromRaw);
}

export interface OrganisationContact {
  id: string;
  name: string;
  /** The e-mail address of one of its services in the directory, when there is one. */
  email: string | null;
}

/** An organisation of the partnership and an address to write to it, or undefined. */
export async function findOrganisationContact(tx: Db | Tx, tenantId: string, organisationId: string): Promise<OrganisationContact | undefined> {
  const [row] = await queryRows<OrganisationContact>(tx, sql`
    SELECT o.id, o.name,
      (SELECT s.email FROM services s
        WHERE s.tenant_id = o.tenant_id AND s.organisation_id = o.id AND s.active AND s.email IS NOT NULL AND s.email <> ''
        ORDER BY s.name, s.id LIMIT 1) AS email
    FROM organisations o WHERE o.tenant_id = ${tenantId} AND o.id = ${organisationId}
  `);
  return row;
}

/** The organisations of the partnership, for filters. */
export async function listOrganisations(tx: Db | Tx, tenantId: string): Promise<Array<{ id: string; name: string }>> {
  return queryRows<{ id: string; name: string }>(tx, sql`SELECT id, name FROM organisations WHERE tenant_id = ${tenantId} ORDER BY name`);
}

/** How the actor signs a message: their name, job title and organisation. */
export async function findSignatory(tx: Db | Tx, tenantId: string, userId: string): Promise<{ name: string; jobTitle: string | null; organisationName: string } | undefined> {
  const [row] = await queryRows<{ name: string; job_title: string | null; organisation_name: string }>(tx, sql`
    SELECT u.display_name AS name, u.job_title, o.name AS organisation_name
    FROM users u JOIN organisations o ON o.tenant_id = u.tenant_id AND o.id = u.organisation_id
    WHERE u.tenant_id = ${tenantId} AND u.id = ${userId}
  `);
  return row ? { name: row.name, jobTitle: row.job_title, organisationName: row.organisation_name } : undefined;
}
