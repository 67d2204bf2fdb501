import { conflictSummary as savedNowSummary } from "../platform/views/conflict.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukDateInput, govukErrorSummary, govukRadios } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { personPageLayout } from "../people/person-layout.ts";
import type { ScheduleFormValues } from "./forms.ts";
import { SCHEDULE_INTERVALS } from "./schema.ts";
import type { PlanSchedule, ScheduleForm } from "./service.ts";

const ERROR_HREFS: Record<string, string> = { reviewIntervalMonths: "#reviewIntervalMonths", nextReviewOn: "#nextReviewOn-day", form: "#main-content" };

function conflictSummary(stored: PlanSchedule): SafeHtml {
  return savedNowSummary("Someone else changed the review schedule while you were editing", [
    { key: { text: "How often" }, value: { text: `Every ${stored.reviewIntervalMonths} months` } },
    { key: { text: "Next review by" }, value: { text: formatIsoDate(stored.nextReviewOn) || "Not set" } },
  ], "Your version is in the form below. Save again to replace what is saved, or go back to keep it.");
}

/** How often the plan is reviewed (every 3 months unless the team decides otherwise) and when next. */
export function scheduleFormPage(page: PageContext, form: ScheduleForm, options: { values: ScheduleFormValues; issues: FieldIssue[]; conflict?: PlanSchedule }): SafeHtml {
  const { person, relationship } = form;
  const { values } = options;
  const errors = errorsByField(options.issues);
  const dateClasses = (width: string) => `${width}${errors.nextReviewOn ? " govuk-input--error" : ""}`;
  return personPageLayout(page, {
    person,
    relationship,
    current: "plan",
    title: "Change review schedule",
    hasErrors: options.issues.length > 0 || Boolean(options.conflict),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${options.issues.length > 0 ? govukErrorSummary({ titleText: "There is a problem", errorList: options.issues.map((issue) => ({ text: issue.message, href: ERROR_HREFS[issue.field] ?? `#${issue.field}` })) }) : ""}
${options.conflict ? conflictSummary(options.conflict) : ""}
<h2 class="govuk-heading-l">Change review schedule</h2>
<p class="govuk-body">The plan is reviewed with ${person.preferredName ?? person.givenName} and the team around them every three months unless you decide otherwise. After each review, the next one is set from how often you choose here.</p>
<form method="post" action="${paths.people.planSchedule(person.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${page.csrfToken}">
  <input type="hidden" name="version" value="${values.version ?? ""}">
  ${govukRadios({
    idPrefix: "reviewIntervalMonths",
    name: "reviewIntervalMonths",
    fieldset: { legend: { text: "How often is the plan reviewed?", classes: "govuk-fieldset__legend--s" } },
    value: values.reviewIntervalMonths ?? "",
    ...(errors.reviewIntervalMonths ? { errorMessage: { text: errors.reviewIntervalMonths } } : {}),
    items: SCHEDULE_INTERVALS.map((months) => ({
      value: String(months),
      text: months === 1 ? "Every month" : `Every ${months} months`,
      ...(months === 3 ? { hint: { text: "The usual interval" } } : {}),
    })),
  })}
  ${govukDateInput({
    id: "nextReviewOn",
    namePrefix: "nextReviewOn",
    fieldset: { legend: { text: "Next review by", classes: "govuk-fieldset__legend--s" } },
    hint: { text: "Today or later. For example, 27 6 2026" },
    ...(errors.nextReviewOn ? { errorMessage: { text: errors.nextReviewOn } } : {}),
    items: [
      { name: "day", classes: dateClasses("govuk-input--width-2"), value: values["nextReviewOn-day"] ?? "" },
      { name: "month", classes: dateClasses("govuk-input--width-2"), value: values["nextReviewOn-month"] ?? "" },
      { name: "year", classes: dateClasses("govuk-input--width-4"), value: values["nextReviewOn-year"] ?? "" },
    ],
  })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Save schedule", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.people.plan(person.id)}">Cancel</a>
  </div>
</form>
</div></div>`,
  });
}
