import { z } from "zod";
import type { FieldIssue } from "../platform/http/errors.ts";
import { dateFromParts, fieldIssues, optionalText, requiredText } from "../platform/http/validation.ts";

// ---------------------------------------------------------------------------------------------
// Stuck-case rules
// ---------------------------------------------------------------------------------------------

export const STUCK_RULES = ["no-goals", "no-progress", "no-contact", "crises", "overdue-actions"] as const;
export type StuckRule = (typeof STUCK_RULES)[number];

export const STUCK_RULE_LABELS: Record<StuckRule, string> = {
  "no-goals": "No goals",
  "no-progress": "No progress on goals",
  "no-contact": "No contact",
  crises: "Repeated crises",
  "overdue-actions": "Actions long overdue",
};

/** The partnership's stuck-case rules and their thresholds (a row of stuck_case_rules, or the defaults). */
export interface StuckRuleSettings {
  noGoalsEnabled: boolean;
  noProgressEnabled: boolean;
  noProgressWeeks: number;
  noContactEnabled: boolean;
  /** No contact for more than this many times the person's contact target interval. */
  noContactMultiple: number;
  crisesEnabled: boolean;
  crisesCount: number;
  crisesWeeks: number;
  overdueActionsEnabled: boolean;
  overdueActionDays: number;
}

/** The rules as the partnership has them: version 0 means nobody has changed the defaults yet. */
export interface StuckRules extends StuckRuleSettings {
  version: number;
  updatedAt: Date | null;
  updatedBy: { id: string; name: string } | null;
}

export const DEFAULT_STUCK_RULES: StuckRuleSettings = {
  noGoalsEnabled: true,
  noProgressEnabled: true,
  noProgressWeeks: 12,
  noContactEnabled: true,
  noContactMultiple: 2,
  crisesEnabled: true,
  crisesCount: 3,
  crisesWeeks: 8,
  overdueActionsEnabled: true,
  overdueActionDays: 28,
};

/** Sensible ranges for each threshold: [lowest, highest, what it counts]. */
export const THRESHOLD_RANGES = {
  noProgressWeeks: [1, 104, "weeks"],
  noContactMultiple: [1, 10, "times the contact target"],
  crisesCount: [1, 20, "crises"],
  crisesWeeks: [1, 52, "weeks"],
  overdueActionDays: [0, 365, "days"],
} as const;
type Threshold = keyof typeof THRESHOLD_RANGES;

const THRESHOLD_LABELS: Record<Threshold, string> = {
  noProgressWeeks: "The number of weeks without progress",
  noContactMultiple: "How many times the contact target",
  crisesCount: "The number of crises",
  crisesWeeks: "The number of weeks for crises",
  overdueActionDays: "The number of days overdue",
};

function threshold(field: Threshold) {
  const [lowest, highest, unit] = THRESHOLD_RANGES[field];
  const message = `${THRESHOLD_LABELS[field]} must be a whole number from ${lowest} to ${highest}`;
  return z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,4}$/, { error: message })
    .transform(Number)
    .refine((value) => value >= lowest && value <= highest, { error: message })
    .describe(`${lowest} to ${highest} ${unit}`);
}

const rulesForm = z.strictObject({
  noGoalsEnabled: z.boolean(),
  noProgressEnabled: z.boolean(),
  noProgressWeeks: threshold("noProgressWeeks"),
  noContactEnabled: z.boolean(),
  noContactMultiple: threshold("noContactMultiple"),
  crisesEnabled: z.boolean(),
  crisesCount: threshold("crisesCount"),
  crisesWeeks: threshold("crisesWeeks"),
  overdueActionsEnabled: z.boolean(),
  overdueActionDays: threshold("overdueActionDays"),
});

export type RulesFormValues = Partial<Record<keyof StuckRuleSettings | "version", string>>;

const RULE_FIELD_ORDER = ["form", "noProgressWeeks", "noContactMultiple", "crisesCount", "crisesWeeks", "overdueActionDays"];

/** Reads the rules form: a ticked box turns a rule on; every threshold must be in its range. */
export function rulesFromForm(values: RulesFormValues): { input: StuckRuleSettings } | { issues: FieldIssue[] } {
  const on = (field: keyof StuckRuleSettings) => values[field] === "on";
  const parsed = rulesForm.safeParse({
    noGoalsEnabled: on("noGoalsEnabled"),
    noProgressEnabled: on("noProgressEnabled"),
    noProgressWeeks: values.noProgressWeeks ?? "",
    noContactEnabled: on("noContactEnabled"),
    noContactMultiple: values.noContactMultiple ?? "",
    crisesEnabled: on("crisesEnabled"),
    crisesCount: values.crisesCount ?? "",
    crisesWeeks: values.crisesWeeks ?? "",
    overdueActionsEnabled: on("overdueActionsEnabled"),
    overdueActionDays: values.overdueActionDays ?? "",
  });
  if (parsed.success) return { input: parsed.data };
  const issues = fieldIssues(parsed.error);
  issues.sort((a, b) => RULE_FIELD_ORDER.indexOf(a.field) - RULE_FIELD_ORDER.indexOf(b.field));
  return { issues };
}

export function formValuesFromRules(rules: StuckRules): RulesFormValues {
  const box = (enabled: boolean) => (enabled ? "on" : "");
  return {
    noGoalsEnabled: box(rules.noGoalsEnabled),
    noProgressEnabled: box(rules.noProgressEnabled),
    noProgressWeeks: String(rules.noProgressWeeks),
    noContactEnabled: box(rules.noContactEnabled),
    noContactMultiple: String(rules.noContactMultiple),
    crisesEnabled: box(rules.crisesEnabled),
    crisesCount: String(rules.crisesCount),
    crisesWeeks: String(rules.crisesWeeks),
    overdueActionsEnabled: box(rules.overdueActionsEnabled),
    overdueActionDays: String(rules.overdueActionDays),
    version: String(rules.version),
  };
}

// ---------------------------------------------------------------------------------------------
// Reflective case reviews
// ---------------------------------------------------------------------------------------------

/** How many refocused goals one review may add, and how long each may be. */
export const MAX_REFOCUSED_GOALS = 10;
export const MAX_GOAL_LENGTH = 500;

export interface CaseReviewInput {
  /** YYYY-MM-DD, today or earlier. */
  heldOn: string;
  whatIsStuck: string;
  conversation: string;
  /** Each non-empty line is a goal in the person's words; null when none were agreed. */
  refocusedGoals: string | null;
  outcome: string;
}

export interface CaseReviewFormValues {
  "heldOn-day"?: string;
  "heldOn-month"?: string;
  "heldOn-year"?: string;
  whatIsStuck?: string;
  conversation?: string;
  refocusedGoals?: string;
  outcome?: string;
}

const caseReviewFields = z.strictObject({
  whatIsStuck: requiredText("What is stuck", 5000, "Say what is stuck"),
  conversation: requiredText("The conversation", 10000, "Describe the honest conversation held, and who with"),
  refocusedGoals: optionalText("Refocused goals", MAX_REFOCUSED_GOALS * (MAX_GOAL_LENGTH + 2)),
  outcome: requiredText("The outcome", 2000, "Say what the outcome of the review is"),
});

/** The refocused goals, one per non-empty line, without list marks ("-", "*", "•", "1."). */
export function goalLines(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, "").trim())
    .filter((line) => line.length > 0);
}

const CASE_REVIEW_FIELD_ORDER = ["heldOn", "whatIsStuck", "conversation", "refocusedGoals", "outcome"];

/** Reads the case review form; the date must be today or earlier (`today` from the app's clock). */
export function caseReviewFromForm(values: CaseReviewFormValues, today: string): { input: CaseReviewInput } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const date = dateFromParts("The date of the review", { day: values["heldOn-day"], month: values["heldOn-month"], year: values["heldOn-year"] });
  if ("error" in date) issues.push({ field: "heldOn", message: date.error });
  else if (date.value === null) issues.push({ field: "heldOn", message: "Enter the date the review was held" });
  else if (date.value > today) issues.push({ field: "heldOn", message: "The date of the review must be today or in the past" });
  const parsed = caseReviewFields.safeParse({
    whatIsStuck: values.whatIsStuck ?? "",
    conversation: values.conversation ?? "",
    refocusedGoals: values.refocusedGoals,
    outcome: values.outcome ?? "",
  });
  if (!parsed.success) issues.push(...fieldIssues(parsed.error));
  if (parsed.success) {
    const lines = goalLines(parsed.data.refocusedGoals);
    if (lines.length > MAX_REFOCUSED_GOALS) {
      issues.push({ field: "refocusedGoals", message: `Enter no more than ${MAX_REFOCUSED_GOALS} refocused goals, one on each line` });
    } else if (lines.some((line) => line.length > MAX_GOAL_LENGTH)) {
      issues.push({ field: "refocusedGoals", message: `Each refocused goal must be ${MAX_GOAL_LENGTH} characters or fewer` });
    }
  }
  issues.sort((a, b) => CASE_REVIEW_FIELD_ORDER.indexOf(a.field) - CASE_REVIEW_FIELD_ORDER.indexOf(b.field));
  if (issues.length > 0 || !parsed.success || !("value" in date) || date.value === null) return { issues };
  return { input: { heldOn: date.value, ...parsed.data } };
}

// ---------------------------------------------------------------------------------------------
// Supervision notes
// ---------------------------------------------------------------------------------------------

export interface SupervisionNoteInput {
  /** YYYY-MM-DD, today or earlier. */
  heldOn: string;
  note: string;
  agreedActions: string | null;
}

export interface SupervisionNoteFormValues {
  worker?: string;
  "heldOn-day"?: string;
  "heldOn-month"?: string;
  "heldOn-year"?: string;
  note?: string;
  agreedActions?: string;
  version?: string;
}

const noteFields = z.strictObject({
  note: requiredText("The note", 20000, "Write the note of the supervision"),
  agreedActions: optionalText("Agreed actions", 5000),
});

const NOTE_FIELD_ORDER = ["form", "worker", "heldOn", "note", "agreedActions"];

/** Reads the supervision form (the worker is checked by the service); the date must be today or earlier. */
export function noteFromForm(values: SupervisionNoteFormValues, today: string): { input: SupervisionNoteInput } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const date = dateFromParts("The date of the supervision", { day: values["heldOn-day"], month: values["heldOn-month"], year: values["heldOn-year"] });
  if ("error" in date) issues.push({ field: "heldOn", message: date.error });
  else if (date.value === null) issues.push({ field: "heldOn", message: "Enter the date the supervision was held" });
  else if (date.value > today) issues.push({ field: "heldOn", message: "The date of the supervision must be today or in the past" });
  const parsed = noteFields.safeParse({ note: values.note ?? "", agreedActions: values.agreedActions });
  if (!parsed.success) issues.push(...fieldIssues(parsed.error));
  issues.sort((a, b) => NOTE_FIELD_ORDER.indexOf(a.field) - NOTE_FIELD_ORDER.indexOf(b.field));
  if (issues.length > 0 || !parsed.success || !("value" in date) || date.value === null) return { issues };
  return { input: { heldOn: date.value, ...parsed.data } };
}

/** A date as the three boxes of a GOV.UK date input. */
export function dateFields(prefix: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split("-");
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year ?? "" };
}
