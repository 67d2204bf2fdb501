/**
 * Accountability in the browser: actions by agency, the chase list and a chasing message for a key
 * worker; the manager's view and when to chase; a partner's own actions; reminders. Axe on each page.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { navigating, useKeywork } from "./harness.ts";
import { KeyworkPage, SignInPage } from "./pages.ts";

const keywork = useKeywork();

async function signedInAs(key: string): Promise<Page> {
  const page = await keywork.newPage();
  const signInPage = await SignInPage.open(page);
  await signInPage.signIn(`${key}@demo.test`);
  return page;
}

describe("a key worker chasing other agencies", () => {
  it("goes from Actions to the chase list to a ready-to-send message", async () => {
    const page = await signedInAs("worker");
    await new KeyworkPage(page, "My caseload").openMenuItem("Actions");
    const actions = await new KeyworkPage(page, "Actions by agency").verify("accountability-worker-actions");
    expect(await page.locator("main").innerText()).toMatch(/Overdue by \d+ days?/);
    // The table of agencies comes first, most overdue first.
    expect(await page.getByRole("table", { name: "Open actions by agency" }).count()).toBe(1);

    await navigating(page, () => page.getByRole("link", { name: "chase list" }).click());
    await new KeyworkPage(page, "Chase list").verify("accountability-worker-chase-list");
    expect(actions.path).toBe("/actions/chase");
    const write = page.getByRole("link", { name: /^Write a chasing message to / }).first();
    const agency = ((await write.innerText()).replace("Write a chasing message to ", "")).trim();
    await navigating(page, () => write.click());
    await new KeyworkPage(page, `Chasing message to ${agency}`).verify("accountability-chasing-message");
    const message = await page.getByLabel("Message").inputValue();
    expect(message).toContain(`Dear colleagues at ${agency},`);
    expect(message).toMatch(/\d+ days? overdue/);
    expect(message).toMatch(/Sam Okafor\nService coordinator, Northmoor Together$/);
  });

  it("reads the reminders the first sweep raised, and marks one read", async () => {
    const page = await signedInAs("worker");
    await navigating(page, () => page.getByRole("link", { name: "Reminders", exact: true }).click());
    const reminders = await new KeyworkPage(page, "Reminders").verify("accountability-reminders");
    expect(await page.locator("main").innerText()).toMatch(/\d+ unread reminders?/);
    await navigating(page, () => page.getByRole("button", { name: /^Mark as read/ }).first().click());
    expect(await reminders.bannerText()).toContain("Reminder marked as read");
  });
});

describe("a manager", () => {
  it("sees the whole service's actions and the team's chase list, and changes when actions are chased", async () => {
    const page = await signedInAs("manager");
    await new KeyworkPage(page, /.+/).openMenuItem("Actions");
    await new KeyworkPage(page, "Actions by agency").verify("accountability-manager-actions");
    expect(await page.locator("main").innerText()).toContain("every person with your team");

    await page.goto("/actions/chase");
    await new KeyworkPage(page, "Chase list").verify("accountability-manager-chase-list");
    expect(await page.getByRole("columnheader", { name: "Key worker" }).count()).toBeGreaterThan(0);

    await navigating(page, () => page.getByRole("link", { name: "Change when actions are chased" }).click());
    const settings = await new KeyworkPage(page, "When to chase overdue actions").verify("accountability-settings");
    await page.getByLabel("Days overdue before an action is chased").fill("0");
    await navigating(page, () => page.getByRole("button", { name: "Save" }).click());
    expect((await settings.errors()).messages).toEqual(["Enter a number of days from 1 to 90"]);
    await checkErrorPage(page);
    await page.getByLabel("Days overdue before an action is chased").fill("10");
    await navigating(page, () => page.getByRole("button", { name: "Save" }).click());
    expect(await settings.bannerText()).toContain("10 days or more overdue");
    // Back to the default, for the other journeys.
    await page.getByLabel("Days overdue before an action is chased").fill("7");
    await navigating(page, () => page.getByRole("button", { name: "Save" }).click());
  });
});

async function checkErrorPage(page: Page): Promise<void> {
  await new KeyworkPage(page, "When to chase overdue actions").verify("accountability-settings-error");
}

describe("a partner agency", () => {
  it("sees only their own agency's actions", async () => {
    const page = await signedInAs("partner");
    await new KeyworkPage(page, /.+/).openMenuItem("Actions");
    await new KeyworkPage(page, "Actions by agency").verify("accountability-partner-actions");
    const headings = await page.locator("main h2.govuk-heading-m").allInnerTexts();
    for (const heading of headings) expect(heading).toMatch(/^Harbour Housing/);
  });
});
