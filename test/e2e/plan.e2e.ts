/**
 * The single plan in a browser: a key worker adds a goal in the person's words, records progress,
 * adds an action owned by a partner agency and sees it on the plan; the partner marks it done; and
 * every plan page passes axe, on a laptop and on a phone.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPage, navigating, signIn, useKeywork } from "./harness.ts";

const keywork = useKeywork();
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function openPlanOf(page: Page, name: string): Promise<string> {
  await page.goto(`/people?q=${encodeURIComponent(name)}`);
  await navigating(page, () => page.getByRole("link", { name }).first().click());
  await navigating(page, () => page.locator(".keywork-person-nav").getByRole("link", { name: "Plan", exact: true }).click());
  expect(new URL(page.url()).pathname).toMatch(/\/plan$/);
  return new URL(page.url()).pathname;
}

describe("a key worker keeps the plan", () => {
  let page: Page;
  let planPath = "";

  beforeAll(async () => {
    page = await keywork.newPage();
    await signIn(page, "worker@demo.test");
  });

  it("reads the plan with goals, progress and actions by agency", async () => {
    planPath = await openPlanOf(page, "Dean Holloway");
    await checkPage(page, "plan-01-plan");
    const text = await page.locator("main").innerText();
    expect(text).toContain("Keep this flat");
    expect(text).toContain("Harbour Housing");
    expect(await page.locator("svg.keywork-sparkline").count()).toBeGreaterThan(0);
  });

  it("adds a goal in the person's words, explaining what is missing first", async () => {
    await navigating(page, () => page.getByRole("button", { name: "Add a goal" }).click());
    await checkPage(page, "plan-02-new-goal");
    await navigating(page, () => page.getByRole("button", { name: "Add goal" }).click());
    await checkPage(page, "plan-03-new-goal-error");
    expect(await page.locator(".govuk-error-summary").innerText()).toContain("Write the goal in the person's own words");
    await page.getByLabel(/The goal, in Dean's own words/).fill("Go to the football with my brother once a month");
    await navigating(page, () => page.getByRole("button", { name: "Add goal" }).click());
    expect(new URL(page.url()).pathname).toBe(planPath);
    expect(await page.locator("main").innerText()).toContain("Goal added");
  });

  it("records progress on a goal and sees it over time", async () => {
    const card = page.locator(".keywork-plan-goal").filter({ hasText: "Go to the football" });
    await navigating(page, () => card.getByRole("link", { name: /Progress/ }).click());
    await checkPage(page, "plan-04-goal");
    await page.getByLabel("How is it going?").fill("Went to the match on Saturday; first time in years.");
    await page.getByLabel("6", { exact: true }).check();
    await navigating(page, () => page.getByRole("button", { name: "Save progress" }).click());
    const text = await page.locator("main").innerText();
    expect(text).toContain("Progress saved");
    expect(text).toContain("6 out of 10");
  });

  it("adds an action owned by a partner agency, and it shows on the plan under its goal", async () => {
    await navigating(page, () => page.getByRole("link", { name: "Add an action for this goal" }).click());
    await checkPage(page, "plan-05-new-action");
    await page.getByLabel("What will be done?").fill("Ask about a concession season ticket");
    const due = new Date(Date.now() + 14 * 86_400_000);
    await page.getByLabel("Day").fill(String(due.getUTCDate()));
    await page.getByLabel("Month").fill(String(due.getUTCMonth() + 1));
    await page.getByLabel("Year").fill(String(due.getUTCFullYear()));
    await page.getByLabel("Which organisation owns it?").selectOption({ label: "Harbour Housing" });
    await page.getByLabel("Named owner (optional)").selectOption({ label: "Marcus Bell, Harbour Housing (in their team)" });
    await navigating(page, () => page.getByRole("button", { name: "Add action" }).click());
    expect(new URL(page.url()).pathname).toBe(planPath);
    const card = page.locator(".keywork-plan-goal").filter({ hasText: "Go to the football" });
    expect(await card.innerText()).toContain("Ask about a concession season ticket");
    expect(await card.innerText()).toContain("Marcus Bell, Harbour Housing");
  });

  it("opens an action with its history, and the review schedule", async () => {
    await navigating(page, () => page.getByRole("link", { name: "Ask about a concession season ticket" }).click());
    await checkPage(page, "plan-06-action");
    await navigating(page, () => page.getByRole("button", { name: "Update or change the action" }).click());
    await checkPage(page, "plan-07-edit-action");
    await page.goto(planPath);
    await navigating(page, () => page.getByRole("link", { name: /Change review schedule/ }).click());
    await checkPage(page, "plan-08-schedule");
  });
});

describe("a partner professional updates their own action", () => {
  it("sees only their agency's actions when the plan is not shared, and marks one done with evidence", async () => {
    const page = await keywork.newPage();
    await signIn(page, "partner@demo.test");
    await openPlanOf(page, "Dean Holloway");
    await checkPage(page, "plan-09-partner-plan");
    const text = await page.locator("main").innerText();
    expect(text).toContain("has not agreed to share their whole plan with Harbour Housing");
    expect(text).not.toContain("Keep this flat");
    await navigating(page, () => page.getByRole("link", { name: "Ask about a concession season ticket" }).click());
    await navigating(page, () => page.getByRole("button", { name: "Update status or evidence" }).click());
    await checkPage(page, "plan-10-partner-update");
    await page.getByLabel("Done").check();
    await page.getByLabel("Evidence (optional)").fill("Concession agreed with the club; card posted.");
    await navigating(page, () => page.getByRole("button", { name: "Save changes" }).click());
    const after = await page.locator("main").innerText();
    expect(after).toContain("Action marked “done”");
    expect(after).toContain("Status: Open → Done");
  });
});

describe("the plan on a phone", () => {
  it("reads well and passes axe", async () => {
    const page = await keywork.newPage(PHONE);
    await signIn(page, "worker@demo.test");
    await openPlanOf(page, "Kerry-Ann Campbell");
    await checkPage(page, "plan-11-phone-plan");
  });
});
