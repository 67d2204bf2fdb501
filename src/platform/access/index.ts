import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../database/open.ts";
import { NotFound } from "../http/errors.ts";
import { isUuid } from "../database/ids.ts";
import { queryRows } from "../database/query.ts";
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
 *  - a worker covering for an absent lead worker or co-worker, from the first day of the cover to
 *    the last (UK dates);
 *  - managers and psychologists of the key-worker team the person is with;
 *  - a family member or carer who signs in, linked to the person.
 * Everyone else does not know the record exists (404).
 *
 * What each of them sees of the record is the audience, and for partners and carers the sections
 * that the person's current consent shares with them (see `relationshipTo`).
 */

/** Today's date in the UK, in SQL: cover and consent dates are UK calendar dates. */
export const LONDON_TODAY = sql`(now() AT TIME ZONE 'Europe/London')::date`;

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
  | "partnership.manage"
  | "actions.by-agency"
  | "actions.service-wide"
  | "register.read"
  | "register.manage"
  | "register.take-on"
  | "stuck-cases.read"
  | "supervision.supervise"
  | "settings.manage"
  | "referrals.make"
  | "referrals.triage"
  | "outbox.read"
  | "break-glass.open"
  | "break-glass.review";

const CAPABILITY_ROLES: Record<Capability, Role[]> = {
  "people.create": ["key-worker", "co-worker", "manager"],
  "people.search": ["key-worker", "co-worker", "manager", "psychologist", "peer-mentor", "partner"],
  "team.view": ["manager"],
  "audit.read": ["manager", "admin"],
  "partnership.manage": ["admin"],
  /** The actions-by-agency view over the people one works with (their caseload, or their agency's actions). */
  "actions.by-agency": ["key-worker", "co-worker", "manager", "psychologist", "partner"],
  /** The same view across the whole service, with the chase list of every worker. */
  "actions.service-wide": ["manager"],
  /** The dynamic support register (C12): its owner keeps it; the key-worker service's managers and psychologists read it. */
  "register.read": ["register-owner", "manager", "psychologist"],
  "register.manage": ["register-owner"],
  /** Taking someone on the register onto the key-worker service's caseload. */
  "register.take-on": ["manager"],
  "stuck-cases.read": ["manager", "psychologist"],
  /** Writing supervision notes for the workers of one's own team. */
  "supervision.supervise": ["manager", "psychologist"],
  /** The partnership's rules: when overdue actions are chased, what makes a case stuck. */
  "settings.manage": ["manager"],
  /** Referring someone to a service, signed in (anyone else uses the service's public link). */
  "referrals.make": ["partner", "referrer", "key-worker", "co-worker", "manager", "psychologist", "register-owner"],
  /** Acknowledging, screening, deciding and allocating the referrals to one's own team's services. */
  "referrals.triage": ["manager"],
  /** The development email sender's outbox. */
  "outbox.read": ["manager", "admin"],
  /** Opening a record outside one's access in an emergency, with a reason (C19). */
  "break-glass.open": ["key-worker", "co-worker", "manager", "psychologist"],
  /** The report of break-glass access that managers review. */
  "break-glass.review": ["manager", "admin"],
};

export function can(actor: Actor, capability: Capability): boolean {
  return hasRole(actor, ...CAPABILITY_ROLES[capability]);
}

/** SQL: the actor is in the team around the person today in one of `roles` (`person` is the people row's alias). */
export function currentMembershipCondition(actor: Actor, person: SQL, roles: readonly CareTeamRole[]): SQL {
  return sql`EXISTS (
      SELECT 1 FROM care_team_members membership
      WHERE membership.tenant_id = ${person}.tenant_id AND membership.person_id = ${person}.id
        AND membership.user_id = ${actor.userId}
        AND membership.role IN (${sql.join(roles.map((role) => sql`${role}`), sql`, `)})
        AND (membership.ended_on IS NULL OR membership.ended_on >= ${LONDON_TODAY})
    )`;
}

/**
 * SQL: the actor is covering today, from the first day of the cover to the last, for an absent lead
 * worker or co-worker of the person (`person` is the people row's alias).
 */
export function coveringCondition(actor: Actor, person: SQL): SQL {
  return sql`EXISTS (
      SELECT 1 FROM covers cover
      JOIN care_team_members covered ON covered.tenant_id = cover.tenant_id AND covered.user_id = cover.absent_user_id
      WHERE cover.tenant_id = ${person}.tenant_id AND cover.covering_user_id = ${actor.userId}
        AND cover.cancelled_at IS NULL AND ${LONDON_TODAY} BETWEEN cover.starts_on AND cover.ends_on
        AND covered.person_id = ${person}.id AND covered.role IN ('lead', 'co-worker')
        AND (covered.ended_on IS NULL OR covered.ended_on >= ${LONDON_TODAY})
    )`;
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
        AND (membership.ended_on IS NULL OR membership.ended_on >= ${LONDON_TODAY})
    )`);
  }
  if (hasRole(actor, "key-worker", "co-worker")) {
    conditions.push(coveringCondition(actor, person));
  }
  if (hasRole(actor, "carer")) {
    conditions.push(sql`EXISTS (
      SELECT 1 FROM family_members family
      WHERE family.tenant_id = ${person}.tenant_id AND family.person_id = ${person}.id
        AND family.user_id = ${actor.userId} AND family.ended_on IS NULL
    )`);
  }
  if (hasRole(actor, ...TEAM_OVERSIGHT_ROLES) && actor.teamId) {
    conditions.push(sql`${person}.team_id = ${actor.teamId}`);
  }
  const anyOf = conditions.length === 0 ? sql`FALSE` : sql.join(conditions, sql` OR `);
  return sql`(${person}.tenant_id = ${actor.tenantId} AND (${anyOf}))`;
}

/** How much of a person's record an actor sees. */
export type Audience = "full" | "partner" | "peer-mentor" | "carer";

/** Sections of a record that consent can share (PRODUCT.md, C3). */
export const CONSENT_SCOPES = ["story", "contacts", "plan", "health", "offending", "wellness-plan"] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export interface Relationship {
  careTeamRole: CareTeamRole | null;
  overseesTeam: boolean;
  /** Covering for an absent worker today. */
  covering: boolean;
  audience: Audience;
  /** The consent scopes this actor may see; every scope for the full audience. */
  sharedScopes: ReadonlySet<ConsentScope>;
  /** May change the person's details, story, contacts and plan. */
  mayEdit: boolean;
  /** May read the person's audit trail. */
  mayReadAudit: boolean;
}

const ALL_SCOPES: ReadonlySet<ConsentScope> = new Set(CONSENT_SCOPES);

/**
 * The actor's relationship to one person, or NotFound when the person is not visible to them.
 * Run it inside the transaction that reads or writes the record, so consent withdrawn a moment
 * ago already applies.
 */
export async function relationshipTo(tx: Db | Tx, actor: Actor, personId: string): Promise<Relationship> {
  if (!isUuid(personId)) throw new NotFound("Person not found");
  const [row] = await queryRows<{ care_team_role: CareTeamRole | null; team_id: string; covering: boolean; organisation_scopes: string[] | null; family_scopes: string[] | null }>(
    tx,
    sql`
    SELECT people.team_id,
      (SELECT membership.role FROM care_team_members membership
        WHERE membership.tenant_id = people.tenant_id AND membership.person_id = people.id
          AND membership.user_id = ${actor.userId}
          AND (membership.ended_on IS NULL OR membership.ended_on >= ${LONDON_TODAY})
        ORDER BY CASE membership.role WHEN 'lead' THEN 0 WHEN 'co-worker' THEN 1 WHEN 'partner' THEN 2 ELSE 3 END
        LIMIT 1) AS care_team_role,
      ${coveringCondition(actor, sql.raw("people"))} AS covering,
      (SELECT array_agg(DISTINCT scope) FROM consents consent, unnest(consent.scopes) AS scope
        WHERE consent.tenant_id = people.tenant_id AND consent.person_id = people.id
          AND consent.type = 'share-with'
          AND consent.given_on <= ${LONDON_TODAY}
          AND (consent.withdrawn_on IS NULL OR consent.withdrawn_on > ${LONDON_TODAY})
          AND consent.party_organisation_id = ${actor.organisationId}
      ) AS organisation_scopes,
      (SELECT array_agg(DISTINCT scope) FROM consents consent, unnest(consent.scopes) AS scope
        WHERE consent.tenant_id = people.tenant_id AND consent.person_id = people.id
          AND consent.type = 'share-with'
          AND consent.given_on <= ${LONDON_TODAY}
          AND (consent.withdrawn_on IS NULL OR consent.withdrawn_on > ${LONDON_TODAY})
          AND consent.party_family_member_id IN (
            SELECT family.id FROM family_members family
            WHERE family.tenant_id = people.tenant_id AND family.person_id = people.id
              AND family.user_id = ${actor.userId} AND family.ended_on IS NULL)
      ) AS family_scopes
    FROM people
    WHERE people.id = ${personId} AND ${visiblePeopleCondition(actor)}
  `,
  );
  if (!row) throw new NotFound("Person not found");
  const overseesTeam = hasRole(actor, ...TEAM_OVERSIGHT_ROLES) && row.team_id === actor.teamId;
  const careTeamRole = row.care_team_role;
  const isWorker = (careTeamRole === "lead" || careTeamRole === "co-worker" || row.covering) && hasRole(actor, "key-worker", "co-worker");
  const audience: Audience = overseesTeam || isWorker ? "full" : careTeamRole === "peer-mentor" ? "peer-mentor" : careTeamRole === "partner" ? "partner" : "carer";
  // What is shared with an organisation reaches its professionals in the team around the person,
  // not a carer whose account happens to belong to that organisation.
  const shared = [...(careTeamRole !== null ? (row.organisation_scopes ?? []) : []), ...(row.family_scopes ?? [])];
  const consented = new Set(shared.filter((scope): scope is ConsentScope => (CONSENT_SCOPES as readonly string[]).includes(scope)));
  return {
    careTeamRole,
    overseesTeam,
    covering: row.covering,
    audience,
    // Peer mentors see a few fields only, whatever is shared with their organisation.
    sharedScopes: audience === "full" ? ALL_SCOPES : audience === "peer-mentor" ? new Set() : consented,
    mayEdit: isWorker || (overseesTeam && hasRole(actor, "manager")),
    mayReadAudit: (overseesTeam && hasRole(actor, "manager")) || hasRole(actor, "admin"),
  };
}

/** Whether the actor may see one consent-scoped section of the record. */
export function maySee(relationship: Relationship, scope: ConsentScope): boolean {
  return relationship.sharedScopes.has(scope);
}

/**
 * Whether the actor may see one action of a person's plan, given their relationship to the person:
 * everything for the full audience; for a partner in the team, the actions their own organisation
 * owns (they are accountable for them) and, when the person shares their plan, the rest; for anyone
 * else, the plan only when it is shared with them. `visiblePlanActionsCondition` is the same rule in SQL.
 */
export function maySeePlanAction(relationship: Relationship, actor: Actor, ownerOrganisationId: string): boolean {
  if (relationship.audience === "full" || maySee(relationship, "plan")) return true;
  return relationship.audience === "partner" && ownerOrganisationId === actor.organisationId;
}

/**
 * SQL condition true for the rows of `plan_actions` (aliased `actionAlias`) on people (aliased
 * `personAlias`, joined by the caller or not: the condition ties them) that the actor may see in a
 * list: `maySeePlanAction` for each action's person, worked out in the database the way
 * `relationshipTo` works it out for one person, so that a list and a person's plan never disagree.
 */
export function visiblePlanActionsCondition(actor: Actor, actionAlias = "plan_actions", personAlias = "people"): SQL {
  const action = sql.raw(`"${actionAlias}"`);
  const person = sql.raw(`"${personAlias}"`);
  const membership = (roles: CareTeamRole[]) => currentMembershipCondition(actor, person, roles);
  const sharesPlan = (party: SQL) => sql`EXISTS (
      SELECT 1 FROM consents consent
      WHERE consent.tenant_id = ${person}.tenant_id AND consent.person_id = ${person}.id
        AND consent.type = 'share-with' AND 'plan' = ANY (consent.scopes)
        AND consent.given_on <= ${LONDON_TODAY}
        AND (consent.withdrawn_on IS NULL OR consent.withdrawn_on > ${LONDON_TODAY})
        AND ${party}
    )`;
  // The full audience: the team's managers and psychologists, and the person's own workers (or their cover).
  const full: SQL[] = [];
  if (hasRole(actor, ...TEAM_OVERSIGHT_ROLES) && actor.teamId) full.push(sql`${person}.team_id = ${actor.teamId}`);
  if (hasRole(actor, "key-worker", "co-worker")) {
    full.push(membership(["lead", "co-worker"]));
    full.push(coveringCondition(actor, person));
  }
  // relationshipTo's care-team role is the first of lead, co-worker, partner, peer mentor the actor holds.
  const partnerAudience = sql`(${membership(["partner"])} AND NOT ${membership(["lead", "co-worker"])})`;
  const peerMentorAudience = sql`(${membership(["peer-mentor"])} AND NOT ${membership(["lead", "co-worker", "partner"])})`;
  const organisationSharesPlan = sql`(${membership(["lead", "co-worker", "partner"])} AND ${sharesPlan(sql`consent.party_organisation_id = ${actor.organisationId}`)})`;
  const familySharesPlan = sharesPlan(sql`consent.party_family_member_id IN (
        SELECT family.id FROM family_members family
        WHERE family.tenant_id = ${person}.tenant_id AND family.person_id = ${person}.id
          AND family.user_id = ${actor.userId} AND family.ended_on IS NULL)`);
  const anyOf = [
    ...full,
    sql`(${partnerAudience} AND ${action}.owner_organisation_id = ${actor.organisationId})`,
    sql`(NOT ${peerMentorAudience} AND (${organisationSharesPlan} OR ${familySharesPlan}))`,
  ];
  return sql`(${action}.tenant_id = ${person}.tenant_id AND ${action}.person_id = ${person}.id AND ${visiblePeopleCondition(actor, personAlias)}
    AND (${sql.join(anyOf, sql` OR `)}))`;
}
