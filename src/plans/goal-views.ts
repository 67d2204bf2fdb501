import { conflictSummary as savedNowSummary } from "../platform/views/conflict.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukBackLink, govukButton, govukErrorSummary, govukRadios, govukSummaryList, govukTable, govukTextarea } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { personPageLayout, type PersonHeading } from "../people/person-layout.ts";
import type { Relationship } from "../platform/access/index.ts";
import type { GoalPage } from "./goal-service.ts";
import type { GoalFormValues, ProgressFormValues } from "./forms.ts";
import { GOAL_STATUSES, GOAL_STATUS_LABELS } from "./schema.ts";
import type { GoalView } from "./service.ts";
import { actionsTable, goalStatusTag, ratingText, recordedLine, sparkline } from "./view-parts.ts";

function errorSummary(issues: FieldIssue[], hrefs: Record<string, string> = {}): SafeHtml | string {
  if (issues.length === 0) return "";
  return govukErrorSummary({
    titleText: "There is a problem",
    errorList: issues.map((issue) => ({ text: issue.message, href: hrefs[issue.field] ?? (issue.field === "form" ? "#main-content" : `#${issue.field}`) })),
  });
}

const RATINGS = Array.from({ length: 11 }, (_, rating) => String(rating));

function progressForm(page: PageContext, goal: GoalView, values: ProgressFormValues, issues: FieldIssue[]): SafeHtml {
  const errors = errorsByField(issues);
  return html`<form method="post" action="${paths.goals.progress(goal.id)}" novalidate class="keywork-no-print">
  <input type="hidden" name="_csrf" value="${page.csrfToken}">
  <h3 class="govuk-heading-m">Record progress</h3>
  ${govukTextarea({
    id: "note",
    name: "note",
    label: { text: "How is it going?", classes: "govuk-label--s" },
    hint: { text: "What has happened since last time, in plain words. Use their words where you can." },
    rows: 3,
    value: values.note ?? "",
    ...(errors.note ? { errorMessage: { text: errors.note } } : {}),
  })}
  ${govukRadios({
    idPrefix: "rating",
    name: "rating",
    classes: "govuk-radios--inline govuk-radios--small",
    fieldset: { legend: { text: "How would they rate it now? (optional)", classes: "govuk-fieldset__legend--s" } },
    hint: { text: "0 is nowhere near, 10 is there. Ask them; leave it blank if they would rather not say." },
    value: values.rating ?? "",
    ...(errors.rating ? { errorMessage: { text: errors.rating } } : {}),
    items: RATINGS.map((rating) => ({ value: rating, text: rating })),
  })}
  ${govukButton({ text: "Save progress", preventDoubleClick: true })}
</form>`;
}

export interface GoalPageOptions {
  values: ProgressFormValues;
  issues: FieldIssue[];
}

/** A goal with its progress over time, the actions towards it, and (for workers) the form to record progress. */
export function goalPage(page: PageContext, view: GoalPage, options: GoalPageOptions = { values: {}, issues: [] }): SafeHtml {
  const { goal, person, relationship, access, actions } = view;
  const newestFirst = [...goal.progress].reverse();
  return personPageLayout(page, {
    person,
    relationship,
    current: "plan",
    title: "Goal",
    hasErrors: options.issues.length > 0,
    content: html`${govukBackLink({ href: paths.people.plan(person.id), text: "Back to the plan" })}
${errorSummary(options.issues, { rating: "#rating" })}
<span class="govuk-caption-m">Goal</span>
<h2 class="govuk-heading-l keywork-pre-line">${goal.description}</h2>
${govukSummaryList({
  rows: [
    { key: { text: "Status" }, value: { html: goalStatusTag(goal.status) } },
    ...(access.seesNotes ? [{ key: { text: "Worker's note" }, value: { html: html`<span class="keywork-pre-line">${goal.workerNote ?? "None"}</span>` } }] : []),
    { key: { text: "Recorded" }, value: { text: recordedLine(goal) } },
  ],
})}
${access.mayEdit ? html`<p class="govuk-body keywork-no-print"><a class="govuk-link" href="${paths.goals.edit(goal.id)}">Change the goal, or mark it achieved</a></p>` : ""}
<h3 class="govuk-heading-m">Progress over time</h3>
${goal.progress.length === 0
  ? html`<p class="govuk-body">No progress recorded yet.</p>`
  : html`${sparkline(goal.progress, { width: 320, height: 64 })}
${govukTable({
  caption: "Progress, newest first",
  captionClasses: "govuk-visually-hidden",
  head: [{ text: "When" }, { text: "Rating" }, ...(access.seesNotes ? [{ text: "How it is going" }] : []), { text: "Recorded by" }],
  rows: newestFirst.map((item) => [
    { text: formatDateTime(item.recordedAt) },
    { text: ratingText(item.rating) },
    ...(access.seesNotes ? [{ html: html`<span class="keywork-pre-line">${item.note ?? ""}</span>` }] : []),
    { text: item.recordedBy?.name ?? "Unknown" },
  ]),
})}`}
${access.mayEdit ? progressForm(page, goal, options.values, options.issues) : ""}
<h3 class="govuk-heading-m">Actions towards this goal</h3>
${actions.length === 0
  ? html`<p class="govuk-body">None yet.${access.mayEdit ? html` <a class="govuk-link" href="${paths.people.newAction(person.id, { goal: goal.id })}">Add an action for this goal</a>` : ""}</p>`
  : actionsTable(actions, { caption: "Actions towards this goal", captionClasses: "govuk-visually-hidden", showEvidence: access.seesNotes })}`,
  });
}

export interface GoalFormOptions {
  mode: "new" | "edit";
  person: PersonHeading;
  relationship: Relationship;
  goal?: GoalView;
  values: GoalFormValues;
  issues: FieldIssue[];
  /** When someone else saved first: the goal as it is stored now. */
  conflict?: GoalView;
}

function conflictSummary(stored: GoalView): SafeHtml {
  return savedNowSummary("Someone else changed this goal while you were editing", [
    { key: { text: "The goal" }, value: { text: stored.description } },
    { key: { text: "Worker's note" }, value: { text: stored.workerNote ?? "(none)" } },
    { key: { text: "Status" }, value: { text: GOAL_STATUS_LABELS[stored.status] } },
    { key: { text: "Last changed" }, value: { text: `${stored.updatedBy?.name ?? "Unknown"}, ${formatDateTime(stored.updatedAt)}` } },
  ]);
}

/** Adding a goal, or changing one (its words, the worker's note, whether it is achieved). */
export function goalFormPage(page: PageContext, options: GoalFormOptions): SafeHtml {
  const { person, relationship, values, goal } = options;
  const errors = errorsByField(options.issues);
  const error = (field: string) => (errors[field] ? { errorMessage: { text: errors[field] } } : {});
  const isNew = options.mode === "new" || !goal;
  const title = isNew ? "Add a goal" : "Change a goal";
  const name = person.preferredName ?? person.givenName;
  return personPageLayout(page, {
    person,
    relationship,
    current: "plan",
    title,
    hasErrors: options.issues.length > 0 || Boolean(options.conflict),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${errorSummary(options.issues, { status: "#status" })}
${options.conflict ? conflictSummary(options.conflict) : ""}
<h2 class="govuk-heading-l">${title}</h2>
<form method="post" action="${isNew ? paths.people.goals(person.id) : paths.goals.update(goal.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${page.csrfToken}">
  ${isNew ? "" : html`<input type="hidden" name="version" value="${values.version ?? ""}">`}
  ${govukTextarea({
    id: "description",
    name: "description",
    label: { text: `The goal, in ${name}'s own words`, classes: "govuk-label--m" },
    hint: { text: "Write it as they say it: “I want to get my own flat near my daughter”, not “Secure accommodation”." },
    rows: 3,
    value: values.description ?? "",
    ...error("description"),
  })}
  ${govukTextarea({
    id: "workerNote",
    name: "workerNote",
    label: { text: "Worker's note (optional)", classes: "govuk-label--s" },
    hint: { text: "Context for the team: what stands in the way, who can help." },
    rows: 3,
    value: values.workerNote ?? "",
    ...error("workerNote"),
  })}
  ${isNew
    ? ""
    : govukRadios({
        idPrefix: "status",
        name: "status",
        fieldset: { legend: { text: "How is the goal going?", classes: "govuk-fieldset__legend--s" } },
        value: values.status ?? "",
        ...error("status"),
        items: GOAL_STATUSES.map((status) => ({ value: status, text: GOAL_STATUS_LABELS[status] })),
      })}
  <div class="govuk-button-group">
    ${govukButton({ text: isNew ? "Add goal" : "Save changes", preventDoubleClick: true })}
    <a class="govuk-link" href="${isNew ? paths.people.plan(person.id) : paths.goals.show(goal.id)}">Cancel</a>
  </div>
</form>
</div></div>`,
  });
}
