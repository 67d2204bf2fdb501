import { paths } from "../platform/http/paths.ts";
import { govukButton, govukPagination, govukSelect, govukTable, govukTag, type TableCell } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatIsoDate, personName, plural, shorten } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { pageNumbers } from "../contacts/views.ts";
import { meetingLabel, overdueText, ownerLabel } from "./accountability-present.ts";
import { ACTIONS_PER_PAGE, DUE_SOON_DAYS, STATUS_FILTER_LABELS, STATUS_FILTERS, type ActionGroup, type ActionsByAgency, type AgencyActionRow, type AgencyScope } from "./accountability.ts";

/** The state of an action at a glance: overdue by how long, due soon, open, done or cancelled. */
export function actionStatusTag(row: AgencyActionRow, today: string, dueSoonUntil: string): SafeHtml {
  if (row.status === "done") return govukTag({ text: "Done", classes: "govuk-tag--green" });
  if (row.status === "cancelled") return govukTag({ text: "Cancelled", classes: "govuk-tag--grey" });
  if (row.daysOverdue > 0) return govukTag({ text: `Overdue by ${plural(row.daysOverdue, "day")}`, classes: "govuk-tag--red" });
  if (row.dueOn === today) return govukTag({ text: "Due today", classes: "govuk-tag--orange" });
  if (row.dueOn <= dueSoonUntil) return govukTag({ text: "Due soon", classes: "govuk-tag--yellow" });
  return govukTag({ text: "Open", classes: "govuk-tag--blue" });
}

/** The action as a link to it, with the meeting it came from. */
export function actionCell(row: AgencyActionRow): TableCell {
  const meeting = meetingLabel(row);
  return {
    html: html`<a class="govuk-link" href="${paths.actions.show(row.id)}">${shorten(row.description, 160)}</a>${
      meeting ? html`<br><span class="govuk-hint govuk-!-font-size-16">From ${meeting}</span>` : ""
    }`,
  };
}

export function personCell(row: AgencyActionRow): TableCell {
  return { html: html`<a class="govuk-link" href="${paths.people.plan(row.personId)}">${personName(row)}<span class="govuk-visually-hidden">’s plan</span></a>` };
}

/** The scope to keep in links: only managers choose one. */
function linkScope(view: ActionsByAgency): "caseload" | "service" | undefined {
  return view.mayChooseScope && view.scope !== "agency" ? view.scope : undefined;
}

const SCOPE_TEXT: Record<AgencyScope, string> = {
  caseload: "the people you work with",
  service: "every person with your team",
  agency: "the people whose team you are in that your organisation owns",
};

function scopeLinks(view: ActionsByAgency): SafeHtml {
  if (!view.mayChooseScope) return html``;
  const link = (scope: "caseload" | "service", text: string) =>
    view.scope === scope
      ? html`<li><strong aria-current="page">${text}</strong></li>`
      : html`<li><a class="govuk-link" href="${paths.actions.byAgency({ scope, status: view.status })}">${text}</a></li>`;
  return html`<nav aria-label="Whose actions"><ul class="govuk-list keywork-scope-links">${link("service", "The whole service")}${link("caseload", "Your caseload")}</ul></nav>`;
}

function filters(view: ActionsByAgency): SafeHtml {
  return html`<form method="get" action="${paths.actions.byAgency()}" class="keywork-filters" novalidate>
  ${view.mayChooseScope ? html`<input type="hidden" name="scope" value="${view.scope}">` : ""}
  <div class="govuk-grid-row">
    <div class="govuk-grid-column-one-half">
      ${govukSelect({
        id: "organisation",
        name: "organisation",
        label: { text: "Agency", classes: "govuk-label--s" },
        value: view.organisationId ?? "",
        items: [{ value: "", text: "Every agency" }, ...view.organisations.map((organisation) => ({ value: organisation.id, text: organisation.name }))],
      })}
    </div>
    <div class="govuk-grid-column-one-half">
      ${govukSelect({
        id: "status",
        name: "status",
        label: { text: "Actions", classes: "govuk-label--s" },
        value: view.status,
        items: STATUS_FILTERS.map((status) => ({ value: status, text: STATUS_FILTER_LABELS[status] })),
      })}
    </div>
  </div>
  <div class="govuk-button-group">
    ${govukButton({ text: "Show actions", classes: "govuk-button--secondary" })}
    <a class="govuk-link" href="${paths.actions.byAgency({ scope: linkScope(view) })}">Clear filters</a>
  </div>
</form>`;
}

function countsTable(view: ActionsByAgency): SafeHtml {
  if (view.counts.length === 0) return html``;
  const scope = linkScope(view);
  return govukTable({
    caption: "Open actions by agency",
    captionClasses: "govuk-table__caption--m",
    firstCellIsHeader: true,
    head: [{ text: "Agency" }, { text: "Open", format: "numeric" }, { text: "Overdue", format: "numeric" }, { text: `Due in the next ${DUE_SOON_DAYS} days`, format: "numeric" }],
    rows: view.counts.map((count) => [
      { html: html`<a class="govuk-link" href="${paths.actions.byAgency({ scope, organisation: count.organisationId, status: "open" })}">${count.name}</a>` },
      { text: String(count.open), format: "numeric" },
      count.overdue > 0 ? { html: html`<strong class="keywork-overdue">${count.overdue}</strong>`, format: "numeric" } : { text: "0", format: "numeric" },
      { text: String(count.dueSoon), format: "numeric" },
    ]),
  });
}

function groupTable(group: ActionGroup, view: ActionsByAgency): SafeHtml {
  const count = view.counts.find((item) => item.organisationId === group.organisationId);
  const summary = count ? `${plural(count.open, "open action")}, ${count.overdue} overdue` : "";
  return html`<section class="keywork-agency-group" aria-labelledby="agency-${group.organisationId}">
<h2 class="govuk-heading-m" id="agency-${group.organisationId}">${group.name}${summary ? html` <span class="govuk-caption-m">${summary}</span>` : ""}</h2>
${govukTable({
  caption: `Actions owned by ${group.name}`,
  captionClasses: "govuk-visually-hidden",
  head: [{ text: "Action" }, { text: "Person" }, { text: "Owner" }, { text: "Due" }, { text: "Status" }],
  rows: group.rows.map((row) => [
    actionCell(row),
    personCell(row),
    { text: ownerLabel(row) ?? "Not named" },
    { text: formatIsoDate(row.dueOn), classes: "keywork-nowrap" },
    { html: actionStatusTag(row, view.today, view.dueSoonUntil) },
  ]),
})}
</section>`;
}

function emptyState(view: ActionsByAgency): SafeHtml {
  const filtered = view.organisationId !== null || view.status !== "open";
  if (filtered) return html`<p class="govuk-body">No actions match these filters. <a class="govuk-link" href="${paths.actions.byAgency({ scope: linkScope(view) })}">Show every open action</a>.</p>`;
  return html`<p class="govuk-body">There are no open actions in the plans of ${SCOPE_TEXT[view.scope]}. Actions are added to a person's plan, or come from the recommendations of a meeting.</p>`;
}

export function actionsByAgencyPage(context: PageContext, view: ActionsByAgency, options: { mayChase: boolean }): SafeHtml {
  const query = { scope: linkScope(view), organisation: view.organisationId ?? undefined, status: view.status };
  const first = (view.page - 1) * ACTIONS_PER_PAGE + 1;
  const totalOverdue = view.counts.reduce((sum, count) => sum + count.overdue, 0);
  return layout(context, {
    title: view.page > 1 ? `Actions by agency (page ${view.page} of ${view.pages})` : "Actions by agency",
    content: html`<h1 class="govuk-heading-l">Actions by agency</h1>
<p class="govuk-body">Every action in the plans of ${SCOPE_TEXT[view.scope]}, grouped by the agency that owns it: overdue first, then those due in the next ${DUE_SOON_DAYS} days, then the rest.</p>
${scopeLinks(view)}
${options.mayChase
  ? html`<p class="govuk-body">${totalOverdue > 0 ? html`<strong>${plural(totalOverdue, "action")} overdue.</strong> ` : ""}Actions overdue by ${plural(view.chaseAfterDays, "day")} or more are on the <a class="govuk-link" href="${paths.actions.chaseList()}">chase list</a>, with a chasing message for each agency.</p>`
  : ""}
${countsTable(view)}
${filters(view)}
${view.groups.length === 0
  ? emptyState(view)
  : html`<p class="govuk-body" role="status">Showing ${first} to ${first + view.groups.reduce((sum, group) => sum + group.rows.length, 0) - 1} of ${plural(view.total, "action")}.</p>
${view.groups.map((group) => groupTable(group, view))}
${view.pages > 1
  ? govukPagination({
      ...(view.page > 1 ? { previous: { href: paths.actions.byAgency({ ...query, page: view.page - 1 }) } } : {}),
      ...(view.page < view.pages ? { next: { href: paths.actions.byAgency({ ...query, page: view.page + 1 }) } } : {}),
      items: pageNumbers(view.page, view.pages).map((number) =>
        number === null ? { ellipsis: true } : { number, href: paths.actions.byAgency({ ...query, page: number }), current: number === view.page },
      ),
    })
  : ""}`}`,
  });
}
