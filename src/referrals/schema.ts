import { RATINGS, type Rating } from "../register/schema.ts";

/** Where a referral is: the latest step the referrer can see. */
export const REFERRAL_STATUSES = ["awaiting-acknowledgement", "acknowledged", "screening", "accepted", "declined", "allocated", "withdrawn"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  "awaiting-acknowledgement": "Awaiting acknowledgement",
  acknowledged: "Acknowledged",
  screening: "Screening",
  accepted: "Accepted, waiting for a worker",
  declined: "Declined",
  allocated: "Allocated to a worker",
  withdrawn: "Withdrawn",
};

/** Statuses in which a referral still needs the service to do something. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ["awaiting-acknowledgement", "acknowledged", "screening", "accepted"];

/**
 * The dated steps of a referral. The first six change its status and are shown to the referrer;
 * the others are the service's own record (shown to the referrer only when a step says so).
 */
export const REFERRAL_STEPS = ["received", "acknowledged", "screening", "accepted", "declined", "allocated", "withdrawn", "linked", "unlinked", "priority-changed"] as const;
export type ReferralStep = (typeof REFERRAL_STEPS)[number];

export const REFERRAL_STEP_LABELS: Record<ReferralStep, string> = {
  received: "Referral received",
  acknowledged: "Acknowledged",
  screening: "Screening started",
  accepted: "Accepted",
  declined: "Declined",
  allocated: "Allocated to a worker",
  withdrawn: "Withdrawn",
  linked: "Linked to an existing record",
  unlinked: "Unlinked from the record",
  "priority-changed": "Priority changed",
};

/** The status each step moves a referral to; steps not listed leave the status as it is. */
export const STATUS_AFTER_STEP: Partial<Record<ReferralStep, ReferralStatus>> = {
  received: "awaiting-acknowledgement",
  acknowledged: "acknowledged",
  screening: "screening",
  accepted: "accepted",
  declined: "declined",
  allocated: "allocated",
  withdrawn: "withdrawn",
};

export const PRIORITIES = ["urgent", "high", "normal"] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_LABELS: Record<Priority, string> = { urgent: "Urgent", high: "High", normal: "Normal" };

/** The areas of need a referral can name; services count some of them for eligibility. */
export const NEED_DOMAINS = [
  "housing",
  "mental-health",
  "substance-use",
  "offending",
  "physical-health",
  "learning-disability",
  "autism",
  "domestic-abuse",
  "money",
  "family",
] as const;
export type NeedDomain = (typeof NEED_DOMAINS)[number];

export const NEED_DOMAIN_LABELS: Record<NeedDomain, string> = {
  housing: "Housing or homelessness",
  "mental-health": "Mental health",
  "substance-use": "Drugs or alcohol",
  offending: "Offending or the criminal justice system",
  "physical-health": "Physical health",
  "learning-disability": "Learning disability",
  autism: "Autism",
  "domestic-abuse": "Domestic abuse",
  money: "Money, benefits or debt",
  family: "Family and relationships",
};

export function isNeedDomain(value: string): value is NeedDomain {
  return (NEED_DOMAINS as readonly string[]).includes(value);
}

export { RATINGS as REGISTER_RATINGS };
export type RegisterRating = Rating;

/**
 * Who a service takes: each rule present must be met. An empty object takes everyone.
 * Stored as JSON in referral_settings.eligibility.
 */
export interface EligibilityRules {
  /** The need domains that count, and how many of them the person must have. */
  needs?: { domains: NeedDomain[]; atLeast: number };
  /** The person must be on the dynamic support register with one of these ratings. */
  registerRatings?: RegisterRating[];
  /** Age on the day the referral is received, in whole years, inclusive. */
  age?: { minimum?: number; maximum?: number };
  /** The person lives in one of these areas (compared case-insensitively). */
  areas?: string[];
}

export const DEFAULT_ACKNOWLEDGE_WORKING_DAYS = 2;
export const DEFAULT_DECIDE_WORKING_DAYS = 10;

/** Limits on what a referral may hold, the same for the public link, the form and the API. */
export const REFERRAL_LIMITS = {
  name: 100,
  reason: 5000,
  safetyInformation: 2000,
  shortText: 200,
  aliases: 10,
  /** Bytes of a whole public-link submission. */
  publicBodyBytes: 32 * 1024,
} as const;
