import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { pageContext, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { plural } from "../platform/views/format.ts";
import { markAllRemindersRead, markReminderRead, readReminders } from "./service.ts";
import { remindersPage } from "./views.ts";

function pageNumber(value: string | undefined): number {
  const number = Number.parseInt(value ?? "1", 10);
  return Number.isInteger(number) && number > 0 && number < 100_000 ? number : 1;
}

export const reminderRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(paths.reminders.list(), async (request, reply) => {
    const query = request.query as { page?: string; unread?: string };
    const unreadOnly = query.unread === "1";
    const reminders = await readReminders(db, request.actor as Actor, { page: pageNumber(query.page), unreadOnly });
    const context = await pageContext(db, request, reply);
    return sendPage(reply, remindersPage(context, reminders, { unreadOnly }));
  });

  app.post(paths.reminders.markAllRead(), async (request, reply) => {
    const marked = await markAllRemindersRead(db, request.actor as Actor);
    return redirectWithFlash(db, request, reply, paths.reminders.list(), { title: marked === 0 ? "Nothing was unread" : `${plural(marked, "reminder")} marked as read` });
  });

  app.post(paths.reminders.markRead(":notificationId"), async (request, reply) => {
    const { notificationId } = request.params as { notificationId: string };
    await markReminderRead(db, request.actor as Actor, notificationId);
    return redirectWithFlash(db, request, reply, paths.reminders.list(), { title: "Reminder marked as read" });
  });
};
