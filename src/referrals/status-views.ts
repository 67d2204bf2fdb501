import { paths } from "../platform/http/paths.ts";
import { govukPagination, govukSummaryList, govukTable, govukWarningText } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDate, formatDateTime, formatIsoDate, plural } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { RATING_LABELS } from "../register/schema.ts";
import { contactDetails } from "./intake-views.ts";
import type { ReferrerView, SubmittedDetails } from "./present.ts";
import { NEED_DOMAIN_LABELS, OPEN_REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, type ReferralStatus } from "./schema.ts";
import type { SentReferral } from "./store.ts";

/** The referrer's pages: the private status page, their own referral, and the referrals they have made. */

/**
 * The status in words. Not a GOV.UK tag: tags have a narrow maximum width, which would break
 * "Awaiting acknowledgement" in the middle of the word.
 */
export function statusText(status: ReferralStatus): SafeHtml {
  return html`<strong>${REFERRAL_STATUS_LABELS[status]}</strong>`;
}

function paragraphs(text: string): SafeHtml {
  return html`${text.split(/\n\s*\n/).map((paragraph) => html`<p class="govuk-body">${paragraph.split("\n").map((line, index) => html`${index > 0 ? html`<br>` : ""}${line}`)}</p>`)}`;
}

function nextSection(view: ReferrerView): SafeHtml {
  const waiting = view.status === "awaiting-acknowledgement" ? view.acknowledgeBy : view.status === "acknowledged" || view.status === "screening" ? view.decideBy : null;
  return html`<h2 class="govuk-heading-m">What happens next</h2>
<p class="govuk-body">${view.next.text}${waiting ? ` by ${formatIsoDate(waiting)}` : ""}.</p>
${view.next.overdue
  ? govukWarningText({ text: `The service has not done this by the date it should have. Contact them and quote ${view.reference}.` })
  : ""}`;
}

function declineSection(view: ReferrerView): SafeHtml | string {
  if (!view.decline) return "";
  return html`<h2 class="govuk-heading-m">Why the referral was declined</h2>
${view.decline.reason ? paragraphs(view.decline.reason) : html`<p class="govuk-body">The service did not give a reason here. Contact them to ask.</p>`}
${view.decline.suggestedServices.length > 0
  ? html`<h3 class="govuk-heading-s">Other services that may help</h3>
${view.decline.suggestedServices.map(
  (service) => html`<div class="govuk-!-margin-bottom-4"><p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">${service.name}</p>${contactDetails(service, "How to contact them")}</div>`,
)}`
  : ""}`;
}

function stepsTable(view: ReferrerView): SafeHtml {
  return govukTable({
    caption: "What has happened",
    captionClasses: "govuk-table__caption--m",
    head: [{ text: "Date" }, { text: "Step" }],
    rows: view.steps.map((step) => {
      // An allocation's note is the worker's name; a decline's is its reason, shown above already.
      const worker = step.step === "allocated" ? (step.note ?? view.allocatedWorkerName) : null;
      const note = step.step === "allocated" || (step.step === "declined" && step.note === view.decline?.reason) ? null : step.note;
      return [
        { text: formatDateTime(step.at) },
        { html: html`${step.label}${worker ? `: ${worker}` : ""}${note ? html`<br><span class="govuk-hint govuk-!-margin-bottom-0">${note}</span>` : ""}` },
      ];
    }),
  });
}

function overview(view: ReferrerView): SafeHtml {
  return govukSummaryList({
    rows: [
      { key: { text: "Reference" }, value: { text: view.reference } },
      { key: { text: "Service" }, value: { text: view.service.name } },
      { key: { text: "Referral for" }, value: { text: view.personInitials } },
      { key: { text: "Status" }, value: { html: statusText(view.status) } },
      { key: { text: "Received" }, value: { text: formatDate(view.receivedAt) } },
      {
        key: { text: "To be acknowledged by" },
        value: { text: view.acknowledgedAt ? `${formatIsoDate(view.acknowledgeBy)} (acknowledged ${formatDate(view.acknowledgedAt)})` : formatIsoDate(view.acknowledgeBy) },
      },
      {
        key: { text: "To be decided by" },
        value: { text: view.decidedAt ? `${formatIsoDate(view.decideBy)} (decided ${formatDate(view.decidedAt)})` : formatIsoDate(view.decideBy) },
      },
      view.allocatedWorkerName ? { key: { text: "Worker" }, value: { text: view.allocatedWorkerName } } : undefined,
    ],
  });
}

function referrerContent(view: ReferrerView): SafeHtml {
  return html`${overview(view)}
${nextSection(view)}
${declineSection(view)}
${stepsTable(view)}
${contactDetails(view.service, `To ask about the referral, contact ${view.service.name} and quote ${view.reference}`)}`;
}

/** The private status page: no name (initials only), nothing from the person's record, no internal steps. */
export function statusPage(context: PageContext, view: ReferrerView): SafeHtml {
  return layout(context, {
    title: `Referral ${view.reference}`,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<span class="govuk-caption-l">${view.service.name}</span>
<h1 class="govuk-heading-l">Referral ${view.reference}</h1>
${referrerContent(view)}
<p class="govuk-body govuk-!-margin-top-6">This page is private to whoever has its link. It never shows the person's name or anything from their record.</p>
</div></div>`,
  });
}

function submittedList(submitted: SubmittedDetails): SafeHtml {
  const text = (value: string | null) => ({ text: value ?? "Not given" });
  return govukSummaryList({
    card: { title: { text: "What you sent" } },
    rows: [
      { key: { text: "Name" }, value: { text: `${submitted.givenName} ${submitted.familyName}` } },
      submitted.aliases.length > 0 ? { key: { text: "Other names" }, value: { text: submitted.aliases.join(", ") } } : undefined,
      { key: { text: "Date of birth" }, value: { text: formatIsoDate(submitted.dateOfBirth) || "Not given" } },
      { key: { text: "Where they live" }, value: text(submitted.area) },
      { key: { text: "Their phone number" }, value: text(submitted.phone) },
      { key: { text: "Knows and agrees" }, value: { text: submitted.personConsented ? "Yes" : "No" } },
      { key: { text: "Needs" }, value: { text: submitted.needs.map((need) => NEED_DOMAIN_LABELS[need] ?? need).join(", ") } },
      { key: { text: "Register rating" }, value: { text: submitted.registerRating ? RATING_LABELS[submitted.registerRating] : "Not given" } },
      { key: { text: "What you wanted the service to know" }, value: { html: paragraphs(submitted.reason) } },
      { key: { text: "Safety information" }, value: submitted.safetyInformation ? { html: paragraphs(submitted.safetyInformation) } : { text: "None given" } },
    ],
  });
}

/** A referral the signed-in professional made: the referrer's view, and what they sent. */
export function ownReferralPage(context: PageContext, view: ReferrerView, submitted: SubmittedDetails): SafeHtml {
  return layout(context, {
    title: `Referral ${view.reference}`,
    beforeContent: html`<a href="${paths.referrals.sent()}" class="govuk-back-link">Back to the referrals you have made</a>`,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<span class="govuk-caption-l">${view.service.name}</span>
<h1 class="govuk-heading-l">Referral ${view.reference}</h1>
${referrerContent(view)}
${OPEN_REFERRAL_STATUSES.includes(view.status)
  ? html`<p class="govuk-body">No longer needed? <a class="govuk-link" href="${paths.referrals.withdraw(view.id)}">Withdraw the referral</a>.</p>`
  : ""}
${submittedList(submitted)}
</div></div>`,
  });
}

/** The referrals the signed-in professional has made. */
export function sentPage(context: PageContext, list: { rows: SentReferral[]; total: number; page: number; pages: number }): SafeHtml {
  return layout(context, {
    title: "Referrals you have made",
    content: html`<h1 class="govuk-heading-l">Referrals you have made</h1>
<p class="govuk-body"><a class="govuk-link" href="${paths.referrals.new()}">Make a referral</a></p>
${list.rows.length === 0
  ? html`<p class="govuk-body">You have not made any referrals through Keywork yet.</p>`
  : html`<p class="govuk-body" role="status">${plural(list.total, "referral")}, newest first${list.pages > 1 ? ` (page ${list.page} of ${list.pages})` : ""}.</p>
${govukTable({
  caption: "Referrals you have made",
  captionClasses: "govuk-visually-hidden",
  head: [{ text: "Reference" }, { text: "Person" }, { text: "Service" }, { text: "Sent" }, { text: "Status" }],
  rows: list.rows.map((row) => [
    { html: html`<a class="govuk-link" href="${paths.referrals.show(row.id)}">${row.reference}</a>` },
    { text: `${row.givenName} ${row.familyName}` },
    { text: row.serviceName },
    { text: formatDate(row.receivedAt) },
    { html: statusText(row.status) },
  ]),
})}
${list.pages > 1
  ? govukPagination({
      ...(list.page > 1 ? { previous: { href: paths.referrals.sent({ page: list.page - 1 }) } } : {}),
      ...(list.page < list.pages ? { next: { href: paths.referrals.sent({ page: list.page + 1 }) } } : {}),
    })
  : ""}`}`,
  });
}
