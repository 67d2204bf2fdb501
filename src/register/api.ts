import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { paths } from "../platform/http/paths.ts";
import { admit } from "./episodes.ts";
import { presentCountsForApi, presentEntryDetailForApi, presentEntryForApi, presentEpisodeForApi } from "./present.ts";
import { RATINGS, REASON_NOT_RECORDED, createEntryBody, createEpisodeBody, registerListQuery } from "./schema.ts";
import * as register from "./service.ts";

const entryIdParams = z.object({ entryId: z.string().max(100) });
const person = z.object({ id: z.string(), name: z.string() });

const entryResponse = z.object({
  id: z.string(),
  personId: z.string().nullable().describe("The linked Keywork person, once the key-worker service knows them"),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string().nullable(),
  rating: z.enum(RATINGS).describe("red, amber-red, amber, green; blue while in hospital"),
  reason: z.string(),
  ratedBy: person.nullable(),
  ratedAt: z.string(),
  nextReviewOn: z.string().describe("UK date, YYYY-MM-DD"),
  reviewOverdue: z.boolean(),
  inpatient: z.object({ since: z.string(), setting: z.string() }).nullable().describe("The stay in hospital going on now"),
  removedAt: z.string().nullable().describe("When they were taken off the register"),
  removalReason: z.string().nullable(),
  version: z.number().int(),
});

const episodeResponse = z.object({
  id: z.string(),
  admittedOn: z.string(),
  dischargedOn: z.string().nullable(),
  setting: z.string(),
  dischargePlan: z.string().nullable(),
  lengthOfStayDays: z.number().int().describe("Days from admission to discharge, or to today while the stay goes on"),
  current: z.boolean(),
  version: z.number().int(),
});

const entryDetailResponse = entryResponse.extend({
  ratings: z.array(
    z.object({
      id: z.string(),
      rating: z.enum(RATINGS),
      previousRating: z.enum(RATINGS).nullable(),
      reason: z.string(),
      ratedBy: person.nullable(),
      ratedAt: z.string(),
      nextReviewOn: z.string(),
    }),
  ).describe("Every rating, newest first"),
  episodes: z.array(episodeResponse).describe("Stays in hospital, the latest admission first"),
});

const countsResponse = z.object({
  red: z.number().int(),
  amberRed: z.number().int(),
  amber: z.number().int(),
  green: z.number().int(),
  blue: z.number().int(),
  total: z.number().int(),
  reviewsOverdue: z.number().int(),
  inpatients: z.number().int(),
  completedStays: z.number().int().describe("Stays in hospital that ended in the last 12 months"),
  averageLengthOfStayDays: z.number().nullable().describe("Their average length, in days"),
});

const listQuery = registerListQuery.extend({ page: z.coerce.number({ error: "page must be a number" }).int().min(1).max(10_000).optional() });
const API_PAGE_SIZE = 500;

export const registerApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;
  const { clock } = deps;

  api.add(app, {
    method: "GET",
    url: paths.api.register(),
    summary: "The dynamic support register: entries on it with their current rating, highest risk first, and its counts (the register owner, managers and psychologists)",
    tags: ["Register"],
    access: "signed-in",
    query: listQuery,
    responses: {
      200: { description: "Entries (500 a page) and counts", schema: z.object({ items: z.array(entryResponse), total: z.number().int(), counts: countsResponse }) },
      400: { description: "A filter is not valid", schema: apiErrorSchema },
      403: { description: "Your role does not read the register", schema: apiErrorSchema },
    },
    handler: async ({ actor, query }) => {
      const filters = { rating: query.rating, overdue: query.review === "overdue", q: query.q ?? null };
      const read = await register.readRegister(db, actor, clock, { filters, page: query.page ?? 1, pageSize: API_PAGE_SIZE });
      return { items: read.entries.map(presentEntryForApi), total: read.total, counts: presentCountsForApi(read.counts) };
    },
  });

  api.add(app, {
    method: "POST",
    url: paths.api.register(),
    summary:
      `Put a young person on the register (the register owner): a Keywork personId, or givenName and familyName. When that person is already on the register, the rating is recorded on their entry (200). A personId whose record you may not read needs givenName and familyName: nothing is copied from the record, and the entry is linked only when that person exists. Without a reason, "${REASON_NOT_RECORDED}" is saved`,
    tags: ["Register"],
    access: "signed-in",
    body: createEntryBody,
    responses: {
      200: { description: "Already on the register: the new rating is recorded on their entry", schema: entryResponse },
      201: { description: "Added", schema: entryResponse },
      400: { description: "Not valid: each issue names its field", schema: apiErrorSchema },
      403: { description: "Only the register owner changes the register", schema: apiErrorSchema },
    },
    handler: async ({ actor, body, reply }) => {
      register.assertMayManage(actor);
      const input = {
        personId: body.personId ?? null,
        givenName: body.givenName ?? null,
        familyName: body.familyName ?? null,
        dateOfBirth: body.dateOfBirth,
        rating: body.rating,
        reason: body.reason ?? REASON_NOT_RECORDED,
        nextReviewOn: body.nextReviewOn ?? body.nextReviewDate ?? null,
      };
      const { entry, created } = await register.createEntry(db, actor, clock, input, { linkAnyPerson: true });
      if (created) reply.status(201).header("location", paths.api.registerEntry(entry.id));
      return presentEntryForApi(entry);
    },
  });

  api.add(app, {
    method: "GET",
    url: paths.api.registerEntry(":entryId"),
    summary: "One register entry with its rating history and stays in hospital",
    tags: ["Register"],
    access: "signed-in",
    params: entryIdParams,
    responses: {
      200: { description: "The entry", schema: entryDetailResponse },
      403: { description: "Your role does not read the register", schema: apiErrorSchema },
      404: { description: "No such entry", schema: apiErrorSchema },
    },
    handler: async ({ actor, params }) => presentEntryDetailForApi(await register.readEntry(db, actor, clock, params.entryId)),
  });

  api.add(app, {
    method: "POST",
    url: paths.api.registerEpisodes(":entryId"),
    summary: "Record an admission to hospital (the register owner): the rating becomes blue until the discharge is recorded",
    tags: ["Register"],
    access: "signed-in",
    params: entryIdParams,
    body: createEpisodeBody,
    responses: {
      201: { description: "Recorded; Location is the entry", schema: episodeResponse.extend({ entry: entryResponse }) },
      400: { description: "Not valid, or they are already in hospital", schema: apiErrorSchema },
      403: { description: "Only the register owner changes the register", schema: apiErrorSchema },
      404: { description: "No such entry", schema: apiErrorSchema },
    },
    handler: async ({ actor, params, body, reply }) => {
      const { entry, episode } = await admit(db, actor, clock, params.entryId, body);
      reply.status(201).header("location", paths.api.registerEntry(entry.id));
      return { ...presentEpisodeForApi(episode), entry: presentEntryForApi(entry) };
    },
  });
};
