import { CARE_TEAM_ROLE_LABELS } from "../platform/access/roles.ts";
import { can } from "../platform/access/index.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import {
  govukButton,
  govukDateInput,
  govukErrorSummary,
  govukInput,
  govukInsetText,
  govukPagination,
  govukRadios,
  govukSelect,
  govukSummaryList,
  govukTable,
  govukTag,
  govukTextarea,
  govukWarningText,
} from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { ageFrom, formatDate, formatDateTime, formatIsoDate, plural } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { personPageLayout } from "./person-layout.ts";
import { displayName, withheldSections } from "./present.ts";
import { CONTACT_INTENSITIES, CONTACT_INTENSITY_LABELS, ENGAGEMENT_STATUSES, ENGAGEMENT_STATUS_LABELS, type EngagementStatus } from "./schema.ts";
import type { PersonRecord, SearchResult } from "./service.ts";

const STATUS_TAG_CLASSES: Record<EngagementStatus, string> = {
  engaged: "govuk-tag--green",
  "not-yet-engaged": "govuk-tag--blue",
  "out-of-contact": "govuk-tag--red",
  "in-prison": "govuk-tag--purple",
  "in-hospital": "govuk-tag--orange",
  "out-of-area": "govuk-tag--grey",
};

export function engagementTag(status: string): SafeHtml {
  const known = (ENGAGEMENT_STATUSES as readonly string[]).includes(status) ? (status as EngagementStatus) : null;
  return govukTag({ text: known ? ENGAGEMENT_STATUS_LABELS[known] : status, classes: known ? STATUS_TAG_CLASSES[known] : "govuk-tag--grey" });
}

/** Where each field's error link points: the first input of a date, the first radio. */
function errorHref(field: string): string {
  if (field === "dateOfBirth") return "#dateOfBirth-day";
  if (field === "engagementStatus") return "#engagementStatus";
  if (field === "contactIntensity") return "#contactIntensity";
  return `#${field}`;
}

export function errorSummary(issues: FieldIssue[]): SafeHtml | string {
  if (issues.length === 0) return "";
  return govukErrorSummary({
    titleText: "There is a problem",
    errorList: issues.map((issue) => ({ text: issue.message, href: errorHref(issue.field) })),
  });
}

export interface PersonFormValues {
  givenName?: string;
  familyName?: string;
  preferredName?: string;
  aliases?: string;
  "dateOfBirth-day"?: string;
  "dateOfBirth-month"?: string;
  "dateOfBirth-year"?: string;
  pronouns?: string;
  phone?: string;
  email?: string;
  address?: string;
  communicationNeeds?: string;
  engagementStatus?: string;
  contactIntensity?: string;
  story?: string;
  leadWorkerId?: string;
  version?: string;
}

export interface PersonFormOptions {
  mode: "new" | "edit";
  personId?: string;
  values: PersonFormValues;
  issues: FieldIssue[];
  /** For managers adding a person: the workers they may name as lead. */
  leadWorkers?: Array<{ id: string; displayName: string }>;
  /** When someone else saved first: what is stored now, field by field, where it differs. */
  conflict?: Array<{ label: string; stored: string }>;
}

function personFields(values: PersonFormValues, errors: Record<string, string>): SafeHtml {
  const error = (field: string) => (errors[field] ? { errorMessage: { text: errors[field] } } : {});
  return html`
  ${govukInput({ id: "givenName", name: "givenName", label: { text: "Given name" }, autocomplete: "off", spellcheck: false, value: values.givenName ?? "", ...error("givenName") })}
  ${govukInput({ id: "familyName", name: "familyName", label: { text: "Family name" }, autocomplete: "off", spellcheck: false, value: values.familyName ?? "", ...error("familyName") })}
  ${govukInput({ id: "preferredName", name: "preferredName", label: { text: "Preferred name (optional)" }, hint: { text: "What they like to be called" }, spellcheck: false, classes: "govuk-!-width-one-half", value: values.preferredName ?? "", ...error("preferredName") })}
  ${govukTextarea({ id: "aliases", name: "aliases", label: { text: "Other names and aliases (optional)" }, hint: { text: "One name per line: previous names, nicknames, names on other agencies' records" }, rows: 2, value: values.aliases ?? "", ...error("aliases") })}
  ${govukDateInput({
    id: "dateOfBirth",
    namePrefix: "dateOfBirth",
    fieldset: { legend: { text: "Date of birth (optional)", classes: "govuk-fieldset__legend--s" } },
    hint: { text: "For example, 27 3 1990. Leave blank if not known yet." },
    ...error("dateOfBirth"),
    items: [
      { name: "day", classes: `govuk-input--width-2${errors.dateOfBirth ? " govuk-input--error" : ""}`, value: values["dateOfBirth-day"] ?? "" },
      { name: "month", classes: `govuk-input--width-2${errors.dateOfBirth ? " govuk-input--error" : ""}`, value: values["dateOfBirth-month"] ?? "" },
      { name: "year", classes: `govuk-input--width-4${errors.dateOfBirth ? " govuk-input--error" : ""}`, value: values["dateOfBirth-year"] ?? "" },
    ],
  })}
  ${govukInput({ id: "pronouns", name: "pronouns", label: { text: "Pronouns (optional)" }, hint: { text: "For example, she/her, he/him, they/them" }, classes: "govuk-input--width-10", value: values.pronouns ?? "", ...error("pronouns") })}
  ${govukRadios({
    idPrefix: "engagementStatus",
    name: "engagementStatus",
    fieldset: { legend: { text: "Engagement status", classes: "govuk-fieldset__legend--s" } },
    value: values.engagementStatus ?? "engaged",
    ...error("engagementStatus"),
    items: ENGAGEMENT_STATUSES.map((status) => ({ value: status, text: ENGAGEMENT_STATUS_LABELS[status] })),
  })}
  ${govukRadios({
    idPrefix: "contactIntensity",
    name: "contactIntensity",
    classes: "govuk-radios--small",
    fieldset: { legend: { text: "How often should they be seen?", classes: "govuk-fieldset__legend--s" } },
    hint: { text: "Their caseload place moves up when they have not been seen for longer than this." },
    value: values.contactIntensity ?? "medium",
    ...error("contactIntensity"),
    items: CONTACT_INTENSITIES.map((intensity) => ({ value: intensity, text: CONTACT_INTENSITY_LABELS[intensity].label, hint: { text: CONTACT_INTENSITY_LABELS[intensity].hint } })),
  })}
  <h2 class="govuk-heading-m">Contact details</h2>
  ${govukInput({ id: "phone", name: "phone", type: "tel", autocomplete: "off", label: { text: "Phone number (optional)" }, classes: "govuk-input--width-20", value: values.phone ?? "", ...error("phone") })}
  ${govukInput({ id: "email", name: "email", type: "email", autocomplete: "off", spellcheck: false, label: { text: "Email address (optional)" }, value: values.email ?? "", ...error("email") })}
  ${govukTextarea({ id: "address", name: "address", label: { text: "Address or where they are staying (optional)" }, hint: { text: "For example, a hostel and room, a friend's sofa, or no fixed abode" }, rows: 3, value: values.address ?? "", ...error("address") })}
  ${govukTextarea({ id: "communicationNeeds", name: "communicationNeeds", label: { text: "Communication and accessibility needs (optional)" }, hint: { text: "For example, prefers phone calls to letters, needs a BSL interpreter, uses a visual timetable" }, rows: 3, value: values.communicationNeeds ?? "", ...error("communicationNeeds") })}
  <h2 class="govuk-heading-m">Their story</h2>
  ${govukTextarea({ id: "story", name: "story", label: { text: "Their story, in their own words (optional)" }, hint: { text: "Write it with them, in their words. Everyone who joins their team reads this first, so nobody asks them to tell it again." }, rows: 8, value: values.story ?? "", ...error("story") })}`;
}

export function personFormPage(context: PageContext, options: PersonFormOptions): SafeHtml {
  const errors = errorsByField(options.issues);
  const isNew = options.mode === "new";
  const title = isNew ? "Add a person" : `Change details for ${options.values.givenName ?? ""} ${options.values.familyName ?? ""}`.trim();
  const action = isNew ? paths.people.create() : paths.people.update(options.personId ?? "");
  const cancel = isNew ? paths.home() : paths.people.show(options.personId ?? "");
  return layout(context, {
    title: isNew ? "Add a person" : "Change details",
    hasErrors: options.issues.length > 0,
    ...(isNew ? { section: paths.people.new() } : {}),
    beforeContent: html`<a href="${cancel}" class="govuk-back-link">Back</a>`,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  ${errorSummary(options.issues)}
  ${options.conflict
    ? html`<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
      <h2 class="govuk-error-summary__title">Someone else changed these details while you were editing</h2>
      <div class="govuk-error-summary__body"><p class="govuk-body">Your changes have not been saved. This is what is saved now:</p>
      ${govukSummaryList({ rows: options.conflict.map((row) => ({ key: { text: row.label }, value: { text: row.stored || "(blank)" } })) })}
      <p class="govuk-body">Your version is in the form below. Check it, then save again to replace what is saved, or go back to keep it.</p></div></div></div>`
    : ""}
  <h1 class="govuk-heading-l">${title}</h1>
  <p class="govuk-body">Only the names and engagement status are needed now. Everything else can be added later, as you get to know them.</p>
  <form method="post" action="${action}" novalidate>
    <input type="hidden" name="_csrf" value="${context.csrfToken}">
    ${isNew ? "" : html`<input type="hidden" name="version" value="${options.values.version ?? ""}">`}
    ${options.leadWorkers
      ? govukSelect({
          id: "leadWorkerId",
          name: "leadWorkerId",
          label: { text: "Lead worker" },
          value: options.values.leadWorkerId ?? "",
          ...(errors.leadWorkerId ? { errorMessage: { text: errors.leadWorkerId } } : {}),
          items: [{ value: "", text: "Choose a worker" }, ...options.leadWorkers.map((worker) => ({ value: worker.id, text: worker.displayName }))],
        })
      : ""}
    ${personFields(options.values, errors)}
    <div class="govuk-button-group">
      ${govukButton({ text: isNew ? "Add person" : "Save changes", preventDoubleClick: true })}
      <a class="govuk-link" href="${cancel}">Cancel</a>
    </div>
  </form>
</div></div>`,
  });
}

/** Pieces of other capabilities shown on the overview (risks first, so nobody misses them). */
export interface OverviewExtras {
  risks?: SafeHtml;
  aside?: SafeHtml;
  below?: SafeHtml;
}

export function personPage(context: PageContext, record: PersonRecord, extras: OverviewExtras = {}): SafeHtml {
  const { person, careTeam, relationship } = record;
  const withheld = new Set(withheldSections(relationship));
  const age = ageFrom(person.dateOfBirth);
  const name = displayName(person);
  const rows = [
    { key: { text: "Full name" }, value: { text: `${person.givenName} ${person.familyName}` } },
    person.preferredName ? { key: { text: "Preferred name" }, value: { text: person.preferredName } } : undefined,
    withheld.has("aliases") || person.aliases.length === 0 ? undefined : { key: { text: "Other names" }, value: { text: person.aliases.join(", ") } },
    withheld.has("dateOfBirth") ? undefined : { key: { text: "Date of birth" }, value: { text: person.dateOfBirth ? `${formatIsoDate(person.dateOfBirth)} (${age} years old)` : "Not known yet" } },
    { key: { text: "Pronouns" }, value: { text: person.pronouns ?? "Not recorded" } },
    { key: { text: "Engagement" }, value: { html: engagementTag(person.engagementStatus) } },
    { key: { text: "Communication needs" }, value: { text: person.communicationNeeds ?? "None recorded" } },
    ...(withheld.has("contactDetails")
      ? []
      : [
          { key: { text: "Phone" }, value: { text: person.phone ?? "Not recorded" } },
          { key: { text: "Email" }, value: { text: person.email ?? "Not recorded" } },
          { key: { text: "Address" }, value: { text: person.address ?? "Not recorded" } },
        ]),
  ];
  void name;
  return personPageLayout(context, {
    person,
    relationship,
    current: "overview",
    title: "Overview",
    content: html`
  ${person.closedAt
    ? govukInsetText({
        html: html`<p class="govuk-body"><strong>This case was closed on ${formatDate(person.closedAt)}.</strong>${person.closureReason && relationship.audience === "full" ? html` ${person.closureReason}` : ""}</p>${
          relationship.mayEdit ? html`<p class="govuk-body"><a class="govuk-link" href="${paths.people.reopen(person.id)}">Re-open the case</a></p>` : ""
        }`,
      })
    : ""}
  ${extras.risks ?? ""}
  <div class="govuk-button-group">
    ${relationship.mayEdit ? govukButton({ text: "Change details", href: paths.people.edit(person.id), classes: "govuk-button--secondary" }) : ""}
    ${relationship.mayReadAudit ? html`<a class="govuk-link" href="${paths.people.audit(person.id)}">Who has viewed or changed this record</a>` : ""}
    ${relationship.mayEdit && !person.closedAt ? html`<a class="govuk-link" href="${paths.people.close(person.id)}">Close the case</a>` : ""}
  </div>
  <div class="govuk-grid-row">
    <div class="govuk-grid-column-two-thirds">
      <h2 class="govuk-heading-m">Their story</h2>
      ${withheld.has("story")
        ? govukWarningText({ text: "Their story is not shared with you. It will show here when they agree to share it with your organisation." })
        : person.story
          ? html`<p class="govuk-body keywork-story">${person.story}</p>`
          : html`<p class="govuk-body">Their story has not been written yet.${relationship.mayEdit ? html` <a class="govuk-link" href="${paths.people.edit(person.id)}#story">Write it with them</a>.` : ""}</p>`}
      <h2 class="govuk-heading-m">Details</h2>
      ${govukSummaryList({ rows })}
    </div>
    <div class="govuk-grid-column-one-third">
      <h2 class="govuk-heading-m">Team around them</h2>
      ${careTeam.length === 0
        ? html`<p class="govuk-body">Nobody is in their team yet.</p>`
        : html`<ul class="govuk-list">${careTeam.map(
            (member) => html`<li><strong>${member.displayName}</strong><br><span class="govuk-hint govuk-!-margin-bottom-1">${CARE_TEAM_ROLE_LABELS[member.role]}, ${member.organisationName}</span></li>`,
          )}</ul>`}
      <p class="govuk-body"><a class="govuk-link" href="${paths.people.team(person.id)}">The whole team, family and services</a></p>
      ${extras.aside ?? ""}
      <p class="govuk-body-s">Record updated ${formatDateTime(person.updatedAt)}. Added ${formatDate(person.createdAt)}.</p>
    </div>
  </div>
  ${extras.below ?? ""}`,
  });
}

export function searchPage(context: PageContext, query: string, result: SearchResult | null, issues: FieldIssue[]): SafeHtml {
  const errors = errorsByField(issues);
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  let body: SafeHtml | string = "";
  if (result && result.total === 0) {
    body = html`<p class="govuk-body" role="status">No one you can see matches “${query}”.</p>
<p class="govuk-body">Check the spelling, try part of a name, an alias they have used, or their date of birth (for example 27/03/1990). People outside your caseloads and teams do not show here.</p>`;
  } else if (result) {
    body = html`<p class="govuk-body" role="status">${plural(result.total, "person", "people")} found</p>
${govukTable({
  caption: "Search results",
  captionClasses: "govuk-visually-hidden",
  head: [{ text: "Name" }, { text: "Date of birth" }, { text: "Engagement" }, { text: "Lead worker" }],
  rows: result.rows.map((row) => [
    { html: html`<a class="govuk-link" href="${paths.people.show(row.id)}">${displayName(row)}</a>${row.preferredName ? html`<br><span class="govuk-hint">${row.givenName} ${row.familyName}</span>` : ""}${row.aliases.length > 0 ? html`<br><span class="govuk-hint">Also known as ${row.aliases.join(", ")}</span>` : ""}` },
    { text: formatIsoDate(row.dateOfBirth) || "Not known" },
    { html: engagementTag(row.engagementStatus) },
    { text: row.leadWorkerName ?? "None" },
  ]),
})}
${pages > 1
  ? govukPagination({
      ...(result.page > 1 ? { previous: { href: paths.people.search({ q: query, page: result.page - 1 }) } } : {}),
      ...(result.page < pages ? { next: { href: paths.people.search({ q: query, page: result.page + 1 }) } } : {}),
      items: Array.from({ length: pages }, (_, index) => ({ number: String(index + 1), href: paths.people.search({ q: query, page: index + 1 }), current: index + 1 === result.page })),
    })
  : ""}`;
  }
  return layout(context, {
    title: query ? `Find a person: ${query}` : "Find a person",
    hasErrors: issues.length > 0,
    content: html`${errorSummary(issues.map((issue) => ({ ...issue, field: "q" })))}
<h1 class="govuk-heading-l">Find a person</h1>
<form method="get" action="${paths.people.search()}" role="search">
  ${govukInput({
    id: "q",
    name: "q",
    type: "search",
    label: { text: "Name, alias or date of birth", classes: "govuk-label--s" },
    hint: { text: "Searches everyone you can see: your caseload, your team's, and people you work with." },
    value: query,
    spellcheck: false,
    classes: "govuk-!-width-two-thirds",
    ...(errors.q ? { errorMessage: { text: errors.q } } : {}),
  })}
  ${govukButton({ text: "Search", classes: "govuk-button--secondary" })}
</form>
${body}
${context.actor && can(context.actor, "break-glass.open")
  ? html`<p class="govuk-body">In an emergency, you can <a class="govuk-link" href="${paths.breakGlass.search()}">open a record outside your access</a> with a reason. It is recorded and reviewed by a manager.</p>`
  : ""}`,
  });
}
