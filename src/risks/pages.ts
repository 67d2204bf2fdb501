import type { FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, personIdFrom, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths, routes } from "../platform/http/paths.ts";
import { riskFormPage } from "./form-views.ts";
import { formValuesForNewRisk, formValuesFromRisk, RISK_CATEGORY_LABELS, riskFromForm, type RiskFormValues } from "./schema.ts";
import * as risks from "./service.ts";
import { risksPage } from "./views.ts";

function riskIdFrom(request: FastifyRequest): string {
  const { riskId } = request.params as { riskId: string };
  if (!isUuid(riskId)) throw new NotFound("Risk not found");
  return riskId;
}

export const riskRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(routes.personSection("risks"), async (request, reply) => {
    const view = await risks.readRisks(db, request.actor as Actor, personIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, risksPage(context, view));
  });

  app.get(routes.personSection("risks/new"), async (request, reply) => {
    const form = await risks.riskForm(db, request.actor as Actor, personIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, riskFormPage(context, { mode: "new", context: form, values: formValuesForNewRisk(), issues: [] }));
  });

  app.post(routes.personSection("risks"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    const form = await risks.riskForm(db, actor, personId);
    const values = formValues(request.body) as RiskFormValues;
    const read = riskFromForm(values);
    let issues = "issues" in read ? read.issues : [];
    if ("input" in read) {
      try {
        const risk = await risks.createRisk(db, actor, personId, read.input);
        return redirectWithFlash(db, request, reply, paths.people.risks(personId), { title: `${RISK_CATEGORY_LABELS[risk.category]} added` });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, riskFormPage(context, { mode: "new", context: form, values, issues }), 400);
  });

  app.get(paths.risks.edit(":riskId"), async (request, reply) => {
    const { risk, ...form } = await risks.readRiskForEdit(db, request.actor as Actor, riskIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, riskFormPage(context, { mode: "edit", context: form, risk, values: formValuesFromRisk(risk), issues: [] }));
  });

  app.post(paths.risks.update(":riskId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const riskId = riskIdFrom(request);
    const { risk, ...form } = await risks.readRiskForEdit(db, actor, riskId);
    const values = formValues(request.body) as RiskFormValues;
    const version = Number.parseInt(values.version ?? "", 10);
    const closing = values.action === "close" || values.action === "reopen";
    let issues: FieldIssue[] = Number.isInteger(version) && version > 0 ? [] : [{ field: "form", message: "Reload the page and make your changes again" }];
    const read = closing ? null : riskFromForm(values);
    if (read && "issues" in read) issues = [...issues, ...read.issues];
    if (issues.length === 0) {
      try {
        const changes = read && "input" in read ? read.input : { status: values.action === "close" ? ("closed" as const) : ("current" as const) };
        const saved = await risks.updateRisk(db, actor, riskId, version, changes);
        const what = RISK_CATEGORY_LABELS[saved.category];
        const title = values.action === "close" ? `${what} closed` : values.action === "reopen" ? `${what} reopened` : "Changes saved";
        return redirectWithFlash(db, request, reply, paths.people.risks(saved.personId), { title });
      } catch (error) {
        if (error instanceof Conflict) {
          const stored = error.current as risks.RiskView;
          const kept = closing ? formValuesFromRisk(stored) : { ...values, version: String(stored.version) };
          const context = await pageContext(db, request, reply);
          return sendPage(reply, riskFormPage(context, { mode: "edit", context: form, risk: stored, values: kept, issues: [], conflict: stored }), 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    const shown = closing ? formValuesFromRisk(risk) : values;
    return sendPage(reply, riskFormPage(context, { mode: "edit", context: form, risk, values: shown, issues }), 400);
  });
};
