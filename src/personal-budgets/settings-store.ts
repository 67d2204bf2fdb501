import { sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import { who, type Who } from "./row-values.ts";

/* Settings ------------------------------------------------------------------------------------ */

export interface SettingsRow {
  id: string | null;
  teamId: string;
  yearlyAllocationPence: number;
  approvalThresholdPence: number;
  yearStartMonth: number;
  version: number;
  updatedAt: Date | null;
  updatedBy: Who;
}

export const DEFAULT_SETTINGS = { yearlyAllocationPence: 100_000, approvalThresholdPence: 10_000, yearStartMonth: 4 } as const;

/** The team's settings, or the defaults (id null, version 0) when the team has never saved any. */
export async function findSettings(tx: Db | Tx, tenantId: string, teamId: string): Promise<SettingsRow> {
  const [row] = await queryRows<{ id: string; yearly_allocation_pence: number; approval_threshold_pence: number; year_start_month: number; version: number; updated_at: Date | string; updated_by: string | null; updated_by_name: string | null }>(
    tx,
    sql`SELECT settings.id, settings.yearly_allocation_pence, settings.approval_threshold_pence, settings.year_start_month, settings.version, settings.updated_at, settings.updated_by, editor.display_name AS updated_by_name
        FROM personal_budget_settings settings
        LEFT JOIN users editor ON editor.tenant_id = settings.tenant_id AND editor.id = settings.updated_by
        WHERE settings.tenant_id = ${tenantId} AND settings.team_id = ${teamId}`,
  );
  if (!row) return { id: null, teamId, ...DEFAULT_SETTINGS, version: 0, updatedAt: null, updatedBy: null };
  return {
    id: row.id,
    teamId,
    yearlyAllocationPence: Number(row.yearly_allocation_pence),
    approvalThresholdPence: Number(row.approval_threshold_pence),
    yearStartMonth: Number(row.year_start_month),
    version: Number(row.version),
    updatedAt: new Date(row.updated_at),
    updatedBy: who(row.updated_by, row.updated_by_name),
  };
}

/** Saves the team's settings if they are still at `expectedVersion` (0: never saved). False when someone saved first. */
export async function saveSettings(
  tx: Db | Tx,
  values: { tenantId: string; teamId: string; yearlyAllocationPence: number; approvalThresholdPence: number; yearStartMonth: number; updatedBy: string; updatedAt: Date },
  expectedVersion: number,
): Promise<boolean> {
  if (expectedVersion === 0) {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO personal_budget_settings (id, tenant_id, team_id, yearly_allocation_pence, approval_threshold_pence, year_start_month, updated_by, updated_at)
          VALUES (${newId()}, ${values.tenantId}, ${values.teamId}, ${values.yearlyAllocationPence}, ${values.approvalThresholdPence}, ${values.yearStartMonth}, ${values.updatedBy}, ${values.updatedAt})
          ON CONFLICT (tenant_id, team_id) DO NOTHING RETURNING id`,
    );
    return rows.length === 1;
  }
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE personal_budget_settings
        SET yearly_allocation_pence = ${values.yearlyAllocationPence}, approval_threshold_pence = ${values.approvalThresholdPence}, year_start_month = ${values.yearStartMonth},
            updated_by = ${values.updatedBy}, updated_at = ${values.updatedAt}, version = version + 1
        WHERE tenant_id = ${values.tenantId} AND team_id = ${values.teamId} AND version = ${expectedVersion}
        RETURNING id`,
  );
  return rows.length === 1;
}


/** Whether any person with the team has had a budget year opened. */
export async function teamHasOpenedBudgets(tx: Db | Tx, tenantId: string, teamId: string): Promise<boolean> {
  const [row] = await queryRows<{ present: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM personal_budgets budget JOIN people person ON person.tenant_id = budget.tenant_id AND person.id = budget.person_id
                        WHERE budget.tenant_id = ${tenantId} AND person.team_id = ${teamId}) AS present`,
  );
  return row?.present === true;
}
