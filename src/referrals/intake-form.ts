import type { FieldIssue } from "../platform/http/errors.ts";
import { dateFromParts, fieldIssues } from "../platform/http/validation.ts";
import { dateOfBirthIssue, referralDetailsSchema, type ReferralDetails } from "./intake-schema.ts";
import { REFERRAL_LIMITS } from "./schema.ts";

/** Reading the referral form (signed in or through a public link) into the details every channel shares. */


/** What the form sent: single values, and the ticked needs. */
export interface IntakeForm {
  values: Record<string, string>;
  needs: string[];
}

/** The hidden field that people never see and spam robots fill in. */
export const HONEYPOT_FIELD = "website";

/** Form order, for the error summary. */
export const FORM_ORDER = [
  "givenName",
  "familyName",
  "aliases",
  "dateOfBirth",
  "area",
  "personPhone",
  "personConsented",
  "needs",
  "registerRating",
  "reason",
  "safetyInformation",
  "referrerName",
  "referrerOrganisation",
  "referrerRole",
  "referrerEmail",
  "referrerPhone",
];

/** The schema's field paths, as the form's field names. */
const FIELD_OF_PATH: Record<string, string> = {
  "person.givenName": "givenName",
  "person.familyName": "familyName",
  "person.aliases": "aliases",
  "person.dateOfBirth": "dateOfBirth",
  "person.area": "area",
  "person.phone": "personPhone",
  "referrer.name": "referrerName",
  "referrer.organisation": "referrerOrganisation",
  "referrer.role": "referrerRole",
  "referrer.email": "referrerEmail",
  "referrer.phone": "referrerPhone",
};

/** What to say when a field was not sent at all (the schema's own message names the API's property). */
const MISSING: Record<string, string> = {
  givenName: "Enter the person's given name",
  familyName: "Enter the person's family name",
  dateOfBirth: "Enter the person's date of birth",
  personConsented: "Say whether the person knows about and agrees to the referral",
  needs: "Select at least one need",
  reason: "Enter what you want the service to know about the person and why you are referring them",
  referrerName: "Enter your name",
};

function formField(path: string): string {
  const withoutIndex = path.replace(/\.\d+$/, "");
  return FIELD_OF_PATH[withoutIndex] ?? withoutIndex;
}

/** A form body as strings: repeated names (the needs) kept as a list, anything else ignored. */
export function intakeFormFrom(body: unknown): IntakeForm {
  const values: Record<string, string> = {};
  let needs: string[] = [];
  if (body && typeof body === "object") {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      const list = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === "string");
      if (key === "needs") needs = list;
      else if (list[0] !== undefined) values[key] = list[0];
    }
  }
  return { values, needs };
}

/** Whether a robot filled in the field people cannot see. */
export function honeypotFilled(form: IntakeForm): boolean {
  return (form.values[HONEYPOT_FIELD] ?? "").trim() !== "";
}

/**
 * The form as referral details, or the problems beside each field in form order. `referrer`, when
 * given, is the signed-in account's name, organisation and email, used instead of typed ones.
 */
export function detailsFromForm(
  form: IntakeForm,
  today: string,
  referrer?: { name: string; organisation: string | null; email: string },
): { details: ReferralDetails } | { issues: FieldIssue[] } {
  const { values } = form;
  const issues: FieldIssue[] = [];
  const date = dateFromParts("Date of birth", { day: values["dateOfBirth-day"], month: values["dateOfBirth-month"], year: values["dateOfBirth-year"] });
  let dateOfBirth: string | undefined;
  if ("error" in date) issues.push({ field: "dateOfBirth", message: date.error });
  else dateOfBirth = date.value ?? undefined;
  const past = dateOfBirth ? dateOfBirthIssue(dateOfBirth, today) : null;
  if (past) issues.push({ field: "dateOfBirth", message: past.message });
  const aliasLines = (values.aliases ?? "").split(/\r?\n|,/).map((line) => line.trim()).filter(Boolean);
  if ((values.aliases ?? "").length > REFERRAL_LIMITS.aliases * (REFERRAL_LIMITS.name + 2)) {
    issues.push({ field: "aliases", message: `Give at most ${REFERRAL_LIMITS.aliases} other names` });
  }
  const consent = values.personConsented;
  const raw = {
    person: {
      givenName: values.givenName ?? "",
      familyName: values.familyName ?? "",
      aliases: aliasLines,
      dateOfBirth,
      area: values.area ?? null,
      phone: values.personPhone ?? null,
    },
    personConsented: consent === "yes" ? true : consent === "no" ? false : undefined,
    needs: form.needs,
    registerRating: values.registerRating ? values.registerRating : null,
    reason: values.reason ?? "",
    safetyInformation: values.safetyInformation ?? null,
    referrer: referrer
      ? { name: referrer.name, organisation: referrer.organisation, role: values.referrerRole ?? null, email: referrer.email, phone: values.referrerPhone ?? null }
      : {
          name: values.referrerName ?? "",
          organisation: values.referrerOrganisation ?? null,
          role: values.referrerRole ?? null,
          email: values.referrerEmail ?? null,
          phone: values.referrerPhone ?? null,
        },
  };
  const parsed = referralDetailsSchema.safeParse(raw);
  if (!parsed.success) {
    const seen = new Set(issues.map((issue) => issue.field));
    for (const issue of fieldIssues(parsed.error)) {
      const field = formField(issue.field);
      if (seen.has(field)) continue;
      seen.add(field);
      const missing = issue.message.endsWith(" is required") ? MISSING[field] : undefined;
      const message = field === "needs" && form.needs.length > 0 ? "Select the needs from the list" : (missing ?? issue.message);
      issues.push({ field, message });
    }
  }
  if (issues.length > 0 || !parsed.success) return { issues: [...issues].sort((a, b) => FORM_ORDER.indexOf(a.field) - FORM_ORDER.indexOf(b.field)) };
  return { details: parsed.data };
}
