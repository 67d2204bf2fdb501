/**
 * Stuck cases and supervision: the psychologist opens the stuck list, records a reflective case
 * review for someone on it, and sees the refocused goals in their plan; the manager changes the
 * rules and writes a supervision note the worker then reads. Every page passes axe.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { checkPage, navigating, signIn, useKeywork } from "./harness.ts";

const keywork = useKeywork();

async function signedInAs(key: string): Promise<Page> {
  const page = await keywork.newPage();
  await signIn(page, `${key}@demo.test`);
  return page;
}

describe("a reflective case review from the stuck list", () => {
  it("the psychologist reviews Jade, who has not been seen for weeks", async () => {
    const page = await signedInAs("psychologist");
    await page.goto("/stuck-cases");
    await checkPage(page, "stuck-01-list");
    const card = page.locator(".govuk-summary-card").filter({ hasText: "Jade Whitfield" });
    expect(await card.innerText()).toMatch(/No contact for \d+ days — aim is every 14 days/);
    await navigating(page, () => card.getByRole("link", { name: /Record a reflective case review/ }).click());
    await checkPage(page, "stuck-02-review-form");
    expect(await page.locator("#whatIsStuck").inputValue()).toMatch(/^No contact for \d+ days/);

    await navigating(page, () => page.getByRole("button", { name: "Save review" }).click());
    await checkPage(page, "stuck-03-review-form-errors");
    expect(await page.locator(".govuk-error-summary").innerText()).toContain("Describe the honest conversation held, and who with");

    await page.locator("#conversation").fill("Tom and Sam met Jade at the needle exchange. She said she keeps missing pick-ups because she never knows where she will wake up, and that she hides from calls when she has used.");
    await page.locator("#refocusedGoals").fill("Pick up my script from one chemist I can get to\nText Sam on Mondays, even just a thumbs up");
    await page.locator("#outcome").fill("Script moved to the chemist by the day centre; Sam texts on Mondays and Jade replies when she can.");
    await navigating(page, () => page.getByRole("button", { name: "Save review" }).click());
    expect(new URL(page.url()).pathname).toMatch(/^\/case-reviews\/[0-9a-f-]{36}$/);
    await checkPage(page, "stuck-04-review");
    expect(await page.locator("main").innerText()).toContain("2 refocused goals were added to the plan");

    await navigating(page, () => page.getByRole("link", { name: "All reflective case reviews" }).click());
    await checkPage(page, "stuck-05-reviews");
    await navigating(page, () => page.getByRole("link", { name: "Jade Whitfield's plan" }).click());
    expect(await page.locator("main").innerText()).toContain("Pick up my script from one chemist I can get to");
  });
});

describe("the manager", () => {
  it("changes the stuck-case rules", async () => {
    const page = await signedInAs("manager");
    await page.goto("/settings/stuck-cases");
    await checkPage(page, "stuck-06-rules");
    await page.locator("#crisesCount").fill("0");
    await navigating(page, () => page.getByRole("button", { name: "Save rules" }).click());
    await checkPage(page, "stuck-07-rules-errors");
    await page.locator("#crisesCount").fill("2");
    await navigating(page, () => page.getByRole("button", { name: "Save rules" }).click());
    expect(new URL(page.url()).pathname).toBe("/stuck-cases");
    expect(await page.locator(".govuk-notification-banner").innerText()).toContain("Stuck-case rules saved");
  });

  it("writes a supervision note that only the worker and they can read", async () => {
    const page = await signedInAs("manager");
    await page.goto("/supervision");
    await checkPage(page, "supervision-01-list");
    await navigating(page, () => page.getByRole("button", { name: "Write a supervision note" }).click());
    await checkPage(page, "supervision-02-new");
    await page.locator("#worker").selectOption({ label: "Sam Okafor" });
    await page.locator("#note").fill("Sam brought Jade's review. Felt hopeful for the first time in weeks.");
    await navigating(page, () => page.getByRole("button", { name: "Save note" }).click());
    await checkPage(page, "supervision-03-note");
    await navigating(page, () => page.getByRole("button", { name: "Change this note" }).click());
    await checkPage(page, "supervision-04-edit");

    const worker = await signedInAs("worker");
    await worker.goto("/supervision");
    await checkPage(worker, "supervision-05-worker-list");
    expect(await worker.locator("main").innerText()).toContain("Notes of your supervision");
  });
});
