import { paths } from "../platform/http/paths.ts";
import { govukPagination, govukTag } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, formatIsoDate, plural } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { pageNumbers } from "../contacts/views.ts";
import type { ReminderRow, Reminders } from "./service.ts";

/** Where a reminder leads: its action, register entry or person, when there is one to open. */
export function reminderHref(row: ReminderRow): string | null {
  if (row.subjectType === "plan-action" && row.action) return paths.actions.show(row.action.id);
  if (row.subjectType === "register-entry" && row.subjectId) return paths.register.show(row.subjectId);
  if (row.person) return paths.people.show(row.person.id);
  return null;
}

const KIND_LABELS: Record<string, string> = {
  "action-due": "Action due",
  "action-chase": "Chase",
};

function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind.replace(/-/g, " ").replace(/^./, (first) => first.toUpperCase());
}

function reminderItem(row: ReminderRow, csrfToken: string): SafeHtml {
  const href = reminderHref(row);
  const unread = row.readAt === null;
  const about = row.action
    ? html`<p class="govuk-body govuk-!-margin-bottom-1">${row.person ? html`<strong>${row.person.name}</strong>: ` : ""}${row.action.description}
        <span class="govuk-hint govuk-!-display-inline">(due ${formatIsoDate(row.action.dueOn)}${row.action.status === "open" ? "" : `, now ${row.action.status}`})</span></p>`
    : row.person
      ? html`<p class="govuk-body govuk-!-margin-bottom-1"><strong>${row.person.name}</strong></p>`
      : "";
  return html`<li class="keywork-reminder${unread ? " keywork-reminder--unread" : ""}">
  <p class="govuk-body govuk-!-margin-bottom-1">${unread ? html`${govukTag({ text: "Unread", classes: "govuk-tag--blue" })} ` : ""}<strong>${kindLabel(row.kind)}</strong> · <span class="govuk-hint govuk-!-display-inline">${formatDateTime(row.createdAt)}</span></p>
  <p class="govuk-body govuk-!-margin-bottom-1">${href ? html`<a class="govuk-link" href="${href}">${row.message}</a>` : row.message}</p>
  ${about}
  ${unread
    ? html`<form method="post" action="${paths.reminders.markRead(row.id)}" class="keywork-inline-form">
    <input type="hidden" name="_csrf" value="${csrfToken}">
    <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">Mark as read<span class="govuk-visually-hidden">: ${row.message}</span></button>
  </form>`
    : ""}
</li>`;
}

export function remindersPage(context: PageContext, reminders: Reminders, options: { unreadOnly: boolean }): SafeHtml {
  const { rows, unread, page, pages, total } = reminders;
  const query = options.unreadOnly ? { unread: 1 as const } : {};
  const list =
    rows.length === 0
      ? html`<p class="govuk-body">${options.unreadOnly ? "You have read all your reminders." : "You have no reminders yet. When an action you own falls due, or one on your people needs chasing, it shows here."}</p>`
      : html`<p class="govuk-body" role="status">${plural(total, options.unreadOnly ? "unread reminder" : "reminder")}, newest first.</p>
<ul class="govuk-list keywork-reminders">${rows.map((row) => reminderItem(row, context.csrfToken))}</ul>
${pages > 1
  ? govukPagination({
      ...(page > 1 ? { previous: { href: paths.reminders.list({ ...query, page: page - 1 }) } } : {}),
      ...(page < pages ? { next: { href: paths.reminders.list({ ...query, page: page + 1 }) } } : {}),
      items: pageNumbers(page, pages).map((number) =>
        number === null ? { ellipsis: true } : { number, href: paths.reminders.list({ ...query, page: number }), current: number === page },
      ),
    })
  : ""}`;
  return layout(context, {
    title: page > 1 ? `Reminders (page ${page} of ${pages})` : "Reminders",
    content: html`<h1 class="govuk-heading-l">Reminders</h1>
<p class="govuk-body">Actions you own that have fallen due, and overdue actions on your people to chase. ${unread > 0 ? html`<strong>${plural(unread, "unread reminder")}.</strong>` : "Nothing unread."}</p>
<div class="govuk-button-group">
  ${options.unreadOnly
    ? html`<a class="govuk-link" href="${paths.reminders.list()}">Show all reminders</a>`
    : html`<a class="govuk-link" href="${paths.reminders.list({ unread: 1 })}">Show unread only</a>`}
  ${unread > 0
    ? html`<form method="post" action="${paths.reminders.markAllRead()}" class="keywork-inline-form">
    <input type="hidden" name="_csrf" value="${context.csrfToken}">
    <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Mark all as read</button>
  </form>`
    : ""}
</div>
${list}`,
  });
}
