import { paths } from "../platform/http/paths.ts";
import type { FieldIssue } from "../platform/http/errors.ts";
import { govukButton, govukCheckboxes, govukErrorSummary, govukInput, govukPagination, govukSelect, govukTable, govukTag, type TableCell } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDate, formatIsoDate, plural, shorten } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { RATINGS, RATING_LABELS, RATING_TAG_CLASSES, type Rating } from "./schema.ts";
import type { EntryView, RegisterRead } from "./service.ts";
import type { EntryFilters } from "./store.ts";

export function ratingTag(rating: Rating): SafeHtml {
  return govukTag({ text: rating === "blue" ? "Blue (in hospital)" : RATING_LABELS[rating], classes: RATING_TAG_CLASSES[rating] });
}

export const OVERDUE_TAG = govukTag({ text: "Review overdue", classes: "govuk-tag--red" });
export const OFF_REGISTER_TAG = govukTag({ text: "Off the register", classes: "govuk-tag--grey" });

/** "63 days (about 2 months)". */
export function lengthOfStay(days: number): string {
  return days >= 56 ? `${plural(days, "day")} (about ${Math.round(days / 30.44)} months)` : plural(days, "day");
}

export function nextReview(entry: Pick<EntryView, "nextReviewOn" | "reviewOverdue">): SafeHtml {
  return html`${formatIsoDate(entry.nextReviewOn)}${entry.reviewOverdue ? html` ${OVERDUE_TAG}` : ""}`;
}

function entryLink(entry: EntryView): SafeHtml {
  return html`<a class="govuk-link" href="${paths.register.show(entry.id)}">${entry.givenName} ${entry.familyName}</a>${
    entry.dateOfBirth ? html`<br><span class="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">Born ${formatIsoDate(entry.dateOfBirth)}</span>` : ""
  }`;
}

function ratedBy(entry: EntryView): string {
  return `${entry.ratedBy?.name ?? "Unknown"}, ${formatDate(entry.ratedAt)}`;
}

function countsTable(read: RegisterRead): SafeHtml {
  const { counts } = read;
  const byRating: Record<Rating, number> = { red: counts.red, "amber-red": counts.amberRed, amber: counts.amber, green: counts.green, blue: counts.blue };
  const cell = (rating: Rating): TableCell => ({ html: html`<a class="govuk-link" href="${paths.register.list({ rating })}">${byRating[rating]}<span class="govuk-visually-hidden"> rated ${RATING_LABELS[rating].toLowerCase()}</span></a>`, format: "numeric" });
  return html`${govukTable({
    caption: "On the register today",
    captionClasses: "govuk-table__caption--m",
    head: [...RATINGS.map((rating): TableCell => ({ html: ratingTag(rating), format: "numeric" })), { text: "Total", format: "numeric" }],
    rows: [[...RATINGS.map(cell), { text: String(counts.total), format: "numeric" }]],
  })}
<ul class="govuk-list govuk-list--bullet">
  <li>${counts.reviewsOverdue > 0 ? html`<a class="govuk-link" href="${paths.register.list({ review: "overdue" })}">${plural(counts.reviewsOverdue, "review")} overdue</a>` : "No reviews overdue"}</li>
  <li>${plural(counts.inpatients, "young person", "young people")} in hospital now</li>
  <li>${counts.averageLengthOfStayDays === null
    ? "No stays in hospital ended in the last 12 months"
    : `Average length of stay ${lengthOfStay(counts.averageLengthOfStayDays)}, over ${plural(counts.completedStays, "stay")} that ended in the last 12 months`}</li>
</ul>`;
}

function needsTakingOnPanel(entries: EntryView[]): SafeHtml {
  return html`<h2 class="govuk-heading-m" id="needs-taking-on">Needs taking on</h2>
<p class="govuk-body">Red and amber-red young people who are not with the key-worker service yet: not known to it, or known without a lead worker.</p>
${entries.length === 0
  ? html`<p class="govuk-body">Nobody is waiting to be taken on.</p>`
  : govukTable({
      caption: "Young people to take on",
      captionClasses: "govuk-visually-hidden",
      head: [{ text: "Young person" }, { text: "Rating" }, { text: "Reason" }, { text: "Rated" }, { html: html`<span class="govuk-visually-hidden">Action</span>` }],
      rows: entries.map((entry) => [
        { html: entryLink(entry) },
        { html: ratingTag(entry.rating) },
        { text: shorten(entry.reason, 120) },
        { text: ratedBy(entry) },
        {
          html: entry.personId
            ? html`<span class="govuk-body-s">Known to the service, with no lead worker. <a class="govuk-link" href="${paths.register.show(entry.id)}">See the entry<span class="govuk-visually-hidden"> for ${entry.givenName} ${entry.familyName}</span></a></span>`
            : govukButton({
                html: html`Take on<span class="govuk-visually-hidden"> ${entry.givenName} ${entry.familyName}</span>`,
                href: paths.register.takeOn(entry.id),
                classes: "govuk-button--secondary govuk-!-margin-bottom-0",
              }),
        },
      ]),
    })}`;
}

function filtersForm(filters: EntryFilters): SafeHtml {
  return html`<form method="get" action="${paths.register.list()}" class="govuk-!-margin-bottom-6">
  <div class="govuk-grid-row">
    <div class="govuk-grid-column-one-third">${govukSelect({
      id: "rating",
      name: "rating",
      label: { text: "Rating", classes: "govuk-label--s" },
      value: filters.rating ?? "",
      items: [{ value: "", text: "All ratings" }, ...RATINGS.map((rating) => ({ value: rating, text: rating === "blue" ? "Blue (in hospital)" : RATING_LABELS[rating] }))],
    })}</div>
    <div class="govuk-grid-column-one-third">${govukInput({
      id: "q",
      name: "q",
      type: "search",
      label: { text: "Name", classes: "govuk-label--s" },
      hint: { text: "Also finds people taken off the register" },
      value: filters.q ?? "",
      spellcheck: false,
    })}</div>
  </div>
  ${govukCheckboxes({
    name: "review",
    classes: "govuk-checkboxes--small",
    items: [{ value: "overdue", text: "Only reviews that are overdue", checked: filters.overdue === true }],
  })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Show entries", classes: "govuk-button--secondary" })}
    <a class="govuk-link" href="${paths.register.list()}">Clear filters</a>
  </div>
</form>`;
}

function entriesTables(entries: EntryView[]): SafeHtml {
  const atRisk = entries.filter((entry) => entry.rating !== "blue" && !entry.removedAt);
  const inHospital = entries.filter((entry) => entry.rating === "blue" && !entry.removedAt);
  const removed = entries.filter((entry) => entry.removedAt);
  return html`${atRisk.length > 0
    ? govukTable({
        caption: "At risk of admission",
        captionClasses: "govuk-table__caption--m",
        head: [{ text: "Young person" }, { text: "Rating" }, { text: "Reason" }, { text: "Rated by" }, { text: "Next review" }],
        rows: atRisk.map((entry) => [{ html: entryLink(entry) }, { html: ratingTag(entry.rating) }, { text: shorten(entry.reason, 140) }, { text: ratedBy(entry) }, { html: nextReview(entry) }]),
      })
    : ""}
${inHospital.length > 0
  ? govukTable({
      caption: "In hospital now (blue)",
      captionClasses: "govuk-table__caption--m",
      head: [{ text: "Young person" }, { text: "In hospital since" }, { text: "Setting" }, { text: "Rated by" }, { text: "Next review" }],
      rows: inHospital.map((entry) => [
        { html: entryLink(entry) },
        { text: entry.inpatient ? formatIsoDate(entry.inpatient.since) : "" },
        { text: entry.inpatient?.setting ?? "" },
        { text: ratedBy(entry) },
        { html: nextReview(entry) },
      ]),
    })
  : ""}
${removed.length > 0
  ? govukTable({
      caption: "Taken off the register",
      captionClasses: "govuk-table__caption--m",
      head: [{ text: "Young person" }, { text: "Last rating" }, { text: "Taken off" }, { text: "Why" }],
      rows: removed.map((entry) => [{ html: entryLink(entry) }, { html: html`${ratingTag(entry.rating)} ${OFF_REGISTER_TAG}` }, { text: formatDate(entry.removedAt) }, { text: shorten(entry.removalReason ?? "", 140) }]),
    })
  : ""}`;
}

function pagination(read: RegisterRead, filters: EntryFilters): SafeHtml | string {
  const pages = Math.ceil(read.total / read.pageSize);
  if (pages <= 1) return "";
  const link = (page: number) => paths.register.list({ rating: filters.rating, review: filters.overdue ? "overdue" : undefined, q: filters.q ?? undefined, page });
  return govukPagination({
    ...(read.page > 1 ? { previous: { href: link(read.page - 1) } } : {}),
    ...(read.page < pages ? { next: { href: link(read.page + 1) } } : {}),
    items: Array.from({ length: pages }, (_, index) => ({ number: String(index + 1), href: link(index + 1), current: index + 1 === read.page })),
  });
}

export function registerPage(context: PageContext, read: RegisterRead, options: { filters: EntryFilters; mayManage: boolean; issues: FieldIssue[] }): SafeHtml {
  const { filters } = options;
  const filtered = Boolean(filters.rating || filters.overdue || filters.q);
  const first = (read.page - 1) * read.pageSize + 1;
  const last = Math.min(read.total, read.page * read.pageSize);
  return layout(context, {
    title: "Dynamic support register",
    hasErrors: options.issues.length > 0,
    content: html`${options.issues.length > 0
      ? govukErrorSummary({ titleText: "There is a problem", errorList: options.issues.map((issue) => ({ text: issue.message, href: `#${issue.field}` })) })
      : ""}
<span class="govuk-caption-l">Children and young people at risk of admission to hospital</span>
<h1 class="govuk-heading-l">Dynamic support register</h1>
${options.mayManage ? govukButton({ text: "Add a young person", href: paths.register.new() }) : ""}
${countsTable(read)}
${read.needsTakingOn ? needsTakingOnPanel(read.needsTakingOn) : ""}
<h2 class="govuk-heading-m">Entries</h2>
${filtersForm(filters)}
${read.total === 0
  ? html`<p class="govuk-body">${filtered ? "No entries match these filters." : "Nobody is on the register yet."}</p>`
  : html`<p class="govuk-body">Showing ${first} to ${last} of ${plural(read.total, "entry", "entries")}. Highest risk of admission first, then the earliest review; young people in hospital now are listed on their own.</p>
${entriesTables(read.entries)}
${pagination(read, filters)}`}`,
  });
}
