/**
 * Outcomes in a browser: a key worker opens Dean Holloway's distance travelled (six months of demo
 * readings), records a new reading with him, and sees the chart, summary and table; a manager opens
 * the team's outcomes; an administrator renames an area of the default scale, field by field. axe on
 * every page.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPage, navigating, signIn, signOut, useKeywork } from "./harness.ts";

const keywork = useKeywork();

describe("a key worker shows a person their distance travelled", () => {
  let page: Page;

  beforeAll(async () => {
    page = await keywork.newPage();
    await signIn(page, "worker@demo.test");
  });

  it("opens the Outcomes tab with an accessible chart, a summary and a table", async () => {
    await page.goto(`/people?q=${encodeURIComponent("Dean Holloway")}`);
    await navigating(page, () => page.getByRole("link", { name: "Dean Holloway" }).first().click());
    await navigating(page, () => page.locator(".keywork-person-nav").getByRole("link", { name: "Outcomes" }).click());
    expect(new URL(page.url()).pathname).toMatch(/\/outcomes$/);
    await checkPage(page, "outcomes-01-distance-travelled");
    expect(await page.getByRole("img", { name: /distance travelled/ }).count()).toBe(1);
    expect(await page.getByTestId("distance-summary").innerText()).toContain("8 of 8 areas have improved");
    expect(await page.locator("table").first().innerText()).toContain("Somewhere to live");
  });

  it("records a reading with the person and sees it in the chart", async () => {
    await navigating(page, () => page.getByRole("link", { name: "Record a reading" }).click());
    await checkPage(page, "outcomes-02-record");
    for (const fieldset of await page.locator("fieldset").all()) await fieldset.locator("input[type=radio]").nth(3).check();
    await page.getByLabel("Note (optional)").fill("Dean picked each sentence himself.");
    await navigating(page, () => page.getByRole("button", { name: "Save the reading" }).click());
    expect(new URL(page.url()).pathname).toMatch(/\/outcomes$/);
    await checkPage(page, "outcomes-03-saved");
    const main = await page.locator("main").innerText();
    expect(main).toContain("Reading saved");
    expect(main).toContain("Every reading (5)");
  });

  it("shows a manager their team's outcomes", async () => {
    await signOut(page);
    await signIn(page, "manager@demo.test");
    await page.goto("/outcomes");
    await checkPage(page, "outcomes-04-team");
    expect(await page.getByTestId("team-summary").innerText()).toContain("people in");
  });

  it("lets an administrator change an area of a scale without writing JSON", async () => {
    await signOut(page);
    await signIn(page, "admin@demo.test");
    await page.goto("/partnership");
    await navigating(page, () => page.getByRole("link", { name: "Outcome scales" }).click());
    await checkPage(page, "outcomes-05-scales");
    await navigating(page, () => page.locator("main table").getByRole("link").first().click());
    await checkPage(page, "outcomes-06-scale-editor");
    const firstName = page.locator("#area-0-name");
    const before = await firstName.inputValue();
    await firstName.fill(`${before} (our words)`);
    await navigating(page, () => page.getByRole("button", { name: "Save the scale" }).click());
    expect(await page.locator("main").innerText()).toContain("saved");
    await navigating(page, () => page.locator("main table").getByRole("link").first().click());
    expect(await page.locator("#area-0-name").inputValue()).toBe(`${before} (our words)`);
  });
});
