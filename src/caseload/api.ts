import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { paths } from "../platform/http/paths.ts";
import { teamCaseloads } from "./service.ts";

export const caseloadApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;

  api.add(app, {
    method: "GET",
    url: paths.api.team(),
    summary: "For a team manager: each worker's caseload size against their capacity",
    tags: ["Caseload"],
    access: "signed-in",
    responses: {
      200: {
        description: "Caseload sizes",
        schema: z.object({
          team: z.string(),
          target: z.number().int(),
          items: z.array(
            z.object({ workerId: z.string(), name: z.string(), leadCount: z.number().int(), coWorkerCount: z.number().int(), total: z.number().int(), capacity: z.number().int() }),
          ),
        }),
      },
      403: { description: "Not a team manager", schema: apiErrorSchema },
    },
    handler: async ({ actor }) => {
      const team = await teamCaseloads(db, actor, deps.config.caseloadTarget);
      return {
        team: team.teamName,
        target: team.target,
        items: team.workers.map((worker) => ({
          workerId: worker.workerId,
          name: worker.displayName,
          leadCount: worker.leadCount,
          coWorkerCount: worker.coWorkerCount,
          total: worker.total,
          capacity: worker.capacity,
        })),
      };
    },
  });
};
