import { z } from "zod";
import { isRealIsoDate, optionalText, requiredText, todayIso } from "../platform/http/validation.ts";

export const ENGAGEMENT_STATUSES = ["engaged", "not-yet-engaged", "out-of-contact", "in-prison", "in-hospital", "out-of-area"] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

export const ENGAGEMENT_STATUS_LABELS: Record<EngagementStatus, string> = {
  engaged: "Engaged",
  "not-yet-engaged": "Not yet engaged",
  "out-of-contact": "Out of contact",
  "in-prison": "In prison",
  "in-hospital": "In hospital",
  "out-of-area": "Out of area",
};

export const CONTACT_INTENSITIES = ["high", "medium", "low"] as const;
export type ContactIntensity = (typeof CONTACT_INTENSITIES)[number];

export const CONTACT_INTENSITY_LABELS: Record<ContactIntensity, { label: string; hint: string }> = {
  high: { label: "High", hint: "See them at least every week" },
  medium: { label: "Medium", hint: "See them at least every two weeks" },
  low: { label: "Low", hint: "See them at least every month" },
};

const dateOfBirth = z
  .string({ error: "Enter the date of birth as YYYY-MM-DD" })
  .trim()
  .nullish()
  .transform((value) => (value ? value : null))
  .refine((value) => value === null || isRealIsoDate(value), { error: "Date of birth must be a real date (YYYY-MM-DD)" })
  .refine((value) => value === null || value < todayIso(), { error: "Date of birth must be in the past" })
  .refine((value) => value === null || value >= "1900-01-01", { error: "Date of birth must be after 1900" });

const aliases = z
  .array(z.string({ error: "Each alias must be text" }).trim().max(100, { error: "Each alias must be 100 characters or fewer" }), {
    error: "Aliases must be a list of names",
  })
  .max(20, { error: "Enter no more than 20 aliases" })
  .nullish()
  .transform((values) => [...new Set((values ?? []).filter((value) => value.length > 0))]);

/** The details of a person, as both the form and the API accept them. */
export const personDetailsFields = {
  givenName: requiredText("Given name", 100, "Enter a given name"),
  familyName: requiredText("Family name", 100, "Enter a family name"),
  preferredName: optionalText("Preferred name", 100),
  aliases,
  dateOfBirth,
  pronouns: optionalText("Pronouns", 50),
  phone: optionalText("Phone number", 40).refine((value) => value === null || /^[0-9 +()-]{6,40}$/.test(value), {
    error: "Enter a phone number, like 07700 900 982 or +44 7700 900 982",
  }),
  email: optionalText("Email address", 254).refine((value) => value === null || z.email().safeParse(value).success, {
    error: "Enter an email address in the correct format, like name@example.com",
  }),
  address: optionalText("Address", 500),
  communicationNeeds: optionalText("Communication and accessibility needs", 2000),
  engagementStatus: z.enum(ENGAGEMENT_STATUSES, { error: "Select an engagement status" }),
  contactIntensity: z.enum(CONTACT_INTENSITIES, { error: "Select how often they should be seen" }),
  story: optionalText("Their story", 20000),
};

/** For the form and for creating: how often they are seen defaults to fortnightly. */
export const personDetailsSchema = z.strictObject({ ...personDetailsFields, contactIntensity: personDetailsFields.contactIntensity.default("medium") });
export type PersonDetails = z.output<typeof personDetailsSchema>;

/** API body for creating a person; a manager may name the lead worker. */
export const createPersonBody = z.strictObject({
  ...personDetailsFields,
  engagementStatus: personDetailsFields.engagementStatus.default("engaged"),
  contactIntensity: personDetailsFields.contactIntensity.default("medium"),
  leadWorkerId: z.uuid({ error: "leadWorkerId must be a user id" }).optional(),
});

/** API body for changing a person: any details, plus the version the client last saw. */
// Built from the fields without defaults, so a change to one field never resets another.
export const updatePersonBody = z.strictObject(personDetailsFields).partial().extend({
  version: z.number({ error: "version is required: send the version you last read" }).int().positive(),
});

export const searchQuery = z.object({
  q: z.string().trim().max(200, { error: "Search must be 200 characters or fewer" }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

/** Closing a case is a decision with a reason and a handover checklist, never automatic. */
export const CLOSURE_CHECKLIST = [
  { id: "network", text: "The right network of services is in place around them" },
  { id: "told", text: "They know their case is closing and how to come back" },
  { id: "agencies", text: "The agencies in their team have been told" },
  { id: "handover", text: "Anything still open has been handed over to a named person" },
] as const;

export const closeCaseForm = z.object({
  reason: z
    .string({ error: "Enter why the case is closing" })
    .trim()
    .min(1, { error: "Enter why the case is closing" })
    .max(2000, { error: "Reason must be 2000 characters or fewer" }),
  checklist: z.array(z.string()).default([]),
});

export const reopenCaseForm = z.object({
  reason: z
    .string({ error: "Enter why the case is being re-opened" })
    .trim()
    .min(1, { error: "Enter why the case is being re-opened" })
    .max(2000, { error: "Reason must be 2000 characters or fewer" }),
});
