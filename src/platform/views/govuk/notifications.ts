/**
 * Messages about the state of the page: error summary and notification banner.
 * Markup matches govuk-frontend 6.6.0.
 */
import { html, type SafeHtml } from "../html.ts";
import {
  EMPTY,
  extraClasses,
  govukAttributes,
  hasHtml,
  htmlOrText,
  type Attributes,
  type ClassesAndAttributes,
  type TextOrHtml,
} from "./shared.ts";

export interface ErrorSummaryItem extends TextOrHtml {
  /** Usually `#` + the id of the field in error. */
  readonly href?: string;
  readonly attributes?: Attributes;
}

export interface ErrorSummaryParams extends ClassesAndAttributes {
  readonly titleText?: string;
  readonly titleHtml?: SafeHtml;
  readonly descriptionText?: string;
  readonly descriptionHtml?: SafeHtml;
  readonly errorList?: readonly ErrorSummaryItem[];
  readonly disableAutoFocus?: boolean;
}

function errorSummaryItem(item: ErrorSummaryItem): SafeHtml {
  const content = htmlOrText(item.html, item.text);
  return html`
          <li>
          ${item.href ? html`<a href="${item.href}"${govukAttributes(item.attributes)}>${content}</a>` : content}
          </li>`;
}

export function govukErrorSummary(params: ErrorSummaryParams): SafeHtml {
  const description =
    hasHtml(params.descriptionHtml) || params.descriptionText
      ? html`
      <p>
        ${htmlOrText(params.descriptionHtml, params.descriptionText)}
      </p>`
      : EMPTY;
  const errorList = params.errorList ?? [];
  const list =
    errorList.length > 0
      ? html`
        <ul class="govuk-list govuk-error-summary__list">${errorList.map(errorSummaryItem)}
        </ul>`
      : EMPTY;
  return html`<div class="govuk-error-summary${extraClasses(params.classes)}"${
    params.disableAutoFocus !== undefined ? html` data-disable-auto-focus="${String(params.disableAutoFocus)}"` : EMPTY
  }${govukAttributes(params.attributes)} data-module="govuk-error-summary">
  <div role="alert">
    <h2 class="govuk-error-summary__title">
      ${htmlOrText(params.titleHtml, params.titleText)}
    </h2>
    <div class="govuk-error-summary__body">${description}${list}
    </div>
  </div>
</div>`;
}

export interface NotificationBannerParams extends TextOrHtml, ClassesAndAttributes {
  /** Defaults to "Important", or "Success" for the success type. */
  readonly titleText?: string;
  readonly titleHtml?: SafeHtml;
  /** Defaults to 2. */
  readonly titleHeadingLevel?: number;
  /** "success" for the green variant; anything else gives the standard (blue) banner. */
  readonly type?: string;
  /** Defaults to "alert" for success banners and "region" otherwise. */
  readonly role?: string;
  /** Defaults to "govuk-notification-banner-title". */
  readonly titleId?: string;
  readonly disableAutoFocus?: boolean;
}

export function govukNotificationBanner(params: NotificationBannerParams): SafeHtml {
  const success = params.type === "success";
  const typeClass = success ? " govuk-notification-banner--success" : "";
  const role = params.role || (success ? "alert" : "region");
  const title = hasHtml(params.titleHtml) ? params.titleHtml : params.titleText || (success ? "Success" : "Important");
  const titleId = params.titleId || "govuk-notification-banner-title";
  const headingLevel = params.titleHeadingLevel || 2;
  let content: SafeHtml = EMPTY;
  if (hasHtml(params.html)) {
    content = html`
    ${htmlOrText(params.html, undefined)}`;
  } else if (params.text) {
    content = html`
    <p class="govuk-notification-banner__heading">
      ${params.text.trim()}
    </p>`;
  }
  return html`<div class="govuk-notification-banner${typeClass}${extraClasses(params.classes)}" role="${role}" aria-labelledby="${titleId}" data-module="govuk-notification-banner"${
    params.disableAutoFocus !== undefined ? html` data-disable-auto-focus="${String(params.disableAutoFocus)}"` : EMPTY
  }${govukAttributes(params.attributes)}>
  <div class="govuk-notification-banner__header">
    <h${headingLevel} class="govuk-notification-banner__title" id="${titleId}">
      ${title}
    </h${headingLevel}>
  </div>
  <div class="govuk-notification-banner__content">${content}
  </div>
</div>`;
}
