import { ageFrom } from "../platform/views/format.ts";
import { RATING_LABELS, type Rating } from "../register/schema.ts";
import { NEED_DOMAIN_LABELS, isNeedDomain, type EligibilityRules, type NeedDomain } from "./schema.ts";

/**
 * Whether a referral meets a service's eligibility rules, criterion by criterion. Pure: the caller
 * gathers what the referral says and, when it is linked to someone on the register, their rating now.
 */

export type CriterionName = "needs" | "register-rating" | "age" | "area";
/** Met, not met, or not known from what the referral says. */
export type Met = true | false | "unknown";

export interface CriterionResult {
  criterion: CriterionName;
  /** What the rule asks, e.g. "At least 4 of: housing, mental health…". */
  rule: string;
  met: Met;
  /** Why, in plain words: "Names 3 of them: housing, mental health and offending". */
  explanation: string;
}

export interface EligibilityResult {
  criteria: CriterionResult[];
  /** False when any criterion is not met; unknown when none fails but some cannot be told; true otherwise. */
  overall: Met;
}

export interface EligibilityFacts {
  needs: readonly string[];
  /** The rating the referrer gave, if any. */
  statedRating: string | null;
  /** The current rating on the register of the linked person, when there is one. */
  registerRating: Rating | null;
  dateOfBirth: string | null;
  /** The UK date the referral was received: age is counted to it. */
  receivedOn: string;
  area: string | null;
}

const CRITERION_LABELS: Record<CriterionName, string> = {
  needs: "Needs",
  "register-rating": "Dynamic support register rating",
  age: "Age",
  area: "Area",
};

export function criterionLabel(criterion: CriterionName): string {
  return CRITERION_LABELS[criterion];
}

/** "housing, mental health and offending" (or "red or amber-red"). */
export function listInWords(items: readonly string[], conjunction: "and" | "or" = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}

function needLabel(domain: string): string {
  return isNeedDomain(domain) ? NEED_DOMAIN_LABELS[domain].toLowerCase() : domain;
}

function ratingLabel(rating: string): string {
  return rating in RATING_LABELS ? RATING_LABELS[rating as Rating].toLowerCase() : rating;
}

/** Whole years from a date of birth to a date (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, on: string): number | null {
  return ageFrom(dateOfBirth, new Date(`${on}T12:00:00Z`));
}

function needsCriterion(rule: NonNullable<EligibilityRules["needs"]>, needs: readonly string[]): CriterionResult {
  const wording = `At least ${rule.atLeast} of: ${listInWords(rule.domains.map(needLabel))}`;
  const counted = rule.domains.filter((domain: NeedDomain) => needs.includes(domain));
  if (needs.length === 0) return { criterion: "needs", rule: wording, met: "unknown", explanation: "The referral names no needs" };
  const named = counted.length === 0 ? "none of them" : `${counted.length}: ${listInWords(counted.map(needLabel))}`;
  return { criterion: "needs", rule: wording, met: counted.length >= rule.atLeast, explanation: `The referral names ${named}` };
}

function ratingCriterion(ratings: readonly string[], facts: EligibilityFacts): CriterionResult {
  const wording = `On the register as ${listInWords(ratings.map(ratingLabel), "or")}`;
  if (facts.registerRating) {
    return {
      criterion: "register-rating",
      rule: wording,
      met: ratings.includes(facts.registerRating),
      explanation: `On the register now as ${ratingLabel(facts.registerRating)}`,
    };
  }
  if (facts.statedRating) {
    return {
      criterion: "register-rating",
      rule: wording,
      met: ratings.includes(facts.statedRating),
      explanation: `The referrer says ${ratingLabel(facts.statedRating)}`,
    };
  }
  return { criterion: "register-rating", rule: wording, met: "unknown", explanation: "The referral does not give a register rating" };
}

function ageCriterion(range: NonNullable<EligibilityRules["age"]>, facts: EligibilityFacts): CriterionResult {
  const { minimum, maximum } = range;
  const wording =
    minimum !== undefined && maximum !== undefined ? `Aged ${minimum} to ${maximum}` : minimum !== undefined ? `Aged ${minimum} or over` : `Aged ${maximum ?? 0} or under`;
  if (!facts.dateOfBirth) return { criterion: "age", rule: wording, met: "unknown", explanation: "The referral does not give a date of birth" };
  const age = ageOn(facts.dateOfBirth, facts.receivedOn);
  if (age === null) return { criterion: "age", rule: wording, met: "unknown", explanation: "The referral's date of birth is not a date" };
  const met = (minimum === undefined || age >= minimum) && (maximum === undefined || age <= maximum);
  return { criterion: "age", rule: wording, met, explanation: `${age} when the referral was received` };
}

function areaCriterion(areas: readonly string[], area: string | null): CriterionResult {
  const wording = `Lives in ${listInWords(areas, "or")}`;
  const given = area?.trim() ?? "";
  if (given === "") return { criterion: "area", rule: wording, met: "unknown", explanation: "The referral does not say where they live" };
  const met = areas.some((candidate) => candidate.trim().toLowerCase() === given.toLowerCase());
  return { criterion: "area", rule: wording, met, explanation: `The referral gives ${given}` };
}

/** Each rule the service has, met or not or unknown, and the overall answer. No rules: everyone is eligible. */
export function assessEligibility(rules: EligibilityRules, facts: EligibilityFacts): EligibilityResult {
  const criteria: CriterionResult[] = [];
  if (rules.needs && rules.needs.domains.length > 0 && rules.needs.atLeast > 0) criteria.push(needsCriterion(rules.needs, facts.needs));
  if (rules.registerRatings && rules.registerRatings.length > 0) criteria.push(ratingCriterion(rules.registerRatings, facts));
  if (rules.age && (rules.age.minimum !== undefined || rules.age.maximum !== undefined)) criteria.push(ageCriterion(rules.age, facts));
  if (rules.areas && rules.areas.length > 0) criteria.push(areaCriterion(rules.areas, facts.area));
  const overall: Met = criteria.some((item) => item.met === false) ? false : criteria.some((item) => item.met === "unknown") ? "unknown" : true;
  return { criteria, overall };
}

/** The service's rules in words, one line each, for the settings list and the referral page. */
export function describeRules(rules: EligibilityRules): string[] {
  const facts: EligibilityFacts = { needs: [], statedRating: null, registerRating: null, dateOfBirth: null, receivedOn: "2000-01-01", area: null };
  return assessEligibility(rules, facts).criteria.map((item) => item.rule);
}
