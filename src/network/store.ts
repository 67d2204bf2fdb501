import { and, eq, getTableColumns, sql } from "drizzle-orm";
import { LONDON_TODAY } from "../platform/access/index.ts";
import type { CareTeamRole, Role } from "../platform/access/roles.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import { careTeamMembers } from "../people/tables.ts";
import type { FamilyInput, ServiceInvolvedInput } from "./schema.ts";
import { externalProfessionals, familyMembers, servicesInvolved } from "./tables.ts";

export type ProfessionalRow = typeof externalProfessionals.$inferSelect;
export type FamilyRow = typeof familyMembers.$inferSelect;
export type ServiceInvolvedRow = typeof servicesInvolved.$inferSelect;

export interface MemberRow {
  membershipId: string;
  userId: string;
  name: string;
  jobTitle: string | null;
  organisationName: string;
  role: CareTeamRole;
  startedOn: string;
  endedOn: string | null;
  version: number;
}

export interface UserRow {
  id: string;
  displayName: string;
  jobTitle: string | null;
  roles: Role[];
  organisationName: string;
}

/** Holds the person's row until the transaction ends, so two changes to one team never interleave. */
export async function lockPerson(tx: Tx, tenantId: string, personId: string): Promise<void> {
  await tx.execute(sql`SELECT id FROM people WHERE tenant_id = ${tenantId} AND id = ${personId} FOR UPDATE`);
}

/** A membership is current until the end of its `ended_on` day (the platform's rule for access). */
const CURRENT_MEMBERSHIP = sql`(membership.ended_on IS NULL OR membership.ended_on >= ${LONDON_TODAY})`;

export async function listMembers(tx: Db | Tx, tenantId: string, personId: string, which: "current" | "past"): Promise<MemberRow[]> {
  const rows = await queryRows<{
    membership_id: string;
    user_id: string;
    name: string;
    job_title: string | null;
    organisation_name: string;
    role: CareTeamRole;
    started_on: string;
    ended_on: string | null;
    version: number;
  }>(tx, sql`
    SELECT membership.id AS membership_id, membership.user_id, users.display_name AS name, users.job_title,
      organisations.name AS organisation_name, membership.role, membership.started_on::text AS started_on,
      membership.ended_on::text AS ended_on, membership.version
    FROM care_team_members membership
    JOIN users ON users.tenant_id = membership.tenant_id AND users.id = membership.user_id
    JOIN organisations ON organisations.tenant_id = users.tenant_id AND organisations.id = users.organisation_id
    WHERE membership.tenant_id = ${tenantId} AND membership.person_id = ${personId}
      AND ${which === "current" ? CURRENT_MEMBERSHIP : sql`NOT ${CURRENT_MEMBERSHIP}`}
    ORDER BY ${which === "current"
      ? sql`CASE membership.role WHEN 'lead' THEN 0 WHEN 'co-worker' THEN 1 WHEN 'peer-mentor' THEN 2 ELSE 3 END, users.display_name`
      : sql`membership.ended_on DESC, users.display_name`}
  `);
  return rows.map((row) => ({
    membershipId: row.membership_id,
    userId: row.user_id,
    name: row.name,
    jobTitle: row.job_title,
    organisationName: row.organisation_name,
    role: row.role,
    startedOn: row.started_on,
    endedOn: row.ended_on,
    version: row.version,
  }));
}

export async function findUser(tx: Db | Tx, tenantId: string, userId: string): Promise<(UserRow & { active: boolean }) | undefined> {
  const [row] = await queryRows<{ id: string; display_name: string; job_title: string | null; roles: Role[]; organisation_name: string; active: boolean }>(
    tx,
    sql`SELECT users.id, users.display_name, users.job_title, users.roles, organisations.name AS organisation_name, users.active
      FROM users JOIN organisations ON organisations.tenant_id = users.tenant_id AND organisations.id = users.organisation_id
      WHERE users.tenant_id = ${tenantId} AND users.id = ${userId}`,
  );
  return row
    ? { id: row.id, displayName: row.display_name, jobTitle: row.job_title, roles: row.roles, organisationName: row.organisation_name, active: row.active }
    : undefined;
}

/** Active users of the partnership holding any of `roles`, by organisation then name. */
export async function listActiveUsersWithRoles(tx: Db | Tx, tenantId: string, roles: Role[]): Promise<UserRow[]> {
  const rows = await queryRows<{ id: string; display_name: string; job_title: string | null; roles: Role[]; organisation_name: string }>(
    tx,
    sql`SELECT users.id, users.display_name, users.job_title, users.roles, organisations.name AS organisation_name
      FROM users JOIN organisations ON organisations.tenant_id = users.tenant_id AND organisations.id = users.organisation_id
      WHERE users.tenant_id = ${tenantId} AND users.active
        AND users.roles && ARRAY[${sql.join(roles.map((role) => sql`${role}`), sql`, `)}]::text[]
      ORDER BY organisations.name, users.display_name`,
  );
  return rows.map((row) => ({ id: row.id, displayName: row.display_name, jobTitle: row.job_title, roles: row.roles, organisationName: row.organisation_name }));
}

export async function findCarerAccount(tx: Db | Tx, tenantId: string, email: string): Promise<{ id: string } | undefined> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`SELECT id FROM users WHERE tenant_id = ${tenantId} AND lower(email) = lower(${email}) AND 'carer' = ANY(roles) AND active`,
  );
  return row;
}

export async function accountEmail(tx: Db | Tx, tenantId: string, userId: string): Promise<string | null> {
  const [row] = await queryRows<{ email: string }>(tx, sql`SELECT email FROM users WHERE tenant_id = ${tenantId} AND id = ${userId}`);
  return row?.email ?? null;
}

export async function insertMembership(tx: Tx, input: { tenantId: string; personId: string; userId: string; role: CareTeamRole }): Promise<string> {
  const id = newId();
  await tx.insert(careTeamMembers).values({ id, ...input, startedOn: sql`${LONDON_TODAY}` });
  return id;
}

/**
 * Ends a current membership. `ended_on` is the last day in the team, so it is set to yesterday:
 * access ends at once, and the row stays as history.
 */
export async function endMembership(tx: Tx, input: { tenantId: string; membershipId: string; expectedVersion?: number }): Promise<boolean> {
  const rows = await tx
    .update(careTeamMembers)
    .set({ endedOn: sql`${LONDON_TODAY} - 1`, updatedAt: sql`now()`, version: sql`${careTeamMembers.version} + 1` })
    .where(
      and(
        eq(careTeamMembers.tenantId, input.tenantId),
        eq(careTeamMembers.id, input.membershipId),
        sql`(${careTeamMembers.endedOn} IS NULL OR ${careTeamMembers.endedOn} >= ${LONDON_TODAY})`,
        input.expectedVersion === undefined ? sql`TRUE` : eq(careTeamMembers.version, input.expectedVersion),
      ),
    )
    .returning({ id: careTeamMembers.id });
  return rows.length === 1;
}

/** Another professional, family member or service is current until the day it ended. */
export const CURRENT_ENTRY = (endedOn: unknown) => sql`(${endedOn} IS NULL OR ${endedOn} > ${LONDON_TODAY})`;

export async function listProfessionals(tx: Db | Tx, tenantId: string, personId: string): Promise<Array<ProfessionalRow & { current: boolean }>> {
  return tx
    .select({ ...getTableColumns(externalProfessionals), current: sql<boolean>`${CURRENT_ENTRY(externalProfessionals.endedOn)}` })
    .from(externalProfessionals)
    .where(and(eq(externalProfessionals.tenantId, tenantId), eq(externalProfessionals.personId, personId)))
    .orderBy(externalProfessionals.organisationName, externalProfessionals.name);
}

export async function findProfessional(tx: Db | Tx, tenantId: string, id: string): Promise<ProfessionalRow | undefined> {
  const [row] = await tx.select().from(externalProfessionals).where(and(eq(externalProfessionals.tenantId, tenantId), eq(externalProfessionals.id, id)));
  return row;
}

export interface ProfessionalValues {
  organisationId: string | null;
  organisationName: string;
  name: string;
  role: string;
  phone: string | null;
  email: string | null;
  startedOn: string | null;
}

export async function insertProfessional(tx: Tx, input: { tenantId: string; personId: string; createdBy: string; values: ProfessionalValues }): Promise<ProfessionalRow> {
  const { startedOn, ...values } = input.values;
  const [row] = await tx
    .insert(externalProfessionals)
    .values({ id: newId(), tenantId: input.tenantId, personId: input.personId, createdBy: input.createdBy, ...values, startedOn: startedOn ?? sql`${LONDON_TODAY}` })
    .returning();
  if (!row) throw new Error("insert into external_professionals returned no row");
  return row;
}

export async function updateProfessional(tx: Tx, input: { tenantId: string; id: string; expectedVersion: number; values: Partial<ProfessionalValues> & { endedOn?: "today" } }): Promise<ProfessionalRow | undefined> {
  const { endedOn, startedOn, ...values } = input.values;
  const [row] = await tx
    .update(externalProfessionals)
    .set({
      ...values,
      ...(startedOn ? { startedOn } : {}),
      ...(endedOn ? { endedOn: sql`${LONDON_TODAY}` } : {}),
      updatedAt: sql`now()`,
      version: sql`${externalProfessionals.version} + 1`,
    })
    .where(and(eq(externalProfessionals.tenantId, input.tenantId), eq(externalProfessionals.id, input.id), eq(externalProfessionals.version, input.expectedVersion)))
    .returning();
  return row;
}

export async function listFamily(tx: Db | Tx, tenantId: string, personId: string): Promise<Array<FamilyRow & { current: boolean }>> {
  return tx
    .select({ ...getTableColumns(familyMembers), current: sql<boolean>`${CURRENT_ENTRY(familyMembers.endedOn)}` })
    .from(familyMembers)
    .where(and(eq(familyMembers.tenantId, tenantId), eq(familyMembers.personId, personId)))
    .orderBy(sql`${familyMembers.isCarer} DESC`, familyMembers.name);
}

export async function findFamilyMember(tx: Db | Tx, tenantId: string, id: string): Promise<FamilyRow | undefined> {
  const [row] = await tx.select().from(familyMembers).where(and(eq(familyMembers.tenantId, tenantId), eq(familyMembers.id, id)));
  return row;
}

export type FamilyValues = Omit<FamilyInput, "accountEmail"> & { userId: string | null };

export async function insertFamilyMember(tx: Tx, input: { tenantId: string; personId: string; createdBy: string; values: FamilyValues }): Promise<FamilyRow> {
  const [row] = await tx
    .insert(familyMembers)
    .values({ id: newId(), tenantId: input.tenantId, personId: input.personId, createdBy: input.createdBy, ...input.values })
    .returning();
  if (!row) throw new Error("insert into family_members returned no row");
  return row;
}

/** Ending a family member ends a linked carer's access at once: access needs `ended_on IS NULL`. */
export async function updateFamilyMember(tx: Tx, input: { tenantId: string; id: string; expectedVersion: number; values: Partial<FamilyValues> & { endedOn?: "today" } }): Promise<FamilyRow | undefined> {
  const { endedOn, ...values } = input.values;
  const [row] = await tx
    .update(familyMembers)
    .set({ ...values, ...(endedOn ? { endedOn: sql`${LONDON_TODAY}` } : {}), updatedAt: sql`now()`, version: sql`${familyMembers.version} + 1` })
    .where(and(eq(familyMembers.tenantId, input.tenantId), eq(familyMembers.id, input.id), eq(familyMembers.version, input.expectedVersion)))
    .returning();
  return row;
}

export async function listServicesInvolved(tx: Db | Tx, tenantId: string, personId: string): Promise<Array<ServiceInvolvedRow & { current: boolean }>> {
  return tx
    .select({ ...getTableColumns(servicesInvolved), current: sql<boolean>`${CURRENT_ENTRY(servicesInvolved.endedOn)}` })
    .from(servicesInvolved)
    .where(and(eq(servicesInvolved.tenantId, tenantId), eq(servicesInvolved.personId, personId)))
    .orderBy(sql`${servicesInvolved.endedOn} DESC NULLS FIRST`, sql`${servicesInvolved.startedOn} DESC NULLS LAST`, servicesInvolved.organisationName);
}

export async function findServiceInvolved(tx: Db | Tx, tenantId: string, id: string): Promise<ServiceInvolvedRow | undefined> {
  const [row] = await tx.select().from(servicesInvolved).where(and(eq(servicesInvolved.tenantId, tenantId), eq(servicesInvolved.id, id)));
  return row;
}

export type ServiceInvolvedValues = Omit<ServiceInvolvedInput, "organisationName"> & { organisationName: string };

export async function insertServiceInvolved(tx: Tx, input: { tenantId: string; personId: string; createdBy: string; values: ServiceInvolvedValues }): Promise<ServiceInvolvedRow> {
  const [row] = await tx
    .insert(servicesInvolved)
    .values({ id: newId(), tenantId: input.tenantId, personId: input.personId, createdBy: input.createdBy, ...input.values })
    .returning();
  if (!row) throw new Error("insert into services_involved returned no row");
  return row;
}

export async function updateServiceInvolved(tx: Tx, input: { tenantId: string; id: string; expectedVersion: number; values: Partial<ServiceInvolvedValues> & { endedOnToday?: boolean } }): Promise<ServiceInvolvedRow | undefined> {
  const { endedOnToday, ...values } = input.values;
  const [row] = await tx
    .update(servicesInvolved)
    .set({ ...values, ...(endedOnToday ? { endedOn: sql`${LONDON_TODAY}` } : {}), updatedAt: sql`now()`, version: sql`${servicesInvolved.version} + 1` })
    .where(and(eq(servicesInvolved.tenantId, input.tenantId), eq(servicesInvolved.id, input.id), eq(servicesInvolved.version, input.expectedVersion)))
    .returning();
  return row;
}
