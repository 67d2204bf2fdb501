import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../database/open.ts";
import { NotFound } from "../http/errors.ts";
import { isUuid } from "../database/ids.ts";
import { queryRows } from "../database/query.ts";
import { hasRole, type Actor } from "./actor.ts";
import { can } from "./capabilities.ts";
import type { CareTeamRole, Role } from "./roles.ts";
import { audit } from "../audit/index.ts";

export type { Actor } from "./actor.ts";
export { hasRole } from "./actor.ts";
export { can, type Capability } from "./capabilities.ts";

/**
 * The ONE place that decides who may see or do what.
 *
 * A person's record is visible to:
 *  - members of the team around the person (lead, co-workers, peer mentor, partner professionals),
 *    while their membership is current;
 *  - a worker covering for an absent lead worker or co-worker, from the first day of the cover to
 *    the last (UK dates);
 *  - managers and psychologists of the key-worker team the person is with;
 *  - a family member or carer who signs in, linked to the person;
 *  - a worker, manager or psychologist holding a current break-glass grant for the person (read
 *    only, every use audited, at most 24 hours; see `breakGlassCondition`).
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
 * SQL: the actor holds a break-glass grant for the person that has neither ended nor expired
 * (`person` is the people row's alias); always false for roles that cannot open one.
 */
export function breakGlassCondition(actor: Actor, person: SQL): SQL {
  if (!can(actor, "break-glass.open")) return sql`FALSE`;
  return sql`EXISTS (
      SELECT 1 FROM break_glass_grants glass
      WHERE glass.tenant_id = ${person}.tenant_id AND glass.person_id = ${person}.id
        AND glass.user_id = ${actor.userId} AND glass.ended_at IS NULL AND glass.expires_at > now()
    )`;
}

/**
 * SQL condition true for the rows of `people` (aliased `personAlias`) that the actor may see.
 * Every query that lists or loads people includes it, so scoping happens in the database.
 * `breakGlass: false` leaves out people the actor sees only through a break-glass grant, for lists
 * that offer people to act on (a grant is for reading one record, not for finding or changing it).
 */
export function visiblePeopleCondition(actor: Actor, personAlias = "people", options: { breakGlass?: boolean } = {}): SQL {
  const person = sql.raw(`"${personAlias}"`);
  return sql`(${person}.tenant_id = ${actor.tenantId} AND ${person}.id = ANY (ARRAY(${visiblePersonIds(actor, options)})))`;
}

/**
 * SQL: the ids of the people the actor sees, as one set the database starts from: their team, cover,
 * oversight, family link and (unless `breakGlass: false`) break-glass grants. Written as per-row
 * EXISTS tests instead, a search over a city's people read every person first (BENCHMARKS.md).
 * `visiblePeopleCondition` takes it as an array made once per statement (`= ANY (ARRAY(…))`): as a
 * plain `IN (…)`, the embedded database, which has no statistics until it is analysed, planned the
 * set again for every row and took 20 s for a manager's 700 people.
 */
export function visiblePersonIds(actor: Actor, options: { breakGlass?: boolean } = {}): SQL {
  const sources: SQL[] = [];
  if (hasRole(actor, ...CARE_TEAM_MEMBER_ROLES)) {
    sources.push(memberPersonIds(actor));
  }
  if (hasRole(actor, "key-worker", "co-worker")) {
    sources.push(coveredPersonIds(actor));
  }
  if (hasRole(actor, "carer")) {
    sources.push(sql`SELECT family.person_id FROM family_members family
      WHERE family.tenant_id = ${actor.tenantId} AND family.user_id = ${actor.userId} AND family.ended_on IS NULL`);
  }
  if (hasRole(actor, ...TEAM_OVERSIGHT_ROLES) && actor.teamId) {
    sources.push(sql`SELECT overseen.id FROM people overseen WHERE overseen.tenant_id = ${actor.tenantId} AND overseen.team_id = ${actor.teamId}`);
  }
  if (options.breakGlass !== false && can(actor, "break-glass.open")) {
    sources.push(sql`SELECT glass.person_id FROM break_glass_grants glass
      WHERE glass.tenant_id = ${actor.tenantId} AND glass.user_id = ${actor.userId} AND glass.ended_at IS NULL AND glass.expires_at > now()`);
  }
  // A typed empty set: `IN ()` is not SQL, and an untyped NULL would not compare with a uuid.
  if (sources.length === 0) return sql`SELECT NULL::uuid WHERE FALSE`;
  return sql.join(sources, sql` UNION ALL `);
}

/** SQL: the ids of the people whose team the actor is in today: in any role, or in one of `roles`. */
export function memberPersonIds(actor: Actor, roles?: readonly string[]): SQL {
  const inRoles = roles ? sql` AND membership.role IN (${sql.join(roles.map((role) => sql`${role}`), sql`, `)})` : sql``;
  return sql`SELECT membership.person_id FROM care_team_members membership
      WHERE membership.tenant_id = ${actor.tenantId} AND membership.user_id = ${actor.userId}${inRoles}
        AND (membership.ended_on IS NULL OR membership.ended_on >= ${LONDON_TODAY})`;
}

/**
 * SQL: the ids of the people the actor covers today: those an absent colleague is lead worker or
 * co-worker for, from the first day of the cover to the last (the set form of `coveringCondition`).
 */
export function coveredPersonIds(actor: Actor): SQL {
  return sql`SELECT covered.person_id FROM covers cover
      JOIN care_team_members covered ON covered.tenant_id = cover.tenant_id AND covered.user_id = cover.absent_user_id
      WHERE cover.tenant_id = ${actor.tenantId} AND cover.covering_user_id = ${actor.userId}
        AND cover.cancelled_at IS NULL AND ${LONDON_TODAY} BETWEEN cover.starts_on AND cover.ends_on
        AND covered.role IN ('lead', 'co-worker')
        AND (covered.ended_on IS NULL OR covered.ended_on >= ${LONDON_TODAY})`;
}

/** SQL: the actor sees the person without break-glass (their team, cover, oversight or family link). */
function ordinaryVisibility(actor: Actor, person: SQL): SQL {
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
  return conditions.length === 0 ? sql`FALSE` : sql`(${sql.join(conditions, sql` OR `)})`;
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
  /**
   * Sees the person only through a current break-glass grant: the full record to read, nothing to
   * change, and every use audited ("break-glass.access").
   */
  breakGlass: boolean;
  /** That grant, for the warning on the record's pages; null when `breakGlass` is false. */
  breakGlassGrant: BreakGlassGrantInUse | null;
}

export interface BreakGlassGrantInUse {
  id: string;
  reason: string;
  expiresAt: Date;
}

const ALL_SCOPES: ReadonlySet<ConsentScope> = new Set(CONSENT_SCOPES);

/**
 * The actor's relationship to one person, or NotFound when the person is not visible to them.
 * Run it inside the transaction that reads or writes the record, so consent withdrawn a moment
 * ago already applies.
 */
export async function relationshipTo(tx: Db | Tx, actor: Actor, personId: string): Promise<Relationship> {
  if (!isUuid(personId)) throw new NotFound("Person not found");
  const [row] = await queryRows<{
    care_team_role: CareTeamRole | null;
    team_id: string;
    covering: boolean;
    organisation_scopes: string[] | null;
    family_scopes: string[] | null;
    ordinarily_visible: boolean;
    grant_id: string | null;
    grant_reason: string | null;
    grant_expires_at: Date | string | null;
  }>(
    tx,
    sql`
    SELECT people.team_id, ${ordinaryVisibility(actor, sql.raw("people"))} AS ordinarily_visible,
      glass.id AS grant_id, glass.reason AS grant_reason, glass.expires_at AS grant_expires_at,
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
    LEFT JOIN LATERAL (
      SELECT glass.id, glass.reason, glass.expires_at FROM break_glass_grants glass
      WHERE ${can(actor, "break-glass.open") ? sql`TRUE` : sql`FALSE`} AND glass.tenant_id = people.tenant_id AND glass.person_id = people.id
        AND glass.user_id = ${actor.userId} AND glass.ended_at IS NULL AND glass.expires_at > now()
      ORDER BY glass.expires_at DESC LIMIT 1
    ) glass ON TRUE
    WHERE people.id = ${personId} AND ${visiblePeopleCondition(actor)}
  `,
  );
  if (!row) throw new NotFound("Person not found");
  if (!row.ordinarily_visible && row.grant_id) {
    const grant = { id: row.grant_id, reason: row.grant_reason ?? "", expiresAt: new Date(row.grant_expires_at ?? 0) };
    await auditBreakGlassAccess(tx, actor, personId, grant.id);
    return { careTeamRole: null, overseesTeam: false, covering: false, audience: "full", sharedScopes: ALL_SCOPES, mayEdit: false, mayReadAudit: false, breakGlass: true, breakGlassGrant: grant };
  }
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
    breakGlass: false,
    breakGlassGrant: null,
  };
}

/** The people whose break-glass use has been audited already for each request's actor (a new object per request). */
const breakGlassAudited = new WeakMap<Actor, Set<string>>();

/**
 * Audits a use of break-glass access, once per person per request: a page asks for the
 * relationship several times (the record, its risks, its plan…), and each is one opening.
 */
async function auditBreakGlassAccess(tx: Db | Tx, actor: Actor, personId: string, grantId: string): Promise<void> {
  const audited = breakGlassAudited.get(actor) ?? new Set<string>();
  if (audited.has(personId)) return;
  await audit(tx, actor, { action: "break-glass.access", personId, subjectType: "break-glass-grant", subjectId: grantId });
  audited.add(personId);
  breakGlassAudited.set(actor, audited);
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
  // The full audience: the team's managers and psychologists, the person's own workers (or their cover), break-glass readers.
  const full: SQL[] = [];
  if (hasRole(actor, ...TEAM_OVERSIGHT_ROLES) && actor.teamId) full.push(sql`${person}.team_id = ${actor.teamId}`);
  if (hasRole(actor, "key-worker", "co-worker")) {
    full.push(membership(["lead", "co-worker"]));
    full.push(coveringCondition(actor, person));
  }
  // A break-glass reader (who sees the person only through the grant) reads the whole record.
  if (can(actor, "break-glass.open")) full.push(sql`(${breakGlassCondition(actor, person)} AND NOT ${ordinaryVisibility(actor, person)})`);
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
  // Visibility tested per row here, not as `visiblePeopleCondition`'s set: these lists start from a
  // set of their own (a caseload, a team), and a second set left the planner guessing badly.
  const visible = sql`(${person}.tenant_id = ${actor.tenantId} AND (${ordinaryVisibility(actor, person)} OR ${breakGlassCondition(actor, person)}))`;
  return sql`(${action}.tenant_id = ${person}.tenant_id AND ${action}.person_id = ${person}.id AND ${visible}
    AND (${sql.join(anyOf, sql` OR `)}))`;
}
