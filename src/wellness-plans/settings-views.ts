import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { conflictSummary } from "../platform/views/conflict.ts";
import { govukButton, govukErrorSummary, govukTextarea } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import type { CrisisContactsRow } from "./service.ts";

export interface CrisisContactsForm {
  contacts: CrisisContactsRow;
  values: Record<string, string>;
  issues: FieldIssue[];
  /** Someone else saved first: what they saved. */
  conflict?: CrisisContactsRow;
}

const FIELDS = [
  { name: "serviceHours", label: "When the service is open", hint: "For example: Monday to Friday, 9am to 5pm; closed on bank holidays." },
  { name: "serviceContact", label: "How to reach the service while it is open", hint: "The duty phone number and who answers it, and an email address if you use one." },
  { name: "outOfHours", label: "Who to contact in a crisis when the service is closed", hint: "Local crisis lines and what they are for, with their numbers. Say to call 999 in an emergency." },
] as const;

/** A manager's page for their team's service hours and out-of-hours crisis contacts. */
export function crisisContactsPage(context: PageContext, form: CrisisContactsForm): SafeHtml {
  const { contacts, values, issues, conflict } = form;
  const errors = errorsByField(issues);
  const title = "Service hours and crisis contacts";
  return layout(context, {
    title,
    hasErrors: issues.length > 0,
    content: html`${issues.length > 0
      ? govukErrorSummary({ titleText: "There is a problem", errorList: issues.map((issue) => ({ text: issue.message, href: issue.field === "form" ? "#main-content" : `#${issue.field}` })) })
      : ""}
${conflict
  ? conflictSummary(
      "Someone else changed these details after you opened the page",
      FIELDS.map((field) => ({ key: { text: field.label }, value: { text: conflict[field.name] || "Not added" } })),
    )
  : ""}
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<span class="govuk-caption-l">${contacts.teamName}</span>
<h1 class="govuk-heading-l">${title}</h1>
<p class="govuk-body">These show on the wellness and crisis plan of everyone your team works with, and on the copy they print, so they know when they can reach you and who to call when you are closed.</p>
<form method="post" action="${paths.settings.crisisContacts()}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="version" value="${values.version ?? String(contacts.version)}">
  ${FIELDS.map((field) =>
    govukTextarea({
      id: field.name,
      name: field.name,
      rows: 4,
      label: { text: field.label, classes: "govuk-label--m" },
      hint: { text: field.hint },
      value: values[field.name] ?? contacts[field.name],
      ...(errors[field.name] ? { errorMessage: { text: errors[field.name] ?? "" } } : {}),
    }),
  )}
  ${govukButton({ text: "Save" })}
</form>
${contacts.updatedAt ? html`<p class="govuk-body-s">Last changed${contacts.updatedByName ? ` by ${contacts.updatedByName}` : ""}, ${formatDateTime(contacts.updatedAt)}.</p>` : ""}
</div></div>`,
  });
}
