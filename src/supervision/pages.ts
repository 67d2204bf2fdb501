import type { RoutePlugin } from "../app.ts";
import { can, type Actor } from "../platform/access/index.ts";
import { ukToday } from "../platform/clock.ts";
import { Conflict, Invalid, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { formValuesFromRules, rulesFromForm, type RulesFormValues, type StuckRules } from "./schema.ts";
import { readStuckRules, saveStuckRules, stuckCases } from "./service.ts";
import { stuckCasesPage, stuckRulesPage } from "./stuck-views.ts";

/** The stuck list for managers and psychologists, and the rules that make it (managers). */
export const stuckCaseRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(paths.stuckCases(), async (request, reply) => {
    const actor = request.actor as Actor;
    const list = await stuckCases(db, actor, ukToday(deps.clock));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, stuckCasesPage(context, list, can(actor, "settings.manage")));
  });

  app.get(paths.settings.stuckCases(), async (request, reply) => {
    const rules = await readStuckRules(db, request.actor as Actor);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, stuckRulesPage(context, { rules, values: formValuesFromRules(rules), issues: [] }));
  });

  app.post(paths.settings.stuckCases(), async (request, reply) => {
    const actor = request.actor as Actor;
    const rules = await readStuckRules(db, actor);
    const values = formValues(request.body) as RulesFormValues;
    const version = Number.parseInt(values.version ?? "", 10);
    let issues: FieldIssue[] = Number.isInteger(version) && version >= 0 ? [] : [{ field: "form", message: "Reload the page and make your changes again" }];
    const read = rulesFromForm(values);
    if ("issues" in read) issues = [...issues, ...read.issues];
    if (issues.length === 0 && "input" in read) {
      try {
        await saveStuckRules(db, actor, version, read.input);
        return await redirectWithFlash(db, request, reply, paths.stuckCases(), { title: "Stuck-case rules saved", text: "The stuck list now follows the new rules." });
      } catch (error) {
        if (error instanceof Conflict) {
          const stored = error.current as StuckRules;
          const context = await pageContext(db, request, reply);
          return sendPage(reply, stuckRulesPage(context, { rules: stored, values: { ...values, version: String(stored.version) }, issues: [], conflict: stored }), 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, stuckRulesPage(context, { rules, values, issues }), 400);
  });
};
