import { sql } from "drizzle-orm";
import { visiblePeopleCondition, visiblePlanActionsCondition, type Actor } from "../platform/access/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
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

export interface ReminderRow {
  id: string;
  kind: string;
  message: string;
  subjectType: string | null;
  subjectId: string | null;
  createdAt: Date;
  readAt: Date | null;
  /** The person it is about, when the reader may still see them. */
  person: { id: string; name: string } | null;
  /** The plan action it is about, when the reader may still see it. */
  action: { id: string; description: string; dueOn: string; status: string } | null;
}

/**
 * The user's notifications, newest first, each with its person and action only when the user may
 * see them now (consent or membership may have changed since it was raised).
 */
export async function listReminders(tx: Db | Tx, actor: Actor, page: { limit: number; offset: number; unreadOnly?: boolean }): Promise<{ rows: ReminderRow[]; total: number; unread: number }> {
  const rows = await queryRows<{
    id: string;
    kind: string;
    message: string;
    subject_type: string | null;
    subject_id: string | null;
    created_at: Date | string;
    read_at: Date | string | null;
    person_id: string | null;
    person_name: string | null;
    action_id: string | null;
    action_description: string | null;
    action_due_on: string | null;
    action_status: string | null;
    total: number;
    unread: number;
  }>(
    tx,
    sql`
    SELECT n.id, n.kind, n.message, n.subject_type, n.subject_id, n.created_at, n.read_at,
      person.id AS person_id, person.name AS person_name,
      action.id AS action_id, action.description AS action_description, action.due_on AS action_due_on, action.status AS action_status,
      count(*) OVER () AS total,
      count(*) FILTER (WHERE n.read_at IS NULL) OVER () AS unread
    FROM notifications n
    LEFT JOIN LATERAL (
      SELECT p.id, coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name AS name
      FROM people p WHERE p.tenant_id = n.tenant_id AND p.id = n.person_id AND ${visiblePeopleCondition(actor, "p")}
    ) person ON TRUE
    LEFT JOIN LATERAL (
      SELECT a.id, a.description, a.due_on::text AS due_on, a.status
      FROM plan_actions a JOIN people p ON p.tenant_id = a.tenant_id AND p.id = a.person_id
      WHERE n.subject_type = 'plan-action' AND a.tenant_id = n.tenant_id AND a.id = n.subject_id
        AND ${visiblePlanActionsCondition(actor, "a", "p")}
    ) action ON TRUE
    WHERE n.tenant_id = ${actor.tenantId} AND n.user_id = ${actor.userId}
      ${page.unreadOnly ? sql`AND n.read_at IS NULL` : sql``}
    ORDER BY n.created_at DESC, n.id DESC
    LIMIT ${page.limit} OFFSET ${page.offset}
  `,
  );
  const [first] = rows;
  const unread = first ? Number(first.unread) : await countUnread(tx, actor);
  return {
    total: Number(first?.total ?? 0),
    unread: page.unreadOnly ? Number(first?.total ?? 0) : unread,
    rows: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      message: row.message,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      createdAt: new Date(row.created_at),
      readAt: row.read_at === null ? null : new Date(row.read_at),
      person: row.person_id && row.person_name ? { id: row.person_id, name: row.person_name } : null,
      action:
        row.action_id && row.action_description !== null && row.action_due_on && row.action_status
          ? { id: row.action_id, description: row.action_description, dueOn: row.action_due_on, status: row.action_status }
          : null,
    })),
  };
}

/** How many of the user's notifications are unread. */
export async function countUnread(tx: Db | Tx, actor: Pick<Actor, "tenantId" | "userId">): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    tx,
    sql`SELECT count(*)::int AS count FROM notifications WHERE tenant_id = ${actor.tenantId} AND user_id = ${actor.userId} AND read_at IS NULL`,
  );
  return Number(row?.count ?? 0);
}

/** Marks one of the user's notifications read; false when they have no such notification. */
export async function markRead(tx: Db | Tx, actor: Pick<Actor, "tenantId" | "userId">, notificationId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE notifications SET read_at = coalesce(read_at, now())
        WHERE tenant_id = ${actor.tenantId} AND user_id = ${actor.userId} AND id = ${notificationId} RETURNING id`,
  );
  return rows.length > 0;
}

/** Marks all the user's notifications read; returns how many were unread. */
export async function markAllRead(tx: Db | Tx, actor: Pick<Actor, "tenantId" | "userId">): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE notifications SET read_at = now() WHERE tenant_id = ${actor.tenantId} AND user_id = ${actor.userId} AND read_at IS NULL RETURNING id`,
  );
  return rows.length;
}
