import type { FieldIssue } from "../platform/http/errors.ts";
import { RATINGS, type Rating } from "../register/schema.ts";
import { NEED_DOMAINS, isNeedDomain, type EligibilityRules, type NeedDomain } from "./schema.ts";
import type { SettingsValues, StoredSettings } from "./settings-store.ts";

/** Reading the referral settings form: plain-English messages, and the user's input kept as typed. */

export const WORKING_DAYS_LIMITS = { acknowledge: 30, decide: 60 } as const;
export const AGE_LIMIT = 120;
export const MAX_AREAS = 30;
const AREA_LENGTH = 100;

/** What the form holds, as strings (and lists for the ticked boxes). */
export interface SettingsFormValues {
  teamId: string;
  accepting: string;
  needDomains: string[];
  needsAtLeast: string;
  registerRatings: string[];
  ageMinimum: string;
  ageMaximum: string;
  areas: string;
  acknowledgeWithinWorkingDays: string;
  decideWithinWorkingDays: string;
  version: string;
}

/** Every value given for a field: one string, several for ticked boxes. */
export function formList(body: unknown, name: string): string[] {
  if (!body || typeof body !== "object") return [];
  const value = (body as Record<string, unknown>)[name];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function formText(body: unknown, name: string): string {
  return formList(body, name)[0] ?? "";
}

export function settingsFormValues(body: unknown): SettingsFormValues {
  return {
    teamId: formText(body, "teamId"),
    accepting: formText(body, "accepting"),
    needDomains: formList(body, "needDomains"),
    needsAtLeast: formText(body, "needsAtLeast"),
    registerRatings: formList(body, "registerRatings"),
    ageMinimum: formText(body, "ageMinimum"),
    ageMaximum: formText(body, "ageMaximum"),
    areas: formText(body, "areas"),
    acknowledgeWithinWorkingDays: formText(body, "acknowledgeWithinWorkingDays"),
    decideWithinWorkingDays: formText(body, "decideWithinWorkingDays"),
    version: formText(body, "version"),
  };
}

/** The form as stored settings fill it in; the defaults for a service without settings. */
export function valuesFromSettings(settings: StoredSettings | null, defaultTeamId: string): SettingsFormValues {
  const rules = settings?.eligibility ?? {};
  return {
    teamId: settings?.teamId ?? defaultTeamId,
    accepting: settings ? (settings.acceptingReferrals ? "yes" : "no") : "yes",
    needDomains: rules.needs?.domains ?? [],
    needsAtLeast: rules.needs ? String(rules.needs.atLeast) : "",
    registerRatings: rules.registerRatings ?? [],
    ageMinimum: rules.age?.minimum === undefined ? "" : String(rules.age.minimum),
    ageMaximum: rules.age?.maximum === undefined ? "" : String(rules.age.maximum),
    areas: (rules.areas ?? []).join("\n"),
    acknowledgeWithinWorkingDays: String(settings?.acknowledgeWithinWorkingDays ?? 2),
    decideWithinWorkingDays: String(settings?.decideWithinWorkingDays ?? 10),
    version: settings ? String(settings.version) : "",
  };
}

/** A whole number from `min` to `max`, or the message to show; undefined when blank and optional. */
function wholeNumber(value: string, field: string, what: string, min: number, max: number, required: boolean): { value?: number; issue?: FieldIssue } {
  const typed = value.trim();
  if (typed === "") return required ? { issue: { field, message: `Enter ${what}` } } : {};
  if (!/^\d{1,4}$/.test(typed)) return { issue: { field, message: `Enter ${what} as a whole number, like ${Math.min(max, Math.max(min, 2))}` } };
  const number = Number(typed);
  if (number < min || number > max) return { issue: { field, message: `Enter ${what} from ${min} to ${max}` } };
  return { value: number };
}

function eligibilityFrom(values: SettingsFormValues, issues: FieldIssue[]): EligibilityRules {
  const rules: EligibilityRules = {};
  const domains: NeedDomain[] = NEED_DOMAINS.filter((domain) => values.needDomains.filter(isNeedDomain).includes(domain));
  const typedAtLeast = values.needsAtLeast.trim();
  if (domains.length > 0 && typedAtLeast === "") {
    issues.push({ field: "needsAtLeast", message: "Enter how many of the ticked needs a person must have" });
  } else if (domains.length === 0 && typedAtLeast !== "") {
    issues.push({ field: "needDomains", message: "Tick the needs that count, or leave the number of needs blank" });
  } else if (domains.length > 0) {
    const atLeast = wholeNumber(typedAtLeast, "needsAtLeast", "how many of the ticked needs a person must have", 1, NEED_DOMAINS.length, true);
    if (atLeast.issue) issues.push(atLeast.issue);
    else if ((atLeast.value ?? 0) > domains.length) issues.push({ field: "needsAtLeast", message: `The number of needs must be no more than the number ticked (${domains.length})` });
    else rules.needs = { domains, atLeast: atLeast.value ?? 1 };
  }
  const ratings = [...new Set(values.registerRatings.filter((rating): rating is Rating => (RATINGS as readonly string[]).includes(rating)))];
  if (ratings.length > 0) rules.registerRatings = RATINGS.filter((rating) => ratings.includes(rating));
  const minimum = wholeNumber(values.ageMinimum, "ageMinimum", "the youngest age", 0, AGE_LIMIT, false);
  const maximum = wholeNumber(values.ageMaximum, "ageMaximum", "the oldest age", 0, AGE_LIMIT, false);
  if (minimum.issue) issues.push(minimum.issue);
  if (maximum.issue) issues.push(maximum.issue);
  if (minimum.value !== undefined && maximum.value !== undefined && minimum.value > maximum.value) {
    issues.push({ field: "ageMaximum", message: "The oldest age must be the same as or more than the youngest age" });
  } else if (minimum.value !== undefined || maximum.value !== undefined) {
    rules.age = { ...(minimum.value !== undefined ? { minimum: minimum.value } : {}), ...(maximum.value !== undefined ? { maximum: maximum.value } : {}) };
  }
  const areas = [...new Set(values.areas.split(/\r?\n/).map((area) => area.trim()).filter((area) => area.length > 0))];
  if (areas.some((area) => area.length > AREA_LENGTH)) issues.push({ field: "areas", message: `Each area must be ${AREA_LENGTH} characters or fewer` });
  else if (areas.length > MAX_AREAS) issues.push({ field: "areas", message: `Enter no more than ${MAX_AREAS} areas` });
  else if (areas.length > 0) rules.areas = areas;
  return rules;
}

/** The settings the form asks for, or the issues with it. */
export function settingsFromForm(values: SettingsFormValues): { input: SettingsValues } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (values.teamId === "") issues.push({ field: "teamId", message: "Select the team that receives the referrals" });
  if (values.accepting !== "yes" && values.accepting !== "no") issues.push({ field: "accepting", message: "Select whether the service is taking referrals now" });
  const eligibility = eligibilityFrom(values, issues);
  const acknowledge = wholeNumber(values.acknowledgeWithinWorkingDays, "acknowledgeWithinWorkingDays", "the working days to acknowledge a referral", 1, WORKING_DAYS_LIMITS.acknowledge, true);
  const decide = wholeNumber(values.decideWithinWorkingDays, "decideWithinWorkingDays", "the working days to decide on a referral", 1, WORKING_DAYS_LIMITS.decide, true);
  if (acknowledge.issue) issues.push(acknowledge.issue);
  if (decide.issue) issues.push(decide.issue);
  if (acknowledge.value !== undefined && decide.value !== undefined && decide.value < acknowledge.value) {
    issues.push({ field: "decideWithinWorkingDays", message: "The days to decide must be the same as or more than the days to acknowledge" });
  }
  if (issues.length > 0 || acknowledge.value === undefined || decide.value === undefined) return { issues };
  return {
    input: {
      teamId: values.teamId,
      acceptingReferrals: values.accepting === "yes",
      eligibility,
      acknowledgeWithinWorkingDays: acknowledge.value,
      decideWithinWorkingDays: decide.value,
    },
  };
}
