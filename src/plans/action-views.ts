import { conflictSummary as savedNowSummary } from "../platform/views/conflict.ts";
import type { Relationship } from "../platform/access/index.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukBackLink, govukButton, govukDateInput, govukErrorSummary, govukInput, govukRadios, govukSelect, govukTable, govukTextarea } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, formatIsoDate, shorten } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { personPageLayout, type PersonHeading } from "../people/person-layout.ts";
import type { ActionPage } from "./action-service.ts";
import type { ActionFormValues } from "./forms.ts";
import { historyEntries, ownerLine } from "./present.ts";
import { ACTION_STATUSES, ACTION_STATUS_LABELS } from "./schema.ts";
import type { ActionView, GoalView, OrganisationOption, OwnerOption } from "./service.ts";
import { actionDetails, recordedLine } from "./view-parts.ts";

/** An action with its full history: who changed what, and when. */
export function actionPage(page: PageContext, view: ActionPage): SafeHtml {
  const { action, person, relationship, access, rights } = view;
  const entries = [...historyEntries(view.history)].reverse();
  return personPageLayout(page, {
    person,
    relationship,
    current: "plan",
    title: "Action",
    content: html`${govukBackLink({ href: paths.people.plan(person.id), text: "Back to the plan" })}
<span class="govuk-caption-m">Action</span>
<h2 class="govuk-heading-l keywork-pre-line">${shorten(action.description, 160)}</h2>
${actionDetails(action, { showEvidence: access.seesNotes, linkMeeting: relationship.audience === "full" || relationship.audience === "partner" })}
<p class="govuk-body-s">${recordedLine(action)}</p>
${rights === "none"
  ? ""
  : govukButton({ text: rights === "all" ? "Update or change the action" : "Update status or evidence", href: paths.actions.edit(action.id), classes: "keywork-no-print" })}
<h3 class="govuk-heading-m">History</h3>
<p class="govuk-body">Every change to this action, newest first.</p>
${govukTable({
  caption: "History of the action",
  captionClasses: "govuk-visually-hidden",
  head: [{ text: "When" }, { text: "Who" }, { text: "What changed" }],
  rows: entries.map((entry) => [
    { text: formatDateTime(entry.changedAt) },
    { text: entry.changedBy?.name ?? "Unknown" },
    {
      html:
        entry.version === 1
          ? html`Added: due ${entry.changes.find((change) => change.field === "dueDate")?.toText ?? ""}, owned by ${entry.changes.find((change) => change.field === "ownerOrganisationId")?.toText ?? ""}`
          : entry.changes.length === 0
            ? html`Saved without changes`
            : html`<ul class="govuk-list">${entry.changes.map(
                (change) => html`<li><strong>${change.label}:</strong> ${shorten(change.fromText, 80)} → ${shorten(change.toText, 120)}</li>`,
              )}</ul>`,
    },
  ]),
})}`,
  });
}

export interface ActionFormOptions {
  mode: "new" | "edit";
  person: PersonHeading;
  relationship: Relationship;
  /** Everything for the person's workers; status and evidence only for a partner agency. */
  rights: "all" | "status-and-evidence";
  action?: ActionView;
  goals: GoalView[];
  organisations: OrganisationOption[];
  owners: OwnerOption[];
  values: ActionFormValues;
  issues: FieldIssue[];
  conflict?: ActionView;
}

const ERROR_HREFS: Record<string, string> = { dueDate: "#dueDate-day", status: "#status", form: "#main-content" };

function conflictSummary(stored: ActionView): SafeHtml {
  return savedNowSummary("Someone else changed this action while you were editing", [
    { key: { text: "Action" }, value: { text: stored.description } },
    { key: { text: "Owner" }, value: { text: ownerLine(stored) } },
    { key: { text: "Due" }, value: { text: formatIsoDate(stored.dueOn) } },
    { key: { text: "Status" }, value: { text: ACTION_STATUS_LABELS[stored.status] } },
    { key: { text: "Evidence" }, value: { text: stored.evidence ?? "(none)" } },
    { key: { text: "Last changed" }, value: { text: `${stored.updatedBy?.name ?? "Unknown"}, ${formatDateTime(stored.updatedAt)}` } },
  ]);
}

function ownerFields(options: ActionFormOptions, error: (field: string) => object): SafeHtml {
  const { values } = options;
  const inTeam = options.owners.filter((owner) => owner.inTeam);
  const others = options.owners.filter((owner) => !owner.inTeam);
  const ownerText = (owner: OwnerOption) => `${owner.name}, ${owner.organisationName}${owner.inTeam ? " (in their team)" : ""}`;
  return html`${govukSelect({
    id: "ownerOrganisationId",
    name: "ownerOrganisationId",
    label: { text: "Which organisation owns it?", classes: "govuk-label--s" },
    hint: { text: "Your own organisation is first, then the partner agencies." },
    value: values.ownerOrganisationId ?? "",
    ...error("ownerOrganisationId"),
    items: [{ value: "", text: "Choose an organisation" }, ...options.organisations.map((organisation) => ({ value: organisation.id, text: organisation.own ? `${organisation.name} (yours)` : organisation.name }))],
  })}
  ${govukSelect({
    id: "ownerUserId",
    name: "ownerUserId",
    label: { text: "Named owner (optional)", classes: "govuk-label--s" },
    hint: { text: "Someone who works for that organisation. The team around the person is first." },
    value: values.ownerUserId ?? "",
    ...error("ownerUserId"),
    items: [{ value: "", text: "No one named, or someone not listed" }, ...inTeam.map((owner) => ({ value: owner.id, text: ownerText(owner) })), ...others.map((owner) => ({ value: owner.id, text: ownerText(owner) }))],
  })}
  ${govukInput({
    id: "ownerName",
    name: "ownerName",
    label: { text: "Or the name of someone not listed (optional)", classes: "govuk-label--s" },
    hint: { text: "For example, Dr Shah at the GP practice. Leave it empty when you chose someone above." },
    classes: "govuk-!-width-two-thirds",
    value: values.ownerName ?? "",
    ...error("ownerName"),
  })}`;
}

/** Adding an action, or changing one: everything for the person's workers, status and evidence for a partner agency. */
export function actionFormPage(page: PageContext, options: ActionFormOptions): SafeHtml {
  const { person, relationship, values, action } = options;
  const errors = errorsByField(options.issues);
  const error = (field: string) => (errors[field] ? { errorMessage: { text: errors[field] } } : {});
  const isNew = options.mode === "new" || !action;
  const all = options.rights === "all";
  const title = isNew ? "Add an action" : all ? "Change an action" : "Update an action";
  const dateClasses = (width: string) => `${width}${errors.dueDate ? " govuk-input--error" : ""}`;
  return personPageLayout(page, {
    person,
    relationship,
    current: "plan",
    title,
    hasErrors: options.issues.length > 0 || Boolean(options.conflict),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${options.issues.length > 0 ? govukErrorSummary({ titleText: "There is a problem", errorList: options.issues.map((issue) => ({ text: issue.message, href: ERROR_HREFS[issue.field] ?? `#${issue.field}` })) }) : ""}
${options.conflict ? conflictSummary(options.conflict) : ""}
<h2 class="govuk-heading-l">${title}</h2>
${!all && action ? html`${actionDetails(action, { showEvidence: false, linkMeeting: false })}<p class="govuk-body">Your organisation owns this action. You can update its status and evidence; ask the key worker to change anything else.</p>` : ""}
<form method="post" action="${isNew ? paths.people.actions(person.id) : paths.actions.update(action.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${page.csrfToken}">
  ${isNew ? "" : html`<input type="hidden" name="version" value="${values.version ?? ""}">`}
  ${all
    ? html`${govukTextarea({
        id: "description",
        name: "description",
        label: { text: "What will be done?", classes: "govuk-label--s" },
        hint: { text: "One clear thing someone will do, for example “Book a viewing of the flat on Tanner Row”." },
        rows: 3,
        value: values.description ?? "",
        ...error("description"),
      })}
  ${govukDateInput({
    id: "dueDate",
    namePrefix: "dueDate",
    fieldset: { legend: { text: "Due by", classes: "govuk-fieldset__legend--s" } },
    hint: { text: "Today or later. For example, 27 6 2026" },
    ...error("dueDate"),
    items: [
      { name: "day", classes: dateClasses("govuk-input--width-2"), value: values["dueDate-day"] ?? "" },
      { name: "month", classes: dateClasses("govuk-input--width-2"), value: values["dueDate-month"] ?? "" },
      { name: "year", classes: dateClasses("govuk-input--width-4"), value: values["dueDate-year"] ?? "" },
    ],
  })}
  ${ownerFields(options, error)}
  ${govukSelect({
    id: "goalId",
    name: "goalId",
    label: { text: "Which goal does it help with? (optional)", classes: "govuk-label--s" },
    value: values.goalId ?? "",
    ...error("goalId"),
    items: [{ value: "", text: "Not linked to a goal" }, ...options.goals.map((goal) => ({ value: goal.id, text: shorten(goal.description, 90) }))],
  })}`
    : ""}
  ${isNew
    ? ""
    : govukRadios({
        idPrefix: "status",
        name: "status",
        fieldset: { legend: { text: "Status", classes: "govuk-fieldset__legend--s" } },
        classes: "govuk-radios--inline",
        value: values.status ?? "",
        ...error("status"),
        items: ACTION_STATUSES.map((status) => ({ value: status, text: ACTION_STATUS_LABELS[status] })),
      })}
  ${govukTextarea({
    id: "evidence",
    name: "evidence",
    label: { text: "Evidence (optional)", classes: "govuk-label--s" },
    hint: { text: "What was done and how we know: a date, a letter, a reference number." },
    rows: 3,
    value: values.evidence ?? "",
    ...error("evidence"),
  })}
  <div class="govuk-button-group">
    ${govukButton({ text: isNew ? "Add action" : "Save changes", preventDoubleClick: true })}
    <a class="govuk-link" href="${isNew ? paths.people.plan(person.id) : paths.actions.show(action.id)}">Cancel</a>
  </div>
</form>
</div></div>`,
  });
}
