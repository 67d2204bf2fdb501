import type { RoutePlugin } from "../../app.ts";
import { can, type Actor } from "../access/index.ts";
import { Forbidden } from "../http/errors.ts";
import { pageContext, sendPage } from "../http/pages.ts";
import { paths } from "../http/paths.ts";
import { govukPagination, govukTag } from "../views/govuk/index.ts";
import { html, type SafeHtml } from "../views/html.ts";
import { formatDateTime, plural } from "../views/format.ts";
import { layout, type PageContext } from "../views/layout.ts";
import { developmentSender, emailSenderFor } from "./senders.ts";
import { listOutboundEmails, type OutboundEmailRow } from "./store.ts";

export const OUTBOX_PAGE_SIZE = 20;

const STATUS_TAGS: Record<string, { text: string; classes: string }> = {
  outbox: { text: "Kept in the outbox", classes: "govuk-tag--grey" },
  pending: { text: "Waiting to send", classes: "govuk-tag--blue" },
  sending: { text: "Sending", classes: "govuk-tag--blue" },
  sent: { text: "Sent", classes: "govuk-tag--green" },
  failed: { text: "Could not send", classes: "govuk-tag--red" },
};

/** Plain text as paragraphs; a line that is a web address becomes a link, so a status link can be followed. */
function bodyText(body: string): SafeHtml {
  const paragraphs = body.split(/\n\s*\n/).map((paragraph) => paragraph.split("\n"));
  return html`${paragraphs.map(
    (lines) =>
      html`<p class="govuk-body">${lines.map((line, index) => html`${index > 0 ? html`<br>` : ""}${/^https?:\/\/\S+$/.test(line.trim()) ? html`<a class="govuk-link" href="${line.trim()}">${line.trim()}</a>` : line}`)}</p>`,
  )}`;
}

function emailCard(email: OutboundEmailRow): SafeHtml {
  const tag = STATUS_TAGS[email.status] ?? { text: email.status, classes: "govuk-tag--grey" };
  return html`<div class="govuk-summary-card">
  <div class="govuk-summary-card__title-wrapper">
    <h2 class="govuk-summary-card__title">${email.subject}</h2>
    ${govukTag({ text: tag.text, classes: tag.classes })}
  </div>
  <div class="govuk-summary-card__content">
    <dl class="govuk-summary-list">
      <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">To</dt><dd class="govuk-summary-list__value">${email.toAddress}</dd></div>
      <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Queued</dt><dd class="govuk-summary-list__value">${formatDateTime(email.createdAt)}</dd></div>
      ${email.lastError ? html`<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Last problem</dt><dd class="govuk-summary-list__value">${email.lastError} (${plural(email.attempts, "attempt")})</dd></div>` : ""}
    </dl>
    ${bodyText(email.body)}
  </div>
</div>`;
}

export function outboxPage(context: PageContext, view: { rows: OutboundEmailRow[]; total: number; page: number; pages: number }): SafeHtml {
  return layout(context, {
    title: "Outbox",
    content: html`<h1 class="govuk-heading-l">Outbox</h1>
<p class="govuk-body">The emails Keywork has written, newest first. Until GOV.UK Notify is set up (see the configuration in the README), emails are not sent: they are kept here instead. They include each referrer's private status link: do not pass them on.</p>
${view.rows.length === 0
  ? html`<p class="govuk-body">There are no emails yet. When a referral is made or moves on, the email to the referrer appears here.</p>`
  : html`<p class="govuk-body" role="status">${plural(view.total, "email")}${view.pages > 1 ? `, page ${view.page} of ${view.pages}` : ""}.</p>
${view.rows.map(emailCard)}
${view.pages > 1
  ? govukPagination({
      ...(view.page > 1 ? { previous: { href: paths.outbox({ page: view.page - 1 }) } } : {}),
      ...(view.page < view.pages ? { next: { href: paths.outbox({ page: view.page + 1 }) } } : {}),
    })
  : ""}`}`,
  });
}

/** Said instead of the outbox once emails are really sent. */
export function noOutboxPage(context: PageContext): SafeHtml {
  return layout(context, {
    title: "There is no outbox",
    content: html`<h1 class="govuk-heading-l">There is no outbox</h1>
<p class="govuk-body">Emails are sent through GOV.UK Notify, so Keywork does not keep them here. To see what was sent to someone, use GOV.UK Notify's own pages.</p>`,
  });
}

/**
 * The outbox page: the emails of the actor's partnership, for administrators, and only while the
 * development sender keeps emails instead of sending them (with GOV.UK Notify, not found).
 */
export const outboxRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;
  const keepsEmails = emailSenderFor(deps.config) === developmentSender;
  app.get(paths.outbox(), async (request, reply) => {
    const actor = request.actor as Actor;
    if (!keepsEmails) return sendPage(reply, noOutboxPage(await pageContext(db, request, reply)), 404);
    if (!can(actor, "outbox.read")) throw new Forbidden("The outbox is for administrators");
    const { page: pageText } = request.query as { page?: string };
    const page = Math.min(10_000, Math.max(1, Number.parseInt(pageText ?? "1", 10) || 1));
    const { rows, total } = await listOutboundEmails(db, actor.tenantId, { limit: OUTBOX_PAGE_SIZE, offset: (page - 1) * OUTBOX_PAGE_SIZE });
    const context = await pageContext(db, request, reply);
    return sendPage(reply, outboxPage(context, { rows, total, page, pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)) }));
  });
};
