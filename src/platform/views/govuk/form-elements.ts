/**
 * The building blocks of GOV.UK form fields: label, hint, error message,
 * fieldset and button. Markup matches govuk-frontend 6.6.0.
 */
import { html, type SafeHtml } from "../html.ts";
import {
  EMPTY,
  extraClasses,
  govukAttributes,
  hasContent,
  hasHtml,
  htmlOrText,
  type ClassesAndAttributes,
  type TextOrHtml,
} from "./shared.ts";

export interface LabelParams extends TextOrHtml, ClassesAndAttributes {
  /** The id of the input the label is for. */
  readonly for?: string;
  readonly isPageHeading?: boolean;
}

/** Label options as given to a field component (the component supplies `for`). */
export type FieldLabel = Omit<LabelParams, "for">;

export function govukLabel(params: LabelParams): SafeHtml {
  if (!hasContent(params)) return EMPTY;
  const label = html`<label class="govuk-label${extraClasses(params.classes)}"${govukAttributes(params.attributes)}${
    params.for ? html` for="${params.for}"` : EMPTY
  }>
  ${htmlOrText(params.html, params.text)}
</label>`;
  if (params.isPageHeading) {
    return html`<h1 class="govuk-label-wrapper">
  ${label}
</h1>`;
  }
  return label;
}

export interface HintParams extends TextOrHtml, ClassesAndAttributes {
  readonly id?: string;
}

/** Hint options as given to a field component (the component supplies `id`). */
export type FieldHint = Omit<HintParams, "id">;

export function govukHint(params: HintParams): SafeHtml {
  return html`<div${params.id ? html` id="${params.id}"` : EMPTY} class="govuk-hint${extraClasses(params.classes)}"${govukAttributes(
    params.attributes,
  )}>
  ${htmlOrText(params.html, params.text)}
</div>`;
}

export interface ErrorMessageParams extends TextOrHtml, ClassesAndAttributes {
  readonly id?: string;
  /** Defaults to "Error"; an empty string removes the visually hidden prefix. */
  readonly visuallyHiddenText?: string;
}

/** Error message options as given to a field component (the component supplies `id`). */
export type FieldErrorMessage = Omit<ErrorMessageParams, "id">;

export function govukErrorMessage(params: ErrorMessageParams): SafeHtml {
  const visuallyHiddenText = params.visuallyHiddenText === undefined ? "Error" : params.visuallyHiddenText;
  const message = htmlOrText(params.html, params.text);
  return html`<p${params.id ? html` id="${params.id}"` : EMPTY} class="govuk-error-message${extraClasses(params.classes)}"${govukAttributes(
    params.attributes,
  )}>
  ${visuallyHiddenText ? html`<span class="govuk-visually-hidden">${visuallyHiddenText}:</span> ${message}` : message}
</p>`;
}

export interface LegendParams extends TextOrHtml {
  readonly classes?: string;
  readonly isPageHeading?: boolean;
}

export interface FieldsetParams extends ClassesAndAttributes {
  readonly describedBy?: string;
  readonly legend?: LegendParams;
  readonly role?: string;
  /** The fieldset's content (the macro's `html` parameter or `caller` block). */
  readonly html?: SafeHtml;
}

/** Fieldset options as given to a radios, checkboxes or date input component. */
export type FieldFieldset = Omit<FieldsetParams, "html" | "role">;

export function govukFieldset(params: FieldsetParams): SafeHtml {
  const legend = params.legend;
  let legendHtml: SafeHtml = EMPTY;
  if (legend && hasContent(legend)) {
    const content = htmlOrText(legend.html, legend.text);
    legendHtml = html`
  <legend class="govuk-fieldset__legend${extraClasses(legend.classes)}">
  ${
    legend.isPageHeading
      ? html`<h1 class="govuk-fieldset__heading">
      ${content}
    </h1>`
      : content
  }
  </legend>`;
  }
  return html`<fieldset class="govuk-fieldset${extraClasses(params.classes)}"${params.role ? html` role="${params.role}"` : EMPTY}${
    params.describedBy ? html` aria-describedby="${params.describedBy}"` : EMPTY
  }${govukAttributes(params.attributes)}>${legendHtml}
  ${params.html}
</fieldset>`;
}

export interface ButtonParams extends TextOrHtml, ClassesAndAttributes {
  /** `button`, `submit` (default) or `reset`; ignored when `href` is set. */
  readonly type?: "button" | "submit" | "reset";
  readonly name?: string;
  readonly value?: string;
  readonly disabled?: boolean;
  /** Renders a link styled as a button instead of a `<button>`. */
  readonly href?: string;
  readonly preventDoubleClick?: boolean;
  readonly isStartButton?: boolean;
  readonly id?: string;
}

const START_ICON = html`
  <svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/>
  </svg>`;

export function govukButton(params: ButtonParams): SafeHtml {
  const classNames = `govuk-button${extraClasses(params.classes)}${params.isStartButton ? " govuk-button--start" : ""}`;
  const commonAttributes = html` class="${classNames}" data-module="govuk-button"${govukAttributes(params.attributes)}${
    params.id ? html` id="${params.id}"` : EMPTY
  }`;
  const content = htmlOrText(params.html, params.text);
  const buttonText = params.isStartButton && hasHtml(params.html) ? html`<span>${content}</span>` : content;
  const icon = params.isStartButton ? START_ICON : EMPTY;

  if (params.href) {
    return html`<a href="${params.href}" role="button" draggable="false"${commonAttributes}>
  ${buttonText}${icon}
</a>`;
  }
  return html`<button type="${params.type || "submit"}"${params.value ? html` value="${params.value}"` : EMPTY}${
    params.name ? html` name="${params.name}"` : EMPTY
  }${params.disabled ? html` disabled aria-disabled="true"` : EMPTY}${
    params.preventDoubleClick !== undefined ? html` data-prevent-double-click="${String(params.preventDoubleClick)}"` : EMPTY
  }${commonAttributes}>
  ${buttonText}${icon}
</button>`;
}
