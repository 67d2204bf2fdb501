import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { services } from "../network/tables.ts";
import { users } from "../platform/auth/tables.ts";
import { organisations } from "../platform/tenancy/tables.ts";
import type { EligibilityRules, ReferralStatus } from "./schema.ts";
import { referralSettings, referralSteps, referrals } from "./tables.ts";

export type ReferralRow = typeof referrals.$inferSelect;
export type NewReferralRow = typeof referrals.$inferInsert;
export type ReferralStepRow = typeof referralSteps.$inferSelect;
export type SettingsRow = typeof referralSettings.$inferSelect;

/** A service's referral settings with the service's name, as intake and the status page need them. */
export interface ServiceSettings {
  settings: SettingsRow;
  eligibility: EligibilityRules;
  service: { id: string; name: string; phone: string | null; email: string | null; website: string | null; active: boolean };
}

export async function insertReferral(tx: Db | Tx, row: NewReferralRow): Promise<void> {
  await tx.insert(referrals).values(row);
}

export async function insertReferralStep(tx: Db | Tx, row: typeof referralSteps.$inferInsert): Promise<void> {
  await tx.insert(referralSteps).values(row);
}

/** Columns that record when a step happened, set the first time the step is taken. */
export type StepStamp = "acknowledgedAt" | "decidedAt" | "allocatedAt";

/**
 * Moves a referral after a step: a new status (or none), the step's timestamps (each set the first
 * time only), and a new version. Not version-checked: the caller has already checked (or does not
 * edit) what the user saw; the bump makes any form still open on the old version see a conflict.
 * Undefined when the referral is gone.
 */
export async function moveReferral(
  tx: Db | Tx,
  input: { tenantId: string; referralId: string; status: ReferralStatus | null; stamps: readonly StepStamp[]; at: Date },
): Promise<ReferralRow | undefined> {
  const columns = { acknowledgedAt: referrals.acknowledgedAt, decidedAt: referrals.decidedAt, allocatedAt: referrals.allocatedAt };
  const stamps = Object.fromEntries(input.stamps.map((stamp) => [stamp, sql`COALESCE(${columns[stamp]}, ${input.at.toISOString()}::timestamptz)`]));
  const [row] = await tx
    .update(referrals)
    .set({ ...(input.status ? { status: input.status } : {}), ...stamps, updatedAt: input.at, version: sql`${referrals.version} + 1` })
    .where(and(eq(referrals.tenantId, input.tenantId), eq(referrals.id, input.referralId)))
    .returning();
  return row;
}

/** Fields triage may change on a referral, version-checked. */
export type ReferralChanges = Partial<
  Pick<NewReferralRow, "status" | "priority" | "personId" | "decisionReason" | "suggestedServiceIds" | "allocatedWorkerId" | "acknowledgedAt" | "decidedAt" | "allocatedAt">
>;

/**
 * Changes a referral only if it is still at `expectedVersion`; undefined means someone else saved
 * first (or it is gone): the caller raises a Conflict.
 */
export async function updateReferral(
  tx: Db | Tx,
  input: { tenantId: string; referralId: string; expectedVersion: number; changes: ReferralChanges; at: Date },
): Promise<ReferralRow | undefined> {
  const [row] = await tx
    .update(referrals)
    .set({ ...input.changes, updatedAt: input.at, version: sql`${referrals.version} + 1` })
    .where(and(eq(referrals.tenantId, input.tenantId), eq(referrals.id, input.referralId), eq(referrals.version, input.expectedVersion)))
    .returning();
  return row;
}

export async function findReferral(tx: Db | Tx, tenantId: string, referralId: string): Promise<ReferralRow | undefined> {
  const [row] = await tx.select().from(referrals).where(and(eq(referrals.tenantId, tenantId), eq(referrals.id, referralId)));
  return row;
}

/** The referral behind a private status link; the link carries the token, only its hash is stored. */
export async function findReferralByStatusTokenHash(tx: Db | Tx, tokenHash: string): Promise<ReferralRow | undefined> {
  const [row] = await tx.select().from(referrals).where(eq(referrals.statusTokenHash, tokenHash));
  return row;
}

export async function findReferralByReference(tx: Db | Tx, reference: string): Promise<ReferralRow | undefined> {
  const [row] = await tx.select().from(referrals).where(eq(referrals.reference, reference));
  return row;
}

export async function referenceExists(tx: Db | Tx, reference: string): Promise<boolean> {
  const [row] = await tx.select({ id: referrals.id }).from(referrals).where(eq(referrals.reference, reference));
  return row !== undefined;
}

/** A referral's steps, oldest first; only those the referrer may see when `visibleToReferrerOnly`. */
export async function listReferralSteps(
  tx: Db | Tx,
  tenantId: string,
  referralId: string,
  options: { visibleToReferrerOnly: boolean },
): Promise<(ReferralStepRow & { byName: string | null })[]> {
  const conditions = [eq(referralSteps.tenantId, tenantId), eq(referralSteps.referralId, referralId)];
  if (options.visibleToReferrerOnly) conditions.push(eq(referralSteps.visibleToReferrer, true));
  const rows = await tx
    .select({ step: referralSteps, byName: users.displayName })
    .from(referralSteps)
    .leftJoin(users, and(eq(users.tenantId, referralSteps.tenantId), eq(users.id, referralSteps.byUserId)))
    .where(and(...conditions))
    .orderBy(asc(referralSteps.at), asc(referralSteps.id));
  return rows.map((row) => ({ ...row.step, byName: row.byName }));
}

function toServiceSettings(row: { settings: SettingsRow; service: ServiceSettings["service"] }): ServiceSettings {
  return { settings: row.settings, eligibility: (row.settings.eligibility ?? {}) as EligibilityRules, service: row.service };
}

const serviceColumns = {
  id: services.id,
  name: services.name,
  phone: services.phone,
  email: services.email,
  website: services.website,
  active: services.active,
};

export async function findSettingsForService(tx: Db | Tx, tenantId: string, serviceId: string): Promise<ServiceSettings | undefined> {
  const [row] = await tx
    .select({ settings: referralSettings, service: serviceColumns })
    .from(referralSettings)
    .innerJoin(services, and(eq(services.tenantId, referralSettings.tenantId), eq(services.id, referralSettings.serviceId)))
    .where(and(eq(referralSettings.tenantId, tenantId), eq(referralSettings.serviceId, serviceId)));
  return row ? toServiceSettings(row) : undefined;
}

/** The service behind a public referral link; undefined for an unknown or replaced token. */
export async function findSettingsByPublicToken(tx: Db | Tx, token: string): Promise<ServiceSettings | undefined> {
  const [row] = await tx
    .select({ settings: referralSettings, service: serviceColumns })
    .from(referralSettings)
    .innerJoin(services, and(eq(services.tenantId, referralSettings.tenantId), eq(services.id, referralSettings.serviceId)))
    .where(eq(referralSettings.publicLinkToken, token));
  return row ? toServiceSettings(row) : undefined;
}

/** Services in the directory, by id, for suggestions on a decline: name and how to contact them. */
export async function findServicesByIds(tx: Db | Tx, tenantId: string, serviceIds: readonly string[]): Promise<ServiceSettings["service"][]> {
  if (serviceIds.length === 0) return [];
  return tx
    .select(serviceColumns)
    .from(services)
    .where(and(eq(services.tenantId, tenantId), sql`${services.id} IN (${sql.join(serviceIds.map((id) => sql`${id}::uuid`), sql`, `)})`))
    .orderBy(asc(services.name));
}

export async function findUserName(tx: Db | Tx, tenantId: string, userId: string): Promise<string | undefined> {
  const [row] = await tx.select({ name: users.displayName }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  return row?.name;
}

/** One line of the referrer's own list. */
export interface SentReferral {
  id: string;
  reference: string;
  serviceName: string;
  givenName: string;
  familyName: string;
  status: ReferralStatus;
  receivedAt: Date;
}

/** The referrals a signed-in professional has made, newest first, a page at a time. */
export async function listReferralsMadeBy(
  tx: Db | Tx,
  tenantId: string,
  userId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: SentReferral[]; total: number }> {
  const where = and(eq(referrals.tenantId, tenantId), eq(referrals.referredBy, userId));
  const rows = await tx
    .select({
      id: referrals.id,
      reference: referrals.reference,
      serviceName: services.name,
      givenName: referrals.givenName,
      familyName: referrals.familyName,
      status: referrals.status,
      receivedAt: referrals.receivedAt,
    })
    .from(referrals)
    .innerJoin(services, and(eq(services.tenantId, referrals.tenantId), eq(services.id, referrals.serviceId)))
    .where(where)
    .orderBy(desc(referrals.receivedAt), desc(referrals.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await tx.select({ total: count() }).from(referrals).where(where);
  return { rows: rows.map((row) => ({ ...row, status: row.status as ReferralStatus })), total: total?.total ?? 0 };
}

/** The services of a partnership that take referrals now, by name. */
export async function listAcceptingServices(tx: Db | Tx, tenantId: string): Promise<ServiceSettings["service"][]> {
  return tx
    .select(serviceColumns)
    .from(referralSettings)
    .innerJoin(services, and(eq(services.tenantId, referralSettings.tenantId), eq(services.id, referralSettings.serviceId)))
    .where(and(eq(referralSettings.tenantId, tenantId), eq(referralSettings.acceptingReferrals, true), eq(services.active, true)))
    .orderBy(asc(services.name));
}

export async function findOrganisationName(tx: Db | Tx, tenantId: string, organisationId: string): Promise<string | undefined> {
  const [row] = await tx.select({ name: organisations.name }).from(organisations).where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, organisationId)));
  return row?.name;
}
