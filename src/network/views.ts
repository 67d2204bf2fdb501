import { CARE_TEAM_ROLE_LABELS } from "../platform/access/roles.ts";
import { paths } from "../platform/http/paths.ts";
import { personPageLayout } from "../people/person-layout.ts";
import { govukButton, govukDetails, govukSummaryList, govukTable, govukTag, type SummaryListRow } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatIsoDate, personName, plural } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { serviceLabel } from "./entries.ts";
import { networkMap, networkMapFor } from "./map.ts";
import type { Team, TeamForHandover } from "./service.ts";

function orNot(value: string | null, otherwise = "Not recorded"): string {
  return value ?? otherwise;
}

function membersSection(team: Team): SafeHtml {
  const { relationship, person } = team;
  const editing = relationship.mayEdit;
  const table = govukTable({
    caption: "Keywork users in the team",
    captionClasses: "govuk-visually-hidden",
    head: [{ text: "Name" }, { text: "Role" }, { text: "Organisation" }, { text: "Since" }, ...(editing ? [{ html: html`<span class="govuk-visually-hidden">Actions</span>` }] : [])],
    rows: team.members.map((member) => [
      { html: html`<strong>${member.name}</strong>${member.jobTitle ? html`<br><span class="govuk-hint govuk-!-margin-bottom-0">${member.jobTitle}</span>` : ""}` },
      { text: CARE_TEAM_ROLE_LABELS[member.role] },
      { text: member.organisationName },
      { text: formatIsoDate(member.startedOn) },
      ...(editing
        ? [
            member.role === "lead"
              ? { html: html`<a class="govuk-link" href="${paths.people.changeLeadWorker(person.id)}">Change<span class="govuk-visually-hidden"> lead worker</span></a>` }
              : { html: html`<a class="govuk-link" href="${paths.people.endTeamMember(person.id, member.userId)}">Remove<span class="govuk-visually-hidden"> ${member.name}</span> from team</a>` },
          ]
        : []),
    ]),
  });
  const past =
    team.pastMembers.length === 0
      ? ""
      : govukDetails({
          summaryText: `Who was in the team before (${team.pastMembers.length})`,
          html: govukTable({
            caption: "Keywork users who were in the team before",
            captionClasses: "govuk-visually-hidden",
            head: [{ text: "Name" }, { text: "Role" }, { text: "From" }, { text: "Last day" }],
            rows: team.pastMembers.map((member) => [
              { text: member.name },
              { text: CARE_TEAM_ROLE_LABELS[member.role] },
              { text: formatIsoDate(member.startedOn) },
              { text: formatIsoDate(member.endedOn) },
            ]),
          }),
        });
  return html`<h2 class="govuk-heading-m" id="members">Keywork users in the team</h2>
${team.members.length === 0 ? html`<p class="govuk-body">Nobody with a Keywork account is in the team.</p>` : table}
${editing
  ? html`<div class="govuk-button-group">
  ${govukButton({ text: "Add someone with a Keywork account", href: paths.people.newTeamMember(person.id), classes: "govuk-button--secondary" })}
  ${govukButton({ text: "Change lead worker", href: paths.people.changeLeadWorker(person.id), classes: "govuk-button--secondary" })}
</div>`
  : ""}
${past}`;
}

function card(title: string, rows: Array<SummaryListRow | undefined>, changeHref: string | null, ended: string | null = null): SafeHtml {
  return govukSummaryList({
    card: {
      title: { text: ended ? `${title} (${ended})` : title, headingLevel: 3 },
      ...(changeHref ? { actions: { items: [{ href: changeHref, text: "Change", visuallyHiddenText: title }] } } : {}),
    },
    rows,
  });
}

function professionalsSection(team: Team): SafeHtml {
  const { relationship, person } = team;
  const workDetails = relationship.audience === "full" || relationship.audience === "partner";
  const current = team.professionals.filter((row) => row.current);
  const before = team.professionals.filter((row) => !row.current);
  const cardFor = (row: Team["professionals"][number]) =>
    card(
      row.name,
      [
        { key: { text: "Role" }, value: { text: row.role } },
        { key: { text: "Organisation" }, value: { text: row.organisationName } },
        workDetails ? { key: { text: "Phone" }, value: { text: orNot(row.phone) } } : undefined,
        workDetails ? { key: { text: "Email" }, value: { text: orNot(row.email) } } : undefined,
        { key: { text: "Involved since" }, value: { text: formatIsoDate(row.startedOn) } },
        row.endedOn ? { key: { text: "Until" }, value: { text: formatIsoDate(row.endedOn) } } : undefined,
      ],
      relationship.mayEdit && row.current ? paths.externalProfessionals.edit(row.id) : null,
    );
  return html`<h2 class="govuk-heading-m" id="professionals">Other professionals</h2>
<p class="govuk-body">People working with them who do not use Keywork: a GP, a solicitor, a school SENCo.</p>
${current.length === 0 ? html`<p class="govuk-body">None recorded.</p>` : current.map(cardFor)}
${relationship.mayEdit ? govukButton({ text: "Add another professional", href: paths.people.newExternalProfessional(person.id), classes: "govuk-button--secondary" }) : ""}
${before.length === 0 ? "" : govukDetails({ summaryText: `Professionals involved before (${before.length})`, html: html`${before.map(cardFor)}` })}`;
}

function familySection(team: Team): SafeHtml | string {
  if (!team.family) return "";
  const { relationship, person } = team;
  const current = team.family.filter((row) => row.current);
  const before = team.family.filter((row) => !row.current);
  const cardFor = (row: NonNullable<Team["family"]>[number]) =>
    card(
      row.name,
      [
        { key: { text: "Relationship" }, value: { html: html`${row.relationship}${row.isCarer ? html` ${govukTag({ text: "Carer", classes: "govuk-tag--green" })}` : ""}` } },
        { key: { text: "Phone" }, value: { text: orNot(row.phone) } },
        { key: { text: "Email" }, value: { text: orNot(row.email) } },
        { key: { text: "Contact preferences" }, value: { text: orNot(row.contactPreferences, "None recorded") } },
        { key: { text: "Their own needs" }, value: { html: row.ownNeeds ? html`<span class="keywork-story-text">${row.ownNeeds}</span>` : html`None recorded` } },
        { key: { text: "Keywork account" }, value: { text: row.accountEmail ? `Signs in as ${row.accountEmail}` : "None" } },
      ],
      relationship.mayEdit && row.current ? paths.familyMembers.edit(row.id) : null,
      row.current ? null : `until ${formatIsoDate(row.endedOn)}`,
    );
  return html`<h2 class="govuk-heading-m" id="family">Family and carers</h2>
<p class="govuk-body">Carers have needs of their own too. What they may be told follows the person's consent.</p>
${current.length === 0 ? html`<p class="govuk-body">None recorded.</p>` : current.map(cardFor)}
${relationship.mayEdit ? govukButton({ text: "Add a family member or carer", href: paths.people.newFamilyMember(person.id), classes: "govuk-button--secondary" }) : ""}
${before.length === 0 ? "" : govukDetails({ summaryText: `Family and carers no longer involved (${before.length})`, html: html`${before.map(cardFor)}` })}`;
}

/** Other professionals and services say a lot about someone: only the workers and partners see them. */
function sharesAgencies(team: Team): boolean {
  return team.relationship.audience === "full" || team.relationship.audience === "partner";
}

function servicesSection(team: Team): SafeHtml {
  const { relationship, person } = team;
  const rowsFor = (rows: Team["services"]) =>
    rows.map((row) => [
      { html: html`<strong>${row.organisationName}</strong>${row.serviceName ? html`<br>${row.serviceName}` : ""}` },
      { text: row.startedOn ? formatIsoDate(row.startedOn) : "Not known" },
      { text: row.endedOn ? formatIsoDate(row.endedOn) : "Now" },
      { text: row.note ?? "" },
      ...(relationship.mayEdit ? [{ html: html`<a class="govuk-link" href="${paths.servicesInvolved.edit(row.id)}">Change<span class="govuk-visually-hidden"> ${serviceLabel(row)}</span></a>` }] : []),
    ]);
  const head = [{ text: "Service" }, { text: "From" }, { text: "To" }, { text: "Note" }, ...(relationship.mayEdit ? [{ html: html`<span class="govuk-visually-hidden">Actions</span>` }] : [])];
  const current = team.services.filter((row) => row.current);
  const before = team.services.filter((row) => !row.current);
  return html`<h2 class="govuk-heading-m" id="services">Services involved, now and before</h2>
${current.length === 0 ? html`<p class="govuk-body">No services recorded as involved now.</p>` : govukTable({ caption: "Involved now", captionClasses: "govuk-table__caption--s", head, rows: rowsFor(current) })}
${before.length === 0 ? "" : govukTable({ caption: "Involved before", captionClasses: "govuk-table__caption--s", head, rows: rowsFor(before) })}
${relationship.mayEdit ? govukButton({ text: "Add a service", href: paths.people.newServiceInvolved(person.id), classes: "govuk-button--secondary" }) : ""}
<p class="govuk-body"><a class="govuk-link" href="${paths.directory.list()}">Find services in the partnership's directory</a></p>`;
}

/** The team page: the network map, then the same information as lists. */
export function teamPage(context: PageContext, team: Team): SafeHtml {
  const name = personName(team.person);
  const counts = [
    plural(team.members.length, "Keywork user"),
    plural(team.professionals.filter((row) => row.current).length, "other professional"),
    ...(team.family ? [plural(team.family.filter((row) => row.current).length, "family member or carer", "family members or carers")] : []),
    plural(team.services.filter((row) => row.current).length, "service involved now", "services involved now"),
  ];
  return personPageLayout(context, {
    person: team.person,
    relationship: team.relationship,
    current: "team",
    title: "Team around them",
    content: html`<h2 class="govuk-heading-l">Team around them</h2>
<p class="govuk-body">Everyone working with ${name}, ${team.family ? "their family and carers, " : ""}and the services involved, so that nobody has to ask them again.</p>
<figure class="keywork-network-figure">
  ${networkMap(networkMapFor(team, name))}
  <figcaption class="govuk-body-s">Network map: ${counts.join(", ")}. Everything in the map is listed below.</figcaption>
</figure>
${membersSection(team)}
${sharesAgencies(team) ? professionalsSection(team) : ""}
${familySection(team)}
${sharesAgencies(team) ? servicesSection(team) : html`<p class="govuk-body">Other professionals and the services involved are not shared with you.</p>`}`,
  });
}

/** The team part of a handover summary: who is involved and how to reach them. */
export function teamHandoverSection(team: TeamForHandover, headingLevel: 2 | 3 = 2): SafeHtml {
  const heading = (text: string) => (headingLevel === 2 ? html`<h2 class="govuk-heading-m">${text}</h2>` : html`<h3 class="govuk-heading-s">${text}</h3>`);
  const sub = (text: string) => (headingLevel === 2 ? html`<h3 class="govuk-heading-s">${text}</h3>` : html`<h4 class="govuk-heading-s">${text}</h4>`);
  const list = (items: SafeHtml[]) => (items.length === 0 ? html`<p class="govuk-body">None recorded.</p>` : html`<ul class="govuk-list govuk-list--bullet">${items.map((item) => html`<li>${item}</li>`)}</ul>`);
  const contact = (phone: string | null, email: string | null) => [phone, email].filter((value) => value !== null).join(", ");
  return html`${heading("Team around them")}
${sub("Keywork team")}
${list(team.members.map((member) => html`<strong>${member.name}</strong>, ${CARE_TEAM_ROLE_LABELS[member.role].toLowerCase()}, ${member.organisation} (since ${formatIsoDate(member.since)})`))}
${sub("Other professionals")}
${list(team.professionals.map((row) => html`<strong>${row.name}</strong>, ${row.role}, ${row.organisation}${contact(row.phone, row.email) ? html` — ${contact(row.phone, row.email)}` : ""}`))}
${team.family
  ? html`${sub("Family and carers")}
${list(team.family.map((row) => html`<strong>${row.name}</strong> (${row.relationship}${row.isCarer ? ", carer" : ""})${contact(row.phone, row.email) ? html` — ${contact(row.phone, row.email)}` : ""}${row.contactPreferences ? html`<br>Contact: ${row.contactPreferences}` : ""}`))}`
  : ""}
${sub("Services involved now")}
${list(team.services.map((row) => html`<strong>${row.organisation}</strong>${row.service ? html` (${row.service})` : ""}${row.since ? html`, since ${formatIsoDate(row.since)}` : ""}${row.note ? html` — ${row.note}` : ""}`))}`;
}
