import { paths } from "../platform/http/paths.ts";
import { govukTable, govukTag } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, personName, plural, shorten } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { categoryLabel, formatPence } from "./schema.ts";
import type { AwaitingApprovalRow } from "./service.ts";

/** The manager's list: spends from personal budgets waiting for a decision, oldest first. */
export function approvalsPage(context: PageContext, rows: AwaitingApprovalRow[]): SafeHtml {
  const title = "Spends awaiting approval";
  return layout(context, {
    title,
    content: html`<span class="govuk-caption-l">Personal budgets</span>
<h1 class="govuk-heading-l">${title}</h1>
<p class="govuk-body">Spends from the personal budgets of the people your team works with that need a manager: over the approval threshold, or beyond the balance. You cannot approve a spend you asked for yourself. <a class="govuk-link" href="${paths.settings.personalBudgets()}">Personal budget settings</a></p>
${rows.length === 0
  ? html`<p class="govuk-body">No spends are waiting for approval.</p>`
  : html`<p class="govuk-body">${plural(rows.length, "spend")} waiting, oldest first.</p>
${govukTable({
  caption: "Spends awaiting approval",
  captionClasses: "govuk-visually-hidden",
  firstCellIsHeader: true,
  head: [
    { text: "Person" },
    { text: "Amount", format: "numeric" },
    { text: "For" },
    { text: "Asked for by" },
    { text: "Balance", format: "numeric" },
    { text: "Exception" },
    { html: html`<span class="govuk-visually-hidden">Decide</span>` },
  ],
  rows: rows.map(({ spend, person, balancePence }) => [
    { html: html`<a class="govuk-link" href="${paths.people.budget(person.id)}">${personName(person)}</a>` },
    { text: formatPence(spend.amountPence), format: "numeric", classes: "keywork-nowrap" },
    {
      html: html`${categoryLabel(spend.category)}<br><span class="govuk-body-s">Goal: ${shorten(spend.goal.description, 80)}</span>${spend.note ? html`<br><span class="govuk-body-s">Note: ${shorten(spend.note, 120)}</span>` : ""}${spend.exceptionReason ? html`<br><span class="govuk-body-s">Why beyond the balance: ${shorten(spend.exceptionReason, 160)}</span>` : ""}`,
    },
    { text: `${spend.requestedBy?.name ?? "Someone"}, ${formatDateTime(spend.requestedAt)}` },
    { text: formatPence(balancePence), format: "numeric", classes: "keywork-nowrap" },
    { html: spend.exceptionRequested ? govukTag({ text: "Beyond the balance", classes: "govuk-tag--red" }) : html`No` },
    { html: html`<a class="govuk-link" href="${paths.people.budgetSpend(person.id, spend.id)}">Decide<span class="govuk-visually-hidden"> on the spend of ${formatPence(spend.amountPence)} for ${personName(person)}</span></a>` },
  ]),
})}`}`,
  });
}
