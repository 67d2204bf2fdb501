import type { RoutePlugin } from "../app.ts";
import { consentForHandover, type ConsentHandover } from "../consent/summaries.ts";
import { consentHandoverSection } from "../consent/views.ts";
import { handoverContactsSummary, type HandoverContactsSummary } from "../contacts/summaries.ts";
import { handoverContactsSection } from "../contacts/summary-views.ts";
import { teamForHandover, type TeamForHandover } from "../network/service.ts";
import { teamHandoverSection } from "../network/views.ts";
import { personPageLayout } from "../people/person-layout.ts";
import { readPerson, type PersonRecord } from "../people/service.ts";
import { relationshipTo, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db } from "../platform/database/open.ts";
import { Forbidden } from "../platform/http/errors.ts";
import { pageContext, sendPage } from "../platform/http/pages.ts";
import { paths, routes } from "../platform/http/paths.ts";
import { govukSummaryList } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, formatIsoDate } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { risksForHandover, type RiskView } from "../risks/service.ts";
import { riskSummary } from "../risks/views.ts";
import { ENGAGEMENT_STATUS_LABELS } from "../people/schema.ts";
import { planForHandover, type PlanHandover } from "../plans/service.ts";
import { planHandoverSection } from "../plans/summary-views.ts";
import { ukToday } from "../platform/clock.ts";
import { wellnessPlanForHandover, type HandoverWellnessPlan } from "../wellness-plans/service.ts";
import { wellnessHandoverSection } from "../wellness-plans/views.ts";
import { budgetForHandover, type BudgetAtAGlance } from "../personal-budgets/service.ts";
import { outcomesForHandover, type HandoverOutcomes } from "../outcomes/service.ts";
import { outcomesHandoverSection } from "../outcomes/views.ts";
import { budgetHandoverSection } from "../personal-budgets/views.ts";

export interface Handover {
  record: PersonRecord;
  risks: RiskView[];
  consent: ConsentHandover;
  team: TeamForHandover;
  contacts: HandoverContactsSummary;
  /** Goals being worked on, open actions and the next review; null when the plan is not the reader's to see. */
  plan: PlanHandover | null;
  /** The crisis plan's parts and the team's out-of-hours contacts. */
  wellness: HandoverWellnessPlan;
  /** This year's personal budget: balance, spent, awaiting approval. */
  budget: BudgetAtAGlance;
  /** Outcome readings: how many, the latest, and the distance travelled in a sentence. */
  outcomes: HandoverOutcomes;
}

/**
 * Everything a worker covering a leave or a crisis needs on one page, so the person does not have
 * to tell their story again: story, risks, consent, the team, the plan, next appointments, recent
 * contacts. For those who work with the person (full audience); the read is audited. `today` is the
 * UK date on the app's clock (for overdue actions and reviews).
 */
export async function readHandover(db: Db, actor: Actor, personId: string, today: string): Promise<Handover> {
  const relationship = await relationshipTo(db, actor, personId);
  if (relationship.audience !== "full") throw new Forbidden("The handover summary is for the workers of the person's team and their manager");
  const record = await readPerson(db, actor, personId, "handover");
  const { risks, consent, team, plan, wellness, budget, outcomes } = await db.transaction(async (tx) => {
    // One connection inside a transaction: one query at a time.
    const found = {
      risks: await risksForHandover(tx, actor, personId),
      consent: await consentForHandover(tx, actor, personId),
      team: await teamForHandover(tx, actor, personId),
      plan: await planForHandover(tx, actor, personId, today),
      wellness: await wellnessPlanForHandover(tx, actor, personId),
      budget: await budgetForHandover(tx, actor, personId, today),
      outcomes: await outcomesForHandover(tx, actor, personId, formatIsoDate),
    };
    await audit(tx, actor, { action: "handover.read", personId });
    return found;
  });
  const contacts = await handoverContactsSummary(db, actor, personId, { contacts: 5, appointments: 3 });
  return { record, risks, consent, team, contacts, plan, wellness, budget, outcomes };
}

function handoverPage(context: PageContext, handover: Handover): SafeHtml {
  const { person, relationship } = handover.record;
  return personPageLayout(context, {
    person,
    relationship,
    current: "handover",
    title: "Handover summary",
    content: html`<p class="govuk-body">Prepared ${formatDateTime(new Date())} for ${context.actor?.displayName ?? ""}. Print it or keep it on your phone; it holds personal information, so keep it safe and destroy it after use.</p>
<h2 class="govuk-heading-m">Their story</h2>
${person.story ? html`<p class="govuk-body keywork-story">${person.story}</p>` : html`<p class="govuk-body">Their story has not been written yet.</p>`}
${govukSummaryList({
  rows: [
    { key: { text: "Engagement" }, value: { text: (ENGAGEMENT_STATUS_LABELS as Record<string, string>)[person.engagementStatus] ?? person.engagementStatus } },
    { key: { text: "Date of birth" }, value: { text: person.dateOfBirth ? formatIsoDate(person.dateOfBirth) : "Not known" } },
    { key: { text: "Pronouns" }, value: { text: person.pronouns ?? "Not recorded" } },
    { key: { text: "Communication needs" }, value: { text: person.communicationNeeds ?? "None recorded" } },
    { key: { text: "Phone" }, value: { text: person.phone ?? "Not recorded" } },
    { key: { text: "Address" }, value: { text: person.address ?? "Not recorded" } },
  ],
})}
${riskSummary(handover.risks, { personId: person.id })}
${wellnessHandoverSection(person.id, handover.wellness)}
${consentHandoverSection(person.id, handover.consent)}
${teamHandoverSection(handover.team)}
${planHandoverSection(person.id, handover.plan)}
${outcomesHandoverSection(person.id, handover.outcomes)}
${budgetHandoverSection(person.id, handover.budget)}
${handoverContactsSection(handover.contacts, person.id)}
<p class="govuk-body"><a class="govuk-link" href="${paths.people.chronology(person.id)}">The full chronology</a></p>`,
  });
}

export const handoverRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;
  app.get(routes.personSection("handover"), async (request, reply) => {
    const { id } = request.params as { id: string };
    const handover = await readHandover(db, request.actor as Actor, id, ukToday(deps.clock));
    return sendPage(reply, handoverPage(await pageContext(db, request, reply), handover));
  });
};
