import { hasRole, type Actor } from "../platform/access/index.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukBackLink, govukButton, govukErrorSummary, govukPagination, govukRadios, govukSelect, govukSummaryList, govukTable, govukTag, govukTextarea } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, plural, shorten } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { OUTCOME_LABELS, type ReportStatus, type ReviewOutcome } from "./schema.ts";
import { showsPersonName, type GrantRow, type Report } from "./service.ts";

/** The managers' report of break-glass access, and the page where one grant is reviewed. */

type Values = Record<string, string | undefined>;

const CAPTION = html`<span class="govuk-caption-l">Break-glass access</span>`;

/** The person's name for a reviewer of their team; otherwise only which team they are with. */
export function whoseRecord(actor: Actor, grant: GrantRow): string {
  return showsPersonName(actor, grant) ? `${grant.givenName} ${grant.familyName}` : `a person of ${grant.personTeamName}`;
}

export function reviewTag(grant: GrantRow): SafeHtml {
  if (grant.reviewOutcome === "justified") return govukTag({ text: OUTCOME_LABELS.justified, classes: "govuk-tag--green" });
  if (grant.reviewOutcome === "not-justified") return govukTag({ text: OUTCOME_LABELS["not-justified"], classes: "govuk-tag--red" });
  return govukTag({ text: "Awaiting review", classes: "govuk-tag--yellow" });
}

/** Until when the access lasts, or when and how it ended. */
export function lastedUntil(grant: GrantRow): string {
  if (grant.current) return `Open until ${formatDateTime(grant.expiresAt)}`;
  if (grant.endedAt && grant.endedAt < grant.expiresAt) return `Ended early, ${formatDateTime(grant.endedAt)}`;
  return `Expired ${formatDateTime(grant.expiresAt)}`;
}

function openedBy(grant: GrantRow): string {
  return grant.openedByTeam ? `${grant.openedByName} (${grant.openedByTeam})` : grant.openedByName;
}

function filterForm(status: ReportStatus | undefined): SafeHtml {
  return html`<form method="get" action="${paths.breakGlass.report()}" class="govuk-!-margin-bottom-6">
  ${govukSelect({
    id: "status",
    name: "status",
    label: { text: "Show", classes: "govuk-label--s" },
    value: status ?? "",
    items: [
      { value: "", text: "All break-glass access" },
      { value: "awaiting-review", text: "Awaiting review" },
      { value: "reviewed", text: "Reviewed" },
    ],
  })}
  ${govukButton({ text: "Show", classes: "govuk-button--secondary" })}
</form>`;
}

function pagination(report: Report, status: ReportStatus | undefined): SafeHtml | string {
  const pages = Math.ceil(report.total / report.pageSize);
  if (pages <= 1) return "";
  const link = (page: number) => paths.breakGlass.report({ status, page });
  return govukPagination({
    ...(report.page > 1 ? { previous: { href: link(report.page - 1) } } : {}),
    ...(report.page < pages ? { next: { href: link(report.page + 1) } } : {}),
    items: Array.from({ length: pages }, (_, index) => ({ number: String(index + 1), href: link(index + 1), current: index + 1 === report.page })),
  });
}

function reviewCell(actor: Actor, grant: GrantRow): SafeHtml {
  const label = html`<span class="govuk-visually-hidden"> the access opened by ${grant.openedByName} on ${formatDateTime(grant.openedAt)}</span>`;
  const link = grant.reviewedAt
    ? html`<a class="govuk-link" href="${paths.breakGlass.review(grant.id)}">See the review${label}</a>`
    : grant.userId === actor.userId
      ? html`<span class="govuk-body-s">Your own: another manager reviews it</span>`
      : html`<a class="govuk-link" href="${paths.breakGlass.review(grant.id)}">Review${label}</a>`;
  return html`${reviewTag(grant)}<br>${link}`;
}

export function reportPage(context: PageContext, report: Report, options: { status: ReportStatus | undefined; issues: FieldIssue[] }): SafeHtml {
  const actor = context.actor as Actor;
  const first = (report.page - 1) * report.pageSize + 1;
  const last = Math.min(report.total, report.page * report.pageSize);
  const empty =
    options.status === "awaiting-review" ? "Nothing is awaiting review." : options.status === "reviewed" ? "No break-glass access has been reviewed yet." : "Nobody has used break-glass access.";
  return layout(context, {
    title: "Break-glass access report",
    hasErrors: options.issues.length > 0,
    content: html`${options.issues.length > 0
      ? govukErrorSummary({ titleText: "There is a problem", errorList: options.issues.map((issue) => ({ text: issue.message, href: `#${issue.field}` })) })
      : ""}
${CAPTION}
<h1 class="govuk-heading-l">Break-glass access report</h1>
<p class="govuk-body">Each time someone opened a record outside their access in an emergency: who, whose record, why, for how long and how often they opened it. ${
      actor.teamId && !hasRole(actor, "admin")
        ? "You see access to your team's people and access by your team's workers; people of other teams are not named."
        : "You see the whole partnership's; people are not named."
    } Review each one: was it justified?</p>
<p class="govuk-body"><strong>${plural(report.awaitingReview, "grant", "grants")} awaiting review.</strong></p>
${filterForm(options.status)}
${report.total === 0
  ? html`<p class="govuk-body">${empty}</p>`
  : html`<p class="govuk-body">Showing ${first} to ${last} of ${report.total}, newest first.</p>
${govukTable({
  caption: "Break-glass access, newest first",
  captionClasses: "govuk-visually-hidden",
  classes: "govuk-!-font-size-16",
  head: [{ text: "Opened by" }, { text: "Whose record" }, { text: "Reason" }, { text: "Opened" }, { text: "Until" }, { text: "Times opened", format: "numeric" }, { text: "Review" }],
  rows: report.rows.map((grant) => [
    { text: openedBy(grant) },
    { text: whoseRecord(actor, grant) },
    { text: shorten(grant.reason, 140) },
    { text: formatDateTime(grant.openedAt) },
    { text: lastedUntil(grant) },
    { text: String(grant.accesses), format: "numeric" },
    { html: reviewCell(actor, grant) },
  ]),
})}
${pagination(report, options.status)}`}`,
  });
}

function grantSummary(actor: Actor, grant: GrantRow): SafeHtml {
  return govukSummaryList({
    rows: [
      { key: { text: "Opened by" }, value: { text: openedBy(grant) } },
      { key: { text: "Whose record" }, value: { text: whoseRecord(actor, grant) } },
      { key: { text: "Reason" }, value: { html: html`<span class="keywork-pre-line">${grant.reason}</span>` } },
      { key: { text: "Opened" }, value: { text: formatDateTime(grant.openedAt) } },
      { key: { text: "Until" }, value: { text: lastedUntil(grant) } },
      { key: { text: "Times the record was opened" }, value: { text: String(grant.accesses) } },
      {
        key: { text: "Review" },
        value: {
          html: grant.reviewedAt
            ? html`${reviewTag(grant)} by ${grant.reviewedByName ?? "Unknown"}, ${formatDateTime(grant.reviewedAt)}${grant.reviewNote ? html`<br><span class="keywork-pre-line">${grant.reviewNote}</span>` : ""}`
            : reviewTag(grant),
        },
      },
    ],
  });
}

function endForm(context: PageContext, grant: GrantRow): SafeHtml {
  return html`<form method="post" action="${paths.breakGlass.end(grant.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="from" value="report">
  ${govukButton({ text: "End this access now", classes: "govuk-button--warning", preventDoubleClick: true })}
</form>`;
}

function reviewForm(context: PageContext, grant: GrantRow, values: Values, errors: Record<string, string>): SafeHtml {
  return html`<form method="post" action="${paths.breakGlass.review(grant.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  ${govukRadios({
    idPrefix: "outcome",
    name: "outcome",
    fieldset: { legend: { text: "Was the access justified?", classes: "govuk-fieldset__legend--m" } },
    value: values.outcome ?? "",
    ...(errors.outcome ? { errorMessage: { text: errors.outcome } } : {}),
    items: [
      { value: "justified" satisfies ReviewOutcome, text: "Justified", hint: { text: "There was an emergency and the record was needed" } },
      { value: "not-justified" satisfies ReviewOutcome, text: "Not justified", hint: { text: "Say in the note what was wrong and what has been done about it" } },
    ],
  })}
  ${govukTextarea({
    id: "note",
    name: "note",
    label: { text: "Note", classes: "govuk-label--s" },
    hint: { text: "What you checked and concluded. Needed when it was not justified." },
    rows: 4,
    value: values.note ?? "",
    ...(errors.note ? { errorMessage: { text: errors.note } } : {}),
  })}
  ${govukButton({ text: "Record the review", preventDoubleClick: true })}
</form>`;
}

/** One grant with its review, or the form to review it. */
export function reviewPage(context: PageContext, grant: GrantRow, options: { values: Values; issues: FieldIssue[] }): SafeHtml {
  const actor = context.actor as Actor;
  const errors = errorsByField(options.issues);
  return layout(context, {
    title: "Review break-glass access",
    hasErrors: options.issues.length > 0,
    section: paths.breakGlass.report(),
    beforeContent: govukBackLink({ href: paths.breakGlass.report(), text: "Back to the report" }),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${options.issues.length > 0
  ? govukErrorSummary({ titleText: "There is a problem", errorList: options.issues.map((issue) => ({ text: issue.message, href: `#${issue.field}` })) })
  : ""}
${CAPTION}
<h1 class="govuk-heading-l">Review break-glass access</h1>
${grantSummary(actor, grant)}
${grant.current ? endForm(context, grant) : ""}
${grant.reviewedAt ? "" : reviewForm(context, grant, options.values, errors)}
</div></div>`,
  });
}
