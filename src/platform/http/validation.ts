import { z } from "zod";
import { Invalid, type FieldIssue } from "./errors.ts";

const EXPECTED_IN_WORDS: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "text",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  date: "a date",
};

/** What the input holds at a zod issue's path; `missing` when there is nothing there. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Turns zod's issues into plain-English field issues for the error summary and the API's 400 body.
 * Give `input` (what was parsed) so a value of the wrong type is told apart from a missing one.
 */
export function fieldIssues(error: z.ZodError, input?: unknown): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "body";
    if (seen.has(field)) continue;
    seen.add(field);
    let message = issue.message;
    if (issue.code === "unrecognized_keys") message = `Remove the unknown ${issue.keys.length === 1 ? "field" : "fields"}: ${issue.keys.join(", ")}`;
    else if (issue.code === "invalid_type" && issue.message.startsWith("Invalid input")) {
      const missing = input === undefined ? /received undefined$/.test(issue.message) : valueAt(input, issue.path) === undefined;
      message = missing ? `${field} is required` : `${field} must be ${EXPECTED_IN_WORDS[issue.expected] ?? issue.expected}`;
    }
    issues.push({ field: issue.code === "unrecognized_keys" ? "body" : field, message });
  }
  return issues;
}

/** Parses `input` or throws Invalid with every problem found. */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw new Invalid(fieldIssues(result.error, input));
  return result.data;
}

/** Optional free text: trimmed, empty becomes null, with a plain-English length message. */
export function optionalText(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be ${max} characters or fewer` })
    .nullish()
    .transform((value) => (value ? value : null));
}

export function requiredText(label: string, max: number, emptyMessage: string) {
  return z
    .string({ error: emptyMessage })
    .trim()
    .min(1, { error: emptyMessage })
    .max(max, { error: `${label} must be ${max} characters or fewer` });
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is YYYY-MM-DD and a date that exists. */
export function isRealIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// Made once: building a DateTimeFormat costs far more than using one, and pages ask for today often.
const LONDON_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" });

export function todayIso(now: Date = new Date()): string {
  return LONDON_DATE.format(now);
}

/**
 * Reads a GOV.UK date input (`name-day`, `name-month`, `name-year`) into YYYY-MM-DD.
 * Returns null when all three are empty, the ISO string when complete, or a message saying what is wrong.
 */
export function dateFromParts(
  label: string,
  parts: { day?: string | undefined; month?: string | undefined; year?: string | undefined },
): { value: string | null } | { error: string; part: "day" | "month" | "year" } {
  const day = (parts.day ?? "").trim();
  const month = (parts.month ?? "").trim();
  const year = (parts.year ?? "").trim();
  if (!day && !month && !year) return { value: null };
  if (!day) return { error: `${label} must include a day`, part: "day" };
  if (!month) return { error: `${label} must include a month`, part: "month" };
  if (!year) return { error: `${label} must include a year`, part: "year" };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { error: `${label} must be a real date`, part: "day" };
  }
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  if (!isRealIsoDate(iso)) return { error: `${label} must be a real date`, part: "day" };
  return { value: iso };
}
