/**
 * The daily loop on a phone: record a contact from the caseload in three interactions and see it at
 * the top of the chronology; read a handover summary; and every casework page passes axe.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPage, navigating, signIn, useKeywork } from "./harness.ts";

const keywork = useKeywork();
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe("a key worker on a phone", () => {
  let page: Page;

  beforeAll(async () => {
    page = await keywork.newPage(PHONE);
    await signIn(page, "worker@demo.test");
  });

  it("records a contact from the caseload in three interactions and sees it first on the chronology", async () => {
    await page.goto("/caseload");
    await checkPage(page, "phone-01-caseload");
    const firstCard = page.locator(".govuk-summary-card").first();
    const name = (await firstCard.locator(".govuk-summary-card__title").innerText()).trim();

    // 1: "Record contact" on the caseload.
    await navigating(page, () => firstCard.getByRole("link", { name: /Record contact/ }).click());
    await checkPage(page, "phone-02-record-contact");
    // 2: the type.
    await page.getByLabel("Phone call").check();
    // 3: save.
    await navigating(page, () => page.getByRole("button", { name: "Save contact" }).first().click());

    expect(new URL(page.url()).pathname).toMatch(/^\/people\/[0-9a-f-]{36}\/chronology$/);
    await checkPage(page, "phone-03-chronology-after-contact");
    const main = page.locator("main");
    await expect.poll(() => main.innerText()).toContain("Contact recorded");
    const firstItem = (await page.locator("main ol li, main .keywork-timeline li, main table tbody tr").first().innerText()).toLowerCase();
    expect(firstItem).toContain("phone");
    expect(await page.locator("main h1").innerText()).toContain(name.split(" ")[0] ?? "");
  });

  it("reads the handover summary one tap from the caseload", async () => {
    await page.goto("/caseload");
    await navigating(page, () => page.locator(".govuk-summary-card").first().getByRole("link", { name: /Handover/ }).click());
    expect(new URL(page.url()).pathname).toMatch(/\/handover$/);
    await checkPage(page, "phone-04-handover");
    const text = await page.locator("main").innerText();
    expect(text).toContain("Their story");
    expect(text).toContain("Risks");
  });
});

describe("every casework page", () => {
  // Visits every casework page of a person in one test: given longer than one step.
  it("passes axe for a key worker", async () => {
    const page = await keywork.newPage();
    await signIn(page, "worker@demo.test");
    await page.goto("/caseload");
    const personHref = await page.locator(".govuk-summary-card__title a").first().getAttribute("href");
    expect(personHref).toMatch(/^\/people\//);
    const pages: Array<[string, string]> = [
      ["casework-person-overview", `${personHref}`],
      ["casework-chronology", `${personHref}/chronology`],
      ["casework-contacts", `${personHref}/contacts`],
      ["casework-record-contact", `${personHref}/contacts/new`],
      ["casework-new-appointment", `${personHref}/appointments/new`],
      ["casework-team", `${personHref}/team`],
      ["casework-consent", `${personHref}/consent`],
      ["casework-new-consent", `${personHref}/consent/new`],
      ["casework-information-received", `${personHref}/consent/information-received`],
      ["casework-risks", `${personHref}/risks`],
      ["casework-new-risk", `${personHref}/risks/new`],
      ["casework-significant-event", `${personHref}/chronology/events/new`],
      ["casework-story-history", `${personHref}/story`],
      ["casework-handover", `${personHref}/handover`],
      ["casework-close", `${personHref}/close`],
      ["casework-diary", "/diary"],
      ["casework-calendar", "/diary/calendar"],
      ["casework-directory", "/directory"],
    ];
    for (const [name, path] of pages) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await checkPage(page, name);
    }
  }, 300_000);

  it("passes axe for a manager arranging cover", async () => {
    const page = await keywork.newPage();
    await signIn(page, "manager@demo.test");
    for (const [name, path] of [
      ["casework-team-caseloads", "/team"],
      ["casework-cover", "/team/cover"],
      ["casework-arrange-cover", "/team/cover/new"],
    ] as const) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await checkPage(page, name);
    }
  });

  it("shows a partner only what consent allows, and passes axe", async () => {
    const page = await keywork.newPage();
    await signIn(page, "partner@demo.test");
    await page.goto("/people?q=a");
    await checkPage(page, "casework-partner-search");
    const href = await page.locator("main table tbody tr a").first().getAttribute("href");
    for (const [name, path] of [
      ["casework-partner-person", `${href}`],
      ["casework-partner-chronology", `${href}/chronology`],
      ["casework-partner-team", `${href}/team`],
      ["casework-partner-risks", `${href}/risks`],
    ] as const) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await checkPage(page, name);
    }
    expect((await page.goto(`${href}/handover`))?.status()).toBe(403);
  });
});
