import type { Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { NotFound } from "../platform/http/errors.ts";
import * as store from "./store.ts";

export type { NewNotification, ReminderRow } from "./store.ts";

/**
 * Raises reminders and prompts for users, once each: a notification whose `dedupeKey` the user
 * already has is skipped, so a sweep can run again (or from another process) without repeating
 * itself. Call it in the transaction that makes the change it is about. Returns how many were new.
 */
export async function notify(tx: Db | Tx, notifications: store.NewNotification[]): Promise<number> {
  return store.insertNotifications(tx, notifications);
}

export const REMINDERS_PER_PAGE = 50;

export interface Reminders {
  rows: store.ReminderRow[];
  total: number;
  unread: number;
  page: number;
  pages: number;
}

/**
 * The signed-in user's reminders, newest first, a page at a time. Each names its person and action
 * only while the user may still see them; every person named is on that person's audit trail.
 */
export async function readReminders(db: Db, actor: Actor, options: { page?: number; unreadOnly?: boolean; perPage?: number } = {}): Promise<Reminders> {
  const perPage = options.perPage ?? REMINDERS_PER_PAGE;
  const page = Math.max(1, Math.floor(options.page ?? 1));
  return db.transaction(async (tx) => {
    const { rows, total, unread } = await store.listReminders(tx, actor, { limit: perPage, offset: (page - 1) * perPage, unreadOnly: options.unreadOnly ?? false });
    await audit(tx, actor, { action: "reminders.read", detail: { page, returned: rows.map((row) => row.id) } });
    const people = new Set(rows.flatMap((row) => (row.person ? [row.person.id] : [])));
    for (const personId of people) await audit(tx, actor, { action: "reminders.read", personId });
    return { rows, total, unread, page, pages: Math.max(1, Math.ceil(total / perPage)) };
  });
}

/** How many of the signed-in user's reminders are unread. */
export async function unreadReminderCount(db: Db, actor: Actor): Promise<number> {
  return store.countUnread(db, actor);
}

/** Marks one of the user's own reminders read; NotFound for anyone else's. */
export async function markReminderRead(db: Db, actor: Actor, notificationId: string): Promise<void> {
  if (!isUuid(notificationId)) throw new NotFound("Reminder not found");
  const marked = await store.markRead(db, actor, notificationId);
  if (!marked) throw new NotFound("Reminder not found");
}

/** Marks all the user's reminders read; returns how many were unread. */
export async function markAllRemindersRead(db: Db, actor: Actor): Promise<number> {
  return store.markAllRead(db, actor);
}
