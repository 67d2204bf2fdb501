import { paths } from "../platform/http/paths.ts";
import { govukTable, govukTag } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { ownerText } from "./present.ts";
import { meetingLabel } from "./schema.ts";
import type { RecommendationView } from "./service.ts";

/** Pieces shared by the meeting pages and forms. */

export function statusTag(recommendation: Pick<RecommendationView, "status" | "overdue">): SafeHtml {
  if (recommendation.status === "done") return govukTag({ text: "Done", classes: "govuk-tag--green" });
  if (recommendation.status === "cancelled") return govukTag({ text: "Cancelled", classes: "govuk-tag--grey" });
  if (recommendation.overdue) return govukTag({ text: "Overdue", classes: "govuk-tag--red" });
  return govukTag({ text: "Open", classes: "govuk-tag--blue" });
}

export const PLANNED_TAG = govukTag({ text: "Planned", classes: "govuk-tag--light-blue" });
export const HELD_TAG = govukTag({ text: "Held", classes: "govuk-tag--grey" });

/**
 * Recommendations as a table: what, who owns it, when it is due, its status, and a link to update
 * it for those who may (the person's workers, and the agency that owns it).
 */
export function recommendationTable(
  recommendations: RecommendationView[],
  options: { caption: string; captionClasses?: string; mayUpdate: (recommendation: RecommendationView) => boolean },
): SafeHtml {
  const anyUpdatable = recommendations.some(options.mayUpdate);
  return govukTable({
    caption: options.caption,
    captionClasses: options.captionClasses ?? "govuk-table__caption--s",
    classes: "keywork-recommendations",
    head: [
      { text: "Recommendation" },
      { text: "Owner" },
      { text: "Due" },
      { text: "Status" },
      ...(anyUpdatable ? [{ html: html`<span class="govuk-visually-hidden">Update</span>` }] : []),
    ],
    rows: recommendations.map((recommendation) => [
      { html: html`<a class="govuk-link" href="${paths.actions.show(recommendation.id)}">${recommendation.description}</a>` },
      { text: ownerText(recommendation) },
      { text: formatIsoDate(recommendation.dueOn) },
      { html: statusTag(recommendation) },
      ...(anyUpdatable
        ? [
            {
              html: options.mayUpdate(recommendation)
                ? html`<a class="govuk-link" href="${paths.actions.edit(recommendation.id)}">Update<span class="govuk-visually-hidden">: ${recommendation.description}</span></a>`
                : html``,
            },
          ]
        : []),
    ]),
  });
}

/** Still-open recommendations of earlier meetings, one table per meeting, most recent meeting first. */
export function carriedOverSection(
  carriedOver: RecommendationView[],
  options: { mayUpdate: (recommendation: RecommendationView) => boolean; intro: string },
): SafeHtml {
  if (carriedOver.length === 0) return html``;
  const byMeeting = new Map<string, RecommendationView[]>();
  for (const recommendation of carriedOver) byMeeting.set(recommendation.meetingId, [...(byMeeting.get(recommendation.meetingId) ?? []), recommendation]);
  const overdue = carriedOver.filter((recommendation) => recommendation.overdue).length;
  return html`<section class="keywork-carried-over" aria-labelledby="carried-over-heading">
  <h2 class="govuk-heading-m" id="carried-over-heading">Outstanding recommendations</h2>
  <p class="govuk-body">${options.intro} ${carriedOver.length === 1 ? "1 is still open" : `${carriedOver.length} are still open`}${overdue > 0 ? html`, <strong>${overdue} overdue</strong>` : ""}.</p>
  ${[...byMeeting.values()].map((recommendations) => {
    const first = recommendations[0];
    const label = first ? meetingLabel(first.meeting) : "";
    return html`${recommendationTable(recommendations, { caption: `Carried over from the ${label}`, mayUpdate: options.mayUpdate })}
  <p class="govuk-body"><a class="govuk-link" href="${paths.meetings.show(first?.meetingId ?? "")}">See the ${label}</a></p>`;
  })}
</section>`;
}
