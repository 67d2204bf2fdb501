import { Conflict, type FieldIssue } from "../platform/http/errors.ts";
import { isRealIsoDate } from "../platform/http/validation.ts";
import { AMOUNT_MAX_PENCE, NOTE_MAX, REASON_MAX, budgetYearOf, budgetYearStarting, formatPence, isBudgetCategory } from "./schema.ts";
import type { GoalChoice } from "./store.ts";

/** The checks on a spend that come before its budget's balance is looked at. */

export interface SpendInput {
  amountPence: number;
  category: string;
  goalId: string;
  note?: string | null;
  spentOn?: string | null;
  requestException?: boolean;
  exceptionReason?: string | null;
}

/** The earliest and latest dates a spend may have: from the start of last budget year to the end of this one. */
export function spendDateRange(today: string, startMonth: number): { earliest: string; latest: string } {
  const current = budgetYearOf(today, startMonth);
  const previous = budgetYearStarting(Number(current.key) - 1, startMonth);
  return { earliest: previous.startsOn, latest: current.endsOn };
}

/** What is wrong with a spend before the balance is looked at (empty when nothing is). */
export function spendIssues(input: SpendInput, goals: readonly GoalChoice[], range: { earliest: string; latest: string }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(input.amountPence) || input.amountPence <= 0) issues.push({ field: "amount", message: "Enter an amount of more than £0, such as 25.50" });
  else if (input.amountPence > AMOUNT_MAX_PENCE) issues.push({ field: "amount", message: `A single spend can be no more than ${formatPence(AMOUNT_MAX_PENCE)}` });
  if (!isBudgetCategory(input.category)) issues.push({ field: "category", message: "Choose what the money is for" });
  const goal = goals.find((candidate) => candidate.id === input.goalId);
  if (!goal) issues.push({ field: "goalId", message: goals.length === 0 ? "Add a goal to the person's plan first: every spend is towards one of their goals" : "Choose the goal this spend is towards" });
  else if (goal.status !== "active") issues.push({ field: "goalId", message: "Choose a goal that is still being worked on" });
  if (input.spentOn && !isRealIsoDate(input.spentOn)) issues.push({ field: "spentOn", message: "Enter a real date for the spend" });
  else if (input.spentOn && (input.spentOn < range.earliest || input.spentOn > range.latest)) issues.push({ field: "spentOn", message: "The date must be in this budget year or the last one" });
  if ((input.note ?? "").length > NOTE_MAX) issues.push({ field: "note", message: `The note must be ${NOTE_MAX} characters or fewer` });
  if (input.requestException && !(input.exceptionReason ?? "").trim()) issues.push({ field: "exceptionReason", message: "Say why the balance should go below zero" });
  if ((input.exceptionReason ?? "").length > REASON_MAX) issues.push({ field: "exceptionReason", message: `The reason must be ${REASON_MAX} characters or fewer` });
  return issues;
}

/** Thrown when a spend would take the balance below zero and nobody has asked for (or approved) an exception. */
export class WouldOverspend extends Conflict {
  constructor(message: string, readonly balancePence: number) {
    super(message, { balancePence });
    this.code = "would-overspend";
  }
}
