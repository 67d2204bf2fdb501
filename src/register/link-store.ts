import { sql } from "drizzle-orm";
import { visiblePeopleCondition, type Actor } from "../platform/access/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { queryRows } from "../platform/database/query.ts";

/** Reads of Keywork people and staff that the register needs: linking, taking on, prompting. */

export interface LinkablePerson {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  closed: boolean;
}

/** A person in the tenant, whoever may see them (the API links by id); undefined when there is none. */
export async function findPersonInTenant(tx: Db | Tx, tenantId: string, personId: string): Promise<LinkablePerson | undefined> {
  const [row] = await queryRows<{ id: string; given_name: string; family_name: string; date_of_birth: string | null; closed: boolean }>(tx, sql`
    SELECT id, given_name, family_name, date_of_birth::text AS date_of_birth, closed_at IS NOT NULL AS closed
    FROM people WHERE tenant_id = ${tenantId} AND id = ${personId}`);
  return row ? { id: row.id, givenName: row.given_name, familyName: row.family_name, dateOfBirth: row.date_of_birth, closed: row.closed } : undefined;
}

/** People the actor may see, with open cases, who are not on the register yet: the choices for linking a new entry. */
export async function peopleToLink(tx: Db | Tx, actor: Actor): Promise<LinkablePerson[]> {
  const rows = await queryRows<{ id: string; given_name: string; family_name: string; date_of_birth: string | null }>(tx, sql`
    SELECT people.id, people.given_name, people.family_name, people.date_of_birth::text AS date_of_birth
    FROM people
    WHERE ${visiblePeopleCondition(actor)} AND people.closed_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM register_entries entry WHERE entry.tenant_id = people.tenant_id AND entry.person_id = people.id)
    ORDER BY people.family_name, people.given_name, people.id
    LIMIT 500`);
  return rows.map((row) => ({ id: row.id, givenName: row.given_name, familyName: row.family_name, dateOfBirth: row.date_of_birth, closed: false }));
}

/**
 * Who is asked to take someone on: the active managers of the tenant's children's key-worker
 * teams, or of every key-worker team when the partnership has no children's team.
 */
export async function takeOnManagers(tx: Db | Tx, tenantId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(tx, sql`
    SELECT users.id FROM users
    JOIN teams team ON team.tenant_id = users.tenant_id AND team.id = users.team_id
    WHERE users.tenant_id = ${tenantId} AND users.active AND 'manager' = ANY(users.roles)
      AND (team.service = 'children' OR NOT EXISTS (SELECT 1 FROM teams children WHERE children.tenant_id = ${tenantId} AND children.service = 'children'))
    ORDER BY users.id`);
  return rows.map((row) => row.id);
}

/** The person's current lead workers (usually one). */
export async function currentLeadWorkers(tx: Db | Tx, tenantId: string, personId: string, today: string): Promise<string[]> {
  const rows = await queryRows<{ user_id: string }>(tx, sql`
    SELECT lead.user_id FROM care_team_members lead
    JOIN users ON users.tenant_id = lead.tenant_id AND users.id = lead.user_id AND users.active
    WHERE lead.tenant_id = ${tenantId} AND lead.person_id = ${personId} AND lead.role = 'lead'
      AND (lead.ended_on IS NULL OR lead.ended_on >= ${today}::date)`);
  return rows.map((row) => row.user_id);
}
