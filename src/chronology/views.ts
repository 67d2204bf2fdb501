import type { Relationship } from "../platform/access/index.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { errorsByField } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukButton, govukDateInput, govukErrorSummary, govukPagination, govukSelect, govukTable, govukTag } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDate, formatDateTime, formatIsoDate, personName, plural } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { personPageLayout } from "../people/person-layout.ts";
import type { ChronologyItem } from "./present.ts";
import { CHRONOLOGY_FILTER_LABELS, CHRONOLOGY_FILTERS, CHRONOLOGY_PAGE_SIZE, hasTimeOfDay, type ChronologyFilter, type ChronologyOptions } from "./schema.ts";
import { chronologySections, type ChronologyRead } from "./service.ts";

const EVENT_TAG_CLASSES: Record<string, string> = {
  crisis: "govuk-tag--red",
  eviction: "govuk-tag--red",
  arrested: "govuk-tag--red",
  sentenced: "govuk-tag--red",
  bereavement: "govuk-tag--grey",
  achievement: "govuk-tag--green",
};

function tagClasses(item: ChronologyItem): string {
  if (item.source === "contact") return "govuk-tag--blue";
  if (item.source === "significant-event") return EVENT_TAG_CLASSES[item.eventKind ?? ""] ?? "govuk-tag--purple";
  if (item.section === "consent") return "govuk-tag--turquoise";
  if (item.section === "risks") return "govuk-tag--orange";
  return "govuk-tag--grey";
}

/** When it happened, in UK time; a significant event with no time of day shows its date alone. */
export function whenText(item: Pick<ChronologyItem, "source" | "occurredAt">): string {
  return item.source === "significant-event" && !hasTimeOfDay(item.occurredAt) ? formatDate(item.occurredAt) : formatDateTime(item.occurredAt);
}

/** The filters the reader can use: only sections they may see. */
function filtersFor(relationship: Relationship): ChronologyFilter[] {
  const sections = chronologySections(relationship);
  return CHRONOLOGY_FILTERS.filter((filter) => {
    if (sections === null) return true;
    if (filter === "contacts") return sections.includes("contacts");
    if (filter === "consent") return false;
    if (filter === "risks") return sections.includes("risks");
    return true;
  });
}

export function describeFilters(options: ChronologyOptions): string {
  const parts = [options.filter ? CHRONOLOGY_FILTER_LABELS[options.filter] : "Everything"];
  if (options.from && options.to) parts.push(`from ${formatIsoDate(options.from)} to ${formatIsoDate(options.to)}`);
  else if (options.from) parts.push(`from ${formatIsoDate(options.from)}`);
  else if (options.to) parts.push(`up to ${formatIsoDate(options.to)}`);
  return parts.join(", ");
}

function itemsTable(items: ChronologyItem[], options: { mayEdit: boolean; caption: string }): SafeHtml {
  return govukTable({
    caption: options.caption,
    captionClasses: "govuk-table__caption--m",
    classes: "keywork-chronology",
    head: [{ text: "When" }, { text: "What happened" }, { text: "Recorded by" }],
    rows: items.map((item) => [
      { text: whenText(item), classes: "keywork-chronology__when" },
      {
        html: html`${govukTag({ text: item.label, classes: tagClasses(item) })} <span class="keywork-chronology__summary">${item.summary}</span>${
          item.note ? html`<p class="govuk-body-s keywork-chronology__note">${item.note}</p>` : ""
        }${
          options.mayEdit && item.source === "significant-event"
            ? html`<p class="govuk-body-s keywork-no-print"><a class="govuk-link" href="${paths.significantEvents.edit(item.id)}">Change<span class="govuk-visually-hidden"> significant event: ${item.summary}</span></a></p>`
            : ""
        }`,
      },
      {
        html: html`${item.recordedBy?.name ?? "Keywork"}${
          Math.abs(item.recordedAt.getTime() - item.occurredAt.getTime()) > 60 * 60_000
            ? html`<br><span class="govuk-body-s">on ${formatDateTime(item.recordedAt)}</span>`
            : ""
        }`,
      },
    ]),
  });
}

function filterForm(personId: string, relationship: Relationship, values: Record<string, string>, issues: FieldIssue[]): SafeHtml {
  const errors = errorsByField(issues);
  const dateParts = (name: "from" | "to") => {
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(values[name] ?? "") ? (values[name] ?? "").split("-") : null;
    const part = (key: "day" | "month" | "year", index: number) => values[`${name}-${key}`] ?? (iso ? String(key === "year" ? iso[index] : Number(iso[index])) : "");
    const classes = (width: string) => `${width}${errors[name] ? " govuk-input--error" : ""}`;
    return govukDateInput({
      id: name,
      namePrefix: name,
      fieldset: { legend: { text: name === "from" ? "From" : "To", classes: "govuk-fieldset__legend--s" } },
      hint: { text: name === "from" ? "For example, 1 3 2026" : "For example, 31 3 2026" },
      ...(errors[name] ? { errorMessage: { text: errors[name] } } : {}),
      items: [
        { name: "day", classes: classes("govuk-input--width-2"), value: part("day", 2) },
        { name: "month", classes: classes("govuk-input--width-2"), value: part("month", 1) },
        { name: "year", classes: classes("govuk-input--width-4"), value: part("year", 0) },
      ],
    });
  };
  return html`<form method="get" action="${paths.people.chronology(personId)}" class="keywork-no-print keywork-chronology-filters" novalidate>
  <h2 class="govuk-heading-m">Filter the chronology</h2>
  ${govukSelect({
    id: "kind",
    name: "kind",
    label: { text: "Show", classes: "govuk-label--s" },
    value: values.kind ?? "",
    ...(errors.kind ? { errorMessage: { text: errors.kind } } : {}),
    items: [{ value: "", text: "Everything" }, ...filtersFor(relationship).map((filter) => ({ value: filter, text: CHRONOLOGY_FILTER_LABELS[filter] }))],
  })}
  ${dateParts("from")}
  ${dateParts("to")}
  <div class="govuk-button-group">
    ${govukButton({ text: "Apply filters", classes: "govuk-button--secondary" })}
    <a class="govuk-link" href="${paths.people.chronology(personId)}">Clear filters</a>
  </div>
</form>`;
}

export interface ChronologyPageOptions {
  read: ChronologyRead;
  options: ChronologyOptions;
  page: number;
  /** What the reader typed in the filters, shown back to them. */
  values: Record<string, string>;
  issues: FieldIssue[];
}

function queryFor(options: ChronologyOptions) {
  return { kind: options.filter ?? undefined, from: options.from ?? undefined, to: options.to ?? undefined };
}

export function chronologyPage(context: PageContext, view: ChronologyPageOptions): SafeHtml {
  const { read, options, page } = view;
  const { person, relationship, items, total } = read;
  const pages = Math.max(1, Math.ceil(total / CHRONOLOGY_PAGE_SIZE));
  const filtered = Boolean(options.filter || options.from || options.to);
  const first = (page - 1) * CHRONOLOGY_PAGE_SIZE + 1;
  let results: SafeHtml;
  if (view.issues.length > 0) {
    results = html``;
  } else if (items.length === 0) {
    results = filtered
      ? html`<h2 class="govuk-heading-m">Nothing matches these filters</h2><p class="govuk-body">Try another kind of entry or a wider range of dates.</p>`
      : html`<h2 class="govuk-heading-m">Nothing on the chronology yet</h2><p class="govuk-body">Contacts, significant events and changes to the record will show here as they happen.</p>`;
  } else {
    results = html`<p class="govuk-body" role="status">${describeFilters(options)}: showing ${first} to ${first + items.length - 1} of ${plural(total, "entry", "entries")}, newest first.</p>
${itemsTable(items, { mayEdit: relationship.mayEdit, caption: "Chronology, newest first" })}
${pages > 1
  ? govukPagination({
      ...(page > 1 ? { previous: { href: paths.people.chronology(person.id, { ...queryFor(options), page: page - 1 }) } } : {}),
      ...(page < pages ? { next: { href: paths.people.chronology(person.id, { ...queryFor(options), page: page + 1 }) } } : {}),
      items: pageNumbers(page, pages).map((number) =>
        number === null ? { ellipsis: true } : { number, href: paths.people.chronology(person.id, { ...queryFor(options), page: number }), current: number === page },
      ),
    })
  : ""}`;
  }
  return personPageLayout(context, {
    person,
    relationship,
    current: "chronology",
    title: page > 1 ? `Chronology (page ${page} of ${pages})` : "Chronology",
    hasErrors: view.issues.length > 0,
    content: html`${view.issues.length > 0
      ? govukErrorSummary({ titleText: "There is a problem", errorList: view.issues.map((issue) => ({ text: issue.message, href: issue.field === "kind" ? "#kind" : `#${issue.field}-day` })) })
      : ""}
<h2 class="govuk-heading-l">Chronology</h2>
<p class="govuk-body">Everything on the record in one timeline: contacts, significant events like evictions or hospital admissions, and changes to the record.</p>
<div class="govuk-button-group keywork-no-print">
  ${relationship.mayEdit ? govukButton({ text: "Add a significant event", href: paths.people.newSignificantEvent(person.id) }) : ""}
  <a class="govuk-link" href="${paths.people.chronology(person.id, { ...queryFor(options), print: 1 })}">Print this chronology</a>
  ${relationship.sharedScopes.has("story") ? html`<a class="govuk-link" href="${paths.people.story(person.id)}">How their story has changed</a>` : ""}
</div>
${filterForm(person.id, relationship, view.values, view.issues)}
${results}`,
  });
}

/** Page numbers to link, with null for a gap: 1 … 4 5 6 … 12. */
function pageNumbers(current: number, pages: number): Array<number | null> {
  const numbers: Array<number | null> = [];
  for (let number = 1; number <= pages; number++) {
    if (number === 1 || number === pages || Math.abs(number - current) <= 1) numbers.push(number);
    else if (numbers.at(-1) !== null) numbers.push(null);
  }
  return numbers;
}

/** A plain page to print: no menus or filters, every matching entry. Works without JavaScript. */
export function chronologyPrintPage(context: PageContext, read: ChronologyRead, options: ChronologyOptions, printedAt: Date = new Date()): SafeHtml {
  const { person, items, total } = read;
  const name = personName(person);
  return html`<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head>
  <meta charset="utf-8">
  <title>Chronology – ${name} – Keywork</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/govuk/govuk-frontend.min.css">
  <link rel="stylesheet" href="/static/keywork.css">
</head>
<body class="govuk-template__body keywork-print">
  <div class="govuk-width-container">
    <main class="govuk-main-wrapper" id="main-content">
      <p class="govuk-body keywork-no-print"><a class="govuk-link" href="${paths.people.chronology(person.id, queryFor(options))}">Back to the chronology</a></p>
      <span class="govuk-caption-l">Chronology</span>
      <h1 class="govuk-heading-l">${name}${person.preferredName ? html` <span class="govuk-body">(${person.givenName} ${person.familyName})</span>` : ""}</h1>
      <p class="govuk-body">${describeFilters(options)}. ${plural(total, "entry", "entries")}, newest first.${items.length < total ? ` The first ${items.length} are shown.` : ""}</p>
      <p class="govuk-body-s">Printed ${formatDateTime(printedAt)}${context.actor ? ` by ${context.actor.displayName}` : ""}. Confidential: share only as the person has agreed.</p>
      ${items.length === 0 ? html`<p class="govuk-body">There is nothing on the chronology${options.filter || options.from || options.to ? " that matches these filters" : ""}.</p>` : itemsTable(items, { mayEdit: false, caption: "Chronology, newest first" })}
    </main>
  </div>
</body>
</html>`;
}
