import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { Conflict, Forbidden } from "../platform/http/errors.ts";
import { paths } from "../platform/http/paths.ts";
import { presentRiskForApi } from "./present.ts";
import { RISK_CATEGORIES, RISK_LEVELS, createRiskBody, updateRiskBody } from "./schema.ts";
import * as risks from "./service.ts";

// Any text: an id that is not a UUID is simply something that is not found.
const personIdParams = z.object({ id: z.string().max(100) });
const riskIdParams = z.object({ riskId: z.string().max(100) });

const riskResponse = z.object({
  id: z.string(),
  personId: z.string(),
  category: z.enum(RISK_CATEGORIES).describe("to-person, from-person (to others) or to-workers (lone-working safety)"),
  level: z.enum(RISK_LEVELS),
  description: z.string(),
  safetyPlan: z.string().nullable().describe("What keeps people safe"),
  reviewOn: z.string().describe("UK date by which it is reviewed, YYYY-MM-DD"),
  reviewOverdue: z.boolean(),
  status: z.enum(["current", "closed"]),
  closedAt: z.string().nullable(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  updatedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().describe("Send it back when changing the risk; a stale one answers 409"),
});

export const risksApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;

  api.add(app, {
    method: "GET",
    url: paths.api.personRisks(":id"),
    summary: "A person's risks, current then closed: all of them for their workers and partners in their team, risks to workers for peer mentors",
    tags: ["Risks"],
    access: "signed-in",
    params: personIdParams,
    responses: {
      200: { description: "The risks you may see", schema: z.object({ items: z.array(riskResponse) }) },
      403: { description: "Risks are not shared with family members and carers", schema: apiErrorSchema },
      404: { description: "No such person, or not one you may see", schema: apiErrorSchema },
    },
    handler: async ({ actor, params }) => {
      const view = await risks.readRisks(db, actor, params.id);
      if (view.categories.length === 0) throw new Forbidden("Risks are not shared with family members and carers");
      return { items: view.risks.map(presentRiskForApi) };
    },
  });

  api.add(app, {
    method: "POST",
    url: paths.api.personRisks(":id"),
    summary: "Add a risk; the review date is three months ahead unless given, and must be today or later",
    tags: ["Risks"],
    access: "signed-in",
    params: personIdParams,
    body: createRiskBody,
    responses: {
      201: { description: "Added", schema: riskResponse },
      400: { description: "Not valid: each issue names its field", schema: apiErrorSchema },
      403: { description: "Only the person's key workers and their manager may add risks", schema: apiErrorSchema },
      404: { description: "No such person, or not one you may see", schema: apiErrorSchema },
    },
    handler: async ({ actor, params, body, reply }) => {
      const risk = await risks.createRisk(db, actor, params.id, body);
      reply.status(201).header("location", paths.api.risk(risk.id));
      return presentRiskForApi(risk);
    },
  });

  api.add(app, {
    method: "PATCH",
    url: paths.api.risk(":riskId"),
    summary: "Change a risk, or close it (status closed) or reopen it (status current); send the version you last read",
    tags: ["Risks"],
    access: "signed-in",
    params: riskIdParams,
    body: updateRiskBody,
    responses: {
      200: { description: "Saved", schema: riskResponse },
      400: { description: "Not valid", schema: apiErrorSchema },
      403: { description: "Only the person's key workers and their manager may change risks", schema: apiErrorSchema },
      404: { description: "No such risk, or not one you may see", schema: apiErrorSchema },
      409: { description: "Someone else saved first: error.current holds what is stored now", schema: apiErrorSchema },
    },
    handler: async ({ actor, params, body }) => {
      const { version, ...changes } = body;
      try {
        return presentRiskForApi(await risks.updateRisk(db, actor, params.riskId, version, changes));
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
        throw new Conflict(error.message, presentRiskForApi(error.current as risks.RiskView));
      }
    },
  });
};
