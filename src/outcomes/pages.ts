import type { FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { addMonths, ukToday } from "../platform/clock.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, personIdFrom, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths, routes } from "../platform/http/paths.ts";
import { isRealIsoDate } from "../platform/http/validation.ts";
import { NOTE_MAX, type ScaleDomain } from "./schema.ts";
import * as outcomes from "./service.ts";
import { outcomesPage, readingFormPage, teamOutcomesPage, valuesFromReading } from "./views.ts";

function readingIdFrom(request: FastifyRequest): string {
  const { readingId } = request.params as { readingId: string };
  if (!isUuid(readingId)) throw new NotFound("Outcome reading not found");
  return readingId;
}

/** The reading the form describes; issues for what is missing or wrong before the scale's own checks. */
function readingFromForm(domains: readonly ScaleDomain[], values: Record<string, string>): { input: outcomes.ReadingInput } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const takenOn = (values.takenOn ?? "").trim();
  if (!takenOn) issues.push({ field: "takenOn", message: "Enter the date of the reading" });
  const scores: Record<string, number> = {};
  for (const domain of domains) {
    const raw = values[`score-${domain.key}`];
    if (raw === undefined || raw === "") issues.push({ field: `score-${domain.key}`, message: `Choose a score for ${domain.name}` });
    else scores[domain.key] = Number(raw);
  }
  const note = (values.note ?? "").replace(/\r\n/g, "\n").trim();
  if (note.length > NOTE_MAX) issues.push({ field: "note", message: `The note must be ${NOTE_MAX} characters or fewer` });
  return issues.length > 0 ? { issues } : { input: { takenOn, scores, note: note || null } };
}

export const outcomeRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;
  const { clock } = deps;

  app.get(routes.personSection("outcomes"), async (request, reply) => {
    const read = await outcomes.readOutcomes(db, request.actor as Actor, personIdFrom(request), "page");
    return sendPage(reply, outcomesPage(await pageContext(db, request, reply), read));
  });

  app.get(routes.personSection("outcomes/new"), async (request, reply) => {
    const read = await outcomes.readOutcomes(db, request.actor as Actor, personIdFrom(request), "record-form");
    const context = await pageContext(db, request, reply);
    return sendPage(reply, readingFormPage(context, { outcomes: read, scale: read.defaultScale, values: { takenOn: ukToday(clock) }, issues: [] }));
  });

  app.post(routes.personSection("outcomes"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    const read = await outcomes.readOutcomes(db, actor, personId, "record-form");
    const values = formValues(request.body);
    const parsed = readingFromForm(read.defaultScale.domains, values);
    let issues = "issues" in parsed ? parsed.issues : [];
    if ("input" in parsed) {
      try {
        await outcomes.recordReading(db, actor, clock, personId, { ...parsed.input, scaleId: read.defaultScale.id });
        return redirectWithFlash(db, request, reply, paths.people.outcomes(personId), { title: "Reading saved", text: "The chart and table now include it." });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, readingFormPage(context, { outcomes: read, scale: read.defaultScale, values, issues }), 400);
  });

  app.get(routes.personSection("outcomes/:readingId/edit"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    // The person's outcomes first: opening the form is a read of their record, audited even when the reading is not found.
    const read = await outcomes.readOutcomes(db, actor, personId, "edit-form");
    const { reading, scale } = await outcomes.readingForEdit(db, actor, personId, readingIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, readingFormPage(context, { outcomes: read, scale, reading, values: valuesFromReading(reading), issues: [] }));
  });

  app.post(routes.personSection("outcomes/:readingId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    // The person's outcomes first: opening the form is a read of their record, audited even when the reading is not found.
    const read = await outcomes.readOutcomes(db, actor, personId, "edit-form");
    const { reading, scale } = await outcomes.readingForEdit(db, actor, personId, readingIdFrom(request));
    const values = formValues(request.body);
    const version = Number.parseInt(values.version ?? "", 10);
    const parsed = readingFromForm(scale.domains, values);
    let issues: FieldIssue[] = [...(Number.isInteger(version) && version > 0 ? [] : [{ field: "form", message: "Reload the page and make your changes again" }]), ...("issues" in parsed ? parsed.issues : [])];
    if (issues.length === 0 && "input" in parsed) {
      try {
        await outcomes.editReading(db, actor, clock, personId, reading.id, version, parsed.input);
        return redirectWithFlash(db, request, reply, paths.people.outcomes(personId), { title: "Reading corrected" });
      } catch (error) {
        if (error instanceof Conflict) {
          const current = error.current as outcomes.ReadingRow;
          const context = await pageContext(db, request, reply);
          return sendPage(reply, readingFormPage(context, { outcomes: read, scale, reading: current, values: { ...values, version: String(current.version) }, issues: [], conflict: current }), 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, readingFormPage(context, { outcomes: read, scale, reading, values, issues }), 400);
  });

  app.get(paths.teamOutcomes(), async (request, reply) => {
    const actor = request.actor as Actor;
    const query = formValues(request.query);
    const today = ukToday(clock);
    const issues: FieldIssue[] = [];
    const dateOr = (field: "from" | "to", fallback: string): string => {
      const value = (query[field] ?? "").trim();
      if (!value) return fallback;
      if (isRealIsoDate(value)) return value;
      issues.push({ field, message: `Enter a real date for “${field === "from" ? "From" : "To"}”` });
      return fallback;
    };
    let from = dateOr("from", addMonths(today, -12));
    let to = dateOr("to", today);
    if (from > to) {
      issues.push({ field: "from", message: "“From” must be on or before “To”" });
      [from, to] = [to, from];
    }
    const team = await outcomes.readTeamOutcomes(db, actor, { ...(query.scale ? { scaleId: query.scale } : {}), from, to });
    return sendPage(reply, teamOutcomesPage(await pageContext(db, request, reply), team, issues), issues.length > 0 ? 400 : 200);
  });
};
