import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import type { EligibilityRules } from "./schema.ts";
import { referralSettings } from "./tables.ts";

/** All SQL of the referral settings: how each service in the directory takes referrals. */

export interface StoredSettings {
  id: string;
  serviceId: string;
  teamId: string;
  teamName: string;
  acceptingReferrals: boolean;
  publicLinkToken: string | null;
  eligibility: EligibilityRules;
  acknowledgeWithinWorkingDays: number;
  decideWithinWorkingDays: number;
  version: number;
  updatedAt: Date;
}

export interface ServiceWithSettings {
  service: { id: string; name: string; active: boolean; organisationId: string; organisationName: string };
  settings: StoredSettings | null;
}

interface Raw {
  service_id: string;
  service_name: string;
  service_active: boolean;
  organisation_id: string;
  organisation_name: string;
  settings_id: string | null;
  team_id: string | null;
  team_name: string | null;
  accepting_referrals: boolean | null;
  public_link_token: string | null;
  eligibility: EligibilityRules | null;
  acknowledge_within_working_days: number | null;
  decide_within_working_days: number | null;
  version: number | null;
  updated_at: Date | string | null;
}

function toRow(raw: Raw): ServiceWithSettings {
  return {
    service: { id: raw.service_id, name: raw.service_name, active: raw.service_active, organisationId: raw.organisation_id, organisationName: raw.organisation_name },
    settings:
      raw.settings_id && raw.team_id
        ? {
            id: raw.settings_id,
            serviceId: raw.service_id,
            teamId: raw.team_id,
            teamName: raw.team_name ?? "",
            acceptingReferrals: raw.accepting_referrals ?? false,
            publicLinkToken: raw.public_link_token,
            eligibility: raw.eligibility ?? {},
            acknowledgeWithinWorkingDays: Number(raw.acknowledge_within_working_days),
            decideWithinWorkingDays: Number(raw.decide_within_working_days),
            version: Number(raw.version),
            updatedAt: new Date(raw.updated_at ?? 0),
          }
        : null,
  };
}

function select(where: ReturnType<typeof sql>) {
  return sql`SELECT services.id AS service_id, services.name AS service_name, services.active AS service_active,
      organisations.id AS organisation_id, organisations.name AS organisation_name,
      settings.id AS settings_id, settings.team_id, teams.name AS team_name, settings.accepting_referrals, settings.public_link_token,
      settings.eligibility, settings.acknowledge_within_working_days, settings.decide_within_working_days, settings.version, settings.updated_at
    FROM services
    JOIN organisations ON organisations.tenant_id = services.tenant_id AND organisations.id = services.organisation_id
    LEFT JOIN referral_settings settings ON settings.tenant_id = services.tenant_id AND settings.service_id = services.id
    LEFT JOIN teams ON teams.tenant_id = settings.tenant_id AND teams.id = settings.team_id
    WHERE ${where}
    ORDER BY (settings.id IS NULL), organisations.name, services.name`;
}

/** Every service in the directory (running, or with settings), with its referral settings when it has them. */
export async function listServicesWithSettings(tx: Db | Tx, tenantId: string): Promise<ServiceWithSettings[]> {
  const rows = await queryRows<Raw>(tx, select(sql`services.tenant_id = ${tenantId} AND (services.active OR settings.id IS NOT NULL)`));
  return rows.map(toRow);
}

export async function findServiceWithSettings(tx: Db | Tx, tenantId: string, serviceId: string): Promise<ServiceWithSettings | undefined> {
  const [row] = await queryRows<Raw>(tx, select(sql`services.tenant_id = ${tenantId} AND services.id = ${serviceId}`));
  return row ? toRow(row) : undefined;
}

/** The settings of the given services, for the directory's API. */
export async function settingsForServices(tx: Db | Tx, tenantId: string, serviceIds: readonly string[]): Promise<StoredSettings[]> {
  if (serviceIds.length === 0) return [];
  const ids = sql.join(serviceIds.map((id) => sql`${id}::uuid`), sql`, `);
  const rows = await queryRows<Raw>(tx, select(sql`services.tenant_id = ${tenantId} AND services.id IN (${ids}) AND settings.id IS NOT NULL`));
  return rows.map(toRow).flatMap((row) => (row.settings ? [row.settings] : []));
}

/** The key-worker teams of the partnership, for choosing the team that receives a service's referrals. */
export async function listTeams(tx: Db | Tx, tenantId: string): Promise<Array<{ id: string; name: string; organisationName: string }>> {
  const rows = await queryRows<{ id: string; name: string; organisation_name: string }>(
    tx,
    sql`SELECT teams.id, teams.name, organisations.name AS organisation_name FROM teams
        JOIN organisations ON organisations.tenant_id = teams.tenant_id AND organisations.id = teams.organisation_id
        WHERE teams.tenant_id = ${tenantId} ORDER BY organisations.name, teams.name`,
  );
  return rows.map((row) => ({ id: row.id, name: row.name, organisationName: row.organisation_name }));
}

export interface SettingsValues {
  teamId: string;
  acceptingReferrals: boolean;
  eligibility: EligibilityRules;
  acknowledgeWithinWorkingDays: number;
  decideWithinWorkingDays: number;
}

/** Adds a service's settings; false when someone else added them first. */
export async function insertSettings(tx: Db | Tx, input: { tenantId: string; serviceId: string; values: SettingsValues; publicLinkToken?: string | null }): Promise<boolean> {
  const rows = await tx
    .insert(referralSettings)
    .values({ id: newId(), tenantId: input.tenantId, serviceId: input.serviceId, ...input.values, publicLinkToken: input.publicLinkToken ?? null })
    .onConflictDoNothing()
    .returning({ id: referralSettings.id });
  return rows.length > 0;
}

/** Changes a service's settings only if they are still at `expectedVersion`; false otherwise. */
export async function updateSettings(tx: Db | Tx, input: { tenantId: string; serviceId: string; expectedVersion: number; values: Partial<SettingsValues> & { publicLinkToken?: string | null }; at: Date }): Promise<boolean> {
  const rows = await tx
    .update(referralSettings)
    .set({ ...input.values, updatedAt: input.at, version: sql`${referralSettings.version} + 1` })
    .where(and(eq(referralSettings.tenantId, input.tenantId), eq(referralSettings.serviceId, input.serviceId), eq(referralSettings.version, input.expectedVersion)))
    .returning({ id: referralSettings.id });
  return rows.length > 0;
}

/** For the demo: a service by its name, and the team of a kind of key-worker service. */
export async function findServiceIdByName(tx: Db | Tx, tenantId: string, name: string): Promise<string | undefined> {
  const [row] = await queryRows<{ id: string }>(tx, sql`SELECT id FROM services WHERE tenant_id = ${tenantId} AND name = ${name} LIMIT 1`);
  return row?.id;
}

export async function findTeamIdByService(tx: Db | Tx, tenantId: string, service: string): Promise<string | undefined> {
  const [row] = await queryRows<{ id: string }>(tx, sql`SELECT id FROM teams WHERE tenant_id = ${tenantId} AND service = ${service} ORDER BY name LIMIT 1`);
  return row?.id;
}
