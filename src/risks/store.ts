import { and, eq, sql } from "drizzle-orm";
import { hasRole, LONDON_TODAY, visiblePeopleCondition, type Actor } from "../platform/access/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import type { RiskCategory, RiskInput, RiskLevel } from "./schema.ts";
import { risks } from "./tables.ts";

export type RiskRow = typeof risks.$inferSelect;

/** A risk as pages and the API show it, with who recorded it and whether its review is overdue. */
export interface RiskView {
  id: string;
  personId: string;
  category: RiskCategory;
  level: RiskLevel;
  description: string;
  safetyPlan: string | null;
  reviewOn: string;
  reviewOverdue: boolean;
  closedAt: Date | null;
  createdBy: { id: string; name: string } | null;
  updatedBy: { id: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

interface RiskViewRaw {
  id: string;
  person_id: string;
  category: RiskCategory;
  level: RiskLevel;
  description: string;
  safety_plan: string | null;
  review_on: string;
  review_overdue: boolean;
  closed_at: Date | string | null;
  created_by: string | null;
  created_by_name: string | null;
  updated_by: string | null;
  updated_by_name: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  version: number;
}

const LEVEL_ORDER = sql`CASE risk.level WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END`;

/**
 * A person's risks in the given categories: current ones first, highest level first, then the
 * earliest review; closed ones after, most recently closed first.
 */
export async function listRisks(
  tx: Db | Tx,
  tenantId: string,
  personId: string,
  options: { categories: readonly RiskCategory[]; currentOnly?: boolean },
): Promise<RiskView[]> {
  if (options.categories.length === 0) return [];
  const rows = await queryRows<RiskViewRaw>(tx, sql`
    SELECT risk.id, risk.person_id, risk.category, risk.level, risk.description, risk.safety_plan, risk.review_on::text AS review_on,
      (risk.closed_at IS NULL AND risk.review_on < ${LONDON_TODAY}) AS review_overdue, risk.closed_at,
      risk.created_by, creator.display_name AS created_by_name, risk.updated_by, updater.display_name AS updated_by_name,
      risk.created_at, risk.updated_at, risk.version
    FROM risks risk
    LEFT JOIN users creator ON creator.tenant_id = risk.tenant_id AND creator.id = risk.created_by
    LEFT JOIN users updater ON updater.tenant_id = risk.tenant_id AND updater.id = risk.updated_by
    WHERE risk.tenant_id = ${tenantId} AND risk.person_id = ${personId}
      AND risk.category IN (${sql.join(options.categories.map((category) => sql`${category}`), sql`, `)})
      ${options.currentOnly ? sql`AND risk.closed_at IS NULL` : sql``}
    ORDER BY (risk.closed_at IS NOT NULL), ${LEVEL_ORDER}, risk.closed_at DESC, risk.review_on, risk.created_at
  `);
  return rows.map(toView);
}

export async function findRiskView(tx: Db | Tx, tenantId: string, riskId: string): Promise<RiskView | undefined> {
  const rows = await queryRows<RiskViewRaw>(tx, sql`
    SELECT risk.id, risk.person_id, risk.category, risk.level, risk.description, risk.safety_plan, risk.review_on::text AS review_on,
      (risk.closed_at IS NULL AND risk.review_on < ${LONDON_TODAY}) AS review_overdue, risk.closed_at,
      risk.created_by, creator.display_name AS created_by_name, risk.updated_by, updater.display_name AS updated_by_name,
      risk.created_at, risk.updated_at, risk.version
    FROM risks risk
    LEFT JOIN users creator ON creator.tenant_id = risk.tenant_id AND creator.id = risk.created_by
    LEFT JOIN users updater ON updater.tenant_id = risk.tenant_id AND updater.id = risk.updated_by
    WHERE risk.tenant_id = ${tenantId} AND risk.id = ${riskId}
  `);
  const row = rows[0];
  return row ? toView(row) : undefined;
}

function toView(row: RiskViewRaw): RiskView {
  return {
    id: row.id,
    personId: row.person_id,
    category: row.category,
    level: row.level,
    description: row.description,
    safetyPlan: row.safety_plan,
    reviewOn: row.review_on,
    reviewOverdue: row.review_overdue,
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? "Unknown" } : null,
    updatedBy: row.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? "Unknown" } : null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    version: Number(row.version),
  };
}

/** `at` backdates the record (demo data and imports); otherwise it is now. */
export async function insertRisk(tx: Tx, input: { tenantId: string; personId: string; createdBy: string; risk: RiskInput; at?: Date }): Promise<RiskRow> {
  const [row] = await tx
    .insert(risks)
    .values({
      id: newId(),
      tenantId: input.tenantId,
      personId: input.personId,
      createdBy: input.createdBy,
      updatedBy: input.createdBy,
      ...input.risk,
      ...(input.at ? { createdAt: input.at, updatedAt: input.at } : {}),
    })
    .returning();
  if (!row) throw new Error("insert into risks returned no row");
  return row;
}

/** Saves only when the stored version is `expectedVersion`; undefined when someone saved first. */
export async function updateRisk(
  tx: Tx,
  input: { tenantId: string; riskId: string; expectedVersion: number; changedBy: string; risk: Partial<RiskInput>; closed?: boolean },
): Promise<RiskRow | undefined> {
  const closedAt = input.closed === undefined ? {} : { closedAt: input.closed ? sql`coalesce(${risks.closedAt}, now())` : null };
  const [row] = await tx
    .update(risks)
    .set({ ...input.risk, ...closedAt, updatedBy: input.changedBy, updatedAt: sql`now()`, version: sql`${risks.version} + 1` })
    .where(and(eq(risks.tenantId, input.tenantId), eq(risks.id, input.riskId), eq(risks.version, input.expectedVersion)))
    .returning();
  return row;
}

export interface RiskFlagRow {
  personId: string;
  category: RiskCategory;
  highest: RiskLevel;
  reviewOverdue: boolean;
  count: number;
}

/**
 * Current risks per person and category, for the people among `personIds` the actor may see, in
 * the categories their place in each person's team lets them see: every category for the team's
 * workers, managers and partners; risks to workers for a peer mentor; none for a carer.
 */
export async function listRiskFlags(tx: Db | Tx, actor: Actor, personIds: string[]): Promise<RiskFlagRow[]> {
  if (personIds.length === 0) return [];
  const mayCover = hasRole(actor, "key-worker", "co-worker");
  const oversees = hasRole(actor, "manager", "psychologist") && actor.teamId !== null;
  const rows = await queryRows<{ person_id: string; category: RiskCategory; highest: number; review_overdue: boolean; count: number }>(tx, sql`
    WITH seen AS (
      SELECT people.id, people.tenant_id,
        ${oversees ? sql`people.team_id = ${actor.teamId}` : sql`FALSE`} AS oversees,
        (SELECT array_agg(membership.role) FROM care_team_members membership
          WHERE membership.tenant_id = people.tenant_id AND membership.person_id = people.id AND membership.user_id = ${actor.userId}
            AND (membership.ended_on IS NULL OR membership.ended_on >= ${LONDON_TODAY})) AS roles
      FROM people
      WHERE people.id IN (${sql.join(personIds.map((id) => sql`${id}::uuid`), sql`, `)}) AND ${visiblePeopleCondition(actor)}
    )
    SELECT risk.person_id, risk.category,
      max(CASE risk.level WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END)::int AS highest,
      bool_or(risk.review_on < ${LONDON_TODAY}) AS review_overdue, count(*)::int AS count
    FROM seen
    JOIN risks risk ON risk.tenant_id = seen.tenant_id AND risk.person_id = seen.id AND risk.closed_at IS NULL
    WHERE seen.oversees
      OR seen.roles && ARRAY['lead', 'co-worker', 'partner']::text[]
      OR (risk.category = 'to-workers' AND 'peer-mentor' = ANY(seen.roles))
      ${mayCover ? sql`OR seen.roles IS NULL` : sql``}
    GROUP BY risk.person_id, risk.category
  `);
  const levels: RiskLevel[] = ["low", "medium", "high"];
  return rows.map((row) => ({
    personId: row.person_id,
    category: row.category,
    highest: levels[row.highest - 1] ?? "low",
    reviewOverdue: row.review_overdue,
    count: row.count,
  }));
}
