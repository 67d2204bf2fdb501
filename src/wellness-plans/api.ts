import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { paths } from "../platform/http/paths.ts";
import { presentPlanForApi } from "./present.ts";
import { putWellnessPlanBody, SECTION_KEYS, WRITTEN_BY } from "./schema.ts";
import * as wellness from "./service.ts";

// Any text: an id that is not a UUID is simply a person who is not found.
const personIdParams = z.object({ id: z.string().max(100) });

const planResponse = z.object({
  personId: z.string(),
  sections: z.array(
    z.object({
      key: z.enum(SECTION_KEYS),
      title: z.string(),
      text: z.string().describe("In the person's words; empty when the section has not been written"),
      writtenBy: z.enum(WRITTEN_BY).nullable().describe("Whose words: the-person, together (with their worker), worker, carer; null when never written"),
      savedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
      savedAt: z.string().nullable(),
      version: z.number().int().describe("0 for a section never written; send it back when saving"),
    }),
  ),
  serviceHours: z.string().nullable().describe("The team's service hours; null until their manager adds them"),
  serviceContact: z.string().nullable(),
  outOfHours: z.string().nullable().describe("Who to contact in a crisis when the service is closed"),
});

export const wellnessPlansApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;

  api.add(app, {
    method: "GET",
    url: paths.api.personWellnessPlan(":id"),
    summary: "The person's wellness and crisis plan: every section in order, and their team's service hours and crisis contacts",
    tags: ["Wellness plans"],
    access: "signed-in",
    params: personIdParams,
    responses: {
      200: { description: "The plan", schema: planResponse },
      404: { description: "No such person, or their plan is not shared with you", schema: apiErrorSchema },
    },
    handler: async ({ actor, params }) => {
      const plan = await wellness.readWellnessPlan(db, actor, params.id, "api");
      return presentPlanForApi(plan.person.id, plan.sections, plan.contacts);
    },
  });

  api.add(app, {
    method: "PUT",
    url: paths.api.personWellnessPlan(":id"),
    summary: "Save sections of the plan, all or nothing; each with the version it was read at",
    tags: ["Wellness plans"],
    access: "signed-in",
    params: personIdParams,
    body: putWellnessPlanBody,
    responses: {
      200: { description: "The plan as saved", schema: planResponse },
      400: { description: "An unknown section or field, or text over 5,000 characters: nothing saved", schema: apiErrorSchema },
      403: { description: "You may read the plan but not change it", schema: apiErrorSchema },
      404: { description: "No such person, or their plan is not shared with you", schema: apiErrorSchema },
      409: { description: "A section changed since you read it: nothing saved; `current` holds what is saved now", schema: apiErrorSchema },
    },
    handler: async ({ actor, params, body }) => {
      const sections = body.sections.map((section) => ({ ...section, text: section.text.replace(/\r\n/g, "\n").trim() }));
      const plan = await wellness.saveSections(db, actor, params.id, sections, deps.clock);
      return presentPlanForApi(plan.person.id, plan.sections, plan.contacts);
    },
  });
};
