import type { FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { ukToday } from "../platform/clock.ts";
import { Conflict, Invalid, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import {
  createSupervisionNote,
  listSupervisionNotes,
  readSupervisionNote,
  readSupervisionNoteForEdit,
  supervisionNoteForm,
  updateSupervisionNote,
  type SupervisionNoteView,
} from "./note-service.ts";
import { supervisionListPage, supervisionNoteFormPage, supervisionNotePage } from "./note-views.ts";
import { dateFields, noteFromForm, type SupervisionNoteFormValues } from "./schema.ts";

function noteIdFrom(request: FastifyRequest): string {
  return (request.params as { noteId: string }).noteId;
}

function valuesFromNote(note: SupervisionNoteView): SupervisionNoteFormValues {
  return { ...dateFields("heldOn", note.heldOn), note: note.note, agreedActions: note.agreedActions ?? "", version: String(note.version) };
}

/** Private supervision notes: the list, writing one, reading and changing it. */
export const supervisionNoteRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(paths.supervision.list(), async (request, reply) => {
    const query = request.query as { worker?: string; page?: string };
    const page = Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1);
    const worker = query.worker ? query.worker : undefined;
    const list = await listSupervisionNotes(db, request.actor as Actor, { page, ...(worker ? { workerId: worker } : {}) });
    const context = await pageContext(db, request, reply);
    return sendPage(reply, supervisionListPage(context, list));
  });

  app.get(paths.supervision.new(), async (request, reply) => {
    const { worker } = request.query as { worker?: string };
    const form = await supervisionNoteForm(db, request.actor as Actor, worker ? worker : undefined);
    const context = await pageContext(db, request, reply);
    const values: SupervisionNoteFormValues = { worker: form.workerId ?? "", ...dateFields("heldOn", ukToday(deps.clock)) };
    return sendPage(reply, supervisionNoteFormPage(context, { mode: "new", workers: form.workers, values, issues: [] }));
  });

  app.post(paths.supervision.create(), async (request, reply) => {
    const actor = request.actor as Actor;
    const today = ukToday(deps.clock);
    const { workers } = await supervisionNoteForm(db, actor);
    const values = formValues(request.body) as SupervisionNoteFormValues;
    const read = noteFromForm(values, today);
    let issues: FieldIssue[] = "issues" in read ? read.issues : [];
    if (!values.worker) issues = [{ field: "worker", message: "Choose the worker the supervision was with" }, ...issues];
    if (issues.length === 0 && "input" in read && values.worker) {
      try {
        const note = await createSupervisionNote(db, actor, values.worker, read.input, today);
        return await redirectWithFlash(db, request, reply, paths.supervision.show(note.id), { title: "Supervision note saved", text: `Only you and ${note.worker.name} can read it.` });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, supervisionNoteFormPage(context, { mode: "new", workers, values, issues }), 400);
  });

  app.get(paths.supervision.show(":noteId"), async (request, reply) => {
    const view = await readSupervisionNote(db, request.actor as Actor, noteIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, supervisionNotePage(context, view));
  });

  app.get(paths.supervision.edit(":noteId"), async (request, reply) => {
    const note = await readSupervisionNoteForEdit(db, request.actor as Actor, noteIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, supervisionNoteFormPage(context, { mode: "edit", workers: [], note, values: valuesFromNote(note), issues: [] }));
  });

  app.post(paths.supervision.update(":noteId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const noteId = noteIdFrom(request);
    const today = ukToday(deps.clock);
    const note = await readSupervisionNoteForEdit(db, actor, noteId);
    const values = formValues(request.body) as SupervisionNoteFormValues;
    const version = Number.parseInt(values.version ?? "", 10);
    let issues: FieldIssue[] = Number.isInteger(version) && version > 0 ? [] : [{ field: "form", message: "Reload the page and make your changes again" }];
    const read = noteFromForm(values, today);
    if ("issues" in read) issues = [...issues, ...read.issues];
    if (issues.length === 0 && "input" in read) {
      try {
        await updateSupervisionNote(db, actor, noteId, version, read.input, today);
        return await redirectWithFlash(db, request, reply, paths.supervision.show(noteId), { title: "Changes saved" });
      } catch (error) {
        if (error instanceof Conflict) {
          const stored = error.current as SupervisionNoteView;
          const context = await pageContext(db, request, reply);
          return sendPage(reply, supervisionNoteFormPage(context, { mode: "edit", workers: [], note: stored, values: { ...values, version: String(stored.version) }, issues: [], conflict: stored }), 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, supervisionNoteFormPage(context, { mode: "edit", workers: [], note, values, issues }), 400);
  });
};
