/**
 * Radios and checkboxes, with item hints, dividers and conditional reveals.
 * Markup matches govuk-frontend 6.6.0.
 */
import { html, type SafeHtml } from "../html.ts";
import {
  govukErrorMessage,
  govukFieldset,
  govukHint,
  govukLabel,
  type FieldErrorMessage,
  type FieldFieldset,
  type FieldHint,
} from "./form-elements.ts";
import {
  EMPTY,
  extraClasses,
  govukAttributes,
  hasHtml,
  htmlOrText,
  looselyEqual,
  type Attributes,
  type ClassesAndAttributes,
  type Optional,
  type TextOrHtml,
} from "./shared.ts";

export interface ChoiceItem extends TextOrHtml {
  readonly id?: string;
  readonly value?: string | number;
  readonly label?: ClassesAndAttributes;
  readonly hint?: FieldHint;
  /** Renders a divider (such as "or") instead of an option. */
  readonly divider?: string;
  readonly checked?: boolean;
  /** Content revealed when the item is selected. */
  readonly conditional?: { readonly html?: SafeHtml };
  readonly disabled?: boolean;
  readonly attributes?: Attributes;
}

export type RadiosItem = ChoiceItem;

export interface CheckboxesItem extends ChoiceItem {
  /** Overrides the group's `name` for this checkbox. */
  readonly name?: string;
  /** "exclusive" for a "none of these" option. */
  readonly behaviour?: string;
}

interface ChoicesParams<Item> extends ClassesAndAttributes {
  readonly name: string;
  readonly idPrefix?: string;
  readonly items: ReadonlyArray<Optional<Item>>;
  readonly fieldset?: FieldFieldset;
  readonly hint?: Optional<FieldHint>;
  readonly errorMessage?: Optional<FieldErrorMessage>;
  readonly formGroup?: ClassesAndAttributes & {
    readonly beforeInputs?: TextOrHtml;
    readonly afterInputs?: TextOrHtml;
  };
}

export interface RadiosParams extends ChoicesParams<RadiosItem> {
  /** Checks the item with this value (unless the item sets `checked: false`). */
  readonly value?: string | number;
}

export interface CheckboxesParams extends ChoicesParams<CheckboxesItem> {
  /** Checks the items with these values (unless an item sets `checked: false`). */
  readonly values?: ReadonlyArray<string | number>;
  readonly describedBy?: string;
}

type Kind = "radios" | "checkboxes";

interface ItemContext {
  readonly kind: Kind;
  readonly idPrefix: string;
  readonly name: string;
  readonly isChecked: (item: CheckboxesItem) => boolean;
  /** Group `aria-describedby` added to each checkbox when there is no fieldset. */
  readonly describedBy: string | undefined;
}

function choiceItem(context: ItemContext, item: CheckboxesItem, index: number): SafeHtml {
  const { kind } = context;
  const itemId = item.id || `${context.idPrefix}${index > 1 ? `-${index}` : ""}`;
  const conditionalId = `conditional-${itemId}`;
  if (item.divider) {
    return html`
    <div class="govuk-${kind}__divider">${item.divider}</div>`;
  }
  const isChecked = context.isChecked(item);
  const hint = item.hint;
  const hasHint = Boolean(hint && (hint.text || hasHtml(hint.html)));
  const itemHintId = `${itemId}-item-hint`;
  let describedBy = hasHint ? itemHintId : "";
  if (context.describedBy !== undefined) describedBy = `${context.describedBy} ${describedBy}`.trim();
  const conditional = item.conditional && hasHtml(item.conditional.html) ? item.conditional.html : undefined;

  return html`
    <div class="govuk-${kind}__item">
      <input class="govuk-${kind}__input" id="${itemId}" name="${(kind === "checkboxes" && item.name) || context.name}" type="${
        kind === "radios" ? "radio" : "checkbox"
      }" value="${item.value}"${isChecked ? html` checked` : EMPTY}${item.disabled ? html` disabled` : EMPTY}${
        conditional ? html` data-aria-controls="${conditionalId}"` : EMPTY
      }${kind === "checkboxes" && item.behaviour ? html` data-behaviour="${item.behaviour}"` : EMPTY}${
        describedBy ? html` aria-describedby="${describedBy}"` : EMPTY
      }${govukAttributes(item.attributes)}>
      ${govukLabel({
        html: item.html,
        text: item.text,
        classes: `govuk-${kind}__label${extraClasses(item.label?.classes)}`,
        attributes: item.label?.attributes,
        for: itemId,
      })}${
        hint && hasHint
          ? html`
      ${govukHint({
        id: itemHintId,
        classes: `govuk-${kind}__hint${extraClasses(hint.classes)}`,
        attributes: hint.attributes,
        html: hint.html,
        text: hint.text,
      })}`
          : EMPTY
      }
    </div>${
      conditional
        ? html`
    <div class="govuk-${kind}__conditional${isChecked ? "" : ` govuk-${kind}__conditional--hidden`}" id="${conditionalId}">
      ${htmlOrText(conditional, undefined)}
    </div>`
        : EMPTY
    }`;
}

function choices(
  kind: Kind,
  params: ChoicesParams<CheckboxesItem>,
  initialDescribedBy: string,
  isChecked: (item: CheckboxesItem) => boolean,
): SafeHtml {
  const idPrefix = params.idPrefix || params.name;
  let describedBy = initialDescribedBy;
  let messages: SafeHtml = EMPTY;
  if (params.hint) {
    const hintId = `${idPrefix}-hint`;
    describedBy = describedBy ? `${describedBy} ${hintId}` : hintId;
    messages = html`${messages}
  ${govukHint({ ...params.hint, id: hintId })}`;
  }
  if (params.errorMessage) {
    const errorId = `${idPrefix}-error`;
    describedBy = describedBy ? `${describedBy} ${errorId}` : errorId;
    messages = html`${messages}
  ${govukErrorMessage({ ...params.errorMessage, id: errorId })}`;
  }

  const context: ItemContext = {
    kind,
    idPrefix,
    name: params.name,
    isChecked,
    describedBy: kind === "checkboxes" && !params.fieldset ? describedBy : undefined,
  };
  const items = params.items.map((item, index) => (item ? choiceItem(context, item, index + 1) : EMPTY));
  const formGroup = params.formGroup;
  const beforeInputs = formGroup?.beforeInputs;
  const afterInputs = formGroup?.afterInputs;
  const innerHtml = html`${messages}
  <div class="govuk-${kind}${extraClasses(params.classes)}"${govukAttributes(params.attributes)} data-module="govuk-${kind}">${
    beforeInputs ? html`
    ${htmlOrText(beforeInputs.html, beforeInputs.text)}` : EMPTY
  }${items}${afterInputs ? html`
    ${htmlOrText(afterInputs.html, afterInputs.text)}` : EMPTY}
  </div>`;

  const fieldset = params.fieldset;
  const content = fieldset
    ? govukFieldset({
        describedBy,
        classes: fieldset.classes,
        attributes: fieldset.attributes,
        legend: fieldset.legend,
        html: innerHtml,
      })
    : innerHtml;
  return html`<div class="govuk-form-group${params.errorMessage ? " govuk-form-group--error" : ""}${extraClasses(
    formGroup?.classes,
  )}"${govukAttributes(formGroup?.attributes)}>
  ${content}
</div>`;
}

export function govukRadios(params: RadiosParams): SafeHtml {
  const value = params.value;
  return choices("radios", params, params.fieldset?.describedBy || "", (item) =>
    Boolean(item.checked || (value ? looselyEqual(item.value, value) && item.checked !== false : false)),
  );
}

export function govukCheckboxes(params: CheckboxesParams): SafeHtml {
  const values = params.values;
  return choices("checkboxes", params, params.fieldset?.describedBy || params.describedBy || "", (item) =>
    Boolean(item.checked || (values ? item.value !== undefined && values.includes(item.value) && item.checked !== false : false)),
  );
}
