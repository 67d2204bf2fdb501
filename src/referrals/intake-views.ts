import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import {
  govukButton,
  govukCheckboxes,
  govukDateInput,
  govukErrorSummary,
  govukInput,
  govukInsetText,
  govukPanel,
  govukRadios,
  govukSelect,
  govukTextarea,
  govukWarningText,
} from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { FORM_ORDER, HONEYPOT_FIELD, type IntakeForm } from "./intake-form.ts";
import { NEED_DOMAINS, NEED_DOMAIN_LABELS, REFERRAL_LIMITS, REGISTER_RATINGS } from "./schema.ts";
import { RATING_LABELS } from "../register/schema.ts";
import type { ServiceContact } from "./present.ts";

/** The referral form (signed in and public), choosing a service, the confirmation, and the pages for links that do not work. */

interface Parts {
  values: Record<string, string>;
  needs: string[];
  errors: Record<string, string>;
}

function errorOf(parts: Parts, field: string) {
  return parts.errors[field] ? { errorMessage: { text: parts.errors[field] } } : {};
}

function errorHref(field: string): string {
  if (field === "dateOfBirth") return "#dateOfBirth-day";
  if (field === "needs") return "#needs";
  if (field === "personConsented") return "#personConsented";
  return FORM_ORDER.includes(field) ? `#${field}` : "#main-content";
}

function summary(issues: FieldIssue[]): SafeHtml | string {
  if (issues.length === 0) return "";
  return govukErrorSummary({ titleText: "There is a problem", errorList: issues.map((issue) => ({ text: issue.message, href: errorHref(issue.field) })) });
}

function input(parts: Parts, name: string, label: string, options: { hint?: string; classes?: string; type?: string; autocomplete?: string } = {}): SafeHtml {
  return govukInput({
    id: name,
    name,
    label: { text: label, classes: "govuk-label--s" },
    ...(options.hint ? { hint: { text: options.hint } } : {}),
    classes: options.classes ?? "govuk-!-width-two-thirds",
    ...(options.type ? { type: options.type } : {}),
    ...(options.autocomplete ? { autocomplete: options.autocomplete } : {}),
    spellcheck: false,
    value: parts.values[name] ?? "",
    ...errorOf(parts, name),
  });
}

function textarea(parts: Parts, name: string, label: string, hint: string, rows: number): SafeHtml {
  return govukTextarea({
    id: name,
    name,
    label: { text: label, classes: "govuk-label--s" },
    hint: { text: hint },
    rows,
    value: parts.values[name] ?? "",
    ...errorOf(parts, name),
  });
}

function personFields(parts: Parts): SafeHtml {
  const dateError = parts.errors.dateOfBirth ? " govuk-input--error" : "";
  return html`<h2 class="govuk-heading-m">The person you are referring</h2>
${input(parts, "givenName", "Given name", { autocomplete: "off" })}
${input(parts, "familyName", "Family name", { autocomplete: "off" })}
${textarea(parts, "aliases", "Other names they are known by (optional)", "For example a nickname or a previous family name. One on each line.", 2)}
${govukDateInput({
  id: "dateOfBirth",
  namePrefix: "dateOfBirth",
  fieldset: { legend: { text: "Date of birth", classes: "govuk-fieldset__legend--s" } },
  hint: { text: "For example, 27 3 1998" },
  ...errorOf(parts, "dateOfBirth"),
  items: [
    { name: "day", classes: `govuk-input--width-2${dateError}`, value: parts.values["dateOfBirth-day"] ?? "" },
    { name: "month", classes: `govuk-input--width-2${dateError}`, value: parts.values["dateOfBirth-month"] ?? "" },
    { name: "year", classes: `govuk-input--width-4${dateError}`, value: parts.values["dateOfBirth-year"] ?? "" },
  ],
})}
${input(parts, "area", "Where they live (optional)", { hint: "The town, or the part of the city" })}
${input(parts, "personPhone", "Their phone number (optional)", { type: "tel", classes: "govuk-input--width-20" })}
${govukRadios({
  idPrefix: "personConsented",
  name: "personConsented",
  classes: "govuk-radios--inline",
  fieldset: { legend: { text: "Does the person know about this referral and agree to it?", classes: "govuk-fieldset__legend--s" } },
  ...errorOf(parts, "personConsented"),
  items: [
    { value: "yes", text: "Yes", checked: parts.values.personConsented === "yes" },
    { value: "no", text: "No", checked: parts.values.personConsented === "no" },
  ],
})}`;
}

function needFields(parts: Parts): SafeHtml {
  return html`<h2 class="govuk-heading-m">Their needs</h2>
${govukCheckboxes({
  idPrefix: "needs",
  name: "needs",
  fieldset: { legend: { text: "Which of these do they need support with?", classes: "govuk-fieldset__legend--s" } },
  hint: { text: "Select all that apply." },
  ...errorOf(parts, "needs"),
  items: NEED_DOMAINS.map((need) => ({ value: need, text: NEED_DOMAIN_LABELS[need], checked: parts.needs.includes(need) })),
})}
${govukSelect({
  id: "registerRating",
  name: "registerRating",
  label: { text: "Their rating on the dynamic support register, if you know it (optional)", classes: "govuk-label--s" },
  value: parts.values.registerRating ?? "",
  ...errorOf(parts, "registerRating"),
  items: [{ value: "", text: "Not known, or not on the register" }, ...REGISTER_RATINGS.map((rating) => ({ value: rating, text: RATING_LABELS[rating] }))],
})}
${textarea(parts, "reason", "What do you want the service to know?", `Why you are referring them, what has been tried, and what they want. Kept as you write it, up to ${REFERRAL_LIMITS.reason} characters.`, 8)}
${textarea(parts, "safetyInformation", "Anything a worker should know to stay safe on a first visit (optional)", "For example a dog at the address, or a person they should not meet alone.", 3)}`;
}

function referrerFields(parts: Parts, signedIn: { name: string; organisation: string | null; email: string } | null): SafeHtml {
  if (signedIn) {
    return html`<h2 class="govuk-heading-m">About you</h2>
<p class="govuk-body">The service will see this referral is from ${signedIn.name}${signedIn.organisation ? `, ${signedIn.organisation}` : ""}, and email you at ${signedIn.email} as it moves on.</p>
${input(parts, "referrerRole", "Your role (optional)", { classes: "govuk-!-width-two-thirds" })}
${input(parts, "referrerPhone", "A phone number the service can call you on (optional)", { type: "tel", classes: "govuk-input--width-20", autocomplete: "tel" })}`;
  }
  return html`<h2 class="govuk-heading-m">About you</h2>
${input(parts, "referrerName", "Your name", { autocomplete: "name" })}
${input(parts, "referrerOrganisation", "Your organisation (optional)", { autocomplete: "organization" })}
${input(parts, "referrerRole", "Your role (optional)")}
${input(parts, "referrerEmail", "Your email address", { type: "email", autocomplete: "email", hint: "We email you at each step, with the reference. Give an email address or a phone number." })}
${input(parts, "referrerPhone", "Your phone number", { type: "tel", classes: "govuk-input--width-20", autocomplete: "tel" })}`;
}

/**
 * A field people never see or reach (hidden from view, from screen readers and from the tab order)
 * and robots that fill in every field do: see the public referral route.
 */
function honeypot(): SafeHtml {
  return html`<div class="govuk-visually-hidden" aria-hidden="true">
  <label for="${HONEYPOT_FIELD}">Leave this field empty</label>
  <input type="text" id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" value="" tabindex="-1" autocomplete="off">
</div>`;
}

export interface ReferralFormOptions {
  service: { id: string; name: string };
  form: IntakeForm;
  issues: FieldIssue[];
  /** Where the form is posted: the public link or the signed-in create route. */
  action: string;
  /** The signed-in referrer's account details; null on the public link. */
  signedIn: { name: string; organisation: string | null; email: string } | null;
}

export function referralFormPage(context: PageContext, options: ReferralFormOptions): SafeHtml {
  const parts: Parts = { values: options.form.values, needs: options.form.needs, errors: errorsByField(options.issues) };
  const title = `Refer someone to ${options.service.name}`;
  return layout(context, {
    title,
    hasErrors: options.issues.length > 0,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${summary(options.issues)}
<span class="govuk-caption-l">${options.service.name}</span>
<h1 class="govuk-heading-l">Refer someone</h1>
<p class="govuk-body">Tell the service about the person and why you are referring them. After you send it you get a reference and a private link to see what happens to the referral, step by step.</p>
${options.signedIn ? "" : html`<p class="govuk-body">You do not need an account.</p>`}
<form method="post" action="${options.action}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  ${options.signedIn ? html`<input type="hidden" name="serviceId" value="${options.service.id}">` : honeypot()}
  ${personFields(parts)}
  ${needFields(parts)}
  ${referrerFields(parts, options.signedIn)}
  ${govukButton({ text: "Send referral", preventDoubleClick: true })}
</form>
</div></div>`,
  });
}

export function chooseServicePage(context: PageContext, services: ServiceContact[]): SafeHtml {
  return layout(context, {
    title: "Choose a service to refer to",
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<h1 class="govuk-heading-l">Choose a service to refer to</h1>
${services.length === 0
  ? html`<p class="govuk-body">No service in your partnership takes referrals through Keywork yet.</p>`
  : html`<ul class="govuk-list govuk-list--spaced">${services.map((service) => html`<li><a class="govuk-link" href="${paths.referrals.new({ service: service.id })}">${service.name}</a></li>`)}</ul>`}
<p class="govuk-body"><a class="govuk-link" href="${paths.referrals.sent()}">See the referrals you have made</a></p>
</div></div>`,
  });
}

export interface Confirmation {
  serviceName: string;
  reference: string;
  statusUrl: string;
  acknowledgeBy: string;
  decideBy: string;
  emailed: boolean;
  /** For a signed-in referrer: their own page for the referral. */
  referralId: string | null;
}

export function confirmationPage(context: PageContext, confirmation: Confirmation): SafeHtml {
  return layout(context, {
    title: "Referral sent",
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${govukPanel({ titleText: "Referral sent", html: html`Your reference is<br><strong>${confirmation.reference}</strong>` })}
<p class="govuk-body">${confirmation.serviceName} has your referral. Quote the reference if you contact them.</p>
<h2 class="govuk-heading-m">Follow the referral</h2>
<p class="govuk-body">This private link shows the referral's status and each step, dated:</p>
<p class="govuk-body"><a class="govuk-link" href="${confirmation.statusUrl}" id="status-link">${confirmation.statusUrl}</a></p>
${govukWarningText({ text: "Keep the link to yourself, and save it now: this is the only time it is shown on screen. Anyone with it can see the status of the referral (never the person's name)." })}
${confirmation.emailed ? html`<p class="govuk-body">We have also emailed it to you.</p>` : ""}
${confirmation.referralId ? html`<p class="govuk-body">You can also find it among <a class="govuk-link" href="${paths.referrals.sent()}">the referrals you have made</a>.</p>` : ""}
<h2 class="govuk-heading-m">What happens next</h2>
<p class="govuk-body">The service will acknowledge the referral by ${formatIsoDate(confirmation.acknowledgeBy)} and decide whether it can offer support by ${formatIsoDate(confirmation.decideBy)}.</p>
</div></div>`,
  });
}

/** The service behind the link is not taking referrals now. */
export function notAcceptingPage(context: PageContext, service: ServiceContact): SafeHtml {
  return layout(context, {
    title: `${service.name} is not taking referrals`,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<h1 class="govuk-heading-l">${service.name} is not taking referrals at the moment</h1>
<p class="govuk-body">Nothing has been sent.</p>
${contactDetails(service, "Contact the service to ask what to do instead")}
</div></div>`,
  });
}

export function contactDetails(service: ServiceContact, lead: string): SafeHtml | string {
  const lines = [
    service.phone ? html`<li>Phone: ${service.phone}</li>` : "",
    service.email ? html`<li>Email: <a class="govuk-link" href="mailto:${service.email}">${service.email}</a></li>` : "",
    service.website && /^https?:\/\//.test(service.website) ? html`<li>Website: <a class="govuk-link" href="${service.website}">${service.website}</a></li>` : "",
  ].filter((line) => line !== "");
  if (lines.length === 0) return "";
  return html`<p class="govuk-body">${lead}:</p><ul class="govuk-list">${lines}</ul>`;
}

/** An unknown, mistyped or replaced public referral link, or status link (404). */
export function linkNotValidPage(context: PageContext, kind: "referral" | "status"): SafeHtml {
  const title = kind === "referral" ? "This referral link is not valid" : "This status link is not valid";
  return layout(context, {
    title,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<h1 class="govuk-heading-l">${title}</h1>
${kind === "referral"
  ? html`<p class="govuk-body">Check you copied the whole link. The service may have replaced it with a new one: ask them for their current referral link.</p>`
  : html`<p class="govuk-body">Check you copied the whole link from the confirmation page or the email about your referral. If you still cannot see it, contact the service and quote your reference.</p>`}
${kind === "referral" ? govukInsetText({ text: "Nothing has been sent." }) : ""}
</div></div>`,
  });
}
