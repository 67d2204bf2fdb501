/**
 * Tabular components: table and summary list (optionally in a summary card).
 * Markup matches govuk-frontend 6.6.0.
 */
import { html, type SafeHtml } from "../html.ts";
import {
  EMPTY,
  extraClasses,
  govukAttributes,
  htmlOrText,
  type Attributes,
  type ClassesAndAttributes,
  type Optional,
  type TextOrHtml,
} from "./shared.ts";

export interface TableCell extends TextOrHtml, ClassesAndAttributes {
  /** "numeric" right-aligns the cell. */
  readonly format?: string;
  readonly colspan?: number;
  readonly rowspan?: number;
}

export interface TableParams extends ClassesAndAttributes {
  readonly rows: ReadonlyArray<Optional<readonly TableCell[]>>;
  readonly head?: readonly TableCell[];
  readonly caption?: string;
  readonly captionClasses?: string;
  readonly firstCellIsHeader?: boolean;
}

function spans(cell: TableCell): SafeHtml {
  return html`${cell.colspan ? html` colspan="${cell.colspan}"` : EMPTY}${cell.rowspan ? html` rowspan="${cell.rowspan}"` : EMPTY}${govukAttributes(
    cell.attributes,
  )}`;
}

function cellContent(cell: TableCell): SafeHtml | string | undefined {
  return htmlOrText(cell.html, cell.text, false);
}

function tableRow(row: readonly TableCell[], firstCellIsHeader: boolean): SafeHtml {
  const cells = row.map((cell, index) =>
    index === 0 && firstCellIsHeader
      ? html`
      <th scope="row" class="govuk-table__header${extraClasses(cell.classes)}"${spans(cell)}>${cellContent(cell)}</th>`
      : html`
      <td class="govuk-table__cell${cell.format ? ` govuk-table__cell--${cell.format}` : ""}${extraClasses(cell.classes)}"${spans(
        cell,
      )}>${cellContent(cell)}</td>`,
  );
  return html`
    <tr class="govuk-table__row">${cells}
    </tr>`;
}

export function govukTable(params: TableParams): SafeHtml {
  const caption = params.caption
    ? html`
  <caption class="govuk-table__caption${extraClasses(params.captionClasses)}">${params.caption}</caption>`
    : EMPTY;
  const head = params.head
    ? html`
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">${params.head.map(
      (item) => html`
      <th scope="col" class="govuk-table__header${item.format ? ` govuk-table__header--${item.format}` : ""}${extraClasses(
        item.classes,
      )}"${spans(item)}>${cellContent(item)}</th>`,
    )}
    </tr>
  </thead>`
    : EMPTY;
  const rows = params.rows.map((row) => (row ? tableRow(row, Boolean(params.firstCellIsHeader)) : EMPTY));
  return html`<table class="govuk-table${extraClasses(params.classes)}"${govukAttributes(params.attributes)}>${caption}${head}
  <tbody class="govuk-table__body">${rows}
  </tbody>
</table>`;
}

export interface SummaryListAction extends TextOrHtml, ClassesAndAttributes {
  readonly href: string;
  /** Completes the link text for screen readers, e.g. "name" for "Change name". */
  readonly visuallyHiddenText?: string;
}

export interface SummaryListActions {
  readonly items?: readonly SummaryListAction[];
  readonly classes?: string;
}

export interface SummaryListRow {
  readonly classes?: string;
  readonly key: TextOrHtml & { readonly classes?: string };
  readonly value: TextOrHtml & { readonly classes?: string };
  readonly actions?: SummaryListActions;
}

export interface SummaryCardTitle extends TextOrHtml {
  /** Defaults to 2. */
  readonly headingLevel?: number;
  readonly classes?: string;
}

export interface SummaryCardParams extends ClassesAndAttributes {
  readonly title?: SummaryCardTitle;
  readonly actions?: SummaryListActions;
}

export interface SummaryListParams extends ClassesAndAttributes {
  readonly rows: ReadonlyArray<Optional<SummaryListRow>>;
  /** Wraps the list in a summary card. */
  readonly card?: SummaryCardParams;
}

function actionLink(action: SummaryListAction, cardTitle: SummaryCardTitle | undefined): SafeHtml {
  const hidden =
    action.visuallyHiddenText || cardTitle
      ? html`<span class="govuk-visually-hidden">${action.visuallyHiddenText ? html` ${action.visuallyHiddenText}` : EMPTY}${
          cardTitle ? html` (${htmlOrText(cardTitle.html, cardTitle.text, false)})` : EMPTY
        }</span>`
      : EMPTY;
  return html`<a class="govuk-link${extraClasses(action.classes)}" href="${action.href}"${govukAttributes(action.attributes)}>${htmlOrText(
    action.html,
    action.text,
    false,
  )}${hidden}</a>`;
}

function rowActions(actions: SummaryListActions, items: readonly SummaryListAction[], cardTitle: SummaryCardTitle | undefined): SafeHtml {
  const [only] = items;
  const links =
    items.length === 1 && only
      ? html`
      ${actionLink(only, cardTitle)}`
      : html`
      <ul class="govuk-summary-list__actions-list">${items.map(
        (action) => html`
        <li class="govuk-summary-list__actions-list-item">
          ${actionLink(action, cardTitle)}
        </li>`,
      )}
      </ul>`;
  return html`
    <dd class="govuk-summary-list__actions${extraClasses(actions.classes)}">${links}
    </dd>`;
}

function summaryRow(row: SummaryListRow, anyRowHasActions: boolean, cardTitle: SummaryCardTitle | undefined): SafeHtml {
  const actions = row.actions;
  const items = actions?.items ?? [];
  return html`
  <div class="govuk-summary-list__row${anyRowHasActions && !actions?.items ? " govuk-summary-list__row--no-actions" : ""}${extraClasses(
    row.classes,
  )}">
    <dt class="govuk-summary-list__key${extraClasses(row.key.classes)}">
      ${htmlOrText(row.key.html, row.key.text)}
    </dt>
    <dd class="govuk-summary-list__value${extraClasses(row.value.classes)}">
      ${htmlOrText(row.value.html, row.value.text)}
    </dd>${actions && items.length > 0 ? rowActions(actions, items, cardTitle) : EMPTY}
  </div>`;
}

function summaryCard(card: SummaryCardParams, content: SafeHtml): SafeHtml {
  const title = card.title;
  const headingLevel = title?.headingLevel || 2;
  const titleHtml = title
    ? html`
    <h${headingLevel} class="govuk-summary-card__title${extraClasses(title.classes)}">
      ${htmlOrText(title.html, title.text)}
    </h${headingLevel}>`
    : EMPTY;
  const items = card.actions?.items ?? [];
  const [only] = items;
  let actions: SafeHtml = EMPTY;
  if (items.length === 1 && only) {
    actions = html`
    <div class="govuk-summary-card__actions${extraClasses(card.actions?.classes)}">
      ${actionLink(only, title)}
    </div>`;
  } else if (items.length > 1) {
    actions = html`
    <ul class="govuk-summary-card__actions${extraClasses(card.actions?.classes)}">${items.map(
      (action) => html`
      <li class="govuk-summary-card__action">
        ${actionLink(action, title)}
      </li>`,
    )}
    </ul>`;
  }
  return html`<div class="govuk-summary-card${extraClasses(card.classes)}"${govukAttributes(card.attributes)}>
  <div class="govuk-summary-card__title-wrapper">${titleHtml}${actions}
  </div>

  <div class="govuk-summary-card__content">
    ${content}
  </div>
</div>`;
}

export function govukSummaryList(params: SummaryListParams): SafeHtml {
  const anyRowHasActions = params.rows.some((row) => Boolean(row && row.actions?.items && row.actions.items.length > 0));
  const cardTitle = params.card?.title;
  const list = html`<dl class="govuk-summary-list${extraClasses(params.classes)}"${govukAttributes(params.attributes)}>${params.rows.map(
    (row) => (row ? summaryRow(row, anyRowHasActions, cardTitle) : EMPTY),
  )}
</dl>`;
  return params.card ? summaryCard(params.card, list) : list;
}
