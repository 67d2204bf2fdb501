import type { Actor } from "../access/actor.ts";
import { can, hasRole } from "../access/index.ts";
import { paths } from "../http/paths.ts";
import { govukNotificationBanner, govukServiceNavigation, govukSkipLink } from "./govuk/index.ts";
import { html, type SafeHtml } from "./html.ts";

export interface Flash {
  title: string;
  text?: string;
}

/** What every page needs from the request: who is signed in, the CSRF token for forms, a one-time message. */
export interface PageContext {
  actor: Actor | null;
  csrfToken: string;
  flash: Flash | null;
  currentPath: string;
}

export interface PageOptions {
  title: string;
  content: SafeHtml;
  /** Prefixes the title with "Error: " so screen readers announce the problem first. */
  hasErrors?: boolean;
  beforeContent?: SafeHtml;
  /** The menu item to mark as current when the address alone does not say (a form posted back to a list's address). */
  section?: string;
}

const LOGO = html`<svg aria-hidden="true" focusable="false" width="28" height="28" viewBox="0 0 28 28"><circle cx="9" cy="14" r="7" fill="none" stroke="currentColor" stroke-width="3"/><circle cx="19" cy="14" r="7" fill="none" stroke="#20a39e" stroke-width="3"/></svg>`;

function navigationFor(actor: Actor, currentPath: string): Array<{ href: string; text: string; active: boolean }> {
  const items: Array<{ href: string; text: string }> = [];
  if (hasRole(actor, "key-worker", "co-worker")) items.push({ href: paths.caseload(), text: "My caseload" });
  if (hasRole(actor, "key-worker", "co-worker", "manager")) items.push({ href: paths.diary(), text: "My diary" });
  if (can(actor, "team.view")) items.push({ href: paths.team(), text: "Team" });
  if (can(actor, "referrals.triage") && actor.teamId) items.push({ href: paths.referrals.list(), text: "Referrals" });
  // Partner agencies follow the referrals they make (staff reach theirs from the referral form).
  if (hasRole(actor, "partner", "referrer", "register-owner")) items.push({ href: paths.referrals.sent(), text: "Referrals made" });
  // The plan's accountability and oversight pages (the reminders link is in the header, beside the user's name).
  if (can(actor, "actions.by-agency")) items.push({ href: paths.actions.byAgency(), text: "Actions" });
  if (can(actor, "register.read")) items.push({ href: paths.register.list(), text: "Register" });
  if (can(actor, "stuck-cases.read")) items.push({ href: paths.stuckCases(), text: "Stuck cases" });
  if (hasRole(actor, "key-worker", "co-worker", "manager", "psychologist")) items.push({ href: paths.supervision.list(), text: "Supervision" });
  if (can(actor, "people.search")) items.push({ href: paths.people.search(), text: "Find a person" });
  if (can(actor, "people.create")) items.push({ href: paths.people.new(), text: "Add a person" });
  if (can(actor, "partnership.manage")) items.push({ href: paths.partnership.overview(), text: "Partnership" });
  // Only the most specific matching item is current: /people/new is "Add a person", not also "Find a person".
  const matches = items.filter((item) => currentPath === item.href || currentPath.startsWith(`${item.href}/`));
  const current = matches.sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((item) => ({ ...item, active: item === current }));
}

/** Everyone who works with people gets reminders (actions falling due, actions to chase, register prompts). */
function receivesReminders(actor: Actor): boolean {
  return hasRole(actor, "key-worker", "co-worker", "manager", "psychologist", "peer-mentor", "partner", "register-owner");
}

/** The account's second factor: offered to set up when it is off, to manage when it is on. */
function secondFactorLink(actor: Actor, currentPath: string): SafeHtml {
  const href = actor.secondFactorEnabled ? paths.secondFactor.account() : paths.secondFactor.setup();
  return html`<a class="keywork-header__link" href="${href}"${currentPath === href ? html` aria-current="page"` : ""}>${actor.secondFactorEnabled ? "Second factor" : "Set up a second factor"}</a>`;
}

export function layout(context: PageContext, options: PageOptions): SafeHtml {
  const { actor } = context;
  const title = `${options.hasErrors ? "Error: " : ""}${options.title} – Keywork`;
  return html`<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
  <meta name="theme-color" content="#0b4f6c">
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/govuk/govuk-frontend.min.css">
  <link rel="stylesheet" href="/static/keywork.css">
</head>
<body class="govuk-template__body">
  ${govukSkipLink({ href: "#main-content", text: "Skip to main content" })}
  <header class="keywork-header" role="banner">
    <div class="govuk-width-container keywork-header__container">
      <a href="${paths.home()}" class="keywork-header__logotype">${LOGO}<span>Keywork</span></a>
      ${actor
        ? html`<div class="keywork-header__user">
        <span>${actor.displayName}</span>
        ${receivesReminders(actor) ? html`<a class="keywork-header__link" href="${paths.reminders.list()}"${context.currentPath === paths.reminders.list() ? html` aria-current="page"` : ""}>Reminders</a>` : ""}
        ${secondFactorLink(actor, context.currentPath)}
        <form method="post" action="${paths.signOut()}">
          <input type="hidden" name="_csrf" value="${context.csrfToken}">
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Sign out</button>
        </form>
      </div>`
        : ""}
    </div>
  </header>
  ${actor ? govukServiceNavigation({ navigation: navigationFor(actor, options.section ?? context.currentPath), navigationLabel: "Menu" }) : ""}
  <div class="govuk-width-container">
    ${options.beforeContent ?? ""}
    <main class="govuk-main-wrapper" id="main-content">
      ${context.flash
        ? govukNotificationBanner({
            type: "success",
            html: html`<h3 class="govuk-notification-banner__heading">${context.flash.title}</h3>${context.flash.text ? html`<p class="govuk-body">${context.flash.text}</p>` : ""}`,
          })
        : ""}
      ${options.content}
    </main>
  </div>
  <footer class="govuk-footer">
    <div class="govuk-width-container">
      <div class="govuk-footer__meta">
        <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
          <h2 class="govuk-visually-hidden">Support links</h2>
          <ul class="govuk-footer__inline-list">
            ${actor ? html`<li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="${paths.directory.list()}">Directory of services</a></li>` : ""}
            <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="${paths.api.docs()}">API</a></li>
          </ul>
          <p class="govuk-body-s">Keywork — one record, one plan, one team around the person. Open source.</p>
        </div>
      </div>
    </div>
  </footer>
  <script type="module" src="/static/keywork.mjs"></script>
</body>
</html>`;
}
