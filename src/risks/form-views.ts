import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukDateInput, govukErrorSummary, govukRadios, govukSummaryList, govukTag, govukTextarea } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDate, formatDateTime, formatIsoDate } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { personPageLayout } from "../people/person-layout.ts";
import { RISK_CATEGORIES, RISK_CATEGORY_HINTS, RISK_CATEGORY_LABELS, RISK_LEVELS, RISK_LEVEL_LABELS, type RiskFormValues } from "./schema.ts";
import type { RiskFormContext, RiskView } from "./service.ts";

export interface RiskFormOptions {
  mode: "new" | "edit";
  context: RiskFormContext;
  /** The stored risk, when changing one. */
  risk?: RiskView;
  values: RiskFormValues;
  issues: FieldIssue[];
  /** When someone else saved first: the risk as it is stored now. */
  conflict?: RiskView;
}

function errorHref(field: string): string {
  if (field === "reviewOn") return "#reviewOn-day";
  if (field === "form") return "#main-content";
  return `#${field}`;
}

function conflictSummary(stored: RiskView): SafeHtml {
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
  <h2 class="govuk-error-summary__title">Someone else changed this risk while you were editing</h2>
  <div class="govuk-error-summary__body"><p class="govuk-body">Your changes have not been saved. This is what is saved now:</p>
  ${govukSummaryList({
    rows: [
      { key: { text: "Who it is a risk to" }, value: { text: RISK_CATEGORY_LABELS[stored.category] } },
      { key: { text: "Level" }, value: { text: RISK_LEVEL_LABELS[stored.level] } },
      { key: { text: "The risk" }, value: { text: stored.description } },
      { key: { text: "What keeps people safe" }, value: { text: stored.safetyPlan ?? "(none)" } },
      { key: { text: "Review by" }, value: { text: formatIsoDate(stored.reviewOn) } },
      { key: { text: "Status" }, value: { text: stored.closedAt ? `Closed ${formatDate(stored.closedAt)}` : "Current" } },
      { key: { text: "Last changed" }, value: { text: `${stored.updatedBy?.name ?? "Unknown"}, ${formatDateTime(stored.updatedAt)}` } },
    ],
  })}
  <p class="govuk-body">Your version is in the form below. Check it, then save again to replace what is saved, or go back to keep it.</p></div></div></div>`;
}

export function riskFormPage(page: PageContext, options: RiskFormOptions): SafeHtml {
  const { person, relationship } = options.context;
  const { values, risk } = options;
  const errors = errorsByField(options.issues);
  const error = (field: string) => (errors[field] ? { errorMessage: { text: errors[field] } } : {});
  const isNew = options.mode === "new" || !risk;
  const title = isNew ? "Add a risk" : "Change a risk";
  const action = isNew ? paths.people.risks(person.id) : paths.risks.update(risk.id);
  const dateClasses = (width: string) => `${width}${errors.reviewOn ? " govuk-input--error" : ""}`;
  return personPageLayout(page, {
    person,
    relationship,
    current: "risks",
    title,
    hasErrors: options.issues.length > 0 || Boolean(options.conflict),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  ${options.issues.length > 0
    ? govukErrorSummary({ titleText: "There is a problem", errorList: options.issues.map((issue) => ({ text: issue.message, href: errorHref(issue.field) })) })
    : ""}
  ${options.conflict ? conflictSummary(options.conflict) : ""}
  <h2 class="govuk-heading-l">${title}${risk?.closedAt ? html` ${govukTag({ text: "Closed", classes: "govuk-tag--grey" })}` : ""}</h2>
  ${risk ? html`<p class="govuk-body-s">Recorded by ${risk.createdBy?.name ?? "Unknown"}, ${formatDateTime(risk.createdAt)}.${risk.version > 1 ? ` Last changed by ${risk.updatedBy?.name ?? "Unknown"}, ${formatDateTime(risk.updatedAt)}.` : ""}</p>` : ""}
  <form method="post" action="${action}" novalidate>
    <input type="hidden" name="_csrf" value="${page.csrfToken}">
    ${isNew ? "" : html`<input type="hidden" name="version" value="${values.version ?? ""}"><input type="hidden" name="action" value="save">`}
    ${govukRadios({
      idPrefix: "category",
      name: "category",
      fieldset: { legend: { text: "Who is it a risk to?", classes: "govuk-fieldset__legend--m" } },
      value: values.category ?? "",
      ...error("category"),
      items: RISK_CATEGORIES.map((category) => ({ value: category, text: RISK_CATEGORY_LABELS[category], hint: { text: RISK_CATEGORY_HINTS[category] } })),
    })}
    ${govukRadios({
      idPrefix: "level",
      name: "level",
      fieldset: { legend: { text: "Level of risk", classes: "govuk-fieldset__legend--s" } },
      value: values.level ?? "",
      classes: "govuk-radios--inline",
      ...error("level"),
      items: RISK_LEVELS.map((level) => ({ value: level, text: RISK_LEVEL_LABELS[level] })),
    })}
    ${govukTextarea({
      id: "description",
      name: "description",
      label: { text: "The risk", classes: "govuk-label--s" },
      hint: { text: "What could happen, to whom, and when it is more likely. Keep to facts." },
      rows: 4,
      value: values.description ?? "",
      ...error("description"),
    })}
    ${govukTextarea({
      id: "safetyPlan",
      name: "safetyPlan",
      label: { text: "What keeps people safe (optional)", classes: "govuk-label--s" },
      hint: { text: "For risks to workers, the lone-working arrangements: visit in pairs, meet in a public place, call in before and after." },
      rows: 4,
      value: values.safetyPlan ?? "",
      ...error("safetyPlan"),
    })}
    ${govukDateInput({
      id: "reviewOn",
      namePrefix: "reviewOn",
      fieldset: { legend: { text: "Review by", classes: "govuk-fieldset__legend--s" } },
      hint: { text: isNew ? "Three months from today unless you choose otherwise. For example, 27 6 2026" : "Today or later when you change it. For example, 27 6 2026" },
      ...error("reviewOn"),
      items: [
        { name: "day", classes: dateClasses("govuk-input--width-2"), value: values["reviewOn-day"] ?? "" },
        { name: "month", classes: dateClasses("govuk-input--width-2"), value: values["reviewOn-month"] ?? "" },
        { name: "year", classes: dateClasses("govuk-input--width-4"), value: values["reviewOn-year"] ?? "" },
      ],
    })}
    <div class="govuk-button-group">
      ${govukButton({ text: isNew ? "Add risk" : "Save changes", preventDoubleClick: true })}
      <a class="govuk-link" href="${paths.people.risks(person.id)}">Cancel</a>
    </div>
  </form>
  ${risk
    ? html`<h3 class="govuk-heading-m">${risk.closedAt ? "Reopen this risk" : "Close this risk"}</h3>
  <p class="govuk-body">${risk.closedAt
    ? `This risk was closed on ${formatDate(risk.closedAt)}. Reopen it if it applies again.`
    : "Close a risk when it no longer applies. It stays on the record, with its history on the chronology."}</p>
  <form method="post" action="${paths.risks.update(risk.id)}" novalidate>
    <input type="hidden" name="_csrf" value="${page.csrfToken}">
    <input type="hidden" name="version" value="${values.version ?? String(risk.version)}">
    <input type="hidden" name="action" value="${risk.closedAt ? "reopen" : "close"}">
    ${govukButton({ text: risk.closedAt ? "Reopen risk" : "Close risk", classes: "govuk-button--secondary", preventDoubleClick: true })}
  </form>`
    : ""}
</div></div>`,
  });
}
