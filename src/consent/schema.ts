import { addMonths } from "../platform/clock.ts";
import { z } from "zod";
import { CONSENT_SCOPES, type ConsentScope } from "../platform/access/index.ts";
import { isRealIsoDate, optionalText } from "../platform/http/validation.ts";

export const CONSENT_TYPES = ["work-with-service", "share-with", "contact-agencies"] as const;
export type ConsentType = (typeof CONSENT_TYPES)[number];

export const CONSENT_TYPE_LABELS: Record<ConsentType, string> = {
  "work-with-service": "To work with the service",
  "share-with": "To share information with a named organisation or person",
  "contact-agencies": "To contact named agencies on their behalf",
};

export const HOW_GIVEN = ["verbal", "written", "electronic", "through-an-advocate", "best-interests"] as const;
export type HowGiven = (typeof HOW_GIVEN)[number];

export const HOW_GIVEN_LABELS: Record<HowGiven, string> = {
  verbal: "Verbally",
  written: "In writing",
  electronic: "Electronically",
  "through-an-advocate": "Through an advocate",
  "best-interests": "Best-interests decision",
};

export const HOW_GIVEN_HINTS: Record<HowGiven, string> = {
  verbal: "They told you, in person or on the phone",
  written: "They signed a form or wrote it down",
  electronic: "By email, text message or an online form",
  "through-an-advocate": "Someone who speaks for them, with their agreement",
  "best-interests": "They could not decide for themselves at the time, so a decision was made in their best interests",
};

/** How each section that can be shared is described to workers; `short` is used in one-line summaries. */
export const SCOPE_LABELS: Record<ConsentScope, { label: string; hint: string; short: string }> = {
  story: { label: "Story", hint: "Their story in their own words", short: "story" },
  contacts: { label: "Contacts", hint: "Contact records and how to reach them", short: "contacts" },
  plan: { label: "Plan", hint: "Their goals and the actions agreed with them", short: "plan" },
  health: { label: "Health", hint: "Health conditions, medication and appointments", short: "health" },
  offending: { label: "Offending", hint: "Offending history, sentences and licence conditions", short: "offending" },
  "wellness-plan": { label: "Wellness plan", hint: "What keeps them well, and their crisis plan", short: "wellness plan" },
};

export type ConsentStatus = "current" | "review-due" | "withdrawn" | "not-yet-started";

/** Consent is reviewed this many months after it is given, unless the worker chooses another date. */
export const REVIEW_MONTHS = 6;

/** Who a consent is with: one of an organisation, a family member of the person, or a description. */
export interface ConsentParty {
  organisationId: string | null;
  familyMemberId: string | null;
  description: string | null;
}

export interface NewConsent {
  type: ConsentType;
  party: ConsentParty;
  scopes: ConsentScope[];
  howGiven: HowGiven;
  givenOn: string;
  /** Null: REVIEW_MONTHS after the given date. */
  reviewOn: string | null;
  note: string | null;
}

/** What may change on a consent; anything absent stays as it is. */
export interface ConsentChanges {
  reviewOn?: string;
  scopes?: ConsentScope[];
  note?: string | null;
  withdrawnOn?: string;
}

export interface NewInformationReceived {
  familyMemberId: string | null;
  /** Who told the service, in words, when not a family member on the record. */
  fromDescription: string | null;
  /** Date and time in the UK, "YYYY-MM-DD" and "HH:MM". */
  receivedOn: string;
  receivedTime: string;
  note: string;
}

export { addMonths };

const isoDate = (field: string) =>
  z.string({ error: `${field} must be a date (YYYY-MM-DD)` }).refine(isRealIsoDate, { error: `${field} must be a real date (YYYY-MM-DD)` });

const scopesField = z
  .array(z.enum(CONSENT_SCOPES, { error: `Each scope must be one of ${CONSENT_SCOPES.join(", ")}` }), { error: "scopes must be a list" })
  .max(CONSENT_SCOPES.length * 2)
  .transform((scopes) => CONSENT_SCOPES.filter((scope) => scopes.includes(scope)));

const noteField = optionalText("Note", 2000);

/** API body for recording a consent. */
export const createConsentBody = z.strictObject({
  type: z.enum(CONSENT_TYPES, { error: `type must be one of ${CONSENT_TYPES.join(", ")}` }),
  party: z
    .strictObject({
      organisationId: z.uuid({ error: "party.organisationId must be an organisation id" }).nullish(),
      familyMemberId: z.uuid({ error: "party.familyMemberId must be a family member id" }).nullish(),
      description: optionalText("party.description", 200),
    })
    .nullish(),
  scopes: scopesField.default([]),
  howGiven: z.enum(HOW_GIVEN, { error: `howGiven must be one of ${HOW_GIVEN.join(", ")}` }),
  givenOn: isoDate("givenOn").optional(),
  reviewOn: isoDate("reviewOn").nullish(),
  note: noteField,
});

/** API body for changing a consent: any of these, with the version last read. */
export const updateConsentBody = z.strictObject({
  version: z.number({ error: "version is required: send the version you last read" }).int().positive(),
  reviewOn: isoDate("reviewOn").optional(),
  scopes: scopesField.optional(),
  note: noteField.optional(),
  withdrawnOn: isoDate("withdrawnOn").optional(),
});
