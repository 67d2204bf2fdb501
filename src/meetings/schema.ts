import { z } from "zod";
import { formatIsoDate } from "../platform/views/format.ts";
import { isRealIsoDate, optionalText, requiredText } from "../platform/http/validation.ts";
import { actionDescriptionSchema, dueDateSchema } from "../plans/schema.ts";

export const MEETING_KINDS = ["case-conference", "cetr", "plan-review"] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** How a meeting is named in a sentence: "CETR on 3 March 2027". */
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  "case-conference": "Case conference",
  cetr: "CETR",
  "plan-review": "Plan review",
};

/** The name in full, for headings and the choice of kind. */
export const MEETING_KIND_NAMES: Record<MeetingKind, string> = {
  "case-conference": "Case conference",
  cetr: "Care, Education and Treatment Review (CETR)",
  "plan-review": "Plan review",
};

export const MEETING_KIND_HINTS: Record<MeetingKind, string> = {
  "case-conference": "Professionals from several agencies, with the person and their family when they want to come",
  cetr: "For autistic people and people with a learning disability at risk of admission to hospital, or in hospital",
  "plan-review": "Going through the plan with the person: what has been done, what is next",
};

/** Held plan reviews and CETRs count as a review of the person's plan. */
export const REVIEWS_THE_PLAN: readonly MeetingKind[] = ["cetr", "plan-review"];

export function isMeetingKind(value: string): value is MeetingKind {
  return (MEETING_KINDS as readonly string[]).includes(value);
}

export const ATTENDEE_KINDS = ["team-member", "professional", "family", "the-person", "other"] as const;
export type AttendeeKind = (typeof ATTENDEE_KINDS)[number];

/** "CETR on 3 March 2027". */
export function meetingLabel(meeting: { kind: MeetingKind; heldOn: string }): string {
  return `${MEETING_KIND_LABELS[meeting.kind]} on ${formatIsoDate(meeting.heldOn)}`;
}

/** A meeting on a date after today is planned; on today or earlier, held. */
export function isHeld(heldOn: string, today: string): boolean {
  return heldOn <= today;
}

export interface AttendeeInput {
  kind: AttendeeKind;
  /** Set for members of the team around the person who have a Keywork account. */
  userId: string | null;
  name: string;
  /** Their role or agency, as the minutes would say it. */
  role: string | null;
  sentApologies: boolean;
}

export interface MeetingInput {
  kind: MeetingKind;
  /** YYYY-MM-DD: a date after today is a planned meeting. */
  heldOn: string;
  location: string | null;
  notes: string | null;
  attendees: AttendeeInput[];
}

/** A recommendation agreed at a meeting: it becomes an action in the person's plan. */
export interface RecommendationInput {
  description: string;
  dueOn: string;
  ownerOrganisationId: string;
  ownerUserId: string | null;
  ownerName: string | null;
}

export const locationSchema = optionalText("Where the meeting is", 200);
export const notesSchema = optionalText("The notes", 20000);
export const ownerNameSchema = optionalText("The named owner", 200);

const meetingDate = z
  .string({ error: "Enter the date of the meeting as YYYY-MM-DD" })
  .refine(isRealIsoDate, { error: "The date of the meeting must be a real date (YYYY-MM-DD)" });

const attendeeBody = z.strictObject({
  name: requiredText("The attendee's name", 200, "Give the attendee's name"),
  role: optionalText("The attendee's role", 200),
  userId: z.string().max(100).nullish().describe("A Keywork user, for members of the team around the person"),
  kind: z.enum(ATTENDEE_KINDS, { error: "kind must be team-member, professional, family, the-person or other" }).optional(),
  sentApologies: z.boolean({ error: "sentApologies must be true or false" }).optional(),
});

export const recommendationBody = z.strictObject({
  description: actionDescriptionSchema,
  dueDate: dueDateSchema,
  ownerOrganisationId: z.string({ error: "ownerOrganisationId is required: the organisation that owns it" }).max(100),
  ownerUserId: z.string().max(100).nullish().describe("A named owner with a Keywork account, working for the owning organisation"),
  ownerName: ownerNameSchema.describe("A named owner without an account, e.g. \"Dr Shah, GP\""),
});

/** API body for recording a meeting, with its attendees and recommendations. */
export const createMeetingBody = z.strictObject({
  kind: z.enum(MEETING_KINDS, { error: "kind must be case-conference, cetr or plan-review" }),
  date: meetingDate.describe("YYYY-MM-DD; a date after today records a planned meeting"),
  location: locationSchema,
  notes: notesSchema,
  attendees: z.array(attendeeBody).max(60, { error: "At most 60 attendees" }).optional(),
  recommendations: z.array(recommendationBody).max(40, { error: "At most 40 recommendations at once" }).optional(),
});

export type CreateMeetingBody = z.output<typeof createMeetingBody>;

/** The API's body, in the service's terms. */
export function meetingFromBody(body: CreateMeetingBody): { meeting: MeetingInput; recommendations: RecommendationInput[] } {
  return {
    meeting: {
      kind: body.kind,
      heldOn: body.date,
      location: body.location,
      notes: body.notes,
      attendees: (body.attendees ?? []).map((attendee) => ({
        kind: attendee.kind ?? (attendee.userId ? "team-member" : "other"),
        userId: attendee.userId ?? null,
        name: attendee.name,
        role: attendee.role,
        sentApologies: attendee.sentApologies ?? false,
      })),
    },
    recommendations: (body.recommendations ?? []).map((recommendation) => ({
      description: recommendation.description,
      dueOn: recommendation.dueDate,
      ownerOrganisationId: recommendation.ownerOrganisationId,
      ownerUserId: recommendation.ownerUserId ?? null,
      ownerName: recommendation.ownerName,
    })),
  };
}

/** The service names fields as the pages do; the API says `date` and `dueDate`. */
export function apiField(field: string): string {
  return field.replace(/^heldOn$/, "date").replace(/\.dueOn$/, ".dueDate");
}
