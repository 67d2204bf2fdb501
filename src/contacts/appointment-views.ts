import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import {
  govukButton,
  govukDateInput,
  govukInput,
  govukInsetText,
  govukSummaryList,
  govukTable,
  govukTag,
  govukWarningText,
} from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, personName } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { personPageLayout } from "../people/person-layout.ts";
import type { AppointmentRecord, PersonAppointments } from "./appointment-service.ts";
import type { FormValues } from "./form.ts";
import { APPOINTMENT_STATUS_LABELS, labelOf, type AppointmentStatus } from "./schema.ts";
import type { PersonContext } from "./service.ts";
import type { AppointmentView } from "./store.ts";
import { formatTime } from "./uk-time.ts";
import { conflictBox, errorFor, errorSummary, type Errors } from "./view-parts.ts";


const STATUS_CLASSES: Record<AppointmentStatus, string> = {
  planned: "govuk-tag--blue",
  attended: "govuk-tag--green",
  "did-not-attend": "govuk-tag--orange",
  cancelled: "govuk-tag--grey",
};

export function appointmentStatusTag(status: string): SafeHtml {
  const known = status in STATUS_CLASSES ? (status as AppointmentStatus) : null;
  return govukTag({ text: labelOf(APPOINTMENT_STATUS_LABELS, status) ?? status, classes: known ? STATUS_CLASSES[known] : "govuk-tag--grey" });
}

/** "3 Mar 2026, 2:30pm to 3:30pm" */
export function appointmentWhen(appointment: Pick<AppointmentView, "startsAt" | "durationMinutes">): string {
  return `${formatDateTime(appointment.startsAt)} to ${formatTime(new Date(appointment.startsAt.getTime() + appointment.durationMinutes * 60_000))}`;
}

function appointmentFields(values: FormValues, errors: Errors): SafeHtml {
  const dateClasses = (width: number) => `govuk-input--width-${width}${errors.startsOn ? " govuk-input--error" : ""}`;
  return html`
  ${govukDateInput({
    id: "startsOn",
    namePrefix: "startsOn",
    fieldset: { legend: { text: "Date", classes: "govuk-fieldset__legend--s" } },
    hint: { text: "For example, 27 3 2026" },
    ...errorFor(errors, "startsOn"),
    items: [
      { name: "day", classes: dateClasses(2), value: values["startsOn-day"] ?? "" },
      { name: "month", classes: dateClasses(2), value: values["startsOn-month"] ?? "" },
      { name: "year", classes: dateClasses(4), value: values["startsOn-year"] ?? "" },
    ],
  })}
  ${govukInput({ id: "startsTime", name: "startsTime", label: { text: "Time", classes: "govuk-label--s" }, hint: { text: "For example, 14:30" }, classes: "govuk-input--width-5", autocomplete: "off", value: values.startsTime ?? "", ...errorFor(errors, "startsTime") })}
  ${govukInput({ id: "durationMinutes", name: "durationMinutes", label: { text: "How long", classes: "govuk-label--s" }, classes: "govuk-input--width-3", inputmode: "numeric", suffix: { text: "minutes" }, value: values.durationMinutes ?? "60", ...errorFor(errors, "durationMinutes") })}
  ${govukInput({ id: "place", name: "place", label: { text: "Where you will meet", classes: "govuk-label--s" }, hint: { text: "For example, Costa on Market Street, or the housing office. Shown in your calendar feed." }, value: values.place ?? "", ...errorFor(errors, "place") })}
  ${govukInput({ id: "purpose", name: "purpose", label: { text: "What it is for (optional)", classes: "govuk-label--s" }, hint: { text: "For example, going with them to the housing office. Not shown in your calendar feed." }, value: values.purpose ?? "", ...errorFor(errors, "purpose") })}`;
}

export function newAppointmentPage(context: PageContext, options: PersonContext & { values: FormValues; issues: FieldIssue[] }): SafeHtml {
  const errors = errorsByField(options.issues);
  const personId = options.person.id;
  return personPageLayout(context, {
    person: options.person,
    relationship: options.relationship,
    current: "contacts",
    title: "Book an appointment",
    hasErrors: options.issues.length > 0,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  ${errorSummary(options.issues)}
  <h2 class="govuk-heading-l">Book an appointment</h2>
  <p class="govuk-body">The appointment is with you. It shows in your diary and your calendar feed.</p>
  <form method="post" action="${paths.people.appointments(personId)}" novalidate>
    <input type="hidden" name="_csrf" value="${context.csrfToken}">
    ${appointmentFields(options.values, errors)}
    <div class="govuk-button-group">
      ${govukButton({ text: "Book appointment", preventDoubleClick: true })}
      <a class="govuk-link" href="${paths.people.appointments(personId)}">Cancel</a>
    </div>
  </form>
</div></div>`,
  });
}

function statusForm(context: PageContext, appointment: AppointmentView, status: AppointmentStatus, text: string, secondary: boolean): SafeHtml {
  return html`<form method="post" action="${paths.appointments.update(appointment.id)}" class="keywork-inline-form">
    <input type="hidden" name="_csrf" value="${context.csrfToken}">
    <input type="hidden" name="version" value="${String(appointment.version)}">
    <input type="hidden" name="status" value="${status}">
    ${govukButton({ text, classes: secondary ? "govuk-button--secondary" : "" })}
  </form>`;
}

function recordContactOffer(appointment: AppointmentView): SafeHtml | string {
  if (appointment.status !== "attended" && appointment.status !== "did-not-attend") return "";
  const text = appointment.status === "attended" ? "Record what happened as a contact" : "Record the missed appointment as a contact";
  return govukInsetText({
    html: html`<p class="govuk-body">${appointment.status === "attended" ? "Marked as attended." : "Marked as did not attend."}</p>
    ${govukButton({ text, href: paths.people.newContact(appointment.personId, { appointment: appointment.id }) })}`,
  });
}

/** One appointment: what it is, what happened, and the form to move it while it is planned. */
export function editAppointmentPage(
  context: PageContext,
  options: { record: AppointmentRecord; values: FormValues; issues: FieldIssue[]; conflict?: Array<{ label: string; stored: string }> },
): SafeHtml {
  const { appointment } = options.record;
  const errors = errorsByField(options.issues);
  const planned = appointment.status === "planned";
  return personPageLayout(context, {
    person: options.record.person,
    relationship: options.record.relationship,
    current: "contacts",
    title: "Appointment",
    hasErrors: options.issues.length > 0 || Boolean(options.conflict),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  ${errorSummary(options.issues)}
  ${options.conflict ? conflictBox("appointment", options.conflict) : ""}
  <h2 class="govuk-heading-l">Appointment</h2>
  ${govukSummaryList({
    rows: [
      { key: { text: "When" }, value: { text: appointmentWhen(appointment) } },
      { key: { text: "Where" }, value: { text: appointment.place ?? "Not recorded" } },
      { key: { text: "With" }, value: { text: appointment.workerName } },
      ...(appointment.purpose ? [{ key: { text: "What it is for" }, value: { text: appointment.purpose } }] : []),
      { key: { text: "Status" }, value: { html: appointmentStatusTag(appointment.status) } },
    ],
  })}
  ${recordContactOffer(appointment)}
  <h3 class="govuk-heading-m" id="status-actions">What happened?</h3>
  <div class="govuk-button-group">
    ${appointment.status !== "attended" ? statusForm(context, appointment, "attended", "Mark as attended", false) : ""}
    ${appointment.status !== "did-not-attend" ? statusForm(context, appointment, "did-not-attend", "Mark as did not attend", true) : ""}
    ${appointment.status !== "cancelled" ? statusForm(context, appointment, "cancelled", "Cancel appointment", true) : ""}
  </div>
  ${planned
    ? html`<h3 class="govuk-heading-m">Change the time or place</h3>
  <form method="post" action="${paths.appointments.update(appointment.id)}" novalidate>
    <input type="hidden" name="_csrf" value="${context.csrfToken}">
    <input type="hidden" name="version" value="${options.values.version ?? ""}">
    ${appointmentFields(options.values, errors)}
    ${govukButton({ text: "Save changes", preventDoubleClick: true })}
  </form>`
    : ""}
  <p class="govuk-body"><a class="govuk-link" href="${paths.people.appointments(appointment.personId)}">Back to their appointments</a></p>
</div></div>`,
  });
}

/** A person's appointments: upcoming first, then the past. */
export function personAppointmentsPage(context: PageContext, page: PersonAppointments): SafeHtml {
  const personId = page.person.id;
  let body: SafeHtml;
  if (!page.shared) {
    body = govukWarningText({ text: `Appointments with ${personName(page.person)} are not shared with you.` });
  } else if (page.rows.length === 0) {
    body = html`<p class="govuk-body">No appointments have been booked.</p>`;
  } else {
    body = govukTable({
      caption: "Appointments",
      captionClasses: "govuk-visually-hidden",
      head: [{ text: "When" }, { text: "Where" }, { text: "With" }, { text: "Status" }],
      rows: page.rows.map((row) => [
        {
          html: page.relationship.mayEdit
            ? html`<a class="govuk-link" href="${paths.appointments.edit(row.id)}">${appointmentWhen(row)}</a>`
            : html`${appointmentWhen(row)}`,
        },
        { text: row.place ?? "" },
        { text: row.workerName },
        { html: appointmentStatusTag(row.status) },
      ]),
    });
  }
  return personPageLayout(context, {
    person: page.person,
    relationship: page.relationship,
    current: "contacts",
    title: "Appointments",
    content: html`<h2 class="govuk-heading-l">Appointments</h2>
  ${page.relationship.mayEdit
    ? html`<div class="govuk-button-group">${govukButton({ text: "Book an appointment", href: paths.people.newAppointment(personId) })}<a class="govuk-link" href="${paths.people.contacts(personId)}">Contacts</a></div>`
    : ""}
  ${body}`,
  });
}
