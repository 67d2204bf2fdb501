import { sql, type SQL } from "drizzle-orm";
import { hasRole, visiblePeopleCondition, type Actor } from "../platform/access/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { queryRows } from "../platform/database/query.ts";
import { breakGlassGrants } from "./tables.ts";
import type { ReportStatus, ReviewInput, SearchCriteria } from "./schema.ts";

/** All the SQL of break-glass access: finding a record, grants, and the managers' report. */

export interface SearchMatch {
  personId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  teamName: string;
  /** The actor sees the record already (their team, their manager's oversight, or a grant still open). */
  alreadyVisible: boolean;
}

/**
 * People of the partnership with exactly this name and date of birth: the first name matches the
 * given name, the preferred name or a one-word alias, the last name the family name; or the whole
 * name matches an alias. Case and extra spaces do not matter.
 */
export async function findMatches(tx: Db | Tx, actor: Actor, criteria: SearchCriteria, limit: number, personId?: string): Promise<SearchMatch[]> {
  const given = criteria.givenName.toLowerCase();
  const family = criteria.familyName.toLowerCase();
  const whole = `${given} ${family}`;
  const rows = await queryRows<{ id: string; given_name: string; family_name: string; date_of_birth: string; team_name: string; already_visible: boolean }>(tx, sql`
    SELECT people.id, people.given_name, people.family_name, people.date_of_birth::text AS date_of_birth, team.name AS team_name,
      ${visiblePeopleCondition(actor)} AS already_visible
    FROM people
    JOIN teams team ON team.tenant_id = people.tenant_id AND team.id = people.team_id
    WHERE people.tenant_id = ${actor.tenantId} AND people.date_of_birth = ${criteria.dateOfBirth}
      ${personId === undefined ? sql`` : sql`AND people.id = ${personId}`}
      AND (
        ((lower(people.given_name) = ${given} OR lower(coalesce(people.preferred_name, '')) = ${given}
            OR EXISTS (SELECT 1 FROM unnest(people.aliases) alias WHERE lower(trim(alias)) = ${given}))
          AND lower(people.family_name) = ${family})
        OR EXISTS (SELECT 1 FROM unnest(people.aliases) alias WHERE lower(regexp_replace(trim(alias), '\\s+', ' ', 'g')) = ${whole})
      )
    ORDER BY people.family_name, people.given_name, people.id
    LIMIT ${limit}`);
  return rows.map((row) => ({
    personId: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    teamName: row.team_name,
    alreadyVisible: row.already_visible,
  }));
}

export async function insertGrant(tx: Tx, values: { id: string; tenantId: string; userId: string; personId: string; reason: string; openedAt: Date; expiresAt: Date }): Promise<void> {
  await tx.insert(breakGlassGrants).values(values);
}

export interface GrantRow {
  id: string;
  userId: string;
  openedByName: string;
  openedByTeam: string | null;
  personId: string;
  givenName: string;
  familyName: string;
  personTeamId: string;
  personTeamName: string;
  reason: string;
  openedAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  /** Neither ended nor expired. */
  current: boolean;
  reviewedAt: Date | null;
  reviewedByName: string | null;
  reviewOutcome: string | null;
  reviewNote: string | null;
  /** How many times the record was opened under the grant (its "break-glass.access" audit rows). */
  accesses: number;
}

interface RawGrant {
  id: string;
  user_id: string;
  opened_by_name: string;
  opened_by_team: string | null;
  person_id: string;
  given_name: string;
  family_name: string;
  person_team_id: string;
  person_team_name: string;
  reason: string;
  opened_at: Date | string;
  expires_at: Date | string;
  ended_at: Date | string | null;
  current: boolean;
  reviewed_at: Date | string | null;
  reviewed_by_name: string | null;
  review_outcome: string | null;
  review_note: string | null;
  accesses: number;
}

const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

function fromRaw(row: RawGrant): GrantRow {
  return {
    id: row.id,
    userId: row.user_id,
    openedByName: row.opened_by_name,
    openedByTeam: row.opened_by_team,
    personId: row.person_id,
    givenName: row.given_name,
    familyName: row.family_name,
    personTeamId: row.person_team_id,
    personTeamName: row.person_team_name,
    reason: row.reason,
    openedAt: new Date(row.opened_at),
    expiresAt: new Date(row.expires_at),
    endedAt: date(row.ended_at),
    current: row.current,
    reviewedAt: date(row.reviewed_at),
    reviewedByName: row.reviewed_by_name,
    reviewOutcome: row.review_outcome,
    reviewNote: row.review_note,
    accesses: row.accesses,
  };
}

const SELECTED = sql`
  glass.id, glass.user_id, opener.display_name AS opened_by_name, opener_team.name AS opened_by_team,
  glass.person_id, person.given_name, person.family_name, person.team_id AS person_team_id, person_team.name AS person_team_name,
  glass.reason, glass.opened_at, glass.expires_at, glass.ended_at, (glass.ended_at IS NULL AND glass.expires_at > now()) AS current,
  glass.reviewed_at, reviewer.display_name AS reviewed_by_name, glass.review_outcome, glass.review_note,
  (SELECT count(*)::int FROM audit_events event
    WHERE event.tenant_id = glass.tenant_id AND event.person_id = glass.person_id
      AND event.action = 'break-glass.access' AND event.subject_id = glass.id) AS accesses`;

const JOINS = sql`
  FROM break_glass_grants glass
  JOIN users opener ON opener.tenant_id = glass.tenant_id AND opener.id = glass.user_id
  LEFT JOIN teams opener_team ON opener_team.tenant_id = opener.tenant_id AND opener_team.id = opener.team_id
  JOIN people person ON person.tenant_id = glass.tenant_id AND person.id = glass.person_id
  JOIN teams person_team ON person_team.tenant_id = person.tenant_id AND person_team.id = person.team_id
  LEFT JOIN users reviewer ON reviewer.tenant_id = glass.tenant_id AND reviewer.id = glass.reviewed_by`;

/**
 * The grants a reviewer answers for: an administrator, every grant of the partnership; a manager,
 * grants to the records of their team's people and grants opened by their team's workers.
 */
export function reviewScope(actor: Actor): SQL {
  if (hasRole(actor, "admin")) return sql`TRUE`;
  if (hasRole(actor, "manager") && actor.teamId) return sql`(person.team_id = ${actor.teamId} OR opener.team_id = ${actor.teamId})`;
  return sql`FALSE`;
}

function statusCondition(status: ReportStatus | undefined): SQL {
  if (status === "awaiting-review") return sql`glass.reviewed_at IS NULL`;
  if (status === "reviewed") return sql`glass.reviewed_at IS NOT NULL`;
  return sql`TRUE`;
}

/** One grant, when the actor opened it or reviews it. */
export async function findGrant(tx: Db | Tx, actor: Actor, grantId: string): Promise<GrantRow | undefined> {
  const [row] = await queryRows<RawGrant>(tx, sql`
    SELECT ${SELECTED} ${JOINS}
    WHERE glass.tenant_id = ${actor.tenantId} AND glass.id = ${grantId}
      AND (glass.user_id = ${actor.userId} OR ${reviewScope(actor)})`);
  return row ? fromRaw(row) : undefined;
}

/** A page of the grants the reviewer answers for, newest first, with the total. */
export async function listGrants(tx: Db | Tx, actor: Actor, query: { status?: ReportStatus | undefined; limit: number; offset: number }): Promise<{ rows: GrantRow[]; total: number }> {
  const rows = await queryRows<RawGrant & { total: number }>(tx, sql`
    SELECT ${SELECTED}, count(*) OVER ()::int AS total ${JOINS}
    WHERE glass.tenant_id = ${actor.tenantId} AND ${reviewScope(actor)} AND ${statusCondition(query.status)}
    ORDER BY glass.opened_at DESC, glass.id DESC
    LIMIT ${query.limit} OFFSET ${query.offset}`);
  return { rows: rows.map(fromRaw), total: rows[0]?.total ?? 0 };
}

export async function countAwaitingReview(tx: Db | Tx, actor: Actor): Promise<number> {
  const [row] = await queryRows<{ count: number }>(tx, sql`
    SELECT count(*)::int AS count
    FROM break_glass_grants glass
    JOIN users opener ON opener.tenant_id = glass.tenant_id AND opener.id = glass.user_id
    JOIN people person ON person.tenant_id = glass.tenant_id AND person.id = glass.person_id
    WHERE glass.tenant_id = ${actor.tenantId} AND glass.reviewed_at IS NULL AND ${reviewScope(actor)}`);
  return row?.count ?? 0;
}

/** Ends a grant that is still open; false when it had already ended or expired. */
export async function endGrant(tx: Tx, tenantId: string, grantId: string, endedAt: Date): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(tx, sql`
    UPDATE break_glass_grants SET ended_at = ${endedAt.toISOString()}
    WHERE tenant_id = ${tenantId} AND id = ${grantId} AND ended_at IS NULL AND expires_at > now()
    RETURNING id`);
  return rows.length > 0;
}

/** Records a manager's review once; false when someone has reviewed the grant already. */
export async function recordReview(tx: Tx, tenantId: string, grantId: string, review: ReviewInput & { reviewedBy: string; reviewedAt: Date }): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(tx, sql`
    UPDATE break_glass_grants
    SET reviewed_by = ${review.reviewedBy}, reviewed_at = ${review.reviewedAt.toISOString()}, review_outcome = ${review.outcome}, review_note = ${review.note}
    WHERE tenant_id = ${tenantId} AND id = ${grantId} AND reviewed_at IS NULL
    RETURNING id`);
  return rows.length > 0;
}
