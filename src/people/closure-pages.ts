import type { FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import { relationshipTo, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import { Forbidden, Invalid } from "../platform/http/errors.ts";
import { formValues, pageContext, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths, routes } from "../platform/http/paths.ts";
import { fieldIssues } from "../platform/http/validation.ts";
import { closeCasePage, reopenCasePage } from "./closure-views.ts";
import { closeCaseForm, reopenCaseForm } from "./schema.ts";
import { closeCase, personHeading, reopenCase } from "./service.ts";

function checklistFrom(body: unknown): string[] {
  const value = (body as Record<string, unknown> | undefined)?.checklist;
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}

/** Closing and re-opening a case: deliberate decisions with a reason, never automatic. */
export const closureRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  async function editable(request: FastifyRequest) {
    const actor = request.actor as Actor;
    const { id } = request.params as { id: string };
    const relationship = await relationshipTo(db, actor, id);
    if (!relationship.mayEdit) throw new Forbidden("Only the person's key workers and their manager can close or re-open the case");
    await audit(db, actor, { action: "person.read", personId: id, detail: { purpose: request.method === "GET" ? "closure-form" : "closure" } });
    return { actor, relationship, person: await personHeading(db, actor.tenantId, id) };
  }

  app.get(routes.personSection("close"), async (request, reply) => {
    const { relationship, person } = await editable(request);
    if (person.closedAt) return reply.redirect(paths.people.reopen(person.id), 303);
    return sendPage(reply, closeCasePage(await pageContext(db, request, reply), person, relationship, { reason: "", checklist: [], issues: [] }));
  });

  app.post(routes.personSection("close"), async (request, reply) => {
    const { actor, relationship, person } = await editable(request);
    const checklist = checklistFrom(request.body);
    const parsed = closeCaseForm.safeParse({ reason: formValues(request.body).reason ?? "", checklist });
    let issues = parsed.success ? [] : fieldIssues(parsed.error);
    if (parsed.success) {
      try {
        await closeCase(db, actor, person.id, parsed.data);
        return redirectWithFlash(db, request, reply, paths.people.show(person.id), { title: "Case closed", text: "It stays in Keywork and can be re-opened at any time." });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, closeCasePage(context, person, relationship, { reason: formValues(request.body).reason ?? "", checklist, issues }), 400);
  });

  app.get(routes.personSection("reopen"), async (request, reply) => {
    const { relationship, person } = await editable(request);
    if (!person.closedAt) return reply.redirect(paths.people.show(person.id), 303);
    return sendPage(reply, reopenCasePage(await pageContext(db, request, reply), person, relationship, { reason: "", issues: [] }));
  });

  app.post(routes.personSection("reopen"), async (request, reply) => {
    const { actor, relationship, person } = await editable(request);
    const parsed = reopenCaseForm.safeParse({ reason: formValues(request.body).reason ?? "" });
    if (!parsed.success) {
      const context = await pageContext(db, request, reply);
      return sendPage(reply, reopenCasePage(context, person, relationship, { reason: formValues(request.body).reason ?? "", issues: fieldIssues(parsed.error) }), 400);
    }
    await reopenCase(db, actor, person.id, parsed.data);
    return redirectWithFlash(db, request, reply, paths.people.show(person.id), { title: "Case re-opened" });
  });
};
