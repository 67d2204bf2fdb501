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

export const goalDescriptionSchema = requiredText("The goal", 2000, "Write the goal in the person's own words");
export const workerNoteSchema = optionalText("The worker's note", 5000);
export const progressNoteSchema = requiredText("The progress note", 5000, "Say how it is going: what has happened since last time");
export const ratingSchema = z
  .number({ error: "The rating must be a whole number from 0 to 10" })
  .int({ error: "The rating must be a whole number from 0 to 10" })
  .min(0, { error: "The rating must be a whole number from 0 to 10" })
  .max(10, { error: "The rating must be a whole number from 0 to 10" });

const version = z.number({ error: "version is required: send the version you last read" }).int().positive();
// Ids are checked against the partnership's records; one that is not a UUID is simply not found.
const id = (label: string) => z.string({ error: `${label} must be an id` }).max(100);

/** API body for adding a goal. */
export const createGoalBody = z.strictObject({
  description: goalDescriptionSchema.describe("The goal in the person's own words"),
  workerNote: workerNoteSchema.optional().describe("The worker's note: context, not the person's words"),
});

/** API body for changing a goal, or marking it achieved or stopped (or active again). */
export const updateGoalBody = z.strictObject({
  description: goalDescriptionSchema.optional(),
  workerNote: workerNoteSchema.optional(),
  status: z.enum(GOAL_STATUSES, { error: "status must be active, achieved or stopped" }).optional(),
  version,
});

/** API body for recording progress towards a goal. */
export const progressBody = z.strictObject({
  note: progressNoteSchema,
  rating: ratingSchema.nullish().describe("How the person rates it now, 0 (nowhere near) to 10 (there)"),
});

/** API body for adding an action. */
export const createActionBody = z.strictObject({
  description: actionDescriptionSchema,
  dueDate: dueDateSchema.describe("YYYY-MM-DD; a date already past makes the action overdue at once"),
  ownerOrganisationId: id("ownerOrganisationId").describe("The organisation that owns the action: one of the partnership's"),
  ownerUserId: id("ownerUserId").nullish().describe("The named owner, a user of that organisation"),
  ownerName: optionalText("ownerName", 200).optional().describe("A named owner without a Keywork account; ignored when ownerUserId is given"),
  goalId: id("goalId").nullish().describe("One of the person's goals"),
  evidence: evidenceSchema.optional(),
});

/** API body for changing an action: its status and evidence, and (for the person's workers) its details. */
export const updateActionBody = z.strictObject({
  status: z.enum(ACTION_STATUSES, { error: "status must be open, done or cancelled" }).optional(),
  evidence: evidenceSchema.optional(),
  description: actionDescriptionSchema.optional(),
  dueDate: dueDateSchema.optional().describe("YYYY-MM-DD"),
  ownerOrganisationId: id("ownerOrganisationId").optional(),
  ownerUserId: id("ownerUserId").nullish(),
  ownerName: optionalText("ownerName", 200).optional(),
  goalId: id("goalId").nullish(),
  version,
});

export const SCHEDULE_INTERVALS = [1, 2, 3, 4, 6, 12] as const;
