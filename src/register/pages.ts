import type { FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import { can, type Actor } from "../platform/access/index.ts";
import { ukToday } from "../platform/clock.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { fieldIssues } from "../platform/http/validation.ts";
import { alreadyDonePage, newEntryPage, ratePage, removePage, takeOnPage } from "./entry-form-views.ts";
import { entryPage } from "./entry-views.ts";
import { newEntryFromForm, ratingFromForm, removalFromForm, versionFrom, type FormValues } from "./forms.ts";
import { RATING_LABELS, registerListQuery } from "./schema.ts";
import * as register from "./service.ts";
import type { EntryFilters } from "./store.ts";
import { takeOn, takeOnForm } from "./take-on.ts";
import { registerPage } from "./views.ts";

export function entryIdFrom(request: FastifyRequest): string {
  const { entryId } = request.params as { entryId: string };
  if (!isUuid(entryId)) throw new NotFound("Register entry not found");
  return entryId;
}

const RELOAD: FieldIssue = { field: "form", message: "Reload the page and make your changes again" };

export const registerRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;
  const { clock } = deps;

  app.get(paths.register.list(), async (request, reply) => {
    const actor = request.actor as Actor;
    register.assertMayRead(actor);
    const query = request.query as Record<string, string | undefined>;
    const parsed = registerListQuery.safeParse({ rating: query.rating || undefined, review: query.review || undefined, q: query.q });
    const filters: EntryFilters = parsed.success ? { rating: parsed.data.rating, overdue: parsed.data.review === "overdue", q: parsed.data.q ?? null } : {};
    const page = Math.min(10_000, Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1));
    const read = await register.readRegister(db, actor, clock, { filters, page });
    const context = await pageContext(db, request, reply);
    const issues = parsed.success ? [] : fieldIssues(parsed.error);
    return sendPage(reply, registerPage(context, read, { filters, mayManage: can(actor, "register.manage"), issues }), issues.length > 0 ? 400 : 200);
  });

  app.get(paths.register.new(), async (request, reply) => {
    const form = await register.newEntryForm(db, request.actor as Actor);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, newEntryPage(context, { values: {}, issues: [], people: form.people }));
  });

  app.post(paths.register.create(), async (request, reply) => {
    const actor = request.actor as Actor;
    const form = await register.newEntryForm(db, actor);
    const values = formValues(request.body) as FormValues;
    const read = newEntryFromForm(values, ukToday(clock));
    let issues = "issues" in read ? read.issues : [];
    if ("input" in read) {
      try {
        const { entry, created } = await register.createEntry(db, actor, clock, read.input, { linkAnyPerson: false });
        const title = created
          ? `${entry.givenName} ${entry.familyName} added to the register (${RATING_LABELS[entry.rating].toLowerCase()})`
          : `${entry.givenName} ${entry.familyName} was already on the register: the new rating is recorded`;
        return redirectWithFlash(db, request, reply, paths.register.show(entry.id), { title });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, newEntryPage(context, { values, issues, people: form.people }), 400);
  });

  app.get(paths.register.show(":entryId"), async (request, reply) => {
    const read = await register.readEntry(db, request.actor as Actor, clock, entryIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, entryPage(context, read));
  });

  app.get(paths.register.rate(":entryId"), async (request, reply) => {
    const actor = request.actor as Actor;
    register.assertMayManage(actor);
    const { entry } = await register.readEntry(db, actor, clock, entryIdFrom(request), "rating-form");
    const context = await pageContext(db, request, reply);
    const values: FormValues = { version: String(entry.version), ...(entry.inpatient ? {} : { rating: entry.rating === "blue" ? "" : entry.rating }) };
    return sendPage(reply, ratePage(context, { entry, values, issues: [] }));
  });

  app.post(paths.register.rate(":entryId"), async (request, reply) => {
    const actor = request.actor as Actor;
    register.assertMayManage(actor);
    const { entry } = await register.readEntry(db, actor, clock, entryIdFrom(request), "rating-form");
    const values = formValues(request.body) as FormValues;
    const version = versionFrom(values);
    const read = ratingFromForm(values, entry.inpatient !== null);
    let issues = [...(version === null ? [RELOAD] : []), ...("issues" in read ? read.issues : [])];
    if (issues.length === 0 && "input" in read) {
      try {
        const saved = await register.rateEntry(db, actor, clock, entry.id, version, read.input);
        const title = entry.removedAt ? `${saved.givenName} ${saved.familyName} is back on the register` : `Rating saved: ${RATING_LABELS[saved.rating].toLowerCase()}`;
        return redirectWithFlash(db, request, reply, paths.register.show(saved.id), { title });
      } catch (error) {
        if (error instanceof Conflict) {
          const stored = error.current as register.EntryView;
          const context = await pageContext(db, request, reply);
          return sendPage(reply, ratePage(context, { entry: stored, values: { ...values, version: String(stored.version) }, issues: [], conflict: stored }), 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, ratePage(context, { entry, values, issues }), 400);
  });

  app.get(paths.register.remove(":entryId"), async (request, reply) => {
    const actor = request.actor as Actor;
    register.assertMayManage(actor);
    const { entry } = await register.readEntry(db, actor, clock, entryIdFrom(request), "removal-form");
    const context = await pageContext(db, request, reply);
    if (entry.removedAt) return sendPage(reply, alreadyDonePage(context, entry, "They have already been taken off the register"), 409);
    return sendPage(reply, removePage(context, { entry, values: { version: String(entry.version) }, issues: [] }));
  });

  app.post(paths.register.remove(":entryId"), async (request, reply) => {
    const actor = request.actor as Actor;
    register.assertMayManage(actor);
    const { entry } = await register.readEntry(db, actor, clock, entryIdFrom(request), "removal-form");
    const values = formValues(request.body) as FormValues;
    const version = versionFrom(values);
    const read = removalFromForm(values);
    let issues = [...(version === null ? [RELOAD] : []), ...("issues" in read ? read.issues : [])];
    if (issues.length === 0 && "input" in read && version !== null) {
      try {
        const removed = await register.removeEntry(db, actor, clock, entry.id, version, read.input.reason);
        return redirectWithFlash(db, request, reply, paths.register.show(removed.id), { title: `${removed.givenName} ${removed.familyName} has been taken off the register` });
      } catch (error) {
        if (error instanceof Conflict) {
          const context = await pageContext(db, request, reply);
          const stored = error.current as register.EntryView;
          const message = stored.removedAt ? "They have already been taken off the register" : "Someone else changed this entry after you opened it: check it and try again";
          return sendPage(reply, alreadyDonePage(context, stored, message), 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, removePage(context, { entry, values, issues }), 400);
  });

  app.get(paths.register.takeOn(":entryId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const entryId = entryIdFrom(request);
    try {
      const form = await takeOnForm(db, actor, clock, entryId);
      const context = await pageContext(db, request, reply);
      return sendPage(reply, takeOnPage(context, { form, values: {}, issues: [] }));
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      const context = await pageContext(db, request, reply);
      return sendPage(reply, alreadyDonePage(context, error.current as register.EntryView, error.message), 409);
    }
  });

  app.post(paths.register.takeOn(":entryId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const entryId = entryIdFrom(request);
    const values = formValues(request.body) as FormValues;
    try {
      const form = await takeOnForm(db, actor, clock, entryId);
      let issues: FieldIssue[] = [];
      try {
        const { entry, personId } = await takeOn(db, actor, clock, entryId, values.leadWorkerId || undefined);
        return redirectWithFlash(db, request, reply, paths.people.team(personId), {
          title: `${entry.givenName} ${entry.familyName} has been taken on`,
          text: "Their Keywork record is linked to the register. Check the lead worker and add the team around them.",
        });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
      const context = await pageContext(db, request, reply);
      return sendPage(reply, takeOnPage(context, { form, values, issues }), 400);
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      const context = await pageContext(db, request, reply);
      return sendPage(reply, alreadyDonePage(context, error.current as register.EntryView, error.message), 409);
    }
  });
};
