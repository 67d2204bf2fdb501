import { z } from "zod";
import type { RoutePlugin } from "../../app.ts";
import { apiErrorSchema } from "../http/api.ts";
import { paths } from "../http/paths.ts";
import { readAuditTrail } from "./service.ts";

export const auditApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;

  api.add(app, {
    method: "GET",
    url: paths.api.audit(),
    summary: "Who read or changed a person's record, newest first (managers of their team, administrators)",
    tags: ["Audit"],
    access: "signed-in",
    query: z.object({
      person: z.string({ error: "person is required: the id of the person" }).max(100),
      before: z.string().max(100).optional().describe("The last id of the previous page"),
    }),
    responses: {
      200: {
        description: "Audit events",
        schema: z.object({
          items: z.array(
            z.object({
              id: z.string(),
              at: z.string(),
              time: z.string().describe("The same moment as `at`"),
              action: z.string(),
              personId: z.string().nullable(),
              actor: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
              detail: z.unknown(),
            }),
          ),
          nextBefore: z.string().nullable(),
        }),
      },
      403: { description: "Your role cannot read audit trails", schema: apiErrorSchema },
      404: { description: "No such person", schema: apiErrorSchema },
    },
    handler: async ({ actor, query }) => {
      const trail = await readAuditTrail(db, actor, query.person, { before: query.before });
      return {
        items: trail.items.map((item) => ({ ...item, at: item.at.toISOString(), time: item.at.toISOString() })),
        nextBefore: trail.nextBefore,
      };
    },
  });
};
