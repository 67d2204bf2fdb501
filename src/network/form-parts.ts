import { conflictSummary } from "../platform/views/conflict.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { govukDateInput, govukErrorSummary } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";

/** Pieces shared by the team's and the directory's forms. */

export type FormValues = Record<string, string | undefined>;

/** Fields shown as GOV.UK date inputs: their error links point at the day. */
const DATE_FIELDS = new Set(["startedOn", "endedOn"]);

export function fieldHref(field: string): string {
  if (DATE_FIELDS.has(field)) return `#${field}-day`;
  if (field === "role" || field === "previousLead" || field === "isCarer" || field === "kind") return `#${field}`;
  if (field === "form" || field === "body") return "#main-content";
  return `#${field}`;
}

export function errorSummary(issues: FieldIssue[]): SafeHtml | string {
  if (issues.length === 0) return "";
  return govukErrorSummary({ titleText: "There is a problem", errorList: issues.map((issue) => ({ text: issue.message, href: fieldHref(issue.field) })) });
}

export function errorFor(errors: Record<string, string>, field: string): { errorMessage?: { text: string } } {
  const message = errors[field];
  return message ? { errorMessage: { text: message } } : {};
}

/** When someone else saved first: what is stored now, so the user can compare before saving again. */
export function conflictNotice(rows: Array<{ label: string; stored: string }>): SafeHtml {
  return conflictSummary(
    "Someone else changed this while you were editing",
    rows.map((row) => ({ key: { text: row.label }, value: { text: row.stored || "(blank)" } })),
    "Your version is in the form below. Check it, then save again to replace what is saved.",
  );
}

export interface OptionGroup {
  label: string;
  options: Array<{ value: string; text: string }>;
}

/** A GOV.UK select whose options are grouped (by organisation); the design-system macro has no groups. */
export function groupedSelect(params: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  placeholder: string;
  groups: OptionGroup[];
  error?: string | undefined;
}): SafeHtml {
  const describedBy = [params.hint ? `${params.id}-hint` : "", params.error ? `${params.id}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="govuk-form-group${params.error ? " govuk-form-group--error" : ""}">
  <label class="govuk-label govuk-label--s" for="${params.id}">${params.label}</label>
  ${params.hint ? html`<div id="${params.id}-hint" class="govuk-hint">${params.hint}</div>` : ""}
  ${params.error ? html`<p id="${params.id}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${params.error}</p>` : ""}
  <select class="govuk-select${params.error ? " govuk-select--error" : ""}" id="${params.id}" name="${params.id}"${describedBy ? html` aria-describedby="${describedBy}"` : ""}>
    <option value="">${params.placeholder}</option>
    ${params.groups.map(
      (group) => html`<optgroup label="${group.label}">${group.options.map(
        (option) => html`<option value="${option.value}"${option.value === params.value ? html` selected` : ""}>${option.text}</option>`,
      )}</optgroup>`,
    )}
  </select>
</div>`;
}

/** A date as day, month and year boxes, named `<field>-day` and so on. */
export function dateField(field: string, legend: string, hint: string, values: FormValues, errors: Record<string, string>): SafeHtml {
  const errorClass = errors[field] ? " govuk-input--error" : "";
  return govukDateInput({
    id: field,
    namePrefix: field,
    fieldset: { legend: { text: legend, classes: "govuk-fieldset__legend--s" } },
    hint: { text: hint },
    ...errorFor(errors, field),
    items: [
      { name: "day", classes: `govuk-input--width-2${errorClass}`, value: values[`${field}-day`] ?? "" },
      { name: "month", classes: `govuk-input--width-2${errorClass}`, value: values[`${field}-month`] ?? "" },
      { name: "year", classes: `govuk-input--width-4${errorClass}`, value: values[`${field}-year`] ?? "" },
    ],
  });
}

/** Form values for a stored date: "2025-03-07" -> day "7", month "3", year "2025". */
export function dateValues(field: string, iso: string | null): FormValues {
  if (!iso) return { [`${field}-day`]: "", [`${field}-month`]: "", [`${field}-year`]: "" };
  const [year, month, day] = iso.split("-");
  return { [`${field}-day`]: String(Number(day)), [`${field}-month`]: String(Number(month)), [`${field}-year`]: year ?? "" };
}

export function hidden(name: string, value: string | number | undefined): SafeHtml {
  return html`<input type="hidden" name="${name}" value="${value === undefined ? "" : String(value)}">`;
}
