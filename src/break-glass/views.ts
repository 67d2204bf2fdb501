import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import {
  govukBackLink,
  govukButton,
  govukDateInput,
  govukErrorSummary,
  govukInput,
  govukRadios,
  govukSummaryList,
  govukTable,
  govukTextarea,
  govukWarningText,
} from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatIsoDate, plural } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { DEFAULT_HOURS, HOUR_CHOICES, REASON_MIN, type SearchCriteria } from "./schema.ts";
import type { SearchMatch } from "./service.ts";

/** The pages that find a record outside one's access and open it with a reason. */

type Values = Record<string, string | undefined>;

const CAPTION = html`<span class="govuk-caption-l">Break-glass access</span>`;

function errorHref(field: string): string {
  return field === "dateOfBirth" ? "#dateOfBirth-day" : `#${field}`;
}

export function issuesSummary(issues: FieldIssue[]): SafeHtml | string {
  if (issues.length === 0) return "";
  return govukErrorSummary({ titleText: "There is a problem", errorList: issues.map((issue) => ({ text: issue.message, href: errorHref(issue.field) })) });
}

function errorOf(errors: Record<string, string>, field: string) {
  return errors[field] ? { errorMessage: { text: errors[field] } } : {};
}

/** The date fields keep what was typed; a date from a link back fills them in. */
function dateParts(values: Values): { day: string; month: string; year: string } {
  const iso = values.dateOfBirth ?? "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match) return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? "" };
  return { day: values["dateOfBirth-day"] ?? "", month: values["dateOfBirth-month"] ?? "", year: values["dateOfBirth-year"] ?? "" };
}

function searchForm(values: Values, errors: Record<string, string>): SafeHtml {
  const date = dateParts(values);
  const dateError = errors.dateOfBirth ? " govuk-input--error" : "";
  return html`<form method="get" action="${paths.breakGlass.search()}" novalidate>
  ${govukInput({ id: "givenName", name: "givenName", label: { text: "First name", classes: "govuk-label--s" }, hint: { text: "Their given name, the name they go by, or a name they have used" }, value: values.givenName ?? "", classes: "govuk-!-width-one-half", spellcheck: false, autocomplete: "off", ...errorOf(errors, "givenName") })}
  ${govukInput({ id: "familyName", name: "familyName", label: { text: "Last name", classes: "govuk-label--s" }, value: values.familyName ?? "", classes: "govuk-!-width-one-half", spellcheck: false, autocomplete: "off", ...errorOf(errors, "familyName") })}
  ${govukDateInput({
    id: "dateOfBirth",
    namePrefix: "dateOfBirth",
    fieldset: { legend: { text: "Date of birth", classes: "govuk-fieldset__legend--s" } },
    hint: { text: "For example, 27 3 1990" },
    ...errorOf(errors, "dateOfBirth"),
    items: [
      { name: "day", classes: `govuk-input--width-2${dateError}`, value: date.day },
      { name: "month", classes: `govuk-input--width-2${dateError}`, value: date.month },
      { name: "year", classes: `govuk-input--width-4${dateError}`, value: date.year },
    ],
  })}
  ${govukButton({ text: "Search", classes: "govuk-button--secondary" })}
</form>`;
}

function resultsTable(criteria: SearchCriteria, matches: SearchMatch[]): SafeHtml {
  if (matches.length === 0) {
    return html`<p class="govuk-body" role="status">Nobody in the partnership has that name and date of birth.</p>
<p class="govuk-body">Check the spelling and the date. Names must match exactly: the first name they were given or go by, or a name they have used, and their last name.</p>`;
  }
  return html`<p class="govuk-body" role="status">${plural(matches.length, "person", "people")} found</p>
${govukTable({
  caption: "People with that name and date of birth",
  captionClasses: "govuk-visually-hidden",
  head: [{ text: "Name" }, { text: "Date of birth" }, { text: "Team" }, { html: html`<span class="govuk-visually-hidden">Action</span>` }],
  rows: matches.map((match) => {
    const name = `${match.givenName} ${match.familyName}`;
    return [
      { text: name },
      { text: formatIsoDate(match.dateOfBirth) },
      { text: match.teamName },
      {
        html: match.alreadyVisible
          ? html`You already have access. <a class="govuk-link" href="${paths.people.show(match.personId)}">Open the record<span class="govuk-visually-hidden"> of ${name}</span></a>`
          : html`<a class="govuk-link" href="${paths.breakGlass.search({ ...criteria, personId: match.personId })}">Open this record<span class="govuk-visually-hidden"> of ${name}, ${match.teamName}</span></a>`,
      },
    ];
  }),
})}`;
}

/** The search form, and when searched, who matches. */
export function searchPage(context: PageContext, options: { values: Values; issues: FieldIssue[]; found: { criteria: SearchCriteria; matches: SearchMatch[] } | null }): SafeHtml {
  const errors = errorsByField(options.issues);
  return layout(context, {
    title: options.found ? "Break-glass access: search results" : "Open a record in an emergency",
    hasErrors: options.issues.length > 0,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${issuesSummary(options.issues)}
${CAPTION}
<h1 class="govuk-heading-l">Open a record in an emergency</h1>
<p class="govuk-body">Use break-glass access only when someone may come to harm unless you see their record now, and the people who work with them cannot help in time.</p>
${govukWarningText({ text: "Every search and every record you open this way is recorded, and a manager reviews why you opened it." })}
<p class="govuk-body">Enter their first name, last name and date of birth exactly. You only see people who match all three.</p>
${searchForm(options.values, errors)}
${options.found ? html`<h2 class="govuk-heading-m">Results</h2>${resultsTable(options.found.criteria, options.found.matches)}` : ""}
</div></div>`,
  });
}

/** The form that asks why, and for how long, before the record opens. */
export function confirmPage(context: PageContext, options: { criteria: SearchCriteria; match: SearchMatch; values: Values; issues: FieldIssue[] }): SafeHtml {
  const { criteria, match } = options;
  const errors = errorsByField(options.issues);
  const name = `${match.givenName} ${match.familyName}`;
  const hours = options.values.hours ?? String(DEFAULT_HOURS);
  return layout(context, {
    title: `Why do you need to open this record? ${name}`,
    hasErrors: options.issues.length > 0,
    beforeContent: govukBackLink({ href: paths.breakGlass.search(criteria), text: "Back to the search results" }),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${issuesSummary(options.issues)}
${CAPTION}
<h1 class="govuk-heading-l">Why do you need to open this record?</h1>
${govukSummaryList({
  rows: [
    { key: { text: "Name" }, value: { text: name } },
    { key: { text: "Date of birth" }, value: { text: formatIsoDate(match.dateOfBirth) } },
    { key: { text: "Team" }, value: { text: match.teamName } },
  ],
})}
${govukWarningText({ text: "You will be able to read the whole record but not change it. Everything you open is recorded, and a manager will review your reason." })}
<form method="post" action="${paths.breakGlass.open()}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="personId" value="${match.personId}">
  <input type="hidden" name="givenName" value="${criteria.givenName}">
  <input type="hidden" name="familyName" value="${criteria.familyName}">
  <input type="hidden" name="dateOfBirth" value="${criteria.dateOfBirth}">
  ${govukTextarea({
    id: "reason",
    name: "reason",
    label: { text: "Reason", classes: "govuk-label--m" },
    hint: { text: `What has happened and why you need this record now, for example “Police called at 2am: ${match.givenName} is missing and we need their contacts”. At least ${REASON_MIN} characters.` },
    rows: 4,
    value: options.values.reason ?? "",
    ...errorOf(errors, "reason"),
  })}
  ${govukRadios({
    idPrefix: "hours",
    name: "hours",
    fieldset: { legend: { text: "How long do you need access for?", classes: "govuk-fieldset__legend--m" } },
    hint: { text: "The access ends by itself after this time. You can end it sooner." },
    value: hours,
    ...errorOf(errors, "hours"),
    items: HOUR_CHOICES.map((choice) => ({ value: String(choice), text: plural(choice, "hour") })),
  })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Open the record", classes: "govuk-button--warning", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.breakGlass.search(criteria)}">Cancel</a>
  </div>
</form>
</div></div>`,
  });
}
