import { paths } from "../platform/http/paths.ts";
import { govukButton, govukInsetText, govukSummaryList, govukTable, govukTag } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDate, formatIsoDate, plural, shorten } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { personPageLayout } from "../people/person-layout.ts";
import { latestProgress } from "./present.ts";
import type { ActionView, GoalView, PersonPlan, PlanSchedule } from "./service.ts";
import { actionsTable, goalStatusTag, latestProgressLine, ratingText } from "./view-parts.ts";

function personName(person: PersonPlan["person"]): string {
  return person.preferredName ?? person.givenName;
}

function everyMonths(months: number): string {
  return months === 1 ? "Every month" : `Every ${months} months`;
}

/** When the plan is next reviewed, how often, and when it last was. */
export function scheduleSummary(schedule: PlanSchedule, options: { personId: string; mayEdit: boolean; meetingsLink: boolean }): SafeHtml {
  const overdue = schedule.reviewOverdue ? html` ${govukTag({ text: "Review overdue", classes: "govuk-tag--red" })}` : "";
  return govukSummaryList({
    card: {
      title: { text: "Plan reviews", headingLevel: 3 },
      actions: {
        items: [
          ...(options.mayEdit ? [{ href: paths.people.planSchedule(options.personId), text: "Change review schedule" }] : []),
          ...(options.meetingsLink ? [{ href: paths.people.meetings(options.personId), text: "Meetings and plan reviews" }] : []),
        ],
        classes: "keywork-no-print",
      },
      classes: "keywork-plan-reviews",
    },
    rows: [
      {
        key: { text: "Next review by" },
        value: schedule.nextReviewOn ? { html: html`${formatIsoDate(schedule.nextReviewOn)}${overdue}` } : { text: "Set when the first goal or action is added" },
      },
      { key: { text: "How often" }, value: { text: everyMonths(schedule.reviewIntervalMonths) } },
      { key: { text: "Last reviewed" }, value: { text: schedule.lastReviewedOn ? formatIsoDate(schedule.lastReviewedOn) : "Not reviewed yet" } },
    ],
  });
}

function goalCard(plan: PersonPlan, goal: GoalView, actions: ActionView[]): SafeHtml {
  const { access, person } = plan;
  const mayEdit = access.mayEdit;
  return html`<div class="keywork-plan-goal">
${govukSummaryList({
  card: {
    title: { text: shorten(goal.description, 90), headingLevel: 4 },
    actions: {
      items: [
        { href: paths.goals.show(goal.id), text: "Progress" },
        ...(mayEdit ? [{ href: paths.goals.edit(goal.id), text: "Change" }] : []),
      ],
      classes: "keywork-no-print",
    },
  },
  rows: [
    // The card's title is the goal itself; a long one is shortened there and given in full here.
    ...(goal.description.length > 90 ? [{ key: { text: "In their words" }, value: { html: html`<span class="keywork-pre-line">${goal.description}</span>` } }] : []),
    ...(access.seesNotes && goal.workerNote ? [{ key: { text: "Worker's note" }, value: { html: html`<span class="keywork-pre-line">${goal.workerNote}</span>` } }] : []),
    { key: { text: "Status" }, value: { html: goalStatusTag(goal.status) } },
    { key: { text: "Latest progress" }, value: { html: latestProgressLine(goal) } },
  ],
})}
${actions.length > 0
  ? actionsTable(actions, { caption: "Actions for this goal", showEvidence: access.seesNotes })
  : html`<p class="govuk-body">No actions for this goal yet.${mayEdit ? html` <a class="govuk-link keywork-no-print" href="${paths.people.newAction(person.id, { goal: goal.id })}">Add an action for it</a>` : ""}</p>`}
</div>`;
}

function endedGoals(goals: GoalView[]): SafeHtml {
  if (goals.length === 0) return html``;
  return govukTable({
    caption: "Achieved and stopped goals",
    captionClasses: "govuk-table__caption--m",
    head: [{ text: "Goal" }, { text: "Status" }, { text: "Last rating" }],
    rows: goals.map((goal) => [
      { html: html`<a class="govuk-link" href="${paths.goals.show(goal.id)}">${shorten(goal.description, 140)}</a>` },
      { html: html`${goalStatusTag(goal.status)}${goal.endedAt ? html`<br><span class="govuk-hint govuk-!-font-size-16">${formatDate(goal.endedAt)}</span>` : ""}` },
      { text: latestProgress(goal) ? ratingText(latestProgress(goal)?.rating ?? null) : "None recorded" },
    ]),
  });
}

function wholePlan(plan: PersonPlan): SafeHtml {
  const { goals, actions, access, person } = plan;
  const name = personName(person);
  const current = goals.filter((goal) => goal.status === "active");
  const ended = goals.filter((goal) => goal.status !== "active");
  const unlinked = actions.filter((action) => !action.goalId || !goals.some((goal) => goal.id === action.goalId));
  const forGoal = (goal: GoalView) => actions.filter((action) => action.goalId === goal.id);
  const goalsSection =
    goals.length === 0
      ? html`<p class="govuk-body">No goals yet. Goals are written in ${name}'s own words: what they want for themselves${access.mayEdit ? ", in their words rather than ours" : ""}.</p>`
      : current.length === 0
        ? html`<p class="govuk-body">No goals being worked on now.</p>`
        : current.map((goal) => goalCard(plan, goal, forGoal(goal)));
  return html`<h3 class="govuk-heading-m">Goals</h3>
${goalsSection}
<h3 class="govuk-heading-m">Actions not linked to a goal</h3>
${unlinked.length === 0 ? html`<p class="govuk-body">None.</p>` : actionsTable(unlinked, { caption: "Actions not linked to a goal", captionClasses: "govuk-visually-hidden", showEvidence: access.seesNotes })}
${endedGoals(ended)}
${ended.flatMap(forGoal).length > 0
  ? actionsTable(ended.flatMap(forGoal), { caption: "Actions for achieved and stopped goals", showEvidence: access.seesNotes, showGoal: true })
  : ""}`;
}

function ownActionsOnly(plan: PersonPlan): SafeHtml {
  const name = personName(plan.person);
  return html`${govukInsetText({ text: `${name} has not agreed to share their whole plan with ${plan.organisationName}. You see the actions ${plan.organisationName} owns, and can update their status and evidence.` })}
<h3 class="govuk-heading-m">Actions ${plan.organisationName} owns</h3>
${plan.actions.length === 0
  ? html`<p class="govuk-body">There are no actions for ${plan.organisationName} in ${name}'s plan.</p>`
  : actionsTable(plan.actions, { caption: `Actions ${plan.organisationName} owns`, captionClasses: "govuk-visually-hidden", showEvidence: true })}`;
}

function counts(plan: PersonPlan): string {
  const open = plan.actions.filter((action) => action.status === "open");
  const overdue = open.filter((action) => action.overdue).length;
  const goals = plan.goals.filter((goal) => goal.status === "active").length;
  const parts = [...(plan.access.wholePlan ? [plural(goals, "goal") + " being worked on"] : []), `${plural(open.length, "open action")}${overdue > 0 ? `, ${overdue} overdue` : ""}`];
  return parts.join("; ");
}

export function planPage(context: PageContext, plan: PersonPlan): SafeHtml {
  const { person, relationship, access, schedule } = plan;
  const name = personName(person);
  const audienceNote =
    relationship.audience === "carer"
      ? govukInsetText({ text: `${name} has agreed to share their plan with you. You can read it here; their key worker can answer any questions.` })
      : relationship.audience === "partner" && access.wholePlan
        ? govukInsetText({ text: `${name} shares their plan with your organisation. You can update the status and evidence of the actions your organisation owns.` })
        : "";
  return personPageLayout(context, {
    person,
    relationship,
    current: "plan",
    title: "Plan",
    content: html`<h2 class="govuk-heading-l">Plan</h2>
<p class="govuk-body">${access.wholePlan
  ? `${name}'s goals in their own words, and the actions everyone has agreed to: who owns each one, when it is due and what has been done.`
  : `The actions in ${name}'s plan that ${plan.organisationName} owns: when each is due and what has been done.`} <span class="govuk-!-font-weight-bold">${counts(plan)}.</span></p>
${audienceNote}
${access.mayEdit
  ? html`<div class="govuk-button-group keywork-no-print">
  ${govukButton({ text: "Add a goal", href: paths.people.newGoal(person.id) })}
  ${govukButton({ text: "Add an action", href: paths.people.newAction(person.id), classes: "govuk-button--secondary" })}
</div>`
  : ""}
${scheduleSummary(schedule, { personId: person.id, mayEdit: access.mayEdit, meetingsLink: relationship.audience === "full" || relationship.audience === "partner" })}
${access.wholePlan ? wholePlan(plan) : ownActionsOnly(plan)}`,
  });
}
