import { z } from "zod";
import type { FieldIssue } from "../platform/http/errors.ts";
import { isRealIsoDate } from "../platform/http/validation.ts";
import { NEED_DOMAINS, REFERRAL_LIMITS, REGISTER_RATINGS, type NeedDomain, type RegisterRating } from "./schema.ts";

/** What a referral says about the person and the referrer: the same rules for the form, the public link and the API. */
export interface ReferralDetails {
  person: {
    givenName: string;
    familyName: string;
    aliases: string[];
    /** YYYY-MM-DD */
    dateOfBirth: string;
    area: string | null;
    phone: string | null;
  };
  personConsented: boolean;
  needs: NeedDomain[];
  registerRating: RegisterRating | null;
  /** What the referrer wants the service to know, kept as written. */
  reason: string;
  safetyInformation: string | null;
  referrer: {
    name: string;
    organisation: string | null;
    role: string | null;
    email: string | null;
    phone: string | null;
  };
}

/** NUL cannot be stored in text; every other character is kept as written (and escaped when shown). */
function clean(value: unknown): unknown {
  return typeof value === "string" ? value.replace(/\u0000/g, "").trim() : value;
}

function required(label: string, max: number, emptyMessage: string) {
  return z.preprocess(
    clean,
    z
      .string({ error: emptyMessage })
      .min(1, { error: emptyMessage })
      .max(max, { error: `${label} must be ${max} characters or fewer` }),
  );
}

function optional(label: string, max: number) {
  return z.preprocess(
    clean,
    z
      .string({ error: `${label} must be text` })
      .max(max, { error: `${label} must be ${max} characters or fewer` })
      .nullish()
      .transform((value) => (value ? value : null)),
  );
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function optionalEmail(label: string) {
  return optional(label, REFERRAL_LIMITS.shortText).refine((value) => value === null || EMAIL.test(value), {
    error: `${label} must be an email address, like name@example.org`,
  });
}

export const NEEDS_MESSAGE = `Each need must be one of: ${NEED_DOMAINS.join(", ")}`;

/** The person referred. (That the date of birth is in the past is checked against the clock: see `dateOfBirthIssue`.) */
function personSchema() {
  return z.strictObject({
    givenName: required("Given name", REFERRAL_LIMITS.name, "Enter the person's given name"),
    familyName: required("Family name", REFERRAL_LIMITS.name, "Enter the person's family name"),
    aliases: z
      .array(required("Each other name", REFERRAL_LIMITS.name, "Other names cannot be empty"), { error: "Other names must be a list of names" })
      .max(REFERRAL_LIMITS.aliases, { error: `Give at most ${REFERRAL_LIMITS.aliases} other names` })
      .default([]),
    dateOfBirth: z
      .string({ error: "Enter the person's date of birth" })
      .refine(isRealIsoDate, { error: "Date of birth must be a real date, as YYYY-MM-DD" })
      .refine((value) => value > "1900-01-01", { error: "Date of birth must be after 1900" }),
    area: optional("Area", REFERRAL_LIMITS.shortText),
    phone: optional("The person's phone number", REFERRAL_LIMITS.shortText),
  });
}

function referrerSchema() {
  return z.strictObject({
    name: required("Your name", REFERRAL_LIMITS.name, "Enter your name"),
    organisation: optional("Organisation", REFERRAL_LIMITS.shortText),
    role: optional("Role", REFERRAL_LIMITS.shortText),
    email: optionalEmail("Your email address"),
    phone: optional("Your phone number", REFERRAL_LIMITS.shortText),
  });
}

function detailsShape() {
  return {
    person: personSchema(),
    personConsented: z.boolean({ error: "Say whether the person knows about and agrees to the referral" }),
    needs: z
      .array(z.enum(NEED_DOMAINS, { error: NEEDS_MESSAGE }), { error: NEEDS_MESSAGE })
      .min(1, { error: "Select at least one need" })
      .transform((needs) => [...new Set(needs)]),
    registerRating: z
      .enum(REGISTER_RATINGS, { error: `Register rating must be one of: ${REGISTER_RATINGS.join(", ")}` })
      .nullish()
      .transform((value) => value ?? null),
    reason: required("The reason", REFERRAL_LIMITS.reason, "Enter what you want the service to know about the person and why you are referring them"),
    safetyInformation: optional("Safety information", REFERRAL_LIMITS.safetyInformation),
  };
}

function contactRule(details: { referrer: { email: string | null; phone: string | null } }): boolean {
  return details.referrer.email !== null || details.referrer.phone !== null;
}
const CONTACT_MESSAGE = { error: "Give an email address or a phone number, so the service can contact you", path: ["referrer", "email"] };

/** The details of a referral as the public link and the signed-in form send them. */
export const referralDetailsSchema = z.strictObject({ ...detailsShape(), referrer: referrerSchema() }).refine(contactRule, CONTACT_MESSAGE);

/** A date of birth must be before today (the UK date on the clock). */
export function dateOfBirthIssue(dateOfBirth: string, today: string): FieldIssue | null {
  return dateOfBirth < today ? null : { field: "person.dateOfBirth", message: "Date of birth must be in the past" };
}

/**
 * The API's body. The referrer's contact details default to the signed-in account's; `referrer`
 * overrides them (for example a direct phone line).
 */
export const apiReferralSchema = z.strictObject({
  serviceId: z.uuid({ error: "serviceId must be the id of a service in the directory" }),
  ...detailsShape(),
  personConsented: z.boolean({ error: "personConsented must be true or false" }).default(false),
  referrer: z
    .strictObject({
      name: optional("referrer.name", REFERRAL_LIMITS.name),
      organisation: optional("referrer.organisation", REFERRAL_LIMITS.shortText),
      role: optional("referrer.role", REFERRAL_LIMITS.shortText),
      email: optionalEmail("referrer.email"),
      phone: optional("referrer.phone", REFERRAL_LIMITS.shortText),
    })
    .optional(),
});
export type ApiReferralBody = z.output<typeof apiReferralSchema>;
