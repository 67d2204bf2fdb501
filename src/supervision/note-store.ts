import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import type { SupervisionNoteInput } from "./schema.ts";
import { supervisionNotes } from "./tables.ts";

/** The roles whose holders receive supervision from their team's manager or psychologist. */
export const SUPERVISED_ROLES = ["key-worker", "co-worker", "peer-mentor"] as const;

export interface SupervisionNoteView {
  id: string;
  worker: { id: string; name: string };
  supervisor: { id: string; name: string };
  heldOn: string;
  note: string;
  agreedActions: string | null;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: { id: string; name: string } | null;
  version: number;
}

interface NoteRaw {
  id: string;
  worker_id: string;
  worker_name: string | null;
  supervisor_id: string;
  supervisor_name: string | null;
  held_on: string;
  note: string;
  agreed_actions: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  updated_by: string | null;
  updated_by_name: string | null;
  version: number;
}

const SELECT_NOTE = sql`
  SELECT note.id, note.worker_id, worker.display_name AS worker_name, note.supervisor_id, supervisor.display_name AS supervisor_name,
    note.held_on::text AS held_on, note.note, note.agreed_actions, note.created_at, note.updated_at,
    note.updated_by, updater.display_name AS updated_by_name, note.version
  FROM supervision_notes note
  LEFT JOIN users worker ON worker.tenant_id = note.tenant_id AND worker.id = note.worker_id
  LEFT JOIN users supervisor ON supervisor.tenant_id = note.tenant_id AND supervisor.id = note.supervisor_id
  LEFT JOIN users updater ON updater.tenant_id = note.tenant_id AND updater.id = note.updated_by`;

function toView(row: NoteRaw): SupervisionNoteView {
  return {
    id: row.id,
    worker: { id: row.worker_id, name: row.worker_name ?? "Unknown" },
    supervisor: { id: row.supervisor_id, name: row.supervisor_name ?? "Unknown" },
    heldOn: row.held_on,
    note: row.note,
    agreedActions: row.agreed_actions,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    updatedBy: row.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? "Unknown" } : null,
    version: Number(row.version),
  };
}

/** The active workers of a team whom its manager or psychologist supervises, by name. */
export async function listSupervisedWorkers(tx: Db | Tx, tenantId: string, teamId: string, supervisorId: string): Promise<Array<{ id: string; name: string }>> {
  const rows = await queryRows<{ id: string; display_name: string }>(tx, sql`
    SELECT id, display_name FROM users
    WHERE tenant_id = ${tenantId} AND team_id = ${teamId} AND active AND id <> ${supervisorId}
      AND roles && ARRAY[${sql.join(SUPERVISED_ROLES.map((role) => sql`${role}`), sql`, `)}]::text[]
    ORDER BY display_name
  `);
  return rows.map((row) => ({ id: row.id, name: row.display_name }));
}

/** `at` backdates the note (demo data and imports); otherwise it is now. */
export async function insertNote(tx: Tx, input: { tenantId: string; workerId: string; supervisorId: string; note: SupervisionNoteInput; at?: Date }): Promise<string> {
  const id = newId();
  await tx.insert(supervisionNotes).values({
    id,
    tenantId: input.tenantId,
    workerId: input.workerId,
    supervisorId: input.supervisorId,
    createdBy: input.supervisorId,
    updatedBy: input.supervisorId,
    ...input.note,
    ...(input.at ? { createdAt: input.at, updatedAt: input.at } : {}),
  });
  return id;
}

/** Saves only when the stored version is `expectedVersion`; false when someone saved first. */
export async function updateNote(tx: Tx, input: { tenantId: string; noteId: string; expectedVersion: number; by: string; note: SupervisionNoteInput }): Promise<boolean> {
  const rows = await tx
    .update(supervisionNotes)
    .set({ ...input.note, updatedBy: input.by, updatedAt: sql`now()`, version: sql`${supervisionNotes.version} + 1` })
    .where(and(eq(supervisionNotes.tenantId, input.tenantId), eq(supervisionNotes.id, input.noteId), eq(supervisionNotes.version, input.expectedVersion)))
    .returning({ id: supervisionNotes.id });
  return rows.length === 1;
}

export async function findNote(tx: Db | Tx, tenantId: string, noteId: string): Promise<SupervisionNoteView | undefined> {
  const rows = await queryRows<NoteRaw>(tx, sql`${SELECT_NOTE} WHERE note.tenant_id = ${tenantId} AND note.id = ${noteId}`);
  const row = rows[0];
  return row ? toView(row) : undefined;
}

/**
 * Notes about a worker or written by a supervisor (or both, for one pair), the most recently held
 * first, a page at a time, with how many there are in all.
 */
export async function listNotes(
  tx: Db | Tx,
  tenantId: string,
  filter: { workerId?: string; supervisorId?: string },
  page: { limit: number; offset: number },
): Promise<{ notes: SupervisionNoteView[]; total: number }> {
  const where = sql`note.tenant_id = ${tenantId}
    ${filter.workerId ? sql`AND note.worker_id = ${filter.workerId}` : sql``}
    ${filter.supervisorId ? sql`AND note.supervisor_id = ${filter.supervisorId}` : sql``}`;
  const rows = await queryRows<NoteRaw>(tx, sql`${SELECT_NOTE} WHERE ${where}
    ORDER BY note.held_on DESC, note.created_at DESC LIMIT ${page.limit} OFFSET ${page.offset}`);
  const [count] = await queryRows<{ total: number }>(tx, sql`SELECT count(*)::int AS total FROM supervision_notes note WHERE ${where}`);
  return { notes: rows.map(toView), total: count?.total ?? 0 };
}
