import { queryRows } from "../database/query.ts";
import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../database/open.ts";
import { NotFound } from "../http/errors.ts";
import { isUuid } from "../database/ids.ts";
import { hasRole, type Actor } from "./actor.ts";
import type { CareTeamRole, Role } from "./roles.ts";

export type { Actor } from "./actor.ts";
export { hasRole } from "./actor.ts";

/**
 * The ONE place that decides who may see or do what.
 *
 * A person's record is visible to:
 *  - members of the team around the person (lead, co-workers, peer mentor, partner professionals),
 *    while their membership is current;
 *  - managers and psychologists of the key-worker team the person is with.
 * Everyone else does not know the record exists (404).
 *
 * What each of them sees of the record is the audience (see `audienceFor`).
 */

/** Roles that can be in the team around a person and so see that person. */
const CARE_TEAM_MEMBER_ROLES: Role[] = ["key-worker", "co-worker", "peer-mentor", "partner"];
/** Roles that oversee every person with their team. */
const TEAM_OVERSIGHT_ROLES: Role[] = ["manager", "psychologist"];

/** Actions that are not about one person's record. */
export type Capability =
  | "people.create"
  | "people.search"
  | "team.view"
  | "audit.read"
  | "partnership.manage";

const CAPABILITY_ROLES: Record<Capability, Role[]> = {
  "people.create": ["key-worker", "co-worker", "manager"],
  "people.search": ["key-worker", "co-worker", "manager", "psychologist", "peer-mentor", "partner"],
  "team.view": ["manager"],
  "audit.read": ["manager", "admin"],
  "partnership.manage": ["admin"],
};

export function can(actor: Actor, capability: Capability): boolean {
  return hasRole(actor, ...CAPABILITY_ROLES[capability]);
}

/**
 * SQL condition true for the rows of `people` (aliased `personAlias`) that the actor may see.
 * Every query that lists or loads people includes it, so scoping happens in the database.
 */
export function visiblePeopleCondition(actor: Actor, personAlias = "people"): SQL {
  const person = sql.raw(`"${personAlias}"`);
  const conditions: SQL[] = [];
  if (hasRole(actor, ...CARE_TEAM_MEMBER_ROLES)) {
    conditions.push(sql`EXISTS (
      SELECT 1 FROM care_team_members membership
      WHERE membership.tenant_id = ${person}.tenant_id
        AND membership.person_id = ${person}.id
        AND membership.user_id = ${actor.userId}
        AND (membership.ended_on IS NULL OR membership.ended_on >= CURRENT_DATE)
    )`);
  }
  if (hasRole(actor, ...TEAM_OVERSIGHT_ROLES) && actor.teamId) {
    conditions.push(sql`${person}.team_id = ${actor.teamId}`);
  }
  const anyOf = conditions.length === 0 ? sql`FALSE` : sql.join(conditions, sql` OR `);
  return sql`(${person}.tenant_id = ${actor.tenantId} AND (${anyOf}))`;
}

/** How much of a person's record an actor sees. */
export type Audience = "full" | "partner" | "peer-mentor";

export interface Relationship {
  careTeamRole: CareTeamRole | null;
  overseesTeam: boolean;
  audience: Audience;
  /** May change the person's details and story. */
  mayEdit: boolean;
  /** May read the person's audit trail. */
  mayReadAudit: boolean;
}

/**
 * The actor's relationship to one person, or NotFound when the person is not visible to them.
 * Run it inside the transaction that reads or writes the record.
 */
export async function relationshipTo(tx: Db | Tx, actor: Actor, personId: string): Promise<Relationship> {
  if (!isUuid(personId)) throw new NotFound("Person not found");
  const result = await queryRows<{ care_team_role: CareTeamRole | null; team_id: string }>(tx, sql`
    SELECT people.team_id,
      (SELECT membership.role FROM care_team_members membership
        WHERE membership.tenant_id = people.tenant_id AND membership.person_id = people.id
          AND membership.user_id = ${actor.userId}
          AND (membership.ended_on IS NULL OR membership.ended_on >= CURRENT_DATE)
        ORDER BY CASE membership.role WHEN 'lead' THEN 0 WHEN 'co-worker' THEN 1 WHEN 'partner' THEN 2 ELSE 3 END
        LIMIT 1) AS care_team_role
    FROM people
    WHERE people.id = ${personId} AND ${visiblePeopleCondition(actor)}
  `);
  const row = result[0];
  if (!row) throw new NotFound("Person not found");
  const overseesTeam = hasRole(actor, ...TEAM_OVERSIGHT_ROLES) && row.team_id === actor.teamId;
  const careTeamRole = row.care_team_role;
  const audience = audienceFor(actor, careTeamRole, overseesTeam);
  const isWorker = careTeamRole === "lead" || careTeamRole === "co-worker";
  return {
    careTeamRole,
    overseesTeam,
    audience,
    mayEdit: (isWorker && hasRole(actor, "key-worker", "co-worker")) || (overseesTeam && hasRole(actor, "manager")),
    mayReadAudit: (overseesTeam && hasRole(actor, "manager")) || hasRole(actor, "admin"),
  };
}

function audienceFor(actor: Actor, careTeamRole: CareTeamRole | null, overseesTeam: boolean): Audience {
  if (overseesTeam) return "full";
  if ((careTeamRole === "lead" || careTeamRole === "co-worker") && hasRole(actor, "key-worker", "co-worker")) return "full";
  if (careTeamRole === "peer-mentor") return "peer-mentor";
  return "partner";
}
