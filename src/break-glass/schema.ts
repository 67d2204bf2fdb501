import { z } from "zod";
import type { FieldIssue } from "../platform/http/errors.ts";
import { dateFromParts, isRealIsoDate } from "../platform/http/validation.ts";

/** How long break-glass access may last, in hours: the form's choices; the API takes any whole number up to the most. */
export const HOUR_CHOICES = [1, 4, 8, 24] as const;
export const DEFAULT_HOURS = 4;
export const MOST_HOURS = 24;
export const REASON_MIN = 10;
export const REASON_MAX = 1000;
export const NOTE_MAX = 2000;

export const REVIEW_OUTCOMES = ["justified", "not-justified"] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
export const OUTCOME_LABELS: Record<ReviewOutcome, string> = { justified: "Justified", "not-justified": "Not justified" };

/** The report's filter: every grant, or those a manager has still to review. */
export const REPORT_STATUSES = ["awaiting-review", "reviewed"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface SearchCriteria {
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
}

export interface OpenInput {
  personId: string;
  reason: string;
  hours: number;
}

export interface ReviewInput {
  outcome: ReviewOutcome;
  note: string | null;
}

export const REASON_EMPTY = "Enter why you need to open this record";
export const REASON_SHORT = `Give more detail: the reason must be at least ${REASON_MIN} characters`;
export const REASON_LONG = `The reason must be ${REASON_MAX.toLocaleString("en-GB")} characters or fewer`;
export const HOURS_MESSAGE = `Choose how long you need access for: at most ${MOST_HOURS} hours`;

/** A name as the search form reads it: extra spaces do not matter. */
function nameField(label: string) {
  return z
    .string({ error: `Enter their ${label}` })
    .transform((value) => value.replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1, { error: `Enter their ${label}` }).max(100, { error: `${label[0]?.toUpperCase()}${label.slice(1)} must be 100 characters or fewer` }));
}

/**
 * The API's body for opening a record: the same rules as the form, which opens only a record found
 * by name and date of birth. The id alone opens nothing.
 */
export const openBody = z
  .object({
    personId: z.string({ error: "personId is required" }).max(100),
    givenName: nameField("first name"),
    familyName: nameField("last name"),
    dateOfBirth: z
      .string({ error: "Enter their date of birth as YYYY-MM-DD" })
      .trim()
      .refine((value) => isRealIsoDate(value), { error: "Date of birth must be a real date (YYYY-MM-DD)" }),
    reason: z.string({ error: REASON_EMPTY }).trim().min(1, { error: REASON_EMPTY }).min(REASON_MIN, { error: REASON_SHORT }).max(REASON_MAX, { error: REASON_LONG }),
    hours: z.number({ error: HOURS_MESSAGE }).int({ error: HOURS_MESSAGE }).min(1, { error: HOURS_MESSAGE }).max(MOST_HOURS, { error: HOURS_MESSAGE }),
  })
  .strict();

export const reportQuery = z.object({
  status: z.enum(REPORT_STATUSES, { error: "status must be awaiting-review or reviewed" }).optional(),
  page: z.coerce.number({ error: "page must be a number" }).int().min(1).max(10_000).optional(),
});

type Values = Record<string, string | undefined>;
type Read<T> = { input: T } | { issues: FieldIssue[] };

function text(values: Values, name: string): string {
  return (values[name] ?? "").replace(/\s+/g, " ").trim();
}

/**
 * The search form: all three are needed, so nobody can browse the partnership's people. The date
 * comes from the three date fields, or as YYYY-MM-DD in `dateOfBirth` (links back to the results).
 */
export function criteriaFromQuery(values: Values, today: string): Read<SearchCriteria> {
  const issues: FieldIssue[] = [];
  const givenName = text(values, "givenName");
  const familyName = text(values, "familyName");
  if (!givenName) issues.push({ field: "givenName", message: "Enter their first name" });
  else if (givenName.length > 100) issues.push({ field: "givenName", message: "First name must be 100 characters or fewer" });
  if (!familyName) issues.push({ field: "familyName", message: "Enter their last name" });
  else if (familyName.length > 100) issues.push({ field: "familyName", message: "Last name must be 100 characters or fewer" });
  let dateOfBirth: string | null = null;
  const iso = text(values, "dateOfBirth");
  if (iso && isRealIsoDate(iso)) dateOfBirth = iso;
  else {
    const parts = dateFromParts("Date of birth", { day: values["dateOfBirth-day"], month: values["dateOfBirth-month"], year: values["dateOfBirth-year"] });
    if ("error" in parts) issues.push({ field: "dateOfBirth", message: parts.error });
    else if (!parts.value) issues.push({ field: "dateOfBirth", message: "Enter their date of birth" });
    else dateOfBirth = parts.value;
  }
  if (dateOfBirth && dateOfBirth >= today) issues.push({ field: "dateOfBirth", message: "Date of birth must be in the past" });
  if (issues.length > 0 || !dateOfBirth) return { issues };
  return { input: { givenName, familyName, dateOfBirth } };
}

/** Whether the search form was filled in at all (an empty form is the first visit, not a mistake). */
export function isSearching(values: Values): boolean {
  return ["givenName", "familyName", "dateOfBirth", "dateOfBirth-day", "dateOfBirth-month", "dateOfBirth-year"].some((name) => text(values, name) !== "");
}

/** The reason and how long, from the confirm form. */
export function openFromForm(values: Values, personId: string): Read<OpenInput> {
  const issues: FieldIssue[] = [];
  const reason = (values.reason ?? "").trim();
  if (!reason) issues.push({ field: "reason", message: REASON_EMPTY });
  else if (reason.length < REASON_MIN) issues.push({ field: "reason", message: REASON_SHORT });
  else if (reason.length > REASON_MAX) issues.push({ field: "reason", message: REASON_LONG });
  const hours = Number(values.hours);
  if (!(HOUR_CHOICES as readonly number[]).includes(hours)) issues.push({ field: "hours", message: HOURS_MESSAGE });
  return issues.length > 0 ? { issues } : { input: { personId, reason, hours } };
}

export function reviewFromForm(values: Values): Read<ReviewInput> {
  const issues: FieldIssue[] = [];
  const outcome = values.outcome ?? "";
  const note = (values.note ?? "").trim();
  if (!(REVIEW_OUTCOMES as readonly string[]).includes(outcome)) issues.push({ field: "outcome", message: "Choose whether the access was justified" });
  else if (outcome === "not-justified" && !note) issues.push({ field: "note", message: "Say what was wrong and what has been done about it" });
  if (note.length > NOTE_MAX) issues.push({ field: "note", message: `The note must be ${NOTE_MAX.toLocaleString("en-GB")} characters or fewer` });
  return issues.length > 0 ? { issues } : { input: { outcome: outcome as ReviewOutcome, note: note || null } };
}
