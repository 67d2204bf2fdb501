import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukCheckboxes, govukInput, govukSelect, govukSummaryList, govukTag, govukTextarea } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { plural } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import type { Directory, DirectoryService, OrganisationRow } from "./directory.ts";
import { conflictNotice, errorFor, errorSummary, hidden, type FormValues } from "./form-parts.ts";
import { ORGANISATION_KINDS, ORGANISATION_KIND_LABELS, organisationKindLabel } from "./schema.ts";

function serviceCard(service: DirectoryService, mayManage: boolean): SafeHtml {
  const row = (label: string, value: string | null) => (value ? { key: { text: label }, value: { text: value } } : undefined);
  return govukSummaryList({
    card: {
      title: { html: html`${service.name}${service.active ? "" : html` ${govukTag({ text: "No longer running", classes: "govuk-tag--grey" })}`}`, headingLevel: 3 },
      ...(mayManage ? { actions: { items: [{ href: paths.directory.editService(service.id), text: "Change", visuallyHiddenText: service.name }] } } : {}),
    },
    rows: [
      row("About", service.description),
      row("Phone", service.phone),
      row("Email", service.email),
      service.website ? { key: { text: "Website" }, value: { html: html`<a class="govuk-link" href="${service.website}" rel="noreferrer noopener">${service.website}</a>` } } : undefined,
      row("Area", service.area),
    ],
  });
}

export function directoryPage(context: PageContext, directory: Directory, issues: FieldIssue[] = []): SafeHtml {
  const errors = errorsByField(issues);
  const serviceCount = directory.organisations.reduce((total, entry) => total + entry.services.length, 0);
  return layout(context, {
    title: directory.query ? `Directory: ${directory.query}` : "Directory",
    hasErrors: issues.length > 0,
    content: html`${errorSummary(issues.map((issue) => ({ ...issue, field: "q" })))}
<h1 class="govuk-heading-l">Directory</h1>
<p class="govuk-body">The organisations in the partnership and the services they run, with how to contact them.</p>
<form method="get" action="${paths.directory.list()}" role="search">
  ${govukInput({ id: "q", name: "q", type: "search", label: { text: "Search by name", classes: "govuk-label--s" }, hint: { text: "The name of a service or an organisation, for example Housing First" }, value: directory.query, spellcheck: false, classes: "govuk-!-width-two-thirds", ...errorFor(errors, "q") })}
  ${govukButton({ text: "Search", classes: "govuk-button--secondary" })}
</form>
${directory.mayManage
  ? html`<div class="govuk-button-group">
  ${govukButton({ text: "Add a service", href: paths.directory.newService() })}
  ${govukButton({ text: "Add an organisation", href: paths.directory.newOrganisation(), classes: "govuk-button--secondary" })}
</div>`
  : ""}
${directory.query
  ? html`<p class="govuk-body" role="status">${directory.organisations.length === 0 ? `Nothing matches “${directory.query}”.` : `${plural(serviceCount, "service")} in ${plural(directory.organisations.length, "organisation")} found`}${
      directory.organisations.length === 0 ? "" : html` for “${directory.query}”`
    }. <a class="govuk-link" href="${paths.directory.list()}">Show everything</a></p>`
  : ""}
${directory.organisations.map(
  ({ organisation, services }) => html`<section class="keywork-directory-organisation" aria-labelledby="organisation-${organisation.id}">
  <h2 class="govuk-heading-m" id="organisation-${organisation.id}">${organisation.name} <span class="govuk-caption-m">${organisationKindLabel(organisation.kind)}</span></h2>
  ${directory.mayManage ? html`<p class="govuk-body"><a class="govuk-link" href="${paths.directory.editOrganisation(organisation.id)}">Change<span class="govuk-visually-hidden"> ${organisation.name}</span></a></p>` : ""}
  ${services.length === 0 ? html`<p class="govuk-body">No services listed yet.</p>` : services.map((service) => serviceCard(service, directory.mayManage))}
</section>`,
)}`,
  });
}

function formLayout(context: PageContext, options: { title: string; issues: FieldIssue[]; conflict?: Array<{ label: string; stored: string }> | undefined; content: SafeHtml }): SafeHtml {
  return layout(context, {
    title: options.title,
    hasErrors: options.issues.length > 0 || options.conflict !== undefined,
    section: paths.directory.list(),
    content: html`<a href="${paths.directory.list()}" class="govuk-back-link govuk-!-margin-top-0">Back to the directory</a>
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${errorSummary(options.issues)}
${options.conflict ? conflictNotice(options.conflict) : ""}
<h1 class="govuk-heading-l">${options.title}</h1>
${options.content}
</div></div>`,
  });
}

export interface DirectoryFormOptions {
  id?: string;
  values: FormValues;
  issues: FieldIssue[];
  conflict?: Array<{ label: string; stored: string }>;
}

export function serviceFormPage(context: PageContext, options: DirectoryFormOptions & { organisations: OrganisationRow[] }): SafeHtml {
  const errors = errorsByField(options.issues);
  const { values } = options;
  const input = (field: string, label: string, extra: { hint?: string; type?: string } = {}) =>
    govukInput({ id: field, name: field, label: { text: label }, ...(extra.hint ? { hint: { text: extra.hint } } : {}), ...(extra.type ? { type: extra.type } : {}), autocomplete: "off", value: values[field] ?? "", ...errorFor(errors, field) });
  return formLayout(context, {
    title: options.id ? "Change a service" : "Add a service",
    issues: options.issues,
    conflict: options.conflict,
    content: html`<form method="post" action="${options.id ? paths.directory.updateService(options.id) : paths.directory.createService()}" novalidate>
  ${hidden("_csrf", context.csrfToken)}
  ${options.id ? hidden("version", values.version) : ""}
  ${govukSelect({
    id: "organisationId",
    name: "organisationId",
    label: { text: "Organisation that runs it" },
    hint: { text: "If it is not listed, add the organisation first" },
    value: values.organisationId ?? "",
    ...errorFor(errors, "organisationId"),
    items: [{ value: "", text: "Choose an organisation" }, ...options.organisations.map((organisation) => ({ value: organisation.id, text: organisation.name }))],
  })}
  ${input("name", "Name of the service", { hint: "For example Housing First, Tenancy sustainment, Needle exchange" })}
  ${govukTextarea({ id: "description", name: "description", label: { text: "What it offers and who for (optional)" }, rows: 4, value: values.description ?? "", ...errorFor(errors, "description") })}
  ${input("phone", "Phone number (optional)", { type: "tel" })}
  ${input("email", "Email address (optional)", { type: "email" })}
  ${input("website", "Website (optional)", { hint: "Starting with https://" })}
  ${input("area", "Area covered (optional)", { hint: "For example Northmoor city centre, or the whole county" })}
  ${options.id
    ? govukCheckboxes({
        name: "inactive",
        idPrefix: "inactive",
        fieldset: { legend: { text: "Still running?", classes: "govuk-fieldset__legend--s" } },
        items: [{ value: "yes", text: "This service is no longer running", hint: { text: "It stays on people's records but is no longer offered in the directory" }, checked: values.inactive === "yes" }],
      })
    : ""}
  <div class="govuk-button-group">
    ${govukButton({ text: options.id ? "Save changes" : "Add service", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.directory.list()}">Cancel</a>
  </div>
</form>`,
  });
}

export function organisationFormPage(context: PageContext, options: DirectoryFormOptions): SafeHtml {
  const errors = errorsByField(options.issues);
  const { values } = options;
  return formLayout(context, {
    title: options.id ? "Change an organisation" : "Add an organisation",
    issues: options.issues,
    conflict: options.conflict,
    content: html`<form method="post" action="${options.id ? paths.directory.updateOrganisation(options.id) : paths.directory.createOrganisation()}" novalidate>
  ${hidden("_csrf", context.csrfToken)}
  ${options.id ? hidden("version", values.version) : ""}
  ${govukInput({ id: "name", name: "name", label: { text: "Name" }, autocomplete: "off", value: values.name ?? "", ...errorFor(errors, "name") })}
  ${govukSelect({
    id: "kind",
    name: "kind",
    label: { text: "Kind of organisation" },
    value: values.kind ?? "",
    ...errorFor(errors, "kind"),
    items: [{ value: "", text: "Choose a kind" }, ...ORGANISATION_KINDS.map((kind) => ({ value: kind, text: ORGANISATION_KIND_LABELS[kind] }))],
  })}
  <div class="govuk-button-group">
    ${govukButton({ text: options.id ? "Save changes" : "Add organisation", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.directory.list()}">Cancel</a>
  </div>
</form>`,
  });
}
