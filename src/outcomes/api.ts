import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { paths } from "../platform/http/paths.ts";
import { postReadingBody } from "./schema.ts";
import * as outcomes from "./service.ts";

// Any text: an id that is not a UUID is simply a person who is not found.
const personIdParams = z.object({ id: z.string().max(100) });

const readingSchema = z.object({
  id: z.string(),
  scaleId: z.string(),
  takenOn: z.string().describe("YYYY-MM-DD"),
  scores: z.record(z.string(), z.number()).describe("Domain key -> score"),
  note: z.string().nullable(),
  recordedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  version: z.number().int(),
});

const scaleSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  isDefault: z.boolean(),
  domains: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      question: z.string().optional(),
      minimum: z.number().int(),
      maximum: z.number().int(),
      points: z.array(z.object({ score: z.number().int(), description: z.string() })),
    }),
  ),
});

const outcomesResponse = z.object({
  personId: z.string(),
  scales: z.array(scaleSchema).describe("The scales the person has readings of; the default scale when they have none yet"),
  readings: z.array(readingSchema).describe("Oldest first"),
  distanceTravelled: z.array(
    z.object({ scaleId: z.string(), domainKey: z.string(), first: z.number().nullable(), latest: z.number().nullable(), change: z.number().nullable() }),
  ),
});

function presentScale(scale: outcomes.ScaleRow): z.infer<typeof scaleSchema> {
  return { id: scale.id, name: scale.name, description: scale.description, isDefault: scale.isDefault, domains: scale.domains };
}

function presentReading(reading: outcomes.ReadingRow): z.infer<typeof readingSchema> {
  return { id: reading.id, scaleId: reading.scaleId, takenOn: reading.takenOn, scores: reading.scores, note: reading.note, recordedBy: reading.recordedBy, version: reading.version };
}

export const outcomesApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;

  api.add(app, {
    method: "GET",
    url: paths.api.personOutcomes(":id"),
    summary: "The person's outcome readings and distance travelled (first, latest and change per area)",
    tags: ["Outcomes"],
    access: "signed-in",
    params: personIdParams,
    responses: {
      200: { description: "Their readings", schema: outcomesResponse },
      404: { description: "No such person, or their plan is not shared with you", schema: apiErrorSchema },
    },
    handler: async ({ actor, params }) => {
      const read = await outcomes.readOutcomes(db, actor, params.id, "api");
      const scales = read.byScale.length > 0 ? read.byScale.map((block) => presentScale(block.scale)) : [presentScale(read.defaultScale)];
      return {
        personId: read.person.id,
        scales,
        readings: read.readings.map(presentReading),
        distanceTravelled: read.byScale.flatMap((block) => block.distances.map((distance) => ({ scaleId: block.scale.id, domainKey: distance.domainKey, first: distance.first, latest: distance.latest, change: distance.change }))),
      };
    },
  });

  api.add(app, {
    method: "POST",
    url: paths.api.personOutcomes(":id"),
    summary: "Record a reading: a score for every area of the scale (the default scale unless scaleId is given)",
    tags: ["Outcomes"],
    access: "signed-in",
    params: personIdParams,
    body: postReadingBody,
    responses: {
      201: { description: "The reading as saved", schema: readingSchema },
      400: { description: "A score out of range, an unknown or missing area, a future date or an unknown field: nothing saved", schema: apiErrorSchema },
      403: { description: "You may see their outcomes but not record them", schema: apiErrorSchema },
      404: { description: "No such person, or their plan is not shared with you", schema: apiErrorSchema },
    },
    handler: async ({ actor, params, body, reply }) => {
      const reading = await outcomes.recordReading(db, actor, deps.clock, params.id, body);
      reply.status(201);
      return presentReading(reading);
    },
  });
};
