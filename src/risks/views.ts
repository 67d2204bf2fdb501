import { paths } from "../platform/http/paths.ts";
import { govukButton, govukInsetText, govukSummaryList, govukTable, govukTag, govukWarningText } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDate, formatDateTime, formatIsoDate, shorten } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { personPageLayout } from "../people/person-layout.ts";
import { RISK_CATEGORY_HEADINGS, RISK_CATEGORY_HINTS, RISK_CATEGORY_LABELS, RISK_LEVEL_LABELS, type RiskLevel } from "./schema.ts";
import type { PersonRisks, RiskFlag, RiskView } from "./service.ts";

const LEVEL_TAG_CLASSES: Record<RiskLevel, string> = {
  low: "govuk-tag--green",
  medium: "govuk-tag--yellow",
  high: "govuk-tag--red",
};

export function riskLevelTag(level: RiskLevel): SafeHtml {
  return govukTag({ text: `${RISK_LEVEL_LABELS[level]} risk`, classes: LEVEL_TAG_CLASSES[level] });
}

const OVERDUE = govukTag({ text: "Review overdue", classes: "govuk-tag--red" });

function recordedBy(risk: RiskView): string {
  const created = `${risk.createdBy?.name ?? "Unknown"}, ${formatDateTime(risk.createdAt)}`;
  const changed = risk.version > 1 ? `. Last changed by ${risk.updatedBy?.name ?? "Unknown"}, ${formatDateTime(risk.updatedAt)}` : "";
  return `${created}${changed}`;
}

function riskCard(risk: RiskView, mayEdit: boolean): SafeHtml {
  return govukSummaryList({
    card: {
      title: { text: shorten(risk.description, 90), headingLevel: 4 },
      ...(mayEdit ? { actions: { items: [{ href: paths.risks.edit(risk.id), text: "Change or close" }] } } : {}),
    },
    rows: [
      { key: { text: "Level" }, value: { html: riskLevelTag(risk.level) } },
      { key: { text: "The risk" }, value: { html: html`<span class="keywork-pre-line">${risk.description}</span>` } },
      { key: { text: "What keeps people safe" }, value: { html: html`<span class="keywork-pre-line">${risk.safetyPlan ?? "Not recorded"}</span>` } },
      {
        key: { text: "Review by" },
        value: { html: html`${formatIsoDate(risk.reviewOn)}${risk.reviewOverdue ? html` ${OVERDUE}` : ""}` },
        ...(risk.reviewOverdue ? { classes: "keywork-review-overdue" } : {}),
      },
      { key: { text: "Recorded by" }, value: { text: recordedBy(risk) } },
    ],
  });
}

export function risksPage(context: PageContext, view: PersonRisks): SafeHtml {
  const { person, relationship, categories, risks } = view;
  const current = risks.filter((risk) => !risk.closedAt);
  const closed = risks.filter((risk) => risk.closedAt);
  let body: SafeHtml;
  if (categories.length === 0) {
    body = govukWarningText({ text: "Risks are not shared with family members and carers. If you are worried about their safety, or yours, talk to their key worker." });
  } else {
    body = html`${relationship.audience === "peer-mentor"
      ? govukInsetText({ text: "You see the risks to workers only: what you need to know to stay safe when you meet them." })
      : ""}
${relationship.mayEdit ? govukButton({ text: "Add a risk", href: paths.people.newRisk(person.id) }) : ""}
${categories.map((category) => {
  const inCategory = current.filter((risk) => risk.category === category);
  return html`<h3 class="govuk-heading-m">${RISK_CATEGORY_HEADINGS[category]}</h3>
<p class="govuk-hint">${RISK_CATEGORY_HINTS[category]}</p>
${inCategory.length === 0 ? html`<p class="govuk-body">None recorded.</p>` : inCategory.map((risk) => riskCard(risk, relationship.mayEdit))}`;
})}
${closed.length > 0
  ? govukTable({
      caption: "Closed risks",
      captionClasses: "govuk-table__caption--m",
      head: [{ text: "Risk" }, { text: "Level" }, { text: "Closed" }, ...(relationship.mayEdit ? [{ html: html`<span class="govuk-visually-hidden">Actions</span>` }] : [])],
      rows: closed.map((risk) => [
        { html: html`<strong>${RISK_CATEGORY_LABELS[risk.category]}</strong><br>${shorten(risk.description, 140)}` },
        { text: RISK_LEVEL_LABELS[risk.level] },
        { text: formatDate(risk.closedAt) },
        ...(relationship.mayEdit
          ? [{ html: html`<a class="govuk-link" href="${paths.risks.edit(risk.id)}">View or reopen<span class="govuk-visually-hidden"> ${RISK_CATEGORY_LABELS[risk.category].toLowerCase()}</span></a>` }]
          : []),
      ]),
    })
  : ""}`;
  }
  return personPageLayout(context, {
    person,
    relationship,
    current: "risks",
    title: "Risks",
    content: html`<h2 class="govuk-heading-l">Risks</h2>
<p class="govuk-body">Risks to them, from them to others, and to the workers who visit them, with what keeps everyone safe. Each risk is reviewed by a date.</p>
${body}`,
  });
}

/**
 * Current risks at a glance, for the person's overview and the handover summary: each risk to
 * workers as a warning to read before visiting alone, then the others in a compact list. Give it
 * the risks the reader may see (`risksForHandover`).
 */
export function riskSummary(risks: RiskView[], options: { personId: string; headingLevel?: 2 | 3 }): SafeHtml {
  const current = risks.filter((risk) => !risk.closedAt);
  const toWorkers = current.filter((risk) => risk.category === "to-workers");
  const others = current.filter((risk) => risk.category !== "to-workers");
  const level = options.headingLevel ?? 2;
  const heading = level === 2 ? html`<h2 class="govuk-heading-m">Risks</h2>` : html`<h3 class="govuk-heading-s">Risks</h3>`;
  if (current.length === 0) {
    return html`<div class="keywork-risk-summary">${heading}<p class="govuk-body">No current risks recorded. <a class="govuk-link" href="${paths.people.risks(options.personId)}">Risks</a></p></div>`;
  }
  return html`<div class="keywork-risk-summary">${heading}
${toWorkers.map((risk) =>
  govukWarningText({
    iconFallbackText: "Risk to workers",
    html: html`Before visiting alone (${RISK_LEVEL_LABELS[risk.level].toLowerCase()} risk to workers): ${risk.description}${
      risk.safetyPlan ? html`<br><span class="govuk-!-font-weight-regular">Stay safe: ${risk.safetyPlan}</span>` : ""
    }${risk.reviewOverdue ? html` ${OVERDUE}` : ""}`,
  }),
)}
${others.length > 0
  ? html`<ul class="govuk-list keywork-risk-summary__list">${others.map(
      (risk) => html`<li>${riskLevelTag(risk.level)} <strong>${RISK_CATEGORY_LABELS[risk.category]}:</strong> ${shorten(risk.description, 160)}${
        risk.reviewOverdue ? html` ${OVERDUE}` : ""
      }</li>`,
    )}</ul>`
  : ""}
<p class="govuk-body"><a class="govuk-link" href="${paths.people.risks(options.personId)}">All risks and what keeps people safe</a></p></div>`;
}

/** Small tags for a caseload row: the highest current risk, lone-working and overdue review. Empty when there is no flag. */
export function riskFlagTags(flag: RiskFlag | undefined): SafeHtml {
  if (!flag) return html``;
  return html`<span class="keywork-risk-flags">${riskLevelTag(flag.highest)}${flag.toWorkers ? html` ${govukTag({ text: "Risk to workers", classes: "govuk-tag--orange" })}` : ""}${
    flag.reviewOverdue ? html` ${OVERDUE}` : ""
  }</span>`;
}
