import { conflictSummary as savedNowSummary } from "../platform/views/conflict.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import {
  govukButton,
  govukDateInput,
  govukErrorSummary,
  govukInsetText,
  govukPagination,
  govukSelect,
  govukSummaryList,
  govukTable,
  govukTextarea,
} from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, formatIsoDate, plural } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import type { SupervisionList, SupervisionNoteView } from "./note-service.ts";
import type { SupervisionNoteFormValues } from "./schema.ts";

const preLine = (text: string) => html`<span class="keywork-pre-line">${text}</span>`;

function pagination(list: SupervisionList): SafeHtml | string {
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  if (pages <= 1) return "";
  const worker = list.worker?.id;
  const href = (page: number) => paths.supervision.list({ worker, page });
  return govukPagination({
    ...(list.page > 1 ? { previous: { href: href(list.page - 1) } } : {}),
    ...(list.page < pages ? { next: { href: href(list.page + 1) } } : {}),
    items: Array.from({ length: pages }, (_, index) => ({ number: index + 1, href: href(index + 1), current: index + 1 === list.page })),
  });
}

function workerFilter(list: SupervisionList): SafeHtml | string {
  if (list.workers.length === 0) return "";
  return html`<form method="get" action="${paths.supervision.list()}" novalidate>
  ${govukSelect({
    id: "worker",
    name: "worker",
    label: { text: "Show notes about", classes: "govuk-label--s" },
    value: list.worker?.id ?? "",
    items: [{ value: "", text: "Everyone in your team" }, ...list.workers.map((worker) => ({ value: worker.id, text: worker.name }))],
  })}
  ${govukButton({ text: "Show notes", classes: "govuk-button--secondary" })}
</form>`;
}

/** The supervision notes the reader may see: those they wrote, or those about them. */
export function supervisionListPage(context: PageContext, list: SupervisionList): SafeHtml {
  const first = (list.page - 1) * list.pageSize + 1;
  const intro = list.asSupervisor
    ? "Private notes of the supervision you give. Each note is seen only by you and the worker it is about — not by other managers, administrators or colleagues."
    : "Notes of your supervision, written by your supervisor. Only you and they can read them.";
  const empty = list.asSupervisor
    ? list.worker
      ? `You have not written a supervision note about ${list.worker.name} yet.`
      : list.workers.length === 0
        ? "There are no workers in your team to supervise yet."
        : "You have not written any supervision notes yet."
    : "No supervision notes about you yet. Your supervisor writes one after each supervision session.";
  return layout(context, {
    title: list.page > 1 ? `Supervision (page ${list.page})` : "Supervision",
    content: html`<h1 class="govuk-heading-l">Supervision</h1>
<p class="govuk-body">${intro}</p>
${list.asSupervisor && list.workers.length > 0 ? govukButton({ text: "Write a supervision note", href: paths.supervision.new({ worker: list.worker?.id }) }) : ""}
${list.asSupervisor ? workerFilter(list) : ""}
${list.notes.length === 0
  ? html`<p class="govuk-body">${empty}</p>`
  : html`${govukTable({
      caption: `Showing ${first} to ${first + list.notes.length - 1} of ${plural(list.total, "note")}, most recent first`,
      captionClasses: "govuk-table__caption--s",
      head: [{ text: "Held on" }, { text: list.asSupervisor ? "Worker" : "Supervisor" }, { text: "Last changed" }],
      rows: list.notes.map((note) => [
        { html: html`<a class="govuk-link" href="${paths.supervision.show(note.id)}">${formatIsoDate(note.heldOn)}<span class="govuk-visually-hidden"> — open the note about ${note.worker.name}</span></a>` },
        { text: list.asSupervisor ? note.worker.name : note.supervisor.name },
        { text: formatDateTime(note.updatedAt) },
      ]),
    })}${pagination(list)}`}`,
  });
}

/** One supervision note, for its worker and its supervisor. */
export function supervisionNotePage(context: PageContext, view: { note: SupervisionNoteView; mayEdit: boolean }): SafeHtml {
  const { note, mayEdit } = view;
  return layout(context, {
    title: `Supervision, ${formatIsoDate(note.heldOn)}`,
    section: paths.supervision.list(),
    beforeContent: html`<a href="${paths.supervision.list()}" class="govuk-back-link">Back to supervision</a>`,
    content: html`<span class="govuk-caption-l">${note.worker.name}</span>
<h1 class="govuk-heading-l">Supervision, ${formatIsoDate(note.heldOn)}</h1>
${govukInsetText({ text: `Private: only ${note.worker.name} and ${note.supervisor.name} can read this note.` })}
${govukSummaryList({
  rows: [
    { key: { text: "Worker" }, value: { text: note.worker.name } },
    { key: { text: "Supervisor" }, value: { text: note.supervisor.name } },
    { key: { text: "Held on" }, value: { text: formatIsoDate(note.heldOn) } },
    { key: { text: "Note" }, value: { html: preLine(note.note) } },
    { key: { text: "Agreed actions" }, value: { html: note.agreedActions ? preLine(note.agreedActions) : html`None recorded` } },
    {
      key: { text: "Written" },
      value: { text: `${formatDateTime(note.createdAt)}${note.version > 1 ? `. Last changed by ${note.updatedBy?.name ?? "Unknown"}, ${formatDateTime(note.updatedAt)}` : ""}` },
    },
  ],
})}
${mayEdit ? govukButton({ text: "Change this note", href: paths.supervision.edit(note.id), classes: "govuk-button--secondary" }) : ""}`,
  });
}

export interface NoteFormOptions {
  mode: "new" | "edit";
  workers: Array<{ id: string; name: string }>;
  /** The stored note, when changing one. */
  note?: SupervisionNoteView;
  values: SupervisionNoteFormValues;
  issues: FieldIssue[];
  /** When it was saved since the form was opened: the note as it is now. */
  conflict?: SupervisionNoteView;
}

function conflictSummary(stored: SupervisionNoteView): SafeHtml {
  return savedNowSummary("This note was changed while you were editing", [
    { key: { text: "Held on" }, value: { text: formatIsoDate(stored.heldOn) } },
    { key: { text: "Note" }, value: { html: preLine(stored.note) } },
    { key: { text: "Agreed actions" }, value: { text: stored.agreedActions ?? "(none)" } },
    { key: { text: "Last changed" }, value: { text: `${stored.updatedBy?.name ?? "Unknown"}, ${formatDateTime(stored.updatedAt)}` } },
  ]);
}

/** Writing or changing a supervision note. */
export function supervisionNoteFormPage(context: PageContext, options: NoteFormOptions): SafeHtml {
  const { values, note } = options;
  const errors = errorsByField(options.issues);
  const error = (field: string) => (errors[field] ? { errorMessage: { text: errors[field] } } : {});
  const dateClasses = (width: string) => `${width}${errors.heldOn ? " govuk-input--error" : ""}`;
  const isNew = options.mode === "new" || !note;
  const title = isNew ? "Write a supervision note" : "Change a supervision note";
  const hrefFor = (field: string) => (field === "heldOn" ? "#heldOn-day" : field === "form" ? "#main-content" : `#${field}`);
  return layout(context, {
    title,
    section: paths.supervision.list(),
    hasErrors: options.issues.length > 0 || Boolean(options.conflict),
    beforeContent: html`<a href="${note ? paths.supervision.show(note.id) : paths.supervision.list()}" class="govuk-back-link">Back</a>`,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${options.issues.length > 0 ? govukErrorSummary({ titleText: "There is a problem", errorList: options.issues.map((issue) => ({ text: issue.message, href: hrefFor(issue.field) })) }) : ""}
${options.conflict ? conflictSummary(options.conflict) : ""}
<h1 class="govuk-heading-l">${title}</h1>
<p class="govuk-body">Only you and the worker will be able to read this note.</p>
<form method="post" action="${isNew ? paths.supervision.create() : paths.supervision.update(note.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  ${isNew
    ? govukSelect({
        id: "worker",
        name: "worker",
        label: { text: "Worker", classes: "govuk-label--s" },
        hint: { text: "An active worker in your team" },
        value: values.worker ?? "",
        ...error("worker"),
        items: [{ value: "", text: "Choose a worker" }, ...options.workers.map((worker) => ({ value: worker.id, text: worker.name }))],
      })
    : html`<input type="hidden" name="version" value="${values.version ?? ""}">${govukSummaryList({ rows: [{ key: { text: "Worker" }, value: { text: note.worker.name } }] })}`}
  ${govukDateInput({
    id: "heldOn",
    namePrefix: "heldOn",
    fieldset: { legend: { text: "When was the supervision?", classes: "govuk-fieldset__legend--s" } },
    hint: { text: "Today or earlier. For example, 27 3 2027" },
    ...error("heldOn"),
    items: [
      { name: "day", classes: dateClasses("govuk-input--width-2"), value: values["heldOn-day"] ?? "" },
      { name: "month", classes: dateClasses("govuk-input--width-2"), value: values["heldOn-month"] ?? "" },
      { name: "year", classes: dateClasses("govuk-input--width-4"), value: values["heldOn-year"] ?? "" },
    ],
  })}
  ${govukTextarea({
    id: "note",
    name: "note",
    label: { text: "Note", classes: "govuk-label--s" },
    hint: { text: "How they are, what they brought, the cases discussed and what you reflected on together." },
    rows: 10,
    value: values.note ?? "",
    ...error("note"),
  })}
  ${govukTextarea({
    id: "agreedActions",
    name: "agreedActions",
    label: { text: "Agreed actions (optional)", classes: "govuk-label--s" },
    hint: { text: "What each of you will do before the next supervision." },
    rows: 4,
    value: values.agreedActions ?? "",
    ...error("agreedActions"),
  })}
  <div class="govuk-button-group">
    ${govukButton({ text: isNew ? "Save note" : "Save changes", preventDoubleClick: true })}
    <a class="govuk-link" href="${note ? paths.supervision.show(note.id) : paths.supervision.list()}">Cancel</a>
  </div>
</form>
</div></div>`,
  });
}
