import type { FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { admissionPage, episodePage } from "./episode-views.ts";
import { admissionForm, admit, changeEpisode, readEpisodeForEdit } from "./episodes.ts";
import { admissionFromForm, dateParts, episodeFromForm, versionFrom, type FormValues } from "./forms.ts";
import { entryIdFrom } from "./pages.ts";
import { RATING_LABELS } from "./schema.ts";
import type { EpisodeView } from "./service.ts";
import { lengthOfStay } from "./views.ts";

function episodeIdFrom(request: FastifyRequest): string {
  const { episodeId } = request.params as { episodeId: string };
  if (!isUuid(episodeId)) throw new NotFound("Stay in hospital not found");
  return episodeId;
}

function valuesFromEpisode(episode: EpisodeView): FormValues {
  return {
    ...dateParts("admittedOn", episode.admittedOn),
    ...dateParts("dischargedOn", episode.dischargedOn),
    setting: episode.setting,
    dischargePlan: episode.dischargePlan ?? "",
    version: String(episode.version),
  };
}

export const episodeRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;
  const { clock } = deps;

  app.get(paths.register.newEpisode(":entryId"), async (request, reply) => {
    const entry = await admissionForm(db, request.actor as Actor, clock, entryIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, admissionPage(context, { entry, values: {}, issues: [] }));
  });

  app.post(paths.register.episodes(":entryId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const entry = await admissionForm(db, actor, clock, entryIdFrom(request));
    const values = formValues(request.body) as FormValues;
    const read = admissionFromForm(values);
    let issues = "issues" in read ? read.issues : [];
    if ("input" in read) {
      try {
        await admit(db, actor, clock, entry.id, read.input);
        return redirectWithFlash(db, request, reply, paths.register.show(entry.id), {
          title: `Admission recorded: ${entry.givenName} ${entry.familyName} is now blue on the register`,
        });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, admissionPage(context, { entry, values, issues }), 400);
  });

  app.get(paths.register.editEpisode(":episodeId"), async (request, reply) => {
    const { entry, episode } = await readEpisodeForEdit(db, request.actor as Actor, clock, episodeIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, episodePage(context, { entry, episode, values: valuesFromEpisode(episode), issues: [] }));
  });

  app.post(paths.register.updateEpisode(":episodeId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const { entry, episode } = await readEpisodeForEdit(db, actor, clock, episodeIdFrom(request));
    const values = formValues(request.body) as FormValues;
    const version = versionFrom(values);
    const read = episodeFromForm(values, episode.current);
    let issues: FieldIssue[] = [...(version === null ? [{ field: "form", message: "Reload the page and make your changes again" }] : []), ...("issues" in read ? read.issues : [])];
    if (issues.length === 0 && "input" in read && version !== null) {
      try {
        const saved = await changeEpisode(db, actor, clock, episode.id, version, read.input);
        const title = saved.discharged
          ? `Discharge recorded after ${lengthOfStay(saved.episode.lengthOfStayDays)}: ${saved.entry.givenName} ${saved.entry.familyName} is now ${RATING_LABELS[saved.entry.rating].toLowerCase()}`
          : "Stay in hospital saved";
        return redirectWithFlash(db, request, reply, paths.register.show(saved.entry.id), { title });
      } catch (error) {
        if (error instanceof Conflict) {
          const stored = error.current as EpisodeView;
          const context = await pageContext(db, request, reply);
          return sendPage(reply, episodePage(context, { entry, episode: stored, values: { ...values, version: String(stored.version) }, issues: [], conflict: stored }), 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, episodePage(context, { entry, episode, values, issues }), 400);
  });
};
