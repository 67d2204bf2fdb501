import { personPageLayout } from "../people/person-layout.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukCheckboxes, govukInput, govukInsetText, govukRadios, govukSelect, govukSummaryList, govukTable, govukTextarea, govukWarningText } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, formatIsoDate, personName } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { BUDGET_CATEGORIES, categoryLabel, formatPence } from "./schema.ts";
import type { PersonBudget, SpendDetail } from "./service.ts";
import { budgetErrorSummary, spendStatusTag, thresholdInWords } from "./views.ts";

/** The order of the spend form's fields, so the error summary reads top to bottom. */
const SPEND_FIELDS = ["goalId", "category", "amount", "spentOn", "note", "requestException", "exceptionReason"];

export function inFormOrder(issues: FieldIssue[], fields: readonly string[]): FieldIssue[] {
  const rank = (field: string): number => {
    const index = fields.indexOf(field);
    return index < 0 ? fields.length : index;
  };
  return [...issues].sort((a, b) => rank(a.field) - rank(b.field));
}

export interface SpendForm {
  read: PersonBudget;
  values: Record<string, string>;
  issues: FieldIssue[];
  /** The spend would take the balance below zero: the message, shown with the exception question open. */
  overspend?: string;
  range: { earliest: string; latest: string };
}

function goalQuestion(read: PersonBudget, values: Record<string, string>, error: string | undefined): SafeHtml {
  const active = read.goals.filter((goal) => goal.status === "active");
  if (active.length === 0) {
    return html`<div class="govuk-form-group${error ? " govuk-form-group--error" : ""}" id="goalId">
  <h3 class="govuk-heading-s">Goal</h3>
  ${error ? html`<p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${error}</p>` : ""}
  <p class="govuk-body">Every spend is towards one of ${personName(read.person)}'s goals, and they have no goal being worked on yet. <a class="govuk-link" href="${paths.people.newGoal(read.person.id)}">Add a goal to their plan</a>, then record the spend.</p>
</div>`;
  }
  return govukRadios({
    idPrefix: "goalId",
    name: "goalId",
    fieldset: { legend: { text: "Which goal is this spend towards?", classes: "govuk-fieldset__legend--s" } },
    value: values.goalId ?? "",
    ...(error ? { errorMessage: { text: error } } : {}),
    items: active.map((goal) => ({ value: goal.id, text: goal.description })),
  });
}

/** Record a spend from the person's budget: the goal, what it is for, how much and when. */
export function spendFormPage(context: PageContext, form: SpendForm): SafeHtml {
  const { read, values, overspend, range } = form;
  const { person, relationship, summary, settings } = read;
  const issues = inFormOrder(form.issues, SPEND_FIELDS);
  const errors = errorsByField(issues);
  const exceptionOpen = values.requestException === "yes";
  const reasonField = govukTextarea({
    id: "exceptionReason",
    name: "exceptionReason",
    rows: 3,
    label: { text: "Why should the balance go below zero?", classes: "govuk-label--s" },
    hint: { text: "The manager reads this when deciding. Say what the spend makes possible and why it cannot wait." },
    value: values.exceptionReason ?? "",
    ...(errors.exceptionReason ? { errorMessage: { text: errors.exceptionReason } } : {}),
  });
  return personPageLayout(context, {
    person,
    relationship,
    current: "budget",
    title: "Record a spend",
    hasErrors: issues.length > 0 || overspend !== undefined,
    content: html`${overspend
      ? budgetErrorSummary([{ field: "requestException", message: overspend }, ...issues])
      : budgetErrorSummary(issues)}
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<h2 class="govuk-heading-l">Record a spend</h2>
<p class="govuk-body" data-testid="balance">The ${read.currentYear.label} balance is <strong>${formatPence(summary.balancePence)}</strong> of ${formatPence(summary.allocationPence)}.</p>
${govukInsetText({ text: thresholdInWords(settings.approvalThresholdPence) })}
<form method="post" action="${paths.people.budgetSpends(person.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  ${goalQuestion(read, values, errors.goalId)}
  ${govukSelect({
    id: "category",
    name: "category",
    label: { text: "What is the money for?", classes: "govuk-label--s" },
    value: values.category ?? "",
    ...(errors.category ? { errorMessage: { text: errors.category } } : {}),
    items: [{ value: "", text: "Choose a category" }, ...BUDGET_CATEGORIES.map((category) => ({ value: category.key, text: category.label }))],
  })}
  ${govukInput({
    id: "amount",
    name: "amount",
    label: { text: "Amount", classes: "govuk-label--s" },
    hint: { text: "In pounds and pence, such as 25.50" },
    prefix: { text: "£" },
    inputmode: "decimal",
    spellcheck: false,
    autocomplete: "off",
    classes: "govuk-input--width-10",
    value: values.amount ?? "",
    ...(errors.amount ? { errorMessage: { text: errors.amount } } : {}),
  })}
  <div class="govuk-form-group${errors.spentOn ? " govuk-form-group--error" : ""}">
    <label class="govuk-label govuk-label--s" for="spentOn">Date of the spend</label>
    <div class="govuk-hint" id="spentOn-hint">From ${formatIsoDate(range.earliest)} to ${formatIsoDate(range.latest)}. The date decides which budget year pays.</div>
    ${errors.spentOn ? html`<p class="govuk-error-message" id="spentOn-error"><span class="govuk-visually-hidden">Error:</span> ${errors.spentOn}</p>` : ""}
    <input class="govuk-input govuk-input--width-10${errors.spentOn ? " govuk-input--error" : ""}" id="spentOn" name="spentOn" type="date" value="${values.spentOn ?? ""}" aria-describedby="spentOn-hint${errors.spentOn ? " spentOn-error" : ""}">
  </div>
  ${govukTextarea({
    id: "note",
    name: "note",
    rows: 3,
    label: { text: "Note (optional)", classes: "govuk-label--s" },
    hint: { text: "What was bought and where, in a few words." },
    value: values.note ?? "",
    ...(errors.note ? { errorMessage: { text: errors.note } } : {}),
  })}
  ${govukCheckboxes({
    idPrefix: "requestException",
    name: "requestException",
    fieldset: { legend: { text: "If the spend is more than the balance", classes: "govuk-fieldset__legend--s" } },
    hint: { text: "Only when there is not enough left: a manager decides whether the balance may go below zero." },
    values: exceptionOpen ? ["yes"] : [],
    ...(overspend !== undefined && !exceptionOpen ? { errorMessage: { text: "There is not enough left: ask a manager for an exception, with a reason, or spend less" } } : {}),
    items: [{ value: "yes", text: "Ask a manager for an exception", conditional: { html: reasonField } }],
  })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Record the spend" })}
    <a class="govuk-link" href="${paths.people.budget(person.id)}">Cancel</a>
  </div>
</form>
</div></div>`,
  });
}

export interface SpendPageForms {
  decision?: { values: Record<string, string>; issues: FieldIssue[] };
  cancel?: { values: Record<string, string>; issues: FieldIssue[] };
  receipt?: { issues: FieldIssue[] };
  /** What happened instead of the change asked for: someone else decided first, or it would overspend. */
  problem?: string;
}

const FIELD_IDS: Record<string, string> = { decision: "decision", note: "decisionNote", approveAsException: "approveAsException", reason: "cancelReason", receipt: "receipt" };

function sizeInWords(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function spendDetails(detail: SpendDetail): SafeHtml {
  const { spend } = detail;
  const rows = [
    { key: { text: "Amount" }, value: { text: formatPence(spend.amountPence) } },
    { key: { text: "Date of the spend" }, value: { text: `${formatIsoDate(spend.spentOn)} (${detail.year.label} budget)` } },
    { key: { text: "Goal" }, value: { text: spend.goal.description } },
    { key: { text: "Category" }, value: { text: categoryLabel(spend.category) } },
    { key: { text: "Note" }, value: { text: spend.note ?? "None" } },
    { key: { text: "Status" }, value: { html: spendStatusTag(spend.status) } },
    { key: { text: "Asked for by" }, value: { text: `${spend.requestedBy?.name ?? "Someone"}, ${formatDateTime(spend.requestedAt)}` } },
    spend.exceptionRequested ? { key: { text: "Exception asked for" }, value: { text: spend.exceptionReason ?? "Yes" } } : null,
    // A manager never approves their own request: the same person asking and approving means it
    // was approved when recorded, within the threshold.
    spend.decidedAt && spend.status !== "declined" && spend.decidedBy?.id === spend.requestedBy?.id
      ? { key: { text: "Approved" }, value: { text: `Automatically when recorded: ${spend.decisionNote?.replace(/^Within/, "within") ?? "within the approval threshold"}` } }
      : spend.decidedAt
        ? {
            key: { text: spend.status === "declined" ? "Declined by" : "Approved by" },
            value: { text: `${spend.decidedBy?.name ?? "Someone"}, ${formatDateTime(spend.decidedAt)}${spend.approvedAsException ? " (as an exception, beyond the balance)" : ""}` },
          }
        : null,
    spend.decisionNote && spend.decidedBy?.id !== spend.requestedBy?.id ? { key: { text: "Reason for the decision" }, value: { text: spend.decisionNote } } : null,
    spend.cancelledAt ? { key: { text: "Cancelled by" }, value: { text: `${spend.cancelledBy?.name ?? "Someone"}, ${formatDateTime(spend.cancelledAt)}` } } : null,
    spend.cancelledAt ? { key: { text: "Reason for cancelling" }, value: { text: spend.cancelReason ?? "" } } : null,
  ];
  return govukSummaryList({ rows });
}

function receiptsSection(context: PageContext, detail: SpendDetail, errors: Record<string, string>): SafeHtml {
  const { person, spend, receipts } = detail;
  return html`<h3 class="govuk-heading-m" id="receipts">Receipts</h3>
${receipts.length === 0
  ? html`<p class="govuk-body">No receipts yet.</p>`
  : govukTable({
      caption: "Receipts for this spend",
      captionClasses: "govuk-visually-hidden",
      head: [{ text: "File" }, { text: "Size", format: "numeric" }, { text: "Added by" }, ...(detail.mayRequest ? [{ html: html`<span class="govuk-visually-hidden">Remove</span>` }] : [])],
      rows: receipts.map((receipt) => [
        { html: html`<a class="govuk-link" href="${paths.people.budgetReceipt(person.id, receipt.id)}">${receipt.fileName}</a>` },
        { text: sizeInWords(receipt.sizeBytes), format: "numeric" },
        { text: `${receipt.uploadedBy?.name ?? "Someone"}, ${formatDateTime(receipt.uploadedAt)}` },
        ...(detail.mayRequest
          ? [
              {
                html: html`<form method="post" action="${paths.people.budgetReceiptRemove(person.id, receipt.id)}" class="keywork-inline-form">
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">Remove<span class="govuk-visually-hidden"> ${receipt.fileName}</span></button>
</form>`,
              },
            ]
          : []),
      ]),
    })}
${detail.mayRequest && (spend.status === "approved" || spend.status === "awaiting-approval")
  ? html`<form method="post" action="${paths.people.budgetSpendReceipts(person.id, spend.id)}" enctype="multipart/form-data" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <div class="govuk-form-group${errors.receipt ? " govuk-form-group--error" : ""}">
    <label class="govuk-label govuk-label--s" for="receipt">Add a receipt</label>
    <div class="govuk-hint" id="receipt-hint">PDF, JPEG, PNG or WebP, up to 5 MB. A photo of a paper receipt is fine.</div>
    ${errors.receipt ? html`<p class="govuk-error-message" id="receipt-error"><span class="govuk-visually-hidden">Error:</span> ${errors.receipt}</p>` : ""}
    <input class="govuk-file-upload${errors.receipt ? " govuk-file-upload--error" : ""}" id="receipt" name="receipt" type="file" accept=".pdf,.jpg,.jpeg,.png,.webp" aria-describedby="receipt-hint${errors.receipt ? " receipt-error" : ""}">
  </div>
  ${govukButton({ text: "Upload the receipt", classes: "govuk-button--secondary" })}
</form>`
  : ""}`;
}

function decisionSection(context: PageContext, detail: SpendDetail, form: SpendPageForms["decision"]): SafeHtml | string {
  const { person, spend } = detail;
  if (spend.status !== "awaiting-approval") return "";
  if (!detail.mayDecide) return govukInsetText({ text: "A manager of the person's team will approve or decline this spend." });
  if (detail.requestedByActor) return govukInsetText({ text: "You asked for this spend, so another manager must approve or decline it." });
  const values = form?.values ?? {};
  const errors = errorsByField(form?.issues ?? []);
  const beyondBalance = spend.amountPence > detail.balancePence;
  return html`<h3 class="govuk-heading-m">Approve or decline</h3>
<p class="govuk-body">The ${detail.year.label} balance is ${formatPence(detail.balancePence)}.</p>
${beyondBalance ? govukWarningText({ text: `This spend is ${formatPence(spend.amountPence - detail.balancePence)} more than the balance. Approving it takes the balance below zero: only as an exception, with a reason.` }) : ""}
<form method="post" action="${paths.people.budgetSpendDecision(person.id, spend.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="version" value="${String(spend.version)}">
  ${govukRadios({
    idPrefix: "decision",
    name: "decision",
    classes: "govuk-radios--inline",
    fieldset: { legend: { text: "Your decision", classes: "govuk-fieldset__legend--s" } },
    value: values.decision ?? "",
    ...(errors.decision ? { errorMessage: { text: errors.decision } } : {}),
    items: [
      { value: "approve", text: "Approve" },
      { value: "decline", text: "Decline" },
    ],
  })}
  ${beyondBalance
    ? govukCheckboxes({
        idPrefix: "approveAsException",
        name: "approveAsException",
        fieldset: { legend: { text: "Beyond the balance", classes: "govuk-fieldset__legend--s" } },
        values: values.approveAsException === "yes" ? ["yes"] : [],
        ...(errors.approveAsException ? { errorMessage: { text: errors.approveAsException } } : {}),
        items: [{ value: "yes", text: "Approve as an exception, letting the balance go below zero" }],
      })
    : ""}
  ${govukTextarea({
    id: "decisionNote",
    name: "note",
    rows: 3,
    label: { text: "Reason", classes: "govuk-label--s" },
    hint: { text: "Needed to decline, and to approve as an exception. The worker will explain it to the person." },
    value: values.note ?? "",
    ...(errors.note ? { errorMessage: { text: errors.note } } : {}),
  })}
  ${govukButton({ text: "Save the decision" })}
</form>`;
}

function cancelSection(context: PageContext, detail: SpendDetail, form: SpendPageForms["cancel"]): SafeHtml | string {
  const { person, spend } = detail;
  if (!detail.mayRequest || (spend.status !== "awaiting-approval" && spend.status !== "approved")) return "";
  // A manager deciding a request declines it rather than cancelling it; the worker who asked may withdraw it.
  if (spend.status === "awaiting-approval" && detail.mayDecide && !detail.requestedByActor) return "";
  const errors = errorsByField(form?.issues ?? []);
  return html`<h3 class="govuk-heading-m">Cancel this spend</h3>
<p class="govuk-body">${spend.status === "approved" ? `The ${formatPence(spend.amountPence)} goes back into the balance, as a new entry in the ledger.` : "The request is withdrawn: nobody will be asked to approve it."}</p>
<form method="post" action="${paths.people.budgetSpendCancel(person.id, spend.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="version" value="${String(spend.version)}">
  ${govukTextarea({
    id: "cancelReason",
    name: "reason",
    rows: 2,
    label: { text: "Why is it being cancelled?", classes: "govuk-label--s" },
    hint: { text: "For example: bought by mistake, refunded, or never spent." },
    value: form?.values.reason ?? "",
    ...(errors.reason ? { errorMessage: { text: errors.reason } } : {}),
  })}
  ${govukButton({ text: "Cancel the spend", classes: "govuk-button--warning" })}
</form>`;
}

/** One spend: what it was for, who asked and who decided, its receipts, and the forms to decide, cancel and add receipts. */
export function spendPage(context: PageContext, detail: SpendDetail, forms: SpendPageForms = {}): SafeHtml {
  const { person, relationship, spend } = detail;
  const issues = [...(forms.decision?.issues ?? []), ...(forms.cancel?.issues ?? []), ...(forms.receipt?.issues ?? [])];
  const problems: FieldIssue[] = forms.problem ? [{ field: "form", message: forms.problem }, ...issues] : issues;
  const title = `Spend of ${formatPence(spend.amountPence)} on ${formatIsoDate(spend.spentOn)}`;
  return personPageLayout(context, {
    person,
    relationship,
    current: "budget",
    title,
    hasErrors: problems.length > 0,
    content: html`${budgetErrorSummary(problems, FIELD_IDS)}
<a class="govuk-back-link" href="${paths.people.budget(person.id, { year: detail.year.key })}">Back to the budget</a>
${detail.mayDecide ? html`<p class="govuk-body"><a class="govuk-link" href="${paths.budgetApprovals()}">All spends awaiting approval</a></p>` : ""}
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<h2 class="govuk-heading-l">${title}</h2>
${spendDetails(detail)}
${decisionSection(context, detail, forms.decision)}
${receiptsSection(context, detail, errorsByField(forms.receipt?.issues ?? []))}
${cancelSection(context, detail, forms.cancel)}
</div></div>`,
  });
}
