import { z } from "zod";
import { isRealIsoDate, optionalText, requiredText } from "../platform/http/validation.ts";

export const ACTION_STATUSES = ["open", "done", "cancelled"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = { open: "Open", done: "Done", cancelled: "Cancelled" };

export const GOAL_STATUSES = ["active", "achieved", "stopped"] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = { active: "Working on it", achieved: "Achieved", stopped: "No longer a goal" };

/** What an action is made of, whoever records it: a worker in the plan, or a meeting's recommendation. */
export interface ActionInput {
  description: string;
  /** YYYY-MM-DD, a UK calendar date. */
  dueOn: string;
  ownerOrganisationId: string;
  ownerUserId: string | null;
  ownerName: string | null;
  goalId: string | null;
  evidence: string | null;
}

/** Changes to an action: its details, its status and the evidence that it was done. */
export type ActionChanges = Partial<Omit<ActionInput, "goalId">> & { status?: ActionStatus; goalId?: string | null };

export const dueDateSchema = z
  .string({ error: "Enter the due date as YYYY-MM-DD" })
  .refine(isRealIsoDate, { error: "The due date must be a real date (YYYY-MM-DD)" });

export const actionDescriptionSchema = requiredText("The action", 2000, "Describe the action: what will be done");
export const evidenceSchema = optionalText("Evidence", 5000);
