import { CONSENT_SCOPES, type ConsentScope } from "../platform/access/index.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { dateFromParts, todayIso } from "../platform/http/validation.ts";
import { CONSENT_TYPES, HOW_GIVEN, REVIEW_MONTHS, addMonths, type ConsentChanges, type ConsentParty, type ConsentType, type HowGiven, type NewConsent, type NewInformationReceived } from "./schema.ts";
import { consentRuleIssues, nowInLondon, type ConsentRow } from "./service.ts";
import type { ConsentFormValues } from "./form-views.ts";

/** Every value of a repeated form field (ticked checkboxes arrive as one string or a list). */
export function formList(body: unknown, name: string): string[] {
  if (!body || typeof body !== "object") return [];
  const value = (body as Record<string, unknown>)[name];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function dateParts(prefix: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split("-");
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year ?? "" };
}

/** A new consent form: given today, reviewed in six months. */
export function newConsentValues(): ConsentFormValues {
  const today = todayIso();
  return { fields: { ...dateParts("givenOn", today), ...dateParts("reviewOn", addMonths(today, REVIEW_MONTHS)) }, scopes: [] };
}

export function valuesFromConsent(consent: ConsentRow): ConsentFormValues {
  return {
    fields: { ...(consent.reviewOn ? dateParts("reviewOn", consent.reviewOn) : {}), note: consent.note ?? "", version: String(consent.version) },
    scopes: consent.scopes,
  };
}

/** The service's field names, as the form's. */
const FORM_FIELD: Record<string, string> = {
  party: "partyKind",
  "party.organisationId": "partyOrganisationId",
  "party.familyMemberId": "partyFamilyMemberId",
  "party.description": "partyDescription",
};
const FORM_ORDER = ["form", "status", "version", "type", "partyKind", "partyOrganisationId", "partyFamilyMemberId", "partyDescription", "fromKind", "familyMemberId", "fromDescription", "scopes", "howGiven", "givenOn", "reviewOn", "receivedOn", "receivedTime", "note"];

/** Issues named as the form's fields, one per field, in the order the fields appear. */
export function formIssues(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues
    .map((issue) => ({ ...issue, field: FORM_FIELD[issue.field] ?? issue.field }))
    .filter((issue) => (seen.has(issue.field) ? false : (seen.add(issue.field), true)))
    .sort((a, b) => FORM_ORDER.indexOf(a.field) - FORM_ORDER.indexOf(b.field));
}

function scopesFrom(values: string[]): ConsentScope[] {
  return CONSENT_SCOPES.filter((scope) => values.includes(scope));
}

function readDate(label: string, fields: Record<string, string>, name: string): { value: string | null } | { error: string } {
  const date = dateFromParts(label, { day: fields[`${name}-day`], month: fields[`${name}-month`], year: fields[`${name}-year`] });
  return "error" in date ? { error: date.error } : { value: date.value };
}

function partyFrom(fields: Record<string, string>, issues: FieldIssue[]): ConsentParty {
  const party: ConsentParty = { organisationId: null, familyMemberId: null, description: null };
  const kind = fields.partyKind ?? "";
  if (kind === "organisation") {
    party.organisationId = fields.partyOrganisationId || null;
    if (!party.organisationId) issues.push({ field: "partyOrganisationId", message: "Select an organisation" });
  } else if (kind === "family-member") {
    party.familyMemberId = fields.partyFamilyMemberId || null;
    if (!party.familyMemberId) issues.push({ field: "partyFamilyMemberId", message: "Select a family member or carer" });
  } else if (kind === "someone-else") {
    party.description = (fields.partyDescription ?? "").trim() || null;
    if (!party.description) issues.push({ field: "partyDescription", message: "Enter who they agree to, in words" });
    else if (party.description.length > 200) issues.push({ field: "partyDescription", message: "Who, in words must be 200 characters or fewer" });
  }
  return party;
}

function noteFrom(fields: Record<string, string>, issues: FieldIssue[], max = 2000, label = "Note"): string | null {
  const note = (fields.note ?? "").trim() || null;
  if (note && note.length > max) issues.push({ field: "note", message: `${label} must be ${max} characters or fewer` });
  return note;
}

/** Reads the new-consent form into a consent, or every problem with it (including the rules of `consentRuleIssues`). */
export function consentFromForm(values: ConsentFormValues): { consent: NewConsent } | { issues: FieldIssue[] } {
  const { fields } = values;
  const issues: FieldIssue[] = [];
  const type = (CONSENT_TYPES as readonly string[]).includes(fields.type ?? "") ? (fields.type as ConsentType) : null;
  if (!type) issues.push({ field: "type", message: "Select what they have agreed to" });
  const howGiven = (HOW_GIVEN as readonly string[]).includes(fields.howGiven ?? "") ? (fields.howGiven as HowGiven) : null;
  if (!howGiven) issues.push({ field: "howGiven", message: "Select how they gave consent" });
  const party = type === "work-with-service" ? { organisationId: null, familyMemberId: null, description: null } : partyFrom(fields, issues);
  const given = readDate("The date consent was given", fields, "givenOn");
  if ("error" in given) issues.push({ field: "givenOn", message: given.error });
  else if (given.value === null) issues.push({ field: "givenOn", message: "Enter the date consent was given" });
  const review = readDate("The review date", fields, "reviewOn");
  if ("error" in review) issues.push({ field: "reviewOn", message: review.error });
  const note = noteFrom(fields, issues);
  const consent: NewConsent = {
    type: type ?? "share-with",
    party,
    scopes: type === "work-with-service" ? [] : scopesFrom(values.scopes),
    howGiven: howGiven ?? "verbal",
    givenOn: "value" in given && given.value ? given.value : todayIso(),
    reviewOn: "value" in review ? review.value : null,
    note,
  };
  // The shared rules, for the fields that were readable.
  const failed = new Set(issues.map((issue) => issue.field));
  const partyFailed = failed.has("partyOrganisationId") || failed.has("partyFamilyMemberId") || failed.has("partyDescription");
  for (const issue of consentRuleIssues(consent, todayIso())) {
    if (!type && (issue.field === "party" || issue.field === "scopes")) continue;
    if (failed.has(issue.field) || (issue.field === "party" && partyFailed) || (issue.field === "reviewOn" && failed.has("givenOn"))) continue;
    issues.push(issue);
  }
  return issues.length > 0 ? { issues: formIssues(issues) } : { consent };
}

/** Reads the change-consent form into changes and the version it was made against. */
export function changesFromForm(values: ConsentFormValues, consent: ConsentRow): { changes: ConsentChanges; version: number } | { issues: FieldIssue[] } {
  const { fields } = values;
  const issues: FieldIssue[] = [];
  const version = Number.parseInt(fields.version ?? "", 10);
  if (!Number.isInteger(version)) issues.push({ field: "form", message: "Reload the page and make your changes again" });
  const review = readDate("The review date", fields, "reviewOn");
  if ("error" in review) issues.push({ field: "reviewOn", message: review.error });
  else if (review.value === null) issues.push({ field: "reviewOn", message: "Enter the review date" });
  const note = noteFrom(fields, issues);
  if (issues.length > 0) return { issues: formIssues(issues) };
  const changes: ConsentChanges = { note, ...("value" in review && review.value ? { reviewOn: review.value } : {}) };
  if (consent.type !== "work-with-service") changes.scopes = scopesFrom(values.scopes);
  return { changes, version };
}

/** "14:30", "2:30pm", "2pm", "14.30" as "HH:MM"; null when it is not a time. */
export function readTime(text: string): string | null {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? "0");
  const half = match[3]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === "pm" ? 12 : 0);
  } else if (match[2] === undefined) {
    return null;
  }
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** A new information-received form: told just now. */
export function newInformationValues(): Record<string, string> {
  const now = nowInLondon();
  return { ...dateParts("receivedOn", now.date), receivedTime: now.time };
}

/** Reads the information-received form; `hasFamily` when the person has family members to choose from. */
export function informationFromForm(fields: Record<string, string>, hasFamily: boolean): { input: NewInformationReceived } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  let familyMemberId: string | null = null;
  let fromDescription: string | null = null;
  const kind = hasFamily ? (fields.fromKind ?? "") : "someone-else";
  if (kind === "family-member") {
    familyMemberId = fields.familyMemberId || null;
    if (!familyMemberId) issues.push({ field: "familyMemberId", message: "Select a family member or carer" });
  } else if (kind === "someone-else") {
    fromDescription = (fields.fromDescription ?? "").trim() || null;
    if (!fromDescription) issues.push({ field: "fromDescription", message: "Enter who told you" });
    else if (fromDescription.length > 200) issues.push({ field: "fromDescription", message: "Who told you must be 200 characters or fewer" });
  } else {
    issues.push({ field: "fromKind", message: "Select who told you" });
  }
  const date = readDate("The date they told you", fields, "receivedOn");
  if ("error" in date) issues.push({ field: "receivedOn", message: date.error });
  else if (date.value === null) issues.push({ field: "receivedOn", message: "Enter the date they told you" });
  const time = readTime(fields.receivedTime ?? "");
  if (!(fields.receivedTime ?? "").trim()) issues.push({ field: "receivedTime", message: "Enter the time they told you" });
  else if (!time) issues.push({ field: "receivedTime", message: "Enter a time, like 14:30 or 2:30pm" });
  const note = noteFrom(fields, issues, 10000, "What they told you");
  if (!note) issues.push({ field: "note", message: "Enter what they told you" });
  if (issues.length > 0 || !note || !time || !("value" in date) || !date.value) return { issues: formIssues(issues) };
  return { input: { familyMemberId, fromDescription, receivedOn: date.value, receivedTime: time, note } };
}
