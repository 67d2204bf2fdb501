import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { paths } from "../platform/http/paths.ts";
import { MOST_HOURS, openBody, REPORT_STATUSES, REVIEW_OUTCOMES, reportQuery } from "./schema.ts";
import * as breakGlass from "./service.ts";

const grantResponse = z.object({
  id: z.string(),
  personId: z.string(),
  expiresAt: z.string().describe("When the access ends by itself, ISO 8601"),
});

const reportItem = z.object({
  id: z.string(),
  openedBy: z.object({ id: z.string(), name: z.string(), team: z.string().nullable() }),
  person: z
    .object({ id: z.string().nullable(), name: z.string().nullable(), team: z.string() })
    .describe("id and name only for a person of the reviewer's own team; otherwise only their team"),
  reason: z.string(),
  openedAt: z.string(),
  expiresAt: z.string(),
  endedAt: z.string().nullable().describe("When it was ended early"),
  current: z.boolean().describe("Neither ended nor expired"),
  timesOpened: z.number().int().describe("How many times the record was opened under this access"),
  review: z
    .object({ outcome: z.enum(REVIEW_OUTCOMES), note: z.string().nullable(), reviewedBy: z.string().nullable(), reviewedAt: z.string() })
    .nullable()
    .describe("Null while awaiting review"),
});

function presentItem(actor: Actor, grant: breakGlass.GrantRow): z.infer<typeof reportItem> {
  const named = breakGlass.showsPersonName(actor, grant);
  return {
    id: grant.id,
    openedBy: { id: grant.userId, name: grant.openedByName, team: grant.openedByTeam },
    person: { id: named ? grant.personId : null, name: named ? `${grant.givenName} ${grant.familyName}` : null, team: grant.personTeamName },
    reason: grant.reason,
    openedAt: grant.openedAt.toISOString(),
    expiresAt: grant.expiresAt.toISOString(),
    endedAt: grant.endedAt?.toISOString() ?? null,
    current: grant.current,
    timesOpened: grant.accesses,
    review:
      grant.reviewedAt && grant.reviewOutcome
        ? { outcome: grant.reviewOutcome as (typeof REVIEW_OUTCOMES)[number], note: grant.reviewNote, reviewedBy: grant.reviewedByName, reviewedAt: grant.reviewedAt.toISOString() }
        : null,
  };
}

export const breakGlassApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;
  const { clock } = deps;

  api.add(app, {
    method: "POST",
    url: paths.api.breakGlass(),
    summary: `Open a record outside your access in an emergency (key workers, co-workers, managers, psychologists): the person's id with their first name, last name and date of birth (matched as the search page does), a reason of at least 10 characters and the hours it lasts (at most ${MOST_HOURS}). The record is then readable, not changeable, and every opening is audited and reviewed by a manager`,
    tags: ["Break-glass"],
    access: "signed-in",
    body: openBody,
    responses: {
      201: { description: "Opened", schema: grantResponse },
      400: { description: "A name or date of birth missing, a reason too short, or more hours than allowed", schema: apiErrorSchema },
      403: { description: "Your role cannot use break-glass access", schema: apiErrorSchema },
      404: { description: "No record matches the id, name and date of birth (the same answer for an unknown id)", schema: apiErrorSchema },
      409: { description: "You can see this record already", schema: apiErrorSchema },
    },
    handler: async ({ actor, body, reply }) => {
      const { givenName, familyName, dateOfBirth, ...input } = body;
      const grant = await breakGlass.openRecord(db, actor, clock, { givenName, familyName, dateOfBirth }, input);
      reply.status(201).header("location", paths.api.person(grant.personId));
      return { id: grant.id, personId: grant.personId, expiresAt: grant.expiresAt.toISOString() };
    },
  });

  api.add(app, {
    method: "GET",
    url: paths.api.breakGlass(),
    summary: "The break-glass report (managers: access to their team's people and by their team's workers; administrators: the partnership's), newest first, 25 a page",
    tags: ["Break-glass"],
    access: "signed-in",
    query: reportQuery,
    responses: {
      200: { description: "Grants of break-glass access", schema: z.object({ items: z.array(reportItem), total: z.number().int(), awaitingReview: z.number().int() }) },
      400: { description: `status is not one of ${REPORT_STATUSES.join(", ")}`, schema: apiErrorSchema },
      403: { description: "Only managers and administrators review break-glass access", schema: apiErrorSchema },
    },
    handler: async ({ actor, query }) => {
      const report = await breakGlass.readReport(db, actor, query);
      return { items: report.rows.map((grant) => presentItem(actor, grant)), total: report.total, awaitingReview: report.awaitingReview };
    },
  });
};
