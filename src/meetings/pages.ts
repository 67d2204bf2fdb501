import type { FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { ukToday } from "../platform/clock.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, personIdFrom, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths, routes } from "../platform/http/paths.ts";
import { plural } from "../platform/views/format.ts";
import { formIssues, formValuesForNewMeeting, formValuesFromMeeting, parseMeetingForm, readMeetingForm, readRecommendationRow } from "./form.ts";
import { meetingFormPage } from "./form-views.ts";
import { addRecommendation, createMeeting, updateMeeting } from "./recording.ts";
import { isHeld, meetingLabel } from "./schema.ts";
import * as meetings from "./service.ts";
import { meetingPage, meetingsPage } from "./views.ts";

function meetingIdFrom(request: FastifyRequest): string {
  const { meetingId } = request.params as { meetingId: string };
  if (!isUuid(meetingId)) throw new NotFound("Meeting not found");
  return meetingId;
}

export const meetingRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;
  const today = () => ukToday(deps.clock);

  app.get(routes.personSection("meetings"), async (request, reply) => {
    const view = await meetings.readMeetings(db, request.actor as Actor, personIdFrom(request), today());
    return sendPage(reply, meetingsPage(await pageContext(db, request, reply), view));
  });

  app.get(routes.personSection("meetings/new"), async (request, reply) => {
    const form = await meetings.meetingForm(db, request.actor as Actor, personIdFrom(request), today());
    const { kind } = request.query as { kind?: string };
    return sendPage(reply, meetingFormPage(await pageContext(db, request, reply), { mode: "new", context: form, values: formValuesForNewMeeting(kind), issues: [] }));
  });

  app.post(routes.personSection("meetings"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    const form = await meetings.meetingForm(db, actor, personId, today());
    const values = readMeetingForm(request.body);
    const read = parseMeetingForm(values, form.candidates, { withRecommendations: true });
    let issues = "issues" in read ? read.issues : [];
    if ("parsed" in read) {
      try {
        const saved = await createMeeting(db, actor, personId, read.parsed, form.today);
        const count = saved.recommendations.length;
        const held = isHeld(saved.meeting.heldOn, form.today);
        const title = held ? `${meetingLabel(saved.meeting)} recorded` : `${meetingLabel(saved.meeting)} planned`;
        const text = held ? `${plural(count, "recommendation")} added to the plan as actions.` : "Everyone in the team around them can see it.";
        return redirectWithFlash(db, request, reply, paths.meetings.show(saved.meeting.id), { title, text });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = formIssues(error.issues, read.parsed.rows);
      }
    }
    return sendPage(reply, meetingFormPage(await pageContext(db, request, reply), { mode: "new", context: form, values, issues }), 400);
  });

  app.get(paths.meetings.show(":meetingId"), async (request, reply) => {
    const view = await meetings.readMeeting(db, request.actor as Actor, meetingIdFrom(request), today());
    return sendPage(reply, meetingPage(await pageContext(db, request, reply), view));
  });

  app.get(paths.meetings.edit(":meetingId"), async (request, reply) => {
    const form = await meetings.readMeetingForEdit(db, request.actor as Actor, meetingIdFrom(request), today());
    const values = formValuesFromMeeting(form.meeting, form.meeting.attendees, form.candidates);
    return sendPage(reply, meetingFormPage(await pageContext(db, request, reply), { mode: "edit", context: form, values, issues: [] }));
  });

  app.post(paths.meetings.update(":meetingId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const meetingId = meetingIdFrom(request);
    const form = await meetings.readMeetingForEdit(db, actor, meetingId, today());
    const values = readMeetingForm(request.body);
    const version = Number.parseInt(values.fields.version ?? "", 10);
    let issues: FieldIssue[] = Number.isInteger(version) && version > 0 ? [] : [{ field: "form", message: "Reload the page and make your changes again" }];
    const read = parseMeetingForm(values, form.candidates, { withRecommendations: false });
    if ("issues" in read) issues = [...issues, ...read.issues];
    if (issues.length === 0 && "parsed" in read) {
      try {
        const saved = await updateMeeting(db, actor, meetingId, version, read.parsed.meeting, form.today);
        return redirectWithFlash(db, request, reply, paths.meetings.show(saved.id), { title: "Changes saved" });
      } catch (error) {
        if (error instanceof Conflict) {
          const stored = error.current as meetings.MeetingDetail;
          const kept = { ...values, fields: { ...values.fields, version: String(stored.version) } };
          return sendPage(reply, meetingFormPage(await pageContext(db, request, reply), { mode: "edit", context: form, values: kept, issues: [], conflict: stored }), 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    return sendPage(reply, meetingFormPage(await pageContext(db, request, reply), { mode: "edit", context: form, values, issues }), 400);
  });

  app.post(paths.meetings.recommendations(":meetingId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const meetingId = meetingIdFrom(request);
    const view = await meetings.readMeeting(db, actor, meetingId, today());
    if (!view.access.mayEdit) throw new Forbidden(meetings.MAY_NOT_EDIT);
    const values = formValues(request.body);
    const row = readRecommendationRow(values, 0, null);
    let issues: FieldIssue[] = row === null ? [{ field: "rec-0-description", message: "Describe what will be done" }] : "issues" in row ? row.issues : [];
    if (row && "input" in row) {
      try {
        const added = await addRecommendation(db, actor, meetingId, row.input, view.today);
        return redirectWithFlash(db, request, reply, paths.meetings.show(meetingId), { title: "Recommendation added", text: `“${added.description}” is now an action in the plan.` });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues.map((issue) => ({ ...issue, field: `rec-0-${issue.field}` }));
      }
    }
    return sendPage(reply, meetingPage(await pageContext(db, request, reply), view, { values, issues }), 400);
  });
};
