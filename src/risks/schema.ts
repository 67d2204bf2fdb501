import { addMonths } from "../platform/clock.ts";
import { z } from "zod";
import type { FieldIssue } from "../platform/http/errors.ts";
import { dateFromParts, fieldIssues, isRealIsoDate, optionalText, requiredText, todayIso } from "../platform/http/validation.ts";

export const RISK_CATEGORIES = ["to-person", "from-person", "to-workers"] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** How one risk is named in a sentence: "Risk to workers added (high)". */
export const RISK_CATEGORY_LABELS: Record<RiskCategory, string> = {
  "to-person": "Risk to the person",
  "from-person": "Risk from the person",
  "to-workers": "Risk to workers",
};

/** Headings of the groups on the risks page. */
export const RISK_CATEGORY_HEADINGS: Record<RiskCategory, string> = {
  "to-person": "Risks to the person",
  "from-person": "Risks from the person to others",
  "to-workers": "Risks to workers",
};

export const RISK_CATEGORY_HINTS: Record<RiskCategory, string> = {
  "to-person": "For example, self-harm, exploitation, overdose, losing their tenancy",
  "from-person": "For example, to a partner, to children, to neighbours or the public",
  "to-workers": "Lone-working safety: what a worker must know before visiting alone",
};

export const RISK_LEVELS = ["low", "medium", "high"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { low: "Low", medium: "Medium", high: "High" };

export const RISK_STATUSES = ["current", "closed"] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

export interface RiskInput {
  category: RiskCategory;
  level: RiskLevel;
  description: string;
  safetyPlan: string | null;
  /** YYYY-MM-DD, a UK calendar date. */
  reviewOn: string;
}

/** Changes to a risk: any of its details, and whether it is current or closed. */
export type RiskChanges = Partial<RiskInput> & { status?: RiskStatus };

export { addMonths };

/** Risks are reviewed every three months unless the worker says otherwise. */
export function defaultReviewOn(now: Date = new Date()): string {
  return addMonths(todayIso(now), 3);
}

const reviewOn = z
  .string({ error: "Enter the review date as YYYY-MM-DD" })
  .refine(isRealIsoDate, { error: "The review date must be a real date (YYYY-MM-DD)" });

const riskFields = {
  category: z.enum(RISK_CATEGORIES, { error: "Select who the risk is to" }),
  level: z.enum(RISK_LEVELS, { error: "Select the level of risk" }),
  description: requiredText("Description", 5000, "Describe the risk"),
  safetyPlan: optionalText("What keeps people safe", 5000),
  reviewOn,
};

/** API body for adding a risk; the review date is three months ahead unless given. */
export const createRiskBody = z.strictObject({ ...riskFields, reviewOn: reviewOn.optional() });

/** API body for changing a risk: what changes, and the version you last read. */
export const updateRiskBody = z.strictObject({
  category: riskFields.category.optional(),
  level: riskFields.level.optional(),
  description: riskFields.description.optional(),
  safetyPlan: riskFields.safetyPlan.optional(),
  reviewOn: reviewOn.optional(),
  status: z.enum(RISK_STATUSES, { error: "status must be current or closed" }).optional().describe("closed to close the risk, current to reopen it"),
  version: z.number({ error: "version is required: send the version you last read" }).int().positive(),
});

export interface RiskFormValues {
  category?: string;
  level?: string;
  description?: string;
  safetyPlan?: string;
  "reviewOn-day"?: string;
  "reviewOn-month"?: string;
  "reviewOn-year"?: string;
  version?: string;
  /** The button pressed on the edit page: save, close or reopen. */
  action?: string;
}

const FIELD_ORDER = ["form", "category", "level", "description", "safetyPlan", "reviewOn"];

/** Reads the risk form, or says what is wrong beside each field. */
export function riskFromForm(values: RiskFormValues): { input: RiskInput } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const date = dateFromParts("The review date", { day: values["reviewOn-day"], month: values["reviewOn-month"], year: values["reviewOn-year"] });
  if ("error" in date) issues.push({ field: "reviewOn", message: date.error });
  else if (date.value === null) issues.push({ field: "reviewOn", message: "Enter the date the risk should next be reviewed" });
  const parsed = z.strictObject(riskFields).safeParse({
    category: values.category || undefined,
    level: values.level || undefined,
    description: values.description ?? "",
    safetyPlan: values.safetyPlan,
    reviewOn: "value" in date ? (date.value ?? "") : "",
  });
  if (!parsed.success) {
    for (const issue of fieldIssues(parsed.error)) if (!issues.some((existing) => existing.field === issue.field)) issues.push(issue);
  }
  issues.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
  if (issues.length > 0 || !parsed.success) return { issues };
  return { input: parsed.data };
}

export function formValuesFromRisk(risk: { category: string; level: string; description: string; safetyPlan: string | null; reviewOn: string; version: number }): RiskFormValues {
  const [year, month, day] = risk.reviewOn.split("-");
  return {
    category: risk.category,
    level: risk.level,
    description: risk.description,
    safetyPlan: risk.safetyPlan ?? "",
    "reviewOn-day": String(Number(day)),
    "reviewOn-month": String(Number(month)),
    "reviewOn-year": year ?? "",
    version: String(risk.version),
  };
}

export function formValuesForNewRisk(now: Date = new Date()): RiskFormValues {
  const [year, month, day] = defaultReviewOn(now).split("-");
  return { "reviewOn-day": String(Number(day)), "reviewOn-month": String(Number(month)), "reviewOn-year": year ?? "" };
}
