import { personPageLayout } from "../people/person-layout.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukErrorSummary, govukInsetText, govukSummaryList, govukTable, govukTag, govukWarningText, type SummaryListRow } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, formatIsoDate, plural } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { consentSubject, knownScopes, partyName } from "./present.ts";
import { CONSENT_TYPE_LABELS, HOW_GIVEN_LABELS, SCOPE_LABELS, type ConsentType, type HowGiven } from "./schema.ts";
import type { ConsentHandover, ConsentOverview, ConsentRow } from "./service.ts";

export const LISTEN_TEXT = "You can always listen. Recording what a carer tells you does not share anything with them.";

/** Where each field's error link points: the first input of a date, the first radio or checkbox. */
function errorHref(field: string): string {
  if (field === "givenOn" || field === "reviewOn" || field === "receivedOn") return `#${field}-day`;
  return `#${field}`;
}

export function consentErrorSummary(issues: FieldIssue[]): SafeHtml | string {
  if (issues.length === 0) return "";
  return govukErrorSummary({ titleText: "There is a problem", errorList: issues.map((issue) => ({ text: issue.message, href: errorHref(issue.field) })) });
}

export function typeLabel(type: string): string {
  return CONSENT_TYPE_LABELS[type as ConsentType] ?? type;
}

export function howGivenLabel(howGiven: string): string {
  return HOW_GIVEN_LABELS[howGiven as HowGiven] ?? howGiven;
}

/** "Review due" in yellow when due today, red when overdue. */
function reviewTag(consent: Pick<ConsentRow, "reviewOn" | "today">): SafeHtml {
  const overdue = consent.reviewOn !== null && consent.reviewOn < consent.today;
  return govukTag({ text: "Review due", classes: overdue ? "govuk-tag--red" : "govuk-tag--yellow" });
}

function reviewValue(consent: ConsentRow): SafeHtml {
  if (!consent.reviewOn) return html`No review date`;
  if (consent.status !== "review-due") return html`${formatIsoDate(consent.reviewOn)}`;
  const overdue = consent.reviewOn < consent.today;
  return html`${formatIsoDate(consent.reviewOn)}${overdue ? " (overdue)" : " (today)"} ${reviewTag(consent)}`;
}

export function scopesValue(scopes: readonly string[]): SafeHtml {
  const known = knownScopes(scopes);
  if (known.length === 0) return html`Nothing`;
  return html`<ul class="govuk-list">${known.map((scope) => html`<li>${SCOPE_LABELS[scope].label}: <span class="govuk-hint govuk-!-display-inline">${SCOPE_LABELS[scope].hint.toLowerCase()}</span></li>`)}</ul>`;
}

/** The facts of one consent, as summary-list rows. */
export function consentRows(consent: ConsentRow): SummaryListRow[] {
  const rows: Array<SummaryListRow | undefined> = [
    { key: { text: "What they agreed to" }, value: { text: typeLabel(consent.type) } },
    consent.type === "work-with-service" ? undefined : { key: { text: "Who with" }, value: { text: partyName(consent) } },
    consent.type === "work-with-service" ? undefined : { key: { text: "What can be shared" }, value: { html: scopesValue(consent.scopes) } },
    { key: { text: "How given" }, value: { text: howGivenLabel(consent.howGiven) } },
    { key: { text: "Given on" }, value: { text: formatIsoDate(consent.givenOn) } },
    consent.status === "withdrawn"
      ? { key: { text: "Withdrawn on" }, value: { text: formatIsoDate(consent.withdrawnOn) } }
      : { key: { text: "Review by" }, value: { html: reviewValue(consent) } },
    consent.withdrawnOn && consent.status !== "withdrawn" ? { key: { text: "Ends on" }, value: { text: formatIsoDate(consent.withdrawnOn) } } : undefined,
    consent.note ? { key: { text: "Note" }, value: { text: consent.note } } : undefined,
    { key: { text: "Recorded by" }, value: { text: consent.recordedByName ?? "Not known" } },
  ];
  return rows.filter((row): row is SummaryListRow => row !== undefined);
}

function consentCard(context: PageContext, consent: ConsentRow, mayChange: boolean): SafeHtml {
  const title = consent.status === "not-yet-started" ? `${consentSubject(consent)} (from ${formatIsoDate(consent.givenOn)})` : consentSubject(consent);
  const actions = mayChange && consent.status !== "withdrawn"
    ? { items: [{ href: paths.consents.edit(consent.id), text: "Change" }, { href: paths.consents.withdraw(consent.id), text: "Withdraw" }] }
    : undefined;
  const card = govukSummaryList({ card: { title: { text: title, headingLevel: 3 }, ...(actions ? { actions } : {}) }, rows: consentRows(consent) });
  if (!mayChange || consent.status !== "review-due") return card;
  return html`${card}
<form method="post" action="${paths.consents.review(consent.id)}" class="keywork-consent-review">
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="version" value="${consent.version}">
  ${govukButton({ text: "Reviewed today — still agreed", classes: "govuk-button--secondary", preventDoubleClick: true, attributes: { "aria-describedby": `review-${consent.id}` } })}
  <p class="govuk-visually-hidden" id="review-${consent.id}">${consentSubject(consent)}: the next review will be in 6 months</p>
</form>`;
}

function endedTable(consents: ConsentRow[]): SafeHtml {
  const ended = [...consents].sort((a, b) => (b.withdrawnOn ?? "").localeCompare(a.withdrawnOn ?? "") || b.givenOn.localeCompare(a.givenOn));
  return govukTable({
    caption: "Withdrawn or ended consent",
    captionClasses: "govuk-table__caption--m",
    head: [{ text: "Consent" }, { text: "What was shared" }, { text: "Given on" }, { text: "Withdrawn on" }],
    rows: ended.map((consent) => [
      { text: consentSubject(consent) },
      { text: knownScopes(consent.scopes).map((scope) => SCOPE_LABELS[scope].label).join(", ") || "Nothing" },
      { text: formatIsoDate(consent.givenOn) },
      { text: formatIsoDate(consent.withdrawnOn) },
    ]),
  });
}

function informationReceivedSection(overview: ConsentOverview): SafeHtml {
  const { informationReceived, person } = overview;
  return html`<h2 class="govuk-heading-m" id="information-received">Information received from family and carers</h2>
${govukInsetText({ text: LISTEN_TEXT })}
<p class="govuk-body"><a class="govuk-link" href="${paths.people.informationReceived(person.id)}">Record what a family member or carer told you</a></p>
${informationReceived.length === 0
  ? html`<p class="govuk-body">Nothing recorded yet.</p>`
  : govukTable({
      caption: "What family members and carers have told the service",
      captionClasses: "govuk-visually-hidden",
      head: [{ text: "When" }, { text: "From" }, { text: "What they told us" }, { text: "Recorded by" }],
      rows: informationReceived.map((entry) => [
        { text: formatDateTime(entry.receivedAt) },
        { text: entry.fromDescription },
        { html: html`<span class="keywork-note">${entry.note}</span>` },
        { text: entry.recordedByName ?? "Not known" },
      ]),
    })}`;
}

/** A person's consent page: due for review, current, withdrawn, and what their family have told the service. */
export function consentPage(context: PageContext, overview: ConsentOverview): SafeHtml {
  const { consents, person, relationship } = overview;
  const mayChange = relationship.mayEdit;
  const due = consents.filter((consent) => consent.status === "review-due");
  const current = consents.filter((consent) => consent.status === "current" || consent.status === "not-yet-started");
  const ended = consents.filter((consent) => consent.status === "withdrawn");
  const working = consents.some((consent) => consent.type === "work-with-service" && consent.status !== "withdrawn" && consent.status !== "not-yet-started");
  return personPageLayout(context, {
    person,
    relationship,
    current: "consent",
    title: "Consent",
    content: html`<h2 class="govuk-heading-l">Consent</h2>
<p class="govuk-body">Consent is a process: check it with them at each review and whenever things change, and record any change here straight away. Sharing with partners and family follows what is recorded here from the next time they look.</p>
${working ? "" : govukWarningText({ text: "No current consent to work with the service is recorded." })}
${mayChange ? govukButton({ text: "Record consent", href: paths.people.newConsent(person.id) }) : ""}
${due.length > 0
  ? html`<h2 class="govuk-heading-m">Due for review</h2>
<p class="govuk-body">${plural(due.length, "consent is", "consents are")} due for review. Check with them that they still agree, then mark it reviewed or change it.</p>
${due.map((consent) => consentCard(context, consent, mayChange))}`
  : ""}
<h2 class="govuk-heading-m">Current consent</h2>
${current.length === 0 ? html`<p class="govuk-body">${due.length > 0 ? "No other current consent." : "No current consent is recorded."}</p>` : current.map((consent) => consentCard(context, consent, mayChange))}
${ended.length > 0 ? endedTable(ended) : ""}
${informationReceivedSection(overview)}`,
  });
}

/** For the handover summary: the person's current consents in a few lines, with a link to the full page. */
export function consentHandoverSection(personId: string, handover: ConsentHandover): SafeHtml {
  const rows = handover.current.map((item) => ({
    key: { text: item.subject },
    value: {
      html: html`${item.scopes ? html`Shares: ${item.scopes}<br>` : ""}Review by ${formatIsoDate(item.reviewOn)}${item.reviewDue ? html` ${govukTag({ text: "Review due", classes: "govuk-tag--red" })}` : ""}`,
    },
  }));
  return html`<h2 class="govuk-heading-m">Consent</h2>
${rows.length === 0 ? html`<p class="govuk-body">No current consent is recorded. Check with them what they agree to.</p>` : govukSummaryList({ rows })}
${handover.informationReceivedCount > 0 ? html`<p class="govuk-body">Their family or carers have told the service things ${plural(handover.informationReceivedCount, "time")}.</p>` : ""}
<p class="govuk-body"><a class="govuk-link" href="${paths.people.consents(personId)}">See their consent in full</a></p>`;
}
