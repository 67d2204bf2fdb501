import { personName } from "../platform/views/format.ts";
import type { Relationship } from "../platform/access/index.ts";
import { CARE_TEAM_ROLE_LABELS, ROLE_LABELS, type CareTeamRole } from "../platform/access/roles.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { personPageLayout, type PersonHeading } from "../people/person-layout.ts";
import { govukButton, govukRadios, govukWarningText } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { errorFor, errorSummary, groupedSelect, hidden, type FormValues, type OptionGroup } from "./form-parts.ts";
import { ROLES_FOR_MEMBERSHIP } from "./schema.ts";
import type { MemberRow, UserRow } from "./service.ts";

/** Forms that change who, with a Keywork account, is in the team: add someone, change the lead, remove someone. */

interface FormPage {
  person: PersonHeading;
  relationship: Relationship;
  issues: FieldIssue[];
  values: FormValues;
}

function usersByOrganisation(users: UserRow[]): OptionGroup[] {
  const groups = new Map<string, OptionGroup>();
  for (const user of users) {
    const group = groups.get(user.organisationName) ?? { label: user.organisationName, options: [] };
    const roles = user.roles.filter((role) => role !== "admin").map((role) => ROLE_LABELS[role]).join(", ");
    group.options.push({ value: user.id, text: `${user.displayName}${user.jobTitle ? `, ${user.jobTitle}` : ""} (${roles})` });
    groups.set(user.organisationName, group);
  }
  return [...groups.values()];
}

function page(context: PageContext, options: FormPage & { title: string; content: SafeHtml }): SafeHtml {
  return personPageLayout(context, {
    person: options.person,
    relationship: options.relationship,
    current: "team",
    title: options.title,
    hasErrors: options.issues.length > 0,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${errorSummary(options.issues)}
<h2 class="govuk-heading-l">${options.title}</h2>
${options.content}
</div></div>`,
  });
}

export function addMemberPage(context: PageContext, options: FormPage & { users: UserRow[]; hasLead: boolean }): SafeHtml {
  const errors = errorsByField(options.issues);
  const roles: CareTeamRole[] = options.hasLead ? ["co-worker", "peer-mentor", "partner"] : ["lead", "co-worker", "peer-mentor", "partner"];
  const hints: Record<CareTeamRole, string> = {
    lead: "A key worker; the team has no lead worker at the moment",
    "co-worker": "A second or third key worker, who can cover leave or a crisis",
    "peer-mentor": "Someone with lived experience, with the peer mentor role",
    partner: "A professional from a partner agency (housing, probation, CAMHS…) with a partner role",
  };
  return page(context, {
    ...options,
    title: "Add someone with a Keywork account",
    content: html`<p class="govuk-body">They will see ${personName(options.person)}'s record as their role and the person's consent allow. For someone without a Keywork account, <a class="govuk-link" href="${paths.people.newExternalProfessional(options.person.id)}">add another professional</a> instead.</p>
<form method="post" action="${paths.people.teamMembers(options.person.id)}" novalidate>
  ${hidden("_csrf", context.csrfToken)}
  ${groupedSelect({ id: "userId", label: "Who", hint: "Users of the partnership, by organisation", value: options.values.userId ?? "", placeholder: "Choose someone", groups: usersByOrganisation(options.users), error: errors.userId })}
  ${govukRadios({
    idPrefix: "role",
    name: "role",
    fieldset: { legend: { text: "Their role in the team", classes: "govuk-fieldset__legend--s" } },
    value: options.values.role ?? "",
    ...errorFor(errors, "role"),
    items: roles.map((role) => ({ value: role, text: CARE_TEAM_ROLE_LABELS[role], hint: { text: hints[role] } })),
  })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Add to the team", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.people.team(options.person.id)}">Cancel</a>
  </div>
</form>`,
  });
}

export function changeLeadPage(context: PageContext, options: FormPage & { users: UserRow[]; lead: MemberRow | null; conflict?: string }): SafeHtml {
  const errors = errorsByField(options.issues);
  const candidates = options.users.filter((user) => user.id !== options.lead?.userId && user.roles.some((role) => ROLES_FOR_MEMBERSHIP.lead.includes(role)));
  return page(context, {
    ...options,
    title: "Change lead worker",
    content: html`${options.conflict ? govukWarningText({ text: options.conflict }) : ""}
<p class="govuk-body">${options.lead ? html`The lead worker is <strong>${options.lead.name}</strong>.` : "There is no lead worker at the moment."}</p>
<p class="govuk-body">Everything stays with ${personName(options.person)}: their story, contacts, plan and history. Only who is in the team changes, so nobody asks them to tell it all again.</p>
<form method="post" action="${paths.people.changeLeadWorker(options.person.id)}" novalidate>
  ${hidden("_csrf", context.csrfToken)}
  ${hidden("expectedLeadUserId", options.values.expectedLeadUserId ?? options.lead?.userId ?? "")}
  ${groupedSelect({ id: "newLeadUserId", label: "New lead worker", hint: "Key workers and co-workers of the partnership", value: options.values.newLeadUserId ?? "", placeholder: "Choose the new lead worker", groups: usersByOrganisation(candidates), error: errors.newLeadUserId })}
  ${options.lead
    ? govukRadios({
        idPrefix: "previousLead",
        name: "previousLead",
        fieldset: { legend: { text: `What happens to ${options.lead.name}`, classes: "govuk-fieldset__legend--s" } },
        value: options.values.previousLead ?? "",
        ...errorFor(errors, "previousLead"),
        items: [
          { value: "co-worker", text: "They stay in the team as a co-worker", hint: { text: "Useful for a gradual handover" } },
          { value: "leave", text: "They leave the team", hint: { text: "They will no longer see this person's record" } },
        ],
      })
    : hidden("previousLead", "leave")}
  <div class="govuk-button-group">
    ${govukButton({ text: "Change lead worker", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.people.team(options.person.id)}">Cancel</a>
  </div>
</form>`,
  });
}

export function endMemberPage(context: PageContext, options: FormPage & { member: MemberRow }): SafeHtml {
  const { member, person } = options;
  const isLead = member.role === "lead";
  return page(context, {
    ...options,
    title: `Remove ${member.name} from the team`,
    content: isLead
      ? html`${govukWarningText({ text: `${member.name} is the lead worker. There must always be a lead worker, so choose a new one first.` })}
${govukButton({ text: "Change lead worker", href: paths.people.changeLeadWorker(person.id) })}
<p class="govuk-body"><a class="govuk-link" href="${paths.people.team(person.id)}">Back to the team</a></p>`
      : html`<p class="govuk-body">${member.name} is in the team as ${CARE_TEAM_ROLE_LABELS[member.role].toLowerCase()} (${member.organisationName}).</p>
<p class="govuk-body">They will no longer see ${personName(person)}'s record, unless they are in the team in another way. What they recorded stays on the record, and the team's history shows they were part of it.</p>
<form method="post" action="${paths.people.endTeamMember(person.id, member.userId)}" novalidate>
  ${hidden("_csrf", context.csrfToken)}
  ${hidden("version", options.values.version ?? member.version)}
  <div class="govuk-button-group">
    ${govukButton({ text: "Remove from the team", classes: "govuk-button--warning", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.people.team(person.id)}">Cancel</a>
  </div>
</form>`,
  });
}
