import type { FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { ukToday } from "../platform/clock.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, personIdFrom, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import * as actions from "./action-service.ts";
import { actionFormPage, actionPage } from "./action-views.ts";
import { actionChangesFromForm, actionFormValues, actionFromForm, RELOAD, versionFrom, type ActionFormValues } from "./forms.ts";
import { ownerLine } from "./present.ts";
import { ACTION_STATUS_LABELS } from "./schema.ts";
import * as plans from "./service.ts";

function actionIdFrom(request: FastifyRequest): string {
  const { actionId } = request.params as { actionId: string };
  if (!isUuid(actionId)) throw new NotFound("Action not found");
  return actionId;
}

/** Adding an action, an action's page with its history, and changing it. */
export const actionRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;
  const today = () => ukToday(deps.clock);

  app.get(paths.people.newAction(":id"), async (request, reply) => {
    const form = await plans.planForm(db, request.actor as Actor, personIdFrom(request), "action-form");
    const { goal } = request.query as { goal?: string };
    const values: ActionFormValues = {
      ownerOrganisationId: form.organisations.find((organisation) => organisation.own)?.id ?? "",
      goalId: goal && form.goals.some((known) => known.id === goal) ? goal : "",
    };
    return sendPage(reply, actionFormPage(await pageContext(db, request, reply), { mode: "new", rights: "all", ...form, goals: form.goals.filter((known) => known.status === "active"), values, issues: [] }));
  });

  app.post(paths.people.actions(":id"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    const form = await plans.planForm(db, actor, personId, "action-form");
    const values = formValues(request.body) as ActionFormValues;
    const read = actionFromForm(values);
    let issues: FieldIssue[] = "issues" in read ? read.issues : [];
    if ("input" in read) {
      try {
        const action = await actions.createAction(db, actor, personId, read.input, today());
        return redirectWithFlash(db, request, reply, paths.people.plan(personId), { title: "Action added", text: `${action.description} – ${ownerLine(action)}, due ${formatIsoDate(action.dueOn)}.` });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const page = actionFormPage(await pageContext(db, request, reply), { mode: "new", rights: "all", ...form, goals: form.goals.filter((known) => known.status === "active"), values, issues });
    return sendPage(reply, page, 400);
  });

  app.get(paths.actions.show(":actionId"), async (request, reply) => {
    const view = await actions.readAction(db, request.actor as Actor, actionIdFrom(request), today());
    return sendPage(reply, actionPage(await pageContext(db, request, reply), view));
  });

  app.get(paths.actions.edit(":actionId"), async (request, reply) => {
    const form = await actions.readActionForEdit(db, request.actor as Actor, actionIdFrom(request), today());
    const rights = form.rights === "all" ? "all" : "status-and-evidence";
    return sendPage(reply, actionFormPage(await pageContext(db, request, reply), { mode: "edit", ...form, rights, values: actionFormValues(form.action), issues: [] }));
  });

  app.post(paths.actions.update(":actionId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const actionId = actionIdFrom(request);
    const form = await actions.readActionForEdit(db, actor, actionId, today());
    const rights = form.rights === "all" ? "all" : "status-and-evidence";
    const values = formValues(request.body) as ActionFormValues;
    const version = versionFrom(values);
    const read = actionChangesFromForm(values, rights);
    let issues = [...(version === null ? [RELOAD] : []), ...("issues" in read ? read.issues : [])];
    if (issues.length === 0 && "input" in read && version !== null) {
      try {
        const saved = await actions.updateAction(db, actor, actionId, version, read.input, today());
        const title = saved.status !== form.action.status ? `Action marked “${ACTION_STATUS_LABELS[saved.status].toLowerCase()}”` : "Action saved";
        return redirectWithFlash(db, request, reply, paths.actions.show(actionId), { title });
      } catch (error) {
        if (error instanceof Conflict) {
          const stored = error.current as plans.ActionView;
          const kept = { ...values, version: String(stored.version) };
          const page = actionFormPage(await pageContext(db, request, reply), { mode: "edit", ...form, action: stored, rights, values: kept, issues: [], conflict: stored });
          return sendPage(reply, page, 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    return sendPage(reply, actionFormPage(await pageContext(db, request, reply), { mode: "edit", ...form, rights, values, issues }), 400);
  });
};
