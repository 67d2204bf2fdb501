import { z } from "zod";
import { optionalText, requiredText } from "../platform/http/validation.ts";

export const CONTACT_TYPES = ["face-to-face", "phone", "text", "email", "outreach-attempt", "did-not-attend", "professional-contact"] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];

export const CONTACT_TYPE_LABELS: Record<ContactType, string> = {
  "face-to-face": "Face to face",
  phone: "Phone call",
  text: "Text message",
  email: "Email",
  "outreach-attempt": "Outreach attempt (not found)",
  "did-not-attend": "Did not attend",
  "professional-contact": "With another professional",
};

export const CONTACT_LOCATIONS = ["street", "cafe", "home", "hostel", "day-centre", "prison", "court", "hospital", "office", "other"] as const;
export type ContactLocation = (typeof CONTACT_LOCATIONS)[number];

export const CONTACT_LOCATION_LABELS: Record<ContactLocation, string> = {
  street: "Street",
  cafe: "Café",
  home: "Their home",
  hostel: "Hostel",
  "day-centre": "Day centre",
  prison: "Prison",
  court: "Court",
  hospital: "Hospital",
  office: "Office",
  other: "Somewhere else",
};

export const WORK_KINDS = ["support", "co-ordination"] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

export const WORK_KIND_LABELS: Record<WorkKind, string> = {
  support: "Support work (with them)",
  "co-ordination": "Co-ordination (with the agencies around them)",
};

export const CONTACT_PURPOSES = ["emotional-support", "practical-support", "information-and-advice", "advocacy", "co-ordination", "crisis"] as const;
export type ContactPurpose = (typeof CONTACT_PURPOSES)[number];

export const CONTACT_PURPOSE_LABELS: Record<ContactPurpose, string> = {
  "emotional-support": "Emotional support",
  "practical-support": "Practical support",
  "information-and-advice": "Information and advice",
  advocacy: "Advocacy",
  "co-ordination": "Co-ordination",
  crisis: "Crisis",
};

export const APPOINTMENT_STATUSES = ["planned", "attended", "did-not-attend", "cancelled"] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  planned: "Planned",
  attended: "Attended",
  "did-not-attend": "Did not attend",
  cancelled: "Cancelled",
};

/** Labels for any stored value, falling back to the value itself (older or imported records). */
export function labelOf<Key extends string>(labels: Record<Key, string>, value: string | null): string | null {
  if (value === null) return null;
  return (labels as Record<string, string>)[value] ?? value;
}

export const MAX_DURATION_MINUTES = 24 * 60;

/** What a contact says, as the service takes it from the form or the API. */
export interface ContactDetails {
  type: ContactType;
  occurredAt: Date;
  durationMinutes: number | null;
  location: ContactLocation | null;
  workKind: WorkKind | null;
  purpose: ContactPurpose | null;
  note: string | null;
}

const optionalChoice = <Values extends readonly [string, ...string[]]>(values: Values, message: string) =>
  z
    .enum(values, { error: message })
    .nullish()
    .transform((value) => value ?? null);

const durationMinutes = z
  .number({ error: "durationMinutes must be a whole number of minutes" })
  .int({ error: "durationMinutes must be a whole number of minutes" })
  .min(1, { error: "durationMinutes must be at least 1" })
  .max(MAX_DURATION_MINUTES, { error: `durationMinutes must be ${MAX_DURATION_MINUTES} or fewer` })
  .nullish()
  .transform((value) => value ?? null);

const occurredAt = z.iso
  .datetime({ offset: true, error: "occurredAt must be an ISO date and time with a time zone, like 2026-03-03T14:30:00Z" })
  .transform((value) => new Date(value));

const contactFields = {
  type: z.enum(CONTACT_TYPES, { error: `type must be one of: ${CONTACT_TYPES.join(", ")}` }),
  occurredAt: occurredAt.optional(),
  durationMinutes,
  location: optionalChoice(CONTACT_LOCATIONS, `location must be one of: ${CONTACT_LOCATIONS.join(", ")}`),
  workKind: optionalChoice(WORK_KINDS, `workKind must be one of: ${WORK_KINDS.join(", ")}`),
  purpose: optionalChoice(CONTACT_PURPOSES, `purpose must be one of: ${CONTACT_PURPOSES.join(", ")}`),
  note: optionalText("note", 10_000),
};

/** API body for recording a contact: only the type is needed; occurredAt defaults to now. */
export const createContactBody = z.strictObject(contactFields);

/** API body for changing a contact: any fields, plus the version the client last read. */
export const updateContactBody = z.strictObject({
  type: contactFields.type.optional(),
  occurredAt: contactFields.occurredAt,
  // Optional outside the transform: a field left out stays as it is; null clears it.
  durationMinutes: contactFields.durationMinutes.optional(),
  location: contactFields.location.optional(),
  workKind: contactFields.workKind.optional(),
  purpose: contactFields.purpose.optional(),
  note: contactFields.note.optional(),
  version: z.number({ error: "version is required: send the version you last read" }).int().positive(),
});

/** What an appointment says, as the service takes it. */
export interface AppointmentDetails {
  startsAt: Date;
  durationMinutes: number;
  place: string;
  purpose: string | null;
}

export const MAX_APPOINTMENT_MINUTES = 12 * 60;

/** API body for booking an appointment. */
export const createAppointmentBody = z.strictObject({
  startsAt: z.iso
    .datetime({ offset: true, error: "startsAt must be an ISO date and time with a time zone, like 2026-03-03T14:30:00Z" })
    .transform((value) => new Date(value)),
  durationMinutes: z
    .number({ error: "durationMinutes must be a whole number of minutes" })
    .int({ error: "durationMinutes must be a whole number of minutes" })
    .min(5, { error: "durationMinutes must be at least 5" })
    .max(MAX_APPOINTMENT_MINUTES, { error: `durationMinutes must be ${MAX_APPOINTMENT_MINUTES} or fewer` })
    .default(60),
  place: requiredText("place", 200, "place is required: where you will meet"),
  purpose: optionalText("purpose", 200),
});

export const pageQuery = z.object({
  page: z.coerce.number({ error: "page must be a number" }).int().min(1).max(10_000).optional(),
});
