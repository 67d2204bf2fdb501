/**
 * A referral without an account: someone with a service's public link refers a person, fixes what
 * the form asks, gets a reference and a private status link, and follows it to the status page,
 * which shows initials only. The administrator finds the email on the outbox page. Every page passes axe.
 */
import { describe, expect, it } from "vitest";
import { DEMO_PUBLIC_LINKS, DEMO_STATUS_TOKEN } from "../../src/referrals/demo.ts";
import { checkPage, navigating, signIn, useKeywork } from "./harness.ts";

const keywork = useKeywork();

describe("a referral through a public link", () => {
  it("needs no account, gives a reference and a private status link, and the status page never names the person", async () => {
    const page = await keywork.newPage();
    await page.goto(`/refer/${DEMO_PUBLIC_LINKS.adults}`);
    await checkPage(page, "referral-intake-01-form");
    expect(await page.locator("h1").innerText()).toBe("Refer someone");

    await page.locator("#givenName").fill("Rhiannon");
    await page.locator("#familyName").fill("Tasker");
    await navigating(page, () => page.getByRole("button", { name: "Send referral" }).click());
    await checkPage(page, "referral-intake-02-errors");
    const summary = await page.locator(".govuk-error-summary").innerText();
    expect(summary).toContain("Enter the person's date of birth");
    expect(summary).toContain("Select at least one need");
    expect(await page.locator("#givenName").inputValue()).toBe("Rhiannon");

    await page.locator("#dateOfBirth-day").fill("3");
    await page.locator("#dateOfBirth-month").fill("7");
    await page.locator("#dateOfBirth-year").fill("1989");
    await page.getByLabel("Yes", { exact: true }).check();
    for (const need of ["Housing or homelessness", "Mental health", "Drugs or alcohol", "Physical health"]) await page.getByLabel(need).check();
    await page.locator("#reason").fill("Evicted last month; sofa-surfing. Stopped taking her medication. Wants help with a tenancy.");
    await page.locator("#referrerName").fill("Tom Birch");
    await page.locator("#referrerOrganisation").fill("Northmoor Foodbank");
    await page.locator("#referrerEmail").fill("tom.birch@example.org");
    await navigating(page, () => page.getByRole("button", { name: "Send referral" }).click());
    await checkPage(page, "referral-intake-03-confirmation");
    const reference = await page.locator(".govuk-panel__body strong").innerText();
    expect(reference).toMatch(/^KW-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);

    await navigating(page, () => page.locator("#status-link").click());
    await checkPage(page, "referral-intake-04-status");
    const status = await page.locator("main").innerText();
    expect(status).toContain(`Referral ${reference}`);
    expect(status).toContain("R. T.");
    expect(status).toContain("Awaiting acknowledgement");
    expect(status).toContain("Referral received");
    expect(status).not.toContain("Rhiannon");
    expect(status).not.toContain("Tasker");
    expect(status).not.toContain("medication");
  });

  it("shows an allocated referral's steps and worker, and says clearly when a link is not valid", async () => {
    const page = await keywork.newPage();
    await page.goto(`/referral-status/${DEMO_STATUS_TOKEN}`);
    await checkPage(page, "referral-intake-05-status-allocated");
    expect(await page.locator("main").innerText()).toContain("Allocated to a worker");

    const response = await page.goto("/refer/no-such-link");
    expect(response?.status()).toBe(404);
    await checkPage(page, "referral-intake-06-link-not-valid");
    expect(await page.locator("h1").innerText()).toBe("This referral link is not valid");
  });

  it("lets the administrator read the emails on the outbox page", async () => {
    const page = await keywork.newPage();
    await signIn(page, "admin@demo.test");
    await page.goto("/outbox");
    await checkPage(page, "referral-intake-07-outbox");
    expect(await page.locator("h1").innerText()).toBe("Outbox");
  });
});
