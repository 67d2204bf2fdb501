import { personPageLayout } from "../people/person-layout.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { conflictSummary } from "../platform/views/conflict.ts";
import { govukButton, govukCharacterCount, govukErrorSummary, govukRadios } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { personName, shorten } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { whoseWords, type PlanSection } from "./present.ts";
import { SECTION_TEXT_MAX, WRITTEN_BY, WRITTEN_BY_LABELS, type SectionKey } from "./schema.ts";
import type { PlanConflict, WellnessPlan } from "./service.ts";
import { savedLine } from "./views.ts";

export interface EditForm {
  plan: WellnessPlan;
  /** The one section being written, or null for every section. */
  only: SectionKey | null;
  values: Record<string, string>;
  issues: FieldIssue[];
  conflict?: PlanConflict;
}

/** The form's values for a plan as it is saved. */
export function valuesFromPlan(sections: PlanSection[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const section of sections) {
    values[`text-${section.key}`] = section.text;
    values[`writtenBy-${section.key}`] = section.writtenBy ?? "";
    values[`version-${section.key}`] = String(section.version);
  }
  return values;
}

function sectionFields(section: PlanSection, values: Record<string, string>, errors: Record<string, string>): SafeHtml {
  const textError = errors[`text-${section.key}`];
  const whoError = errors[`writtenBy-${section.key}`];
  return html`<div class="keywork-wellness-edit" id="${section.key}">
  <input type="hidden" name="version-${section.key}" value="${values[`version-${section.key}`] ?? String(section.version)}">
  ${govukCharacterCount({
    id: `text-${section.key}`,
    name: `text-${section.key}`,
    maxlength: SECTION_TEXT_MAX,
    rows: 6,
    label: { text: section.title, classes: "govuk-label--m", isPageHeading: false },
    hint: { text: section.hint },
    value: values[`text-${section.key}`] ?? section.text,
    ...(textError ? { errorMessage: { text: textError } } : {}),
  })}
  ${govukRadios({
    idPrefix: `writtenBy-${section.key}`,
    name: `writtenBy-${section.key}`,
    classes: "govuk-radios--small",
    fieldset: { legend: { text: `Whose words are “${section.title}” in?`, classes: "govuk-fieldset__legend--s" } },
    value: values[`writtenBy-${section.key}`] || "together",
    ...(whoError ? { errorMessage: { text: whoError } } : {}),
    items: WRITTEN_BY.map((value) => ({ value, text: WRITTEN_BY_LABELS[value] })),
  })}
  ${section.savedAt ? html`<p class="govuk-body-s">${savedLine(section)}</p>` : ""}
</div>`;
}

/** Write or change the plan with the person: one section, or all of them on one page. */
export function editWellnessPlanPage(context: PageContext, form: EditForm): SafeHtml {
  const { plan, only, values, issues, conflict } = form;
  const { person, relationship } = plan;
  const errors = errorsByField(issues);
  const shown = plan.sections.filter((section) => only === null || section.key === only);
  const title = only ? `Write “${shown[0]?.title ?? ""}”` : "Write the wellness and crisis plan";
  const conflicted = conflict ? conflict.sections.filter((section) => conflict.stale.includes(section.key)) : [];
  return personPageLayout(context, {
    person,
    relationship,
    current: "wellness-plan",
    title,
    hasErrors: issues.length > 0,
    content: html`${issues.length > 0
      ? govukErrorSummary({ titleText: "There is a problem", errorList: issues.map((issue) => ({ text: issue.message, href: issue.field === "form" ? "#main-content" : `#${issue.field}` })) })
      : ""}
${conflict
  ? conflictSummary(
      "Someone else changed the plan after you opened it",
      conflicted.map((section) => ({
        key: { text: section.title },
        value: { text: section.text ? `${shorten(section.text, 200)} (${whoseWords(section) ?? ""}; ${savedLine(section)})` : "Nothing written" },
      })),
    )
  : ""}
<h2 class="govuk-heading-l">${title}</h2>
<p class="govuk-body">Write it with ${personName(person)}, in their words as far as you can. Say whose words each part is in. Every saved version is kept.</p>
<form method="post" action="${paths.people.wellnessPlan(person.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  ${only ? html`<input type="hidden" name="section" value="${only}">` : ""}
  ${shown.map((section) => sectionFields(section, values, errors))}
  <div class="govuk-button-group">
    ${govukButton({ text: "Save the plan" })}
    <a class="govuk-link" href="${paths.people.wellnessPlan(person.id)}">Cancel</a>
  </div>
</form>`,
  });
}
