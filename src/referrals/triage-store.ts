import { and, eq, sql, type SQL } from "drizzle-orm";
import { visiblePeopleCondition, type Actor } from "../platform/access/index.ts";
import { users } from "../platform/auth/tables.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { queryRows } from "../platform/database/query.ts";
import { services } from "../network/tables.ts";
import type { Priority, ReferralStatus } from "./schema.ts";
import { referralSettings, referrals } from "./tables.ts";

/** All SQL of triage: the receiving team's referrals, the waiting list, matching and allocation. */

export type ReferralRecord = typeof referrals.$inferSelect;

export interface TriageReferral extends ReferralRecord {
  serviceName: string;
  /** The team that receives the service's referrals now. */
  teamId: string;
  allocatedWorkerName: string | null;
}

const triageColumns = { referral: referrals, serviceName: services.name, teamId: referralSettings.teamId, allocatedWorkerName: users.displayName };

function triageSelect(tx: Db | Tx) {
  return tx
    .select(triageColumns)
    .from(referrals)
    .innerJoin(services, and(eq(services.tenantId, referrals.tenantId), eq(services.id, referrals.serviceId)))
    .innerJoin(referralSettings, and(eq(referralSettings.tenantId, referrals.tenantId), eq(referralSettings.serviceId, referrals.serviceId)))
    .leftJoin(users, and(eq(users.tenantId, referrals.tenantId), eq(users.id, referrals.allocatedWorkerId)));
}

function toTriage(row: { referral: ReferralRecord; serviceName: string; teamId: string; allocatedWorkerName: string | null }): TriageReferral {
  return { ...row.referral, serviceName: row.serviceName, teamId: row.teamId, allocatedWorkerName: row.allocatedWorkerName };
}

/** A referral to one of the team's services; undefined when there is none (or it goes to another team). */
export async function findTeamReferral(tx: Db | Tx, tenantId: string, teamId: string, referralId: string): Promise<TriageReferral | undefined> {
  const [row] = await triageSelect(tx).where(and(eq(referrals.tenantId, tenantId), eq(referrals.id, referralId), eq(referralSettings.teamId, teamId)));
  return row ? toTriage(row) : undefined;
}

/** Holds the referral's row until the transaction ends, so two managers cannot take the same step at once. */
export async function lockReferral(tx: Tx, tenantId: string, referralId: string): Promise<void> {
  await tx.execute(sql`SELECT id FROM referrals WHERE tenant_id = ${tenantId} AND id = ${referralId} FOR UPDATE`);
}

/** The tabs of the managers' list, each a set of statuses. */
export const TRIAGE_TABS = {
  "awaiting-acknowledgement": ["awaiting-acknowledgement"],
  screening: ["acknowledged", "screening"],
  "waiting-list": ["accepted"],
  decided: ["declined", "allocated", "withdrawn"],
} as const satisfies Record<string, readonly ReferralStatus[]>;
export type TriageTab = keyof typeof TRIAGE_TABS;

function inList(column: SQL, values: readonly string[]): SQL {
  return values.length === 0 ? sql`FALSE` : sql`${column} IN (${sql.join(values.map((value) => sql`${value}`), sql`, `)})`;
}

/** SQL: is this referral overdue? `threshold` is the latest working day on or before today. */
function overdueSql(threshold: string): SQL {
  return sql`((referrals.status = 'awaiting-acknowledgement' AND referrals.acknowledge_by < ${threshold}::date)
    OR (referrals.status IN ('awaiting-acknowledgement', 'acknowledged', 'screening') AND referrals.decide_by < ${threshold}::date))`;
}

const PRIORITY_RANK = sql`CASE referrals.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END`;

export interface TeamFilter {
  tenantId: string;
  teamId: string;
  serviceId: string | null;
}

function teamConditions(filter: TeamFilter): SQL {
  return sql`referrals.tenant_id = ${filter.tenantId} AND settings.team_id = ${filter.teamId}
    ${filter.serviceId ? sql`AND referrals.service_id = ${filter.serviceId}` : sql``}`;
}

const FROM_TEAM = sql`FROM referrals JOIN referral_settings settings ON settings.tenant_id = referrals.tenant_id AND settings.service_id = referrals.service_id`;

export interface TriageCounts {
  "awaiting-acknowledgement": number;
  screening: number;
  "waiting-list": number;
  decided: number;
  overdue: number;
}

export async function countTeamReferrals(tx: Db | Tx, filter: TeamFilter, threshold: string): Promise<TriageCounts> {
  const [row] = await queryRows<{ awaiting: number; screening: number; waiting: number; decided: number; overdue: number }>(
    tx,
    sql`SELECT count(*) FILTER (WHERE ${inList(sql`referrals.status`, TRIAGE_TABS["awaiting-acknowledgement"])})::int AS awaiting,
        count(*) FILTER (WHERE ${inList(sql`referrals.status`, TRIAGE_TABS.screening)})::int AS screening,
        count(*) FILTER (WHERE ${inList(sql`referrals.status`, TRIAGE_TABS["waiting-list"])})::int AS waiting,
        count(*) FILTER (WHERE ${inList(sql`referrals.status`, TRIAGE_TABS.decided)})::int AS decided,
        count(*) FILTER (WHERE ${overdueSql(threshold)})::int AS overdue
      ${FROM_TEAM} WHERE ${teamConditions(filter)}`,
  );
  return {
    "awaiting-acknowledgement": row?.awaiting ?? 0,
    screening: row?.screening ?? 0,
    "waiting-list": row?.waiting ?? 0,
    decided: row?.decided ?? 0,
    overdue: row?.overdue ?? 0,
  };
}

/** One line of a list of referrals. */
export interface ReferralLine {
  id: string;
  reference: string;
  serviceId: string;
  serviceName: string;
  status: ReferralStatus;
  priority: Priority;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  referrerName: string;
  referrerOrganisation: string | null;
  personId: string | null;
  receivedAt: Date;
  acknowledgeBy: string;
  decideBy: string;
  decidedAt: Date | null;
  allocatedWorkerName: string | null;
}

interface LineRaw {
  id: string;
  reference: string;
  service_id: string;
  service_name: string;
  status: ReferralStatus;
  priority: Priority;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  referrer_name: string;
  referrer_organisation: string | null;
  person_id: string | null;
  received_at: Date | string;
  acknowledge_by: string;
  decide_by: string;
  decided_at: Date | string | null;
  worker_name: string | null;
  total: number;
}

const LINE_COLUMNS = sql`referrals.id, referrals.reference, referrals.service_id, services.name AS service_name, referrals.status, referrals.priority,
  referrals.given_name, referrals.family_name, referrals.date_of_birth::text AS date_of_birth, referrals.referrer_name, referrals.referrer_organisation,
  referrals.person_id, referrals.received_at, referrals.acknowledge_by::text AS acknowledge_by, referrals.decide_by::text AS decide_by, referrals.decided_at,
  worker.display_name AS worker_name, count(*) OVER ()::int AS total`;

const LINE_JOINS = sql`JOIN services ON services.tenant_id = referrals.tenant_id AND services.id = referrals.service_id
  LEFT JOIN users worker ON worker.tenant_id = referrals.tenant_id AND worker.id = referrals.allocated_worker_id`;

function toLine(raw: LineRaw): ReferralLine {
  return {
    id: raw.id,
    reference: raw.reference,
    serviceId: raw.service_id,
    serviceName: raw.service_name,
    status: raw.status,
    priority: raw.priority,
    givenName: raw.given_name,
    familyName: raw.family_name,
    dateOfBirth: raw.date_of_birth,
    referrerName: raw.referrer_name,
    referrerOrganisation: raw.referrer_organisation,
    personId: raw.person_id,
    receivedAt: new Date(raw.received_at),
    acknowledgeBy: raw.acknowledge_by,
    decideBy: raw.decide_by,
    decidedAt: raw.decided_at ? new Date(raw.decided_at) : null,
    allocatedWorkerName: raw.worker_name,
  };
}

/**
 * The team's referrals in some statuses (all when null), overdue first, then by priority and the
 * date received; decided ones newest first.
 */
export async function listTeamReferrals(
  tx: Db | Tx,
  filter: TeamFilter & { statuses: readonly ReferralStatus[] | null; threshold: string; limit: number; offset: number },
): Promise<{ rows: ReferralLine[]; total: number }> {
  const decidedOnly = filter.statuses !== null && filter.statuses.every((status) => (TRIAGE_TABS.decided as readonly string[]).includes(status));
  const order = decidedOnly
    ? sql`coalesce(referrals.decided_at, referrals.updated_at) DESC, referrals.id DESC`
    : sql`${overdueSql(filter.threshold)} DESC, ${PRIORITY_RANK}, referrals.received_at, referrals.id`;
  const rows = await queryRows<LineRaw>(
    tx,
    sql`SELECT ${LINE_COLUMNS} ${FROM_TEAM} ${LINE_JOINS}
      WHERE ${teamConditions(filter)} ${filter.statuses ? sql`AND ${inList(sql`referrals.status`, filter.statuses)}` : sql``}
      ORDER BY ${order} LIMIT ${filter.limit} OFFSET ${filter.offset}`,
  );
  return { rows: rows.map(toLine), total: rows[0]?.total ?? 0 };
}

/** Accepted referrals not yet allocated: urgent, then high, then normal, each oldest first. */
export async function listWaiting(tx: Db | Tx, filter: TeamFilter): Promise<ReferralLine[]> {
  const rows = await queryRows<LineRaw>(
    tx,
    sql`SELECT ${LINE_COLUMNS} ${FROM_TEAM} ${LINE_JOINS}
      WHERE ${teamConditions(filter)} AND referrals.status = 'accepted'
      ORDER BY ${PRIORITY_RANK}, referrals.received_at, referrals.id`,
  );
  return rows.map(toLine);
}

/** The services whose referrals the team receives, for the list's filter. */
export async function listTeamServices(tx: Db | Tx, tenantId: string, teamId: string): Promise<Array<{ id: string; name: string }>> {
  return tx
    .select({ id: services.id, name: services.name })
    .from(referralSettings)
    .innerJoin(services, and(eq(services.tenantId, referralSettings.tenantId), eq(services.id, referralSettings.serviceId)))
    .where(and(eq(referralSettings.tenantId, tenantId), eq(referralSettings.teamId, teamId)))
    .orderBy(services.name);
}

/** Fields triage sets, version-checked: undefined when someone else saved first. */
export async function updateTriageFields(
  tx: Db | Tx,
  input: {
    tenantId: string;
    referralId: string;
    expectedVersion: number;
    changes: Partial<Pick<ReferralRecord, "priority" | "personId" | "decisionReason" | "suggestedServiceIds" | "allocatedWorkerId">>;
    at: Date;
  },
): Promise<ReferralRecord | undefined> {
  const [row] = await tx
    .update(referrals)
    .set({ ...input.changes, updatedAt: input.at, version: sql`${referrals.version} + 1` })
    .where(and(eq(referrals.tenantId, input.tenantId), eq(referrals.id, input.referralId), eq(referrals.version, input.expectedVersion)))
    .returning();
  return row;
}

/**
 * A person who may be the one referred: visible to the actor other than through break-glass (a
 * grant is for reading one record, not for linking a referral to it), with the same date of birth
 * and a name in common.
 */
export interface Candidate {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  aliases: string[];
  dateOfBirth: string;
  closed: boolean;
}

export async function findCandidates(tx: Db | Tx, actor: Actor, input: { dateOfBirth: string; names: readonly string[] }): Promise<Candidate[]> {
  const names = [...new Set(input.names.map((name) => name.trim().toLowerCase()).filter((name) => name.length > 0))];
  if (names.length === 0) return [];
  const rows = await queryRows<{ id: string; given_name: string; family_name: string; preferred_name: string | null; aliases: string[]; date_of_birth: string; closed: boolean }>(
    tx,
    sql`SELECT p.id, p.given_name, p.family_name, p.preferred_name, p.aliases, p.date_of_birth::text AS date_of_birth, p.closed_at IS NOT NULL AS closed
      FROM people p
      WHERE ${visiblePeopleCondition(actor, "p", { breakGlass: false })} AND p.date_of_birth = ${input.dateOfBirth}::date
        AND EXISTS (
          SELECT 1 FROM unnest(ARRAY[p.given_name, p.family_name, p.preferred_name] || p.aliases) AS known(name)
          WHERE lower(btrim(known.name)) IN (${sql.join(names.map((name) => sql`${name}`), sql`, `)})
        )
      ORDER BY p.family_name, p.given_name, p.id
      LIMIT 20`,
  );
  return rows.map((row) => ({
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    preferredName: row.preferred_name,
    aliases: row.aliases ?? [],
    dateOfBirth: row.date_of_birth,
    closed: row.closed,
  }));
}

/** The linked person's names, for the referral page (the caller has checked the actor may see them). */
export async function findPersonName(tx: Db | Tx, tenantId: string, personId: string): Promise<{ givenName: string; familyName: string; preferredName: string | null } | undefined> {
  const [row] = await queryRows<{ given_name: string; family_name: string; preferred_name: string | null }>(
    tx,
    sql`SELECT given_name, family_name, preferred_name FROM people WHERE tenant_id = ${tenantId} AND id = ${personId}`,
  );
  return row ? { givenName: row.given_name, familyName: row.family_name, preferredName: row.preferred_name } : undefined;
}

/** Has the referral been put on the person's chronology? */
export async function hasChronologyEvent(tx: Db | Tx, tenantId: string, personId: string, referralId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`SELECT id FROM chronology_events WHERE tenant_id = ${tenantId} AND person_id = ${personId}
      AND kind = 'referral-received' AND source_type = 'referral' AND source_id = ${referralId} LIMIT 1`,
  );
  return rows.length > 0;
}

/** The active key workers of a team with what they specialise in. */
export async function listTeamKeyWorkers(tx: Db | Tx, tenantId: string, teamId: string): Promise<Array<{ id: string; displayName: string; specialisms: string[] }>> {
  const rows = await queryRows<{ id: string; display_name: string; specialisms: string[] | null }>(
    tx,
    sql`SELECT id, display_name, specialisms FROM users
      WHERE tenant_id = ${tenantId} AND team_id = ${teamId} AND active AND roles && ARRAY['key-worker', 'co-worker']::text[]
      ORDER BY display_name`,
  );
  return rows.map((row) => ({ id: row.id, displayName: row.display_name, specialisms: row.specialisms ?? [] }));
}
