import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukCheckboxes, govukDetails, govukErrorSummary, govukFieldset, govukInput, govukTable, govukTag, govukTextarea } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { plural } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { areasFromFields, type AreaFields } from "./scale-form.ts";
import type { ScaleListItem } from "./scales.ts";
import type { ScaleRow } from "./store.ts";

function errorSummary(issues: FieldIssue[]): SafeHtml | string {
  return issues.length > 0
    ? govukErrorSummary({ titleText: "There is a problem", errorList: issues.map((issue) => ({ text: issue.message, href: issue.field === "form" ? "#main-content" : `#${issue.field}` })) })
    : "";
}

/** Every outcome scale, for administrators. */
export function scaleListPage(context: PageContext, scales: ScaleListItem[], issues: FieldIssue[] = []): SafeHtml {
  return layout(context, {
    title: "Outcome scales",
    hasErrors: issues.length > 0,
    content: html`${errorSummary(issues)}
<h1 class="govuk-heading-l">Outcome scales</h1>
<p class="govuk-body">Workers record readings on the default scale with the people they support. Each area is scored on a range, with a plain-English sentence for every point.</p>
<a class="govuk-button" data-module="govuk-button" href="${paths.settings.newOutcomeScale()}">Add a scale</a>
${govukTable({
  caption: "Scales",
  captionClasses: "govuk-visually-hidden",
  firstCellIsHeader: true,
  head: [{ text: "Scale" }, { text: "Areas", format: "numeric" }, { text: "Readings", format: "numeric" }, { text: "Status" }, { html: html`<span class="govuk-visually-hidden">Actions</span>` }],
  rows: scales.map((scale) => [
    { html: html`<a class="govuk-link" href="${paths.settings.outcomeScale(scale.id)}">${scale.name}</a>` },
    { text: String(scale.domains.length), format: "numeric" },
    { text: String(scale.readings), format: "numeric" },
    { html: scale.isDefault ? govukTag({ text: "Default" }) : scale.active ? govukTag({ text: "In use", classes: "govuk-tag--green" }) : govukTag({ text: "Switched off", classes: "govuk-tag--grey" }) },
    {
      html: scale.isDefault
        ? html`<span class="govuk-body-s">Always on</span>`
        : html`<form method="post" action="${paths.settings.outcomeScaleActive(scale.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="active" value="${scale.active ? "false" : "true"}">
  ${govukButton({ text: scale.active ? "Switch off" : "Switch on", classes: "govuk-button--secondary govuk-!-margin-bottom-0", attributes: { "aria-label": `${scale.active ? "Switch off" : "Switch on"} ${scale.name}` } })}
</form>`,
    },
  ]),
})}`,
  });
}

export interface ScaleForm {
  scale?: ScaleRow;
  values: Record<string, string>;
  issues: FieldIssue[];
  conflict?: boolean;
}

/** Add or change a scale: its name, description and areas (as JSON, checked when saved). */
export function scaleFormPage(context: PageContext, form: ScaleForm): SafeHtml {
  const { scale, values, issues } = form;
  const errors = errorsByField(issues);
  const title = scale ? `Change “${scale.name}”` : "Add an outcome scale";
  return layout(context, {
    title,
    hasErrors: issues.length > 0,
    content: html`${errorSummary(issues)}
${form.conflict ? html`<div class="govuk-warning-text"><strong class="govuk-warning-text__text">Someone else changed this scale after you opened it. Check the areas below, which are what is saved now, and save again.</strong></div>` : ""}
<h1 class="govuk-heading-l">${title}</h1>
<form method="post" action="${scale ? paths.settings.outcomeScale(scale.id) : paths.settings.outcomeScales()}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  ${scale ? html`<input type="hidden" name="version" value="${values.version ?? String(scale.version)}">` : ""}
  ${govukInput({ id: "name", name: "name", label: { text: "Name", classes: "govuk-label--s" }, value: values.name ?? "", ...(errors.name ? { errorMessage: { text: errors.name } } : {}) })}
  ${govukTextarea({ id: "description", name: "description", rows: 3, label: { text: "Description (optional)", classes: "govuk-label--s" }, value: values.description ?? "", ...(errors.description ? { errorMessage: { text: errors.description } } : {}) })}
  <h2 class="govuk-heading-m" id="areas">Areas</h2>
  <p class="govuk-body">A scale has 2 to 20 areas. Each is scored on a range of whole numbers, and each score has a sentence, in the person's voice, saying what it means. If you change a range, save: the form then asks for any new points.</p>
  ${areasFromFields(values).map((area) => areaFieldset(area, errors, scale !== undefined))}
  ${govukDetails({
    summaryText: "Paste the areas as JSON instead",
    ...(errors.domains ? { open: true } : {}),
    html: govukTextarea({
      id: "domains",
      name: "domains",
      rows: 12,
      classes: "keywork-code",
      label: { text: "Areas as JSON (optional)", classes: "govuk-label--s" },
      hint: {
        text: 'When this box is filled in, it replaces the areas above. A JSON list of areas, each with a "key" (lower-case letters, digits and hyphens), a "name", an optional "question", a "minimum" and "maximum" score, and "points": a "description" for every "score" in the range.',
      },
      value: values.domains ?? "",
      ...(errors.domains ? { errorMessage: { html: html`${issues.filter((issue) => issue.field === "domains").map((issue, index) => html`${index > 0 ? html`<br>` : ""}${issue.message}`)}` } } : {}),
    }),
  })}
  ${scale ? html`<p class="govuk-body-s">${scale.isDefault ? "This is the default scale: it cannot be switched off or deleted. " : ""}${plural(scale.domains.length, "area")} now.</p>` : ""}
  <div class="govuk-button-group">
    ${govukButton({ text: "Save the scale" })}
    <a class="govuk-link" href="${paths.settings.outcomeScales()}">Cancel</a>
  </div>
</form>`,
  });
}

/** One area of the scale editor; the last, blank one adds an area when it is given a name. */
function areaFieldset(area: AreaFields, errors: Record<string, string>, editing: boolean): SafeHtml {
  const prefix = `area-${area.index}-`;
  const isNew = area.key === "" && area.name.trim() === "";
  const error = (field: string) => (errors[`${prefix}${field}`] ? { errorMessage: { text: errors[`${prefix}${field}`] ?? "" } } : {});
  const pointsError = errors[`${prefix}points`];
  return govukFieldset({
    classes: "keywork-scale-area",
    legend: { text: isNew ? "Add an area (optional)" : `Area ${area.index + 1}: ${area.name.trim() || "new"}`, classes: "govuk-fieldset__legend--s" },
    html: html`${area.key ? html`<input type="hidden" name="${prefix}key" value="${area.key}">` : ""}
  ${govukInput({ id: `${prefix}name`, name: `${prefix}name`, label: { text: "Name" }, value: area.name, ...(isNew ? { hint: { text: "Leave it empty unless you are adding an area" } } : {}), ...error("name") })}
  ${govukInput({ id: `${prefix}question`, name: `${prefix}question`, label: { text: "Question to ask (optional)" }, value: area.question, ...error("question") })}
  <div class="keywork-inline-fields">
    ${govukInput({ id: `${prefix}minimum`, name: `${prefix}minimum`, label: { text: "Lowest score" }, classes: "govuk-input--width-2", inputmode: "numeric", value: area.minimum, ...error("minimum") })}
    ${govukInput({ id: `${prefix}maximum`, name: `${prefix}maximum`, label: { text: "Highest score" }, classes: "govuk-input--width-2", inputmode: "numeric", value: area.maximum, ...error("maximum") })}
  </div>
  <div class="govuk-form-group${pointsError ? " govuk-form-group--error" : ""}" id="${prefix}points">
    ${pointsError ? html`<p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${pointsError}</p>` : ""}
    ${area.points.map((point) =>
      govukInput({ id: `${prefix}point-${point.score}`, name: `${prefix}point-${point.score}`, label: { text: `What a score of ${point.score} means` }, value: point.description }),
    )}
  </div>
  ${
    !isNew && editing && area.key
      ? govukCheckboxes({
          idPrefix: `${prefix}remove`,
          name: `${prefix}remove`,
          classes: "govuk-checkboxes--small",
          items: [{ value: "yes", text: `Remove ${area.name.trim() || "this area"} from the scale`, checked: area.remove }],
        })
      : ""
  }`,
  });
}
