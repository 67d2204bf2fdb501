import type { FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import { hasRole, type Actor } from "../platform/access/index.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { settingsFormValues, settingsFromForm, valuesFromSettings } from "./settings-forms.ts";
import { changePublicLink, listReferralSettings, readSettingsForEditing, saveReferralSettings, type StoredSettings } from "./settings-service.ts";
import { settingsFormPage, settingsListPage } from "./settings-views.ts";

function serviceIdFrom(request: FastifyRequest): string {
  const { serviceId } = request.params as { serviceId: string };
  if (!isUuid(serviceId)) throw new NotFound("Service not found");
  return serviceId;
}

const RELOAD: FieldIssue = { field: "form", message: "Reload the page and make your changes again" };

/** The referral settings of the directory's services: receiving team, eligibility, timers, public link. */
export const referralSettingsRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;
  const { clock, config } = deps;

  app.get(paths.settings.referrals(), async (request, reply) => {
    const list = await listReferralSettings(db, request.actor as Actor);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, settingsListPage(context, list));
  });

  app.get(paths.settings.referralService(":serviceId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const form = await readSettingsForEditing(db, actor, serviceIdFrom(request));
    const context = await pageContext(db, request, reply);
    const values = valuesFromSettings(form.row.settings, form.teams.length === 1 ? (form.teams[0]?.id ?? "") : "");
    return sendPage(reply, settingsFormPage(context, { form, values, issues: [], publicUrl: config.publicUrl, isAdmin: hasRole(actor, "admin") }));
  });

  app.post(paths.settings.referralService(":serviceId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const form = await readSettingsForEditing(db, actor, serviceIdFrom(request));
    const values = settingsFormValues(request.body);
    const isNew = values.version === "";
    const version = Number.parseInt(values.version, 10);
    const read = settingsFromForm(values);
    let issues: FieldIssue[] = [...(isNew || (Number.isInteger(version) && version > 0) ? [] : [RELOAD]), ...("issues" in read ? read.issues : [])];
    if (issues.length === 0 && "input" in read) {
      try {
        await saveReferralSettings(db, actor, clock, form.row.service.id, isNew ? null : version, read.input);
        return redirectWithFlash(db, request, reply, paths.settings.referralService(form.row.service.id), {
          title: isNew ? `${form.row.service.name} now takes referrals through Keywork` : "Settings saved",
          ...(isNew ? { text: "You can now make a public referral link for it." } : {}),
        });
      } catch (error) {
        if (error instanceof Conflict) {
          const stored = error.current as StoredSettings | null;
          const fresh = await readSettingsForEditing(db, actor, form.row.service.id);
          const context = await pageContext(db, request, reply);
          const kept = { ...values, version: stored ? String(stored.version) : "" };
          return sendPage(reply, settingsFormPage(context, { form: fresh, values: kept, issues: [], conflict: stored, publicUrl: config.publicUrl, isAdmin: hasRole(actor, "admin") }), 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, settingsFormPage(context, { form, values, issues, publicUrl: config.publicUrl, isAdmin: hasRole(actor, "admin") }), 400);
  });

  app.post(paths.settings.referralPublicLink(":serviceId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const serviceId = serviceIdFrom(request);
    const form = await readSettingsForEditing(db, actor, serviceId);
    const change = formValues(request.body).change;
    try {
      if (change !== "create" && change !== "off") throw new Invalid([{ field: "form", message: "Choose whether to make a new link or turn the link off" }]);
      const saved = await changePublicLink(db, actor, clock, serviceId, change);
      const title = saved.publicLinkToken
        ? form.row.settings?.publicLinkToken
          ? "A new public link is ready: the old one no longer works"
          : "The public referral link is ready"
        : "The public referral link is off";
      return redirectWithFlash(db, request, reply, paths.settings.referralService(serviceId), { title });
    } catch (error) {
      if (!(error instanceof Invalid) && !(error instanceof Conflict)) throw error;
      const issues: FieldIssue[] = error instanceof Invalid ? error.issues : [{ field: "form", message: error.message }];
      const context = await pageContext(db, request, reply);
      const values = valuesFromSettings(form.row.settings, "");
      return sendPage(reply, settingsFormPage(context, { form, values, issues, publicUrl: config.publicUrl, isAdmin: hasRole(actor, "admin") }), error instanceof Conflict ? 409 : 400);
    }
  });
};
