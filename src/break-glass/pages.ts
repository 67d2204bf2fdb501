import type { FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { ukToday } from "../platform/clock.ts";
import { Conflict, Invalid } from "../platform/http/errors.ts";
import { formValues, pageContext, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { fieldIssues } from "../platform/http/validation.ts";
import { whoseRecord, reportPage, reviewPage } from "./report-views.ts";
import { criteriaFromQuery, isSearching, openFromForm, reportQuery, reviewFromForm } from "./schema.ts";
import * as breakGlass from "./service.ts";
import { confirmPage, searchPage } from "./views.ts";

function grantIdFrom(request: FastifyRequest): string {
  return (request.params as { grantId: string }).grantId;
}

function queryValues(request: FastifyRequest): Record<string, string | undefined> {
  return formValues(request.query);
}

export const breakGlassRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;
  const { clock } = deps;

  app.get(paths.breakGlass.search(), async (request, reply) => {
    const actor = request.actor as Actor;
    breakGlass.assertMayOpen(actor);
    const values = queryValues(request);
    if (!isSearching(values)) {
      const context = await pageContext(db, request, reply);
      return sendPage(reply, searchPage(context, { values, issues: [], found: null }));
    }
    const read = criteriaFromQuery(values, ukToday(clock));
    if ("issues" in read) {
      const context = await pageContext(db, request, reply);
      return sendPage(reply, searchPage(context, { values, issues: read.issues, found: null }), 400);
    }
    const criteria = read.input;
    if (values.personId) {
      const match = await breakGlass.matchFor(db, actor, criteria, values.personId);
      if (match.alreadyVisible) return reply.redirect(paths.people.show(match.personId), 303);
      const context = await pageContext(db, request, reply);
      return sendPage(reply, confirmPage(context, { criteria, match, values: {}, issues: [] }));
    }
    const matches = await breakGlass.search(db, actor, criteria);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, searchPage(context, { values, issues: [], found: { criteria, matches } }));
  });

  app.post(paths.breakGlass.open(), async (request, reply) => {
    const actor = request.actor as Actor;
    breakGlass.assertMayOpen(actor);
    const values = formValues(request.body);
    // The person was found by name and date of birth: without them, search again.
    const read = criteriaFromQuery(values, ukToday(clock));
    if ("issues" in read || !values.personId) {
      const context = await pageContext(db, request, reply);
      const issues = "issues" in read ? read.issues : [{ field: "givenName", message: "Search for the person, then choose the record to open" }];
      return sendPage(reply, searchPage(context, { values, issues, found: null }), 400);
    }
    const criteria = read.input;
    const match = await breakGlass.matchFor(db, actor, criteria, values.personId);
    const opening = openFromForm(values, match.personId);
    let issues = "issues" in opening ? opening.issues : [];
    if ("input" in opening) {
      try {
        await breakGlass.openRecord(db, actor, clock, criteria, opening.input);
        return reply.redirect(paths.people.show(match.personId), 303);
      } catch (error) {
        if (error instanceof Conflict) return redirectWithFlash(db, request, reply, paths.people.show(match.personId), { title: "You already have access to this record" });
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, confirmPage(context, { criteria, match, values, issues }), 400);
  });

  app.post(paths.breakGlass.end(":grantId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const fromReport = formValues(request.body).from === "report";
    let grant: breakGlass.GrantRow;
    let title: string;
    try {
      grant = await breakGlass.endAccess(db, actor, clock, grantIdFrom(request));
      title = "Break-glass access ended";
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      grant = error.current as breakGlass.GrantRow;
      title = "This break-glass access had already ended";
    }
    if (grant.userId === actor.userId && !fromReport) {
      return redirectWithFlash(db, request, reply, paths.breakGlass.search(), { title, text: `You can no longer see the record of ${grant.givenName} ${grant.familyName}.` });
    }
    return redirectWithFlash(db, request, reply, paths.breakGlass.review(grant.id), { title, text: `Access to the record of ${whoseRecord(actor, grant)} by ${grant.openedByName} has ended.` });
  });

  app.get(paths.breakGlass.report(), async (request, reply) => {
    const actor = request.actor as Actor;
    breakGlass.assertMayReview(actor);
    const values = queryValues(request);
    const parsed = reportQuery.safeParse({ status: values.status || undefined, page: values.page || undefined });
    const query = parsed.success ? parsed.data : {};
    const report = await breakGlass.readReport(db, actor, query);
    const context = await pageContext(db, request, reply);
    const issues = parsed.success ? [] : fieldIssues(parsed.error);
    return sendPage(reply, reportPage(context, report, { status: query.status, issues }), issues.length > 0 ? 400 : 200);
  });

  app.get(paths.breakGlass.review(":grantId"), async (request, reply) => {
    const grant = await breakGlass.grantToReview(db, request.actor as Actor, grantIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, reviewPage(context, grant, { values: {}, issues: [] }));
  });

  app.post(paths.breakGlass.review(":grantId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const grant = await breakGlass.grantToReview(db, actor, grantIdFrom(request));
    const values = formValues(request.body);
    const read = reviewFromForm(values);
    if ("input" in read) {
      try {
        await breakGlass.review(db, actor, clock, grant.id, read.input);
        return redirectWithFlash(db, request, reply, paths.breakGlass.report(), { title: "Review recorded", text: `Break-glass access by ${grant.openedByName} to the record of ${whoseRecord(actor, grant)}.` });
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
        const context = await pageContext(db, request, reply);
        const stored = await breakGlass.readGrant(db, actor, grant.id);
        return sendPage(reply, reviewPage(context, stored, { values: {}, issues: [{ field: "main-content", message: error.message }] }), 409);
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, reviewPage(context, grant, { values, issues: read.issues }), 400);
  });
};
