import { randomBytes } from "node:crypto";
import { can, hasRole, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Clock } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/http/errors.ts";
import type { EligibilityRules } from "./schema.ts";
import * as store from "./settings-store.ts";
import type { ServiceWithSettings, SettingsValues, StoredSettings } from "./settings-store.ts";

export type { ServiceWithSettings, SettingsValues, StoredSettings } from "./settings-store.ts";

/**
 * How each service in the directory takes referrals. The managers of the team that receives a
 * service's referrals keep its settings (and may set up their own organisation's services);
 * administrators may set up any service and choose its receiving team.
 */

const NOT_A_MANAGER = "Only team managers and administrators can change how services take referrals";
const NOT_YOUR_SERVICE = "Only the managers of the team that receives this service's referrals, or an administrator, can change its settings";

function assertMayManageAny(actor: Actor): void {
  if (!can(actor, "settings.manage") && !hasRole(actor, "admin")) throw new Forbidden(NOT_A_MANAGER);
}

/** May the actor change (or set up) this service's referral settings? */
export function mayEditSettings(actor: Actor, row: ServiceWithSettings): boolean {
  if (hasRole(actor, "admin")) return true;
  if (!can(actor, "settings.manage") || !actor.teamId) return false;
  return row.settings ? row.settings.teamId === actor.teamId : row.service.organisationId === actor.organisationId;
}

export interface SettingsList {
  rows: Array<ServiceWithSettings & { mayEdit: boolean }>;
}

/** The directory's services with their referral settings, for the settings page. */
export async function listReferralSettings(db: Db, actor: Actor): Promise<SettingsList> {
  assertMayManageAny(actor);
  const rows = await store.listServicesWithSettings(db, actor.tenantId);
  return { rows: rows.map((row) => ({ ...row, mayEdit: mayEditSettings(actor, row) })) };
}

export interface SettingsForEditing {
  row: ServiceWithSettings;
  /** The teams that may receive the referrals: every team for administrators, their own for managers. */
  teams: Array<{ id: string; name: string; organisationName: string }>;
}

async function requireEditable(tx: Db | Tx, actor: Actor, serviceId: string): Promise<ServiceWithSettings> {
  assertMayManageAny(actor);
  const row = isUuid(serviceId) ? await store.findServiceWithSettings(tx, actor.tenantId, serviceId) : undefined;
  if (!row) throw new NotFound("Service not found");
  if (!mayEditSettings(actor, row)) throw new Forbidden(NOT_YOUR_SERVICE);
  return row;
}

export async function readSettingsForEditing(db: Db, actor: Actor, serviceId: string): Promise<SettingsForEditing> {
  const row = await requireEditable(db, actor, serviceId);
  const teams = await store.listTeams(db, actor.tenantId);
  return { row, teams: hasRole(actor, "admin") ? teams : teams.filter((team) => team.id === actor.teamId) };
}

/**
 * Saves a service's settings against the version the user read (null: they were not set up yet).
 * Conflict, with what is stored now, when someone else saved first. Audited.
 */
export async function saveReferralSettings(db: Db, actor: Actor, clock: Clock, serviceId: string, expectedVersion: number | null, values: SettingsValues): Promise<StoredSettings> {
  return db.transaction(async (tx) => {
    const row = await requireEditable(tx, actor, serviceId);
    const teams = await store.listTeams(tx, actor.tenantId);
    const allowedTeam = hasRole(actor, "admin") ? teams.some((team) => team.id === values.teamId) : values.teamId === actor.teamId;
    if (!allowedTeam) throw new Invalid([{ field: "teamId", message: "Select the team that receives the referrals from the list" }]);
    const saved =
      expectedVersion === null
        ? await store.insertSettings(tx, { tenantId: actor.tenantId, serviceId: row.service.id, values })
        : await store.updateSettings(tx, { tenantId: actor.tenantId, serviceId: row.service.id, expectedVersion, values, at: clock.now() });
    const current = await store.findServiceWithSettings(tx, actor.tenantId, row.service.id);
    if (!saved || !current?.settings) throw new Conflict("Someone else changed these settings after you opened them", current?.settings ?? null);
    await audit(tx, actor, {
      action: expectedVersion === null ? "referral-settings.create" : "referral-settings.update",
      subjectType: "service",
      subjectId: row.service.id,
      detail: { teamId: values.teamId, accepting: values.acceptingReferrals, eligibility: values.eligibility, version: current.settings.version },
    });
    return current.settings;
  });
}

export type PublicLinkChange = "create" | "off";

/** A new public-link token: 24 random bytes (192 bits), URL-safe. */
export function newPublicLinkToken(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * Turns a service's public referral link on (a new token, so an old link stops working) or off.
 * The settings must exist first. Audited without the token.
 */
export async function changePublicLink(db: Db, actor: Actor, clock: Clock, serviceId: string, change: PublicLinkChange): Promise<StoredSettings> {
  return db.transaction(async (tx) => {
    const row = await requireEditable(tx, actor, serviceId);
    if (!row.settings) throw new Invalid([{ field: "form", message: "Save the service's referral settings before making a public link" }]);
    const publicLinkToken = change === "off" ? null : newPublicLinkToken();
    const saved = await store.updateSettings(tx, { tenantId: actor.tenantId, serviceId: row.service.id, expectedVersion: row.settings.version, values: { publicLinkToken }, at: clock.now() });
    const current = await store.findServiceWithSettings(tx, actor.tenantId, row.service.id);
    if (!saved || !current?.settings) throw new Conflict("Someone else changed these settings at the same moment: try again", current?.settings ?? null);
    const action = change === "off" ? "referral-settings.public-link-off" : row.settings.publicLinkToken ? "referral-settings.public-link-replace" : "referral-settings.public-link-create";
    await audit(tx, actor, { action, subjectType: "service", subjectId: row.service.id });
    return current.settings;
  });
}

/** A service's referral settings as the directory's API shows them: never the public link's token. */
export interface PublicReferralSettings {
  accepting: boolean;
  eligibility: EligibilityRules;
  acknowledgeWithinWorkingDays: number;
  decideWithinWorkingDays: number;
}

export async function referralSettingsForServices(db: Db | Tx, tenantId: string, serviceIds: readonly string[]): Promise<Map<string, PublicReferralSettings>> {
  const rows = await store.settingsForServices(db, tenantId, serviceIds);
  return new Map(
    rows.map((settings) => [
      settings.serviceId,
      {
        accepting: settings.acceptingReferrals,
        eligibility: settings.eligibility,
        acknowledgeWithinWorkingDays: settings.acknowledgeWithinWorkingDays,
        decideWithinWorkingDays: settings.decideWithinWorkingDays,
      },
    ]),
  );
}
