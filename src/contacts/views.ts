import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import {
  govukButton,
  govukDateInput,
  govukDetails,
  govukInput,
  govukPagination,
  govukRadios,
  govukSelect,
  govukSummaryList,
  govukTextarea,
  govukWarningText,
} from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, personName, plural } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { personPageLayout } from "../people/person-layout.ts";
import type { FormValues } from "./form.ts";
import {
  CONTACT_LOCATIONS,
  CONTACT_LOCATION_LABELS,
  CONTACT_PURPOSES,
  CONTACT_PURPOSE_LABELS,
  CONTACT_TYPES,
  CONTACT_TYPE_LABELS,
  WORK_KINDS,
  WORK_KIND_LABELS,
} from "./schema.ts";
import type { ContactRecord, ContactsPage, PersonContext } from "./service.ts";
import { conflictBox, contactRows, errorFor, errorSummary, typeLabel, type Errors } from "./view-parts.ts";


function typeRadios(values: FormValues, errors: Errors): SafeHtml {
  return govukRadios({
    idPrefix: "type",
    name: "type",
    fieldset: { legend: { text: "What kind of contact was it?", classes: "govuk-fieldset__legend--m" } },
    value: values.type ?? "",
    ...errorFor(errors, "type"),
    items: CONTACT_TYPES.map((type) => ({ value: type, text: CONTACT_TYPE_LABELS[type] })),
  });
}

function dateClasses(errors: Errors, width: number): string {
  return `govuk-input--width-${width}${errors.occurredOn ? " govuk-input--error" : ""}`;
}

function selectItems(values: readonly string[], labels: Record<string, string>) {
  return [{ value: "", text: "Not recorded" }, ...values.map((value) => ({ value, text: labels[value] ?? value }))];
}

/** Everything but the type: all optional. */
function detailFields(values: FormValues, errors: Errors, mode: "new" | "edit"): SafeHtml {
  return html`
  ${govukDateInput({
    id: "occurredOn",
    namePrefix: "occurredOn",
    fieldset: { legend: { text: "Date", classes: "govuk-fieldset__legend--s" } },
    hint: { text: mode === "new" ? "Leave blank for today. For example, 27 3 2026" : "For example, 27 3 2026" },
    ...errorFor(errors, "occurredOn"),
    items: [
      { name: "day", classes: dateClasses(errors, 2), value: values["occurredOn-day"] ?? "" },
      { name: "month", classes: dateClasses(errors, 2), value: values["occurredOn-month"] ?? "" },
      { name: "year", classes: dateClasses(errors, 4), value: values["occurredOn-year"] ?? "" },
    ],
  })}
  ${govukInput({
    id: "occurredTime",
    name: "occurredTime",
    label: { text: "Time", classes: "govuk-label--s" },
    hint: { text: mode === "new" ? "Leave blank for now. For example, 14:30" : "For example, 14:30" },
    classes: "govuk-input--width-5",
    autocomplete: "off",
    value: values.occurredTime ?? "",
    ...errorFor(errors, "occurredTime"),
  })}
  ${govukSelect({ id: "location", name: "location", label: { text: "Where", classes: "govuk-label--s" }, value: values.location ?? "", items: selectItems(CONTACT_LOCATIONS, CONTACT_LOCATION_LABELS), ...errorFor(errors, "location") })}
  ${govukSelect({ id: "workKind", name: "workKind", label: { text: "Kind of work", classes: "govuk-label--s" }, hint: { text: "Support work is with them; co-ordination is with the agencies around them" }, value: values.workKind ?? "", items: selectItems(WORK_KINDS, WORK_KIND_LABELS), ...errorFor(errors, "workKind") })}
  ${govukSelect({ id: "purpose", name: "purpose", label: { text: "Purpose", classes: "govuk-label--s" }, value: values.purpose ?? "", items: selectItems(CONTACT_PURPOSES, CONTACT_PURPOSE_LABELS), ...errorFor(errors, "purpose") })}
  ${govukInput({
    id: "durationMinutes",
    name: "durationMinutes",
    label: { text: "How long", classes: "govuk-label--s" },
    classes: "govuk-input--width-3",
    inputmode: "numeric",
    suffix: { text: "minutes" },
    value: values.durationMinutes ?? "",
    ...errorFor(errors, "durationMinutes"),
  })}
  ${govukTextarea({
    id: "note",
    name: "note",
    label: { text: "Note", classes: "govuk-label--s" },
    hint: { text: "What happened and what was agreed. Write it so they could read it." },
    rows: 5,
    value: values.note ?? "",
    ...errorFor(errors, "note"),
  })}`;
}

/** Record a contact: the type, then Save straight away; the rest is below, optional. */
export function newContactPage(context: PageContext, options: PersonContext & { values: FormValues; issues: FieldIssue[] }): SafeHtml {
  const errors = errorsByField(options.issues);
  const personId = options.person.id;
  return personPageLayout(context, {
    person: options.person,
    relationship: options.relationship,
    current: "contacts",
    title: "Record a contact",
    hasErrors: options.issues.length > 0,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  ${errorSummary(options.issues)}
  <h2 class="govuk-heading-l">Record a contact</h2>
  <form method="post" action="${paths.people.contacts(personId)}" novalidate>
    <input type="hidden" name="_csrf" value="${context.csrfToken}">
    ${typeRadios(options.values, errors)}
    ${govukButton({ text: "Save contact", preventDoubleClick: true })}
    <h2 class="govuk-heading-m">More detail (optional)</h2>
    <p class="govuk-body">Leave these blank to save the contact as happening now. You can add detail later.</p>
    ${detailFields(options.values, errors, "new")}
    <div class="govuk-button-group">
      ${govukButton({ text: "Save contact", preventDoubleClick: true })}
      <a class="govuk-link" href="${paths.people.contacts(personId)}">Cancel</a>
    </div>
  </form>
</div></div>`,
  });
}

function historySection(record: ContactRecord): SafeHtml {
  const earlier = record.revisions.filter((revision) => revision.version < record.contact.version);
  const edits = record.contact.version - 1;
  if (edits === 0) return html`<p class="govuk-body">Not changed since it was recorded.</p>`;
  const versions = earlier.map((revision) =>
    govukSummaryList({
      card: {
        title: { text: `Version ${revision.version}, saved by ${revision.changedByName ?? "someone no longer in Keywork"} on ${formatDateTime(revision.changedAt)}`, headingLevel: 3 },
      },
      rows: [
        { key: { text: "Kind" }, value: { text: typeLabel(revision.snapshot.type) ?? "" } },
        ...contactRows({
          ...revision.snapshot,
          occurredAt: new Date(revision.snapshot.occurredAt),
          workerName: record.workerNames.get(revision.snapshot.workerId) ?? "",
        }),
      ],
    }),
  );
  return govukDetails({
    summaryText: `Edited ${plural(edits, "time")} — see earlier versions`,
    html: earlier.length > 0 ? html`${versions}` : html`<p class="govuk-body">Earlier versions were not kept for this contact.</p>`,
  });
}

/** Change a contact: the whole form, what is saved now if someone else saved first, and its history. */
export function editContactPage(
  context: PageContext,
  options: { record: ContactRecord; values: FormValues; issues: FieldIssue[]; conflict?: Array<{ label: string; stored: string }> },
): SafeHtml {
  const { record } = options;
  const errors = errorsByField(options.issues);
  return personPageLayout(context, {
    person: record.person,
    relationship: record.relationship,
    current: "contacts",
    title: "Change a contact",
    hasErrors: options.issues.length > 0 || Boolean(options.conflict),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  ${errorSummary(options.issues)}
  ${options.conflict ? conflictBox("contact", options.conflict) : ""}
  <h2 class="govuk-heading-l">Change a contact</h2>
  <p class="govuk-body">Recorded by ${record.contact.workerName}. Every saved version is kept.</p>
  ${historySection(record)}
  <form method="post" action="${paths.contacts.update(record.contact.id)}" novalidate>
    <input type="hidden" name="_csrf" value="${context.csrfToken}">
    <input type="hidden" name="version" value="${options.values.version ?? ""}">
    ${typeRadios(options.values, errors)}
    ${detailFields(options.values, errors, "edit")}
    <div class="govuk-button-group">
      ${govukButton({ text: "Save changes", preventDoubleClick: true })}
      <a class="govuk-link" href="${paths.people.contacts(record.person.id)}">Cancel</a>
    </div>
  </form>
</div></div>`,
  });
}

/** Page numbers to offer: the first, the last and those around the current one; null for a gap. */
export function pageNumbers(current: number, pages: number): Array<number | null> {
  const numbers: Array<number | null> = [];
  for (let number = 1; number <= pages; number++) {
    if (number === 1 || number === pages || Math.abs(number - current) <= 1) numbers.push(number);
    else if (numbers[numbers.length - 1] !== null) numbers.push(null);
  }
  return numbers;
}

/** A person's contacts, newest first; partners and carers see them only when the person shares them. */
export function contactsPage(context: PageContext, page: ContactsPage): SafeHtml {
  const personId = page.person.id;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const actions = page.relationship.mayEdit
    ? html`<div class="govuk-button-group">
    ${govukButton({ text: "Record a contact", href: paths.people.newContact(personId) })}
    ${govukButton({ text: "Book an appointment", href: paths.people.newAppointment(personId), classes: "govuk-button--secondary" })}
    <a class="govuk-link" href="${paths.people.appointments(personId)}">Appointments</a>
  </div>`
    : "";
  let body: SafeHtml;
  if (!page.shared) {
    body = govukWarningText({
      text: `Contacts with ${personName(page.person)} are not shared with you. They will show here if ${page.person.preferredName ?? page.person.givenName} agrees to share them with your organisation.`,
    });
  } else if (page.total === 0) {
    body = html`<p class="govuk-body">No contacts have been recorded yet.</p>`;
  } else {
    const cards = page.rows.map((contact) =>
      govukSummaryList({
        card: {
          title: { text: `${typeLabel(contact.type) ?? contact.type}, ${formatDateTime(contact.occurredAt)}`, headingLevel: 3 },
          ...(page.relationship.mayEdit
            ? { actions: { items: [{ href: paths.contacts.edit(contact.id), text: "Edit", visuallyHiddenText: `contact on ${formatDateTime(contact.occurredAt)}` }] } }
            : {}),
        },
        rows: [
          ...contactRows(contact).slice(1),
          contact.version > 1
            ? {
                key: { text: "History" },
                value: page.relationship.mayEdit
                  ? { html: html`<a class="govuk-link" href="${paths.contacts.edit(contact.id)}">Edited ${plural(contact.version - 1, "time")} — see earlier versions</a>` }
                  : { text: `Edited ${plural(contact.version - 1, "time")}` },
              }
            : undefined,
        ],
      }),
    );
    body = html`<p class="govuk-body">${plural(page.total, "contact")}, newest first.</p>
${cards}
${pages > 1
  ? govukPagination({
      ...(page.page > 1 ? { previous: { href: paths.people.contacts(personId, { page: page.page - 1 }) } } : {}),
      ...(page.page < pages ? { next: { href: paths.people.contacts(personId, { page: page.page + 1 }) } } : {}),
      items: pageNumbers(page.page, pages).map((number) =>
        number === null ? { ellipsis: true } : { number: String(number), href: paths.people.contacts(personId, { page: number }), current: number === page.page },
      ),
    })
  : ""}`;
  }
  return personPageLayout(context, {
    person: page.person,
    relationship: page.relationship,
    current: "contacts",
    title: page.page > 1 ? `Contacts (page ${page.page})` : "Contacts",
    content: html`<h2 class="govuk-heading-l">Contacts</h2>${actions}${body}`,
  });
}
