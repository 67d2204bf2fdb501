import { paths } from "../platform/http/paths.ts";
import { govukTag } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatIsoDate, plural, shorten } from "../platform/views/format.ts";
import { latestProgress, ownerLine } from "./present.ts";
import type { PlanGlance, PlanHandover } from "./service.ts";
import { ratingText } from "./view-parts.ts";

const OVERDUE = govukTag({ text: "Overdue", classes: "govuk-tag--red" });

function nextReview(nextReviewOn: string | null, overdue: boolean): SafeHtml {
  if (!nextReviewOn) return html`No review date yet.`;
  return html`Next plan review by ${formatIsoDate(nextReviewOn)}${overdue ? html` ${govukTag({ text: "Review overdue", classes: "govuk-tag--red" })}` : ""}.`;
}

/**
 * The plan on the handover summary: goals being worked on, open actions with who owns them and when
 * they are due (overdue first), and the next review. Give it `planForHandover`'s answer.
 */
export function planHandoverSection(personId: string, plan: PlanHandover | null): SafeHtml {
  if (!plan) return html``;
  return html`<div class="keywork-plan-handover">
<h2 class="govuk-heading-m">The plan</h2>
<p class="govuk-body">${nextReview(plan.schedule.nextReviewOn, plan.schedule.reviewOverdue)}</p>
<h3 class="govuk-heading-s">Goals being worked on</h3>
${plan.goals.length === 0
  ? html`<p class="govuk-body">None recorded.</p>`
  : html`<ul class="govuk-list govuk-list--bullet">${plan.goals.map((goal) => {
      const latest = latestProgress(goal);
      return html`<li>${goal.description}${latest ? html` <span class="govuk-hint govuk-!-display-inline">(latest: ${ratingText(latest.rating)})</span>` : ""}</li>`;
    })}</ul>`}
<h3 class="govuk-heading-s">Open actions</h3>
${plan.actions.length === 0
  ? html`<p class="govuk-body">None open.</p>`
  : html`<ul class="govuk-list govuk-list--bullet">${plan.actions.map(
      (action) => html`<li>${shorten(action.description, 160)} – ${ownerLine(action)}, due ${formatIsoDate(action.dueOn)}${action.overdue ? html` ${OVERDUE}` : ""}</li>`,
    )}</ul>`}
<p class="govuk-body"><a class="govuk-link" href="${paths.people.plan(personId)}">The whole plan</a></p>
</div>`;
}

/** The plan in a few words for the person's overview; empty when the reader may not see the plan. */
export function planGlanceSection(personId: string, glance: PlanGlance | null): SafeHtml {
  if (!glance) return html``;
  const actions = `${plural(glance.openActions, "open action")}${glance.overdueActions > 0 ? `, ${glance.overdueActions} overdue` : ""}`;
  return html`<div class="keywork-plan-glance">
<h2 class="govuk-heading-m">Plan</h2>
<p class="govuk-body">${glance.wholePlan ? `${plural(glance.activeGoals, "goal")} being worked on; ${actions}.` : `Your organisation's actions: ${actions}.`}
${glance.wholePlan ? html`<br>${nextReview(glance.nextReviewOn, glance.reviewOverdue)}` : ""}</p>
<p class="govuk-body"><a class="govuk-link" href="${paths.people.plan(personId)}">${glance.wholePlan ? "Goals and actions" : "Your organisation's actions"}</a></p>
</div>`;
}
