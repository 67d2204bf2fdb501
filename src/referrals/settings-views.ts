import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { conflictSummary } from "../platform/views/conflict.ts";
import { govukBackLink, govukButton, govukCheckboxes, govukErrorSummary, govukInput, govukInsetText, govukRadios, govukSelect, govukSummaryList, govukTable, govukTag, govukTextarea } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, plural } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { RATINGS, RATING_LABELS } from "../register/schema.ts";
import { describeRules } from "./eligibility.ts";
import { NEED_DOMAINS, NEED_DOMAIN_LABELS } from "./schema.ts";
import { AGE_LIMIT, WORKING_DAYS_LIMITS, type SettingsFormValues } from "./settings-forms.ts";
import type { SettingsForEditing, SettingsList, StoredSettings } from "./settings-service.ts";

/** The referral settings pages: every service with its settings, and one service's settings form. */

const BACK_TO_LIST = govukBackLink({ href: paths.settings.referrals(), text: "Back to referral settings" });

function rulesList(settings: StoredSettings): SafeHtml {
  const rules = describeRules(settings.eligibility);
  if (rules.length === 0) return html`Anyone`;
  return html`<ul class="govuk-list govuk-!-margin-bottom-0">${rules.map((rule) => html`<li>${rule}</li>`)}</ul>`;
}

function timers(settings: StoredSettings): string {
  return `Acknowledge within ${plural(settings.acknowledgeWithinWorkingDays, "working day")}, decide within ${plural(settings.decideWithinWorkingDays, "working day")}`;
}

export function settingsListPage(context: PageContext, list: SettingsList): SafeHtml {
  const setUp = list.rows.filter((row) => row.settings);
  const notSetUp = list.rows.filter((row) => !row.settings && row.mayEdit);
  return layout(context, {
    title: "How services take referrals",
    content: html`<h1 class="govuk-heading-l">How services take referrals</h1>
<p class="govuk-body">For each service: the team that receives its referrals, who is eligible, how soon a referral must be acknowledged and decided, and whether it has a public referral link that needs no account.</p>
${setUp.length === 0
  ? html`<p class="govuk-body">No service takes referrals through Keywork yet.</p>`
  : govukTable({
      caption: "Services taking referrals through Keywork",
      captionClasses: "govuk-table__caption--m",
      head: [{ text: "Service" }, { text: "Receiving team" }, { text: "Who is eligible" }, { text: "Timers" }, { text: "Public link" }, { html: html`<span class="govuk-visually-hidden">Action</span>` }],
      rows: setUp.map((row) => {
        const settings = row.settings as StoredSettings;
        return [
          {
            html: html`${row.service.name}<br><span class="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">${row.service.organisationName}</span>${
              settings.acceptingReferrals ? "" : html`<br>${govukTag({ text: "Not taking referrals", classes: "govuk-tag--grey" })}`
            }`,
          },
          { text: settings.teamName },
          { html: rulesList(settings) },
          { text: timers(settings) },
          { text: settings.publicLinkToken ? "On" : "Off" },
          {
            html: row.mayEdit
              ? html`<a class="govuk-link" href="${paths.settings.referralService(row.service.id)}">Change<span class="govuk-visually-hidden"> the settings of ${row.service.name}</span></a>`
              : html``,
          },
        ];
      }),
    })}
${notSetUp.length > 0
  ? html`<h2 class="govuk-heading-m">Services you can set up</h2>
<ul class="govuk-list">${notSetUp.map(
      (row) => html`<li><a class="govuk-link" href="${paths.settings.referralService(row.service.id)}">Set up referrals for ${row.service.name}</a> <span class="govuk-hint govuk-!-font-size-16">(${row.service.organisationName})</span></li>`,
    )}</ul>`
  : ""}`,
  });
}

function errorHref(field: string): string {
  if (field === "form") return "#main-content";
  if (field === "needDomains") return "#needDomains";
  if (field === "accepting") return "#accepting";
  return `#${field}`;
}

export interface SettingsFormOptions {
  form: SettingsForEditing;
  values: SettingsFormValues;
  issues: FieldIssue[];
  /** Someone else saved first: what is stored now. */
  conflict?: StoredSettings | null;
  publicUrl: string;
  isAdmin: boolean;
}

function savedNowRows(settings: StoredSettings) {
  return [
    { key: { text: "Receiving team" }, value: { text: settings.teamName } },
    { key: { text: "Taking referrals" }, value: { text: settings.acceptingReferrals ? "Yes" : "No" } },
    { key: { text: "Who is eligible" }, value: { html: rulesList(settings) } },
    { key: { text: "Timers" }, value: { text: timers(settings) } },
    { key: { text: "Last changed" }, value: { text: formatDateTime(settings.updatedAt) } },
  ];
}

function numberInput(values: SettingsFormValues, errors: Record<string, string>, name: keyof SettingsFormValues & string, label: string, hint: string, suffix?: string): SafeHtml {
  return govukInput({
    id: name,
    name,
    label: { text: label, classes: "govuk-label--s" },
    hint: { text: hint },
    classes: "govuk-input--width-3",
    inputmode: "numeric",
    value: String(values[name] ?? ""),
    ...(suffix ? { suffix: { text: suffix } } : {}),
    ...(errors[name] ? { errorMessage: { text: errors[name] } } : {}),
  });
}

function publicLinkSection(context: PageContext, options: SettingsFormOptions): SafeHtml {
  const settings = options.form.row.settings;
  const serviceId = options.form.row.service.id;
  if (!settings) return html`<h2 class="govuk-heading-m" id="public-link">Public referral link</h2>
<p class="govuk-body">Save the settings first. You can then make a link that anyone can use to refer someone to this service without a Keywork account.</p>`;
  const link = settings.publicLinkToken ? `${options.publicUrl}${paths.referrals.publicForm(settings.publicLinkToken)}` : null;
  const button = (change: "create" | "off", text: string, classes = "govuk-button--secondary") => html`<form method="post" action="${paths.settings.referralPublicLink(serviceId)}" class="govuk-!-display-inline-block govuk-!-margin-right-2">
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="change" value="${change}">
  ${govukButton({ text, classes, preventDoubleClick: true })}
</form>`;
  return html`<h2 class="govuk-heading-m" id="public-link">Public referral link</h2>
<p class="govuk-body">Anyone with the link can refer someone to this service without a Keywork account: put it on your website or send it to partner agencies. Referrals through it are limited in size and number.</p>
${link
  ? html`${govukInsetText({ html: html`<span class="govuk-!-font-weight-bold">The link is on:</span><br><span class="govuk-!-text-break-word" id="public-link-url">${link}</span>` })}
<p class="govuk-body">Making a new link stops the old one working straight away.</p>
${button("create", "Make a new link")}${button("off", "Turn the link off", "govuk-button--warning")}`
  : html`<p class="govuk-body">The service has no public link.</p>${button("create", "Make a public link")}`}`;
}

export function settingsFormPage(context: PageContext, options: SettingsFormOptions): SafeHtml {
  const { form, values, issues } = options;
  const { service, settings } = form.row;
  const errors = errorsByField(issues);
  const error = (field: string) => (errors[field] ? { errorMessage: { text: errors[field] } } : {});
  const title = settings ? `Referral settings: ${service.name}` : `Set up referrals: ${service.name}`;
  return layout(context, {
    title,
    hasErrors: issues.length > 0 || Boolean(options.conflict),
    beforeContent: BACK_TO_LIST,
    section: paths.settings.referrals(),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${issues.length > 0 ? govukErrorSummary({ titleText: "There is a problem", errorList: issues.map((issue) => ({ text: issue.message, href: errorHref(issue.field) })) }) : ""}
${options.conflict ? conflictSummary("Someone else changed these settings while you were editing", savedNowRows(options.conflict)) : ""}
<span class="govuk-caption-l">${service.organisationName}</span>
<h1 class="govuk-heading-l">${title}</h1>
<form method="post" action="${paths.settings.referralService(service.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="version" value="${values.version}">
  ${govukSelect({
    id: "teamId",
    name: "teamId",
    label: { text: "Team that receives the referrals", classes: "govuk-label--m" },
    hint: { text: options.isAdmin ? "Its managers acknowledge, screen, decide and allocate the referrals." : "Referrals come to your team: its managers acknowledge, screen, decide and allocate them." },
    value: values.teamId,
    items: [...(options.isAdmin ? [{ value: "", text: "Select a team" }] : []), ...form.teams.map((team) => ({ value: team.id, text: `${team.name} (${team.organisationName})` }))],
    ...error("teamId"),
  })}
  ${govukRadios({
    idPrefix: "accepting",
    name: "accepting",
    classes: "govuk-radios--inline",
    fieldset: { legend: { text: "Is the service taking referrals now?", classes: "govuk-fieldset__legend--m" } },
    hint: { text: "When it is not, the public link and the referral form say so and take nothing." },
    value: values.accepting,
    items: [
      { value: "yes", text: "Yes" },
      { value: "no", text: "No" },
    ],
    ...error("accepting"),
  })}
  <h2 class="govuk-heading-m">Who is eligible</h2>
  <p class="govuk-body">Leave a rule empty if the service does not use it. Screening shows which rules each referral meets.</p>
  ${govukCheckboxes({
    idPrefix: "needDomains",
    name: "needDomains",
    classes: "govuk-checkboxes--small",
    fieldset: { legend: { text: "Needs that count", classes: "govuk-fieldset__legend--s" } },
    hint: { text: "Tick the needs that count towards eligibility, then say how many of them a person must have." },
    values: values.needDomains,
    items: NEED_DOMAINS.map((domain) => ({ value: domain, text: NEED_DOMAIN_LABELS[domain] })),
    ...error("needDomains"),
  })}
  ${numberInput(values, errors, "needsAtLeast", "How many of the ticked needs a person must have", "For example, 4 for “at least 4 of” the needs ticked.")}
  ${govukCheckboxes({
    idPrefix: "registerRatings",
    name: "registerRatings",
    classes: "govuk-checkboxes--small",
    fieldset: { legend: { text: "Dynamic support register ratings", classes: "govuk-fieldset__legend--s" } },
    hint: { text: "For services for children and young people on the register: the ratings the service takes." },
    values: values.registerRatings,
    items: RATINGS.map((rating) => ({ value: rating, text: rating === "blue" ? "Blue (in hospital)" : RATING_LABELS[rating] })),
  })}
  <div class="govuk-grid-row">
    <div class="govuk-grid-column-one-half">${numberInput(values, errors, "ageMinimum", "Youngest age (optional)", `In whole years, from 0 to ${AGE_LIMIT}.`, "years")}</div>
    <div class="govuk-grid-column-one-half">${numberInput(values, errors, "ageMaximum", "Oldest age (optional)", "Age on the day the referral is received.", "years")}</div>
  </div>
  ${govukTextarea({
    id: "areas",
    name: "areas",
    label: { text: "Areas the service covers (optional)", classes: "govuk-label--s" },
    hint: { text: "One area a line, as referrers will write it, for example Northmoor. Leave empty to take people from anywhere." },
    rows: 3,
    value: values.areas,
    ...error("areas"),
  })}
  <h2 class="govuk-heading-m">Timers</h2>
  <p class="govuk-body">Counted in working days from the day a referral arrives, leaving out weekends and bank holidays in England and Wales. Overdue referrals are flagged to the team's managers.</p>
  ${numberInput(values, errors, "acknowledgeWithinWorkingDays", "Acknowledge within", `From 1 to ${WORKING_DAYS_LIMITS.acknowledge}. Keywork starts with 2.`, "working days")}
  ${numberInput(values, errors, "decideWithinWorkingDays", "Decide within", `From 1 to ${WORKING_DAYS_LIMITS.decide}. Keywork starts with 10.`, "working days")}
  <div class="govuk-button-group">
    ${govukButton({ text: settings ? "Save settings" : "Set up referrals", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.settings.referrals()}">Cancel</a>
  </div>
</form>
${publicLinkSection(context, options)}
${settings ? govukSummaryList({ classes: "govuk-!-margin-top-6", rows: [{ key: { text: "Last changed" }, value: { text: formatDateTime(settings.updatedAt) } }] }) : ""}
</div></div>`,
  });
}
