import type { FieldIssue } from "../http/errors.ts";
import { errorsByField } from "../http/pages.ts";
import { paths } from "../http/paths.ts";
import { formatDate } from "../views/format.ts";
import { govukButton, govukDetails, govukErrorSummary, govukInput, govukInsetText, govukSummaryList, govukWarningText } from "../views/govuk/index.ts";
import { html, type SafeHtml } from "../views/html.ts";
import { layout, type PageContext } from "../views/layout.ts";
import { qrCodeSvg } from "./qr.ts";
import type { SecondFactorStatus } from "./second-factor.ts";
import { groupedSecret } from "./totp.ts";

/** Pages of the second factor: the code after the password, setting it up, recovery codes, turning it off. */

function errorSummary(issues: FieldIssue[], hrefFor: (field: string) => string = (field) => `#${field}`): SafeHtml | string {
  if (issues.length === 0) return "";
  return govukErrorSummary({ titleText: "There is a problem", errorList: issues.map((issue) => ({ text: issue.message, href: hrefFor(issue.field) })) });
}

function codeInput(options: { id: string; label: string; hint: string; error: string | undefined; digitsOnly: boolean; labelIsPageHeading?: boolean }): SafeHtml {
  return govukInput({
    id: options.id,
    name: "code",
    label: options.labelIsPageHeading ? { text: options.label, classes: "govuk-label--l", isPageHeading: true } : { text: options.label, classes: "govuk-label--s" },
    hint: { text: options.hint },
    classes: options.digitsOnly ? "govuk-input--width-5 govuk-input--extra-letter-spacing" : "govuk-input--width-20 govuk-input--extra-letter-spacing",
    autocomplete: "one-time-code",
    spellcheck: false,
    autocapitalize: "none",
    ...(options.digitsOnly ? { inputmode: "numeric" } : {}),
    ...(options.error ? { errorMessage: { text: options.error } } : {}),
  });
}

function returnToField(returnTo: string | null): SafeHtml | string {
  return returnTo ? html`<input type="hidden" name="returnTo" value="${returnTo}">` : "";
}

/** For someone part-way through signing in: there is no header with the sign-out button yet. */
function signOutForm(context: PageContext): SafeHtml {
  return html`<form method="post" action="${paths.signOut()}">
    <input type="hidden" name="_csrf" value="${context.csrfToken}">
    <p class="govuk-body">Not you, or cannot do this now? ${govukButton({ text: "Sign out", classes: "govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-2" })}</p>
  </form>`;
}

export function challengePage(context: PageContext, input: { returnTo: string | null; issues: FieldIssue[] }): SafeHtml {
  const errors = errorsByField(input.issues);
  return layout(context, {
    title: "Enter the code from your authenticator app",
    hasErrors: input.issues.length > 0,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  ${errorSummary(input.issues)}
  <form method="post" action="${paths.secondFactor.challenge()}" novalidate>
    <input type="hidden" name="_csrf" value="${context.csrfToken}">
    ${returnToField(input.returnTo)}
    ${codeInput({
      id: "code",
      label: "Enter the code from your authenticator app",
      hint: "Open the app on your phone and enter the 6 digits it shows for Keywork. If you do not have your phone, enter one of your recovery codes instead.",
      error: errors.code,
      digitsOnly: false,
      labelIsPageHeading: true,
    })}
    ${govukButton({ text: "Continue", preventDoubleClick: true })}
  </form>
  ${govukDetails({
    summaryText: "I have lost my phone and my recovery codes",
    text: "Ask your administrator or manager to help you sign in. For your safety they will check who you are before they do.",
  })}
  ${signOutForm(context)}
</div></div>`,
  });
}

export function setupPage(
  context: PageContext,
  input: { secret: string; uri: string; returnTo: string | null; issues: FieldIssue[]; forced: boolean },
): SafeHtml {
  const errors = errorsByField(input.issues);
  return layout(context, {
    title: "Set up a second factor",
    hasErrors: input.issues.length > 0,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  ${errorSummary(input.issues)}
  <h1 class="govuk-heading-l">Set up a second factor</h1>
  ${input.forced
    ? govukInsetText({ text: "Your role lets you see more than your own cases, so you need a second factor before you can use Keywork." })
    : ""}
  <p class="govuk-body">After your password, Keywork will ask for a code from an app on your phone. Someone who learns your password cannot sign in as you without your phone.</p>
  <h2 class="govuk-heading-m">1. Add Keywork to an authenticator app</h2>
  <p class="govuk-body">Use any authenticator app, for example Microsoft Authenticator or Google Authenticator. In the app, choose to add an account, then scan this QR code.</p>
  <div class="keywork-qr-box govuk-!-margin-bottom-6">${qrCodeSvg(input.uri, "QR code that adds Keywork to an authenticator app")}</div>
  <p class="govuk-body">If you cannot scan it, choose to enter a setup key and type this key (the spaces do not matter):</p>
  <p class="govuk-body govuk-!-font-size-24 govuk-!-font-weight-bold keywork-secret" id="secret">${groupedSecret(input.secret)}</p>
  ${govukDetails({
    summaryText: "Set it up on this device instead",
    html: html`<p class="govuk-body">If your authenticator app is on this device, <a class="govuk-link" href="${input.uri}">open Keywork in the app</a>. The link holds the same key:</p>
<p class="govuk-body keywork-break-anywhere"><code>${input.uri}</code></p>`,
  })}
  <h2 class="govuk-heading-m">2. Enter the code the app shows</h2>
  <form method="post" action="${paths.secondFactor.setup()}" novalidate>
    <input type="hidden" name="_csrf" value="${context.csrfToken}">
    ${returnToField(input.returnTo)}
    ${codeInput({ id: "code", label: "Code from your authenticator app", hint: "The 6 digits shown for Keywork, for example 123456", error: errors.code, digitsOnly: true })}
    ${govukButton({ text: "Turn on the second factor", preventDoubleClick: true })}
  </form>
  ${context.actor ? html`<p class="govuk-body"><a class="govuk-link" href="${paths.secondFactor.account()}">Cancel</a></p>` : signOutForm(context)}
</div></div>`,
  });
}

/** The recovery codes, shown this once: only their hashes are kept. */
export function recoveryCodesPage(context: PageContext, input: { codes: string[]; continueTo: string; justTurnedOn: boolean }): SafeHtml {
  return layout(context, {
    title: input.justTurnedOn ? "Your second factor is on: save your recovery codes" : "Your new recovery codes",
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  <h1 class="govuk-heading-l">${input.justTurnedOn ? "Your second factor is on: save your recovery codes" : "Your new recovery codes"}</h1>
  <p class="govuk-body">If you lose your phone, you can sign in with one of these codes instead of a code from the app. Each code works once.</p>
  ${govukWarningText({ text: "You will not see these codes again. Print them or write them down now, and keep them somewhere safe, away from your phone." })}
  ${input.justTurnedOn ? "" : html`<p class="govuk-body">Your old recovery codes no longer work.</p>`}
  <ul class="govuk-list keywork-recovery-codes" aria-label="Recovery codes">
    ${input.codes.map((code) => html`<li><code>${code}</code></li>`)}
  </ul>
  ${govukButton({ text: "I have saved my recovery codes", href: input.continueTo })}
</div></div>`,
  });
}

export function accountPage(context: PageContext, input: { status: SecondFactorStatus; issues: FieldIssue[] }): SafeHtml {
  const { status } = input;
  const errors = errorsByField(input.issues);
  const turnOff = status.required
    ? govukInsetText({ text: "Your role needs a second factor, so it cannot be turned off. If you have lost your phone, ask your administrator to help." })
    : html`<p class="govuk-body">Without it, anyone who learns your password can sign in as you.</p>
  <form method="post" action="${paths.secondFactor.turnOff()}" novalidate>
    <input type="hidden" name="_csrf" value="${context.csrfToken}">
    ${codeInput({
      id: "turnOffCode",
      label: "Code from your authenticator app",
      hint: "Or one of your recovery codes, if you have lost your phone",
      error: errors.turnOffCode,
      digitsOnly: false,
    })}
    ${govukButton({ text: "Turn off the second factor", classes: "govuk-button--warning", preventDoubleClick: true })}
  </form>`;
  return layout(context, {
    title: "Second factor",
    hasErrors: input.issues.length > 0,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  ${errorSummary(input.issues)}
  <h1 class="govuk-heading-l">Second factor</h1>
  ${govukSummaryList({
    rows: [
      { key: { text: "Second factor" }, value: { text: status.enabled ? `On since ${formatDate(status.enabledAt)}` : "Off" } },
      status.enabled ? { key: { text: "Recovery codes left" }, value: { text: `${status.recoveryCodesRemaining} of 10` } } : undefined,
      { key: { text: "Needed for your role" }, value: { text: status.required ? "Yes" : "No" } },
    ],
  })}
  ${status.enabled
    ? html`<h2 class="govuk-heading-m">Get new recovery codes</h2>
  <p class="govuk-body">Get new codes if you have used some, or think someone else has seen them. The old ones stop working.</p>
  <form method="post" action="${paths.secondFactor.recoveryCodes()}" novalidate>
    <input type="hidden" name="_csrf" value="${context.csrfToken}">
    ${codeInput({ id: "recoveryCode", label: "Code from your authenticator app", hint: "The 6 digits shown for Keywork", error: errors.recoveryCode, digitsOnly: true })}
    ${govukButton({ text: "Get new recovery codes", classes: "govuk-button--secondary", preventDoubleClick: true })}
  </form>
  <h2 class="govuk-heading-m">Turn off the second factor</h2>
  ${turnOff}`
    : html`<p class="govuk-body">A second factor stops someone who learns your password from signing in as you: after your password, Keywork asks for a code from an app on your phone.</p>
  ${govukButton({ text: "Set up a second factor", href: paths.secondFactor.setup() })}`}
</div></div>`,
  });
}
