import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { conflictSummary } from "../platform/views/conflict.ts";
import { govukButton, govukInput, govukSelect } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { formatPence, poundsFromPence } from "./schema.ts";
import type { SettingsRow } from "./service.ts";
import { budgetErrorSummary, thresholdInWords } from "./views.ts";

export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

export interface BudgetSettingsForm {
  settings: SettingsRow;
  values: Record<string, string>;
  issues: FieldIssue[];
  /** Someone else saved first: what they saved. */
  conflict?: SettingsRow;
}

/** Form values from saved settings. */
export function valuesFromSettings(settings: SettingsRow): Record<string, string> {
  return {
    yearlyAllocation: poundsFromPence(settings.yearlyAllocationPence),
    approvalThreshold: poundsFromPence(settings.approvalThresholdPence),
    yearStartMonth: String(settings.yearStartMonth),
    version: String(settings.version),
  };
}

/** A manager's page for how their team's personal budgets work: the yearly allocation, the approval threshold and when the year starts. */
export function budgetSettingsPage(context: PageContext, form: BudgetSettingsForm): SafeHtml {
  const { settings, values, issues, conflict } = form;
  const errors = errorsByField(issues);
  const title = "Personal budgets";
  const money = (name: "yearlyAllocation" | "approvalThreshold", label: string, hint: string) =>
    govukInput({
      id: name,
      name,
      label: { text: label, classes: "govuk-label--m" },
      hint: { text: hint },
      prefix: { text: "£" },
      inputmode: "decimal",
      spellcheck: false,
      autocomplete: "off",
      classes: "govuk-input--width-10",
      value: values[name] ?? "",
      ...(errors[name] ? { errorMessage: { text: errors[name] ?? "" } } : {}),
    });
  return layout(context, {
    title,
    hasErrors: issues.length > 0,
    content: html`${budgetErrorSummary(issues)}
${conflict
  ? conflictSummary("Someone else changed these settings after you opened the page", [
      { key: { text: "Yearly allocation" }, value: { text: formatPence(conflict.yearlyAllocationPence) } },
      { key: { text: "Approval threshold" }, value: { text: formatPence(conflict.approvalThresholdPence) } },
      { key: { text: "The budget year starts in" }, value: { text: MONTHS[conflict.yearStartMonth - 1] ?? "" } },
    ])
  : ""}
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<span class="govuk-caption-l">Your team's settings</span>
<h1 class="govuk-heading-l">${title}</h1>
<p class="govuk-body">Each person your team works with has a personal budget every year, to spend with their worker towards the goals in their plan. ${thresholdInWords(settings.approvalThresholdPence)}</p>
<p class="govuk-body">A new allocation applies to budget years not yet opened: a person's budget for a year keeps the allocation it opened with. <a class="govuk-link" href="${paths.budgetApprovals()}">Spends awaiting approval</a></p>
<form method="post" action="${paths.settings.personalBudgets()}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="version" value="${values.version ?? String(settings.version)}">
  ${money("yearlyAllocation", "Yearly allocation for each person", "In pounds, such as 1000")}
  ${money("approvalThreshold", "Approval threshold", "A manager approves any spend over this amount. In pounds, such as 100; 0 means every spend needs approval.")}
  ${govukSelect({
    id: "yearStartMonth",
    name: "yearStartMonth",
    label: { text: "The budget year starts in", classes: "govuk-label--m" },
    hint: { text: "On the 1st of the month. Most services start in April, with the financial year." },
    value: values.yearStartMonth ?? "",
    ...(errors.yearStartMonth ? { errorMessage: { text: errors.yearStartMonth } } : {}),
    items: MONTHS.map((month, index) => ({ value: String(index + 1), text: month })),
  })}
  ${govukButton({ text: "Save" })}
</form>
${settings.updatedAt ? html`<p class="govuk-body-s">Last changed${settings.updatedBy ? ` by ${settings.updatedBy.name}` : ""}, ${formatDateTime(settings.updatedAt)}.</p>` : ""}
</div></div>`,
  });
}
