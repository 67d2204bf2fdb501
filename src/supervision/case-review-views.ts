import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukDateInput, govukErrorSummary, govukInsetText, govukSummaryList, govukTable, govukTextarea } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, formatIsoDate, personName, plural, shorten } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { personPageLayout } from "../people/person-layout.ts";
import type { CaseReviewFormContext, CaseReviewView, PersonCaseReviews } from "./case-review-service.ts";
import type { PersonHeading } from "../people/person-layout.ts";
import type { Relationship } from "../platform/access/index.ts";
import { goalLines, MAX_GOAL_LENGTH, MAX_REFOCUSED_GOALS, type CaseReviewFormValues } from "./schema.ts";

const preLine = (text: string) => html`<span class="keywork-pre-line">${text}</span>`;

/** A reflective case review form, starting "what is stuck" with what the rules find today. */
export function caseReviewFormPage(page: PageContext, options: { context: CaseReviewFormContext; values: CaseReviewFormValues; issues: FieldIssue[] }): SafeHtml {
  const { person, relationship, stuckReasons } = options.context;
  const { values } = options;
  const errors = errorsByField(options.issues);
  const error = (field: string) => (errors[field] ? { errorMessage: { text: errors[field] } } : {});
  const dateClasses = (width: string) => `${width}${errors.heldOn ? " govuk-input--error" : ""}`;
  return personPageLayout(page, {
    person,
    relationship,
    current: "plan",
    title: "Record a reflective case review",
    hasErrors: options.issues.length > 0,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  ${options.issues.length > 0
    ? govukErrorSummary({ titleText: "There is a problem", errorList: options.issues.map((issue) => ({ text: issue.message, href: issue.field === "heldOn" ? "#heldOn-day" : `#${issue.field}` })) })
    : ""}
  <h2 class="govuk-heading-l">Record a reflective case review</h2>
  <p class="govuk-body">A reflective case review is a pause to notice what is stuck, have the honest conversation — with ${personName(person)} and with the team — and agree goals that mean something to them.</p>
  ${stuckReasons.length > 0
    ? govukInsetText({ html: html`<p class="govuk-body">The stuck-case rules find today:</p><ul class="govuk-list govuk-list--bullet">${stuckReasons.map((reason) => html`<li>${reason.text}</li>`)}</ul>` })
    : html`<p class="govuk-body">The stuck-case rules find nothing stuck for ${personName(person)} today. You can still hold a review when you or they feel stuck.</p>`}
  <form method="post" action="${paths.people.caseReviews(person.id)}" novalidate>
    <input type="hidden" name="_csrf" value="${page.csrfToken}">
    ${govukDateInput({
      id: "heldOn",
      namePrefix: "heldOn",
      fieldset: { legend: { text: "When was the review held?", classes: "govuk-fieldset__legend--s" } },
      hint: { text: "Today or earlier. For example, 27 3 2027" },
      ...error("heldOn"),
      items: [
        { name: "day", classes: dateClasses("govuk-input--width-2"), value: values["heldOn-day"] ?? "" },
        { name: "month", classes: dateClasses("govuk-input--width-2"), value: values["heldOn-month"] ?? "" },
        { name: "year", classes: dateClasses("govuk-input--width-4"), value: values["heldOn-year"] ?? "" },
      ],
    })}
    ${govukTextarea({
      id: "whatIsStuck",
      name: "whatIsStuck",
      label: { text: "What is stuck", classes: "govuk-label--s" },
      hint: { text: "Start from what the rules found, and add what you, the person and the team notice." },
      rows: 5,
      value: values.whatIsStuck ?? "",
      ...error("whatIsStuck"),
    })}
    ${govukTextarea({
      id: "conversation",
      name: "conversation",
      label: { text: "The honest conversation held", classes: "govuk-label--s" },
      hint: { text: "Who it was with — the person, their family, the team — what each said, and what was hard to say. This stays in the review: it is not put on the chronology." },
      rows: 8,
      value: values.conversation ?? "",
      ...error("conversation"),
    })}
    ${govukTextarea({
      id: "refocusedGoals",
      name: "refocusedGoals",
      label: { text: "Refocused goals (optional)", classes: "govuk-label--s" },
      hint: { text: `One goal on each line, in ${personName(person)}'s own words. Each becomes a new goal in their plan (up to ${MAX_REFOCUSED_GOALS}, ${MAX_GOAL_LENGTH} characters each).` },
      rows: 4,
      value: values.refocusedGoals ?? "",
      ...error("refocusedGoals"),
    })}
    ${govukTextarea({
      id: "outcome",
      name: "outcome",
      label: { text: "Outcome", classes: "govuk-label--s" },
      hint: { text: "What was agreed and what happens next. Only the people who read case reviews see it; the chronology shows that the review was held and how many goals were refocused." },
      rows: 3,
      value: values.outcome ?? "",
      ...error("outcome"),
    })}
    <div class="govuk-button-group">
      ${govukButton({ text: "Save review", preventDoubleClick: true })}
      <a class="govuk-link" href="${paths.people.caseReviews(person.id)}">Cancel</a>
    </div>
  </form>
</div></div>`,
  });
}

/** A person's reflective case reviews, the most recent first. */
export function caseReviewsPage(page: PageContext, view: PersonCaseReviews): SafeHtml {
  const { person, relationship, reviews, mayRecord } = view;
  return personPageLayout(page, {
    person,
    relationship,
    current: "plan",
    title: "Reflective case reviews",
    content: html`<h2 class="govuk-heading-l">Reflective case reviews</h2>
<p class="govuk-body">When a case is stuck, the team and ${personName(person)} stop to reflect: what is stuck, the honest conversation held, and the goals they refocus on.</p>
${mayRecord ? govukButton({ text: "Record a reflective case review", href: paths.people.newCaseReview(person.id) }) : ""}
${reviews.length === 0
  ? html`<p class="govuk-body">No reflective case reviews yet.</p>`
  : govukTable({
      caption: `${plural(reviews.length, "review")}, most recent first`,
      captionClasses: "govuk-table__caption--s",
      head: [{ text: "Held on" }, { text: "Outcome" }, { text: "Recorded by" }],
      rows: reviews.map((review) => [
        { html: html`<a class="govuk-link" href="${paths.caseReviews.show(review.id)}">${formatIsoDate(review.heldOn)}<span class="govuk-visually-hidden"> — open the review</span></a>` },
        { text: shorten(review.outcome, 160) },
        { text: review.createdBy?.name ?? "Unknown" },
      ]),
    })}
<p class="govuk-body"><a class="govuk-link" href="${paths.people.plan(person.id)}">${personName(person)}'s plan</a></p>`,
  });
}

/** One reflective case review, in full. */
export function caseReviewPage(page: PageContext, view: { person: PersonHeading; relationship: Relationship; review: CaseReviewView }): SafeHtml {
  const { person, relationship, review } = view;
  const goals = goalLines(review.refocusedGoals);
  return personPageLayout(page, {
    person,
    relationship,
    current: "plan",
    title: `Reflective case review, ${formatIsoDate(review.heldOn)}`,
    content: html`<a class="govuk-back-link" href="${paths.people.caseReviews(person.id)}">All reflective case reviews</a>
<h2 class="govuk-heading-l">Reflective case review, ${formatIsoDate(review.heldOn)}</h2>
${govukSummaryList({
  rows: [
    { key: { text: "Held on" }, value: { text: formatIsoDate(review.heldOn) } },
    { key: { text: "What is stuck" }, value: { html: preLine(review.whatIsStuck) } },
    { key: { text: "The honest conversation held" }, value: { html: preLine(review.conversation) } },
    {
      key: { text: "Refocused goals" },
      value: {
        html:
          goals.length > 0
            ? html`<ul class="govuk-list govuk-list--bullet">${goals.map((goal) => html`<li>${goal}</li>`)}</ul><p class="govuk-body-s govuk-!-margin-bottom-0">Added to the plan as new goals.</p>`
            : html`None agreed`,
      },
    },
    { key: { text: "Outcome" }, value: { html: preLine(review.outcome) } },
    { key: { text: "Recorded by" }, value: { text: `${review.createdBy?.name ?? "Unknown"}, ${formatDateTime(review.createdAt)}` } },
  ],
})}
<p class="govuk-body"><a class="govuk-link" href="${paths.people.plan(person.id)}">${personName(person)}'s plan</a></p>`,
  });
}
