import type { BreakGlassGrantInUse } from "../platform/access/index.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukNotificationBanner, govukWarningText } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";

const LONDON = "Europe/London";
const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: LONDON });
const dayFormat = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: LONDON });
const isoDay = new Intl.DateTimeFormat("en-CA", { timeZone: LONDON });

/** "14:30" today, or "14:30 on Tuesday 3 March" on another day (UK time). */
export function untilText(at: Date, now: Date = new Date()): string {
  const time = timeFormat.format(at);
  return isoDay.format(at) === isoDay.format(now) ? time : `${time} on ${dayFormat.format(at)}`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * The warning at the top of every page of a record opened with break-glass access: until when,
 * why, that everything is recorded, and a button to end the access now.
 */
export function breakGlassBanner(grant: BreakGlassGrantInUse, csrfToken: string, now: Date = new Date()): SafeHtml {
  return govukNotificationBanner({
    titleText: "Break-glass access",
    titleId: "break-glass-banner-title",
    classes: "keywork-break-glass",
    html: html`${govukWarningText({
      iconFallbackText: "Warning",
      html: html`You are using break-glass access to this record until ${untilText(grant.expiresAt, now)}. Reason: ${sentence(grant.reason)} Everything you open is recorded.`,
    })}
<p class="govuk-body">You can read this record but not change it. Your manager will review why you opened it.</p>
<form method="post" action="${paths.breakGlass.end(grant.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${csrfToken}">
  ${govukButton({ text: "End break-glass access now", classes: "govuk-button--secondary govuk-!-margin-bottom-0", preventDoubleClick: true })}
</form>`,
  });
}
