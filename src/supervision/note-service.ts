import { can, hasRole, type Actor } from "../platform/access/index.ts";
import type { Role } from "../platform/access/roles.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/http/errors.ts";
import * as store from "./note-store.ts";
import type { SupervisionNoteView } from "./note-store.ts";
import type { SupervisionNoteInput } from "./schema.ts";

export type { SupervisionNoteView } from "./note-store.ts";

/**
 * Private supervision notes (PRODUCT.md, C11). A note is seen by exactly two people: the worker it
 * is about and the supervisor who wrote it. Anyone else — another manager of the same team, an
 * administrator, a colleague — is told it does not exist.
 */

export const NOTES_PAGE_SIZE = 20;

/** Staff of the key-worker service: they are supervised, or they supervise. */
const SUPERVISION_ROLES: Role[] = ["key-worker", "co-worker", "peer-mentor", "manager", "psychologist"];
const NOT_STAFF = "Supervision notes are for the staff of the key-worker service";
const MAY_NOT_SUPERVISE = "Only team managers and psychologists write supervision notes";
const ONLY_AUTHOR = "Only the supervisor who wrote a supervision note can change it";

export interface SupervisionList {
  /** True for a manager or psychologist: the notes they wrote; otherwise the notes about the actor. */
  asSupervisor: boolean;
  /** The workers a supervisor may write about and filter by. */
  workers: Array<{ id: string; name: string }>;
  worker: { id: string; name: string } | null;
  notes: SupervisionNoteView[];
  total: number;
  page: number;
  pageSize: number;
}

/** The notes the actor may read: those they wrote (supervisors, optionally about one worker in their team), or those about them. Audited. */
export async function listSupervisionNotes(db: Db, actor: Actor, options: { workerId?: string; page: number }): Promise<SupervisionList> {
  if (!hasRole(actor, ...SUPERVISION_ROLES)) throw new Forbidden(NOT_STAFF);
  const asSupervisor = can(actor, "supervision.supervise");
  if (options.workerId !== undefined && !isUuid(options.workerId)) throw new NotFound("Worker not found");
  return db.transaction(async (tx) => {
    const workers = asSupervisor ? await supervisedWorkers(tx, actor) : [];
    let worker: { id: string; name: string } | null = null;
    if (options.workerId !== undefined) {
      worker = asSupervisor ? (workers.find((candidate) => candidate.id === options.workerId) ?? null) : options.workerId === actor.userId ? { id: actor.userId, name: actor.displayName } : null;
      if (!worker) throw new NotFound("Worker not found");
    }
    const filter = asSupervisor ? { supervisorId: actor.userId, ...(worker ? { workerId: worker.id } : {}) } : { workerId: actor.userId };
    const { notes, total } = await store.listNotes(tx, actor.tenantId, filter, { limit: NOTES_PAGE_SIZE, offset: (options.page - 1) * NOTES_PAGE_SIZE });
    await audit(tx, actor, {
      action: "supervision-notes.read",
      subjectType: "user",
      subjectId: worker?.id ?? actor.userId,
      detail: { as: asSupervisor ? "supervisor" : "worker", page: options.page, returned: notes.map((note) => note.id) },
    });
    return { asSupervisor, workers, worker, notes, total, page: options.page, pageSize: NOTES_PAGE_SIZE };
  });
}

async function supervisedWorkers(tx: Db | Tx, actor: Actor): Promise<Array<{ id: string; name: string }>> {
  return actor.teamId ? store.listSupervisedWorkers(tx, actor.tenantId, actor.teamId, actor.userId) : [];
}

/** The workers a supervisor may write a note about (the active workers of their own team), and the one chosen. */
export async function supervisionNoteForm(db: Db, actor: Actor, workerId?: string): Promise<{ workers: Array<{ id: string; name: string }>; workerId: string | null }> {
  if (!can(actor, "supervision.supervise")) throw new Forbidden(MAY_NOT_SUPERVISE);
  const workers = await supervisedWorkers(db, actor);
  if (workerId !== undefined && !workers.some((worker) => worker.id === workerId)) throw new NotFound("Worker not found");
  return { workers, workerId: workerId ?? null };
}

/** Writes a note of a supervision with a worker in the supervisor's own team; `today` is the app clock's UK date. */
export async function createSupervisionNote(db: Db, actor: Actor, workerId: string, input: SupervisionNoteInput, today: string): Promise<SupervisionNoteView> {
  if (!can(actor, "supervision.supervise")) throw new Forbidden(MAY_NOT_SUPERVISE);
  if (input.heldOn > today) throw new Invalid([{ field: "heldOn", message: "The date of the supervision must be today or in the past" }]);
  return db.transaction(async (tx) => {
    const workers = await supervisedWorkers(tx, actor);
    if (!workers.some((worker) => worker.id === workerId)) throw new Invalid([{ field: "worker", message: "Select a worker in your team" }]);
    const noteId = await store.insertNote(tx, { tenantId: actor.tenantId, workerId, supervisorId: actor.userId, note: input });
    await audit(tx, actor, { action: "supervision-note.create", subjectType: "supervision-note", subjectId: noteId, detail: { workerId, heldOn: input.heldOn } });
    return requireNote(tx, actor.tenantId, noteId);
  });
}

async function requireNote(tx: Db | Tx, tenantId: string, noteId: string): Promise<SupervisionNoteView> {
  const note = await store.findNote(tx, tenantId, noteId);
  if (!note) throw new NotFound("Supervision note not found");
  return note;
}

/** The note when the actor is its worker or its supervisor; not found for everyone else. */
async function loadNote(tx: Db | Tx, actor: Actor, noteId: string, forEdit: boolean): Promise<SupervisionNoteView> {
  if (!isUuid(noteId)) throw new NotFound("Supervision note not found");
  const note = await store.findNote(tx, actor.tenantId, noteId);
  const isSupervisor = note?.supervisor.id === actor.userId;
  const isWorker = note?.worker.id === actor.userId;
  if (!note || !(isSupervisor || isWorker)) throw new NotFound("Supervision note not found");
  if (forEdit && !isSupervisor) throw new Forbidden(ONLY_AUTHOR);
  return note;
}

/** One note, for its worker or its supervisor; audited (never with its text). */
export async function readSupervisionNote(db: Db, actor: Actor, noteId: string): Promise<{ note: SupervisionNoteView; mayEdit: boolean }> {
  return db.transaction(async (tx) => {
    const note = await loadNote(tx, actor, noteId, false);
    const mayEdit = note.supervisor.id === actor.userId;
    await audit(tx, actor, { action: "supervision-note.read", subjectType: "supervision-note", subjectId: note.id, detail: { workerId: note.worker.id, as: mayEdit ? "supervisor" : "worker" } });
    return { note, mayEdit };
  });
}

/** One note for its supervisor to change; the worker is refused, anyone else is told it does not exist. Audited. */
export async function readSupervisionNoteForEdit(db: Db, actor: Actor, noteId: string): Promise<SupervisionNoteView> {
  return db.transaction(async (tx) => {
    const note = await loadNote(tx, actor, noteId, true);
    await audit(tx, actor, { action: "supervision-note.read", subjectType: "supervision-note", subjectId: note.id, detail: { workerId: note.worker.id, purpose: "edit" } });
    return note;
  });
}

/** Changes a note made against `expectedVersion`; Conflict, with the note as it is now, when it was saved since. */
export async function updateSupervisionNote(db: Db, actor: Actor, noteId: string, expectedVersion: number, input: SupervisionNoteInput, today: string): Promise<SupervisionNoteView> {
  return db.transaction(async (tx) => {
    const before = await loadNote(tx, actor, noteId, true);
    if (input.heldOn > today) throw new Invalid([{ field: "heldOn", message: "The date of the supervision must be today or in the past" }]);
    const saved = await store.updateNote(tx, { tenantId: actor.tenantId, noteId, expectedVersion, by: actor.userId, note: input });
    // Read again: `before` may predate the save that won (PostgreSQL's read committed), and the
    // conflict must show what is stored now, with its version.
    if (!saved) throw new Conflict("The note was changed after you opened it", await requireNote(tx, actor.tenantId, noteId));
    const after = await requireNote(tx, actor.tenantId, noteId);
    const fields = (["heldOn", "note", "agreedActions"] as const).filter((field) => input[field] !== before[field]);
    await audit(tx, actor, { action: "supervision-note.update", subjectType: "supervision-note", subjectId: noteId, detail: { workerId: before.worker.id, fields, version: after.version } });
    return after;
  });
}
