/**
 * Parity tests: every component must render the same markup as the official
 * govuk-frontend Nunjucks macro given the same parameters.
 *
 * Both outputs are normalised (whitespace collapsed, whitespace-only text between
 * tags removed, attributes re-serialised) before comparison. Attribute order is
 * compared as emitted: the components mirror the macros' attribute order.
 */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import { describe, expect, it } from "vitest";
import { SafeHtml, raw } from "../html.ts";
import * as govuk from "./index.ts";

const GOVUK_DIST = fileURLToPath(new URL("../../../../node_modules/govuk-frontend/dist", import.meta.url));
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(GOVUK_DIST));

type Json = string | number | boolean | null | undefined | SafeHtml | readonly Json[] | { readonly [key: string]: Json };

/** Component function name → folder in govuk-frontend/dist/govuk/components. */
const COMPONENTS = {
  govukBackLink: "back-link",
  govukButton: "button",
  govukCharacterCount: "character-count",
  govukCheckboxes: "checkboxes",
  govukDateInput: "date-input",
  govukDetails: "details",
  govukErrorMessage: "error-message",
  govukErrorSummary: "error-summary",
  govukFieldset: "fieldset",
  govukHint: "hint",
  govukInput: "input",
  govukInsetText: "inset-text",
  govukLabel: "label",
  govukNotificationBanner: "notification-banner",
  govukPagination: "pagination",
  govukPanel: "panel",
  govukPasswordInput: "password-input",
  govukRadios: "radios",
  govukSelect: "select",
  govukServiceNavigation: "service-navigation",
  govukSkipLink: "skip-link",
  govukSummaryList: "summary-list",
  govukTable: "table",
  govukTag: "tag",
  govukTextarea: "textarea",
  govukWarningText: "warning-text",
} as const;

type ComponentName = keyof typeof COMPONENTS;
type Component = (params: never) => SafeHtml;

/** Parameters as Nunjucks sees them: SafeHtml becomes the plain markup string. */
function toNunjucks(value: Json): unknown {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((item: Json) => toNunjucks(item));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toNunjucks(item as Json)]));
  }
  return value;
}

function renderOfficial(name: ComponentName, params: Json): string {
  const template = `{% from "govuk/components/${COMPONENTS[name]}/macro.njk" import ${name} %}{{ ${name}(params) }}`;
  return env.renderString(template, { params: toNunjucks(params) });
}

function renderOurs(name: ComponentName, params: Json): string {
  const component = govuk[name] as Component;
  return component(params as never).value;
}

const TAG = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*"[^"]*")?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*"([^"]*)")?/g;

/** Collapses whitespace, drops whitespace between tags and re-serialises every tag's attributes. */
function normalise(markup: string): string {
  return markup
    .replace(/&#92;/g, "\\")
    .replace(/\s+/g, " ")
    .replace(TAG, (_match, slash: string, name: string, attributeText: string, selfClosing: string) => {
      const attributes = [...attributeText.matchAll(ATTRIBUTE)].map(([, attribute, value]) =>
        value === undefined ? ` ${attribute}` : ` ${attribute}="${value.trim()}"`,
      );
      return `<${slash}${name.toLowerCase()}${attributes.join("")}${selfClosing ? " /" : ""}>`;
    })
    .replace(/>\s+</g, "><")
    .trim();
}

function expectParity(name: ComponentName, params: Json): void {
  const official = normalise(renderOfficial(name, params));
  const ours = normalise(renderOurs(name, params));
  expect(official.length).toBeGreaterThan(0);
  expect(ours).toBe(official);
}

type Cases = Readonly<Record<string, Json>>;

const longLabel = { text: "What is your full name?", classes: "govuk-label--l", isPageHeading: true };

const CASES: Readonly<Partial<Record<ComponentName, Cases>>> = {
  govukLabel: {
    "text": { text: "Email address", for: "email" },
    "page heading with classes": { ...longLabel, for: "name", attributes: { "data-x": "1" } },
    "html": { html: raw("  <b>Email</b> address  "), classes: "govuk-label--s" },
  },
  govukHint: {
    "text": { text: "For example, 31 3 1980", id: "dob-hint" },
    "html with classes and attributes": { html: raw("<em>Optional</em>"), classes: "extra", attributes: { lang: "cy" } },
  },
  govukErrorMessage: {
    "text": { text: "Enter your name", id: "name-error" },
    "custom hidden text": { text: "Enter your name", visuallyHiddenText: "Gwall" },
    "no hidden text": { html: raw("<strong>Problem</strong>"), visuallyHiddenText: "", classes: "c" },
  },
  govukFieldset: {
    "legend text": { legend: { text: "Address" }, html: raw("<p>Fields</p>") },
    "legend page heading": {
      legend: { html: raw("<span>Where do you live?</span>"), classes: "govuk-fieldset__legend--l", isPageHeading: true },
      describedBy: "address-hint",
      role: "group",
      classes: "app-fieldset",
      attributes: { "data-module": "x" },
    },
    "no legend": { html: raw("<p>Only content</p>") },
  },
  govukButton: {
    "text": { text: "Save and continue" },
    "all button options": {
      text: "Save",
      type: "button",
      name: "action",
      value: "save",
      disabled: true,
      preventDoubleClick: true,
      id: "save-button",
      classes: "govuk-button--secondary",
      attributes: { "data-test": "save", "aria-describedby": "x" },
    },
    "prevent double click false": { text: "Go", preventDoubleClick: false },
    "link": { text: "Back to start", href: "/start", classes: "govuk-button--secondary" },
    "start button link": { text: "Start now", href: "/begin", isStartButton: true },
    "start button html": { html: raw("Start <span class=\"govuk-visually-hidden\">the form</span>"), isStartButton: true },
    "html button": { html: raw(" <em>Delete</em> "), classes: "govuk-button--warning" },
  },
  govukInput: {
    "minimal": { id: "name", name: "name", label: { text: "Name" } },
    "id defaults to name": { name: "email", label: { text: "Email" }, type: "email", autocomplete: "email", spellcheck: false },
    "hint and error": {
      id: "full-name",
      name: "fullName",
      label: longLabel,
      hint: { text: "As on your passport" },
      errorMessage: { text: "Enter your full name" },
      value: "Jane <Doe>",
      classes: "govuk-input--width-20",
      attributes: { "data-x": "y", maxlength: 10 },
    },
    "describedBy, inputmode, pattern, spellcheck true": {
      id: "n",
      name: "n",
      label: { text: "Number" },
      describedBy: "other",
      hint: { html: raw("<b>Digits</b>") },
      inputmode: "numeric",
      pattern: "[0-9]*",
      spellcheck: true,
      autocapitalize: "none",
      disabled: true,
      value: "",
    },
    "prefix and suffix": {
      id: "cost",
      name: "cost",
      label: { text: "Cost" },
      prefix: { text: "£", classes: "p", attributes: { title: "pounds" } },
      suffix: { html: raw("<abbr>per item</abbr>") },
      inputWrapper: { classes: "wrap", attributes: { "data-w": "1" } },
    },
    "form group before and after": {
      id: "w",
      name: "w",
      label: { text: "Weight" },
      formGroup: {
        classes: "app-group",
        attributes: { "data-group": "yes" },
        beforeInput: { text: "Before" },
        afterInput: { html: raw("<span>kg</span>") },
      },
    },
  },
  govukPasswordInput: {
    "minimal": { id: "password", name: "password", label: { text: "Password" } },
    "everything": {
      name: "new-password",
      label: { text: "Create a password", isPageHeading: true, classes: "govuk-label--l" },
      hint: { text: "At least 8 characters" },
      errorMessage: { text: "Enter a password" },
      autocomplete: "new-password",
      value: "hunter2",
      disabled: false,
      classes: "extra",
      attributes: { "data-a": "b" },
      showPasswordText: "Dangos",
      hidePasswordText: "Cuddio",
      showPasswordAriaLabelText: "Dangos cyfrinair",
      hidePasswordAriaLabelText: "Cuddio cyfrinair",
      passwordShownAnnouncementText: "Mae eich cyfrinair yn weladwy",
      passwordHiddenAnnouncementText: "Mae eich cyfrinair wedi'i guddio",
      button: { classes: "app-toggle" },
      formGroup: { classes: "fg", attributes: { "data-fg": "1" }, afterInput: { text: "After" }, beforeInput: { text: "Before" } },
    },
  },
  govukTextarea: {
    "minimal": { id: "more-detail", name: "moreDetail", label: { text: "Can you provide more detail?" } },
    "everything": {
      name: "notes",
      rows: 8,
      value: "Line 1\n<b>Line 2</b>",
      label: { text: "Notes", isPageHeading: true, classes: "govuk-label--l" },
      hint: { text: "Do not include personal information" },
      errorMessage: { text: "Enter notes" },
      describedBy: "pre",
      spellcheck: false,
      disabled: true,
      autocomplete: "off",
      classes: "app-notes",
      attributes: { "data-x": "1" },
      formGroup: { classes: "fg", beforeInput: { html: raw("<p>Before</p>") }, afterInput: { text: "After" } },
    },
  },
  govukCharacterCount: {
    "maxlength": { id: "summary", name: "summary", maxlength: 200, label: { text: "Summary" } },
    "maxwords with everything": {
      name: "story",
      maxwords: 150,
      threshold: 75,
      rows: 4,
      value: "Once",
      spellcheck: true,
      label: { text: "Tell us", classes: "govuk-label--m" },
      hint: { text: "Briefly" },
      errorMessage: { text: "Too long" },
      classes: "c",
      attributes: { "data-a": "1" },
      countMessage: { classes: "m" },
      formGroup: { classes: "fg", attributes: { "data-fg": "x" }, afterInput: { text: "After" } },
      charactersUnderLimitText: { one: "%{count} character remaining", other: "%{count} characters remaining" },
      charactersAtLimitText: "No characters left",
      charactersOverLimitText: { one: "%{count} character too many", other: "%{count} characters too many" },
      wordsUnderLimitText: { other: "%{count} words remaining" },
      wordsAtLimitText: "No words left",
      wordsOverLimitText: { other: "%{count} words too many" },
      textareaDescriptionText: "Up to %{count} words (%{count})",
    },
    "no limit with description": { name: "free", label: { text: "Free" }, textareaDescriptionText: "Up to %{count}" },
    "count type": { name: "typed", maxlength: 10, countType: "characters", label: { text: "Typed" } },
  },
  govukSelect: {
    "selected by value": {
      id: "sort",
      name: "sort",
      label: { text: "Sort by" },
      value: "updated",
      items: [
        { value: "published", text: "Recently published" },
        { value: "updated", text: "Recently updated" },
        { value: "views", text: "Most views", disabled: true, attributes: { "data-x": "1" } },
        null,
      ],
    },
    "selected flags and hint/error": {
      name: "colour",
      label: { text: "Colour", isPageHeading: true, classes: "govuk-label--l" },
      hint: { text: "Pick one" },
      errorMessage: { text: "Choose a colour" },
      describedBy: "extra",
      disabled: true,
      classes: "app-select",
      attributes: { "data-y": "2" },
      value: "red",
      items: [
        { text: "Choose" },
        { value: "red", text: "Red", selected: false },
        { value: "blue", text: "Blue <&>", selected: true },
        { text: "red" },
      ],
      formGroup: { classes: "fg", beforeInput: { text: "B" }, afterInput: { html: raw("<i>A</i>") } },
    },
  },
  govukDateInput: {
    "default items": { id: "dob", namePrefix: "dob", fieldset: { legend: { text: "Date of birth" } } },
    "values, hint and error": {
      id: "passport-issued",
      fieldset: {
        legend: { text: "When was your passport issued?", isPageHeading: true, classes: "govuk-fieldset__legend--l" },
        describedBy: "pre",
        classes: "fs",
        attributes: { "data-f": "1" },
      },
      hint: { text: "For example, 12 11 2007" },
      errorMessage: { text: "The date must include a year" },
      values: { day: "12", month: "11" },
      classes: "app-date",
      attributes: { "data-d": "1" },
      formGroup: { classes: "fg", beforeInputs: { text: "Before" }, afterInputs: { html: raw("<p>After</p>") } },
    },
    "items with one error": {
      id: "dt",
      namePrefix: "dt",
      errorMessage: { text: "Enter a year" },
      items: [
        { name: "day", value: "1", classes: "govuk-input--width-2" },
        { name: "month", value: "2" },
        { name: "year", classes: "govuk-input--width-4 govuk-input--error", autocomplete: "bday-year", attributes: { "data-y": "y" } },
      ],
    },
    "custom items and labels without fieldset": {
      id: "custom",
      items: [
        { id: "custom-d", name: "day", label: "Dydd", value: 5, error: true, pattern: "[0-9]*", inputmode: "text" },
        { name: "month", label: "Mis" },
        { name: "YEAR" },
      ],
    },
    "values by prefixed name": { id: "v", namePrefix: "v", values: { "v-day": "9", "v-month": "8", "v-year": "2020" } },
  },
  govukRadios: {
    "inline with legend": {
      name: "changed-name",
      classes: "govuk-radios--inline",
      fieldset: { legend: { text: "Have you changed your name?", isPageHeading: true, classes: "govuk-fieldset__legend--l" } },
      hint: { text: "This includes changing your last name." },
      items: [
        { value: "yes", text: "Yes" },
        { value: "no", text: "No", checked: true },
      ],
    },
    "value, divider, item hints, conditional, error": {
      idPrefix: "contact",
      name: "contact",
      value: "email",
      fieldset: { legend: { text: "How should we contact you?" }, describedBy: "pre", classes: "fs", attributes: { "data-f": "1" } },
      errorMessage: { text: "Select how to contact you" },
      classes: "app-radios",
      attributes: { "data-r": "1" },
      formGroup: { classes: "fg", attributes: { "data-g": "1" }, beforeInputs: { text: "Before" }, afterInputs: { html: raw("<p>After</p>") } },
      items: [
        {
          value: "email",
          text: "Email",
          conditional: { html: raw("  <p>Email field</p>  ") },
          hint: { text: "We reply in 2 days", classes: "h" },
        },
        {
          value: "phone",
          html: raw("<strong>Phone</strong>"),
          conditional: { html: raw("<p>Phone field</p>") },
          label: { classes: "l", attributes: { "data-l": "1" } },
        },
        false,
        { divider: "or" },
        { value: "none", text: "Do not contact me", disabled: true, attributes: { "data-i": "1" }, id: "no-contact" },
        { value: "post", text: "Post", checked: false, hint: { html: raw("<b>Slow</b>") } },
      ],
    },
    "checked false overrides value": {
      name: "x",
      value: "a",
      items: [{ value: "a", text: "A", checked: false }, { value: "b", text: "B" }],
    },
  },
  govukCheckboxes: {
    "fieldset and hint": {
      name: "nationality",
      fieldset: { legend: { text: "What is your nationality?", isPageHeading: true, classes: "govuk-fieldset__legend--l" } },
      hint: { text: "Select all that apply." },
      items: [
        { value: "british", text: "British", hint: { text: "including English, Scottish, Welsh and Northern Irish" } },
        { value: "irish", text: "Irish", checked: true },
        { value: "other", text: "Citizen of another country", conditional: { html: raw("<p>Which country?</p>") } },
      ],
    },
    "no fieldset: describedBy on items": {
      name: "terms",
      describedBy: "pre",
      hint: { text: "Read them first" },
      errorMessage: { text: "You must agree" },
      items: [
        { value: "yes", text: "I agree", hint: { text: "Really" } },
        { value: "also", text: "Also" },
      ],
    },
    "values, divider, exclusive, item name": {
      idPrefix: "org",
      name: "organisation",
      values: ["hmrc", "none"],
      classes: "govuk-checkboxes--small",
      attributes: { "data-c": "1" },
      fieldset: { legend: { html: raw("<span>Which organisations?</span>") }, describedBy: "pre" },
      errorMessage: { html: raw("<b>Select an organisation</b>"), visuallyHiddenText: "Gwall" },
      formGroup: { classes: "fg", beforeInputs: { html: raw("<p>B</p>") }, afterInputs: { text: "A" } },
      items: [
        { value: "hmrc", text: "HM Revenue and Customs", conditional: { html: raw("<p>Reveal</p>") } },
        { value: "dwp", text: "Department for Work and Pensions", conditional: { html: raw("<p>Hidden</p>") }, name: "dept" },
        { value: "hmrc", text: "Unchecked", checked: false, id: "explicit" },
        null,
        { divider: "or" },
        { value: "none", text: "None", behaviour: "exclusive", disabled: true, label: { classes: "l" } },
      ],
    },
  },
  govukErrorSummary: {
    "list": {
      titleText: "There is a problem",
      errorList: [
        { text: "Enter your full name", href: "#full-name" },
        { html: raw("<b>Enter</b> an email"), href: "#email", attributes: { "data-e": "1" } },
        { text: "No link" },
        { html: raw(" <i>No link html</i> ") },
      ],
    },
    "description and options": {
      titleHtml: raw("<span>Problem</span>"),
      descriptionText: "Fix these",
      disableAutoFocus: true,
      classes: "app-summary",
      attributes: { "data-s": "1" },
      errorList: [],
    },
    "description html, autofocus false": { titleText: "T", descriptionHtml: raw("<b>Fix</b>"), disableAutoFocus: false },
  },
  govukSummaryList: {
    "rows with mixed actions": {
      classes: "app-list",
      attributes: { "data-l": "1" },
      rows: [
        {
          key: { text: "Name" },
          value: { text: "Sarah Philips" },
          actions: { items: [{ href: "#name", text: "Change", visuallyHiddenText: "name" }] },
        },
        {
          classes: "row",
          key: { html: raw("<b>Date of birth</b>"), classes: "k" },
          value: { html: raw("<p>5 January 1978</p>"), classes: "v" },
          actions: {
            classes: "a",
            items: [
              { href: "#dob", text: "Change", visuallyHiddenText: "date of birth", classes: "c", attributes: { "data-a": "1" } },
              { href: "#dob-remove", html: raw("Remove<span> it</span>") },
            ],
          },
        },
        { key: { text: "Contact" }, value: { text: "none" } },
        { key: { text: "Empty actions" }, value: { text: "x" }, actions: { items: [] } },
        null,
      ],
    },
    "no actions anywhere": { rows: [{ key: { text: "A" }, value: { text: "B" } }] },
    "card with one action": {
      card: {
        title: { text: "University of Gloucestershire" },
        actions: { items: [{ href: "#delete", text: "Delete choice", visuallyHiddenText: "of university" }] },
        classes: "card",
        attributes: { "data-card": "1" },
      },
      rows: [
        { key: { text: "Course" }, value: { text: "English" }, actions: { items: [{ href: "#c", text: "Change", visuallyHiddenText: "course" }] } },
      ],
    },
    "card with several actions and html title": {
      card: {
        title: { html: raw("<span>Uni</span>"), headingLevel: 3, classes: "t" },
        actions: {
          classes: "ac",
          items: [
            { href: "#d", text: "Delete" },
            { href: "#w", text: "Withdraw" },
          ],
        },
      },
      rows: [{ key: { text: "K" }, value: { text: "V" } }],
    },
    "card without title": { card: {}, rows: [{ key: { text: "K" }, value: { text: "V" } }] },
  },
  govukTable: {
    "caption, head and rows": {
      caption: "Dates and amounts",
      captionClasses: "govuk-table__caption--m",
      firstCellIsHeader: true,
      classes: "app-table",
      attributes: { "data-t": "1" },
      head: [{ text: "Date" }, { text: "Amount", format: "numeric", classes: "w", colspan: 2, attributes: { "data-h": "1" } }],
      rows: [
        [{ text: "First 6 weeks" }, { text: "£109.80 per week", format: "numeric" }, { text: "x" }],
        [{ html: raw("<b>Next 33 weeks</b>"), classes: "c" }, { text: "£109.80", rowspan: 2, colspan: 1, attributes: { "data-c": "1" } }],
        null,
      ],
    },
    "rows only": { rows: [[{ text: "A" }, { text: "B <c>" }]] },
  },
  govukTag: {
    "text": { text: "Completed" },
    "html with classes": { html: raw(" <span>New</span> "), classes: "govuk-tag--green", attributes: { id: "t" } },
  },
  govukBackLink: {
    "default": {},
    "everything": { href: "/back", text: "Go back", classes: "c", attributes: { "data-b": "1" } },
    "html": { html: raw("<span>Back</span> to list") },
  },
  govukSkipLink: {
    "default": { text: "Skip to main content" },
    "everything": { href: "#main", html: raw("<b>Skip</b>"), classes: "c", attributes: { "data-s": "1" } },
  },
  govukNotificationBanner: {
    "default": { text: "You have 7 days left to send your application." },
    "success": { type: "success", html: raw("<h3 class=\"govuk-notification-banner__heading\">Sent</h3>") },
    "everything": {
      titleText: "Notice",
      titleHeadingLevel: 3,
      titleId: "my-title",
      role: "status",
      disableAutoFocus: true,
      classes: "c",
      attributes: { "data-n": "1" },
      text: "  Padded text  ",
    },
    "title html": { titleHtml: raw("<span>Important</span>"), type: "other", disableAutoFocus: false },
  },
  govukInsetText: {
    "text": { text: "It can take up to 8 weeks." },
    "html": { id: "inset", html: raw("<p>One</p>\n<p>Two</p>"), classes: "c", attributes: { "data-i": "1" } },
  },
  govukWarningText: {
    "text": { text: "You can be fined up to £5,000" },
    "html": { html: raw("<b>Fined</b>"), iconFallbackText: "Rhybudd", classes: "c", attributes: { "data-w": "1" } },
  },
  govukDetails: {
    "text": { summaryText: "Help with nationality", text: "We need to know" },
    "html open": { summaryHtml: raw("<b>Help</b>"), html: raw("<p>Body</p>"), open: true, id: "d", classes: "c", attributes: { "data-d": "1" } },
  },
  govukPanel: {
    "confirmation": { titleText: "Application complete", html: raw("Your reference number<br><strong>HDJ2123F</strong>") },
    "heading level and text": { titleHtml: raw("<span>Done</span>"), headingLevel: 2, text: "Ref 1", classes: "c", attributes: { "data-p": "1" } },
    "interruption with actions": {
      titleText: "Check this",
      classes: "govuk-panel--interruption",
      text: "Body",
      actions: {
        classes: "ac",
        attributes: { "data-a": "1" },
        items: [
          { text: "Continue" },
          { text: "Link", href: "/go", classes: "l", attributes: { "data-l": "1" } },
          { text: "Button link", href: "/b", type: "button" },
        ],
      },
    },
    "interruption without items": { titleText: "T", classes: "govuk-panel--interruption", actions: {} },
  },
  govukPagination: {
    "items": {
      previous: { href: "/p/1" },
      next: { href: "/p/3" },
      items: [
        { number: 1, href: "/p/1" },
        { ellipsis: true },
        { number: 2, href: "/p/2", current: true, attributes: { "data-p": "1" } },
        { number: 3, href: "/p/3", visuallyHiddenText: "Third page" },
        null,
      ],
    },
    "block with labels": {
      previous: { href: "/prev", labelText: "Applying for a licence", attributes: { "data-x": "1" } },
      next: { href: "/next", text: "Next step", labelText: "Checking" },
      landmarkLabel: "Search results",
      classes: "c",
      attributes: { "data-n": "1" },
    },
    "block without labels": { previous: { href: "/prev", html: raw("<b>Back</b>") }, next: { href: "/next" } },
    "next only with items": { next: { href: "/2", text: "More" }, items: [{ number: 1, href: "/1", current: true }] },
  },
  govukServiceNavigation: {
    "service name and navigation": {
      serviceName: "Keywork",
      serviceUrl: "/",
      navigation: [
        { href: "/people", text: "People", current: true },
        { href: "/cases", text: "Cases", active: true, attributes: { "data-n": "1" } },
        { href: "/contacts", html: raw("<span>Contacts</span>") },
        { text: "Text only" },
        null,
      ],
    },
    "navigation only, labels": {
      navigation: [{ href: "/a", text: "A" }],
      navigationLabel: "Main",
      navigationId: "nav",
      navigationClasses: "nc",
      menuButtonText: "Dewislen",
      menuButtonLabel: "Show menu",
      classes: "c",
      attributes: { "data-s": "1" },
    },
    "service name without url, collapse forced": {
      serviceName: "Keywork <beta>",
      ariaLabel: "Service",
      collapseNavigationOnMobile: true,
      navigation: [{ href: "/a", text: "A", active: true }],
    },
    "slots": {
      slots: {
        start: raw("<div>start</div>"),
        end: raw("<div>end</div>"),
        navigationStart: raw("<li>first</li>"),
        navigationEnd: raw("<li>last</li>"),
      },
      navigation: [
        { href: "/a", text: "A" },
        { href: "/b", text: "B" },
      ],
    },
    "inline end slot": { serviceName: "S", slots: { end: { html: raw("<p>end</p>"), align: "inline" } } },
  },
};

describe("govuk components match the official govuk-frontend macros", () => {
  for (const [name, cases] of Object.entries(CASES) as [ComponentName, Cases][]) {
    describe(name, () => {
      for (const [label, params] of Object.entries(cases)) {
        it(label, () => {
          expectParity(name, params);
        });
      }
    });
  }

  it("covers every component listed", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(COMPONENTS).sort());
  });
});

interface Fixture {
  readonly name: string;
  readonly options: Json;
}

/** Keys whose values are markup in the macro options (and so SafeHtml in ours). */
const HTML_KEYS = new Set(["html", "titleHtml", "summaryHtml", "descriptionHtml", "start", "end", "navigationStart", "navigationEnd"]);

function markHtml(value: Json, key = ""): Json {
  if (typeof value === "string" && HTML_KEYS.has(key)) return raw(value);
  if (Array.isArray(value)) return value.map((item: Json) => markHtml(item));
  if (value !== null && typeof value === "object" && !(value instanceof SafeHtml)) {
    return Object.fromEntries(Object.entries(value).map(([itemKey, item]) => [itemKey, markHtml(item as Json, itemKey)]));
  }
  return value;
}

/**
 * The govuk-frontend package ships the parameters of every documented example
 * (fixtures.json). Each one is rendered by both implementations.
 */
describe("govuk components match every govuk-frontend fixture", () => {
  for (const [name, folder] of Object.entries(COMPONENTS) as [ComponentName, string][]) {
    const file = `${GOVUK_DIST}/govuk/components/${folder}/fixtures.json`;
    const { fixtures } = JSON.parse(readFileSync(file, "utf8")) as { fixtures: Fixture[] };
    describe(name, () => {
      it("has fixtures", () => {
        expect(fixtures.length).toBeGreaterThan(0);
      });
      for (const fixture of fixtures) {
        it(fixture.name, () => {
          const official = normalise(renderOfficial(name, fixture.options));
          const ours = normalise(renderOurs(name, markHtml(fixture.options)));
          expect(ours).toBe(official);
        });
      }
    });
  }

  it("reads fixtures from the installed govuk-frontend", () => {
    expect(readdirSync(`${GOVUK_DIST}/govuk/components`)).toContain("input");
  });
});

describe("escaping and the comparison itself", () => {
  it("escapes user text in labels, hints, values and attributes", () => {
    const params = {
      id: "x",
      name: "x",
      label: { text: "<script>alert(1)</script>" },
      hint: { text: "Tom & \"Jerry\"" },
      value: "\"><img src=x onerror=alert(1)>",
      attributes: { "data-evil": "\"><script>" },
    };
    const ours = govuk.govukInput(params).value;
    expect(ours).not.toContain("<script>");
    expect(ours).not.toContain("<img");
    expect(ours).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(ours).toContain("Tom &amp; &quot;Jerry&quot;");
    expect(normalise(ours)).toBe(normalise(renderOfficial("govukInput", params)));
  });

  it("escapes text in items, rows and links", () => {
    const radios = govuk.govukRadios({ name: "r", items: [{ value: "<v>", text: "<b>bold</b>" }] }).value;
    expect(radios).toContain("&lt;b&gt;bold&lt;/b&gt;");
    expect(radios).toContain('value="&lt;v&gt;"');
    const list = govuk.govukSummaryList({ rows: [{ key: { text: "<k>" }, value: { text: "<v>" } }] }).value;
    expect(list).toContain("&lt;k&gt;");
    expect(list).not.toContain("<k>");
    const back = govuk.govukBackLink({ href: "javascript:\"x\"", text: "<" }).value;
    expect(back).toContain('href="javascript:&quot;x&quot;"');
  });

  it("renders nothing for a label without text, like the macro", () => {
    expect(govuk.govukLabel({ text: "" }).value).toBe("");
    expect(renderOfficial("govukLabel", { text: "" }).trim()).toBe("");
  });

  it("passes SafeHtml through unescaped", () => {
    expect(govuk.govukInsetText({ html: raw("<p>kept</p>") }).value).toContain("<p>kept</p>");
  });

  it("detects a difference in markup", () => {
    const params = { text: "Save" };
    const official = normalise(renderOfficial("govukButton", params));
    expect(normalise(govuk.govukButton({ text: "Save", classes: "extra" }).value)).not.toBe(official);
    expect(normalise(govuk.govukButton({ text: "Save!" }).value)).not.toBe(official);
    expect(normalise(govuk.govukButton({ text: "Save", preventDoubleClick: false }).value)).not.toBe(official);
    expect(normalise('<a class="x" href="y">z</a>')).not.toBe(normalise('<a href="y" class="x">z</a>'));
  });

  it("normalises only insignificant whitespace", () => {
    expect(normalise('<div  class="a" >\n  <p>\n   x  y\n</p>\n</div>')).toBe('<div class="a"><p> x y </p></div>');
  });
});
