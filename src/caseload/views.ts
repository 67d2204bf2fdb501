import { CARE_TEAM_ROLE_LABELS } from "../platform/access/roles.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukTable, govukTag } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { daysSince, formatDate, plural } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { engagementTag } from "../people/views.ts";
import type { Caseload, TeamCaseloads } from "./service.ts";

function lastContactText(lastContactAt: Date | null): SafeHtml {
  const days = daysSince(lastContactAt);
  if (days === null || !lastContactAt) return html`<strong>No contact yet</strong>`;
  const ago = days === 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`;
  return html`${formatDate(lastContactAt)}<br><span class="govuk-hint govuk-!-margin-bottom-0">${ago}</span>`;
}

export function caseloadPage(context: PageContext, caseload: Caseload, isOwn: boolean, canAdd: boolean): SafeHtml {
  const title = isOwn ? "My caseload" : `${caseload.worker.displayName}'s caseload`;
  const leadCount = caseload.rows.filter((row) => row.careTeamRole === "lead").length;
  return layout(context, {
    title,
    ...(isOwn ? {} : { beforeContent: html`<a href="${paths.team()}" class="govuk-back-link">Back to team</a>` }),
    content: html`<h1 class="govuk-heading-l">${title}</h1>
<p class="govuk-body">${plural(caseload.rows.length, "person", "people")}: lead worker for ${leadCount}, co-worker for ${caseload.rows.length - leadCount}. Those longest without contact are first.</p>
${canAdd ? govukButton({ text: "Add a person", href: paths.people.new(), classes: "govuk-button--secondary" }) : ""}
${caseload.rows.length === 0
  ? html`<p class="govuk-body">${isOwn ? "Nobody is on your caseload yet. When you are made someone's lead worker or co-worker they will appear here." : "Nobody is on this caseload."}</p>`
  : govukTable({
      caption: title,
      captionClasses: "govuk-visually-hidden",
      head: [{ text: "Name" }, { text: "Engagement" }, { text: "Last contact" }, { text: "Role" }],
      rows: caseload.rows.map((row) => [
        {
          html: html`<a class="govuk-link" href="${paths.people.show(row.personId)}">${row.preferredName ?? row.givenName} ${row.familyName}</a>${row.preferredName ? html`<br><span class="govuk-hint govuk-!-margin-bottom-0">${row.givenName} ${row.familyName}</span>` : ""}`,
        },
        { html: engagementTag(row.engagementStatus) },
        { html: lastContactText(row.lastContactAt) },
        { text: CARE_TEAM_ROLE_LABELS[row.careTeamRole] },
      ]),
    })}`,
  });
}

export function teamPage(context: PageContext, team: TeamCaseloads): SafeHtml {
  const total = team.workers.reduce((sum, worker) => sum + worker.leadCount, 0);
  return layout(context, {
    title: "Team caseloads",
    content: html`<span class="govuk-caption-l">${team.teamName}</span>
<h1 class="govuk-heading-l">Team caseloads</h1>
<p class="govuk-body">${plural(total, "person", "people")} with a lead worker across ${plural(team.workers.length, "worker")}. Capacity is the target of ${team.target} scaled by each worker's protected keyworking hours.</p>
${team.workers.length === 0
  ? html`<p class="govuk-body">There are no workers in your team yet.</p>`
  : govukTable({
      caption: "Caseload size for each worker",
      captionClasses: "govuk-visually-hidden",
      head: [{ text: "Worker" }, { text: "Lead for", format: "numeric" }, { text: "Co-worker for", format: "numeric" }, { text: "Capacity", format: "numeric" }, { text: "Pressure" }],
      rows: team.workers.map((worker) => {
        const load = worker.capacity > 0 ? worker.total / worker.capacity : 0;
        const pressure =
          load > 1 ? govukTag({ text: "Over capacity", classes: "govuk-tag--red" }) : load >= 0.85 ? govukTag({ text: "Near capacity", classes: "govuk-tag--yellow" }) : govukTag({ text: "Has room", classes: "govuk-tag--green" });
        return [
          { html: html`<a class="govuk-link" href="${paths.caseload({ worker: worker.workerId })}">${worker.displayName}</a>${worker.jobTitle ? html`<br><span class="govuk-hint govuk-!-margin-bottom-0">${worker.jobTitle}${worker.keyworkingHours !== null ? `, ${worker.keyworkingHours} keyworking hours a week` : ""}</span>` : ""}` },
          { text: String(worker.leadCount), format: "numeric" },
          { text: String(worker.coWorkerCount), format: "numeric" },
          { text: String(worker.capacity), format: "numeric" },
          { html: pressure },
        ];
      }),
    })}`,
  });
}
