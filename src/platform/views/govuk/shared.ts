/**
 * Shared types and helpers for the GOV.UK Frontend component functions.
 *
 * The helpers mirror the behaviour of the Nunjucks helpers that ship with
 * govuk-frontend (`govukAttributes`, `govukI18nAttributes`, the `trim` filter and
 * the "html if html else text" pattern) so that every component can reproduce the
 * official macro markup exactly.
 */
import { SafeHtml, escapeHtml, raw } from "../html.ts";

/** A single attribute value as accepted by the macros' `attributes` parameter. */
export type AttributeValue = string | number | boolean | SafeHtml | null | undefined;

/** The macros' long form: `{ value, optional: true }` omits empty values and renders `true` as a bare name. */
export interface AttributeOptions {
  readonly value: AttributeValue;
  readonly optional?: boolean;
}

/** The `attributes` parameter of every component. */
export type Attributes = Readonly<Record<string, AttributeValue | AttributeOptions>>;

/** Content given either as plain text (escaped) or as trusted markup. */
export interface TextOrHtml {
  readonly text?: string;
  readonly html?: SafeHtml;
}

/** Common `classes` + `attributes` pair. */
export interface ClassesAndAttributes {
  readonly classes?: string;
  readonly attributes?: Attributes;
}

/** An array entry that may be switched off with `condition && item`. */
export type Optional<T> = T | null | undefined | false;

export const EMPTY: SafeHtml = raw("");

function isAttributeOptions(item: AttributeValue | AttributeOptions): item is AttributeOptions {
  return typeof item === "object" && item !== null && !(item instanceof SafeHtml);
}

/**
 * Renders attributes exactly as the `govukAttributes` Nunjucks macro does:
 * plain values always render as ` name="value"` (null/undefined as an empty value,
 * booleans as "true"/"false"); `{ value, optional: true }` skips empty values and
 * renders `true` as a bare attribute name. A SafeHtml is output verbatim.
 */
export function govukAttributes(values: Attributes | SafeHtml | undefined): SafeHtml {
  if (values === undefined) return EMPTY;
  if (values instanceof SafeHtml) return values;
  let out = "";
  for (const [name, item] of Object.entries(values)) {
    const options: AttributeOptions = isAttributeOptions(item) ? item : { value: item, optional: false };
    const value = options.value;
    let escaped: string;
    if (value === undefined || value === null) escaped = "";
    else if (value instanceof SafeHtml) escaped = value.value;
    else escaped = escapeHtml(String(value));
    const bareValue = value instanceof SafeHtml ? value.value : value;
    const optional = options.optional === true;
    if (optional && bareValue === true) {
      out += ` ${escapeHtml(name)}`;
    } else if (!optional || (bareValue !== undefined && bareValue !== null && bareValue !== false)) {
      out += ` ${escapeHtml(name)}="${escaped}"`;
    }
  }
  return raw(out);
}

/**
 * Renders a plain name/value map the way the character count and password input
 * templates append `formGroup.attributes` onto their own attribute string.
 */
export function plainAttributes(values: Readonly<Record<string, string | number | boolean>> | undefined): string {
  if (!values) return "";
  let out = "";
  for (const [name, value] of Object.entries(values)) {
    out += ` ${escapeHtml(name)}="${escapeHtml(String(value))}"`;
  }
  return out;
}

/** Renders translation strings as data attributes, like the `govukI18nAttributes` macro. */
export function i18nAttributes(
  key: string,
  message: string | undefined,
  messages?: Readonly<Record<string, string>>,
): string {
  if (messages) {
    let out = "";
    for (const [pluralRule, text] of Object.entries(messages)) {
      out += ` data-i18n.${key}.${pluralRule}="${escapeHtml(text)}"`;
    }
    return out;
  }
  if (message) return ` data-i18n.${key}="${escapeHtml(message)}"`;
  return "";
}

/** True when a `html` parameter is present and non-empty (the macros test `if params.html`). */
export function hasHtml(value: SafeHtml | undefined): value is SafeHtml {
  return value !== undefined && value.value !== "";
}

/** True when either `html` or `text` would render something. */
export function hasContent(content: TextOrHtml | undefined): boolean {
  return content !== undefined && (hasHtml(content.html) || Boolean(content.text));
}

/** The Nunjucks `trim` filter applied to trusted markup. */
export function trimHtml(value: SafeHtml): SafeHtml {
  return raw(value.value.trim());
}

/**
 * `html | safe | trim if html else text` (or untrimmed with `trim: false`).
 * Text is returned as a string so that the `html` template escapes it.
 */
export function htmlOrText(html: SafeHtml | undefined, text: string | undefined, trim = true): SafeHtml | string | undefined {
  if (hasHtml(html)) return trim ? trimHtml(html) : html;
  return text;
}

/** `" " + classes` when classes are set, else nothing — for appending modifier classes. */
export function extraClasses(classes: string | undefined): string {
  return classes ? ` ${classes}` : "";
}

/** Loose equality as used by the macros (`item.value == params.value`). */
export function looselyEqual(left: string | number | undefined, right: string | number | undefined): boolean {
  if (left === undefined || right === undefined) return left === right;
  return String(left) === String(right);
}
