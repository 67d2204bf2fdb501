import type { FieldIssue } from "../platform/http/errors.ts";
import { paths } from "../platform/http/paths.ts";
import { govukBackLink, govukButton, govukSummaryList } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, formatIsoDate } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { cancelTo, dateInput, entrySummary, formParts, hiddenFields, issuesSummary, ratingFields, textArea, textInput } from "./form-views.ts";
import type { FormValues } from "./forms.ts";
import type { EntryView, EpisodeView } from "./service.ts";
import { lengthOfStay } from "./views.ts";

function nameOf(entry: EntryView): string {
  return `${entry.givenName} ${entry.familyName}`;
}

function backToEntry(entry: EntryView): SafeHtml {
  return govukBackLink({ href: paths.register.show(entry.id), text: `Back to ${nameOf(entry)}` });
}

const SETTING_HINT = "The unit or ward and where it is, for example Tier 4 CAMHS unit, Oakfield";

export function admissionPage(context: PageContext, options: { entry: EntryView; values: FormValues; issues: FieldIssue[] }): SafeHtml {
  const { entry } = options;
  const parts = formParts(options.values, options.issues);
  const title = `Record ${nameOf(entry)}'s admission to hospital`;
  return layout(context, {
    title,
    hasErrors: options.issues.length > 0,
    beforeContent: backToEntry(entry),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${issuesSummary(options.issues)}
<span class="govuk-caption-l">Dynamic support register</span>
<h1 class="govuk-heading-l">${title}</h1>
${entrySummary(entry)}
<p class="govuk-body">Their rating becomes blue while they are in hospital, with a review in a month.</p>
<form method="post" action="${paths.register.episodes(entry.id)}" novalidate>
  ${hiddenFields(context.csrfToken)}
  ${dateInput(parts, "admittedOn", "Date of admission", "For example, 14 3 2026")}
  ${textInput(parts, "setting", "Setting", { hint: SETTING_HINT })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Record admission", preventDoubleClick: true })}
    ${cancelTo(paths.register.show(entry.id))}
  </div>
</form>
</div></div>`,
  });
}

function conflictMessage(stored: EpisodeView): SafeHtml {
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
  <h2 class="govuk-error-summary__title">Someone else changed this stay while you were editing</h2>
  <div class="govuk-error-summary__body"><p class="govuk-body">Your changes have not been saved. This is what is saved now:</p>
  ${govukSummaryList({
    rows: [
      { key: { text: "Admitted" }, value: { text: formatIsoDate(stored.admittedOn) } },
      { key: { text: "Discharged" }, value: { text: stored.dischargedOn ? formatIsoDate(stored.dischargedOn) : "Not yet" } },
      { key: { text: "Setting" }, value: { text: stored.setting } },
      { key: { text: "Discharge plan" }, value: { text: stored.dischargePlan ?? "Not recorded" } },
      { key: { text: "Last changed" }, value: { text: `${stored.updatedBy?.name ?? "Unknown"}, ${formatDateTime(stored.updatedAt)}` } },
    ],
  })}
  <p class="govuk-body">Your version is in the form below. Check it, then save again, or go back to keep what is there.</p></div></div></div>`;
}

export function episodePage(context: PageContext, options: { entry: EntryView; episode: EpisodeView; values: FormValues; issues: FieldIssue[]; conflict?: EpisodeView }): SafeHtml {
  const { entry, episode } = options;
  const parts = formParts(options.values, options.issues);
  const title = episode.current ? `${nameOf(entry)}'s stay in hospital: discharge or change` : `Change ${nameOf(entry)}'s stay in hospital`;
  return layout(context, {
    title,
    hasErrors: options.issues.length > 0 || Boolean(options.conflict),
    beforeContent: backToEntry(entry),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${issuesSummary(options.issues)}
${options.conflict ? conflictMessage(options.conflict) : ""}
<span class="govuk-caption-l">Dynamic support register</span>
<h1 class="govuk-heading-l">${title}</h1>
<p class="govuk-body">${episode.current ? "In hospital" : "Stayed"} for ${lengthOfStay(episode.lengthOfStayDays)}${episode.current ? " so far" : ""}.</p>
<form method="post" action="${paths.register.updateEpisode(episode.id)}" novalidate>
  ${hiddenFields(context.csrfToken, options.values.version ?? String(episode.version))}
  ${dateInput(parts, "admittedOn", "Date of admission", "For example, 14 3 2026")}
  ${textInput(parts, "setting", "Setting", { hint: SETTING_HINT })}
  ${dateInput(parts, "dischargedOn", episode.current ? "Date of discharge (when they have left hospital)" : "Date of discharge", "The same as or after the admission. For example, 2 6 2026")}
  ${textArea(parts, "dischargePlan", "Discharge plan (optional)", "Where they are going, the support agreed and who provides it, and the follow-up after discharge.")}
  ${episode.current
    ? html`<h2 class="govuk-heading-m">After discharge</h2>
  <p class="govuk-body">When you enter a discharge date, give their rating now that they are home.</p>
  ${ratingFields(parts, { legend: "Rating after discharge", reasonLabel: "Reason for the rating (optional)", reasonHint: "Leave it blank to record “Discharged from” the setting." })}`
    : ""}
  <div class="govuk-button-group">
    ${govukButton({ text: "Save", preventDoubleClick: true })}
    ${cancelTo(paths.register.show(entry.id))}
  </div>
</form>
</div></div>`,
  });
}
