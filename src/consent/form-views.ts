import { personPageLayout } from "../people/person-layout.ts";
import { CONSENT_SCOPES } from "../platform/access/index.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import {
  govukButton,
  govukCheckboxes,
  govukDateInput,
  govukInput,
  govukRadios,
  govukSelect,
  govukSummaryList,
  govukTextarea,
  govukWarningText,
} from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { consentSubject, partyName, scopeSummary } from "./present.ts";
import { CONSENT_TYPES, CONSENT_TYPE_LABELS, HOW_GIVEN, HOW_GIVEN_HINTS, HOW_GIVEN_LABELS, SCOPE_LABELS } from "./schema.ts";
import type { ConsentFormData, ConsentRecord } from "./service.ts";
import { consentErrorSummary, consentRows, LISTEN_TEXT } from "./views.ts";

/** What a consent form holds: text fields by name, and the ticked scopes. */
export interface ConsentFormValues {
  fields: Record<string, string>;
  scopes: string[];
}

const TYPE_HINTS: Record<(typeof CONSENT_TYPES)[number], string> = {
  "work-with-service": "To work with you and the service at all",
  "share-with": "So that an organisation, or someone in their family, can see parts of their record",
  "contact-agencies": "So that you can speak to an agency for them",
};

type ErrorFor = (field: string) => { errorMessage?: { text: string } };

function errorFor(issues: FieldIssue[]): ErrorFor {
  const errors = errorsByField(issues);
  return (field) => {
    const message = errors[field];
    return message ? { errorMessage: { text: message } } : {};
  };
}

/** A GOV.UK date input named `name-day`, `name-month`, `name-year`. */
export function dateField(name: string, legend: string, hint: string, fields: Record<string, string>, error: ErrorFor): SafeHtml {
  const failed = error(name).errorMessage !== undefined;
  const classes = (width: string) => `govuk-input--width-${width}${failed ? " govuk-input--error" : ""}`;
  return govukDateInput({
    id: name,
    namePrefix: name,
    fieldset: { legend: { text: legend, classes: "govuk-fieldset__legend--s" } },
    hint: { text: hint },
    ...error(name),
    items: [
      { name: "day", classes: classes("2"), value: fields[`${name}-day`] ?? "" },
      { name: "month", classes: classes("2"), value: fields[`${name}-month`] ?? "" },
      { name: "year", classes: classes("4"), value: fields[`${name}-year`] ?? "" },
    ],
  });
}

function scopeCheckboxes(scopes: string[], error: ErrorFor, hint: string): SafeHtml {
  return govukCheckboxes({
    idPrefix: "scopes",
    name: "scopes",
    fieldset: { legend: { text: "What may be shared?", classes: "govuk-fieldset__legend--m" } },
    hint: { text: hint },
    values: scopes,
    ...error("scopes"),
    items: CONSENT_SCOPES.map((scope) => ({ value: scope, text: SCOPE_LABELS[scope].label, hint: { text: SCOPE_LABELS[scope].hint } })),
  });
}

function partyRadios(data: ConsentFormData, fields: Record<string, string>, error: ErrorFor): SafeHtml {
  const organisation = govukSelect({
    id: "partyOrganisationId",
    name: "partyOrganisationId",
    label: { text: "Organisation" },
    value: fields.partyOrganisationId ?? "",
    ...error("partyOrganisationId"),
    items: [{ value: "", text: "Choose an organisation" }, ...data.organisations.map((item) => ({ value: item.id, text: item.name }))],
  });
  const family = govukSelect({
    id: "partyFamilyMemberId",
    name: "partyFamilyMemberId",
    label: { text: "Family member or carer" },
    value: fields.partyFamilyMemberId ?? "",
    ...error("partyFamilyMemberId"),
    items: [{ value: "", text: "Choose someone" }, ...data.familyMembers.map((member) => ({ value: member.id, text: `${member.name} (${member.relationship})` }))],
  });
  const someoneElse = govukInput({
    id: "partyDescription",
    name: "partyDescription",
    label: { text: "Who, in words" },
    hint: { text: "For example, their solicitor, Citizens Advice, or a named friend" },
    value: fields.partyDescription ?? "",
    ...error("partyDescription"),
  });
  return govukRadios({
    idPrefix: "partyKind",
    name: "partyKind",
    fieldset: { legend: { text: "Who with?", classes: "govuk-fieldset__legend--m" } },
    hint: { text: "Needed for sharing information and for contacting agencies. Leave it for consent to work with the service." },
    value: fields.partyKind ?? "",
    ...error("partyKind"),
    items: [
      { value: "organisation", text: "An organisation in the partnership", conditional: { html: organisation } },
      data.familyMembers.length > 0 ? { value: "family-member", text: "Someone in their family, or a carer", conditional: { html: family } } : undefined,
      { value: "someone-else", text: "Someone else", conditional: { html: someoneElse } },
    ],
  });
}

/** The form for recording a consent. */
export function consentFormPage(context: PageContext, options: { data: ConsentFormData; values: ConsentFormValues; issues: FieldIssue[] }): SafeHtml {
  const { data, values, issues } = options;
  const { fields } = values;
  const error = errorFor(issues);
  const personId = data.person.id;
  return personPageLayout(context, {
    person: data.person,
    relationship: data.relationship,
    current: "consent",
    title: "Record consent",
    hasErrors: issues.length > 0,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${consentErrorSummary(issues)}
<h2 class="govuk-heading-l">Record consent</h2>
<p class="govuk-body">Record each thing they agree to separately, so that each can be reviewed or withdrawn on its own.</p>
<form method="post" action="${paths.people.consents(personId)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  ${govukRadios({
    idPrefix: "type",
    name: "type",
    fieldset: { legend: { text: "What have they agreed to?", classes: "govuk-fieldset__legend--m" } },
    value: fields.type ?? "",
    ...error("type"),
    items: CONSENT_TYPES.map((type) => ({ value: type, text: CONSENT_TYPE_LABELS[type], hint: { text: TYPE_HINTS[type] } })),
  })}
  ${partyRadios(data, fields, error)}
  ${scopeCheckboxes(values.scopes, error, "Select everything they agree may be shared. Needed for sharing information.")}
  ${govukRadios({
    idPrefix: "howGiven",
    name: "howGiven",
    fieldset: { legend: { text: "How did they give consent?", classes: "govuk-fieldset__legend--m" } },
    value: fields.howGiven ?? "",
    ...error("howGiven"),
    items: HOW_GIVEN.map((how) => ({ value: how, text: HOW_GIVEN_LABELS[how], hint: { text: HOW_GIVEN_HINTS[how] } })),
  })}
  ${dateField("givenOn", "When did they give it?", "For example, 27 3 2026", fields, error)}
  ${dateField("reviewOn", "When should it be reviewed?", "Usually 6 months after they gave it. Check with them then that they still agree.", fields, error)}
  ${govukTextarea({ id: "note", name: "note", label: { text: "Note (optional)" }, hint: { text: "Any limits they set, or what they want kept from whom" }, rows: 3, value: fields.note ?? "", ...error("note") })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Save consent", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.people.consents(personId)}">Cancel</a>
  </div>
</form>
</div></div>`,
  });
}

/** The form for changing what a consent covers, its review date or its note. */
export function consentEditPage(
  context: PageContext,
  options: { record: ConsentRecord; values: ConsentFormValues; issues: FieldIssue[]; conflict?: ConsentRecord["consent"] },
): SafeHtml {
  const { record, values, issues, conflict } = options;
  const { consent } = record;
  const error = errorFor(issues);
  const fixed = consentRows(consent).filter((row) => ["What they agreed to", "Who with", "How given", "Given on"].includes(row.key.text ?? ""));
  const withdrawn = consent.status === "withdrawn";
  return personPageLayout(context, {
    person: record.person,
    relationship: record.relationship,
    current: "consent",
    title: "Change consent",
    hasErrors: issues.length > 0 || conflict !== undefined,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${consentErrorSummary(issues)}
${conflict
  ? html`<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
  <h2 class="govuk-error-summary__title">Someone else changed this consent while you were editing</h2>
  <div class="govuk-error-summary__body"><p class="govuk-body">Your changes have not been saved. This is what is saved now:</p>
  ${govukSummaryList({
    rows: [
      { key: { text: "What can be shared" }, value: { text: scopeSummary(conflict.scopes) || "Nothing" } },
      { key: { text: "Review by" }, value: { text: formatIsoDate(conflict.reviewOn) } },
      { key: { text: "Note" }, value: { text: conflict.note ?? "(blank)" } },
      { key: { text: "Withdrawn on" }, value: { text: formatIsoDate(conflict.withdrawnOn) || "Not withdrawn" } },
    ],
  })}
  <p class="govuk-body">Your version is in the form below. Check it, then save again to replace what is saved, or go back to keep it.</p></div></div></div>`
  : ""}
<h2 class="govuk-heading-l">Change ${consentSubject(consent).replace(/^Consent/, "consent")}</h2>
${govukSummaryList({ rows: fixed })}
${withdrawn
  ? govukWarningText({ text: `This consent was withdrawn on ${formatIsoDate(consent.withdrawnOn)} and cannot be changed. Record a new consent if they agree again.` })
  : html`<form method="post" action="${paths.consents.update(consent.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="version" value="${values.fields.version ?? ""}">
  ${consent.type === "work-with-service" ? "" : scopeCheckboxes(values.scopes, error, consent.type === "share-with" ? "Select everything they now agree may be shared. To stop all sharing, withdraw the consent instead." : "Select what you may tell the agency, if anything.")}
  ${dateField("reviewOn", "When should it be reviewed?", "Check with them then that they still agree.", values.fields, error)}
  ${govukTextarea({ id: "note", name: "note", label: { text: "Note (optional)" }, rows: 3, value: values.fields.note ?? "", ...error("note") })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Save changes", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.people.consents(consent.personId)}">Cancel</a>
  </div>
</form>`}
</div></div>`,
  });
}

function withdrawalMeans(record: ConsentRecord): string {
  const { consent } = record;
  if (consent.type === "share-with") {
    const scopes = scopeSummary(consent.scopes).split(", ").filter((scope) => scope !== "");
    const phrase = scopes.length > 1 ? `${scopes.slice(0, -1).join(", ")} and ${scopes.at(-1)}` : scopes[0];
    return `${partyName(consent)} will stop seeing ${phrase ? `their ${phrase}` : "anything shared"} straight away. What was shared before cannot be taken back, but nothing more will be shared.`;
  }
  if (consent.type === "contact-agencies") return `You will no longer contact ${partyName(consent)} on their behalf, from today.`;
  return "Record this when they no longer want to work with the service. Talk to your manager about what happens next.";
}

/** "Are you sure?" before withdrawing a consent. */
export function withdrawPage(context: PageContext, record: ConsentRecord): SafeHtml {
  const { consent } = record;
  const subject = consentSubject(consent).replace(/^Consent/, "consent");
  return personPageLayout(context, {
    person: record.person,
    relationship: record.relationship,
    current: "consent",
    title: "Withdraw consent",
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<h2 class="govuk-heading-l">Withdraw ${subject}?</h2>
${govukSummaryList({ rows: consentRows(consent) })}
${consent.status === "withdrawn"
  ? html`<p class="govuk-body">This consent was withdrawn on ${formatIsoDate(consent.withdrawnOn)}.</p>
<p class="govuk-body"><a class="govuk-link" href="${paths.people.consents(consent.personId)}">Back to consent</a></p>`
  : html`${govukWarningText({ text: withdrawalMeans(record) })}
<p class="govuk-body">Withdrawing takes effect today. If they agree again later, record a new consent.</p>
<form method="post" action="${paths.consents.withdraw(consent.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <div class="govuk-button-group">
    ${govukButton({ text: "Withdraw consent", classes: "govuk-button--warning", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.people.consents(consent.personId)}">Cancel</a>
  </div>
</form>`}
</div></div>`,
  });
}

/** "You can always listen": the form for what a family member or carer told the service. */
export function informationReceivedPage(context: PageContext, options: { data: ConsentFormData; fields: Record<string, string>; issues: FieldIssue[] }): SafeHtml {
  const { data, fields, issues } = options;
  const error = errorFor(issues);
  const personId = data.person.id;
  const description = (label: string) =>
    govukInput({
      id: "fromDescription",
      name: "fromDescription",
      label: { text: label, ...(data.familyMembers.length === 0 ? { classes: "govuk-label--m" } : {}) },
      hint: { text: "Their name and how they know the person, for example Maureen Holloway, his mum" },
      value: fields.fromDescription ?? "",
      ...error("fromDescription"),
    });
  const who =
    data.familyMembers.length === 0
      ? description("Who told you?")
      : govukRadios({
          idPrefix: "fromKind",
          name: "fromKind",
          fieldset: { legend: { text: "Who told you?", classes: "govuk-fieldset__legend--m" } },
          value: fields.fromKind ?? "",
          ...error("fromKind"),
          items: [
            {
              value: "family-member",
              text: "Someone in their family, or a carer",
              conditional: {
                html: govukSelect({
                  id: "familyMemberId",
                  name: "familyMemberId",
                  label: { text: "Family member or carer" },
                  value: fields.familyMemberId ?? "",
                  ...error("familyMemberId"),
                  items: [{ value: "", text: "Choose someone" }, ...data.familyMembers.map((member) => ({ value: member.id, text: `${member.name} (${member.relationship})` }))],
                }),
              },
            },
            { value: "someone-else", text: "Someone else", conditional: { html: description("Who, in words") } },
          ],
        });
  return personPageLayout(context, {
    person: data.person,
    relationship: data.relationship,
    current: "consent",
    title: "Record information received",
    hasErrors: issues.length > 0,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${consentErrorSummary(issues)}
<h2 class="govuk-heading-l">Record what a family member or carer told you</h2>
<p class="govuk-body">${LISTEN_TEXT}</p>
<p class="govuk-body">What you record here is kept on their record for the people who work with them, even when they have not agreed to share anything with their family.</p>
<form method="post" action="${paths.people.informationReceived(personId)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  ${who}
  ${dateField("receivedOn", "When did they tell you?", "For example, 27 3 2026", fields, error)}
  ${govukInput({ id: "receivedTime", name: "receivedTime", label: { text: "Time" }, hint: { text: "For example, 14:30 or 2:30pm" }, classes: "govuk-input--width-5", value: fields.receivedTime ?? "", ...error("receivedTime") })}
  ${govukTextarea({ id: "note", name: "note", label: { text: "What did they tell you?", classes: "govuk-label--m" }, hint: { text: "In their words where you can" }, rows: 6, value: fields.note ?? "", ...error("note") })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Save", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.people.consents(personId)}">Cancel</a>
  </div>
</form>
</div></div>`,
  });
}
