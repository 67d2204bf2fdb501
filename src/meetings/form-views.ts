import { conflictSummary as savedNowSummary } from "../platform/views/conflict.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import {
  govukButton,
  govukCheckboxes,
  govukDateInput,
  govukErrorSummary,
  govukFieldset,
  govukInput,
  govukRadios,
  govukSelect,
  govukTextarea,
} from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { personPageLayout } from "../people/person-layout.ts";
import { rowsToShow, type MeetingFormValues } from "./form.ts";
import { MEETING_KIND_HINTS, MEETING_KIND_NAMES, MEETING_KINDS, meetingLabel } from "./schema.ts";
import type { MeetingDetail, MeetingEditContext, MeetingFormContext, TeamAroundPerson } from "./service.ts";
import { carriedOverSection } from "./view-parts.ts";

/** Where the error summary takes the reader for each field. */
export function errorHref(field: string): string {
  if (field === "form") return "#main-content";
  if (/(^|-)(heldOn|dueOn)$/.test(field)) return `#${field}-day`;
  return `#${field.replace(/\./g, "-")}`;
}

export function errorSummary(issues: FieldIssue[]): SafeHtml {
  return issues.length > 0 ? govukErrorSummary({ titleText: "There is a problem", errorList: issues.map((issue) => ({ text: issue.message, href: errorHref(issue.field) })) }) : html``;
}

type ErrorOf = (field: string) => { errorMessage?: { text: string } };

function dateInput(id: string, fields: Record<string, string>, error: ErrorOf, legend: { text: string; classes: string }, hint: string): SafeHtml {
  const invalid = Boolean(error(id).errorMessage);
  const classes = (width: string) => `${width}${invalid ? " govuk-input--error" : ""}`;
  return govukDateInput({
    id,
    namePrefix: id,
    fieldset: { legend },
    hint: { text: hint },
    ...error(id),
    items: [
      { name: "day", classes: classes("govuk-input--width-2"), value: fields[`${id}-day`] ?? "" },
      { name: "month", classes: classes("govuk-input--width-2"), value: fields[`${id}-month`] ?? "" },
      { name: "year", classes: classes("govuk-input--width-4"), value: fields[`${id}-year`] ?? "" },
    ],
  });
}

/** One recommendation's fields (`rec-<index>-…`): what, which organisation owns it, who there, by when. */
export function recommendationFields(index: number, fields: Record<string, string>, error: ErrorOf, team: TeamAroundPerson, legend: string): SafeHtml {
  const prefix = `rec-${index}-`;
  return govukFieldset({
    legend: { text: legend, classes: "govuk-fieldset__legend--s" },
    classes: "keywork-recommendation-row",
    html: html`${govukTextarea({
      id: `${prefix}description`,
      name: `${prefix}description`,
      label: { text: "What will be done" },
      rows: 2,
      value: fields[`${prefix}description`] ?? "",
      ...error(`${prefix}description`),
    })}
    ${govukSelect({
      id: `${prefix}ownerOrganisationId`,
      name: `${prefix}ownerOrganisationId`,
      label: { text: "Organisation that owns it" },
      value: fields[`${prefix}ownerOrganisationId`] ?? "",
      items: [{ value: "", text: "Choose an organisation" }, ...team.organisations.map((organisation) => ({ value: organisation.id, text: organisation.name }))],
      ...error(`${prefix}ownerOrganisationId`),
    })}
    ${govukSelect({
      id: `${prefix}ownerUserId`,
      name: `${prefix}ownerUserId`,
      label: { text: "Named owner in the team around them (optional)" },
      hint: { text: "They must work for the organisation that owns it" },
      value: fields[`${prefix}ownerUserId`] ?? "",
      items: [{ value: "", text: "No one named" }, ...team.owners.map((owner) => ({ value: owner.userId, text: `${owner.name} (${owner.organisationName})` }))],
      ...error(`${prefix}ownerUserId`),
    })}
    ${govukInput({
      id: `${prefix}ownerName`,
      name: `${prefix}ownerName`,
      label: { text: "Or the named owner, if they are not in the list (optional)" },
      hint: { text: "For example, Karen Lowe, SENCo" },
      classes: "govuk-!-width-two-thirds",
      value: fields[`${prefix}ownerName`] ?? "",
      ...error(`${prefix}ownerName`),
    })}
    ${dateInput(`${prefix}dueOn`, fields, error, { text: "Due by", classes: "govuk-fieldset__legend--s" }, "For example, 30 6 2027")}`,
  });
}

export interface MeetingFormOptions {
  mode: "new" | "edit";
  context: MeetingFormContext | MeetingEditContext;
  values: MeetingFormValues;
  issues: FieldIssue[];
  /** When someone else saved first: the meeting as it is stored now. */
  conflict?: MeetingDetail;
}

function conflictSummary(stored: MeetingDetail): SafeHtml {
  return savedNowSummary("Someone else changed this meeting while you were editing", [
    { key: { text: "Meeting" }, value: { text: meetingLabel(stored) } },
    { key: { text: "Where" }, value: { text: stored.location ?? "Not recorded" } },
    { key: { text: "Attendees" }, value: { text: stored.attendees.map((attendee) => attendee.name).join(", ") || "None recorded" } },
    { key: { text: "Notes" }, value: { html: html`<span class="keywork-pre-line">${stored.notes ?? "None"}</span>` } },
    { key: { text: "Last changed" }, value: { text: `${stored.updatedBy?.name ?? "Unknown"}, ${formatDateTime(stored.updatedAt)}` } },
  ]);
}

function attendeeFields(context: TeamAroundPerson, values: MeetingFormValues, error: ErrorOf): SafeHtml {
  const items = (field: "attendees" | "apologies") =>
    context.candidates.map((candidate) => ({
      value: candidate.key,
      text: candidate.name,
      hint: { text: candidate.kind === "the-person" ? "The person themselves" : (candidate.role ?? "") },
      checked: values[field].includes(candidate.key),
    }));
  const others = rowsToShow(values.fields, "other");
  return html`${govukCheckboxes({
    idPrefix: "attendees",
    name: "attendees",
    fieldset: { legend: { text: "Who was there, or is invited", classes: "govuk-fieldset__legend--m" } },
    hint: { text: "The person, the team around them and their family. Add anyone else below." },
    classes: "govuk-checkboxes--small",
    items: items("attendees"),
    ...error("attendees"),
  })}
  ${govukCheckboxes({
    idPrefix: "apologies",
    name: "apologies",
    fieldset: { legend: { text: "Who sent apologies", classes: "govuk-fieldset__legend--s" } },
    classes: "govuk-checkboxes--small",
    items: items("apologies"),
  })}
  <h3 class="govuk-heading-s">Anyone else</h3>
  <p class="govuk-hint">For example, an advocate, the ward's consultant or an interpreter. Leave rows you do not need empty.</p>
  ${Array.from({ length: others }, (_, index) =>
    govukFieldset({
      legend: { text: `Other attendee ${index + 1}`, classes: "govuk-fieldset__legend--s" },
      classes: "keywork-attendee-row",
      html: html`<div class="keywork-attendee-row__fields">${govukInput({
        id: `other-${index}-name`,
        name: `other-${index}-name`,
        label: { text: "Name" },
        value: values.fields[`other-${index}-name`] ?? "",
        ...error(`other-${index}-name`),
      })}
      ${govukInput({
        id: `other-${index}-role`,
        name: `other-${index}-role`,
        label: { text: "Role or agency" },
        value: values.fields[`other-${index}-role`] ?? "",
        ...error(`other-${index}-role`),
      })}
      ${govukCheckboxes({
        idPrefix: `other-${index}-apologies`,
        name: `other-${index}-apologies`,
        classes: "govuk-checkboxes--small",
        items: [{ value: "yes", text: "Sent apologies", checked: values.fields[`other-${index}-apologies`] === "yes" }],
      })}</div>`,
    }),
  )}`;
}

function exampleDate(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${Number(day)} ${Number(month)} ${year}`;
}

export function meetingFormPage(page: PageContext, options: MeetingFormOptions): SafeHtml {
  const { context, values } = options;
  const { person, relationship } = context;
  const errors = errorsByField(options.issues);
  const error: ErrorOf = (field) => (errors[field] ? { errorMessage: { text: errors[field] } } : {});
  const isNew = options.mode === "new" || !("meeting" in context);
  const meeting = "meeting" in context ? context.meeting : null;
  const title = isNew || !meeting ? "Record a meeting" : `Change the ${meetingLabel(meeting)}`;
  const action = isNew || !meeting ? paths.people.meetings(person.id) : paths.meetings.update(meeting.id);
  const carriedOver = "carriedOver" in context ? context.carriedOver : [];
  const recommendationRows = rowsToShow(values.fields, "rec");
  return personPageLayout(page, {
    person,
    relationship,
    current: "meetings",
    title,
    hasErrors: options.issues.length > 0 || Boolean(options.conflict),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  ${errorSummary(options.issues)}
  ${options.conflict ? conflictSummary(options.conflict) : ""}
  <h2 class="govuk-heading-l">${title}</h2>
  ${isNew
    ? html`<p class="govuk-body">Record a meeting about ${person.preferredName ?? person.givenName}: one still to come, so that no other agency calls the same meeting, or one that has been held, with its recommendations. Each recommendation becomes an action in their plan, owned by the organisation you choose.</p>`
    : ""}
  ${carriedOverSection(carriedOver, { mayUpdate: () => true, intro: "Start with what the last meetings asked for:" })}
  <form method="post" action="${action}" novalidate>
    <input type="hidden" name="_csrf" value="${page.csrfToken}">
    ${isNew ? "" : html`<input type="hidden" name="version" value="${values.fields.version ?? ""}">`}
    ${govukRadios({
      idPrefix: "kind",
      name: "kind",
      fieldset: { legend: { text: "Kind of meeting", classes: "govuk-fieldset__legend--m" } },
      value: values.fields.kind ?? "",
      ...error("kind"),
      items: MEETING_KINDS.map((kind) => ({ value: kind, text: MEETING_KIND_NAMES[kind], hint: { text: MEETING_KIND_HINTS[kind] } })),
    })}
    ${dateInput("heldOn", values.fields, error, { text: "Date of the meeting", classes: "govuk-fieldset__legend--m" }, `A date after today records a planned meeting. For example, ${exampleDate(context.today)}`)}
    ${govukInput({
      id: "location",
      name: "location",
      label: { text: "Where (optional)", classes: "govuk-label--s" },
      hint: { text: "For example, Larchwood Adolescent Unit, or online" },
      value: values.fields.location ?? "",
      ...error("location"),
    })}
    ${attendeeFields(context, values, error)}
    ${govukTextarea({
      id: "notes",
      name: "notes",
      label: { text: "Notes (optional)", classes: "govuk-label--m" },
      hint: { text: "What was discussed and agreed, in plain words. Shared with partners only when the person shares their plan with them." },
      rows: 8,
      value: values.fields.notes ?? "",
      ...error("notes"),
    })}
    ${isNew
      ? html`<h3 class="govuk-heading-m">Recommendations</h3>
    <p class="govuk-hint">Only for a meeting that has been held. Each becomes an action in the plan with its owner and due date. Leave rows you do not need empty; you can add more from the meeting's page.</p>
    ${Array.from({ length: recommendationRows }, (_, index) => recommendationFields(index, values.fields, error, context, `Recommendation ${index + 1}`))}`
      : ""}
    <div class="govuk-button-group">
      ${govukButton({ text: isNew ? "Save meeting" : "Save changes", preventDoubleClick: true })}
      <a class="govuk-link" href="${meeting ? paths.meetings.show(meeting.id) : paths.people.meetings(person.id)}">Cancel</a>
    </div>
  </form>
</div></div>`,
  });
}
