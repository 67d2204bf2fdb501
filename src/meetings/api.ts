import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { ukToday } from "../platform/clock.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { Invalid } from "../platform/http/errors.ts";
import { paths } from "../platform/http/paths.ts";
import { ACTION_STATUSES } from "../plans/schema.ts";
import { presentMeetingForApi, presentRecommendationForApi } from "./present.ts";
import { apiField, ATTENDEE_KINDS, createMeetingBody, MEETING_KINDS, meetingFromBody } from "./schema.ts";
import { createMeeting } from "./recording.ts";
import * as meetings from "./service.ts";

// Any text: an id that is not a UUID is simply something that is not found.
const personIdParams = z.object({ id: z.string().max(100) });
const meetingIdParams = z.object({ meetingId: z.string().max(100) });

const named = z.object({ id: z.string(), name: z.string() });

const recommendationResponse = z.object({
  id: z.string().describe("The action's id: a recommendation is an action in the person's plan"),
  personId: z.string(),
  meetingId: z.string(),
  description: z.string(),
  dueDate: z.string().describe("YYYY-MM-DD"),
  status: z.enum(ACTION_STATUSES),
  overdue: z.boolean(),
  ownerOrganisation: named,
  ownerOrganisationId: z.string(),
  owner: named.nullable().describe("The named owner with a Keywork account"),
  ownerName: z.string().nullable().describe("A named owner without an account"),
  evidence: z.string().nullable(),
  completedAt: z.string().nullable(),
  version: z.number().int().describe("Send it back when changing the action (PATCH /api/v1/actions/{id})"),
});

const meetingResponse = z.object({
  id: z.string(),
  personId: z.string(),
  kind: z.enum(MEETING_KINDS),
  kindName: z.string(),
  date: z.string().describe("YYYY-MM-DD"),
  status: z.enum(["planned", "held"]).describe("planned when the date is after today"),
  location: z.string().nullable(),
  notes: z.string().nullable().describe("null when the plan is not shared with your organisation"),
  planShared: z.boolean().describe("false for a partner the plan is not shared with: no notes, and only their organisation's recommendations"),
  attendees: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(ATTENDEE_KINDS),
      userId: z.string().nullable(),
      name: z.string(),
      role: z.string().nullable(),
      sentApologies: z.boolean(),
    }),
  ),
  recommendations: z.array(recommendationResponse),
  counts: z.object({ outstanding: z.number().int(), overdue: z.number().int(), done: z.number().int(), cancelled: z.number().int() }),
  createdBy: named.nullable(),
  updatedBy: named.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

export const meetingsApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;
  const today = () => ukToday(deps.clock);

  api.add(app, {
    method: "GET",
    url: paths.api.personMeetings(":id"),
    summary: "A person's meetings (case conferences, CETRs, plan reviews): planned first, then held, with attendees and recommendations",
    tags: ["Meetings"],
    access: "signed-in",
    params: personIdParams,
    responses: {
      200: { description: "The meetings; notes and recommendations as the plan is shared with you", schema: z.object({ items: z.array(meetingResponse) }) },
      403: { description: "Meetings are not shared with peer mentors and family members", schema: apiErrorSchema },
      404: { description: "No such person, or not one you may see", schema: apiErrorSchema },
    },
    handler: async ({ actor, params }) => {
      const view = await meetings.readMeetings(db, actor, params.id, today());
      return { items: view.meetings.map((meeting) => presentMeetingForApi(meeting, view.recommendations, { today: view.today, planShared: view.access.seesPlan })) };
    },
  });

  api.add(app, {
    method: "POST",
    url: paths.api.personMeetings(":id"),
    summary: "Record a meeting: planned when its date is after today; when held, each recommendation becomes an action in the plan. A held CETR or plan review reviews the plan",
    tags: ["Meetings"],
    access: "signed-in",
    params: personIdParams,
    body: createMeetingBody,
    responses: {
      201: { description: "Recorded, with its recommendations as actions", schema: meetingResponse },
      400: { description: "Not valid: each issue names its field, e.g. recommendations.0.dueDate", schema: apiErrorSchema },
      403: { description: "Only the person's key workers and their manager may record meetings", schema: apiErrorSchema },
      404: { description: "No such person, or not one you may see", schema: apiErrorSchema },
    },
    handler: async ({ actor, params, body, reply }) => {
      const current = today();
      try {
        const saved = await createMeeting(db, actor, params.id, meetingFromBody(body), current);
        reply.status(201).header("location", paths.api.meeting(saved.meeting.id));
        return presentMeetingForApi(saved.meeting, saved.recommendations, { today: current, planShared: true });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        throw new Invalid(error.issues.map((issue) => ({ ...issue, field: apiField(issue.field) })));
      }
    },
  });

  api.add(app, {
    method: "GET",
    url: paths.api.meeting(":meetingId"),
    summary: "One meeting with its attendees, its recommendations and the still-open recommendations of earlier meetings",
    tags: ["Meetings"],
    access: "signed-in",
    params: meetingIdParams,
    responses: {
      200: { description: "The meeting", schema: meetingResponse.extend({ carriedOver: z.array(recommendationResponse) }) },
      403: { description: "Meetings are not shared with peer mentors and family members", schema: apiErrorSchema },
      404: { description: "No such meeting, or not one you may see", schema: apiErrorSchema },
    },
    handler: async ({ actor, params }) => {
      const view = await meetings.readMeeting(db, actor, params.meetingId, today());
      return {
        ...presentMeetingForApi(view.meeting, view.recommendations, { today: view.today, planShared: view.access.seesPlan }),
        carriedOver: view.carriedOver.map(presentRecommendationForApi),
      };
    },
  });
};
