import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukDateInput, govukErrorSummary, govukInput, govukRadios, govukSummaryList, govukTextarea } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { personPageLayout } from "../people/person-layout.ts";
import { SIGNIFICANT_EVENT_KINDS, SIGNIFICANT_EVENT_LABELS, significantEventLabel, type SignificantEventFormValues } from "./schema.ts";
import type { SignificantEventContext, SignificantEventRow } from "./service.ts";
import { whenText } from "./views.ts";

const KIND_HINTS: Partial<Record<(typeof SIGNIFICANT_EVENT_KINDS)[number], string>> = {
  crisis: "Counts as a crisis on the caseload",
  achievement: "Something they have done that they, or you, are proud of",
};

function errorHref(field: string): string {
  if (field === "occurredOn") return "#occurredOn-day";
  return `#${field}`;
}

export interface SignificantEventFormOptions {
  mode: "new" | "edit";
  context: SignificantEventContext;
  eventId?: string;
  values: SignificantEventFormValues;
  issues: FieldIssue[];
  /** When someone else saved first: the event as it is stored now. */
  conflict?: SignificantEventRow;
}

export function significantEventFormPage(page: PageContext, options: SignificantEventFormOptions): SafeHtml {
  const { person, relationship } = options.context;
  const { values } = options;
  const errors = errorsByField(options.issues);
  const error = (field: string) => (errors[field] ? { errorMessage: { text: errors[field] } } : {});
  const isNew = options.mode === "new";
  const title = isNew ? "Add a significant event" : "Change a significant event";
  const action = isNew ? paths.people.significantEvents(person.id) : paths.significantEvents.update(options.eventId ?? "");
  const dateClasses = (width: string) => `${width}${errors.occurredOn ? " govuk-input--error" : ""}`;
  const stored = options.conflict;
  return personPageLayout(page, {
    person,
    relationship,
    current: "chronology",
    title,
    hasErrors: options.issues.length > 0 || Boolean(stored),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  ${options.issues.length > 0
    ? govukErrorSummary({ titleText: "There is a problem", errorList: options.issues.map((issue) => ({ text: issue.message, href: errorHref(issue.field) })) })
    : ""}
  ${stored
    ? html`<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
    <h2 class="govuk-error-summary__title">Someone else changed this event while you were editing</h2>
    <div class="govuk-error-summary__body"><p class="govuk-body">Your changes have not been saved. This is what is saved now:</p>
    ${govukSummaryList({
      rows: [
        { key: { text: "What happened" }, value: { text: significantEventLabel(stored.kind) } },
        { key: { text: "Title" }, value: { text: stored.title } },
        { key: { text: "When" }, value: { text: whenText({ source: "significant-event", occurredAt: stored.occurredAt }) } },
        { key: { text: "Note" }, value: { text: stored.note ?? "(none)" } },
        { key: { text: "Last changed" }, value: { text: formatDateTime(stored.updatedAt) } },
      ],
    })}
    <p class="govuk-body">Your version is in the form below. Check it, then save again to replace what is saved, or go back to keep it.</p></div></div></div>`
    : ""}
  <h2 class="govuk-heading-l">${title}</h2>
  <p class="govuk-body">Significant events are the turning points a new worker needs to know about: an eviction, a prison sentence, a hospital admission, a crisis, an achievement.</p>
  <form method="post" action="${action}" novalidate>
    <input type="hidden" name="_csrf" value="${page.csrfToken}">
    ${isNew ? "" : html`<input type="hidden" name="version" value="${values.version ?? ""}">`}
    ${govukRadios({
      idPrefix: "kind",
      name: "kind",
      fieldset: { legend: { text: "What happened?", classes: "govuk-fieldset__legend--m" } },
      value: values.kind ?? "",
      ...error("kind"),
      classes: "govuk-radios--small",
      items: SIGNIFICANT_EVENT_KINDS.map((kind) => ({
        value: kind,
        text: SIGNIFICANT_EVENT_LABELS[kind],
        ...(KIND_HINTS[kind] ? { hint: { text: KIND_HINTS[kind] } } : {}),
      })),
    })}
    ${govukInput({
      id: "title",
      name: "title",
      label: { text: "Title", classes: "govuk-label--s" },
      hint: { text: "One line, for example “Evicted from St Anne's Hostel” or “Started college course”" },
      value: values.title ?? "",
      ...error("title"),
    })}
    ${govukDateInput({
      id: "occurredOn",
      namePrefix: "occurredOn",
      fieldset: { legend: { text: "When did it happen?", classes: "govuk-fieldset__legend--s" } },
      hint: { text: "For example, 27 3 2026" },
      ...error("occurredOn"),
      items: [
        { name: "day", classes: dateClasses("govuk-input--width-2"), value: values["occurredOn-day"] ?? "" },
        { name: "month", classes: dateClasses("govuk-input--width-2"), value: values["occurredOn-month"] ?? "" },
        { name: "year", classes: dateClasses("govuk-input--width-4"), value: values["occurredOn-year"] ?? "" },
      ],
    })}
    ${govukInput({
      id: "time",
      name: "time",
      label: { text: "Time (optional)", classes: "govuk-label--s" },
      hint: { text: "For example, 14:30 or 2:30pm. Leave blank if you do not know." },
      classes: "govuk-input--width-5",
      autocomplete: "off",
      value: values.time ?? "",
      ...error("time"),
    })}
    ${govukTextarea({
      id: "note",
      name: "note",
      label: { text: "Note (optional)", classes: "govuk-label--s" },
      hint: { text: "What the team needs to know. Only the person's key workers and their manager see the note; partners see the title and date." },
      rows: 4,
      value: values.note ?? "",
      ...error("note"),
    })}
    <div class="govuk-button-group">
      ${govukButton({ text: isNew ? "Add significant event" : "Save changes", preventDoubleClick: true })}
      <a class="govuk-link" href="${paths.people.chronology(person.id)}">Cancel</a>
    </div>
  </form>
</div></div>`,
  });
}
