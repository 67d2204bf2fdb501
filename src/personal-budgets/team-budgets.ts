import { can, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Clock } from "../platform/clock.ts";
import type { Db } from "../platform/database/open.ts";
import { Conflict, Forbidden, Invalid, type FieldIssue } from "../platform/http/errors.ts";
import { AMOUNT_MAX_PENCE, formatPence } from "./schema.ts";
import * as store from "./store.ts";

/** The manager's side of personal budgets: the approvals waiting for their team, and the team's settings. */

function managersTeam(actor: Actor, message: string): string {
  if (!can(actor, "budgets.approve") || !actor.teamId) throw new Forbidden(message);
  return actor.teamId;
}

/** Spends awaiting approval for the people with the manager's team, oldest first. Audited as one list read. */
export async function readApprovals(db: Db, actor: Actor): Promise<store.AwaitingApprovalRow[]> {
  return db.transaction(async (tx) => {
    const teamId = managersTeam(actor, "Only team managers approve spends from personal budgets");
    const rows = await store.listAwaitingApproval(tx, actor.tenantId, teamId);
    await audit(tx, actor, { action: "budget.approvals.read", detail: { count: rows.length, people: [...new Set(rows.map((row) => row.person.id))] } });
    return rows;
  });
}

/** How many spends wait for the team's managers (for the team page). */
export async function countApprovals(db: Db, actor: Actor): Promise<number> {
  if (!can(actor, "budgets.approve") || !actor.teamId) return 0;
  return store.countAwaitingApproval(db, actor.tenantId, actor.teamId);
}

export async function readSettings(db: Db, actor: Actor): Promise<store.SettingsRow> {
  const teamId = managersTeam(actor, "Only team managers can change how personal budgets work");
  return store.findSettings(db, actor.tenantId, teamId);
}

export interface SettingsInput {
  yearlyAllocationPence: number;
  approvalThresholdPence: number;
  yearStartMonth: number;
  expectedVersion: number;
}

export function settingsIssues(input: Omit<SettingsInput, "expectedVersion">): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(input.yearlyAllocationPence) || input.yearlyAllocationPence < 0 || input.yearlyAllocationPence > AMOUNT_MAX_PENCE) {
    issues.push({ field: "yearlyAllocation", message: `Enter a yearly allocation from £0 to ${formatPence(AMOUNT_MAX_PENCE)}, such as 1000` });
  }
  if (!Number.isInteger(input.approvalThresholdPence) || input.approvalThresholdPence < 0 || input.approvalThresholdPence > AMOUNT_MAX_PENCE) {
    issues.push({ field: "approvalThreshold", message: `Enter an approval threshold from £0 to ${formatPence(AMOUNT_MAX_PENCE)}, such as 100` });
  }
  if (!Number.isInteger(input.yearStartMonth) || input.yearStartMonth < 1 || input.yearStartMonth > 12) issues.push({ field: "yearStartMonth", message: "Choose the month the budget year starts" });
  return issues;
}

/** Saves the team's settings. A new allocation applies to budget years not yet opened; open years keep theirs. Audited. */
export async function saveSettings(db: Db, actor: Actor, clock: Clock, input: SettingsInput): Promise<store.SettingsRow> {
  return db.transaction(async (tx) => {
    const teamId = managersTeam(actor, "Only team managers can change how personal budgets work");
    const issues = settingsIssues(input);
    const before = await store.findSettings(tx, actor.tenantId, teamId);
    // Moving the start of the year under budgets already open would split their year in two.
    if (issues.length === 0 && input.yearStartMonth !== before.yearStartMonth && (await store.teamHasOpenedBudgets(tx, actor.tenantId, teamId))) {
      issues.push({ field: "yearStartMonth", message: "The month the budget year starts cannot change once the team's budgets are in use: it would split a year in two" });
    }
    if (issues.length > 0) throw new Invalid(issues);
    const saved = await store.saveSettings(tx, { tenantId: actor.tenantId, teamId, yearlyAllocationPence: input.yearlyAllocationPence, approvalThresholdPence: input.approvalThresholdPence, yearStartMonth: input.yearStartMonth, updatedBy: actor.userId, updatedAt: clock.now() }, input.expectedVersion);
    const current = await store.findSettings(tx, actor.tenantId, teamId);
    if (!saved) throw new Conflict(`${current.updatedBy?.name ?? "Someone"} changed these settings while you were editing. Check them and save again.`, current);
    await audit(tx, actor, { action: "budget.settings.save", detail: { teamId, yearlyAllocationPence: input.yearlyAllocationPence, approvalThresholdPence: input.approvalThresholdPence, yearStartMonth: input.yearStartMonth } });
    return current;
  });
}
