import { paths } from "../platform/http/paths.ts";
import { govukBackLink, govukInsetText, govukTable, govukTextarea } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatIsoDate, plural } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { overdueText, ownerLabel } from "./accountability-present.ts";
import type { ChaseList, ChasingMessage } from "./accountability.ts";
import { actionCell, personCell } from "./accountability-views.ts";

function chaseGroup(group: ChaseList["groups"][number], view: ChaseList): SafeHtml {
  const headingId = `chase-${group.organisationId}`;
  return html`<section class="keywork-agency-group" aria-labelledby="${headingId}">
<h2 class="govuk-heading-m" id="${headingId}">${group.name} <span class="govuk-caption-m">${plural(group.rows.length, "action")} to chase</span></h2>
${govukTable({
  caption: `Overdue actions owned by ${group.name}`,
  captionClasses: "govuk-visually-hidden",
  head: [
    { text: "Action" },
    { text: "Person" },
    ...(view.view === "team" ? [{ text: "Key worker" }] : []),
    { text: "Owner" },
    { text: "Was due" },
    { text: "Overdue", format: "numeric" },
  ],
  rows: group.rows.map((row) => [
    actionCell(row),
    personCell(row),
    ...(view.view === "team" ? [{ text: row.leadWorkers || "No lead worker" }] : []),
    { text: ownerLabel(row) ?? "Not named" },
    { text: formatIsoDate(row.dueOn), classes: "keywork-nowrap" },
    { html: html`<strong class="keywork-overdue">${overdueText(row.daysOverdue)}</strong>`, format: "numeric" },
  ]),
})}
<p class="govuk-body"><a class="govuk-link" href="${paths.actions.chasingMessage(group.organisationId)}">Write a chasing message to ${group.name}</a></p>
</section>`;
}

export function chaseListPage(context: PageContext, view: ChaseList, options: { mayChangeSettings: boolean }): SafeHtml {
  const whose = view.view === "team" ? "the people with your team" : "your people";
  const count = view.groups.reduce((sum, group) => sum + group.rows.length, 0);
  return layout(context, {
    title: "Chase list",
    section: paths.actions.byAgency(),
    content: html`<h1 class="govuk-heading-l">Chase list</h1>
<p class="govuk-body">Open actions in the plans of ${whose} that are ${plural(view.chaseAfterDays, "day")} or more overdue, by the agency that owns them.${
      view.view === "team" ? " Each shows the person's key worker, so you can see who is chasing." : ""
    }</p>
${options.mayChangeSettings ? html`<p class="govuk-body"><a class="govuk-link" href="${paths.settings.plans()}">Change when actions are chased</a></p>` : ""}
${count === 0
  ? html`<p class="govuk-body">Nothing to chase: no action in the plans of ${whose} is ${plural(view.chaseAfterDays, "day")} or more overdue.</p>
<p class="govuk-body"><a class="govuk-link" href="${paths.actions.byAgency()}">See every open action by agency</a></p>`
  : html`<p class="govuk-body" role="status">${plural(count, "action")} to chase with ${plural(view.groups.length, "agency", "agencies")}.${view.truncated ? " Only the first 500 are shown." : ""}</p>
${view.groups.map((group) => chaseGroup(group, view))}`}`,
  });
}

export function chasingMessagePage(context: PageContext, view: ChasingMessage): SafeHtml {
  const { organisation, rows } = view;
  const whose = view.view === "team" ? "the people with your team" : "your people";
  const body =
    rows.length === 0
      ? html`<p class="govuk-body">${organisation.name} has no overdue actions in the plans of ${whose}. There is nothing to chase.</p>`
      : html`<p class="govuk-body">This message lists every overdue action that ${organisation.name} owns in the plans of ${whose} (${plural(rows.length, "action")}), including any overdue for less than ${plural(view.chaseAfterDays, "day")}. Check it, change anything you want, then copy it into an e-mail or letter.</p>
${view.mailto
  ? html`<p class="govuk-body"><a class="govuk-link" href="${view.mailto}">Open this message in your e-mail app</a>${organisation.email ? html` (to ${organisation.email})` : ""}</p>`
  : govukInsetText({ text: `Keywork has no e-mail address for ${organisation.name}. Copy the message and send it the way you usually contact them.` })}
<dl class="govuk-body">
  <dt class="govuk-!-font-weight-bold">Subject</dt>
  <dd class="govuk-!-margin-left-0 govuk-!-margin-bottom-4" id="chasing-subject">${view.subject}</dd>
</dl>
${govukTextarea({
  id: "chasing-message",
  name: "message",
  label: { text: "Message", classes: "govuk-label--s" },
  hint: { text: "Select all the text and copy it. Nothing you change here is saved." },
  rows: Math.min(40, 12 + rows.length * 4),
  value: view.body,
  spellcheck: true,
})}`;
  return layout(context, {
    title: `Chasing message to ${organisation.name}`,
    section: paths.actions.byAgency(),
    beforeContent: govukBackLink({ href: paths.actions.chaseList(), text: "Back to the chase list" }),
    content: html`<h1 class="govuk-heading-l">Chasing message to ${organisation.name}</h1>
${body}`,
  });
}
