/**
 * Page objects: one small class per Keywork page. `verify(name)` checks the browser is on that page
 * (by its main heading), then runs the checks every page gets: no browser problems, a screenshot
 * and axe.
 */
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { DEMO_PASSWORD, checkPage, navigating } from "./harness.ts";

export class KeyworkPage {
  /** The main heading this page has; a RegExp when part of it varies. */
  protected readonly heading: string | RegExp;

  constructor(
    readonly page: Page,
    heading: string | RegExp,
  ) {
    this.heading = heading;
  }

  get h1(): Locator {
    return this.page.locator("main h1");
  }

  get path(): string {
    return new URL(this.page.url()).pathname;
  }

  /** Checks the heading, then screenshots the page and runs axe on it. */
  async verify(name: string): Promise<this> {
    await this.h1.waitFor();
    expect(await this.h1.count(), `one h1 on ${this.page.url()}`).toBe(1);
    const text = (await this.h1.innerText()).trim();
    if (typeof this.heading === "string") expect(text, `h1 on ${this.page.url()}`).toBe(this.heading);
    else expect(text, `h1 on ${this.page.url()}`).toMatch(this.heading);
    expect(await this.page.title(), "the title names Keywork").toMatch(/ – Keywork$/);
    await checkPage(this.page, name);
    return this;
  }

  /** The text of the success banner at the top of the page, or "" when there is none. */
  async bannerText(): Promise<string> {
    const banner = this.page.locator(".govuk-notification-banner");
    return (await banner.count()) > 0 ? (await banner.innerText()).trim() : "";
  }

  get errorSummary(): Locator {
    return this.page.locator(".govuk-error-summary");
  }

  /** The error summary's title and the messages it lists. */
  async errors(): Promise<{ title: string; messages: string[] }> {
    await this.errorSummary.waitFor();
    const title = (await this.errorSummary.locator(".govuk-error-summary__title").innerText()).trim();
    const messages = (await this.errorSummary.locator(".govuk-error-summary__list li").allInnerTexts()).map((text) => text.trim());
    return { title, messages };
  }

  /** Follows a link in the service navigation ("Menu"). */
  async openMenuItem(text: string): Promise<void> {
    const link = this.page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: text, exact: true });
    await navigating(this.page, () => link.click());
  }

  async menuItems(): Promise<string[]> {
    const nav = this.page.getByRole("navigation", { name: "Menu" });
    if ((await nav.count()) === 0) return [];
    return (await nav.getByRole("link").allInnerTexts()).map((text) => text.trim());
  }

  async signOut(): Promise<SignedOutPage> {
    await navigating(this.page, () => this.page.getByRole("button", { name: "Sign out" }).click());
    return new SignedOutPage(this.page);
  }
}

export class SignInPage extends KeyworkPage {
  constructor(page: Page) {
    super(page, "Sign in to Keywork");
  }

  static async open(page: Page): Promise<SignInPage> {
    await page.goto("/sign-in");
    return new SignInPage(page);
  }

  async signIn(email: string, password = DEMO_PASSWORD): Promise<void> {
    await this.page.locator("#email").fill(email);
    await this.page.locator("#password").fill(password);
    await navigating(this.page, () => this.page.getByRole("button", { name: "Sign in", exact: true }).click());
  }
}

export class SignedOutPage extends KeyworkPage {
  constructor(page: Page) {
    super(page, "You have signed out");
  }

  async signInAgain(): Promise<SignInPage> {
    await navigating(this.page, () => this.page.locator("main").getByRole("link", { name: "Sign in again" }).click());
    return new SignInPage(this.page);
  }
}

export interface TableRow {
  name: string;
  href: string;
  cells: string[];
}

/** Reads a GOV.UK table: each body row's first link and the text of its cells. */
async function tableRows(table: Locator): Promise<TableRow[]> {
  const rows = table.locator("tbody tr");
  const result: TableRow[] = [];
  for (let index = 0; index < (await rows.count()); index++) {
    const row = rows.nth(index);
    const link = row.locator("a").first();
    const hasLink = (await link.count()) > 0;
    result.push({
      name: hasLink ? (await link.innerText()).trim() : (await row.locator("td, th").first().innerText()).trim(),
      href: hasLink ? ((await link.getAttribute("href")) ?? "") : "",
      cells: (await row.locator("td, th").allInnerTexts()).map((text) => text.trim()),
    });
  }
  return result;
}

/** Reads the caseload's summary cards: each card's name link and the text of its values. */
async function cardRows(cards: Locator): Promise<TableRow[]> {
  const result: TableRow[] = [];
  for (let index = 0; index < (await cards.count()); index++) {
    const card = cards.nth(index);
    const link = card.locator(".govuk-summary-card__title a").first();
    result.push({
      name: (await link.innerText()).trim(),
      href: (await link.getAttribute("href")) ?? "",
      cells: (await card.locator(".govuk-summary-list__value").allInnerTexts()).map((text) => text.trim()),
    });
  }
  return result;
}

export class CaseloadPage extends KeyworkPage {
  constructor(page: Page, workerName?: string) {
    super(page, workerName ? `${workerName}'s caseload` : "My caseload");
  }

  /** One row a person: name, link, and the card's values (why now, status, last contact, next appointment, role). */
  rows(): Promise<TableRow[]> {
    return cardRows(this.page.locator("main .govuk-summary-card"));
  }

  async openPerson(name: string): Promise<PersonPage> {
    await navigating(this.page, () => this.page.locator("main .govuk-summary-card__title").getByRole("link", { name, exact: true }).click());
    return new PersonPage(this.page, name);
  }

  async addPerson(): Promise<PersonFormPage> {
    await navigating(this.page, () => this.page.locator("main").getByRole("button", { name: "Add a person" }).click());
    return new PersonFormPage(this.page, "Add a person");
  }
}

export class TeamPage extends KeyworkPage {
  constructor(page: Page) {
    super(page, "Team caseloads");
  }

  rows(): Promise<TableRow[]> {
    return tableRows(this.page.locator("main table.govuk-table"));
  }

  async openWorker(name: string): Promise<CaseloadPage> {
    await navigating(this.page, () => this.page.locator("main table").getByRole("link", { name, exact: true }).click());
    return new CaseloadPage(this.page, name);
  }
}

export interface PersonDetailsInput {
  givenName?: string;
  familyName?: string;
  dateOfBirth?: { day: string; month: string; year: string };
  story?: string;
}

export class PersonFormPage extends KeyworkPage {
  async fill(details: PersonDetailsInput): Promise<void> {
    const page = this.page;
    if (details.givenName !== undefined) await page.getByLabel("Given name", { exact: true }).fill(details.givenName);
    if (details.familyName !== undefined) await page.getByLabel("Family name", { exact: true }).fill(details.familyName);
    if (details.dateOfBirth) {
      await page.locator("#dateOfBirth-day").fill(details.dateOfBirth.day);
      await page.locator("#dateOfBirth-month").fill(details.dateOfBirth.month);
      await page.locator("#dateOfBirth-year").fill(details.dateOfBirth.year);
    }
    if (details.story !== undefined) await page.locator("#story").fill(details.story);
  }

  value(id: string): Promise<string> {
    return this.page.locator(`#${id}`).inputValue();
  }

  /** Submits the form; `expectNewPerson` names the person page it should land on. */
  async submit(): Promise<void> {
    const button = this.page.locator("main form").getByRole("button", { name: /^(Add person|Save changes)$/ });
    await navigating(this.page, () => button.click());
  }

  /** The message shown beside a field, without the visually hidden "Error:" prefix. */
  async fieldError(id: string): Promise<string> {
    const message = this.page.locator(`#${id}-error`);
    return (await message.innerText()).replace(/^Error:\s*/, "").trim();
  }
}

export class PersonPage extends KeyworkPage {
  constructor(page: Page, name: string | RegExp) {
    super(page, name);
  }

  /** The value beside a key in the details summary list. */
  async detail(key: string): Promise<string | null> {
    const row = this.page.locator(".govuk-summary-list__row").filter({ has: this.page.locator(".govuk-summary-list__key", { hasText: key }) });
    if ((await row.count()) === 0) return null;
    return (await row.first().locator(".govuk-summary-list__value").innerText()).trim();
  }

  /** The text under "Their story": the story, the "not shared" warning or "not written yet". */
  async storyText(): Promise<string> {
    const heading = this.page.locator("main h2", { hasText: /^Their story$/ });
    const next = heading.locator("xpath=following-sibling::*[1]");
    return (await next.innerText()).trim();
  }

  async changeDetails(): Promise<PersonFormPage> {
    await navigating(this.page, () => this.page.getByRole("button", { name: "Change details" }).click());
    return new PersonFormPage(this.page, /^Change details for /);
  }

  async openAuditTrail(): Promise<AuditPage> {
    await navigating(this.page, () => this.page.getByRole("link", { name: "Who has viewed or changed this record" }).click());
    return new AuditPage(this.page);
  }
}

export class AuditPage extends KeyworkPage {
  constructor(page: Page) {
    super(page, "Who has viewed or changed this record");
  }

  rows(): Promise<TableRow[]> {
    return tableRows(this.page.locator("main table.govuk-table"));
  }
}

export class SearchPage extends KeyworkPage {
  constructor(page: Page) {
    super(page, "Find a person");
  }

  static async open(page: Page): Promise<SearchPage> {
    await page.goto("/people");
    return new SearchPage(page);
  }

  async search(query: string): Promise<void> {
    await this.page.locator("#q").fill(query);
    await navigating(this.page, () => this.page.locator("main form[role=search]").getByRole("button", { name: "Search" }).click());
  }

  /** The "N people found" / "No one you can see matches" line. */
  async status(): Promise<string> {
    return (await this.page.locator("main [role=status]").innerText()).trim();
  }

  async results(): Promise<TableRow[]> {
    const table = this.page.locator("main table.govuk-table");
    if ((await table.count()) === 0) return [];
    return tableRows(table);
  }

  async openResult(name: string): Promise<PersonPage> {
    await navigating(this.page, () => this.page.locator("main table").getByRole("link", { name, exact: true }).click());
    return new PersonPage(this.page, name);
  }
}

export class PartnershipPage extends KeyworkPage {
  constructor(page: Page) {
    super(page, "Partnership");
  }

  /** The first column of the table under a "Organisations" or "Users" heading. */
  async firstColumn(tableCaption: string): Promise<string[]> {
    const table = this.page.locator("main table").filter({ has: this.page.locator("caption", { hasText: tableCaption }) });
    return (await table.locator("tbody tr td:first-child, tbody tr th:first-child").allInnerTexts()).map((text) => text.trim());
  }
}

export class WelcomePage extends KeyworkPage {
  constructor(page: Page, displayName: string) {
    super(page, `Welcome, ${displayName}`);
  }
}

export class NotFoundPage extends KeyworkPage {
  constructor(page: Page) {
    super(page, "Page not found");
  }
}

export class ApiDocsPage extends KeyworkPage {
  constructor(page: Page) {
    super(page, "Keywork API");
  }
}
