import { paths } from "../platform/http/paths.ts";
import { govukButton, govukInsetText, govukSummaryList, govukTable, govukTag } from "../platform/views/govuk/index.ts";
import type { CoverRow } from "./cover-service.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { daysSince, formatDate, formatDateTime, formatIsoDate, personName, plural } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { engagementTag } from "../people/views.ts";
import type { Caseload, TeamCaseloads } from "./service.ts";

function lastContactText(lastContactAt: Date | null): SafeHtml {
  const days = daysSince(lastContactAt);
  if (days === null || !lastContactAt) return html`<strong>Not seen yet</strong>`;
  const ago = days === 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`;
  return html`${formatDate(lastContactAt)} (${ago})`;
}

const ROLE_TEXT: Record<Caseload["rows"][number]["careTeamRole"], string> = {
  lead: "Lead worker",
  "co-worker": "Co-worker",
  covering: "Covering",
};

function personCard(row: Caseload["rows"][number], canRecord: boolean): SafeHtml {
  const name = personName(row);
  const actions = [
    ...(canRecord ? [{ href: paths.people.newContact(row.personId), text: "Record contact", hidden: ` with ${name}` }] : []),
    // A manager looking at a worker's caseload reallocates from here.
    ...(canRecord ? [] : [{ href: paths.people.changeLeadWorker(row.personId), text: "Change lead worker", hidden: ` for ${name}` }]),
    { href: paths.people.handover(row.personId), text: "Handover", hidden: ` summary for ${name}` },
  ];
  // The summary card's markup, with the name as a link: the design system's card would repeat a
  // linked title inside each action's hidden text, and links cannot nest.
  return html`<div class="govuk-summary-card">
  <div class="govuk-summary-card__title-wrapper">
    <h2 class="govuk-summary-card__title"><a class="govuk-link" href="${paths.people.show(row.personId)}">${name}</a></h2>
    <ul class="govuk-summary-card__actions">${actions.map(
      (action) => html`<li class="govuk-summary-card__action"><a class="govuk-link" href="${action.href}">${action.text}<span class="govuk-visually-hidden">${action.hidden}</span></a></li>`,
    )}</ul>
  </div>
  <div class="govuk-summary-card__content">${govukSummaryList({
    rows: [
      {
        key: { text: "Why now" },
        value: {
          html:
            row.need.reasons.length > 0
              ? html`<ul class="govuk-list govuk-!-margin-bottom-0">${row.need.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>`
              : html`Nothing pressing`,
        },
      },
      {
        key: { text: "Status" },
        value: {
          html: html`${engagementTag(row.engagementStatus)}${row.risksToWorkers ? html` ${govukTag({ text: "Risk to workers", classes: "govuk-tag--red" })}` : ""}${
            row.highestRisk === "high" && !row.risksToWorkers ? html` ${govukTag({ text: "High risk", classes: "govuk-tag--red" })}` : ""
          }`,
        },
      },
      { key: { text: "Last contact" }, value: { html: lastContactText(row.lastContactAt) } },
      {
        key: { text: "Next appointment" },
        value: { text: row.nextAppointmentAt ? `${formatDateTime(row.nextAppointmentAt)}${row.nextAppointmentPlace ? `, ${row.nextAppointmentPlace}` : ""}` : "None booked" },
      },
      { key: { text: "Your role" }, value: { text: ROLE_TEXT[row.careTeamRole] } },
    ],
  })}</div>
</div>`;
}

function coverNotes(covers: CoverRow[]): SafeHtml | string {
  if (covers.length === 0) return "";
  return html`${covers.map((cover) =>
    govukInsetText({
      html: html`<p class="govuk-body"><strong>You are covering for ${cover.absentName} until ${formatIsoDate(cover.endsOn)}.</strong> Their people are on your caseload, marked “Covering”, until then.</p>${
        cover.handoverNote ? html`<p class="govuk-body keywork-story">${cover.handoverNote}</p>` : ""
      }`,
    }),
  )}`;
}

export function caseloadPage(context: PageContext, caseload: Caseload, isOwn: boolean, canAdd: boolean, covers: CoverRow[] = []): SafeHtml {
  const title = isOwn ? "My caseload" : `${caseload.worker.displayName}'s caseload`;
  const leadCount = caseload.rows.filter((row) => row.careTeamRole === "lead").length;
  const coveringCount = caseload.rows.filter((row) => row.careTeamRole === "covering").length;
  return layout(context, {
    title,
    ...(isOwn ? {} : { beforeContent: html`<a href="${paths.team()}" class="govuk-back-link">Back to team</a>` }),
    content: html`<h1 class="govuk-heading-l">${title}</h1>
${coverNotes(covers)}
<p class="govuk-body">${plural(caseload.rows.length, "person", "people")}: lead worker for ${leadCount}, co-worker for ${caseload.rows.length - leadCount - coveringCount}${coveringCount > 0 ? `, covering ${coveringCount}` : ""}. Who needs ${isOwn ? "you" : "them"} most is first, with why.</p>
${canAdd ? html`<div class="govuk-button-group">${govukButton({ text: "Add a person", href: paths.people.new(), classes: "govuk-button--secondary" })}${isOwn ? html`<a class="govuk-link" href="${paths.diary()}">My diary</a>` : ""}</div>` : ""}
${caseload.rows.length === 0
  ? html`<p class="govuk-body">${isOwn ? "Nobody is on your caseload yet. When you are made someone's lead worker or co-worker they will appear here." : "Nobody is on this caseload."}</p>`
  : caseload.rows.map((row) => personCard(row, isOwn))}`,
  });
}

export function teamPage(context: PageContext, team: TeamCaseloads, breakGlassAwaiting = 0, referralsOverdue: number | null = null, budgetApprovals: number | null = null): SafeHtml {
  const total = team.workers.reduce((sum, worker) => sum + worker.leadCount, 0);
  return layout(context, {
    title: "Team caseloads",
    content: html`<span class="govuk-caption-l">${team.teamName}</span>
<h1 class="govuk-heading-l">Team caseloads</h1>
<p class="govuk-body"><a class="govuk-link" href="${paths.cover.list()}">Cover for absences</a></p>
${referralsOverdue === null ? "" : html`<p class="govuk-body"><a class="govuk-link" href="${paths.referrals.list()}">Referrals to your team</a>${referralsOverdue > 0 ? html` <strong class="govuk-tag govuk-tag--red">${plural(referralsOverdue, "referral")} overdue</strong>` : " (none overdue)"}</p>`}
<p class="govuk-body"><a class="govuk-link" href="${paths.teamOutcomes()}">Team outcomes: distance travelled</a> · <a class="govuk-link" href="${paths.settings.crisisContacts()}">Service hours and crisis contacts</a></p>
${budgetApprovals === null ? "" : html`<p class="govuk-body"><a class="govuk-link" href="${paths.budgetApprovals()}">Personal budgets: ${plural(budgetApprovals, "spend")} awaiting approval</a> · <a class="govuk-link" href="${paths.settings.personalBudgets()}">Personal budget settings</a></p>`}
<p class="govuk-body"><a class="govuk-link" href="${paths.breakGlass.report(breakGlassAwaiting > 0 ? { status: "awaiting-review" } : {})}">Break-glass access report</a>${breakGlassAwaiting > 0 ? ` (${plural(breakGlassAwaiting, "grant")} awaiting review)` : ""}</p>
<p class="govuk-body">${plural(total, "person", "people")} with a lead worker across ${plural(team.workers.length, "worker")}. Weighted caseload counts someone seen weekly as 1.5, fortnightly as 1 and monthly as 0.5, and co-working as half. Capacity is the target of ${team.target} scaled by each worker's protected keyworking hours.</p>
${team.workers.length === 0
  ? html`<p class="govuk-body">There are no workers in your team yet.</p>`
  : govukTable({
      caption: "Caseload size for each worker",
      captionClasses: "govuk-visually-hidden",
      head: [{ text: "Worker" }, { text: "Lead for", format: "numeric" }, { text: "Co-worker for", format: "numeric" }, { text: "Weighted", format: "numeric" }, { text: "Capacity", format: "numeric" }, { text: "Pressure" }],
      rows: team.workers.map((worker) => {
        const load = worker.capacity > 0 ? worker.weightedLoad / worker.capacity : 0;
        const pressure =
          load > 1 ? govukTag({ text: "Over capacity", classes: "govuk-tag--red" }) : load >= 0.85 ? govukTag({ text: "Near capacity", classes: "govuk-tag--yellow" }) : govukTag({ text: "Has room", classes: "govuk-tag--green" });
        return [
          { html: html`<a class="govuk-link" href="${paths.caseload({ worker: worker.workerId })}">${worker.displayName}</a>${worker.jobTitle ? html`<br><span class="govuk-hint govuk-!-margin-bottom-0">${worker.jobTitle}${worker.keyworkingHours !== null ? `, ${worker.keyworkingHours} keyworking hours a week` : ""}</span>` : ""}` },
          { text: String(worker.leadCount), format: "numeric" },
          { text: String(worker.coWorkerCount), format: "numeric" },
          { text: String(worker.weightedLoad), format: "numeric" },
          { text: String(worker.capacity), format: "numeric" },
          { html: pressure },
        ];
      }),
    })}`,
  });
}
