import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { Conflict, Invalid, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { approvalsPage } from "./approvals-views.ts";
import { formatPence, penceFromPounds } from "./schema.ts";
import * as budgets from "./service.ts";
import { MONTHS, budgetSettingsPage, valuesFromSettings } from "./settings-views.ts";

/** Pence from a money field, NaN when it is empty or not money (the service then says what to enter). */
function penceOrNaN(text: string | undefined): number {
  const trimmed = (text ?? "").trim();
  return (trimmed ? penceFromPounds(trimmed) : null) ?? Number.NaN;
}

/** The manager's side of personal budgets: spends awaiting approval, and the team's settings. */
export const budgetSettingsRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;
  const { clock } = deps;

  app.get(paths.budgetApprovals(), async (request, reply) => {
    const rows = await budgets.readApprovals(db, request.actor as Actor);
    return sendPage(reply, approvalsPage(await pageContext(db, request, reply), rows));
  });

  app.get(paths.settings.personalBudgets(), async (request, reply) => {
    const settings = await budgets.readSettings(db, request.actor as Actor);
    return sendPage(reply, budgetSettingsPage(await pageContext(db, request, reply), { settings, values: valuesFromSettings(settings), issues: [] }));
  });

  app.post(paths.settings.personalBudgets(), async (request, reply) => {
    const actor = request.actor as Actor;
    const settings = await budgets.readSettings(db, actor);
    const values = formValues(request.body);
    const version = Number.parseInt(values.version ?? "", 10);
    const input = {
      yearlyAllocationPence: penceOrNaN(values.yearlyAllocation),
      approvalThresholdPence: penceOrNaN(values.approvalThreshold),
      yearStartMonth: Number.parseInt(values.yearStartMonth ?? "", 10),
    };
    let issues: FieldIssue[] = [...(Number.isInteger(version) && version >= 0 ? [] : [{ field: "form", message: "Reload the page and make your changes again" }]), ...budgets.settingsIssues(input)];
    if (issues.length === 0) {
      try {
        const saved = await budgets.saveSettings(db, actor, clock, { ...input, expectedVersion: version });
        return redirectWithFlash(db, request, reply, paths.settings.personalBudgets(), {
          title: "Personal budget settings saved",
          text: `${formatPence(saved.yearlyAllocationPence)} a year for each person, from budget years not yet opened; a manager approves spends over ${formatPence(saved.approvalThresholdPence)}; the year starts in ${MONTHS[saved.yearStartMonth - 1] ?? ""}.`,
        });
      } catch (error) {
        if (error instanceof Conflict) {
          const current = error.current as budgets.SettingsRow;
          const context = await pageContext(db, request, reply);
          return sendPage(reply, budgetSettingsPage(context, { settings: current, values: { ...values, version: String(current.version) }, issues: [], conflict: current }), 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, budgetSettingsPage(context, { settings, values, issues }), 400);
  });
};
