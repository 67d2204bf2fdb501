import type { FieldIssue } from "../platform/http/errors.ts";
import { dateFromParts } from "../platform/http/validation.ts";
import { COMMUNITY_RATINGS, type AdmissionInput, type CommunityRating, type EpisodeChanges, type NewEntryInput, type Rating, type RatingInput } from "./schema.ts";

/** Reading the register's forms: each gives its input, or what is wrong beside each field, in form order. */

export type FormValues = Record<string, string | undefined>;
type Read<T> = { input: T } | { issues: FieldIssue[] };

function text(values: FormValues, name: string): string {
  return (values[name] ?? "").trim();
}

function dateField(values: FormValues, name: string, label: string, issues: FieldIssue[]): string | null {
  const date = dateFromParts(label, { day: values[`${name}-day`], month: values[`${name}-month`], year: values[`${name}-year`] });
  if ("error" in date) {
    issues.push({ field: name, message: date.error });
    return null;
  }
  return date.value;
}

function limited(values: FormValues, name: string, label: string, max: number, issues: FieldIssue[]): string {
  const value = text(values, name);
  if (value.length > max) issues.push({ field: name, message: `${label} must be ${max} characters or fewer` });
  return value;
}

function ordered(issues: FieldIssue[], order: string[]): FieldIssue[] {
  return [...issues].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

function communityRating(values: FormValues, issues: FieldIssue[], message: string): CommunityRating | null {
  const rating = values.rating ?? "";
  if ((COMMUNITY_RATINGS as readonly string[]).includes(rating)) return rating as CommunityRating;
  issues.push({ field: "rating", message });
  return null;
}

function ratingFields(values: FormValues, issues: FieldIssue[], options: { fixedRating?: Rating; reasonOptional?: boolean; ratingMessage?: string }): RatingInput | null {
  const rating = options.fixedRating ?? communityRating(values, issues, options.ratingMessage ?? "Select a rating");
  const reason = limited(values, "reason", "The reason", 2000, issues);
  if (!reason && !options.reasonOptional) issues.push({ field: "reason", message: "Enter the reason for the rating" });
  const nextReviewOn = dateField(values, "nextReviewOn", "The next review date", issues);
  return rating ? { rating, reason, nextReviewOn } : null;
}

/** The new-entry form: a Keywork person chosen from the list, or a name (and date of birth). */
export function newEntryFromForm(values: FormValues, today: string): Read<NewEntryInput> {
  const issues: FieldIssue[] = [];
  const personId = text(values, "personId") || null;
  const givenName = limited(values, "givenName", "Given name", 100, issues);
  const familyName = limited(values, "familyName", "Family name", 100, issues);
  if (!personId) {
    if (!givenName) issues.push({ field: "givenName", message: "Enter their given name" });
    if (!familyName) issues.push({ field: "familyName", message: "Enter their family name" });
  }
  const dateOfBirth = dateField(values, "dateOfBirth", "Date of birth", issues);
  if (dateOfBirth && dateOfBirth >= today) issues.push({ field: "dateOfBirth", message: "Date of birth must be in the past" });
  const rating = ratingFields(values, issues, { ratingMessage: "Select their rating" });
  if (issues.length > 0 || !rating) return { issues: ordered(issues, ["personId", "givenName", "familyName", "dateOfBirth", "rating", "reason", "nextReviewOn"]) };
  return { input: { ...rating, personId, givenName: givenName || null, familyName: familyName || null, dateOfBirth } };
}

/** The rating form; while they are in hospital the rating stays blue and only the reason and review date change. */
export function ratingFromForm(values: FormValues, inHospital: boolean): Read<RatingInput> {
  const issues: FieldIssue[] = [];
  const rating = ratingFields(values, issues, inHospital ? { fixedRating: "blue" } : { ratingMessage: "Select the new rating" });
  if (issues.length > 0 || !rating) return { issues: ordered(issues, ["rating", "reason", "nextReviewOn"]) };
  return { input: rating };
}

export function removalFromForm(values: FormValues): Read<{ reason: string }> {
  const issues: FieldIssue[] = [];
  const reason = limited(values, "reason", "The reason", 2000, issues);
  if (!reason) issues.push({ field: "reason", message: "Enter why they are coming off the register" });
  return issues.length > 0 ? { issues } : { input: { reason } };
}

export function admissionFromForm(values: FormValues): Read<AdmissionInput> {
  const issues: FieldIssue[] = [];
  const admittedOn = dateField(values, "admittedOn", "The admission date", issues);
  if (admittedOn === null && !issues.some((issue) => issue.field === "admittedOn")) issues.push({ field: "admittedOn", message: "Enter the date they were admitted" });
  const setting = limited(values, "setting", "The setting", 200, issues);
  if (!setting) issues.push({ field: "setting", message: "Enter where they were admitted, for example Tier 4 CAMHS unit, Oakfield" });
  if (issues.length > 0 || !admittedOn) return { issues };
  return { input: { admittedOn, setting } };
}

/**
 * The stay form: its dates, setting and discharge plan. Entering a discharge date on a stay that is
 * still open discharges them, and then the rating after discharge is needed.
 */
export function episodeFromForm(values: FormValues, wasOpen: boolean): Read<EpisodeChanges> {
  const issues: FieldIssue[] = [];
  const admitted = admissionFromForm(values);
  if ("issues" in admitted) issues.push(...admitted.issues);
  const dischargedOn = dateField(values, "dischargedOn", "The discharge date", issues);
  const dischargePlan = limited(values, "dischargePlan", "The discharge plan", 5000, issues);
  const discharging = wasOpen && dischargedOn !== null;
  const afterDischarge = discharging ? ratingFields(values, issues, { reasonOptional: true, ratingMessage: "Select their rating after discharge" }) : null;
  const order = ["admittedOn", "setting", "dischargedOn", "dischargePlan", "rating", "reason", "nextReviewOn", "form"];
  if (issues.length > 0 || "issues" in admitted) return { issues: ordered(issues, order) };
  return { input: { ...admitted.input, dischargedOn, dischargePlan: dischargePlan || null, afterDischarge } };
}

/** The version a form was made against, or null when it is missing (the page was not loaded). */
export function versionFrom(values: FormValues): number | null {
  const version = Number.parseInt(values.version ?? "", 10);
  return Number.isInteger(version) && version > 0 ? version : null;
}

/** A GOV.UK date input's three values from YYYY-MM-DD. */
export function dateParts(name: string, iso: string | null): FormValues {
  if (!iso) return {};
  const [year, month, day] = iso.split("-");
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? "" };
}
