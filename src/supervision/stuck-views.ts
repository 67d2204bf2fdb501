import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukCheckboxes, govukDetails, govukErrorSummary, govukInput, govukSummaryList, govukWarningText } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, formatIsoDate, plural } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { describeRules } from "./present.ts";
import { THRESHOLD_RANGES, type RulesFormValues, type StuckRules } from "./schema.ts";
import type { StuckCase, StuckList } from "./service.ts";

function rulesInWords(rules: StuckRules): SafeHtml {
  const described = describeRules(rules);
  const on = described.filter((rule) => rule.enabled);
  const off = described.filter((rule) => !rule.enabled);
  return html`<ul class="govuk-list govuk-list--bullet">${on.map((rule) => html`<li>${rule.text}</li>`)}</ul>
${off.length > 0 ? html`<p class="govuk-body">Turned off: ${off.map((rule) => rule.text.split(":")[0]).join("; ")}.</p>` : ""}`;
}

function stuckCard(stuck: StuckCase): SafeHtml {
  // The summary card's markup with the name as a link (as on the caseload): links cannot nest.
  return html`<div class="govuk-summary-card">
  <div class="govuk-summary-card__title-wrapper">
    <h2 class="govuk-summary-card__title"><a class="govuk-link" href="${paths.people.show(stuck.personId)}">${stuck.name}</a></h2>
    <ul class="govuk-summary-card__actions"><li class="govuk-summary-card__action"><a class="govuk-link" href="${paths.people.newCaseReview(stuck.personId)}">Record a reflective case review<span class="govuk-visually-hidden"> for ${stuck.name}</span></a></li></ul>
  </div>
  <div class="govuk-summary-card__content">${govukSummaryList({
    rows: [
      {
        key: { text: "Why stuck" },
        value: { html: html`<ul class="govuk-list govuk-!-margin-bottom-0">${stuck.reasons.map((reason) => html`<li>${reason.text}</li>`)}</ul>` },
      },
      { key: { text: "Key worker" }, value: { text: stuck.keyWorker?.name ?? "No lead worker" } },
      {
        key: { text: "Last reflective case review" },
        value: {
          html: stuck.lastCaseReviewOn
            ? html`<a class="govuk-link" href="${paths.people.caseReviews(stuck.personId)}">${formatIsoDate(stuck.lastCaseReviewOn)}<span class="govuk-visually-hidden"> — reviews of ${stuck.name}</span></a>`
            : html`None yet`,
        },
      },
    ],
  })}</div>
</div>`;
}

/** The stuck list: each stuck case with its reasons, most reasons first. */
export function stuckCasesPage(context: PageContext, list: StuckList, mayChangeRules: boolean): SafeHtml {
  const { cases, rules } = list;
  const anyRuleOn = describeRules(rules).some((rule) => rule.enabled);
  let body: SafeHtml;
  if (!anyRuleOn) {
    body = govukWarningText({ text: "Every stuck-case rule is turned off, so no case can be found stuck. Turn at least one rule on to use this list." });
  } else if (cases.length === 0) {
    body = html`<h2 class="govuk-heading-m">No stuck cases</h2>
<p class="govuk-body">No stuck cases — none of the open cases you oversee meets a stuck-case rule today. Every one has goals being worked on, recent contact, and no run of crises or long-overdue actions.</p>`;
  } else {
    body = html`<p class="govuk-body" role="status">${plural(cases.length, "stuck case")}, most reasons first.</p>
${cases.map(stuckCard)}`;
  }
  return layout(context, {
    title: "Stuck cases",
    content: html`<h1 class="govuk-heading-l">Stuck cases</h1>
<p class="govuk-body">Open cases that the stuck-case rules find stuck today, and why. Being stuck is a prompt to stop and reflect together — an honest conversation with the person and the team, and refocused goals — not a judgement on anyone.</p>
${govukDetails({
  summaryText: "How a case is found stuck",
  html: html`${rulesInWords(rules)}${mayChangeRules ? html`<p class="govuk-body"><a class="govuk-link" href="${paths.settings.stuckCases()}">Change the stuck-case rules</a></p>` : ""}`,
})}
${body}`,
  });
}

export interface RulesPageOptions {
  rules: StuckRules;
  values: RulesFormValues;
  issues: FieldIssue[];
  /** When someone else saved first: the rules as they are now. */
  conflict?: StuckRules;
}

function ruleBox(name: keyof RulesFormValues, label: string, hint: string, values: RulesFormValues): SafeHtml {
  return govukCheckboxes({
    name,
    idPrefix: name,
    classes: "govuk-checkboxes--small",
    items: [{ value: "on", text: label, hint: { text: hint }, checked: values[name] === "on" }],
  });
}

function thresholdInput(name: keyof typeof THRESHOLD_RANGES, label: string, suffix: string, values: RulesFormValues, errors: Record<string, string>): SafeHtml {
  const [lowest, highest] = THRESHOLD_RANGES[name];
  return govukInput({
    id: name,
    name,
    label: { text: label },
    hint: { text: `From ${lowest} to ${highest}` },
    classes: "govuk-input--width-3",
    inputmode: "numeric",
    spellcheck: false,
    suffix: { text: suffix },
    value: values[name] ?? "",
    ...(errors[name] ? { errorMessage: { text: errors[name] } } : {}),
  });
}

function ruleFieldset(legend: string, content: SafeHtml): SafeHtml {
  return html`<fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
  <legend class="govuk-fieldset__legend govuk-fieldset__legend--m"><h2 class="govuk-fieldset__heading">${legend}</h2></legend>
  ${content}
</fieldset>`;
}

/** The rules settings form: each rule on or off, with its thresholds. */
export function stuckRulesPage(context: PageContext, options: RulesPageOptions): SafeHtml {
  const { values, rules } = options;
  const errors = errorsByField(options.issues);
  return layout(context, {
    title: "Stuck-case rules",
    section: paths.stuckCases(),
    hasErrors: options.issues.length > 0 || Boolean(options.conflict),
    beforeContent: html`<a href="${paths.stuckCases()}" class="govuk-back-link">Back to stuck cases</a>`,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${options.issues.length > 0
  ? govukErrorSummary({ titleText: "There is a problem", errorList: options.issues.map((issue) => ({ text: issue.message, href: issue.field === "form" ? "#main-content" : `#${issue.field}` })) })
  : ""}
${options.conflict
  ? html`<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
  <h2 class="govuk-error-summary__title">Someone else changed the rules while you were editing</h2>
  <div class="govuk-error-summary__body"><p class="govuk-body">Your changes have not been saved. The rules are now:</p>${rulesInWords(options.conflict)}
  <p class="govuk-body">Your version is in the form below. Check it, then save again to replace the rules, or go back to keep them.</p></div></div></div>`
  : ""}
<h1 class="govuk-heading-l">Stuck-case rules</h1>
<p class="govuk-body">These rules decide which open cases go on the stuck list for managers and psychologists. They apply to the whole partnership. Turn off a rule that does not fit how your service works.</p>
${rules.updatedAt ? html`<p class="govuk-body-s">Last changed by ${rules.updatedBy?.name ?? "Unknown"}, ${formatDateTime(rules.updatedAt)}.</p>` : html`<p class="govuk-body-s">These are the rules Keywork starts with.</p>`}
<form method="post" action="${paths.settings.stuckCases()}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="version" value="${values.version ?? ""}">
  ${ruleFieldset("No goals", ruleBox("noGoalsEnabled", "Find open cases with no goal being worked on", "No goals means no shared direction", values))}
  ${ruleFieldset(
    "No progress on goals",
    html`${ruleBox("noProgressEnabled", "Find cases with goals but no progress", "Progress is a note of progress, or a goal added or achieved", values)}
    ${thresholdInput("noProgressWeeks", "No progress for more than", "weeks", values, errors)}`,
  )}
  ${ruleFieldset(
    "No contact",
    html`${ruleBox("noContactEnabled", "Find cases not seen for much longer than their contact target", "The target is how often they should be seen: weekly, fortnightly or monthly", values)}
    ${thresholdInput("noContactMultiple", "No contact for more than", "times the target", values, errors)}`,
  )}
  ${ruleFieldset(
    "Repeated crises",
    html`${ruleBox("crisesEnabled", "Find cases with repeated crises", "Crisis contacts and crises recorded on the chronology", values)}
    ${thresholdInput("crisesCount", "At least", "crises", values, errors)}
    ${thresholdInput("crisesWeeks", "Within", "weeks", values, errors)}`,
  )}
  ${ruleFieldset(
    "Actions long overdue",
    html`${ruleBox("overdueActionsEnabled", "Find cases with open actions long overdue", "Actions in the plan, whichever agency owns them", values)}
    ${thresholdInput("overdueActionDays", "Overdue by more than", "days", values, errors)}`,
  )}
  <div class="govuk-button-group">
    ${govukButton({ text: "Save rules", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.stuckCases()}">Cancel</a>
  </div>
</form>
</div></div>`,
  });
}
