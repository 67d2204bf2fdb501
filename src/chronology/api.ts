import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { paths } from "../platform/http/paths.ts";
import { presentChronologyItemForApi } from "./present.ts";
import { CHRONOLOGY_PAGE_SIZE, chronologyApiQuery, parseCursor } from "./schema.ts";
import { readChronology } from "./service.ts";

// Any text: an id that is not a UUID is simply a person who is not found.
const personIdParams = z.object({ id: z.string().max(100) });

const chronologyItem = z.object({
  id: z.string(),
  occurredAt: z.string().describe("When it happened (UTC)"),
  kind: z.string().describe("“contact”, “significant-event”, or what changed: “engagement-changed”, “risk-added”, “consent-withdrawn”…"),
  eventKind: z.string().optional().describe("For significant events: eviction, arrested, admitted-to-hospital, crisis, achievement…"),
  summary: z.string().describe("One plain line; never the text of a note"),
  section: z.string().describe("The part of the record it belongs to, which decides who may see it"),
  recordedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  source: z.object({ type: z.string(), id: z.string() }).describe("The record the item is about: a contact, a significant event, a risk…"),
});

export const chronologyApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;

  api.add(app, {
    method: "GET",
    url: paths.api.personChronology(":id"),
    summary: "A person's chronology, newest first: contacts, significant events and changes to the record, as much as you may see",
    tags: ["Chronology"],
    access: "signed-in",
    params: personIdParams,
    query: chronologyApiQuery,
    responses: {
      200: {
        description: "The chronology",
        schema: z.object({ items: z.array(chronologyItem), next: z.string().nullable().describe("Send as `before` for the next page; null on the last") }),
      },
      400: { description: "A filter is not valid", schema: apiErrorSchema },
      404: { description: "No such person, or not one you may see", schema: apiErrorSchema },
    },
    handler: async ({ actor, params, query }) => {
      const read = await readChronology(db, actor, params.id, {
        filter: query.kind ?? null,
        from: query.from ?? null,
        to: query.to ?? null,
        before: query.before ? parseCursor(query.before) : null,
        limit: query.limit ?? CHRONOLOGY_PAGE_SIZE,
        purpose: "api",
      });
      return { items: read.items.map(presentChronologyItemForApi), next: read.next };
    },
  });
};
