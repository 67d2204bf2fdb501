import type { Actor } from "../platform/access/index.ts";
import type { Clock } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { Invalid } from "../platform/http/errors.ts";
import { budgetYearStarting, type BudgetYear } from "./schema.ts";
import * as store from "./store.ts";

/** Opening a person's budget year and holding its lock: what every spend and decision starts with. */

/** Opens the person's budget for `year` if it is not open yet, with the team's allocation, and returns it locked. */
export async function openAndLock(tx: Db | Tx, actor: Actor, clock: Clock, personId: string, year: BudgetYear, settings: store.SettingsRow): Promise<store.BudgetRow> {
  await store.openBudgetOnce(tx, {
    tenantId: actor.tenantId,
    personId,
    startsOn: year.startsOn,
    endsOn: year.endsOn,
    allocationPence: settings.yearlyAllocationPence,
    description: `Allocation for ${year.label}`,
    openedBy: actor.userId,
    openedAt: clock.now(),
  });
  const budget = await store.findBudget(tx, actor.tenantId, personId, year.startsOn, { lock: true });
  if (!budget) throw new Error("The budget was not opened");
  return budget;
}

/**
 * The budget a spend was charged to, locked until the transaction ends. Found by the spend's own
 * budget rather than by its date, so a team that has since moved the month its year starts still
 * decides and reverses the spend against the year that paid for it.
 */
export async function lockChargedBudget(tx: Db | Tx, tenantId: string, personId: string, spend: store.SpendRow): Promise<{ budget: store.BudgetRow; year: BudgetYear }> {
  const charged = (await store.listBudgets(tx, tenantId, personId)).find((row) => row.id === spend.budgetId);
  const budget = charged ? await store.findBudget(tx, tenantId, personId, charged.startsOn, { lock: true }) : null;
  if (!budget) throw new Error("A spend's budget is missing");
  return { budget, year: budgetYearStarting(Number(budget.startsOn.slice(0, 4)), Number(budget.startsOn.slice(5, 7))) };
}

/** The year's key ("2026") as a budget year, or Invalid. */
export function yearFromKey(key: string, startMonth: number): BudgetYear {
  if (!/^\d{4}$/.test(key) || Number(key) < 1900 || Number(key) > 2200) throw new Invalid([{ field: "year", message: "Choose a budget year, such as 2026" }]);
  return budgetYearStarting(Number(key), startMonth);
}
