/**
 * Single-value form fields: text input, password input, textarea, character
 * count and select. Markup matches govuk-frontend 6.6.0.
 */
import { html, raw, type SafeHtml } from "../html.ts";
import {
  govukButton,
  govukErrorMessage,
  govukHint,
  govukLabel,
  type FieldErrorMessage,
  type FieldHint,
  type FieldLabel,
} from "./form-elements.ts";
import {
  EMPTY,
  extraClasses,
  govukAttributes,
  hasContent,
  htmlOrText,
  i18nAttributes,
  looselyEqual,
  plainAttributes,
  type Attributes,
  type ClassesAndAttributes,
  type Optional,
  type TextOrHtml,
} from "./shared.ts";

/** `formGroup` options of single-value fields. */
export interface FormGroupParams extends ClassesAndAttributes {
  readonly beforeInput?: TextOrHtml;
  readonly afterInput?: TextOrHtml;
}

/** Options shared by every single-value field. */
export interface FieldParams {
  readonly id?: string;
  readonly name: string;
  readonly label?: FieldLabel;
  readonly hint?: Optional<FieldHint>;
  readonly errorMessage?: Optional<FieldErrorMessage>;
  readonly describedBy?: string;
  readonly classes?: string;
  readonly attributes?: Attributes;
}

interface FieldIntro {
  readonly markup: SafeHtml;
  readonly describedBy: string;
}

/** Label, hint and error message, plus the `aria-describedby` value they produce. */
function fieldIntro(id: string, params: FieldParams, describedBy: string): FieldIntro {
  const label = params.label ?? {};
  let markup = html`
  ${govukLabel({
    html: label.html,
    text: label.text,
    classes: label.classes,
    isPageHeading: label.isPageHeading,
    attributes: label.attributes,
    for: id,
  })}`;
  if (params.hint) {
    const hintId = `${id}-hint`;
    describedBy = describedBy ? `${describedBy} ${hintId}` : hintId;
    markup = html`${markup}
  ${govukHint({ ...params.hint, id: hintId })}`;
  }
  if (params.errorMessage) {
    const errorId = `${id}-error`;
    describedBy = describedBy ? `${describedBy} ${errorId}` : errorId;
    markup = html`${markup}
  ${govukErrorMessage({ ...params.errorMessage, id: errorId })}`;
  }
  return { markup, describedBy };
}

function formGroupOpen(params: FieldParams, formGroup: ClassesAndAttributes | undefined, attributes?: SafeHtml): SafeHtml {
  return html`<div class="govuk-form-group${params.errorMessage ? " govuk-form-group--error" : ""}${extraClasses(
    formGroup?.classes,
  )}"${attributes ?? govukAttributes(formGroup?.attributes)}>`;
}

/** `formGroup.beforeInput` / `afterInput` when the object is given (text, or trimmed html). */
function slot(content: TextOrHtml | undefined): SafeHtml {
  return content ? html`
  ${htmlOrText(content.html, content.text)}` : EMPTY;
}

export interface InputAffix extends TextOrHtml, ClassesAndAttributes {}

export interface InputParams extends FieldParams {
  readonly type?: string;
  readonly inputmode?: string;
  readonly value?: string | number;
  readonly disabled?: boolean;
  readonly prefix?: InputAffix;
  readonly suffix?: InputAffix;
  readonly formGroup?: FormGroupParams;
  readonly autocomplete?: string;
  readonly pattern?: string;
  readonly spellcheck?: boolean;
  readonly autocapitalize?: string;
  readonly inputWrapper?: ClassesAndAttributes;
}

function affix(item: InputAffix, type: "prefix" | "suffix"): SafeHtml {
  return html`
  <div class="govuk-input__${type}${extraClasses(item.classes)}" aria-hidden="true"${govukAttributes(item.attributes)}>${htmlOrText(
    item.html,
    item.text,
  )}</div>`;
}

function renderInput(params: InputParams, formGroupAttributes?: SafeHtml): SafeHtml {
  const id = params.id || params.name;
  const classNames = `govuk-input${extraClasses(params.classes)}${params.errorMessage ? " govuk-input--error" : ""}`;
  const intro = fieldIntro(id, params, params.describedBy || "");
  const formGroup = params.formGroup;
  const hasPrefix = hasContent(params.prefix);
  const hasSuffix = hasContent(params.suffix);
  const hasBeforeInput = hasContent(formGroup?.beforeInput);
  const hasAfterInput = hasContent(formGroup?.afterInput);

  const input = html`<input${govukAttributes({
    class: classNames,
    id,
    name: params.name,
    type: params.type || "text",
    spellcheck: { value: params.spellcheck === true || params.spellcheck === false ? String(params.spellcheck) : false, optional: true },
    value: { value: params.value, optional: true },
    disabled: { value: params.disabled, optional: true },
    "aria-describedby": { value: intro.describedBy || undefined, optional: true },
    autocomplete: { value: params.autocomplete, optional: true },
    autocapitalize: { value: params.autocapitalize, optional: true },
    pattern: { value: params.pattern, optional: true },
    inputmode: { value: params.inputmode, optional: true },
  })}${govukAttributes(params.attributes)}>`;

  let field: SafeHtml;
  if (hasPrefix || hasSuffix || hasBeforeInput || hasAfterInput) {
    field = html`
  <div class="govuk-input__wrapper${extraClasses(params.inputWrapper?.classes)}"${govukAttributes(params.inputWrapper?.attributes)}>${
    hasBeforeInput ? slot(formGroup?.beforeInput) : EMPTY
  }${hasPrefix && params.prefix ? affix(params.prefix, "prefix") : EMPTY}
    ${input}${hasSuffix && params.suffix ? affix(params.suffix, "suffix") : EMPTY}${
      hasAfterInput ? slot(formGroup?.afterInput) : EMPTY
    }
  </div>`;
  } else {
    field = html`
  ${input}`;
  }
  return html`${formGroupOpen(params, formGroup, formGroupAttributes)}${intro.markup}${field}
</div>`;
}

export function govukInput(params: InputParams): SafeHtml {
  return renderInput(params);
}

export interface PasswordInputParams extends FieldParams {
  readonly value?: string;
  readonly disabled?: boolean;
  readonly formGroup?: Omit<FormGroupParams, "attributes"> & {
    readonly attributes?: Readonly<Record<string, string | number | boolean>>;
  };
  /** Defaults to "current-password". */
  readonly autocomplete?: string;
  readonly showPasswordText?: string;
  readonly hidePasswordText?: string;
  readonly showPasswordAriaLabelText?: string;
  readonly hidePasswordAriaLabelText?: string;
  readonly passwordShownAnnouncementText?: string;
  readonly passwordHiddenAnnouncementText?: string;
  readonly button?: { readonly classes?: string };
}

export function govukPasswordInput(params: PasswordInputParams): SafeHtml {
  const id = params.id || params.name;
  const formGroup = params.formGroup;
  const attributesHtml =
    ' data-module="govuk-password-input"' +
    i18nAttributes("show-password", params.showPasswordText) +
    i18nAttributes("hide-password", params.hidePasswordText) +
    i18nAttributes("show-password-aria-label", params.showPasswordAriaLabelText) +
    i18nAttributes("hide-password-aria-label", params.hidePasswordAriaLabelText) +
    i18nAttributes("password-shown-announcement", params.passwordShownAnnouncementText) +
    i18nAttributes("password-hidden-announcement", params.passwordHiddenAnnouncementText) +
    plainAttributes(formGroup?.attributes);
  const button = govukButton({
    type: "button",
    classes: `govuk-button--secondary govuk-password-input__toggle govuk-js-password-input-toggle${extraClasses(params.button?.classes)}`,
    text: params.showPasswordText ?? "Show",
    attributes: {
      "aria-controls": id,
      "aria-label": params.showPasswordAriaLabelText ?? "Show password",
      hidden: { value: true, optional: true },
    },
  });
  const afterInput = formGroup?.afterInput ? html`${button}
${htmlOrText(formGroup.afterInput.html, formGroup.afterInput.text)}` : button;

  return renderInput(
    {
      formGroup: {
        classes: `govuk-password-input${extraClasses(formGroup?.classes)}`,
        beforeInput: formGroup?.beforeInput,
        afterInput: { html: afterInput },
      },
      inputWrapper: { classes: "govuk-password-input__wrapper" },
      label: params.label,
      hint: params.hint,
      classes: `govuk-password-input__input govuk-js-password-input-input${extraClasses(params.classes)}`,
      errorMessage: params.errorMessage,
      id,
      name: params.name,
      type: "password",
      spellcheck: false,
      autocapitalize: "none",
      autocomplete: params.autocomplete || "current-password",
      value: params.value,
      disabled: params.disabled,
      describedBy: params.describedBy,
      attributes: params.attributes,
    },
    raw(attributesHtml),
  );
}

export interface TextareaParams extends FieldParams {
  readonly spellcheck?: boolean;
  /** Defaults to 5. */
  readonly rows?: string | number;
  readonly value?: string;
  readonly disabled?: boolean;
  readonly formGroup?: FormGroupParams;
  readonly autocomplete?: string;
}

function renderTextarea(params: TextareaParams, formGroupAttributes?: SafeHtml): SafeHtml {
  const id = params.id || params.name;
  const intro = fieldIntro(id, params, params.describedBy || "");
  const formGroup = params.formGroup;
  const spellcheck = params.spellcheck === true || params.spellcheck === false ? html` spellcheck="${String(params.spellcheck)}"` : EMPTY;
  return html`${formGroupOpen(params, formGroup, formGroupAttributes)}${intro.markup}${slot(formGroup?.beforeInput)}
  <textarea class="govuk-textarea${params.errorMessage ? " govuk-textarea--error" : ""}${extraClasses(params.classes)}" id="${id}" name="${
    params.name
  }" rows="${params.rows || 5}"${spellcheck}${params.disabled ? html` disabled` : EMPTY}${
    intro.describedBy ? html` aria-describedby="${intro.describedBy}"` : EMPTY
  }${params.autocomplete ? html` autocomplete="${params.autocomplete}"` : EMPTY}${govukAttributes(params.attributes)}>${
    params.value
  }</textarea>${slot(formGroup?.afterInput)}
</div>`;
}

export function govukTextarea(params: TextareaParams): SafeHtml {
  return renderTextarea(params);
}

/** Translations keyed by plural rule, e.g. `{ one: "…", other: "…" }`. */
export type PluralMessages = Readonly<Record<string, string>>;

export interface CharacterCountParams extends Omit<FieldParams, "describedBy"> {
  readonly rows?: string | number;
  readonly value?: string;
  readonly maxlength?: string | number;
  readonly maxwords?: string | number;
  readonly threshold?: string | number;
  readonly countType?: "characters" | "words";
  readonly formGroup?: Omit<FormGroupParams, "attributes"> & {
    readonly attributes?: Readonly<Record<string, string | number | boolean>>;
  };
  readonly spellcheck?: boolean;
  readonly countMessage?: { readonly classes?: string };
  readonly textareaDescriptionText?: string;
  readonly charactersUnderLimitText?: PluralMessages;
  readonly charactersAtLimitText?: string;
  readonly charactersOverLimitText?: PluralMessages;
  readonly wordsUnderLimitText?: PluralMessages;
  readonly wordsAtLimitText?: string;
  readonly wordsOverLimitText?: PluralMessages;
}

export function govukCharacterCount(params: CharacterCountParams): SafeHtml {
  const countType = params.countType || (params.maxwords ? "words" : "");
  const hasNoLimit = !params.maxwords && !params.maxlength;
  const limit = params.maxwords || params.maxlength;
  const descriptionText =
    params.textareaDescriptionText || `You can enter up to %{count} ${countType === "words" ? "words" : "characters"}`;
  const description = hasNoLimit ? "" : descriptionText.split("%{count}").join(String(limit));
  const id = params.id || params.name;
  const formGroup = params.formGroup;

  const hint = govukHint({
    text: description,
    id: `${id}-info`,
    classes: `govuk-character-count__message${extraClasses(params.countMessage?.classes)}`,
  });
  const countMessage = formGroup?.afterInput ? html`${hint}
${htmlOrText(formGroup.afterInput.html, formGroup.afterInput.text)}` : hint;

  const attributesHtml =
    govukAttributes({
      "data-module": "govuk-character-count",
      "data-maxlength": { value: params.maxlength, optional: true },
      "data-maxwords": { value: params.maxwords, optional: true },
      "data-threshold": { value: params.threshold, optional: true },
      "data-count-type": { value: countType || false, optional: true },
    }).value +
    (hasNoLimit && params.textareaDescriptionText
      ? i18nAttributes("textarea-description", undefined, { other: params.textareaDescriptionText })
      : "") +
    i18nAttributes("characters-under-limit", undefined, params.charactersUnderLimitText) +
    i18nAttributes("characters-at-limit", params.charactersAtLimitText) +
    i18nAttributes("characters-over-limit", undefined, params.charactersOverLimitText) +
    i18nAttributes("words-under-limit", undefined, params.wordsUnderLimitText) +
    i18nAttributes("words-at-limit", params.wordsAtLimitText) +
    i18nAttributes("words-over-limit", undefined, params.wordsOverLimitText) +
    plainAttributes(formGroup?.attributes);

  return renderTextarea(
    {
      id,
      name: params.name,
      describedBy: `${id}-info`,
      rows: params.rows,
      spellcheck: params.spellcheck,
      value: params.value,
      formGroup: {
        classes: `govuk-character-count${extraClasses(formGroup?.classes)}`,
        beforeInput: formGroup?.beforeInput,
        afterInput: { html: countMessage },
      },
      classes: `govuk-js-character-count${extraClasses(params.classes)}`,
      label: params.label,
      hint: params.hint,
      errorMessage: params.errorMessage,
      attributes: params.attributes,
    },
    raw(attributesHtml),
  );
}

export interface SelectItem {
  readonly value?: string | number;
  readonly text: string;
  readonly selected?: boolean;
  readonly disabled?: boolean;
  readonly attributes?: Attributes;
}

export interface SelectParams extends FieldParams {
  readonly items?: ReadonlyArray<Optional<SelectItem>>;
  /** Selects the item whose value (or text, when it has no value) equals this. */
  readonly value?: string | number;
  readonly disabled?: boolean;
  readonly formGroup?: FormGroupParams;
}

function option(item: SelectItem, value: string | number | undefined): SafeHtml {
  const effectiveValue = item.value === undefined ? item.text : item.value;
  const selected = item.selected || (value ? looselyEqual(effectiveValue, value) && item.selected !== false : false);
  return html`
    <option${item.value !== undefined ? html` value="${String(item.value)}"` : EMPTY}${selected ? html` selected` : EMPTY}${
      item.disabled ? html` disabled` : EMPTY
    }${govukAttributes(item.attributes)}>${item.text}</option>`;
}

export function govukSelect(params: SelectParams): SafeHtml {
  const id = params.id || params.name;
  const intro = fieldIntro(id, params, params.describedBy || "");
  const formGroup = params.formGroup;
  const options = (params.items ?? []).map((item) => (item ? option(item, params.value) : EMPTY));
  return html`${formGroupOpen(params, formGroup)}${intro.markup}${slot(formGroup?.beforeInput)}
  <select class="govuk-select${extraClasses(params.classes)}${params.errorMessage ? " govuk-select--error" : ""}" id="${id}" name="${
    params.name
  }"${params.disabled ? html` disabled` : EMPTY}${
    intro.describedBy ? html` aria-describedby="${intro.describedBy}"` : EMPTY
  }${govukAttributes(params.attributes)}>${options}
  </select>${slot(formGroup?.afterInput)}
</div>`;
}
