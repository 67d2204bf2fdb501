import { paths } from "../platform/http/paths.ts";
import { govukButton, govukInput, govukInsetText, govukNotificationBanner, govukSummaryList, govukWarningText } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDate, formatIsoDate, personName, plural } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import type { Diary } from "./appointment-service.ts";
import { addDays, formatDayHeading, formatTime, londonDateAndTime } from "./uk-time.ts";

function dayHeading(date: string, today: string, firstAppointment: Date): string {
  const words = formatDayHeading(firstAppointment);
  if (date === today) return `Today, ${words}`;
  if (date === addDays(today, 1)) return `Tomorrow, ${words}`;
  return words;
}

/** The worker's planned appointments, day by day, in UK time. */
export function diaryPage(context: PageContext, diary: Diary, now: Date = new Date()): SafeHtml {
  const today = londonDateAndTime(now).date;
  const range = `${formatIsoDate(diary.from)} to ${formatIsoDate(diary.to)}`;
  const days = diary.days.map(
    (day) => html`<h2 class="govuk-heading-m">${dayHeading(day.date, today, day.appointments[0]?.startsAt ?? now)}</h2>
  <ul class="govuk-list keywork-diary-day">
    ${day.appointments.map(
      (appointment) => html`<li class="keywork-diary-item">
      <span class="govuk-!-font-weight-bold">${formatTime(appointment.startsAt)}</span>
      <a class="govuk-link" href="${paths.appointments.edit(appointment.id)}">${personName(appointment.person)}</a>
      ${appointment.place ? html`<br><span class="govuk-hint govuk-!-margin-bottom-0">${appointment.place}${appointment.durationMinutes ? `, ${plural(appointment.durationMinutes, "minute")}` : ""}</span>` : ""}
    </li>`,
    )}
  </ul>`,
  );
  const count = diary.days.reduce((total, day) => total + day.appointments.length, 0);
  return layout(context, {
    title: "My diary",
    content: html`<h1 class="govuk-heading-l">My diary</h1>
  <p class="govuk-body">Your planned appointments from ${range}. Book one from a person's contacts page.</p>
  ${count === 0
    ? html`<p class="govuk-body" role="status">You have no appointments in the next ${plural(diary.weeks, "week")}.</p>`
    : html`<p class="govuk-body" role="status">${plural(count, "appointment")}.</p>${days}`}
  <p class="govuk-body">
    ${diary.weeks < 12 ? html`<a class="govuk-link" href="${paths.diary({ weeks: 12 })}">Show the next 12 weeks</a>` : html`<a class="govuk-link" href="${paths.diary()}">Show the next 4 weeks</a>`}
  </p>
  <p class="govuk-body"><a class="govuk-link" href="${paths.calendarFeed()}">See your appointments in your own calendar app</a></p>`,
  });
}

/** The secret calendar address: make, replace or stop it. `newUrl` is shown once, straight after it is made. */
export function calendarFeedPage(context: PageContext, options: { active: { createdAt: Date } | null; newUrl?: string }): SafeHtml {
  const form = (action: "create" | "stop", text: string, classes: string) => html`<form method="post" action="${paths.calendarFeed()}" class="keywork-inline-form">
    <input type="hidden" name="_csrf" value="${context.csrfToken}">
    <input type="hidden" name="action" value="${action}">
    ${govukButton({ text, classes })}
  </form>`;
  const created = options.newUrl
    ? govukNotificationBanner({
        type: "success",
        titleText: "Success",
        html: html`<h3 class="govuk-notification-banner__heading">Your calendar address has been made</h3>
      ${govukInput({ id: "calendarUrl", name: "calendarUrl", label: { text: "Copy this address into your calendar app" }, hint: { text: "It is shown only this once. If you lose it, make a new one." }, value: options.newUrl, spellcheck: false, autocomplete: "off", attributes: { readonly: { value: true, optional: true } } })}`,
      })
    : "";
  return layout(context, {
    title: "Calendar feed",
    beforeContent: html`<a href="${paths.diary()}" class="govuk-back-link">Back to my diary</a>`,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  ${created}
  <h1 class="govuk-heading-l">See your appointments in your calendar app</h1>
  <p class="govuk-body">Keywork can give you a secret web address for your appointments. Add it to the calendar on your phone or computer (as a calendar to subscribe to) and your Keywork appointments show there, updated every hour or so.</p>
  <p class="govuk-body">The calendar shows the time, the place and the person's initials only. It never shows names or notes.</p>
  ${govukWarningText({ text: "Anyone who has the address can see your appointment times and places. Do not share it. If it might have been seen by someone else, stop it and make a new one." })}
  ${options.active
    ? html`${govukSummaryList({ rows: [{ key: { text: "Your address" }, value: { text: `Working, made on ${formatDate(options.active.createdAt)}` } }] })}
  <div class="govuk-button-group">
    ${form("create", "Make a new address", "govuk-button--secondary")}
    ${form("stop", "Stop this address", "govuk-button--warning")}
  </div>
  ${govukInsetText({ text: "Making a new address stops the old one: calendars using it stop updating." })}`
    : html`<p class="govuk-body">You do not have a calendar address.</p>${form("create", "Make a calendar address", "")}`}
</div></div>`,
  });
}
