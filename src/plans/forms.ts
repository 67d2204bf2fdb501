import { z } from "zod";
import type { FieldIssue } from "../platform/http/errors.ts";
import { dateFromParts, fieldIssues } from "../platform/http/validation.ts";
import {
  ACTION_STATUSES,
  GOAL_STATUSES,
  SCHEDULE_INTERVALS,
  actionDescriptionSchema,
  evidenceSchema,
  goalDescriptionSchema,
  progressNoteSchema,
  workerNoteSchema,
  type ActionChanges,
  type ActionInput,
  type ActionStatus,
  type GoalStatus,
} from "./schema.ts";
import type { ActionView, GoalView, PlanSchedule } from "./service.ts";

/** The plan's HTML forms: what they post, read into the shapes the services take, or the issues beside each field. */

type Read<T> = { input: T } | { issues: FieldIssue[] };

function sortIssues(issues: FieldIssue[], order: string[]): FieldIssue[] {
  return [...issues].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

function parsed<T>(result: z.ZodSafeParseResult<T>, issues: FieldIssue[], order: string[]): Read<T> {
  if (!result.success) for (const issue of fieldIssues(result.error)) if (!issues.some((known) => known.field === issue.field)) issues.push(issue);
  if (issues.length > 0 || !result.success) return { issues: sortIssues(issues, order) };
  return { input: result.data };
}

export function versionFrom(values: { version?: string | undefined }): number | null {
  const version = Number.parseInt(values.version ?? "", 10);
  return Number.isInteger(version) && version > 0 ? version : null;
}

export const RELOAD: FieldIssue = { field: "form", message: "Reload the page and make your changes again" };

// --- Goals ---------------------------------------------------------------------------------------

export interface GoalFormValues {
  description?: string;
  workerNote?: string;
  status?: string;
  version?: string;
}

export function goalFromForm(values: GoalFormValues, options: { withStatus: boolean }): Read<{ description: string; workerNote: string | null; status?: GoalStatus }> {
  const schema = z.object({
    description: goalDescriptionSchema,
    workerNote: workerNoteSchema,
    status: options.withStatus ? z.enum(GOAL_STATUSES, { error: "Select how the goal is going" }) : z.undefined(),
  });
  const result = schema.safeParse({ description: values.description ?? "", workerNote: values.workerNote, status: options.withStatus ? values.status || undefined : undefined });
  const read = parsed(result, [], ["form", "description", "workerNote", "status"]);
  if ("issues" in read) return read;
  const { status, ...goal } = read.input;
  return { input: status ? { ...goal, status } : goal };
}

export function goalFormValues(goal: GoalView): GoalFormValues {
  return { description: goal.description, workerNote: goal.workerNote ?? "", status: goal.status, version: String(goal.version) };
}

export interface ProgressFormValues {
  note?: string;
  rating?: string;
}

export function progressFromForm(values: ProgressFormValues): Read<{ note: string; rating: number | null }> {
  const issues: FieldIssue[] = [];
  const text = (values.rating ?? "").trim();
  const rating = text === "" ? null : /^\d{1,2}$/.test(text) && Number(text) <= 10 ? Number(text) : undefined;
  if (rating === undefined) issues.push({ field: "rating", message: "Choose a rating from 0 to 10, or none" });
  const read = parsed(z.object({ note: progressNoteSchema }).safeParse({ note: values.note ?? "" }), issues, ["note", "rating"]);
  return "issues" in read ? read : { input: { note: read.input.note, rating: rating ?? null } };
}

// --- Actions -------------------------------------------------------------------------------------

export interface ActionFormValues {
  description?: string;
  "dueDate-day"?: string;
  "dueDate-month"?: string;
  "dueDate-year"?: string;
  ownerOrganisationId?: string;
  ownerUserId?: string;
  ownerName?: string;
  goalId?: string;
  evidence?: string;
  status?: string;
  version?: string;
}

const ACTION_ORDER = ["form", "description", "dueDate", "ownerOrganisationId", "ownerUserId", "ownerName", "goalId", "status", "evidence"];

function dueDateFrom(values: ActionFormValues, issues: FieldIssue[]): string {
  const date = dateFromParts("The due date", { day: values["dueDate-day"], month: values["dueDate-month"], year: values["dueDate-year"] });
  if ("error" in date) issues.push({ field: "dueDate", message: date.error });
  else if (date.value === null) issues.push({ field: "dueDate", message: "Enter the date the action is due" });
  return "value" in date ? (date.value ?? "") : "";
}

const ownerFields = {
  ownerOrganisationId: z.string({ error: "Choose the organisation that owns the action" }).min(1, { error: "Choose the organisation that owns the action" }),
  ownerUserId: z.string().nullable(),
  ownerName: z.string().trim().max(200, { error: "The named owner must be 200 characters or fewer" }).transform((value) => value || null),
  goalId: z.string().nullable(),
};

/** The new-action form: everything an action is made of. */
export function actionFromForm(values: ActionFormValues): Read<ActionInput> {
  const issues: FieldIssue[] = [];
  const dueOn = dueDateFrom(values, issues);
  const schema = z.object({ description: actionDescriptionSchema, ...ownerFields, evidence: evidenceSchema });
  const result = schema.safeParse({
    description: values.description ?? "",
    ownerOrganisationId: values.ownerOrganisationId ?? "",
    ownerUserId: values.ownerUserId || null,
    ownerName: values.ownerName ?? "",
    goalId: values.goalId || null,
    evidence: values.evidence,
  });
  const read = parsed(result, issues, ACTION_ORDER);
  return "issues" in read ? read : { input: { ...read.input, dueOn } };
}

/** The edit form: everything for the person's workers; status and evidence only for a partner agency. */
export function actionChangesFromForm(values: ActionFormValues, rights: "all" | "status-and-evidence"): Read<ActionChanges> {
  const status = z.enum(ACTION_STATUSES, { error: "Select the action's status" });
  if (rights === "status-and-evidence") {
    const result = z.object({ status, evidence: evidenceSchema }).safeParse({ status: values.status || undefined, evidence: values.evidence });
    return parsed(result, [], ACTION_ORDER);
  }
  const read = actionFromForm(values);
  const statusRead = status.safeParse(values.status || undefined);
  if ("issues" in read || !statusRead.success) {
    const issues = "issues" in read ? [...read.issues] : [];
    if (!statusRead.success) issues.push({ field: "status", message: "Select the action's status" });
    return { issues: sortIssues(issues, ACTION_ORDER) };
  }
  return { input: { ...read.input, status: statusRead.data as ActionStatus } };
}

function dateParts(prefix: string, iso: string | null): Record<string, string> {
  if (!iso) return {};
  const [year, month, day] = iso.split("-");
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year ?? "" };
}

export function actionFormValues(action: ActionView): ActionFormValues {
  return {
    description: action.description,
    ...dateParts("dueDate", action.dueOn),
    ownerOrganisationId: action.ownerOrganisation.id,
    ownerUserId: action.owner?.id ?? "",
    ownerName: action.ownerNameText ?? "",
    goalId: action.goalId ?? "",
    evidence: action.evidence ?? "",
    status: action.status,
    version: String(action.version),
  };
}

// --- The review schedule -------------------------------------------------------------------------

export interface ScheduleFormValues {
  reviewIntervalMonths?: string;
  "nextReviewOn-day"?: string;
  "nextReviewOn-month"?: string;
  "nextReviewOn-year"?: string;
  version?: string;
}

export function scheduleFromForm(values: ScheduleFormValues): Read<{ reviewIntervalMonths: number; nextReviewOn: string }> {
  const issues: FieldIssue[] = [];
  const months = Number(values.reviewIntervalMonths ?? "");
  if (!(SCHEDULE_INTERVALS as readonly number[]).includes(months)) issues.push({ field: "reviewIntervalMonths", message: "Choose how often the plan is reviewed" });
  const date = dateFromParts("The next review", { day: values["nextReviewOn-day"], month: values["nextReviewOn-month"], year: values["nextReviewOn-year"] });
  if ("error" in date) issues.push({ field: "nextReviewOn", message: date.error });
  else if (date.value === null) issues.push({ field: "nextReviewOn", message: "Enter the date of the next review" });
  if (issues.length > 0 || !("value" in date) || date.value === null) return { issues: sortIssues(issues, ["form", "reviewIntervalMonths", "nextReviewOn"]) };
  return { input: { reviewIntervalMonths: months, nextReviewOn: date.value } };
}

export function scheduleFormValues(schedule: PlanSchedule, fallbackNext: string): ScheduleFormValues {
  return {
    reviewIntervalMonths: String(schedule.reviewIntervalMonths),
    ...dateParts("nextReviewOn", schedule.nextReviewOn ?? fallbackNext),
    version: schedule.version === null ? "" : String(schedule.version),
  };
}
