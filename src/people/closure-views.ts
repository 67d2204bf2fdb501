import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import type { Relationship } from "../platform/access/index.ts";
import { govukButton, govukCheckboxes, govukInsetText, govukTextarea } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { personPageLayout, type PersonHeading } from "./person-layout.ts";
import { CLOSURE_CHECKLIST } from "./schema.ts";
import { errorSummary } from "./views.ts";

export function closeCasePage(
  context: PageContext,
  person: PersonHeading,
  relationship: Relationship,
  input: { reason: string; checklist: string[]; issues: FieldIssue[] },
): SafeHtml {
  const errors = errorsByField(input.issues);
  return personPageLayout(context, {
    person,
    relationship,
    current: "overview",
    title: "Close the case",
    hasErrors: input.issues.length > 0,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${errorSummary(input.issues.map((issue) => ({ ...issue, field: issue.field === "checklist" ? "checklist" : "reason" })))}
<h2 class="govuk-heading-m">Close the case</h2>
${govukInsetText({ text: "A case never closes because someone has not engaged. Close it only when the right network is in place around them: task and finish. Everything recorded stays, and the case can be re-opened at any time." })}
<form method="post" action="${paths.people.close(person.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  ${govukCheckboxes({
    idPrefix: "checklist",
    name: "checklist",
    fieldset: { legend: { text: "Handover checklist", classes: "govuk-fieldset__legend--s" } },
    hint: { text: "Confirm each of these before closing." },
    values: input.checklist,
    ...(errors.checklist ? { errorMessage: { text: errors.checklist } } : {}),
    items: CLOSURE_CHECKLIST.map((item) => ({ value: item.id, text: item.text })),
  })}
  ${govukTextarea({
    id: "reason",
    name: "reason",
    label: { text: "Why is the case closing?", classes: "govuk-label--s" },
    hint: { text: "For example: settled in her own tenancy with Housing First support and a GP; agreed together." },
    value: input.reason,
    rows: 4,
    ...(errors.reason ? { errorMessage: { text: errors.reason } } : {}),
  })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Close the case", classes: "govuk-button--warning", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.people.show(person.id)}">Cancel</a>
  </div>
</form>
</div></div>`,
  });
}

export function reopenCasePage(context: PageContext, person: PersonHeading, relationship: Relationship, input: { reason: string; issues: FieldIssue[] }): SafeHtml {
  const errors = errorsByField(input.issues);
  return personPageLayout(context, {
    person,
    relationship,
    current: "overview",
    title: "Re-open the case",
    hasErrors: input.issues.length > 0,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${errorSummary(input.issues)}
<h2 class="govuk-heading-m">Re-open the case</h2>
<p class="govuk-body">Everything recorded before the case closed is still here: their story, contacts, team and chronology.</p>
<form method="post" action="${paths.people.reopen(person.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  ${govukTextarea({
    id: "reason",
    name: "reason",
    label: { text: "Why is the case being re-opened?", classes: "govuk-label--s" },
    value: input.reason,
    rows: 3,
    ...(errors.reason ? { errorMessage: { text: errors.reason } } : {}),
  })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Re-open the case", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.people.show(person.id)}">Cancel</a>
  </div>
</form>
</div></div>`,
  });
}
