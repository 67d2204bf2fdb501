import { personName } from "../platform/views/format.ts";
import { maySee, type Relationship } from "../platform/access/index.ts";
import { paths } from "../platform/http/paths.ts";
import { govukTag } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { breakGlassBanner } from "../break-glass/banner.ts";

export type PersonSection = "overview" | "chronology" | "contacts" | "plan" | "meetings" | "team" | "consent" | "risks" | "handover" | "wellness-plan" | "outcomes" | "budget";

/** The little a person's sub-pages need to show who they are about. */
export interface PersonHeading {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  pronouns: string | null;
  closedAt: Date | null;
}

function sectionsFor(relationship: Relationship): Array<{ section: PersonSection; text: string; href: (id: string) => string }> {
  const full = relationship.audience === "full";
  return [
    { section: "overview" as const, text: "Overview", href: paths.people.show },
    { section: "chronology" as const, text: "Chronology", href: (id: string) => paths.people.chronology(id) },
    { section: "contacts" as const, text: "Contacts", href: paths.people.contacts },
    // Partners see the plan when it is shared with them, and always the actions their agency owns.
    ...(full || relationship.audience === "partner" || maySee(relationship, "plan") ? [{ section: "plan" as const, text: "Plan", href: paths.people.plan }] : []),
    ...(full || relationship.audience === "partner" ? [{ section: "meetings" as const, text: "Meetings", href: paths.people.meetings }] : []),
    { section: "team" as const, text: "Team around them", href: paths.people.team },
    ...(full ? [{ section: "consent" as const, text: "Consent", href: paths.people.consents }] : []),
    { section: "risks" as const, text: "Risks", href: paths.people.risks },
    // The wellness and crisis plan: for the full audience, and partners and carers it is shared with.
    ...(maySee(relationship, "wellness-plan") ? [{ section: "wellness-plan" as const, text: "Wellness plan", href: (id: string) => paths.people.wellnessPlan(id) }] : []),
    // Outcomes go with the plan: for the full audience, and partners and carers the plan is shared with.
    ...(maySee(relationship, "plan") ? [{ section: "outcomes" as const, text: "Outcomes", href: (id: string) => paths.people.outcomes(id) }] : []),
    // The personal budget is between the person and the service: the full audience only.
    ...(full ? [{ section: "budget" as const, text: "Budget", href: (id: string) => paths.people.budget(id) }] : []),
    ...(full ? [{ section: "handover" as const, text: "Handover summary", href: paths.people.handover }] : []),
  ];
}

/** Name, status and the sub-navigation between a person's pages; every person page uses it. */
export function personHeader(person: PersonHeading, relationship: Relationship, current: PersonSection): SafeHtml {
  const name = personName(person);
  return html`<div class="keywork-person-header">
  ${person.pronouns ? html`<span class="govuk-caption-l">${person.pronouns}</span>` : ""}
  <h1 class="govuk-heading-l">${name}${person.closedAt ? html` ${govukTag({ text: "Closed", classes: "govuk-tag--grey" })}` : ""}</h1>
  <nav class="keywork-person-nav" aria-label="${name}">
    <ul class="keywork-person-nav__list">
      ${sectionsFor(relationship).map(
        (item) => html`<li class="keywork-person-nav__item"><a class="govuk-link keywork-person-nav__link" href="${item.href(person.id)}"${item.section === current ? html` aria-current="page"` : ""}>${item.text}</a></li>`,
      )}
    </ul>
  </nav>
</div>`;
}

/** A page about one person: the shared header, then the section's content. */
export function personPageLayout(
  context: PageContext,
  options: { person: PersonHeading; relationship: Relationship; current: PersonSection; title: string; content: SafeHtml; hasErrors?: boolean },
): SafeHtml {
  const name = personName(options.person);
  return layout(context, {
    title: `${options.title} – ${name}`,
    section: paths.people.search(),
    ...(options.hasErrors ? { hasErrors: true } : {}),
    content: html`${options.relationship.breakGlassGrant ? breakGlassBanner(options.relationship.breakGlassGrant, context.csrfToken) : ""}${personHeader(options.person, options.relationship, options.current)}${options.content}`,
  });
}
