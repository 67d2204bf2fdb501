import type { Db, Tx } from "../platform/database/open.ts";
import * as store from "./store.ts";

export type { NewNotification } from "./store.ts";

/**
 * Raises reminders and prompts for users, once each: a notification whose `dedupeKey` the user
 * already has is skipped, so a sweep can run again (or from another process) without repeating
 * itself. Call it in the transaction that makes the change it is about. Returns how many were new.
 */
export async function notify(tx: Db | Tx, notifications: store.NewNotification[]): Promise<number> {
  return store.insertNotifications(tx, notifications);
}
