import { sql } from "drizzle-orm";
import { can, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { queryRows } from "../platform/database/query.ts";
import { Conflict, Forbidden, Invalid, type FieldIssue } from "../platform/http/errors.ts";

/** Days overdue after which an action is chased, when the partnership has not chosen (PRODUCT.md, C5). */
export const DEFAULT_CHASE_AFTER_DAYS = 7;
export const CHASE_AFTER_DAYS_MIN = 1;
export const CHASE_AFTER_DAYS_MAX = 90;

export interface PlanSettings {
  chaseAfterDays: number;
  /** 0 until someone first saves the settings. */
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

const DEFAULTS: PlanSettings = { chaseAfterDays: DEFAULT_CHASE_AFTER_DAYS, version: 0, updatedAt: null, updatedBy: null };

/** The partnership's accountability settings, or the defaults when none are saved. */
export async function readPlanSettings(tx: Db | Tx, tenantId: string): Promise<PlanSettings> {
  const [row] = await queryRows<{ chase_after_days: number; version: number; updated_at: Date | string; updated_by: string | null }>(
    tx,
    sql`SELECT s.chase_after_days, s.version, s.updated_at, u.display_name AS updated_by
        FROM plan_settings s LEFT JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.updated_by
        WHERE s.tenant_id = ${tenantId}`,
  );
  if (!row) return DEFAULTS;
  return { chaseAfterDays: Number(row.chase_after_days), version: Number(row.version), updatedAt: new Date(row.updated_at), updatedBy: row.updated_by };
}

const WHOLE_NUMBER = "Enter the number of days as a whole number";
const IN_RANGE = `Enter a number of days from ${CHASE_AFTER_DAYS_MIN} to ${CHASE_AFTER_DAYS_MAX}`;

/** The problem with a number of days, or null when it will do. */
function chaseAfterDaysIssue(days: number): FieldIssue | null {
  if (!Number.isInteger(days)) return { field: "chaseAfterDays", message: WHOLE_NUMBER };
  if (days < CHASE_AFTER_DAYS_MIN || days > CHASE_AFTER_DAYS_MAX) return { field: "chaseAfterDays", message: IN_RANGE };
  return null;
}

/** Reads the settings form: the number of days, or the issues with it. */
export function chaseAfterDaysFromForm(value: string | undefined): { chaseAfterDays: number } | { issues: FieldIssue[] } {
  const typed = (value ?? "").trim();
  if (typed === "") return { issues: [{ field: "chaseAfterDays", message: "Enter the number of days overdue after which an action is chased" }] };
  if (!/^\d{1,6}$/.test(typed)) return { issues: [{ field: "chaseAfterDays", message: WHOLE_NUMBER }] };
  const days = Number(typed);
  const issue = chaseAfterDaysIssue(days);
  return issue ? { issues: [issue] } : { chaseAfterDays: days };
}

/** The settings for the settings page: managers only. */
export async function planSettingsForManager(db: Db, actor: Actor): Promise<PlanSettings> {
  if (!can(actor, "settings.manage")) throw new Forbidden("Only team managers can change the partnership's settings");
  return readPlanSettings(db, actor.tenantId);
}

/**
 * Saves when to chase overdue actions, made against `expectedVersion` (0 when none were saved yet).
 * Conflict, with what is stored now, when someone saved first. Audited (about no one person).
 */
export async function updatePlanSettings(db: Db, actor: Actor, expectedVersion: number, chaseAfterDays: number): Promise<PlanSettings> {
  if (!can(actor, "settings.manage")) throw new Forbidden("Only team managers can change the partnership's settings");
  const issue = chaseAfterDaysIssue(chaseAfterDays);
  if (issue) throw new Invalid([issue]);
  return db.transaction(async (tx) => {
    const before = await readPlanSettings(tx, actor.tenantId);
    const saved =
      expectedVersion === 0
        ? await queryRows<{ version: number }>(tx, sql`
            INSERT INTO plan_settings (tenant_id, chase_after_days, updated_by, version)
            VALUES (${actor.tenantId}, ${chaseAfterDays}, ${actor.userId}, 1)
            ON CONFLICT (tenant_id) DO NOTHING RETURNING version`)
        : await queryRows<{ version: number }>(tx, sql`
            UPDATE plan_settings SET chase_after_days = ${chaseAfterDays}, updated_by = ${actor.userId}, updated_at = now(), version = version + 1
            WHERE tenant_id = ${actor.tenantId} AND version = ${expectedVersion} RETURNING version`);
    // Read again: `before` may predate the save that won (PostgreSQL's read committed), and the
    // conflict must show what is stored now, with its version.
    if (saved.length === 0) throw new Conflict("Someone else changed these settings after you opened them", await readPlanSettings(tx, actor.tenantId));
    await audit(tx, actor, {
      action: "plan-settings.update",
      subjectType: "plan-settings",
      detail: { chaseAfterDays, previous: before.chaseAfterDays, version: Number(saved[0]?.version) },
    });
    return readPlanSettings(tx, actor.tenantId);
  });
}
