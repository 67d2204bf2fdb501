/**
 * The date input: day, month and year fields in an optional fieldset.
 * Markup matches govuk-frontend 6.6.0.
 */
import { html, type SafeHtml } from "../html.ts";
import {
  govukErrorMessage,
  govukFieldset,
  govukHint,
  type FieldErrorMessage,
  type FieldFieldset,
  type FieldHint,
} from "./form-elements.ts";
import { govukInput } from "./form-fields.ts";
import {
  EMPTY,
  extraClasses,
  govukAttributes,
  htmlOrText,
  type Attributes,
  type ClassesAndAttributes,
  type Optional,
  type TextOrHtml,
} from "./shared.ts";

export interface DateInputItem {
  readonly id?: string;
  /** "day", "month" or "year" (prefixed with `namePrefix`). */
  readonly name?: string;
  /** Defaults to the capitalised name. */
  readonly label?: string;
  readonly value?: string | number;
  /** Marks this field as the one in error (otherwise every field is marked when there is an error message). */
  readonly error?: boolean;
  readonly autocomplete?: string;
  readonly pattern?: string;
  readonly inputmode?: string;
  readonly classes?: string;
  readonly attributes?: Attributes;
}

export interface DateInputParams extends ClassesAndAttributes {
  readonly id: string;
  readonly namePrefix?: string;
  readonly items?: ReadonlyArray<Optional<DateInputItem>>;
  readonly hint?: Optional<FieldHint>;
  readonly errorMessage?: Optional<FieldErrorMessage>;
  readonly formGroup?: ClassesAndAttributes & {
    readonly beforeInputs?: TextOrHtml;
    readonly afterInputs?: TextOrHtml;
  };
  readonly fieldset?: FieldFieldset;
  readonly day?: DateInputItem;
  readonly month?: DateInputItem;
  readonly year?: DateInputItem;
  /** Values keyed by field name (including any `namePrefix`). */
  readonly values?: Readonly<Record<string, string | number | undefined>>;
}

function itemHasError(item: Optional<DateInputItem>): boolean {
  return Boolean(item && (item.error || (item.classes && item.classes.includes("govuk-input--error"))));
}

function capitalize(text: string): string {
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export function govukDateInput(params: DateInputParams): SafeHtml {
  const day: DateInputItem = params.day ?? { name: "day", value: params.values?.day, classes: "govuk-input--width-2" };
  const month: DateInputItem = params.month ?? { name: "month", value: params.values?.month, classes: "govuk-input--width-2" };
  const year: DateInputItem = params.year ?? { name: "year", value: params.values?.year, classes: "govuk-input--width-4" };
  const items = params.items && params.items.length > 0 ? params.items : [day, month, year];
  const anyItemHasError = items.some(itemHasError);
  const namePrefix = params.namePrefix ? `${params.namePrefix}-` : "";

  const renderItem = (item: DateInputItem): SafeHtml => {
    let itemName = item.name;
    let itemValue = item.value;
    let itemWidth = 2;
    const matches = (part: DateInputItem, defaultName: string): boolean =>
      item === part || Boolean(item.name && (item.name === defaultName || item.name === part.name));
    if (matches(day, "day")) {
      itemName = item.name ?? "day";
      itemValue = item.value ?? day.value;
    } else if (matches(month, "month")) {
      itemName = item.name ?? "month";
      itemValue = item.value ?? month.value;
    } else if (matches(year, "year")) {
      itemName = item.name ?? "year";
      itemValue = item.value ?? year.value;
      itemWidth = 4;
    }

    const classes = item.classes;
    const classList: string[] = [];
    if (
      (!classes || !classes.includes("govuk-input--error")) &&
      (itemHasError(item) || (item.error !== false && params.errorMessage && !anyItemHasError))
    ) {
      classList.push("govuk-input--error");
    }
    if (!classes || !classes.includes("govuk-input--width-")) classList.push(`govuk-input--width-${itemWidth}`);
    if (classes) classList.push(classes);
    const itemClasses = classList.join(" ").trim();

    const name = `${namePrefix}${String(itemName)}`;
    return html`
    <div class="govuk-date-input__item">
  ${govukInput({
    label: { text: item.label || capitalize(itemName ?? ""), classes: "govuk-date-input__label" },
    id: item.id || `${String(params.id)}-${String(itemName)}`,
    classes: `govuk-date-input__input${itemClasses ? ` ${itemClasses}` : ""}`,
    name,
    value: itemValue ?? params.values?.[name],
    type: "text",
    inputmode: item.inputmode || "numeric",
    autocomplete: item.autocomplete,
    pattern: item.pattern,
    attributes: item.attributes,
  })}
</div>`;
  };

  let describedBy = params.fieldset?.describedBy || "";
  let messages: SafeHtml = EMPTY;
  if (params.hint) {
    const hintId = `${params.id}-hint`;
    describedBy = describedBy ? `${describedBy} ${hintId}` : hintId;
    messages = html`${messages}
  ${govukHint({ ...params.hint, id: hintId })}`;
  }
  if (params.errorMessage) {
    const errorId = `${params.id}-error`;
    describedBy = describedBy ? `${describedBy} ${errorId}` : errorId;
    messages = html`${messages}
  ${govukErrorMessage({ ...params.errorMessage, id: errorId })}`;
  }

  const formGroup = params.formGroup;
  const beforeInputs = formGroup?.beforeInputs;
  const afterInputs = formGroup?.afterInputs;
  const innerHtml = html`${messages}
  <div class="govuk-date-input${extraClasses(params.classes)}"${govukAttributes(params.attributes)}${
    params.id ? html` id="${params.id}"` : EMPTY
  }>${beforeInputs ? html`
    ${htmlOrText(beforeInputs.html, beforeInputs.text)}` : EMPTY}${items.map((item) => (item ? renderItem(item) : EMPTY))}${
      afterInputs ? html`
    ${htmlOrText(afterInputs.html, afterInputs.text)}` : EMPTY
    }
  </div>`;

  const fieldset = params.fieldset;
  const content = fieldset
    ? govukFieldset({
        describedBy,
        classes: fieldset.classes,
        role: "group",
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
