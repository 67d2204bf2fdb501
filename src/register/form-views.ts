import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukDateInput, govukErrorSummary, govukInput, govukRadios, govukSelect, govukSummaryList, govukTextarea } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, formatIsoDate } from "../platform/views/format.ts";
import type { FormValues } from "./forms.ts";
import type { LinkablePerson } from "./link-store.ts";
import { COMMUNITY_RATINGS, RATING_HINTS, RATING_LABELS, REVIEW_DEFAULT_HINT } from "./schema.ts";
import type { EntryView } from "./service.ts";
import { ratingTag } from "./views.ts";

/** Pieces every register form shares: the error summary, dates, the rating fields, hidden fields. */

const DATE_FIELDS = new Set(["dateOfBirth", "nextReviewOn", "admittedOn", "dischargedOn"]);

export function errorHref(field: string): string {
  if (DATE_FIELDS.has(field)) return `#${field}-day`;
  if (field === "rating") return "#rating";
  if (field === "form") return "#main-content";
  return `#${field}`;
}

export function issuesSummary(issues: FieldIssue[]): SafeHtml | string {
  if (issues.length === 0) return "";
  return govukErrorSummary({ titleText: "There is a problem", errorList: issues.map((issue) => ({ text: issue.message, href: errorHref(issue.field) })) });
}

export interface FormParts {
  values: FormValues;
  errors: Record<string, string>;
}

export function formParts(values: FormValues, issues: FieldIssue[]): FormParts {
  return { values, errors: errorsByField(issues) };
}

function errorOf(parts: FormParts, field: string) {
  return parts.errors[field] ? { errorMessage: { text: parts.errors[field] } } : {};
}

export function dateInput(parts: FormParts, name: string, legend: string, hint: string, legendClasses = "govuk-fieldset__legend--s"): SafeHtml {
  const error = parts.errors[name] ? " govuk-input--error" : "";
  return govukDateInput({
    id: name,
    namePrefix: name,
    fieldset: { legend: { text: legend, classes: legendClasses } },
    hint: { text: hint },
    ...errorOf(parts, name),
    items: [
      { name: "day", classes: `govuk-input--width-2${error}`, value: parts.values[`${name}-day`] ?? "" },
      { name: "month", classes: `govuk-input--width-2${error}`, value: parts.values[`${name}-month`] ?? "" },
      { name: "year", classes: `govuk-input--width-4${error}`, value: parts.values[`${name}-year`] ?? "" },
    ],
  });
}

export function textInput(parts: FormParts, name: string, label: string, options: { hint?: string; classes?: string } = {}): SafeHtml {
  return govukInput({
    id: name,
    name,
    label: { text: label, classes: "govuk-label--s" },
    ...(options.hint ? { hint: { text: options.hint } } : {}),
    ...(options.classes ? { classes: options.classes } : {}),
    value: parts.values[name] ?? "",
    ...errorOf(parts, name),
  });
}

export function textArea(parts: FormParts, name: string, label: string, hint?: string): SafeHtml {
  return govukTextarea({
    id: name,
    name,
    label: { text: label, classes: "govuk-label--s" },
    ...(hint ? { hint: { text: hint } } : {}),
    rows: 4,
    value: parts.values[name] ?? "",
    ...errorOf(parts, name),
  });
}

/** The rating (red to green), its reason and the next review date. */
export function ratingFields(parts: FormParts, options: { legend: string; reasonLabel?: string; reasonHint?: string; showRating?: boolean }): SafeHtml {
  return html`${options.showRating === false
    ? ""
    : govukRadios({
        idPrefix: "rating",
        name: "rating",
        fieldset: { legend: { text: options.legend, classes: "govuk-fieldset__legend--m" } },
        value: parts.values.rating ?? "",
        ...errorOf(parts, "rating"),
        items: COMMUNITY_RATINGS.map((rating) => ({ value: rating, text: RATING_LABELS[rating], hint: { text: RATING_HINTS[rating] } })),
      })}
${textArea(parts, "reason", options.reasonLabel ?? "Reason for the rating", options.reasonHint ?? "What has changed, and what would lower the risk. Keep to facts.")}
${dateInput(parts, "nextReviewOn", "Next review (optional)", `${REVIEW_DEFAULT_HINT} For example, 27 6 2026`)}`;
}

export function hiddenFields(csrfToken: string, version?: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${csrfToken}">${version === undefined ? "" : html`<input type="hidden" name="version" value="${version}">`}`;
}

/** A short summary of the entry at the top of its forms. */
export function entrySummary(entry: EntryView): SafeHtml {
  return govukSummaryList({
    classes: "govuk-summary-list--no-border",
    rows: [
      { key: { text: "Current rating" }, value: { html: ratingTag(entry.rating) } },
      { key: { text: "Reason" }, value: { text: entry.reason } },
      { key: { text: "Rated by" }, value: { text: `${entry.ratedBy?.name ?? "Unknown"}, ${formatDateTime(entry.ratedAt)}` } },
      { key: { text: "Next review" }, value: { text: formatIsoDate(entry.nextReviewOn) } },
      ...(entry.inpatient ? [{ key: { text: "In hospital" }, value: { text: `Since ${formatIsoDate(entry.inpatient.since)}, ${entry.inpatient.setting}` } }] : []),
    ],
  });
}

export function cancelTo(href: string): SafeHtml {
  return html`<a class="govuk-link" href="${href}">Cancel</a>`;
}

/** The new-entry form: link a Keywork person the owner may see, or give a name and date of birth. */
export function newEntryForm(csrfToken: string, parts: FormParts, people: LinkablePerson[]): SafeHtml {
  return html`<form method="post" action="${paths.register.create()}" novalidate>
  ${hiddenFields(csrfToken)}
  <h2 class="govuk-heading-m">The young person</h2>
  ${people.length > 0
    ? govukSelect({
        id: "personId",
        name: "personId",
        label: { text: "Someone the key-worker service knows (optional)", classes: "govuk-label--s" },
        hint: { text: "Choose them to link the entry to their Keywork record, or leave this and enter their details below." },
        value: parts.values.personId ?? "",
        ...errorOf(parts, "personId"),
        items: [{ value: "", text: "Not known to the service" }, ...people.map((person) => ({ value: person.id, text: `${person.givenName} ${person.familyName}${person.dateOfBirth ? `, born ${formatIsoDate(person.dateOfBirth)}` : ""}` }))],
      })
    : ""}
  ${textInput(parts, "givenName", people.length > 0 ? "Given name (if not chosen above)" : "Given name", { classes: "govuk-!-width-one-half" })}
  ${textInput(parts, "familyName", people.length > 0 ? "Family name (if not chosen above)" : "Family name", { classes: "govuk-!-width-one-half" })}
  ${dateInput(parts, "dateOfBirth", "Date of birth (optional)", "It helps the key-worker service find them. For example, 3 5 2010")}
  ${ratingFields(parts, { legend: "Rating" })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Add to the register", preventDoubleClick: true })}
    ${cancelTo(paths.register.list())}
  </div>
</form>`;
}
