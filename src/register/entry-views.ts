import { paths } from "../platform/http/paths.ts";
import { govukBackLink, govukButton, govukInsetText, govukSummaryList, govukTable, govukWarningText } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { ageFrom, formatDate, formatDateTime, formatIsoDate } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { RATING_HINTS, RATING_LABELS } from "./schema.ts";
import type { EntryRead, EpisodeView, RatingView } from "./service.ts";
import { lengthOfStay, nextReview, OFF_REGISTER_TAG, ratingTag } from "./views.ts";

export const BACK_TO_REGISTER = govukBackLink({ href: paths.register.list(), text: "Dynamic support register" });

function keyworkRecord(read: EntryRead): SafeHtml | string {
  const { entry, person } = read;
  if (person) return html`<a class="govuk-link" href="${paths.people.show(person.id)}">${person.name}'s Keywork record</a>`;
  if (entry.personId) return "Known to the key-worker service";
  return "Not known to the key-worker service yet";
}

function ratingChange(rating: RatingView): SafeHtml {
  if (rating.previousRating === null) return html`${ratingTag(rating.rating)}<br><span class="govuk-body-s">First rating</span>`;
  if (rating.previousRating === rating.rating) return html`${ratingTag(rating.rating)}<br><span class="govuk-body-s">Reviewed, unchanged</span>`;
  return html`${ratingTag(rating.rating)}<br><span class="govuk-body-s">from ${RATING_LABELS[rating.previousRating].toLowerCase()}</span>`;
}

function historyTable(ratings: RatingView[]): SafeHtml {
  return govukTable({
    caption: "Rating history",
    captionClasses: "govuk-table__caption--m",
    head: [{ text: "When" }, { text: "Rating" }, { text: "Reason" }, { text: "Rated by" }, { text: "Next review set" }],
    rows: ratings.map((rating) => [
      { text: formatDateTime(rating.ratedAt) },
      { html: ratingChange(rating) },
      { html: html`<span class="keywork-pre-line">${rating.reason}</span>` },
      { text: rating.ratedBy?.name ?? "Unknown" },
      { text: formatIsoDate(rating.nextReviewOn) },
    ]),
  });
}

function episodesSection(read: EntryRead): SafeHtml {
  const { episodes, mayManage, entry } = read;
  const body =
    episodes.length === 0
      ? html`<p class="govuk-body">No stays in hospital recorded.</p>`
      : govukTable({
          caption: "Stays in hospital",
          captionClasses: "govuk-visually-hidden",
          head: [
            { text: "Admitted" },
            { text: "Discharged" },
            { text: "Setting" },
            { text: "Length of stay" },
            { text: "Discharge plan" },
            ...(mayManage ? [{ html: html`<span class="govuk-visually-hidden">Actions</span>` }] : []),
          ],
          rows: episodes.map((episode: EpisodeView) => [
            { text: formatIsoDate(episode.admittedOn) },
            { text: episode.dischargedOn ? formatIsoDate(episode.dischargedOn) : "In hospital now" },
            { text: episode.setting },
            { text: `${lengthOfStay(episode.lengthOfStayDays)}${episode.current ? " so far" : ""}` },
            { html: html`<span class="keywork-pre-line">${episode.dischargePlan ?? "Not recorded"}</span>` },
            ...(mayManage
              ? [{ html: html`<a class="govuk-link" href="${paths.register.editEpisode(episode.id)}">${episode.current ? "Discharge or change" : "Change"}<span class="govuk-visually-hidden"> the stay from ${formatIsoDate(episode.admittedOn)}</span></a>` }]
              : []),
          ]),
        });
  return html`<h2 class="govuk-heading-m">Stays in hospital</h2>
${body}
<p class="govuk-body-s">Length of stay counts the days from admission to discharge, or to today while the stay goes on.</p>
${mayManage && !entry.inpatient && !entry.removedAt ? govukButton({ text: "Record an admission", href: paths.register.newEpisode(entry.id), classes: "govuk-button--secondary" }) : ""}`;
}

function actions(read: EntryRead): SafeHtml {
  const { entry } = read;
  const name = `${entry.givenName} ${entry.familyName}`;
  const manage = read.mayManage
    ? html`<div class="govuk-button-group">
  ${govukButton({ text: entry.removedAt ? "Put back on the register" : "Review or change the rating", href: paths.register.rate(entry.id) })}
  ${entry.inpatient ? govukButton({ text: "Record the discharge", href: paths.register.editEpisode(entry.inpatient.episodeId), classes: "govuk-button--secondary" }) : ""}
  ${entry.removedAt || entry.inpatient ? "" : html`<a class="govuk-link" href="${paths.register.remove(entry.id)}">Take ${name} off the register</a>`}
</div>`
    : "";
  const takeOn =
    read.mayTakeOn && !entry.personId && !entry.removedAt
      ? html`${read.needsTakingOn
          ? govukWarningText({ text: `Rated ${RATING_LABELS[entry.rating].toLowerCase()}: the key-worker service is asked to take ${name} on.`, iconFallbackText: "Important" })
          : ""}
${govukButton({ text: "Take on", href: paths.register.takeOn(entry.id), classes: read.needsTakingOn ? "" : "govuk-button--secondary" })}`
      : "";
  return html`${manage}${takeOn}`;
}

export function entryPage(context: PageContext, read: EntryRead): SafeHtml {
  const { entry } = read;
  const name = `${entry.givenName} ${entry.familyName}`;
  const age = ageFrom(entry.dateOfBirth, new Date(`${read.today}T12:00:00Z`));
  return layout(context, {
    title: `${name} – Dynamic support register`,
    beforeContent: BACK_TO_REGISTER,
    content: html`<span class="govuk-caption-l">Dynamic support register</span>
<h1 class="govuk-heading-l">${name} ${ratingTag(entry.rating)}${entry.removedAt ? html` ${OFF_REGISTER_TAG}` : ""}</h1>
${entry.removedAt
  ? govukInsetText({ text: `Taken off the register on ${formatDate(entry.removedAt)}: ${entry.removalReason ?? ""}` })
  : ""}
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${govukSummaryList({
  rows: [
    { key: { text: "Rating" }, value: { html: html`${ratingTag(entry.rating)} <span class="govuk-body-s">${RATING_HINTS[entry.rating]}</span>` } },
    { key: { text: "Reason" }, value: { html: html`<span class="keywork-pre-line">${entry.reason}</span>` } },
    { key: { text: "Rated by" }, value: { text: `${entry.ratedBy?.name ?? "Unknown"}, ${formatDateTime(entry.ratedAt)}` } },
    { key: { text: "Next review" }, value: { html: nextReview(entry) }, ...(entry.reviewOverdue ? { classes: "keywork-review-overdue" } : {}) },
    { key: { text: "Date of birth" }, value: { text: entry.dateOfBirth ? `${formatIsoDate(entry.dateOfBirth)} (${age} years old)` : "Not recorded" } },
    {
      key: { text: "In hospital" },
      value: { text: entry.inpatient ? `Since ${formatIsoDate(entry.inpatient.since)}, ${entry.inpatient.setting}` : "No" },
    },
    { key: { text: "Keywork record" }, value: { html: html`${keyworkRecord(read)}` } },
  ],
})}
${actions(read)}
</div></div>
${episodesSection(read)}
${historyTable(read.ratings)}`,
  });
}
