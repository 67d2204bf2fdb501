import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { caseloadOf } from "../caseload/service.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { Conflict } from "../platform/http/errors.ts";
import { paths, routes } from "../platform/http/paths.ts";
import { CONTACT_INTENSITIES, ENGAGEMENT_STATUSES, createPersonBody, searchQuery, updatePersonBody } from "./schema.ts";
import { presentPersonForApi, presentPersonListItem } from "./present.ts";
import * as people from "./service.ts";

// Any text: an id that is not a UUID is simply a person who is not found.
const personIdParams = z.object({ id: z.string().max(100) });

const listItem = z.object({
  id: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  engagementStatus: z.enum(ENGAGEMENT_STATUSES),
  leadWorker: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  careTeamRole: z.string().optional(),
  need: z
    .object({ score: z.number(), reasons: z.array(z.string()) })
    .optional()
    .describe("On the caseload: how pressing, and why (most pressing first)"),
  nextAppointmentAt: z.string().nullable().optional(),
});

const personResponse = z.object({
  id: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  preferredName: z.string().nullable(),
  pronouns: z.string().nullable(),
  engagementStatus: z.enum(ENGAGEMENT_STATUSES),
  contactIntensity: z.enum(CONTACT_INTENSITIES),
  communicationNeeds: z.string().nullable(),
  closedAt: z.string().nullable().describe("When the case was closed; null while open"),
  dateOfBirth: z.string().nullable().optional(),
  aliases: z.array(z.string()).optional(),
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  story: z.string().nullable().optional().describe("Their story in their own words; absent when not shared with you"),
  careTeam: z.array(z.object({ userId: z.string(), name: z.string(), organisation: z.string(), role: z.string(), roleLabel: z.string() })),
  withheld: z.array(z.string()).describe("Sections of the record not shared with you"),
  version: z.number().int().describe("Send it back when changing the person; a stale one answers 409"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const peopleApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;

  api.add(app, {
    method: "GET",
    url: paths.api.people(),
    summary: "Your caseload, or with ?q= a search of everyone you may see (name, alias or date of birth)",
    tags: ["People"],
    access: "signed-in",
    query: searchQuery,
    responses: {
      200: { description: "People", schema: z.object({ items: z.array(listItem), total: z.number().int().optional(), page: z.number().int().optional() }) },
    },
    handler: async ({ actor, query }) => {
      if (query.q) {
        const result = await people.searchPeople(db, actor, query.q, query.page ?? 1);
        return { items: result.rows.map(presentPersonListItem), total: result.total, page: result.page };
      }
      const caseload = await caseloadOf(db, actor);
      return {
        items: caseload.rows.map((row) => ({
          id: row.personId,
          givenName: row.givenName,
          familyName: row.familyName,
          preferredName: row.preferredName,
          dateOfBirth: row.dateOfBirth,
          engagementStatus: row.engagementStatus,
          leadWorker: row.careTeamRole === "lead" ? caseload.worker.displayName : null,
          lastContactAt: row.lastContactAt?.toISOString() ?? null,
          careTeamRole: row.careTeamRole,
          need: { score: row.need.score, reasons: row.need.reasons },
          nextAppointmentAt: row.nextAppointmentAt?.toISOString() ?? null,
        })),
      };
    },
  });

  api.add(app, {
    method: "POST",
    url: paths.api.people(),
    summary: "Add a person; you become their lead worker (a manager names one with leadWorkerId)",
    tags: ["People"],
    access: "signed-in",
    body: createPersonBody,
    responses: {
      201: { description: "Added", schema: personResponse },
      400: { description: "Not valid: each issue names its field", schema: apiErrorSchema },
      403: { description: "Your role cannot add people", schema: apiErrorSchema },
    },
    handler: async ({ actor, body, reply }) => {
      const { leadWorkerId, ...details } = body;
      const person = await people.createPerson(db, actor, details, { leadWorkerId });
      const record = await people.readPerson(db, actor, person.id);
      reply.status(201).header("location", paths.api.person(person.id));
      return presentPersonForApi(record.person, record.careTeam, record.relationship);
    },
  });

  api.add(app, {
    method: "GET",
    url: routes.apiPerson,
    summary: "A person's record, holding only what you may see",
    tags: ["People"],
    access: "signed-in",
    params: personIdParams,
    responses: {
      200: { description: "The person", schema: personResponse },
      404: { description: "No such person, or not one you may see", schema: apiErrorSchema },
    },
    handler: async ({ actor, params }) => {
      const record = await people.readPerson(db, actor, params.id);
      return presentPersonForApi(record.person, record.careTeam, record.relationship);
    },
  });

  api.add(app, {
    method: "PATCH",
    url: routes.apiPerson,
    summary: "Change a person's details; send the version you last read",
    tags: ["People"],
    access: "signed-in",
    params: personIdParams,
    body: updatePersonBody,
    responses: {
      200: { description: "Saved", schema: personResponse },
      400: { description: "Not valid", schema: apiErrorSchema },
      404: { description: "No such person, or not one you may see", schema: apiErrorSchema },
      409: { description: "Someone else saved first: error.current holds what is stored now", schema: apiErrorSchema },
    },
    handler: async ({ actor, params, body }) => {
      const { version, ...details } = body;
      try {
        await people.updatePerson(db, actor, params.id, version, details);
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
        const stored = await people.readPerson(db, actor, params.id);
        throw new Conflict(error.message, presentPersonForApi(stored.person, stored.careTeam, stored.relationship));
      }
      const record = await people.readPerson(db, actor, params.id);
      return presentPersonForApi(record.person, record.careTeam, record.relationship);
    },
  });
};
