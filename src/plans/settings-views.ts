import { paths } from "../platform/http/paths.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { govukButton, govukErrorSummary, govukInput, govukWarningText } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { CHASE_AFTER_DAYS_MAX, CHASE_AFTER_DAYS_MIN, type PlanSettings } from "./settings.ts";

export interface PlanSettingsForm {
  settings: PlanSettings;
  values: { chaseAfterDays?: string; version?: string };
  issues: FieldIssue[];
  /** Someone else saved first: what they saved. */
  conflict?: PlanSettings;
}

export function planSettingsPage(context: PageContext, form: PlanSettingsForm): SafeHtml {
  const { settings, values, issues, conflict } = form;
  const error = issues.find((issue) => issue.field === "chaseAfterDays");
  return layout(context, {
    title: "When to chase overdue actions",
    hasErrors: issues.length > 0,
    content: html`${issues.length > 0
      ? govukErrorSummary({ titleText: "There is a problem", errorList: issues.map((issue) => ({ text: issue.message, href: issue.field === "chaseAfterDays" ? "#chaseAfterDays" : "#main-content" })) })
      : ""}
${conflict
  ? govukWarningText({
      text: `Someone else changed this setting to ${conflict.chaseAfterDays} days after you opened the page${conflict.updatedBy ? ` (${conflict.updatedBy})` : ""}. Check the number below and save again if you still want to change it.`,
    })
  : ""}
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<h1 class="govuk-heading-l">When to chase overdue actions</h1>
<p class="govuk-body">The owner of an action is reminded on the day it falls due. When it is still open this many days later, it goes on the key worker's chase list and the manager's view, and the person's lead worker and the team's managers are told to chase it. This applies to the whole partnership.</p>
<form method="post" action="${paths.settings.plans()}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="version" value="${values.version ?? String(settings.version)}">
  ${govukInput({
    id: "chaseAfterDays",
    name: "chaseAfterDays",
    label: { text: "Days overdue before an action is chased", classes: "govuk-label--m" },
    hint: { text: `A whole number from ${CHASE_AFTER_DAYS_MIN} to ${CHASE_AFTER_DAYS_MAX}. Keywork starts with 7.` },
    classes: "govuk-input--width-3",
    inputmode: "numeric",
    value: values.chaseAfterDays ?? String(settings.chaseAfterDays),
    suffix: { text: "days" },
    ...(error ? { errorMessage: { text: error.message } } : {}),
  })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Save" })}
    <a class="govuk-link" href="${paths.actions.chaseList()}">Back to the chase list</a>
  </div>
</form>
${settings.updatedAt ? html`<p class="govuk-body-s">Last changed${settings.updatedBy ? ` by ${settings.updatedBy}` : ""}, ${formatDateTime(settings.updatedAt)}.</p>` : ""}
</div></div>`,
  });
}
