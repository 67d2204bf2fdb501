import { paths } from "../platform/http/paths.ts";
import { govukButton, govukPagination, govukSelect, govukTable, govukTag, type TableCell } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDate, formatIsoDate, plural } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { PRIORITY_LABELS, REFERRAL_STATUS_LABELS, type Priority, type ReferralStatus } from "./schema.ts";
import type { TimedLine, TriageList, WaitingLine } from "./triage-lists.ts";
import type { TriageTab } from "./triage-store.ts";
import { overdueText } from "./triage-timers.ts";

/** The managers' list of referrals by status, and the waiting list. */

export const TAB_LABELS: Record<TriageTab, string> = {
  "awaiting-acknowledgement": "Awaiting acknowledgement",
  screening: "Acknowledged or screening",
  "waiting-list": "Accepted, waiting for a worker",
  decided: "Declined or allocated",
};

const EMPTY_TEXT: Record<TriageTab, string> = {
  "awaiting-acknowledgement": "No referrals are waiting to be acknowledged.",
  screening: "No referrals are being screened.",
  "waiting-list": "Nobody is waiting for a worker.",
  decided: "No referrals have been declined or allocated yet.",
};

const PRIORITY_CLASSES: Record<Priority, string> = { urgent: "govuk-tag--red", high: "govuk-tag--orange", normal: "govuk-tag--grey" };

export function priorityTag(priority: Priority): SafeHtml {
  return govukTag({ text: `${PRIORITY_LABELS[priority]} priority`, classes: PRIORITY_CLASSES[priority] });
}

export function statusTag(status: ReferralStatus): SafeHtml {
  const classes: Partial<Record<ReferralStatus, string>> = { declined: "govuk-tag--grey", allocated: "govuk-tag--green", accepted: "govuk-tag--turquoise", withdrawn: "govuk-tag--grey" };
  return govukTag({ text: REFERRAL_STATUS_LABELS[status], classes: classes[status] ?? "govuk-tag--blue" });
}

/** The overdue flags, in words (colour only adds to them). */
export function overdueFlags(lines: string[]): SafeHtml {
  if (lines.length === 0) return html``;
  return html`${lines.map((line) => html`<strong class="govuk-!-display-block govuk-!-margin-top-1 keywork-overdue">${line}</strong>`)}`;
}

function personCell(line: TimedLine | WaitingLine, showService: boolean): SafeHtml {
  return html`<a class="govuk-link" href="${paths.referrals.show(line.id)}">${line.givenName} ${line.familyName}</a>
<br><span class="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">${line.reference}${line.dateOfBirth ? `, born ${formatIsoDate(line.dateOfBirth)}` : ""}${showService ? html`<br>To ${line.serviceName}` : ""}</span>`;
}

function fromCell(line: TimedLine | WaitingLine): string {
  return line.referrerOrganisation ? `${line.referrerName}, ${line.referrerOrganisation}` : line.referrerName;
}

function dueCell(line: TimedLine): SafeHtml {
  const { timers } = line;
  const flags = overdueText(timers);
  if (line.status === "awaiting-acknowledgement") return html`Acknowledge by ${formatIsoDate(timers.acknowledgeBy)}<br>Decide by ${formatIsoDate(timers.decideBy)}${overdueFlags(flags)}`;
  if (line.status === "acknowledged" || line.status === "screening") return html`Decide by ${formatIsoDate(timers.decideBy)}${overdueFlags(flags)}`;
  if (line.status === "allocated") return html`Allocated to ${line.allocatedWorkerName ?? "a worker"}`;
  return html`${line.decidedAt ? `Decided ${formatDate(line.decidedAt)}` : ""}`;
}

function tabs(list: TriageList): SafeHtml {
  const tabKeys = Object.keys(TAB_LABELS) as TriageTab[];
  return html`<nav class="keywork-person-nav" aria-label="Referrals by status"><ul class="keywork-person-nav__list">${tabKeys.map((tab) => {
    const text = `${TAB_LABELS[tab]} (${list.counts[tab]})`;
    const href = paths.referrals.list({ status: tab, service: list.serviceId ?? undefined });
    return html`<li class="keywork-person-nav__item"><a class="govuk-link keywork-person-nav__link" href="${href}"${tab === list.tab ? html` aria-current="page"` : ""}>${text}</a></li>`;
  })}</ul></nav>`;
}

function serviceFilter(list: TriageList): SafeHtml {
  if (list.services.length <= 1) return html``;
  return html`<form method="get" action="${paths.referrals.list()}" novalidate>
  <input type="hidden" name="status" value="${list.tab}">
  ${govukSelect({
    id: "service",
    name: "service",
    label: { text: "Service", classes: "govuk-label--s" },
    value: list.serviceId ?? "",
    items: [{ value: "", text: "All your team's services" }, ...list.services.map((service) => ({ value: service.id, text: service.name }))],
  })}
  ${govukButton({ text: "Show referrals", classes: "govuk-button--secondary" })}
</form>`;
}

function pagination(list: TriageList): SafeHtml {
  const pages = Math.ceil(list.total / list.pageSize);
  if (pages <= 1) return html``;
  const link = (page: number) => paths.referrals.list({ status: list.tab, service: list.serviceId ?? undefined, page });
  return govukPagination({
    ...(list.page > 1 ? { previous: { href: link(list.page - 1) } } : {}),
    ...(list.page < pages ? { next: { href: link(list.page + 1) } } : {}),
    items: Array.from({ length: pages }, (_, index) => ({ number: String(index + 1), href: link(index + 1), current: index + 1 === list.page })),
  });
}

export function referralListPage(context: PageContext, list: TriageList): SafeHtml {
  const overdueCount = list.counts.overdue;
  const head: TableCell[] = [{ text: "Person referred" }, { text: "From" }, { text: "Received" }, { text: "Status" }, { text: "Due" }];
  const showService = list.services.length > 1;
  return layout(context, {
    title: "Referrals",
    content: html`<h1 class="govuk-heading-l">Referrals</h1>
<p class="govuk-body">Referrals to your team's services. ${overdueCount > 0
      ? html`<strong class="govuk-!-font-weight-bold">${plural(overdueCount, "referral is", "referrals are")} overdue</strong>: they are listed first.`
      : "None is overdue."}</p>
<p class="govuk-body"><a class="govuk-link" href="${paths.referrals.waitingList()}">Waiting list (${list.counts["waiting-list"]})</a> · <a class="govuk-link" href="${paths.settings.referrals()}">Referral settings</a></p>
${tabs(list)}
${serviceFilter(list)}
${list.rows.length === 0
  ? html`<p class="govuk-body">${EMPTY_TEXT[list.tab]}</p>`
  : html`<p class="govuk-body">Showing ${plural(list.total, "referral")}${list.tab === "decided" ? ", the latest first" : ", overdue first, then by priority and the date received"}.</p>
${govukTable({
  caption: TAB_LABELS[list.tab],
  captionClasses: "govuk-visually-hidden",
  head,
  rows: list.rows.map((line) => [
    { html: personCell(line, showService) },
    { text: fromCell(line) },
    { text: formatDate(line.receivedAt) },
    { html: html`${REFERRAL_STATUS_LABELS[line.status]}${line.priority !== "normal" ? html`<br>${priorityTag(line.priority)}` : ""}` },
    { html: dueCell(line) },
  ]),
})}
${pagination(list)}`}`,
  });
}

export function waitingListPage(context: PageContext, lines: WaitingLine[]): SafeHtml {
  return layout(context, {
    title: "Waiting list",
    section: paths.referrals.list(),
    beforeContent: html`<a href="${paths.referrals.list()}" class="govuk-back-link">Back to referrals</a>`,
    content: html`<h1 class="govuk-heading-l">Waiting list</h1>
<p class="govuk-body">Accepted referrals waiting for a key worker: urgent first, then high, then normal priority, and within each the longest waiting first.</p>
${lines.length === 0
  ? html`<p class="govuk-body">Nobody is waiting for a worker.</p>`
  : govukTable({
      caption: `${plural(lines.length, "person", "people")} waiting`,
      captionClasses: "govuk-table__caption--m",
      head: [{ text: "Position", format: "numeric" }, { text: "Person referred" }, { text: "Priority" }, { text: "Received" }, { text: "Days waiting", format: "numeric" }, { html: html`<span class="govuk-visually-hidden">Action</span>` }],
      rows: lines.map((line, index) => [
        { text: String(index + 1), format: "numeric" },
        { html: personCell(line, true) },
        { html: priorityTag(line.priority) },
        { text: formatDate(line.receivedAt) },
        { text: String(line.daysWaiting), format: "numeric" },
        { html: html`<a class="govuk-link" href="${paths.referrals.allocation(line.id)}">Allocate<span class="govuk-visually-hidden"> ${line.givenName} ${line.familyName}</span></a>` },
      ]),
    })}`,
  });
}
