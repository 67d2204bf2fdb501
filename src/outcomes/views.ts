import { personPageLayout } from "../people/person-layout.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { conflictSummary } from "../platform/views/conflict.ts";
import { govukButton, govukErrorSummary, govukInsetText, govukRadios, govukTable, govukTextarea } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatIsoDate, personName, plural } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { aggregateChart, distanceChart } from "./chart.ts";
import { distanceSummary, signed } from "./distance.ts";
import type { HandoverOutcomes, PersonOutcomes, ReadingRow, ScaleDistance, ScaleRow, TeamOutcomes } from "./service.ts";

function errorSummary(issues: FieldIssue[]): SafeHtml | string {
  return issues.length > 0
    ? govukErrorSummary({ titleText: "There is a problem", errorList: issues.map((issue) => ({ text: issue.message, href: issue.field === "form" ? "#main-content" : `#${issue.field}` })) })
    : "";
}

function scaleBlock(personId: string, name: string, block: ScaleDistance, mayEdit: boolean, index: number): SafeHtml {
  const { scale, readings, distances } = block;
  const firstDate = readings[0]?.takenOn ?? "";
  const summary = distanceSummary(distances, firstDate, formatIsoDate, readings.length);
  return html`<section aria-labelledby="scale-${index}">
  <h3 class="govuk-heading-m" id="scale-${index}">${scale.name}</h3>
  <p class="govuk-body" data-testid="distance-summary">${summary}</p>
  ${distanceChart({
    id: `distance-${index}`,
    title: `${name}'s distance travelled: ${scale.name}`,
    description: `${summary} Each small chart shows one area, scored from ${scale.domains[0]?.minimum ?? 1} (hardest) to ${scale.domains[0]?.maximum ?? 5} (going well), at each reading. The table below gives the same numbers.`,
    domains: scale.domains,
    readings,
  })}
  ${govukTable({
    caption: "First and latest score in each area",
    captionClasses: "govuk-table__caption--s",
    firstCellIsHeader: true,
    head: [{ text: "Area" }, { text: `First (${formatIsoDate(firstDate)})`, format: "numeric" }, { text: `Latest (${formatIsoDate(readings[readings.length - 1]?.takenOn ?? "")})`, format: "numeric" }, { text: "Change", format: "numeric" }],
    rows: distances.map((distance) => [
      { text: distance.name },
      { text: distance.first === null ? "Not scored" : String(distance.first), format: "numeric" },
      { text: distance.latest === null ? "Not scored" : String(distance.latest), format: "numeric" },
      { text: signed(distance.change), format: "numeric" },
    ]),
  })}
  <details class="govuk-details">
    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Every reading (${readings.length})</span></summary>
    <div class="govuk-details__text">
      ${govukTable({
        firstCellIsHeader: true,
        head: [{ text: "Date" }, ...scale.domains.map((domain) => ({ text: domain.name, format: "numeric" as const })), { text: "Recorded by" }, ...(mayEdit ? [{ html: html`<span class="govuk-visually-hidden">Change</span>` }] : [])],
        rows: [...readings].reverse().map((reading) => [
          { text: formatIsoDate(reading.takenOn) },
          ...scale.domains.map((domain) => ({ text: String(reading.scores[domain.key] ?? ""), format: "numeric" as const })),
          { text: `${reading.recordedBy?.name ?? ""}${reading.note ? ` — ${reading.note}` : ""}` },
          ...(mayEdit ? [{ html: html`<a class="govuk-link" href="${paths.people.editOutcomeReading(personId, reading.id)}">Change<span class="govuk-visually-hidden"> the reading of ${formatIsoDate(reading.takenOn)}</span></a>` }] : []),
        ]),
      })}
    </div>
  </details>
</section>`;
}

/** The "Outcomes" tab: distance travelled per scale, as a chart, a summary and a table. */
export function outcomesPage(context: PageContext, outcomes: PersonOutcomes): SafeHtml {
  const { person, relationship, byScale } = outcomes;
  const name = personName(person);
  return personPageLayout(context, {
    person,
    relationship,
    current: "outcomes",
    title: "Outcomes",
    content: html`<h2 class="govuk-heading-l">Outcomes and distance travelled</h2>
<p class="govuk-body">Readings taken with ${name}, so you can both see how far they have come in each area of their life.</p>
${relationship.mayEdit ? html`<a class="govuk-button" data-module="govuk-button" href="${paths.people.newOutcomeReading(person.id)}">Record a reading</a>` : ""}
${relationship.audience !== "full" ? govukInsetText({ text: `${person.preferredName ?? person.givenName} has agreed to share their plan, and these outcomes, with you.` }) : ""}
${byScale.length === 0 ? html`<p class="govuk-body">No readings have been recorded yet.</p>` : byScale.map((block, index) => scaleBlock(person.id, name, block, relationship.mayEdit, index))}`,
  });
}

export interface ReadingForm {
  outcomes: Pick<PersonOutcomes, "person" | "relationship">;
  scale: ScaleRow;
  values: Record<string, string>;
  issues: FieldIssue[];
  /** When correcting a reading. */
  reading?: ReadingRow;
  conflict?: ReadingRow;
}

/** Values for the form from a saved reading. */
export function valuesFromReading(reading: ReadingRow): Record<string, string> {
  const values: Record<string, string> = { takenOn: reading.takenOn, note: reading.note ?? "", version: String(reading.version) };
  for (const [key, score] of Object.entries(reading.scores)) values[`score-${key}`] = String(score);
  return values;
}

/** Record (or correct) a reading with the person: each area with its described points. */
export function readingFormPage(context: PageContext, form: ReadingForm): SafeHtml {
  const { outcomes, scale, values, issues, reading, conflict } = form;
  const { person, relationship } = outcomes;
  const errors = errorsByField(issues);
  const title = reading ? `Correct the reading of ${formatIsoDate(reading.takenOn)}` : "Record an outcome reading";
  const action = reading ? paths.people.outcomeReading(person.id, reading.id) : paths.people.outcomes(person.id);
  return personPageLayout(context, {
    person,
    relationship,
    current: "outcomes",
    title,
    hasErrors: issues.length > 0,
    content: html`${errorSummary(issues)}
${conflict
  ? conflictSummary("Someone else changed this reading after you opened it", [
      { key: { text: "Date" }, value: { text: formatIsoDate(conflict.takenOn) } },
      ...scale.domains.map((domain) => ({ key: { text: domain.name }, value: { text: String(conflict.scores[domain.key] ?? "") } })),
    ])
  : ""}
<h2 class="govuk-heading-l">${title}</h2>
<p class="govuk-body">${scale.name}. ${scale.description ?? ""} Go through each area with ${personName(person)} and choose the sentence that fits best, in their view.</p>
<form method="post" action="${action}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  ${reading ? html`<input type="hidden" name="version" value="${values.version ?? String(reading.version)}">` : ""}
  <div class="govuk-form-group${errors.takenOn ? " govuk-form-group--error" : ""}">
    <label class="govuk-label govuk-label--s" for="takenOn">Date of the reading</label>
    <div class="govuk-hint" id="takenOn-hint">Today or an earlier day: it cannot be in the future</div>
    ${errors.takenOn ? html`<p class="govuk-error-message" id="takenOn-error"><span class="govuk-visually-hidden">Error:</span> ${errors.takenOn}</p>` : ""}
    <input class="govuk-input govuk-input--width-10${errors.takenOn ? " govuk-input--error" : ""}" id="takenOn" name="takenOn" type="date" value="${values.takenOn ?? ""}" aria-describedby="takenOn-hint${errors.takenOn ? " takenOn-error" : ""}">
  </div>
  ${scale.domains.map((domain) => {
    const error = errors[`score-${domain.key}`];
    return govukRadios({
      idPrefix: `score-${domain.key}`,
      name: `score-${domain.key}`,
      fieldset: { legend: { text: domain.name, classes: "govuk-fieldset__legend--m" } },
      ...(domain.question ? { hint: { text: domain.question } } : {}),
      value: values[`score-${domain.key}`] ?? "",
      ...(error ? { errorMessage: { text: error } } : {}),
      items: domain.points.map((point) => ({ value: String(point.score), text: `${point.score} — ${point.description}` })),
    });
  })}
  ${govukTextarea({ id: "note", name: "note", rows: 3, label: { text: "Note (optional)", classes: "govuk-label--s" }, hint: { text: "Anything the person wants remembered about this reading." }, value: values.note ?? "", ...(errors.note ? { errorMessage: { text: errors.note } } : {}) })}
  <div class="govuk-button-group">
    ${govukButton({ text: reading ? "Save the correction" : "Save the reading" })}
    <a class="govuk-link" href="${paths.people.outcomes(person.id)}">Cancel</a>
  </div>
</form>`,
  });
}

/** The manager's team outcomes over a period: a dot chart, a text alternative and a table. */
export function teamOutcomesPage(context: PageContext, team: TeamOutcomes, issues: FieldIssue[]): SafeHtml {
  const errors = errorsByField(issues);
  const minimum = Math.min(...team.scale.domains.map((domain) => domain.minimum));
  const maximum = Math.max(...team.scale.domains.map((domain) => domain.maximum));
  const improved = team.rows.filter((row) => row.averageChange > 0).length;
  const period = `${formatIsoDate(team.from)} to ${formatIsoDate(team.to)}`;
  const summary =
    team.rows.length === 0
      ? `Nobody in ${team.teamName} has two or more readings of this scale from ${period}.`
      : `From ${period}, ${plural(team.people, "person", "people")} in ${team.teamName} had two or more readings. On average, ${improved} of ${team.rows.length} areas improved from their first to their latest reading.`;
  return layout(context, {
    title: "Team outcomes",
    hasErrors: issues.length > 0,
    content: html`${errorSummary(issues)}
<h1 class="govuk-heading-l">Team outcomes: ${team.teamName}</h1>
<form method="get" action="${paths.teamOutcomes()}" novalidate class="keywork-filters">
  <div class="govuk-form-group">
    <label class="govuk-label govuk-label--s" for="scale">Scale</label>
    <select class="govuk-select" id="scale" name="scale">
      ${team.scales.map((scale) => html`<option value="${scale.id}"${scale.id === team.scale.id ? html` selected` : ""}>${scale.name}</option>`)}
    </select>
  </div>
  ${(["from", "to"] as const).map(
    (field) => html`<div class="govuk-form-group${errors[field] ? " govuk-form-group--error" : ""}">
    <label class="govuk-label govuk-label--s" for="${field}">${field === "from" ? "From" : "To"}</label>
    ${errors[field] ? html`<p class="govuk-error-message" id="${field}-error"><span class="govuk-visually-hidden">Error:</span> ${errors[field]}</p>` : ""}
    <input class="govuk-input govuk-input--width-10" id="${field}" name="${field}" type="date" value="${team[field]}">
  </div>`,
  )}
  ${govukButton({ text: "Show outcomes", classes: "govuk-button--secondary" })}
</form>
<p class="govuk-body" data-testid="team-summary">${summary}</p>
${team.rows.length > 0
  ? html`${aggregateChart({
      id: "team-outcomes",
      title: `Average first and latest scores, ${team.scale.name}, ${period}`,
      description: `${summary} For each area, a hollow circle marks the average first score and a filled square the average latest score. The table below gives the same numbers.`,
      rows: team.rows,
      minimum,
      maximum,
    })}
${govukTable({
  caption: "Average scores per area (people with two or more readings in the period)",
  captionClasses: "govuk-table__caption--s",
  firstCellIsHeader: true,
  head: [{ text: "Area" }, { text: "People", format: "numeric" }, { text: "Average first", format: "numeric" }, { text: "Average latest", format: "numeric" }, { text: "Average change", format: "numeric" }],
  rows: team.rows.map((row) => [
    { text: row.name },
    { text: String(row.people), format: "numeric" },
    { text: row.averageFirst.toFixed(2), format: "numeric" },
    { text: row.averageLatest.toFixed(2), format: "numeric" },
    { text: signed(row.averageChange, 2), format: "numeric" },
  ]),
})}`
  : ""}`,
  });
}

/** The outcomes part of the handover summary. */
export function outcomesHandoverSection(personId: string, outcomes: HandoverOutcomes): SafeHtml {
  return html`<h2 class="govuk-heading-m">Outcomes</h2>
${outcomes.readings === 0
  ? html`<p class="govuk-body">No outcome readings have been recorded yet.</p>`
  : html`<p class="govuk-body">${plural(outcomes.readings, "reading")}, the latest on ${formatIsoDate(outcomes.latestOn)}. ${outcomes.summary ?? ""}</p>`}
<p class="govuk-body"><a class="govuk-link" href="${paths.people.outcomes(personId)}">Their outcomes and distance travelled</a></p>`;
}
