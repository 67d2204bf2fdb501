import { z } from "zod";
import { addMonths } from "../platform/clock.ts";
import { isRealIsoDate, optionalText, requiredText } from "../platform/http/validation.ts";

/** The ratings of the dynamic support register, highest risk of admission first; blue is in hospital now. */
export const RATINGS = ["red", "amber-red", "amber", "green", "blue"] as const;
export type Rating = (typeof RATINGS)[number];

/** The ratings a register owner chooses; blue comes with recording an admission. */
export const COMMUNITY_RATINGS = ["red", "amber-red", "amber", "green"] as const satisfies readonly Rating[];
export type CommunityRating = (typeof COMMUNITY_RATINGS)[number];

/** At these ratings the key-worker service is asked to take the young person on. */
export const TAKE_ON_RATINGS: readonly Rating[] = ["red", "amber-red"];

export const RATING_LABELS: Record<Rating, string> = {
  red: "Red",
  "amber-red": "Amber-red",
  amber: "Amber",
  green: "Green",
  blue: "Blue",
};

export const RATING_HINTS: Record<Rating, string> = {
  red: "Highest risk of admission: needs action now",
  "amber-red": "High risk of admission: support needs to increase",
  amber: "Some risk of admission: keep a close eye",
  green: "Lower risk: support in place, kept under review",
  blue: "In hospital now",
};

/** GOV.UK tag colours: red, orange for amber-red, yellow for amber, green, blue. */
export const RATING_TAG_CLASSES: Record<Rating, string> = {
  red: "govuk-tag--red",
  "amber-red": "govuk-tag--orange",
  amber: "govuk-tag--yellow",
  green: "govuk-tag--green",
  blue: "govuk-tag--blue",
};

/** How high a rating is among the community ratings; blue (in hospital) is outside the scale. */
const RISK_RANK: Record<Rating, number> = { red: 4, "amber-red": 3, amber: 2, green: 1, blue: 0 };

/**
 * Whether a new rating asks the key-worker service to take the young person on: it is red or
 * amber-red and higher than before (a new entry, a rise from amber or green, amber-red to red, or
 * a discharge from hospital straight to red or amber-red). Red to red, or red to amber-red, does not.
 */
export function risesToTakeOn(previous: Rating | null, next: Rating): boolean {
  if (!TAKE_ON_RATINGS.includes(next)) return false;
  return previous === null || previous === "blue" || RISK_RANK[next] > RISK_RANK[previous];
}

/** Months until the next review unless the register owner chooses a date. */
export const REVIEW_MONTHS: Record<Rating, number> = { red: 1, "amber-red": 1, amber: 3, green: 6, blue: 1 };

export function defaultNextReview(rating: Rating, today: string): string {
  return addMonths(today, REVIEW_MONTHS[rating]);
}

export const REVIEW_DEFAULT_HINT = "Leave it blank for the usual review: in 1 month for red and amber-red, 3 months for amber, 6 months for green.";

export interface RatingInput {
  rating: Rating;
  reason: string;
  /** YYYY-MM-DD; null for the usual interval for the rating. */
  nextReviewOn: string | null;
}

export interface NewEntryInput extends RatingInput {
  /** A Keywork person to link; their names and date of birth are used when none are given. */
  personId: string | null;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
}

export interface AdmissionInput {
  admittedOn: string;
  setting: string;
}

export interface EpisodeChanges {
  admittedOn: string;
  setting: string;
  dischargedOn: string | null;
  dischargePlan: string | null;
  /** The rating after discharge; required when this change discharges them. */
  afterDischarge: RatingInput | null;
}

const isoDate = (label: string) =>
  z
    .string({ error: `Enter ${label} as YYYY-MM-DD` })
    .trim()
    .refine(isRealIsoDate, { error: `${label[0]?.toUpperCase()}${label.slice(1)} must be a real date (YYYY-MM-DD)` });

export const reasonField = requiredText("The reason", 2000, "Enter the reason for the rating");

/** The reason recorded when the API is not sent one (the register page always asks for it). */
export const REASON_NOT_RECORDED = "Reason not recorded";

const dateOfBirth = isoDate("the date of birth")
  .refine((value) => value >= "1900-01-01", { error: "The date of birth must be after 1900" })
  .nullish()
  .transform((value) => value ?? null);

/** API body for putting someone on the register: a Keywork person, or names. */
export const createEntryBody = z
  .strictObject({
    personId: z.string().max(100).optional().describe("A Keywork person in your partnership; their names are used when none are given and you may read their record"),
    givenName: requiredText("Given name", 100, "Enter a given name").optional(),
    familyName: requiredText("Family name", 100, "Enter a family name").optional(),
    dateOfBirth,
    rating: z.enum(RATINGS, { error: "rating must be red, amber-red, amber, green or blue" }),
    reason: reasonField.optional().describe(`Why the rating was given; "${REASON_NOT_RECORDED}" when left out`),
    nextReviewOn: isoDate("the next review date").optional().describe("Defaults to 1 month for red and amber-red, 3 months for amber, 6 for green"),
    nextReviewDate: isoDate("the next review date").optional().describe("The same as nextReviewOn, named like the plan's dueDate"),
  })
  .superRefine((body, context) => {
    if (body.personId) return;
    if (!body.givenName) context.addIssue({ code: "custom", path: ["givenName"], message: "Send a personId, or the young person's givenName and familyName" });
    if (!body.familyName) context.addIssue({ code: "custom", path: ["familyName"], message: "Send a personId, or the young person's givenName and familyName" });
  });

/** API body for recording an admission to hospital. */
export const createEpisodeBody = z.strictObject({
  admittedOn: isoDate("the admission date"),
  setting: requiredText("The setting", 200, "Enter where they were admitted, for example Tier 4 CAMHS unit, Oakfield"),
});

export const registerListQuery = z.object({
  rating: z.enum(RATINGS, { error: "rating must be red, amber-red, amber, green or blue" }).optional(),
  review: z.enum(["overdue"], { error: "review can only be overdue" }).optional(),
  q: optionalText("The search", 100).optional(),
});

/** "Amira K.": how prompts name someone, no more than needed. */
export function shortName(entry: { givenName: string; familyName: string }): string {
  return `${entry.givenName} ${entry.familyName.slice(0, 1)}.`;
}
