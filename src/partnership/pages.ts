import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { ROLE_LABELS, isRole } from "../platform/access/roles.ts";
import { pageContext, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukTable, govukTag } from "../platform/views/govuk/index.ts";
import { html } from "../platform/views/html.ts";
import { layout } from "../platform/views/layout.ts";
import { partnershipOverview } from "./service.ts";

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

export const partnershipRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(paths.partnership.overview(), async (request, reply) => {
    const overview = await partnershipOverview(db, request.actor as Actor);
    const context = await pageContext(db, request, reply);
    return sendPage(
      reply,
      layout(context, {
        title: "Partnership",
        content: html`<span class="govuk-caption-l">${overview.name}</span>
<h1 class="govuk-heading-l">Partnership</h1>
<p class="govuk-body"><a class="govuk-link" href="${paths.breakGlass.report()}">Break-glass access report</a>: records opened in an emergency, for review.</p>
<p class="govuk-body"><a class="govuk-link" href="${paths.settings.referrals()}">Referral settings</a>: which team receives each service's referrals, who is eligible, the timers and public links.</p>
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
  head: [{ text: "Name" }, { text: "Organisation and team" }, { text: "Roles" }, { text: "Status" }],
  rows: overview.users.map((user) => [
    { html: html`${user.displayName}<br><span class="govuk-hint govuk-!-margin-bottom-0">${user.email}</span>` },
    { text: user.teamName ? `${user.organisationName}, ${user.teamName}` : user.organisationName },
    { text: user.roles.map((role) => (isRole(role) ? ROLE_LABELS[role] : role)).join(", ") },
    { html: user.active ? govukTag({ text: "Active", classes: "govuk-tag--green" }) : govukTag({ text: "Inactive", classes: "govuk-tag--grey" }) },
  ]),
})}`,
      }),
    );
  });
};
