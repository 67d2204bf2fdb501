import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { Conflict, Invalid, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, personIdFrom, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths, routes } from "../platform/http/paths.ts";
import { plural } from "../platform/views/format.ts";
import { editWellnessPlanPage, valuesFromPlan } from "./edit-views.ts";
import { wellnessPlanPdf, wellnessPlanPrintPage } from "./print.ts";
import { crisisContactsFromForm, isSectionKey, sectionsFromForm, type SectionKey } from "./schema.ts";
import * as wellness from "./service.ts";
import { crisisContactsPage } from "./settings-views.ts";
import { sectionHistoryPage, wellnessPlanPage } from "./views.ts";

/** The section named in the query (or form), or null for every section; an unknown name is treated as none. */
function sectionFrom(value: unknown): SectionKey | null {
  return typeof value === "string" && isSectionKey(value) ? value : null;
}

export const wellnessPlanRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(routes.personSection("wellness-plan"), async (request, reply) => {
    const print = formValues(request.query).print === "1";
    const plan = await wellness.readWellnessPlan(db, request.actor as Actor, personIdFrom(request), print ? "print" : "page");
    if (print) return sendPage(reply, wellnessPlanPrintPage(plan, deps.clock.now()));
    return sendPage(reply, wellnessPlanPage(await pageContext(db, request, reply), plan));
  });

  app.get(routes.personSection("wellness-plan/download"), async (request, reply) => {
    const plan = await wellness.downloadWellnessPlan(db, request.actor as Actor, personIdFrom(request));
    return reply
      .status(200)
      .header("content-type", "application/pdf")
      .header("content-disposition", 'attachment; filename="wellness-and-crisis-plan.pdf"')
      .header("cache-control", "no-store")
      .send(wellnessPlanPdf(plan, deps.clock.now()));
  });

  app.get(routes.personSection("wellness-plan/history"), async (request, reply) => {
    const section = sectionFrom(formValues(request.query).section);
    const history = await wellness.readSectionHistory(db, request.actor as Actor, personIdFrom(request), section);
    return sendPage(reply, sectionHistoryPage(await pageContext(db, request, reply), history));
  });

  app.get(routes.personSection("wellness-plan/edit"), async (request, reply) => {
    const plan = await wellness.readWellnessPlan(db, request.actor as Actor, personIdFrom(request), "edit");
    const only = sectionFrom(formValues(request.query).section);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, editWellnessPlanPage(context, { plan, only, values: valuesFromPlan(plan.sections), issues: [] }));
  });

  app.post(routes.personSection("wellness-plan"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    const values = formValues(request.body);
    const only = sectionFrom(values.section);
    const read = sectionsFromForm(values);
    let issues: FieldIssue[] = "issues" in read ? read.issues : [];
    if ("sections" in read) {
      try {
        const saved = await wellness.saveSections(db, actor, personId, read.sections, deps.clock);
        const titles = read.sections.map((input) => saved.sections.find((section) => section.key === input.key)?.title ?? input.key);
        return redirectWithFlash(db, request, reply, paths.people.wellnessPlan(personId), {
          title: "Wellness plan saved",
          text: read.sections.length === 1 ? `“${titles[0] ?? ""}” is saved.` : `${plural(read.sections.length, "section")} saved.`,
        });
      } catch (error) {
        if (error instanceof Conflict) {
          const conflict = error.current as wellness.PlanConflict;
          const plan = await wellness.readWellnessPlan(db, actor, personId, "edit");
          // Keep what they wrote, against the versions saved now, so saving again replaces them knowingly.
          const kept = { ...values };
          for (const section of conflict.sections) kept[`version-${section.key}`] = String(section.version);
          const context = await pageContext(db, request, reply);
          return sendPage(reply, editWellnessPlanPage(context, { plan, only, values: kept, issues: [], conflict }), 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const plan = await wellness.readWellnessPlan(db, actor, personId, "edit");
    const context = await pageContext(db, request, reply);
    return sendPage(reply, editWellnessPlanPage(context, { plan, only, values, issues }), 400);
  });

  app.get(paths.settings.crisisContacts(), async (request, reply) => {
    const contacts = await wellness.crisisContactsForManager(db, request.actor as Actor);
    return sendPage(reply, crisisContactsPage(await pageContext(db, request, reply), { contacts, values: {}, issues: [] }));
  });

  app.post(paths.settings.crisisContacts(), async (request, reply) => {
    const actor = request.actor as Actor;
    const contacts = await wellness.crisisContactsForManager(db, actor);
    const values = formValues(request.body);
    const version = Number.parseInt(values.version ?? "", 10);
    const read = crisisContactsFromForm(values);
    const issues: FieldIssue[] = [...(Number.isInteger(version) && version >= 0 ? [] : [{ field: "form", message: "Reload the page and make your changes again" }]), ...("issues" in read ? read.issues : [])];
    if (issues.length === 0 && "input" in read) {
      try {
        await wellness.saveCrisisContacts(db, actor, version, read.input);
        return redirectWithFlash(db, request, reply, paths.settings.crisisContacts(), {
          title: "Service hours and crisis contacts saved",
          text: "They show on the wellness plan of everyone your team works with.",
        });
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
        const current = error.current as wellness.CrisisContactsRow;
        const context = await pageContext(db, request, reply);
        return sendPage(reply, crisisContactsPage(context, { contacts: current, values: { ...values, version: String(current.version) }, issues: [], conflict: current }), 409);
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, crisisContactsPage(context, { contacts, values, issues }), 400);
  });
};
