import { personName } from "../platform/views/format.ts";
import type { Relationship } from "../platform/access/index.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { personPageLayout, type PersonHeading } from "../people/person-layout.ts";
import { govukButton, govukInput, govukRadios, govukTextarea } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import type { PageContext } from "../platform/views/layout.ts";
import type { DirectoryService, OrganisationRow } from "./directory.ts";
import { conflictNotice, dateField, errorFor, errorSummary, groupedSelect, hidden, type FormValues, type OptionGroup } from "./form-parts.ts";

/** Forms for other professionals, family and carers, and services involved. */

export interface EntryFormPage {
  person: PersonHeading;
  relationship: Relationship;
  /** Set when changing an existing entry. */
  entryId?: string;
  values: FormValues;
  issues: FieldIssue[];
  conflict?: Array<{ label: string; stored: string }>;
}

function formPage(
  context: PageContext,
  options: EntryFormPage & { title: string; intro: SafeHtml | string; action: string; endAction: string | null; endText: string; fields: SafeHtml },
): SafeHtml {
  const back = paths.people.team(options.person.id);
  return personPageLayout(context, {
    person: options.person,
    relationship: options.relationship,
    current: "team",
    title: options.title,
    hasErrors: options.issues.length > 0 || options.conflict !== undefined,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${errorSummary(options.issues)}
${options.conflict ? conflictNotice(options.conflict) : ""}
<h2 class="govuk-heading-l">${options.title}</h2>
${options.intro}
<form method="post" action="${options.action}" novalidate>
  ${hidden("_csrf", context.csrfToken)}
  ${options.entryId ? hidden("version", options.values.version) : ""}
  ${options.fields}
  <div class="govuk-button-group">
    ${govukButton({ text: options.entryId ? "Save changes" : "Add", preventDoubleClick: true })}
    <a class="govuk-link" href="${back}">Cancel</a>
  </div>
</form>
${options.endAction
  ? html`<h3 class="govuk-heading-s">No longer involved?</h3>
<form method="post" action="${options.endAction}" novalidate>
  ${hidden("_csrf", context.csrfToken)}
  ${hidden("version", options.values.version)}
  ${govukButton({ text: options.endText, classes: "govuk-button--secondary", preventDoubleClick: true })}
</form>`
  : ""}
</div></div>`,
  });
}

function text(values: FormValues, errors: Record<string, string>, field: string, label: string, extra: { hint?: string; type?: string; classes?: string } = {}): SafeHtml {
  return govukInput({
    id: field,
    name: field,
    label: { text: label },
    ...(extra.hint ? { hint: { text: extra.hint } } : {}),
    ...(extra.type ? { type: extra.type } : {}),
    ...(extra.classes ? { classes: extra.classes } : {}),
    autocomplete: "off",
    value: values[field] ?? "",
    ...errorFor(errors, field),
  });
}

function organisationOptions(organisations: OrganisationRow[]): OptionGroup[] {
  return [{ label: "Organisations in the partnership", options: organisations.map((organisation) => ({ value: organisation.id, text: organisation.name })) }];
}

export function professionalFormPage(context: PageContext, options: EntryFormPage & { organisations: OrganisationRow[] }): SafeHtml {
  const errors = errorsByField(options.issues);
  const { values } = options;
  return formPage(context, {
    ...options,
    title: options.entryId ? `Change details of ${values.name ?? "professional"}` : "Add another professional",
    intro: html`<p class="govuk-body">Someone working with ${personName(options.person)} who does not use Keywork, such as a GP, a solicitor or a school SENCo.</p>`,
    action: options.entryId ? paths.externalProfessionals.update(options.entryId) : paths.people.externalProfessionals(options.person.id),
    endAction: options.entryId ? paths.externalProfessionals.end(options.entryId) : null,
    endText: "Record that they are no longer involved",
    fields: html`${text(values, errors, "name", "Name")}
  ${text(values, errors, "role", "Role", { hint: "For example GP, solicitor, school SENCo, community psychiatric nurse", classes: "govuk-!-width-two-thirds" })}
  ${groupedSelect({ id: "organisationId", label: "Organisation", hint: "Choose from the partnership, or type the organisation's name below", value: values.organisationId ?? "", placeholder: "Not in the list", groups: organisationOptions(options.organisations), error: errors.organisationId })}
  ${text(values, errors, "organisationName", "Organisation not in the list (optional)", { hint: "For example Brookside Medical Practice" })}
  ${text(values, errors, "phone", "Phone number (optional)", { type: "tel", classes: "govuk-input--width-20" })}
  ${text(values, errors, "email", "Email address (optional)", { type: "email" })}
  ${dateField("startedOn", "Involved since (optional)", "For example, 27 3 2025. Leave blank for today.", values, errors)}`,
  });
}

export function familyFormPage(context: PageContext, options: EntryFormPage): SafeHtml {
  const errors = errorsByField(options.issues);
  const { values } = options;
  return formPage(context, {
    ...options,
    title: options.entryId ? `Change details of ${values.name ?? "family member"}` : "Add a family member or carer",
    intro: html`<p class="govuk-body">Only the key workers and their manager see family members' details. What they may be told follows ${personName(options.person)}'s consent; you can always listen to them.</p>`,
    action: options.entryId ? paths.familyMembers.update(options.entryId) : paths.people.familyMembers(options.person.id),
    endAction: options.entryId ? paths.familyMembers.end(options.entryId) : null,
    endText: "Record that they are no longer involved",
    fields: html`${text(values, errors, "name", "Name")}
  ${text(values, errors, "relationship", "Relationship to them", { hint: "For example Mum, partner, brother, foster carer", classes: "govuk-!-width-one-half" })}
  ${govukRadios({
    idPrefix: "isCarer",
    name: "isCarer",
    fieldset: { legend: { text: "Are they a carer?", classes: "govuk-fieldset__legend--s" } },
    hint: { text: "Someone who looks after them, unpaid" },
    classes: "govuk-radios--inline",
    value: values.isCarer ?? "no",
    ...errorFor(errors, "isCarer"),
    items: [
      { value: "yes", text: "Yes" },
      { value: "no", text: "No" },
    ],
  })}
  ${text(values, errors, "phone", "Phone number (optional)", { type: "tel", classes: "govuk-input--width-20" })}
  ${text(values, errors, "email", "Email address (optional)", { type: "email" })}
  ${govukTextarea({ id: "contactPreferences", name: "contactPreferences", label: { text: "How they like to be contacted (optional)" }, hint: { text: "For example, text first, never call before 10" }, rows: 2, value: values.contactPreferences ?? "", ...errorFor(errors, "contactPreferences") })}
  ${govukTextarea({ id: "ownNeeds", name: "ownNeeds", label: { text: "Their own needs (optional)" }, hint: { text: "Carers have needs too: their health, a break, a carer's assessment, support for themselves" }, rows: 4, value: values.ownNeeds ?? "", ...errorFor(errors, "ownNeeds") })}
  ${text(values, errors, "accountEmail", "Their Keywork account (optional)", { type: "email", hint: "The email address of a Keywork account with the carer role, so they can sign in and see what is shared with them. Leave blank for none." })}`,
  });
}

function servicesByOrganisation(services: DirectoryService[]): OptionGroup[] {
  const groups = new Map<string, OptionGroup>();
  for (const service of services) {
    const group = groups.get(service.organisation.name) ?? { label: service.organisation.name, options: [] };
    group.options.push({ value: service.id, text: service.name });
    groups.set(service.organisation.name, group);
  }
  return [...groups.values()];
}

export function serviceInvolvedFormPage(context: PageContext, options: EntryFormPage & { services: DirectoryService[] }): SafeHtml {
  const errors = errorsByField(options.issues);
  const { values } = options;
  return formPage(context, {
    ...options,
    title: options.entryId ? "Change a service involved" : "Add a service involved now or before",
    intro: html`<p class="govuk-body">So the landscape is clear at a glance: who has been involved with ${personName(options.person)}, when, and how it went.</p>`,
    action: options.entryId ? paths.servicesInvolved.update(options.entryId) : paths.people.servicesInvolved(options.person.id),
    endAction: options.entryId && !values["endedOn-year"] ? paths.servicesInvolved.end(options.entryId) : null,
    endText: "Record that it ended today",
    fields: html`${groupedSelect({ id: "serviceId", label: "Service", hint: "From the partnership's directory", value: values.serviceId ?? "", placeholder: "Not in the directory", groups: servicesByOrganisation(options.services), error: errors.serviceId })}
  ${text(values, errors, "organisationName", "Organisation not in the directory", { hint: "For example Northmoor Community Mental Health Team" })}
  ${text(values, errors, "serviceName", "Service or team (optional)", { hint: "For example Early intervention in psychosis" })}
  ${dateField("startedOn", "From (optional)", "For example, 1 4 2023. Leave blank if not known.", values, errors)}
  ${dateField("endedOn", "To (optional)", "Leave blank if they are still involved.", values, errors)}
  ${govukTextarea({ id: "note", name: "note", label: { text: "Note (optional)" }, hint: { text: "For example, discharged after 3 missed appointments" }, rows: 3, value: values.note ?? "", ...errorFor(errors, "note") })}`,
  });
}
