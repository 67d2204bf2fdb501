import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { notifications } from "./tables.ts";

export interface NewNotification {
  tenantId: string;
  userId: string;
  personId: string | null;
  kind: string;
  message: string;
  subjectType: string | null;
  subjectId: string | null;
  dedupeKey: string;
}

/** Adds notifications, skipping any the user already has with the same key; returns how many were new. */
export async function insertNotifications(tx: Db | Tx, rows: NewNotification[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await tx
    .insert(notifications)
    .values(rows.map((row) => ({ id: newId(), ...row })))
    .onConflictDoNothing({ target: [notifications.tenantId, notifications.userId, notifications.dedupeKey] })
    .returning({ id: notifications.id });
  return inserted.length;
}
