import type { FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, personIdFrom, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths, routes } from "../platform/http/paths.ts";
import { significantEventFormPage } from "./event-views.ts";
import { chronologyOptionsFromQuery, CHRONOLOGY_PAGE_SIZE, formValuesFromEvent, significantEventFromForm, type SignificantEventFormValues } from "./schema.ts";
import * as chronology from "./service.ts";
import { storyHistoryPage } from "./story-views.ts";
import { chronologyPage, chronologyPrintPage } from "./views.ts";

/** The most entries a printed chronology holds. */
const PRINT_LIMIT = 2000;

function eventIdFrom(request: FastifyRequest): string {
  const { eventId } = request.params as { eventId: string };
  if (!isUuid(eventId)) throw new NotFound("Significant event not found");
  return eventId;
}

function versionIssue(values: SignificantEventFormValues): { version: number; issues: FieldIssue[] } {
  const version = Number.parseInt(values.version ?? "", 10);
  return Number.isInteger(version) && version > 0 ? { version, issues: [] } : { version: 0, issues: [{ field: "form", message: "Reload the page and make your changes again" }] };
}

export const chronologyRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(routes.personSection("chronology"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    const query = formValues(request.query);
    const { options, page, print, issues } = chronologyOptionsFromQuery(query);
    const read = await chronology.readChronology(db, actor, personId, {
      ...options,
      limit: print ? PRINT_LIMIT : CHRONOLOGY_PAGE_SIZE,
      offset: print ? 0 : (page - 1) * CHRONOLOGY_PAGE_SIZE,
      purpose: print ? "print" : "page",
    });
    const context = await pageContext(db, request, reply);
    if (print && issues.length === 0) return sendPage(reply, chronologyPrintPage(context, read, options));
    return sendPage(reply, chronologyPage(context, { read, options, page, values: query, issues }), issues.length > 0 ? 400 : 200);
  });

  app.get(routes.personSection("chronology/events/new"), async (request, reply) => {
    const form = await chronology.significantEventForm(db, request.actor as Actor, personIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, significantEventFormPage(context, { mode: "new", context: form, values: {}, issues: [] }));
  });

  app.post(routes.personSection("chronology/events"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    const form = await chronology.significantEventForm(db, actor, personId);
    const values = formValues(request.body) as SignificantEventFormValues;
    const read = significantEventFromForm(values);
    if ("input" in read) {
      await chronology.addSignificantEvent(db, actor, personId, read.input);
      return redirectWithFlash(db, request, reply, paths.people.chronology(personId), { title: "Significant event added", text: read.input.title });
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, significantEventFormPage(context, { mode: "new", context: form, values, issues: read.issues }), 400);
  });

  app.get(paths.significantEvents.edit(":eventId"), async (request, reply) => {
    const { event, ...form } = await chronology.readSignificantEventForEdit(db, request.actor as Actor, eventIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, significantEventFormPage(context, { mode: "edit", context: form, eventId: event.id, values: formValuesFromEvent(event), issues: [] }));
  });

  app.post(paths.significantEvents.update(":eventId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const eventId = eventIdFrom(request);
    const { event, ...form } = await chronology.readSignificantEventForEdit(db, actor, eventId);
    const values = formValues(request.body) as SignificantEventFormValues;
    const read = significantEventFromForm(values);
    const version = versionIssue(values);
    const issues = [...version.issues, ...("issues" in read ? read.issues : [])];
    if (issues.length === 0 && "input" in read) {
      try {
        await chronology.updateSignificantEvent(db, actor, eventId, version.version, read.input);
        return redirectWithFlash(db, request, reply, paths.people.chronology(event.personId), { title: "Significant event changed", text: read.input.title });
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
        const stored = error.current as chronology.SignificantEventRow;
        const context = await pageContext(db, request, reply);
        const page = significantEventFormPage(context, { mode: "edit", context: form, eventId, values: { ...values, version: String(stored.version) }, issues: [], conflict: stored });
        return sendPage(reply, page, 409);
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, significantEventFormPage(context, { mode: "edit", context: form, eventId, values, issues }), 400);
  });

  app.get(routes.personSection("story"), async (request, reply) => {
    const history = await chronology.readStoryHistory(db, request.actor as Actor, personIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, storyHistoryPage(context, history));
  });
};
