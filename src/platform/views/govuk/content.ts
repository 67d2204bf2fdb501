/**
 * Content components: tag, inset text, warning text, details and panel.
 * Markup matches govuk-frontend 6.6.0.
 */
import { html, type SafeHtml } from "../html.ts";
import { govukButton } from "./form-elements.ts";
import {
  EMPTY,
  extraClasses,
  govukAttributes,
  hasContent,
  htmlOrText,
  type Attributes,
  type ClassesAndAttributes,
  type TextOrHtml,
} from "./shared.ts";

export interface TagParams extends TextOrHtml, ClassesAndAttributes {}

export function govukTag(params: TagParams): SafeHtml {
  return html`<strong class="govuk-tag${extraClasses(params.classes)}"${govukAttributes(params.attributes)}>
  ${htmlOrText(params.html, params.text)}
</strong>`;
}

export interface InsetTextParams extends TextOrHtml, ClassesAndAttributes {
  readonly id?: string;
}

export function govukInsetText(params: InsetTextParams): SafeHtml {
  return html`<div${params.id ? html` id="${params.id}"` : EMPTY} class="govuk-inset-text${extraClasses(params.classes)}"${govukAttributes(
    params.attributes,
  )}>
  ${htmlOrText(params.html, params.text)}
</div>`;
}

export interface WarningTextParams extends TextOrHtml, ClassesAndAttributes {
  /** Visually hidden prefix, defaults to "Warning". */
  readonly iconFallbackText?: string;
}

export function govukWarningText(params: WarningTextParams): SafeHtml {
  return html`<div class="govuk-warning-text${extraClasses(params.classes)}"${govukAttributes(params.attributes)}>
  <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
  <strong class="govuk-warning-text__text">
    <span class="govuk-visually-hidden">${params.iconFallbackText || "Warning"}</span>
    ${htmlOrText(params.html, params.text, false)}
  </strong>
</div>`;
}

export interface DetailsParams extends TextOrHtml, ClassesAndAttributes {
  readonly summaryText?: string;
  readonly summaryHtml?: SafeHtml;
  readonly id?: string;
  readonly open?: boolean;
}

export function govukDetails(params: DetailsParams): SafeHtml {
  return html`<details${params.id ? html` id="${params.id}"` : EMPTY} class="govuk-details${extraClasses(params.classes)}"${govukAttributes(
    params.attributes,
  )}${params.open ? html` open` : EMPTY}>
  <summary class="govuk-details__summary">
    <span class="govuk-details__summary-text">
      ${htmlOrText(params.summaryHtml, params.summaryText)}
    </span>
  </summary>
  <div class="govuk-details__text">
    ${htmlOrText(params.html, params.text, false)}
  </div>
</details>`;
}

export interface PanelAction {
  readonly text: string;
  /** "button" renders a button even when `href` is set. */
  readonly type?: "button" | "submit" | "reset";
  readonly href?: string;
  readonly classes?: string;
  readonly attributes?: Attributes;
}

export interface PanelParams extends TextOrHtml, ClassesAndAttributes {
  readonly titleText?: string;
  readonly titleHtml?: SafeHtml;
  /** Defaults to 1. */
  readonly headingLevel?: number;
  /** Only rendered for the interruption variant (`classes: "govuk-panel--interruption"`). */
  readonly actions?: ClassesAndAttributes & { readonly items?: readonly PanelAction[] };
}

function panelAction(action: PanelAction): SafeHtml {
  if (!action.href || action.type === "button") {
    return govukButton({
      text: action.text,
      type: action.type || "button",
      classes: `govuk-button--inverse${extraClasses(action.classes)}`,
      href: action.href,
      attributes: action.attributes,
    });
  }
  return html`<a class="govuk-link govuk-link--inverse${extraClasses(action.classes)}" href="${action.href}"${govukAttributes(
    action.attributes,
  )}>${action.text}</a>`;
}

export function govukPanel(params: PanelParams): SafeHtml {
  const headingLevel = params.headingLevel || 1;
  const isInterruption = Boolean(params.classes && params.classes.includes("govuk-panel--interruption"));
  const modifier = isInterruption ? "" : " govuk-panel--confirmation";
  const body = hasContent(params)
    ? html`
  <div class="govuk-panel__body">
    ${htmlOrText(params.html, params.text)}
  </div>`
    : EMPTY;
  const actions = params.actions;
  const actionItems = actions?.items ?? [];
  const actionsHtml =
    isInterruption && actions
      ? html`
  <div class="govuk-panel__actions${extraClasses(actions.classes)}"${govukAttributes(actions.attributes)}>${
    actionItems.length > 0
      ? html`<div class="govuk-button-group">${actionItems.map(
          (action) => html`
      ${panelAction(action)}`,
        )}
    </div>`
      : EMPTY
  }</div>`
      : EMPTY;
  return html`<div class="govuk-panel${modifier}${extraClasses(params.classes)}"${govukAttributes(params.attributes)}>
  <h${headingLevel} class="govuk-panel__title">
    ${htmlOrText(params.titleHtml, params.titleText, false)}
  </h${headingLevel}>${body}${actionsHtml}
</div>`;
}
