import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { ukToday } from "../platform/clock.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { paths } from "../platform/http/paths.ts";
import { presentRulesForApi, presentStuckCaseForApi } from "./present.ts";
import { STUCK_RULES } from "./schema.ts";
import { stuckCases } from "./service.ts";

const stuckCasesResponse = z.object({
  items: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      keyWorker: z.object({ id: z.string(), name: z.string() }).nullable().describe("The lead worker"),
      reasons: z.array(z.object({ rule: z.enum(STUCK_RULES), text: z.string().describe("The reason in plain words") })).describe("Most severe first"),
      lastCaseReviewOn: z.string().nullable().describe("When the last reflective case review was held, YYYY-MM-DD"),
    }),
  ),
  rules: z.object({
    noGoals: z.object({ enabled: z.boolean() }),
    noProgress: z.object({ enabled: z.boolean(), weeks: z.number().int() }),
    noContact: z.object({
      enabled: z.boolean(),
      multipleOfTarget: z.number().int().describe("No contact for more than this many times the person's contact target"),
      targetDays: z.record(z.string(), z.number().int()).describe("Contact target in days by contact intensity"),
    }),
    crises: z.object({ enabled: z.boolean(), count: z.number().int(), weeks: z.number().int() }),
    overdueActions: z.object({ enabled: z.boolean(), days: z.number().int().describe("Open actions overdue by more than this many days") }),
    version: z.number().int().describe("0 while the partnership uses the defaults"),
  }),
});

export const supervisionApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;

  api.add(app, {
    method: "GET",
    url: paths.api.stuckCases(),
    summary: "For managers and psychologists: the open cases the stuck-case rules find stuck today, most reasons first, each with its reasons",
    tags: ["Stuck cases"],
    access: "signed-in",
    responses: {
      200: { description: "The stuck cases among the people you oversee, and the rules in force", schema: stuckCasesResponse },
      403: { description: "Not a team manager or psychologist", schema: apiErrorSchema },
    },
    handler: async ({ actor }) => {
      const list = await stuckCases(db, actor, ukToday(deps.clock));
      return { items: list.cases.map(presentStuckCaseForApi), rules: presentRulesForApi(list.rules) };
    },
  });
};
