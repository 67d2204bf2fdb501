import type { FieldIssue } from "../platform/http/errors.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukErrorSummary, govukSelect, govukSummaryList, govukTable, govukWarningText, type SummaryListRow } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDate, formatDateTime, formatIsoDate } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { RATING_LABELS, type Rating } from "../register/schema.ts";
import { ageOn, criterionLabel, listInWords, type Met } from "./eligibility.ts";
import { NEED_DOMAIN_LABELS, PRIORITIES, PRIORITY_LABELS, REFERRAL_STEP_LABELS, isNeedDomain, type Priority, type ReferralStatus, type ReferralStep } from "./schema.ts";
import { overdueFlags, priorityTag, statusTag } from "./triage-list-views.ts";
import type { TriageReferral, TriageView } from "./triage-service.ts";
import { overdueText } from "./triage-timers.ts";
import { todayIso } from "../platform/http/validation.ts";

/** The referral as the receiving team's managers see it, with everything they can do next. */

const CHANNEL_LABELS: Record<string, string> = { form: "Keywork referral form, signed in", "public-link": "Public referral link", api: "Keywork API" };

export function needsText(needs: readonly string[]): string {
  return needs.length === 0 ? "None given" : listInWords(needs.map((need) => (isNeedDomain(need) ? NEED_DOMAIN_LABELS[need] : need)));
}

/** What the referrer said about the person. */
export function personRows(referral: TriageReferral): SummaryListRow[] {
  const received = todayIso(referral.receivedAt);
  return [
    { key: { text: "Name" }, value: { text: `${referral.givenName} ${referral.familyName}` } },
    ...(referral.aliases.length > 0 ? [{ key: { text: "Other names" }, value: { text: referral.aliases.join(", ") } }] : []),
    {
      key: { text: "Date of birth" },
      value: { text: referral.dateOfBirth ? `${formatIsoDate(referral.dateOfBirth)} (${ageOn(referral.dateOfBirth, received)} when referred)` : "Not given" },
    },
    { key: { text: "Area" }, value: { text: referral.area ?? "Not given" } },
    { key: { text: "Phone" }, value: { text: referral.personPhone ?? "Not given" } },
    { key: { text: "Knows and agrees" }, value: { text: referral.personConsented ? "Yes, the referrer says so" : "The referrer did not say so" } },
    { key: { text: "Needs" }, value: { text: needsText(referral.needs) } },
    ...(referral.registerRating
      ? [{ key: { text: "Register rating given" }, value: { text: RATING_LABELS[referral.registerRating as Rating] ?? referral.registerRating } }]
      : []),
  ];
}

function referrerRows(referral: TriageReferral): SummaryListRow[] {
  return [
    { key: { text: "Referrer" }, value: { text: [referral.referrerName, referral.referrerRole].filter(Boolean).join(", ") } },
    { key: { text: "Organisation" }, value: { text: referral.referrerOrganisation ?? "Not given" } },
    { key: { text: "Email" }, value: { text: referral.referrerEmail ?? "Not given" } },
    { key: { text: "Phone" }, value: { text: referral.referrerPhone ?? "Not given" } },
    { key: { text: "Made through" }, value: { text: CHANNEL_LABELS[referral.channel] ?? referral.channel } },
    { key: { text: "Received" }, value: { text: formatDateTime(referral.receivedAt) } },
  ];
}

const MET_TEXT: Record<string, string> = { true: "✓ Met", false: "✗ Not met", unknown: "? Not known" };

export function metText(met: Met): string {
  return MET_TEXT[String(met)] ?? "";
}

function eligibilitySection(view: TriageView): SafeHtml {
  const { criteria, overall } = view.eligibility;
  const verdict =
    criteria.length === 0
      ? "The service takes anyone: it has no eligibility rules."
      : overall === true
        ? "✓ Meets every rule."
        : overall === false
          ? "✗ Does not meet every rule."
          : "? Meets the rules that can be checked; some cannot be told from the referral.";
  return html`<h2 class="govuk-heading-m" id="eligibility">Eligibility</h2>
<p class="govuk-body govuk-!-font-weight-bold">${verdict}</p>
${criteria.length > 0
  ? govukTable({
      caption: "Eligibility rules of the service",
      captionClasses: "govuk-visually-hidden",
      head: [{ text: "Rule" }, { text: "What the service asks" }, { text: "Result" }, { text: "Why" }],
      rows: criteria.map((item) => [
        { text: criterionLabel(item.criterion) },
        { text: item.rule },
        { html: html`<strong class="govuk-!-font-weight-bold${item.met === false ? " keywork-overdue" : ""}">${metText(item.met)}</strong>` },
        { text: item.explanation },
      ]),
    })
  : ""}`;
}

function hidden(context: PageContext, version: number): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${context.csrfToken}"><input type="hidden" name="version" value="${version}">`;
}

function postButton(context: PageContext, view: TriageView, action: string, text: string, secondary = false): SafeHtml {
  return html`<form method="post" action="${action}" class="govuk-!-display-inline-block govuk-!-margin-right-2">${hidden(context, view.referral.version)}${govukButton({
    text,
    classes: secondary ? "govuk-button--secondary" : undefined,
    preventDoubleClick: true,
  })}</form>`;
}

function nextSteps(context: PageContext, view: TriageView): SafeHtml {
  const { referral, may } = view;
  const buttons: SafeHtml[] = [];
  if (may.acknowledge) buttons.push(postButton(context, view, paths.referrals.acknowledge(referral.id), "Acknowledge"));
  if (may.screen) buttons.push(postButton(context, view, paths.referrals.screen(referral.id), "Start screening", may.acknowledge));
  if (may.decide) buttons.push(govukButton({ text: "Accept or decline", href: paths.referrals.decision(referral.id), classes: may.screen ? "govuk-button--secondary" : undefined }));
  if (may.allocate) buttons.push(govukButton({ text: "Allocate a worker", href: paths.referrals.allocation(referral.id) }));
  if (buttons.length === 0) return html``;
  const withdraw = may.withdraw ? html`<a class="govuk-link" href="${paths.referrals.withdraw(referral.id)}">Withdraw the referral</a>` : "";
  return html`<h2 class="govuk-heading-m">Next step</h2><div class="govuk-button-group">${buttons}${withdraw}</div>`;
}

/** While the referral is open, a wrong link (or one to a record now out of the manager's hands) can be taken back. */
function unlinkForm(context: PageContext, view: TriageView): SafeHtml {
  if (!view.may.unlink) return html``;
  const why = view.linkedElsewhere
    ? "You can no longer change this record, so a worker cannot be allocated to it. Unlink it: you can then link the right person, or allocating a worker makes a new record."
    : "If the link is wrong, unlink it: you can then link the right person, or allocating a worker makes a new record.";
  return html`<p class="govuk-body">${why}</p>
${postButton(context, view, paths.referrals.unlink(view.referral.id), "Unlink from this record", true)}`;
}

function knownSection(context: PageContext, view: TriageView): SafeHtml {
  const { referral } = view;
  if (view.person) {
    return html`<h2 class="govuk-heading-m" id="known">Keywork record</h2>
<p class="govuk-body">Linked to <a class="govuk-link" href="${paths.people.show(view.person.id)}">${view.person.name}</a>. What the referrer wrote is on their chronology.</p>
${unlinkForm(context, view)}`;
  }
  if (referral.personId) return html`<h2 class="govuk-heading-m" id="known">Keywork record</h2><p class="govuk-body">Linked to a record you cannot see.</p>${unlinkForm(context, view)}`;
  if (!view.may.link) return html``;
  const intro = html`<h2 class="govuk-heading-m" id="known">Already known to the service?</h2>`;
  if (!referral.dateOfBirth) return html`${intro}<p class="govuk-body">The referral gives no date of birth, so Keywork cannot look for someone you already know.</p>`;
  if (view.matches.length === 0) {
    return html`${intro}<p class="govuk-body">Nobody you can see has the same date of birth and a name in common. Allocating a worker makes a new record.</p>`;
  }
  return html`${intro}
<p class="govuk-body">These people have the same date of birth and a name in common. Link the referral to the right one rather than making a second record.</p>
${govukTable({
  caption: "Possible matches",
  captionClasses: "govuk-visually-hidden",
  head: [{ text: "Person" }, { text: "Why they may be the same" }, { html: html`<span class="govuk-visually-hidden">Action</span>` }],
  rows: view.matches.map((match) => [
    {
      html: html`<a class="govuk-link" href="${paths.people.show(match.person.id)}">${match.person.givenName} ${match.person.familyName}</a>${
        match.person.preferredName ? html`<br><span class="govuk-hint govuk-!-font-size-16">Known as ${match.person.preferredName}</span>` : ""
      }${match.person.closed ? html`<br><span class="govuk-hint govuk-!-font-size-16">Case closed</span>` : ""}`,
    },
    { html: html`<ul class="govuk-list govuk-list--bullet govuk-!-font-size-16 govuk-!-margin-bottom-0">${match.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` },
    {
      html: html`<form method="post" action="${paths.referrals.link(referral.id)}">${hidden(context, referral.version)}<input type="hidden" name="personId" value="${match.person.id}">${govukButton({
        html: html`Link<span class="govuk-visually-hidden"> to ${match.person.givenName} ${match.person.familyName}</span>`,
        classes: "govuk-button--secondary govuk-!-margin-bottom-0",
        preventDoubleClick: true,
      })}</form>`,
    },
  ]),
})}`;
}

function priorityForm(context: PageContext, view: TriageView, issues: FieldIssue[]): SafeHtml {
  if (!view.may.prioritise) return html``;
  const error = issues.find((issue) => issue.field === "priority");
  return html`<form method="post" action="${paths.referrals.priority(view.referral.id)}" novalidate>
  ${hidden(context, view.referral.version)}
  ${govukSelect({
    id: "priority",
    name: "priority",
    label: { text: "Priority", classes: "govuk-label--s" },
    hint: { text: "The waiting list puts urgent first, then high, then normal." },
    value: view.referral.priority,
    items: PRIORITIES.map((priority: Priority) => ({ value: priority, text: PRIORITY_LABELS[priority] })),
    ...(error ? { errorMessage: { text: error.message } } : {}),
  })}
  ${govukButton({ text: "Change priority", classes: "govuk-button--secondary", preventDoubleClick: true })}
</form>`;
}

function decisionSection(view: TriageView): SafeHtml {
  const { referral } = view;
  const status = referral.status as ReferralStatus;
  if (status !== "declined" && status !== "accepted" && status !== "allocated") return html``;
  const rows: SummaryListRow[] = [
    { key: { text: "Decision" }, value: { text: status === "declined" ? "Declined" : "Accepted" } },
    ...(referral.decidedAt ? [{ key: { text: "Decided" }, value: { text: formatDate(referral.decidedAt) } }] : []),
    { key: { text: status === "declined" ? "Reason" : "Note to the referrer" }, value: { html: html`<span class="keywork-pre-line">${referral.decisionReason ?? "None"}</span>` } },
    ...(view.suggestedServices.length > 0 ? [{ key: { text: "Other services suggested" }, value: { text: view.suggestedServices.map((service) => service.name).join(", ") } }] : []),
    ...(referral.allocatedWorkerName ? [{ key: { text: "Allocated to" }, value: { text: referral.allocatedWorkerName } }] : []),
  ];
  return html`<h2 class="govuk-heading-m">Decision</h2>${govukSummaryList({ rows })}`;
}

function stepsTable(view: TriageView): SafeHtml {
  return govukTable({
    caption: "What has happened",
    captionClasses: "govuk-table__caption--m",
    head: [{ text: "When" }, { text: "Step" }, { text: "By" }, { text: "Referrer sees it" }],
    rows: view.steps.map((step) => [
      { text: formatDateTime(step.at) },
      { html: html`${REFERRAL_STEP_LABELS[step.step as ReferralStep] ?? step.step}${step.note ? html`<br><span class="govuk-body-s keywork-pre-line">${step.note}</span>` : ""}` },
      { text: step.byName ?? (step.step === "received" ? "The referrer" : "Keywork") },
      { text: step.visibleToReferrer ? "Yes" : "No" },
    ]),
  });
}

/** Where each problem's link in the error summary goes: the field, or the section it is about. */
const ERROR_TARGETS: Record<string, string> = { form: "#main-content", personId: "#known" };

export interface TriagePageOptions {
  issues?: FieldIssue[];
  /** Someone else changed the referral first. */
  conflict?: string;
}

/** The referral page for a manager of the receiving team. */
export function triagePage(context: PageContext, view: TriageView, options: TriagePageOptions = {}): SafeHtml {
  const { referral, timers } = view;
  const issues = options.issues ?? [];
  const name = `${referral.givenName} ${referral.familyName}`;
  return layout(context, {
    title: `Referral for ${name}`,
    hasErrors: issues.length > 0 || Boolean(options.conflict),
    section: paths.referrals.list(),
    beforeContent: html`<a href="${paths.referrals.list()}" class="govuk-back-link">Back to referrals</a>`,
    content: html`${issues.length > 0 ? govukErrorSummary({ titleText: "There is a problem", errorList: issues.map((issue) => ({ text: issue.message, href: ERROR_TARGETS[issue.field] ?? `#${issue.field}` })) }) : ""}
${options.conflict ? govukWarningText({ text: options.conflict }) : ""}
<span class="govuk-caption-l">${referral.serviceName} · ${referral.reference}</span>
<h1 class="govuk-heading-l">Referral for ${name}</h1>
<p class="govuk-body">${statusTag(referral.status as ReferralStatus)} ${priorityTag(referral.priority as Priority)}${overdueFlags(overdueText(timers))}</p>
${govukSummaryList({
  classes: "govuk-summary-list--no-border",
  rows: [
    { key: { text: "Acknowledge by" }, value: { text: formatIsoDate(timers.acknowledgeBy) } },
    { key: { text: "Decide by" }, value: { text: formatIsoDate(timers.decideBy) } },
  ],
})}
${nextSteps(context, view)}
${eligibilitySection(view)}
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${knownSection(context, view)}
<h2 class="govuk-heading-m">The person referred</h2>
${govukSummaryList({ rows: personRows(referral) })}
<h2 class="govuk-heading-m">Why they are referred</h2>
<p class="govuk-body keywork-pre-line">${referral.reason}</p>
${referral.safetyInformation ? html`${govukWarningText({ text: "Safety information for a first visit" })}<p class="govuk-body keywork-pre-line">${referral.safetyInformation}</p>` : ""}
<h2 class="govuk-heading-m">Who referred them</h2>
${govukSummaryList({ rows: referrerRows(referral) })}
${decisionSection(view)}
${priorityForm(context, view, issues)}
</div></div>
${stepsTable(view)}`,
  });
}
