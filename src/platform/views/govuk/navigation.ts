/**
 * Navigation components: back link, skip link, pagination and service
 * navigation. Markup matches govuk-frontend 6.6.0.
 */
import { html, raw, SafeHtml } from "../html.ts";
import {
  EMPTY,
  extraClasses,
  govukAttributes,
  hasHtml,
  htmlOrText,
  type Attributes,
  type ClassesAndAttributes,
  type Optional,
  type TextOrHtml,
} from "./shared.ts";

export interface BackLinkParams extends TextOrHtml, ClassesAndAttributes {
  /** Defaults to "#". */
  readonly href?: string;
}

export function govukBackLink(params: BackLinkParams): SafeHtml {
  const content = hasHtml(params.html) ? params.html : params.text || "Back";
  return html`<a href="${params.href || "#"}" class="govuk-back-link${extraClasses(params.classes)}"${govukAttributes(
    params.attributes,
  )}>${content}</a>`;
}

export interface SkipLinkParams extends TextOrHtml, ClassesAndAttributes {
  /** Defaults to "#content". */
  readonly href?: string;
}

export function govukSkipLink(params: SkipLinkParams): SafeHtml {
  return html`<a href="${params.href || "#content"}" class="govuk-skip-link${extraClasses(params.classes)}"${govukAttributes(
    params.attributes,
  )} data-module="govuk-skip-link">${htmlOrText(params.html, params.text, false)}</a>`;
}

export interface PaginationLink extends TextOrHtml {
  readonly href?: string;
  /** Shown under the link text in block (previous/next only) pagination. */
  readonly labelText?: string;
  readonly attributes?: Attributes;
}

export interface PaginationItem {
  readonly number?: string | number;
  readonly visuallyHiddenText?: string;
  readonly href?: string;
  readonly current?: boolean;
  readonly ellipsis?: boolean;
  readonly attributes?: Attributes;
}

export interface PaginationParams extends ClassesAndAttributes {
  readonly items?: ReadonlyArray<Optional<PaginationItem>>;
  readonly previous?: PaginationLink;
  readonly next?: PaginationLink;
  /** Defaults to "Pagination". */
  readonly landmarkLabel?: string;
}

const ARROW_PREVIOUS = raw(`<svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
    <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>
  </svg>`);

const ARROW_NEXT = raw(`<svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
    <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>
  </svg>`);

function arrowLink(link: PaginationLink, type: "prev" | "next", blockLevel: boolean): SafeHtml {
  const arrow = type === "prev" ? ARROW_PREVIOUS : ARROW_NEXT;
  const defaultText = type === "prev" ? "Previous" : "Next";
  const title =
    hasHtml(link.html) || link.text
      ? htmlOrText(link.html, link.text)
      : html`${defaultText}<span class="govuk-visually-hidden"> page</span>`;
  return html`
  <div class="govuk-pagination__${type}">
    <a class="govuk-link govuk-pagination__link" href="${link.href}" rel="${type}"${govukAttributes(link.attributes)}>${
      blockLevel || type === "prev"
        ? html`
    ${arrow}`
        : EMPTY
    }
      <span class="govuk-pagination__link-title${blockLevel && !link.labelText ? " govuk-pagination__link-title--decorated" : ""}">
        ${title}
      </span>${
        link.labelText && blockLevel
          ? html`
      <span class="govuk-visually-hidden">:</span>
      <span class="govuk-pagination__link-label">${link.labelText}</span>`
          : EMPTY
      }${
        !blockLevel && type === "next"
          ? html`
    ${arrow}`
          : EMPTY
      }
    </a>
  </div>`;
}

function pageItem(item: PaginationItem): SafeHtml {
  const content = item.ellipsis
    ? raw("&ctdot;")
    : html`<a class="govuk-link govuk-pagination__link" href="${item.href}" aria-label="${
        item.visuallyHiddenText ?? `Page ${String(item.number)}`
      }"${item.current ? html` aria-current="page"` : EMPTY}${govukAttributes(item.attributes)}>
      ${item.number}
    </a>`;
  return html`
    <li class="govuk-pagination__item${item.current ? " govuk-pagination__item--current" : ""}${
      item.ellipsis ? " govuk-pagination__item--ellipsis" : ""
    }">
    ${content}
    </li>`;
}

export function govukPagination(params: PaginationParams): SafeHtml {
  const { previous, next, items } = params;
  const blockLevel = !items && Boolean(next || previous);
  const list = items
    ? html`
  <ul class="govuk-pagination__list">${items.map((item) => (item && Object.keys(item).length > 0 ? pageItem(item) : EMPTY))}
  </ul>`
    : EMPTY;
  return html`<nav class="govuk-pagination${blockLevel ? " govuk-pagination--block" : ""}${extraClasses(params.classes)}" aria-label="${
    params.landmarkLabel || "Pagination"
  }"${govukAttributes(params.attributes)}>${previous && previous.href ? arrowLink(previous, "prev", blockLevel) : EMPTY}${list}${
    next && next.href ? arrowLink(next, "next", blockLevel) : EMPTY
  }
</nav>`;
}

export interface ServiceNavigationItem extends TextOrHtml {
  readonly href?: string;
  /** The user is within this section: styled as active, `aria-current="true"`. */
  readonly active?: boolean;
  /** This is the current page: styled as active, `aria-current="page"`. */
  readonly current?: boolean;
  readonly attributes?: Attributes;
}

export interface ServiceNavigationSlots {
  readonly start?: SafeHtml;
  readonly end?: SafeHtml | { readonly html?: SafeHtml; readonly align?: "inline" };
  readonly navigationStart?: SafeHtml;
  readonly navigationEnd?: SafeHtml;
}

export interface ServiceNavigationParams extends ClassesAndAttributes {
  /** Label of the `<section>` landmark, defaults to "Service information". */
  readonly ariaLabel?: string;
  readonly menuButtonText?: string;
  readonly menuButtonLabel?: string;
  readonly navigationLabel?: string;
  readonly navigationId?: string;
  readonly navigationClasses?: string;
  readonly collapseNavigationOnMobile?: boolean;
  readonly serviceName?: string;
  readonly serviceUrl?: string;
  readonly navigation?: ReadonlyArray<Optional<ServiceNavigationItem>>;
  readonly slots?: ServiceNavigationSlots;
}

function navigationItem(item: ServiceNavigationItem): SafeHtml {
  const isActive = Boolean(item.active || item.current);
  const content = htmlOrText(item.html, item.text, false);
  const inner = isActive ? html`<strong class="govuk-service-navigation__active-fallback">${content}</strong>` : content;
  const ariaCurrent = isActive ? html` aria-current="${item.current ? "page" : "true"}"` : EMPTY;
  let link: SafeHtml = EMPTY;
  if (item.href) {
    link = html`
    <a class="govuk-service-navigation__link" href="${item.href}"${ariaCurrent}${govukAttributes(item.attributes)}>
      ${inner}
    </a>`;
  } else if (hasHtml(item.html) || item.text) {
    link = html`
    <span class="govuk-service-navigation__text"${ariaCurrent}>
      ${inner}
    </span>`;
  }
  return html`
  <li class="govuk-service-navigation__item${isActive ? " govuk-service-navigation__item--active" : ""}">${link}
  </li>
`;
}

export function govukServiceNavigation(params: ServiceNavigationParams): SafeHtml {
  const menuButtonText = params.menuButtonText || "Menu";
  const navigationId = params.navigationId || "navigation";
  const slots = params.slots ?? {};
  const end = slots.end;
  const endSlotHtml = end === undefined || end instanceof SafeHtml ? end : end.html;
  const endSlotInline = end !== undefined && !(end instanceof SafeHtml) && end.align === "inline";

  const navigationItems = (params.navigation ?? []).filter((item): item is ServiceNavigationItem => Boolean(item));
  const collapse = params.collapseNavigationOnMobile ?? navigationItems.length > 1;
  const hasNavigationStart = hasHtml(slots.navigationStart);
  const hasNavigationEnd = hasHtml(slots.navigationEnd);

  let serviceName: SafeHtml = EMPTY;
  if (params.serviceName) {
    serviceName = html`
      <span class="govuk-service-navigation__service-name">
        ${
          params.serviceUrl
            ? html`<a href="${params.serviceUrl}" class="govuk-service-navigation__link">
          ${params.serviceName}
        </a>`
            : html`<span class="govuk-service-navigation__text">${params.serviceName}</span>`
        }
      </span>`;
  }

  let navigation: SafeHtml = EMPTY;
  if (navigationItems.length > 0 || hasNavigationStart || hasNavigationEnd) {
    const toggle = collapse
      ? html`
        <button type="button" class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="${navigationId}"${
          params.menuButtonLabel && params.menuButtonLabel !== menuButtonText ? html` aria-label="${params.menuButtonLabel}"` : EMPTY
        } hidden aria-hidden="true">
          ${menuButtonText}
        </button>`
      : EMPTY;
    navigation = html`
      <nav aria-label="${params.navigationLabel || menuButtonText}" class="govuk-service-navigation__wrapper${extraClasses(
        params.navigationClasses,
      )}">${toggle}
        <ul class="govuk-service-navigation__list" id="${navigationId}">
          ${hasNavigationStart ? slots.navigationStart : EMPTY}${navigationItems.map(navigationItem)}${
            hasNavigationEnd ? slots.navigationEnd : EMPTY
          }</ul>
      </nav>`;
  }

  const inner = html`
  <div class="govuk-width-container${endSlotInline ? " govuk-service-navigation__inlining-container" : ""}">
    ${hasHtml(slots.start) ? slots.start : EMPTY}<div class="govuk-service-navigation__container">${serviceName}${navigation}
    </div>
    ${hasHtml(endSlotHtml) ? endSlotHtml : EMPTY}</div>`;
  const commonAttributes = html`class="govuk-service-navigation${extraClasses(
    params.classes,
  )}" data-module="govuk-service-navigation"${govukAttributes(params.attributes)}`;

  if (params.serviceName || hasHtml(slots.start) || hasHtml(endSlotHtml)) {
    return html`<section aria-label="${params.ariaLabel ?? "Service information"}" ${commonAttributes}>${inner}
</section>`;
  }
  return html`<div ${commonAttributes}>${inner}
</div>`;
}
