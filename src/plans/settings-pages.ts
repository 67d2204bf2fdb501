import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { Conflict, Invalid, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { plural } from "../platform/views/format.ts";
import { chaseAfterDaysFromForm, planSettingsForManager, updatePlanSettings, type PlanSettings } from "./settings.ts";
import { planSettingsPage } from "./settings-views.ts";

export const planSettingsRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(paths.settings.plans(), async (request, reply) => {
    const settings = await planSettingsForManager(db, request.actor as Actor);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, planSettingsPage(context, { settings, values: {}, issues: [] }));
  });

  app.post(paths.settings.plans(), async (request, reply) => {
    const actor = request.actor as Actor;
    const settings = await planSettingsForManager(db, actor);
    const values = formValues(request.body);
    const version = Number.parseInt(values.version ?? "", 10);
    let issues: FieldIssue[] = Number.isInteger(version) && version >= 0 ? [] : [{ field: "form", message: "Reload the page and make your change again" }];
    const read = chaseAfterDaysFromForm(values.chaseAfterDays);
    if ("issues" in read) issues = [...issues, ...read.issues];
    if (issues.length === 0 && "chaseAfterDays" in read) {
      try {
        const saved = await updatePlanSettings(db, actor, version, read.chaseAfterDays);
        return redirectWithFlash(db, request, reply, paths.settings.plans(), {
          title: "Setting saved",
          text: `Open actions go on the chase list when they are ${plural(saved.chaseAfterDays, "day")} or more overdue.`,
        });
      } catch (error) {
        if (error instanceof Conflict) {
          const current = error.current as PlanSettings;
          const context = await pageContext(db, request, reply);
          const kept = { chaseAfterDays: values.chaseAfterDays ?? "", version: String(current.version) };
          return sendPage(reply, planSettingsPage(context, { settings: current, values: kept, issues: [], conflict: current }), 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, planSettingsPage(context, { settings, values: { chaseAfterDays: values.chaseAfterDays ?? "", version: values.version ?? "" }, issues }), 400);
  });
};
