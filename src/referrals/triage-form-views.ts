import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukBackLink, govukButton, govukCharacterCount, govukCheckboxes, govukErrorSummary, govukInsetText, govukRadios, govukSummaryList } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import type { WorkerSuggestion } from "./allocation.ts";
import { DECISION_REASON_LIMIT } from "./triage-actions.ts";
import type { TriageView } from "./triage-service.ts";
import { metText, needsText } from "./triage-views.ts";
import { criterionLabel } from "./eligibility.ts";

/** The decision and allocation forms of a referral. */

export interface DecisionFormValues {
  decision?: string;
  reason?: string;
  suggestedServiceIds?: string[];
  version?: string;
}

function summary(issues: FieldIssue[]): SafeHtml {
  if (issues.length === 0) return html``;
  const href = (field: string) => (field === "form" ? "#main-content" : field === "decision" ? "#decision" : field === "suggestedServiceIds" ? "#suggestedServiceIds" : `#${field}`);
  return govukErrorSummary({ titleText: "There is a problem", errorList: issues.map((issue) => ({ text: issue.message, href: href(issue.field) })) });
}

function back(view: TriageView): SafeHtml {
  return govukBackLink({ href: paths.referrals.show(view.referral.id), text: "Back to the referral" });
}

function referralSummary(view: TriageView): SafeHtml {
  const { referral } = view;
  return govukSummaryList({
    rows: [
      { key: { text: "Reference" }, value: { text: referral.reference } },
      { key: { text: "Service" }, value: { text: referral.serviceName } },
      { key: { text: "Needs" }, value: { text: needsText(referral.needs) } },
      ...view.eligibility.criteria.map((item) => ({ key: { text: criterionLabel(item.criterion) }, value: { text: `${metText(item.met)}: ${item.explanation}` } })),
    ],
  });
}

export function decisionPage(context: PageContext, view: TriageView, options: { values: DecisionFormValues; issues: FieldIssue[]; services: Array<{ id: string; name: string; organisation: string }> }): SafeHtml {
  const { referral } = view;
  const { values, issues } = options;
  const errors = errorsByField(issues);
  const error = (field: string) => (errors[field] ? { errorMessage: { text: errors[field] } } : {});
  const name = `${referral.givenName} ${referral.familyName}`;
  const suggestions = options.services.length === 0
    ? html`<p class="govuk-body">There are no other services in the directory to suggest.</p>`
    : govukCheckboxes({
        idPrefix: "suggestedServiceIds",
        name: "suggestedServiceIds",
        classes: "govuk-checkboxes--small",
        fieldset: { legend: { text: "Suggest other services (optional)", classes: "govuk-fieldset__legend--s" } },
        hint: { text: "The referrer sees the services you suggest, with how to contact them." },
        values: values.suggestedServiceIds ?? [],
        items: options.services.map((service) => ({ value: service.id, text: service.name, hint: { text: service.organisation } })),
        ...error("suggestedServiceIds"),
      });
  return layout(context, {
    title: `Accept or decline the referral for ${name}`,
    hasErrors: issues.length > 0,
    section: paths.referrals.list(),
    beforeContent: back(view),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${summary(issues)}
<span class="govuk-caption-l">${referral.serviceName}</span>
<h1 class="govuk-heading-l">Accept or decline the referral for ${name}</h1>
${referralSummary(view)}
<form method="post" action="${paths.referrals.decision(referral.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="version" value="${values.version ?? String(referral.version)}">
  ${govukRadios({
    idPrefix: "decision",
    name: "decision",
    fieldset: { legend: { text: "Your decision", classes: "govuk-fieldset__legend--m" } },
    value: values.decision ?? "",
    items: [
      { value: "accept", text: "Accept", hint: { text: "They join the waiting list until a key worker is allocated." } },
      { value: "decline", text: "Decline", hint: { text: "Give the reason, and suggest other services if you can." }, conditional: { html: suggestions } },
    ],
    ...error("decision"),
  })}
  ${govukCharacterCount({
    id: "reason",
    name: "reason",
    maxlength: DECISION_REASON_LIMIT,
    label: { text: "Reason", classes: "govuk-label--s" },
    hint: { text: "Needed to decline; optional to accept. The referrer sees it, so write it for them." },
    value: values.reason ?? "",
    ...error("reason"),
  })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Record the decision", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.referrals.show(referral.id)}">Cancel</a>
  </div>
</form>
</div></div>`,
  });
}

export function allocationPage(context: PageContext, view: TriageView, options: { suggestions: WorkerSuggestion[]; values: { workerId?: string; version?: string }; issues: FieldIssue[] }): SafeHtml {
  const { referral } = view;
  const errors = errorsByField(options.issues);
  const name = `${referral.givenName} ${referral.familyName}`;
  const what = view.person
    ? `${view.person.name} is already known: the worker becomes their lead worker if they have none, or joins their team.`
    : referral.personId
      ? "The referral is linked to a Keywork record: the worker becomes their lead worker if they have none, or joins their team."
      : `This makes a Keywork record for ${name} in your team, with the worker as lead. If they are already known, link the referral to their record first.`;
  return layout(context, {
    title: `Allocate a key worker to ${name}`,
    hasErrors: options.issues.length > 0,
    section: paths.referrals.list(),
    beforeContent: back(view),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${summary(options.issues)}
<span class="govuk-caption-l">${referral.serviceName}</span>
<h1 class="govuk-heading-l">Allocate a key worker to ${name}</h1>
${govukInsetText({ text: what })}
${options.suggestions.length === 0
  ? html`<p class="govuk-body">There are no active key workers in your team.</p>`
  : html`<form method="post" action="${paths.referrals.allocation(referral.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="version" value="${options.values.version ?? String(referral.version)}">
  ${govukRadios({
    idPrefix: "workerId",
    name: "workerId",
    fieldset: { legend: { text: "Who will be their key worker?", classes: "govuk-fieldset__legend--m" } },
    hint: { text: `Best suited first: most room on their weighted caseload, and specialisms that match the needs (${needsText(referral.needs).toLowerCase()}).` },
    value: options.values.workerId ?? "",
    items: options.suggestions.map((worker, index) => ({
      value: worker.id,
      text: index === 0 && !worker.overCapacity ? `${worker.displayName} (suggested)` : worker.displayName,
      hint: { text: worker.reasons },
    })),
    ...(errors.workerId ? { errorMessage: { text: errors.workerId } } : {}),
  })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Allocate", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.referrals.show(referral.id)}">Cancel</a>
  </div>
</form>`}
</div></div>`,
  });
}
