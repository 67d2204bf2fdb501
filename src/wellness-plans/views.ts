import { personPageLayout } from "../people/person-layout.ts";
import { paths } from "../platform/http/paths.ts";
import { govukInsetText, govukSummaryList, govukTag } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, personName, plural } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { whoseWords, type CrisisContacts, type PlanSection } from "./present.ts";
import { sectionTitle, WELLNESS_PLAN_SECTIONS, WRITTEN_BY_LABELS } from "./schema.ts";
import type { HandoverWellnessPlan, SectionHistory, WellnessPlan } from "./service.ts";

export const NO_CONTACTS_YET = "Your manager has not added the service's hours yet.";

/** "Saved by Sam Okafor, 3 Mar 2026, 2:15pm" — who saved a section and when. */
export function savedLine(section: Pick<PlanSection, "savedBy" | "savedAt">): string {
  if (!section.savedAt) return "";
  return `Saved by ${section.savedBy?.name ?? "someone no longer in Keywork"}, ${formatDateTime(section.savedAt)}`;
}

/** The service's hours and who to contact in a crisis, or the kind empty state. */
export function contactsBlock(contacts: CrisisContacts | null, options: { headingLevel: 2 | 3 } = { headingLevel: 2 }): SafeHtml {
  const heading = (text: string) => (options.headingLevel === 2 ? html`<h2 class="govuk-heading-m">${text}</h2>` : html`<h3 class="govuk-heading-s">${text}</h3>`);
  const sub = (text: string) => (options.headingLevel === 2 ? html`<h3 class="govuk-heading-s">${text}</h3>` : html`<h4 class="govuk-heading-s">${text}</h4>`);
  if (!contacts) {
    return html`<div class="keywork-crisis-contacts">${heading("Service hours and crisis contacts")}<p class="govuk-body">${NO_CONTACTS_YET} Until then, in an emergency call 999, or call NHS 111 and choose the mental health option.</p></div>`;
  }
  return html`<div class="keywork-crisis-contacts">${heading(`Service hours and crisis contacts (${contacts.teamName})`)}
  ${sub("When the service is open")}
  <p class="govuk-body keywork-pre-line">${contacts.serviceHours}</p>
  ${sub("How to reach the service")}
  <p class="govuk-body keywork-pre-line">${contacts.serviceContact}</p>
  ${sub("In a crisis when the service is closed")}
  <p class="govuk-body keywork-pre-line">${contacts.outOfHours}</p>
</div>`;
}

function sectionBlock(personId: string, section: PlanSection, mayEdit: boolean): SafeHtml {
  const words = whoseWords(section);
  const hidden = html`<span class="govuk-visually-hidden"> ${section.title}</span>`;
  return html`<section class="keywork-wellness-section" id="${section.key}" aria-labelledby="${section.key}-heading">
  <h3 class="govuk-heading-m" id="${section.key}-heading">${section.title}</h3>
  ${section.text
    ? html`${words ? html`<p class="govuk-body-s">${govukTag({ text: words, classes: "govuk-tag--blue" })}</p>` : ""}
  <p class="govuk-body keywork-pre-line">${section.text}</p>
  <p class="govuk-body-s keywork-secondary-text">${savedLine(section)}</p>`
    : html`<p class="govuk-body keywork-secondary-text">Nothing has been written here yet. That is fine — it can be added whenever they are ready.</p>
  ${section.savedAt ? html`<p class="govuk-body-s keywork-secondary-text">Cleared: ${savedLine(section)}</p>` : ""}`}
  <p class="govuk-body-s keywork-no-print">
    ${mayEdit ? html`<a class="govuk-link" href="${paths.people.editWellnessPlan(personId, { section: section.key })}">${section.text ? "Change" : "Write"}${hidden}</a>` : ""}
    ${section.version > 0 ? html`${mayEdit ? " · " : ""}<a class="govuk-link" href="${paths.people.wellnessPlanHistory(personId, { section: section.key })}">Earlier versions${hidden}</a>` : ""}
  </p>
</section>`;
}

/** The "Wellness plan" tab: every section in order, and the team's service hours and crisis contacts. */
export function wellnessPlanPage(context: PageContext, plan: WellnessPlan): SafeHtml {
  const { person, relationship, sections } = plan;
  const written = sections.filter((section) => section.text).length;
  const mayEdit = relationship.mayEdit;
  return personPageLayout(context, {
    person,
    relationship,
    current: "wellness-plan",
    title: "Wellness and crisis plan",
    content: html`<h2 class="govuk-heading-l">Wellness and crisis plan</h2>
<p class="govuk-body">${personName(person)}'s plan for staying well and for what should happen in a crisis, written with them in their own words. ${
      written === 0 ? "Nothing has been written yet." : `${plural(written, "section")} of ${sections.length} written.`
    }</p>
<div class="govuk-button-group keywork-no-print">
  ${mayEdit ? html`<a class="govuk-button" data-module="govuk-button" href="${paths.people.editWellnessPlan(person.id)}">${written === 0 ? "Write the plan with them" : "Change the plan"}</a>` : ""}
  <a class="govuk-link" href="${paths.people.wellnessPlan(person.id, { print: 1 })}">Printable copy</a>
  <a class="govuk-link" href="${paths.people.wellnessPlanPdf(person.id)}">Download as PDF</a>
</div>
${relationship.audience !== "full" ? govukInsetText({ text: `${person.preferredName ?? person.givenName} has agreed to share this plan with you.` }) : ""}
${contactsBlock(plan.contacts)}
${sections.map((section) => sectionBlock(person.id, section, mayEdit))}
<p class="govuk-body keywork-no-print"><a class="govuk-link" href="${paths.people.wellnessPlanHistory(person.id)}">Every change to the plan</a></p>`,
  });
}

/** Every saved version of one section, or of every section, newest first. */
export function sectionHistoryPage(context: PageContext, history: SectionHistory): SafeHtml {
  const { person, relationship, section, versions } = history;
  const title = section ? `Earlier versions: ${sectionTitle(section)}` : "Every change to the wellness plan";
  return personPageLayout(context, {
    person,
    relationship,
    current: "wellness-plan",
    title,
    content: html`<h2 class="govuk-heading-l">${title}</h2>
<p class="govuk-body">Each version is kept as it was saved, so nothing they said is lost.</p>
${versions.length === 0
  ? html`<p class="govuk-body">Nothing has been saved yet.</p>`
  : versions.map(
      (version, index) => html`<section class="keywork-story-version" aria-labelledby="version-${index}">
  <h3 class="govuk-heading-s" id="version-${index}">${section ? "" : `${sectionTitle(version.section)}: `}version ${version.version}</h3>
  <p class="govuk-body-s">${WRITTEN_BY_LABELS[version.writtenBy]}. Saved by ${version.savedByName ?? "someone no longer in Keywork"}, ${formatDateTime(version.savedAt)}</p>
  ${version.text ? html`<p class="govuk-body keywork-pre-line">${version.text}</p>` : html`<p class="govuk-body">The section was cleared in this version.</p>`}
</section>`,
    )}
<p class="govuk-body"><a class="govuk-link" href="${paths.people.wellnessPlan(person.id)}">Back to the wellness plan</a></p>`,
  });
}

/** The crisis plan's parts on the handover summary, with a link to the whole plan. */
export function wellnessHandoverSection(personId: string, plan: HandoverWellnessPlan): SafeHtml {
  const written = plan.crisis.filter((section) => section.text);
  return html`<h2 class="govuk-heading-m">Crisis plan</h2>
${written.length === 0
  ? html`<p class="govuk-body">Their crisis plan has not been written yet.</p>`
  : govukSummaryList({
      rows: plan.crisis.map((section) => ({
        key: { text: section.title },
        value: section.text ? { html: html`<span class="keywork-pre-line">${section.text}</span><br><span class="govuk-body-s">${whoseWords(section) ?? ""}</span>` } : { text: "Not written yet" },
      })),
    })}
<p class="govuk-body">${plan.contacts ? `Out of hours: ${plan.contacts.outOfHours}` : NO_CONTACTS_YET}</p>
<p class="govuk-body"><a class="govuk-link" href="${paths.people.wellnessPlan(personId)}">The whole wellness and crisis plan</a> (${plural(plan.written, "section")} of ${WELLNESS_PLAN_SECTIONS.length} written)</p>`;
}
