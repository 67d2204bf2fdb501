import { govukSummaryList, type SummaryListRow } from "./govuk/index.ts";
import { html, type SafeHtml } from "./html.ts";

const KEEP_OR_REPLACE = "Your version is in the form below. Check it, then save again to replace what is saved, or go back to keep it.";

/**
 * Shown above a form when someone else saved first: what is saved now, then the user's own version
 * in the form below, so they can compare before saving again. Nothing is silently overwritten.
 */
export function conflictSummary(title: string, savedNow: SummaryListRow[], closing: string = KEEP_OR_REPLACE): SafeHtml {
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
  <h2 class="govuk-error-summary__title">${title}</h2>
  <div class="govuk-error-summary__body"><p class="govuk-body">Your changes have not been saved. This is what is saved now:</p>
  ${govukSummaryList({ rows: savedNow })}
  <p class="govuk-body">${closing}</p></div></div></div>`;
}
