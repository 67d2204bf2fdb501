import { personPageLayout } from "../people/person-layout.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukErrorSummary, govukSummaryList, govukTable, govukTag, govukWarningText } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDate, formatIsoDate, personName, plural, shorten } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { categoryLabel, formatPence, type SpendStatus } from "./schema.ts";
import type { BudgetAtAGlance, BudgetSummary, LedgerEntryRow, PersonBudget, SpendRow } from "./service.ts";

const STATUS_TAGS: Record<SpendStatus, { text: string; classes: string }> = {
  "awaiting-approval": { text: "Awaiting approval", classes: "govuk-tag--yellow" },
  approved: { text: "Approved", classes: "govuk-tag--green" },
  declined: { text: "Declined", classes: "govuk-tag--red" },
  cancelled: { text: "Cancelled", classes: "govuk-tag--grey" },
};

/** The spend's status in words (the colour only repeats them). */
export function spendStatusTag(status: SpendStatus): SafeHtml {
  return govukTag(STATUS_TAGS[status]);
}

export function spendStatusText(status: SpendStatus): string {
  return STATUS_TAGS[status].text;
}

/** The team's approval rule in plain words. */
export function thresholdInWords(thresholdPence: number): string {
  if (thresholdPence === 0) return "Every spend needs a manager's approval.";
  return `Spends over ${formatPence(thresholdPence)} need a manager's approval. Spends of ${formatPence(thresholdPence)} or less are approved at once when there is enough left.`;
}

/** The error summary above a form; each message links to the field it is about (`ids` maps a field to its element's id). */
export function budgetErrorSummary(issues: FieldIssue[], ids: Record<string, string> = {}): SafeHtml | string {
  return issues.length > 0
    ? govukErrorSummary({
        titleText: "There is a problem",
        errorList: issues.map((issue) => ({ text: issue.message, href: issue.field === "form" ? "#main-content" : `#${ids[issue.field] ?? issue.field}` })),
      })
    : "";
}

/** "+£1,000.00" for a credit, "−£25.00" for a debit. */
export function signedPence(pence: number): string {
  return pence > 0 ? `+${formatPence(pence)}` : formatPence(pence);
}

function summaryCards(summary: BudgetSummary): SafeHtml {
  const cards = [
    { label: "Allocation", value: summary.allocationPence },
    { label: "Spent", value: summary.spentPence },
    { label: "Awaiting approval", value: summary.awaitingApprovalPence },
    { label: "Balance", value: summary.balancePence },
  ];
  return html`<div class="govuk-grid-row" data-testid="budget-summary">
  ${cards.map(
    (card) => html`<div class="govuk-grid-column-one-quarter">
    <h3 class="govuk-heading-s govuk-!-margin-bottom-1">${card.label}</h3>
    <p class="govuk-body govuk-!-font-size-27 govuk-!-font-weight-bold">${formatPence(card.value)}</p>
  </div>`,
  )}
</div>`;
}

function yearPicker(read: PersonBudget): SafeHtml {
  const years = read.years.some((year) => year.key === read.year.key) ? read.years : [read.year, ...read.years];
  return html`<form method="get" action="${paths.people.budget(read.person.id)}" novalidate class="keywork-filters">
  <div class="govuk-form-group">
    <label class="govuk-label govuk-label--s" for="year">Budget year</label>
    <select class="govuk-select" id="year" name="year">
      ${years.map((year) => html`<option value="${year.key}"${year.key === read.year.key ? html` selected` : ""}>${year.label}${year.key === read.currentYear.key ? " (this year)" : ""}</option>`)}
    </select>
  </div>
  ${govukButton({ text: "Show this year", classes: "govuk-button--secondary" })}
</form>`;
}

/** Spend by category: bars drawn at the server, with the numbers written beside each (the table below gives them too). */
function categoryChart(rows: PersonBudget["byCategory"], yearLabel: string): SafeHtml {
  const largest = Math.max(1, ...rows.map((row) => row.spentPence));
  const left = 260;
  const barMax = 270;
  const rowHeight = 32;
  const height = rowHeight * rows.length + 8;
  const words = rows.map((row) => `${row.label}: ${formatPence(row.spentPence)}`).join("; ");
  return html`<svg class="keywork-outcomes-chart" role="img" aria-labelledby="budget-categories-title budget-categories-desc" viewBox="0 0 640 ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
  <title id="budget-categories-title">Spent by category, ${yearLabel}</title>
  <desc id="budget-categories-desc">${words}. The table below gives the same amounts.</desc>
  <g aria-hidden="true">
    ${rows.map((row, index) => {
      const y = index * rowHeight + 4;
      const width = Math.max(2, Math.round((barMax * Math.max(0, row.spentPence)) / largest));
      return html`<text x="${left - 10}" y="${y + 18}" text-anchor="end" class="keywork-chart__label">${shorten(row.label, 40)}</text>
    <rect x="${left}" y="${y + 4}" width="${width}" height="20" fill="#1d70b8"/>
    <text x="${left + width + 8}" y="${y + 19}" class="keywork-chart__value">${formatPence(row.spentPence)}</text>`;
    })}
  </g>
</svg>`;
}

function categorySection(read: PersonBudget): SafeHtml {
  const rows = read.byCategory.filter((row) => row.spentPence !== 0);
  const total = rows.reduce((sum, row) => sum + row.spentPence, 0);
  return html`<h3 class="govuk-heading-m">Spent by category</h3>
${rows.length === 0
  ? html`<p class="govuk-body">Nothing has been spent this year yet.</p>`
  : html`${categoryChart(rows, read.year.label)}
${govukTable({
  caption: `Spent by category, ${read.year.label}`,
  captionClasses: "govuk-table__caption--s",
  firstCellIsHeader: true,
  head: [{ text: "Category" }, { text: "Spent", format: "numeric" }],
  rows: [...rows.map((row) => [{ text: row.label }, { text: formatPence(row.spentPence), format: "numeric" }]), [{ text: "Total" }, { text: formatPence(total), format: "numeric" }]],
})}`}`;
}

function spendsSection(read: PersonBudget): SafeHtml {
  const { person, spends } = read;
  return html`<h3 class="govuk-heading-m">Spends</h3>
${spends.length === 0
  ? html`<p class="govuk-body">No spends yet this year.</p>`
  : govukTable({
      caption: `Spends from the ${read.year.label} budget, newest first`,
      captionClasses: "govuk-table__caption--s",
      head: [{ text: "Date" }, { text: "Goal" }, { text: "Category" }, { text: "Amount", format: "numeric" }, { text: "Status" }, { html: html`<span class="govuk-visually-hidden">Details</span>` }],
      rows: spends.map((spend: SpendRow) => [
        { text: formatIsoDate(spend.spentOn), classes: "keywork-nowrap" },
        { text: shorten(spend.goal.description, 80) },
        { text: categoryLabel(spend.category) },
        { text: formatPence(spend.amountPence), format: "numeric" },
        { html: html`${spendStatusTag(spend.status)}${spend.exceptionRequested ? html`<br><span class="govuk-body-s">Exception asked for</span>` : ""}` },
        {
          html: html`<a class="govuk-link" href="${paths.people.budgetSpend(person.id, spend.id)}">View<span class="govuk-visually-hidden"> the spend of ${formatPence(spend.amountPence)} on ${formatIsoDate(spend.spentOn)}</span></a>`,
        },
      ]),
    })}`;
}

function ledgerSection(read: PersonBudget): SafeHtml {
  return html`<h3 class="govuk-heading-m">Ledger</h3>
<p class="govuk-body">Every amount added to or taken from the budget, in order, with the balance after each. Entries are never changed: a cancelled spend is paid back with a new entry.</p>
${read.ledger.length === 0
  ? html`<p class="govuk-body">There are no entries for ${read.year.label}.</p>`
  : govukTable({
      caption: `Ledger for ${read.year.label}`,
      captionClasses: "govuk-table__caption--s",
      head: [{ text: "Date" }, { text: "Entry" }, { text: "Recorded by" }, { text: "Amount", format: "numeric" }, { text: "Balance", format: "numeric" }],
      rows: read.ledger.map((entry: LedgerEntryRow) => [
        { text: formatDate(entry.recordedAt), classes: "keywork-nowrap" },
        { text: entry.description },
        { text: entry.recordedBy?.name ?? "" },
        { text: signedPence(entry.amountPence), format: "numeric", classes: "keywork-nowrap" },
        { text: formatPence(entry.balanceAfterPence), format: "numeric", classes: "keywork-nowrap" },
      ]),
    })}
<p class="govuk-body"><a class="govuk-link" href="${paths.people.budgetLedgerCsv(read.person.id, { year: read.year.key })}" download>Download the ${read.year.label} ledger as a spreadsheet (CSV)</a></p>`;
}

/** The "Budget" tab: the year's allocation, spends, balance, spend by category and the ledger. */
export function budgetPage(context: PageContext, read: PersonBudget): SafeHtml {
  const { person, relationship, summary, year, settings } = read;
  const name = personName(person);
  const awaiting = read.spends.filter((spend) => spend.status === "awaiting-approval").length;
  return personPageLayout(context, {
    person,
    relationship,
    current: "budget",
    title: `Personal budget ${year.label}`,
    content: html`<h2 class="govuk-heading-l">Personal budget: ${year.label}</h2>
<p class="govuk-body">Money for ${name} to spend, with their worker, towards the goals in their plan. The budget year runs from ${formatIsoDate(year.startsOn)} to ${formatIsoDate(year.endsOn)}.</p>
<p class="govuk-body" data-testid="threshold">${thresholdInWords(settings.approvalThresholdPence)} A spend that would take the balance below zero needs a manager to approve it as an exception.</p>
${read.mayRequest ? govukButton({ text: "Record a spend", href: paths.people.newBudgetSpend(person.id) }) : ""}
${summary.balancePence < 0
  ? govukWarningText({ text: `The balance is ${formatPence(summary.balancePence)}: below zero, because a manager approved spending beyond the allocation as an exception.` })
  : ""}
${read.budget === null && year.key !== read.currentYear.key ? html`<p class="govuk-body">${name} had no budget open for ${year.label}.</p>` : ""}
${summaryCards(summary)}
${awaiting > 0 ? html`<p class="govuk-body">${plural(awaiting, "spend")} of ${formatPence(summary.awaitingApprovalPence)} ${awaiting === 1 ? "is" : "are"} awaiting a manager's approval. ${read.mayDecide ? html`<a class="govuk-link" href="${paths.budgetApprovals()}">Spends awaiting approval</a>` : ""}</p>` : ""}
${yearPicker(read)}
${categorySection(read)}
${spendsSection(read)}
${ledgerSection(read)}`,
  });
}

/** A few lines for the handover summary: this year's balance, what is spent and what waits for a manager. */
export function budgetHandoverSection(personId: string, budget: BudgetAtAGlance): SafeHtml {
  return html`<h2 class="govuk-heading-m">Personal budget</h2>
${govukSummaryList({
  rows: [
    { key: { text: `Balance (${budget.year.label})` }, value: { text: `${formatPence(budget.summary.balancePence)} of ${formatPence(budget.summary.allocationPence)}` } },
    { key: { text: "Spent" }, value: { text: formatPence(budget.summary.spentPence) } },
    {
      key: { text: "Awaiting approval" },
      value: { text: budget.awaitingCount === 0 ? "Nothing" : `${formatPence(budget.summary.awaitingApprovalPence)} (${plural(budget.awaitingCount, "spend")})` },
    },
  ],
})}
<p class="govuk-body"><a class="govuk-link" href="${paths.people.budget(personId)}">The personal budget and its ledger</a></p>`;
}
