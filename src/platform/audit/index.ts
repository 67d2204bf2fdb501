import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Actor } from "../access/actor.ts";
import type { Db, Tx } from "../database/open.ts";
import { newId } from "../database/ids.ts";
import { users } from "../auth/tables.ts";
import { auditEvents } from "./tables.ts";

export interface AuditEntry {
  action: string;
  personId?: string | null;
  subjectType?: string;
  subjectId?: string;
  /** Structured facts about the event. Never note text, passwords or tokens. */
  detail?: Record<string, unknown>;
}

/** Writes one audit row. Call it with the transaction that does the read or write it records. */
export async function audit(tx: Db | Tx, actor: Pick<Actor, "tenantId" | "userId" | "ip">, entry: AuditEntry): Promise<void> {
  await auditMany(tx, actor, [entry]);
}

/** Writes several audit rows in one statement (a list's one row per person listed). */
export async function auditMany(tx: Db | Tx, actor: Pick<Actor, "tenantId" | "userId" | "ip">, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(auditEvents).values(
    entries.map((entry) => ({
      id: newId(),
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: entry.action,
      personId: entry.personId ?? null,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      detail: entry.detail ?? null,
      ip: actor.ip,
    })),
  );
}

export interface AuditEventView {
  id: string;
  at: Date;
  action: string;
  personId: string | null;
  actor: { id: string | null; name: string | null };
  detail: unknown;
}

/** A person's audit trail, newest first, a page at a time (`before` is the last id of the previous page). */
export async function listAuditForPerson(
  tx: Db | Tx,
  tenantId: string,
  personId: string,
  page: { limit: number; before?: string | undefined },
): Promise<AuditEventView[]> {
  const rows = await tx
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      personId: auditEvents.personId,
      actorId: auditEvents.actorUserId,
      actorName: users.displayName,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .leftJoin(users, and(eq(users.tenantId, auditEvents.tenantId), eq(users.id, auditEvents.actorUserId)))
    .where(
      and(
        eq(auditEvents.tenantId, tenantId),
        eq(auditEvents.personId, personId),
        page.before ? lt(auditEvents.id, page.before) : sql`TRUE`,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(page.limit);
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    action: row.action,
    personId: row.personId,
    actor: { id: row.actorId, name: row.actorName },
    detail: row.detail,
  }));
}
