import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { paths } from "../platform/http/paths.ts";
import { readReminders } from "./service.ts";
import { reminderHref } from "./views.ts";

const reminderResponse = z.object({
  id: z.string(),
  kind: z.string().describe("action-due (an action you own fell due), action-chase (an overdue action to chase), or another capability's prompt"),
  message: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
  readAt: z.string().nullable(),
  subject: z.object({ type: z.string(), id: z.string() }).nullable(),
  person: z.object({ id: z.string(), name: z.string() }).nullable().describe("The person it is about, while you may see them"),
  action: z.object({ id: z.string(), description: z.string(), dueDate: z.string(), status: z.string() }).nullable().describe("The plan action it is about, while you may see it"),
  href: z.string().nullable().describe("The page to open"),
});

export const remindersApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;

  api.add(app, {
    method: "GET",
    url: paths.api.reminders(),
    summary: "Your reminders, newest first: actions you own that fell due, overdue actions to chase, and other prompts",
    tags: ["Reminders"],
    access: "signed-in",
    query: z.object({
      unread: z.enum(["0", "1", "true", "false"]).optional().describe("1 for unread reminders only"),
      page: z.coerce.number().int().min(1).max(100_000).optional(),
    }),
    responses: {
      200: { description: "A page of 50 reminders", schema: z.object({ items: z.array(reminderResponse), unread: z.number().int(), total: z.number().int(), page: z.number().int(), pages: z.number().int() }) },
    },
    handler: async ({ actor, query }) => {
      const reminders = await readReminders(db, actor, { page: query.page ?? 1, unreadOnly: query.unread === "1" || query.unread === "true" });
      return {
        items: reminders.rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          message: row.message,
          createdAt: row.createdAt.toISOString(),
          read: row.readAt !== null,
          readAt: row.readAt?.toISOString() ?? null,
          subject: row.subjectType && row.subjectId ? { type: row.subjectType, id: row.subjectId } : null,
          person: row.person,
          action: row.action ? { id: row.action.id, description: row.action.description, dueDate: row.action.dueOn, status: row.action.status } : null,
          href: reminderHref(row),
        })),
        unread: reminders.unread,
        total: reminders.total,
        page: reminders.page,
        pages: reminders.pages,
      };
    },
  });
};
