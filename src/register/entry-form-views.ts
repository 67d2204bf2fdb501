import type { FieldIssue } from "../platform/http/errors.ts";
import { paths } from "../platform/http/paths.ts";
import { govukBackLink, govukButton, govukInsetText, govukSelect } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { BACK_TO_REGISTER } from "./entry-views.ts";
import { cancelTo, entrySummary, formParts, hiddenFields, issuesSummary, newEntryForm, ratingFields, textArea } from "./form-views.ts";
import type { FormValues } from "./forms.ts";
import type { LinkablePerson } from "./link-store.ts";
import type { EntryView } from "./service.ts";
import type { TakeOnForm } from "./take-on.ts";

/** The pages that add, re-rate, remove and take on register entries. */

function nameOf(entry: EntryView): string {
  return `${entry.givenName} ${entry.familyName}`;
}

function backToEntry(entry: EntryView): SafeHtml {
  return govukBackLink({ href: paths.register.show(entry.id), text: `Back to ${nameOf(entry)}` });
}

export function newEntryPage(context: PageContext, options: { values: FormValues; issues: FieldIssue[]; people: LinkablePerson[] }): SafeHtml {
  return layout(context, {
    title: "Add a young person to the register",
    hasErrors: options.issues.length > 0,
    beforeContent: BACK_TO_REGISTER,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${issuesSummary(options.issues)}
<span class="govuk-caption-l">Dynamic support register</span>
<h1 class="govuk-heading-l">Add a young person to the register</h1>
<p class="govuk-body">At red or amber-red the key-worker service is asked to take them on.</p>
${newEntryForm(context.csrfToken, formParts(options.values, options.issues), options.people)}
</div></div>`,
  });
}

function conflictMessage(stored: EntryView): SafeHtml {
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
  <h2 class="govuk-error-summary__title">Someone else changed this entry while you were editing</h2>
  <div class="govuk-error-summary__body"><p class="govuk-body">Your rating has not been saved. This is the entry as it is now:</p>
  ${entrySummary(stored)}
  <p class="govuk-body">Your rating is in the form below. Check it, then save again, or go back to keep what is there.</p></div></div></div>`;
}

export function ratePage(context: PageContext, options: { entry: EntryView; values: FormValues; issues: FieldIssue[]; conflict?: EntryView }): SafeHtml {
  const { entry } = options;
  const restoring = entry.removedAt !== null;
  const title = restoring ? `Put ${nameOf(entry)} back on the register` : `Review ${nameOf(entry)}'s rating`;
  return layout(context, {
    title,
    hasErrors: options.issues.length > 0 || Boolean(options.conflict),
    beforeContent: backToEntry(entry),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${issuesSummary(options.issues)}
${options.conflict ? conflictMessage(options.conflict) : ""}
<span class="govuk-caption-l">Dynamic support register</span>
<h1 class="govuk-heading-l">${title}</h1>
${entrySummary(entry)}
${entry.inpatient
  ? govukInsetText({ text: `${entry.givenName} is in hospital, so the rating stays blue. Record the review here; record their discharge to give a new rating.` })
  : ""}
<form method="post" action="${paths.register.rate(entry.id)}" novalidate>
  ${hiddenFields(context.csrfToken, options.values.version ?? String(entry.version))}
  ${ratingFields(formParts(options.values, options.issues), { legend: "New rating", showRating: !entry.inpatient, reasonLabel: entry.inpatient ? "Review note" : "Reason for the rating" })}
  <div class="govuk-button-group">
    ${govukButton({ text: restoring ? "Put back on the register" : "Save rating", preventDoubleClick: true })}
    ${cancelTo(paths.register.show(entry.id))}
  </div>
</form>
</div></div>`,
  });
}

export function removePage(context: PageContext, options: { entry: EntryView; values: FormValues; issues: FieldIssue[] }): SafeHtml {
  const { entry } = options;
  const title = `Take ${nameOf(entry)} off the register`;
  return layout(context, {
    title,
    hasErrors: options.issues.length > 0,
    beforeContent: backToEntry(entry),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${issuesSummary(options.issues)}
<span class="govuk-caption-l">Dynamic support register</span>
<h1 class="govuk-heading-l">${title}</h1>
${entrySummary(entry)}
<p class="govuk-body">Their entry and its history are kept, and they can be put back on the register at any time.</p>
<form method="post" action="${paths.register.remove(entry.id)}" novalidate>
  ${hiddenFields(context.csrfToken, options.values.version ?? String(entry.version))}
  ${textArea(formParts(options.values, options.issues), "reason", "Why are they coming off the register?", "For example, moved out of the area, or no longer at risk of admission after a review.")}
  <div class="govuk-button-group">
    ${govukButton({ text: "Take off the register", classes: "govuk-button--warning", preventDoubleClick: true })}
    ${cancelTo(paths.register.show(entry.id))}
  </div>
</form>
</div></div>`,
  });
}

export function takeOnPage(context: PageContext, options: { form: TakeOnForm; values: FormValues; issues: FieldIssue[] }): SafeHtml {
  const { entry, workers, mayLead } = options.form;
  const parts = formParts(options.values, options.issues);
  const title = `Take ${nameOf(entry)} on`;
  return layout(context, {
    title,
    hasErrors: options.issues.length > 0,
    beforeContent: backToEntry(entry),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${issuesSummary(options.issues)}
<span class="govuk-caption-l">Dynamic support register</span>
<h1 class="govuk-heading-l">${title}</h1>
${entrySummary(entry)}
<p class="govuk-body">This adds ${nameOf(entry)}${entry.dateOfBirth ? `, born ${formatIsoDate(entry.dateOfBirth)},` : ""} to your team in Keywork and links their register entry to the new record. You can then build the team around them.</p>
<form method="post" action="${paths.register.takeOn(entry.id)}" novalidate>
  ${hiddenFields(context.csrfToken)}
  ${govukSelect({
    id: "leadWorkerId",
    name: "leadWorkerId",
    label: { text: "Lead worker", classes: "govuk-label--s" },
    hint: { text: "You can change the lead worker later on their team page." },
    value: parts.values.leadWorkerId ?? "",
    ...(parts.errors.leadWorkerId ? { errorMessage: { text: parts.errors.leadWorkerId } } : {}),
    items: [
      ...(mayLead ? [{ value: "", text: "Me" }] : [{ value: "", text: "Select a lead worker" }]),
      ...workers.filter((worker) => !mayLead || worker.id !== context.actor?.userId).map((worker) => ({ value: worker.id, text: worker.displayName })),
    ],
  })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Take on", preventDoubleClick: true })}
    ${cancelTo(paths.register.show(entry.id))}
  </div>
</form>
</div></div>`,
  });
}

/** When the action no longer applies (already taken on, taken off the register): says why, and links back. */
export function alreadyDonePage(context: PageContext, entry: EntryView, message: string): SafeHtml {
  return layout(context, {
    title: message,
    beforeContent: backToEntry(entry),
    content: html`<h1 class="govuk-heading-l">${message}</h1>
<p class="govuk-body"><a class="govuk-link" href="${paths.register.show(entry.id)}">See ${nameOf(entry)}'s register entry</a></p>`,
  });
}
