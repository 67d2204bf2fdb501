import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukInsetText, govukSummaryList, govukTag } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, formatIsoDate, plural } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { personPageLayout } from "../people/person-layout.ts";
import { errorSummary, recommendationFields } from "./form-views.ts";
import { isHeld, MEETING_KIND_NAMES, meetingLabel } from "./schema.ts";
import { mayUpdateRecommendation, type MeetingAccess, type MeetingDetail, type MeetingPage, type PersonMeetings } from "./service.ts";
import { carriedOverSection, HELD_TAG, PLANNED_TAG, recommendationTable } from "./view-parts.ts";

const PARTNER_NOTE =
  "You see when meetings are, where, and who goes. Notes and every recommendation are shared with your organisation when the person agrees to share their plan with it; you always see the recommendations your organisation owns.";

function attendeeList(meeting: MeetingDetail, apologies: boolean): SafeHtml {
  const people = meeting.attendees.filter((attendee) => attendee.sentApologies === apologies);
  if (people.length === 0) return html`<span class="govuk-hint">None recorded</span>`;
  return html`<ul class="govuk-list">${people.map((attendee) => html`<li>${attendee.name}${attendee.kind === "the-person" ? " (the person)" : attendee.role ? html`<span class="govuk-hint keywork-inline-hint">, ${attendee.role}</span>` : ""}</li>`)}</ul>`;
}

function recommendationCount(meeting: MeetingDetail): string {
  const { outstanding, overdue, done } = meeting.counts;
  if (outstanding + done + meeting.counts.cancelled === 0) return "None recorded";
  return `${outstanding} outstanding${overdue > 0 ? ` (${overdue} overdue)` : ""}, ${done} done`;
}

function meetingCard(meeting: MeetingDetail, today: string, access: MeetingAccess): SafeHtml {
  const held = isHeld(meeting.heldOn, today);
  return govukSummaryList({
    card: {
      title: { html: html`<a class="govuk-link" href="${paths.meetings.show(meeting.id)}">${meetingLabel(meeting)}</a> ${held ? HELD_TAG : PLANNED_TAG}`, headingLevel: 4 },
    },
    rows: [
      { key: { text: "Kind" }, value: { text: MEETING_KIND_NAMES[meeting.kind] } },
      { key: { text: "Where" }, value: { text: meeting.location ?? "Not recorded" } },
      { key: { text: held ? "Who was there" : "Invited" }, value: { html: attendeeList(meeting, false) } },
      ...(meeting.attendees.some((attendee) => attendee.sentApologies) ? [{ key: { text: "Apologies" }, value: { html: attendeeList(meeting, true) } }] : []),
      ...(held ? [{ key: { text: access.seesPlan ? "Recommendations" : "Your organisation's recommendations" }, value: { text: recommendationCount(meeting) } }] : []),
    ],
  });
}

function planReviewLine(view: PersonMeetings): SafeHtml {
  if (!view.planReview) return html``;
  const { nextReviewOn, reviewOverdue } = view.planReview;
  if (!nextReviewOn) return govukInsetText({ text: "The plan has no review date yet. A CETR or plan review, once held, counts as the plan's review." });
  return govukInsetText({
    html: html`The plan is next reviewed by <strong>${formatIsoDate(nextReviewOn)}</strong>${reviewOverdue ? html` ${govukTag({ text: "Review overdue", classes: "govuk-tag--red" })}` : ""}. A CETR or plan review, once held, counts as the plan's review.
  <a class="govuk-link" href="${paths.people.plan(view.person.id)}">See the plan</a>`,
  });
}

export function meetingsPage(context: PageContext, view: PersonMeetings): SafeHtml {
  const { person, access, meetings, today } = view;
  const planned = meetings.filter((meeting) => !isHeld(meeting.heldOn, today));
  const held = meetings.filter((meeting) => isHeld(meeting.heldOn, today));
  const name = person.preferredName ?? person.givenName;
  const buttons = access.mayEdit
    ? html`<div class="govuk-button-group">${govukButton({ text: "Record a meeting", href: paths.people.newMeeting(person.id) })}${govukButton({
        text: "Record a CETR",
        href: paths.people.newMeeting(person.id, { kind: "cetr" }),
        classes: "govuk-button--secondary",
      })}</div>`
    : html``;
  const body =
    meetings.length === 0
      ? html`<p class="govuk-body">No meetings have been recorded for ${name} yet.</p>${buttons}`
      : html`${buttons}
<h3 class="govuk-heading-m">Coming up</h3>
${planned.length === 0 ? html`<p class="govuk-body">No meetings planned.</p>` : planned.map((meeting) => meetingCard(meeting, today, access))}
<h3 class="govuk-heading-m">Held</h3>
${held.length === 0 ? html`<p class="govuk-body">No meetings held yet.</p>` : held.map((meeting) => meetingCard(meeting, today, access))}`;
  return personPageLayout(context, {
    person,
    relationship: access.relationship,
    current: "meetings",
    title: "Meetings",
    content: html`<h2 class="govuk-heading-l">Meetings</h2>
<p class="govuk-body">Case conferences, CETRs and plan reviews about ${name}, seen by everyone in the team around them, so that no two agencies call the same meeting. Each recommendation is an action in the plan, followed up until it is done.</p>
${access.seesPlan ? "" : govukInsetText({ text: PARTNER_NOTE })}
${planReviewLine(view)}
${body}`,
  });
}

function addRecommendationForm(context: PageContext, view: MeetingPage, values: Record<string, string>, issues: FieldIssue[]): SafeHtml {
  if (!view.team || !view.access.mayEdit || !isHeld(view.meeting.heldOn, view.today)) return html``;
  const errors = errorsByField(issues);
  return html`<section aria-labelledby="add-recommendation-heading">
  <h3 class="govuk-heading-m" id="add-recommendation-heading">Add another recommendation</h3>
  <form method="post" action="${paths.meetings.recommendations(view.meeting.id)}" novalidate>
    <input type="hidden" name="_csrf" value="${context.csrfToken}">
    ${recommendationFields(0, values, (field) => (errors[field] ? { errorMessage: { text: errors[field] } } : {}), view.team, "The recommendation")}
    ${govukButton({ text: "Add recommendation", classes: "govuk-button--secondary", preventDoubleClick: true })}
  </form>
</section>`;
}

export function meetingPage(context: PageContext, view: MeetingPage, form: { values: Record<string, string>; issues: FieldIssue[] } = { values: {}, issues: [] }): SafeHtml {
  const { person, access, meeting, recommendations, carriedOver, today } = view;
  const held = isHeld(meeting.heldOn, today);
  const label = meetingLabel(meeting);
  const mayUpdate = (recommendation: (typeof recommendations)[number]) => mayUpdateRecommendation(access, recommendation);
  const changed = meeting.version > 1 ? ` Last changed by ${meeting.updatedBy?.name ?? "Unknown"}, ${formatDateTime(meeting.updatedAt)}.` : "";
  return personPageLayout(context, {
    person,
    relationship: access.relationship,
    current: "meetings",
    title: label,
    hasErrors: form.issues.length > 0,
    content: html`${errorSummary(form.issues)}
<p class="govuk-body"><a class="govuk-link govuk-link--no-visited-state" href="${paths.people.meetings(person.id)}">All meetings</a></p>
<h2 class="govuk-heading-l">${label} ${held ? HELD_TAG : PLANNED_TAG}</h2>
${govukSummaryList({
  rows: [
    { key: { text: "Kind" }, value: { text: MEETING_KIND_NAMES[meeting.kind] } },
    { key: { text: "Date" }, value: { text: `${formatIsoDate(meeting.heldOn)}${held ? "" : " (planned)"}` } },
    { key: { text: "Where" }, value: { text: meeting.location ?? "Not recorded" } },
    { key: { text: held ? "Who was there" : "Invited" }, value: { html: attendeeList(meeting, false) } },
    { key: { text: "Apologies" }, value: { html: attendeeList(meeting, true) } },
    { key: { text: "Recorded by" }, value: { text: `${meeting.createdBy?.name ?? "Unknown"}, ${formatDateTime(meeting.createdAt)}.${changed}` } },
  ],
})}
${access.mayEdit ? html`<p class="govuk-body"><a class="govuk-link" href="${paths.meetings.edit(meeting.id)}">Change the details, attendees or notes<span class="govuk-visually-hidden"> of the ${label}</span></a></p>` : ""}
<h3 class="govuk-heading-m">Notes</h3>
${access.seesPlan
  ? meeting.notes
    ? html`<p class="govuk-body keywork-pre-line">${meeting.notes}</p>`
    : html`<p class="govuk-body">No notes recorded.</p>`
  : govukInsetText({ text: PARTNER_NOTE })}
<h3 class="govuk-heading-m">Recommendations</h3>
${recommendations.length > 0
  ? recommendationTable(recommendations, { caption: `${plural(recommendations.length, "recommendation")}${access.seesPlan ? "" : " your organisation owns"}, each an action in the plan`, mayUpdate })
  : html`<p class="govuk-body">${held ? "No recommendations recorded." : "Recommendations are recorded once the meeting has been held."}</p>`}
${access.seesPlan && recommendations.length > 0 ? html`<p class="govuk-body"><a class="govuk-link" href="${paths.people.plan(person.id)}">See them in the plan</a></p>` : ""}
${addRecommendationForm(context, view, form.values, form.issues)}
${carriedOverSection(carriedOver, { mayUpdate, intro: "Recommendations of earlier meetings that are not done yet." })}`,
  });
}
