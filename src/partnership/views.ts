import { ROLE_LABELS, isRole } from "../platform/access/roles.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukTable, govukTag, govukWarningText } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import type { PartnershipOverview, UserSummary } from "./service.ts";

const KIND_LABELS: Record<string, string> = {
  "key-worker-service": "Key-worker service",
  housing: "Housing provider",
  probation: "Probation",
  camhs: "Child and adolescent mental health",
  "social-care": "Social care",
  "drug-alcohol": "Drug and alcohol service",
  hostel: "Hostel",
  commissioner: "Commissioner",
};

/** Whether the second factor is on, with the way to reset it for anyone but the administrator themselves. */
function secondFactorCell(context: PageContext, user: UserSummary): SafeHtml {
  if (!user.secondFactor) return html`Off`;
  if (user.id === context.actor?.userId) return html`On`;
  return html`On<br><a class="govuk-link" href="${paths.partnership.resetSecondFactor(user.id)}">Reset second factor<span class="govuk-visually-hidden"> of ${user.displayName}</span></a>`;
}

export function overviewPage(context: PageContext, overview: PartnershipOverview): SafeHtml {
  return layout(context, {
    title: "Partnership",
    content: html`<span class="govuk-caption-l">${overview.name}</span>
<h1 class="govuk-heading-l">Partnership</h1>
<p class="govuk-body"><a class="govuk-link" href="${paths.breakGlass.report()}">Break-glass access report</a>: records opened in an emergency, for review.</p>
<p class="govuk-body"><a class="govuk-link" href="${paths.settings.referrals()}">Referral settings</a>: which team receives each service's referrals, who is eligible, the timers and public links.</p>
<p class="govuk-body"><a class="govuk-link" href="${paths.settings.outcomeScales()}">Outcome scales</a>: the areas people score their lives in, and what each point means, for distance travelled.</p>
<h2 class="govuk-heading-m">Organisations</h2>
${govukTable({
  caption: "Organisations in the partnership",
  captionClasses: "govuk-visually-hidden",
  head: [{ text: "Organisation" }, { text: "Kind" }, { text: "Teams" }, { text: "Users", format: "numeric" }],
  rows: overview.organisations.map((organisation) => [
    { text: organisation.name },
    { text: KIND_LABELS[organisation.kind] ?? organisation.kind },
    { text: organisation.teams.join(", ") || "None" },
    { text: String(organisation.userCount), format: "numeric" },
  ]),
})}
<h2 class="govuk-heading-m">Users</h2>
${govukTable({
  caption: "Users and their roles",
  captionClasses: "govuk-visually-hidden",
  head: [{ text: "Name" }, { text: "Organisation and team" }, { text: "Roles" }, { text: "Second factor" }, { text: "Status" }],
  rows: overview.users.map((user) => [
    { html: html`${user.displayName}<br><span class="govuk-hint govuk-!-margin-bottom-0">${user.email}</span>` },
    { text: user.teamName ? `${user.organisationName}, ${user.teamName}` : user.organisationName },
    { text: user.roles.map((role) => (isRole(role) ? ROLE_LABELS[role] : role)).join(", ") },
    { html: secondFactorCell(context, user) },
    { html: user.active ? govukTag({ text: "Active", classes: "govuk-tag--green" }) : govukTag({ text: "Inactive", classes: "govuk-tag--grey" }) },
  ]),
})}`,
  });
}

/** Asks the administrator to confirm the reset, and to be sure it is the user who is asking. */
export function resetSecondFactorPage(context: PageContext, user: UserSummary): SafeHtml {
  return layout(context, {
    title: `Reset the second factor of ${user.displayName}`,
    section: paths.partnership.overview(),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<span class="govuk-caption-l">${user.displayName}, ${user.email}</span>
<h1 class="govuk-heading-l">Reset their second factor?</h1>
<p class="govuk-body">Do this when they have lost their phone and their recovery codes.</p>
${govukWarningText({ text: "Make sure it is really them asking: speak to them in person, or call them on a number you already know." })}
<p class="govuk-body">When you reset it:</p>
<ul class="govuk-list govuk-list--bullet">
  <li>the codes from their authenticator app and their recovery codes stop working</li>
  <li>they are signed out everywhere, in the browser and through the API</li>
  <li>they next sign in with their password alone, and set up a new second factor straight away if their role needs one</li>
</ul>
<form method="post" action="${paths.partnership.resetSecondFactor(user.id)}">
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <div class="govuk-button-group">${govukButton({ text: "Reset second factor", classes: "govuk-button--warning", preventDoubleClick: true })}<a class="govuk-link" href="${paths.partnership.overview()}">Cancel</a></div>
</form>
</div></div>`,
  });
}
