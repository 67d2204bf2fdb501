import { personName } from "../platform/views/format.ts";
import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { ukToday } from "../platform/clock.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { paths } from "../platform/http/paths.ts";
import { listActionsForApi, STATUS_FILTERS, type AgencyActionRow } from "./accountability.ts";

const actionListItem = z.object({
  id: z.string(),
  personId: z.string(),
  person: z.object({ id: z.string(), name: z.string() }),
  description: z.string(),
  dueDate: z.string().describe("UK date, YYYY-MM-DD"),
  status: z.enum(["open", "done", "cancelled"]),
  overdue: z.boolean().describe("Open and due before today"),
  daysOverdue: z.number().int().describe("Days past the due date; 0 unless overdue"),
  ownerOrganisation: z.object({ id: z.string(), name: z.string() }),
  ownerOrganisationId: z.string(),
  owner: z.object({ id: z.string(), name: z.string() }).nullable().describe("The named owner with a Keywork account"),
  ownerName: z.string().nullable().describe("The named owner: a Keywork user's name or a name without an account"),
  meetingId: z.string().nullable().describe("The meeting whose recommendation it is"),
  version: z.number().int().describe("Send it back when changing the action (PATCH /api/v1/actions/{id})"),
});

export function presentActionListItem(row: AgencyActionRow) {
  return {
    id: row.id,
    personId: row.personId,
    person: { id: row.personId, name: personName(row) },
    description: row.description,
    dueDate: row.dueOn,
    status: row.status,
    overdue: row.daysOverdue > 0,
    daysOverdue: row.daysOverdue,
    ownerOrganisation: { id: row.ownerOrganisationId, name: row.ownerOrganisationName },
    ownerOrganisationId: row.ownerOrganisationId,
    owner: row.ownerUserId && row.ownerUserName ? { id: row.ownerUserId, name: row.ownerUserName } : null,
    ownerName: row.ownerUserName ?? row.ownerName,
    meetingId: row.meetingId,
    version: row.version,
  };
}

export const accountabilityApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;

  api.add(app, {
    method: "GET",
    url: paths.api.actions(),
    summary: "Plan actions you may see across everyone you may see, each with its owning organisation; most overdue first",
    tags: ["Plans"],
    access: "signed-in",
    query: z.object({
      status: z.enum(STATUS_FILTERS).default("open").describe("overdue: open and due before today; open (the default); done; cancelled; all"),
      organisation: z.string().max(100).optional().describe("Only actions owned by this organisation (its id)"),
      limit: z.coerce.number().int().min(1).max(1000).default(500).describe("At most this many (default 500)"),
    }),
    responses: {
      200: { description: "The actions, by due date", schema: z.object({ items: z.array(actionListItem) }) },
      400: { description: "Not a status Keywork knows", schema: apiErrorSchema },
    },
    handler: async ({ actor, query }) => {
      const rows = await listActionsForApi(db, actor, ukToday(deps.clock), { status: query.status, organisationId: query.organisation, limit: query.limit });
      return { items: rows.map(presentActionListItem) };
    },
  });
};
