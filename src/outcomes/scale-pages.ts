import type { FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { fieldsFromDomains } from "./scale-form.ts";
import * as scales from "./scales.ts";
import type { ScaleRow } from "./store.ts";
import { scaleFormPage, scaleListPage } from "./scale-views.ts";

function scaleIdFrom(request: FastifyRequest): string {
  const { scaleId } = request.params as { scaleId: string };
  if (typeof scaleId !== "string" || scaleId.length > 100) throw new NotFound("Outcome scale not found");
  return scaleId;
}

function valuesFromScale(scale: ScaleRow): Record<string, string> {
  return { name: scale.name, description: scale.description ?? "", ...fieldsFromDomains(scale.domains), version: String(scale.version) };
}

const EXAMPLE = [
  {
    key: "getting-out",
    name: "Getting out and about",
    minimum: 1,
    maximum: 3,
    points: [
      { score: 1, description: "I hardly leave the house." },
      { score: 2, description: "I go out when I have to." },
      { score: 3, description: "I get out most days, and I enjoy it." },
    ],
  },
];

export const outcomeScaleRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(paths.settings.outcomeScales(), async (request, reply) => {
    const list = await scales.listScales(db, request.actor as Actor);
    return sendPage(reply, scaleListPage(await pageContext(db, request, reply), list));
  });

  app.get(paths.settings.newOutcomeScale(), async (request, reply) => {
    scales.assertMayManageScales(request.actor as Actor);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, scaleFormPage(context, { values: fieldsFromDomains(EXAMPLE), issues: [] }));
  });

  app.post(paths.settings.outcomeScales(), async (request, reply) => {
    const actor = request.actor as Actor;
    scales.assertMayManageScales(actor);
    const values = formValues(request.body);
    const read = scales.scaleFromForm(values);
    let issues: FieldIssue[] = "issues" in read ? read.issues : [];
    if ("input" in read) {
      try {
        await scales.createScale(db, actor, read.input);
        return redirectWithFlash(db, request, reply, paths.settings.outcomeScales(), { title: `“${read.input.name}” added` });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, scaleFormPage(context, { values, issues }), 400);
  });

  app.get(paths.settings.outcomeScale(":scaleId"), async (request, reply) => {
    const scale = await scales.readScale(db, request.actor as Actor, scaleIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, scaleFormPage(context, { scale, values: valuesFromScale(scale), issues: [] }));
  });

  app.post(paths.settings.outcomeScale(":scaleId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const scale = await scales.readScale(db, actor, scaleIdFrom(request));
    const values = formValues(request.body);
    const version = Number.parseInt(values.version ?? "", 10);
    const read = scales.scaleFromForm(values);
    let issues: FieldIssue[] = [...(Number.isInteger(version) && version > 0 ? [] : [{ field: "form", message: "Reload the page and make your changes again" }]), ...("issues" in read ? read.issues : [])];
    if (issues.length === 0 && "input" in read) {
      try {
        await scales.updateScale(db, actor, scale.id, version, read.input);
        return redirectWithFlash(db, request, reply, paths.settings.outcomeScales(), { title: `“${read.input.name}” saved` });
      } catch (error) {
        if (error instanceof Conflict) {
          const current = await scales.readScale(db, actor, scale.id);
          const context = await pageContext(db, request, reply);
          return sendPage(reply, scaleFormPage(context, { scale: current, values: valuesFromScale(current), issues: [], conflict: true }), 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, scaleFormPage(context, { scale, values, issues }), 400);
  });

  app.post(paths.settings.outcomeScaleActive(":scaleId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const scale = await scales.readScale(db, actor, scaleIdFrom(request));
    const parsed = scales.activeForm.safeParse(formValues(request.body));
    const active = parsed.success ? parsed.data.active === "true" : !scale.active;
    try {
      const saved = await scales.setScaleActive(db, actor, scale.id, active);
      return redirectWithFlash(db, request, reply, paths.settings.outcomeScales(), { title: saved.active ? `“${saved.name}” switched on` : `“${saved.name}” switched off: no new readings will use it` });
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      const context = await pageContext(db, request, reply);
      return sendPage(reply, scaleListPage(context, await scales.listScales(db, actor), error.issues), 400);
    }
  });
};
