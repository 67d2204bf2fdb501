/**
 * No black hole: a partner signs in and refers someone; the receiving team's manager acknowledges
 * the referral, screens it against the service's rules, accepts it (by keyboard alone) and
 * allocates a key worker from the suggestions; the referrer's private status page shows each
 * step, dated, and the worker's name. Every page passes axe.
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

describe("a referral from a partner to allocation", () => {
  it("is acknowledged, screened, accepted and allocated, and the referrer sees every step", async () => {
    const partner = await signedInAs("partner");
    await partner.goto("/referrals/new");
    await checkPage(partner, "referrals-01-choose-service");
    await navigating(partner, () => partner.getByRole("link", { name: "Service coordination for multiple needs" }).click());
    await partner.locator("#givenName").fill("Nadia");
    await partner.locator("#familyName").fill("Farrow");
    await partner.locator("#dateOfBirth-day").fill("12");
    await partner.locator("#dateOfBirth-month").fill("9");
    await partner.locator("#dateOfBirth-year").fill("1992");
    await partner.locator("#area").fill("Northmoor");
    await partner.getByLabel("Yes", { exact: true }).check();
    for (const need of ["Housing or homelessness", "Mental health", "Drugs or alcohol", "Offending or the criminal justice system"]) await partner.getByLabel(need).check();
    await partner.locator("#reason").fill("Nadia's tenancy ends next month. She is using again since her release and has missed two probation appointments.");
    await navigating(partner, () => partner.getByRole("button", { name: "Send referral" }).click());
    await checkPage(partner, "referrals-02-sent");
    const statusUrl = await partner.locator("#status-link").innerText();

    const manager = await signedInAs("manager");
    await navigating(manager, () => manager.getByRole("link", { name: "Referrals", exact: true }).click());
    await checkPage(manager, "referrals-03-list");
    const list = await manager.locator("main").innerText();
    expect(list).toMatch(/Acknowledgement overdue by \d+ working days?/);
    // Tell it once: the demo referral being screened is for someone the team already knows.
    await navigating(manager, () => manager.getByRole("link", { name: /^Acknowledged or screening/ }).click());
    await navigating(manager, () => manager.getByRole("link", { name: "Gaz Whitlock" }).click());
    await checkPage(manager, "referrals-03b-possible-match");
    expect(await manager.locator("#known ~ table").first().innerText()).toContain("The referral's given name “Gaz” is their alias");
    // Withdrawing asks why, and says what is missing.
    await navigating(manager, () => manager.getByRole("link", { name: "Withdraw the referral" }).click());
    await navigating(manager, () => manager.getByRole("button", { name: "Withdraw the referral" }).click());
    await checkPage(manager, "referrals-03c-withdraw-errors");
    expect(await manager.locator(".govuk-error-summary").innerText()).toContain("Enter why the referral is being withdrawn");
    await manager.locator("#reason").fill("The referrer rang: Gary is now with the Leeds outreach team.");
    await navigating(manager, () => manager.getByRole("button", { name: "Withdraw the referral" }).click());
    expect(await manager.locator(".govuk-notification-banner").innerText()).toContain("Referral withdrawn");
    await manager.goto("/referrals");
    await navigating(manager, () => manager.getByRole("link", { name: "Nadia Farrow" }).click());
    await checkPage(manager, "referrals-04-referral");
    expect(await manager.locator("#eligibility ~ p").first().innerText()).toBe("✓ Meets every rule.");

    await navigating(manager, () => manager.getByRole("button", { name: "Acknowledge" }).click());
    expect(await manager.locator(".govuk-notification-banner").innerText()).toContain("Referral acknowledged");
    await navigating(manager, () => manager.getByRole("button", { name: "Start screening" }).click());
    await checkPage(manager, "referrals-05-screening");
    const eligibility = await manager.locator("table").filter({ hasText: "What the service asks" }).innerText();
    expect(eligibility).toContain("✓ Met");
    expect(eligibility).toContain("The referral names 4");

    // The decision by keyboard alone.
    await navigating(manager, () => manager.getByRole("button", { name: "Accept or decline" }).click());
    await checkPage(manager, "referrals-06-decision");
    await manager.getByLabel("Accept", { exact: true }).focus();
    await manager.keyboard.press("Space");
    await manager.locator("#reason").focus();
    await manager.keyboard.type("Nadia meets the service's criteria: a worker will be in touch within the week.");
    await manager.getByRole("button", { name: "Record the decision" }).focus();
    await navigating(manager, () => manager.keyboard.press("Enter"));
    expect(await manager.locator(".govuk-notification-banner").innerText()).toContain("Referral accepted");

    await manager.goto("/referrals/waiting-list");
    await checkPage(manager, "referrals-07-waiting-list");
    await navigating(manager, () => manager.getByRole("link", { name: "Allocate Nadia Farrow" }).click());
    await checkPage(manager, "referrals-08-allocation");
    const suggestions = await manager.locator("main").innerText();
    expect(suggestions).toMatch(/specialises in/);
    await manager.getByRole("radio", { name: /Dan Hughes/ }).check();
    await navigating(manager, () => manager.getByRole("button", { name: "Allocate", exact: true }).click());
    await checkPage(manager, "referrals-09-allocated");
    expect(await manager.locator(".govuk-notification-banner").innerText()).toContain("Allocated to Dan Hughes");

    const anyone = await keywork.newPage();
    await anyone.goto(statusUrl);
    await checkPage(anyone, "referrals-10-status");
    const status = await anyone.locator("main").innerText();
    for (const step of ["Referral received", "Acknowledged", "Screening started", "Accepted", "Allocated to a worker"]) expect(status).toContain(step);
    expect(status).toContain("Dan Hughes");
    expect(status).not.toContain("Farrow");
  });

  it("shows the manager the services' settings: eligibility, timers and the public link", async () => {
    const manager = await signedInAs("manager");
    await manager.goto("/settings/referrals");
    await checkPage(manager, "referrals-11-settings");
    await navigating(manager, () => manager.getByRole("link", { name: "Change the settings of Service coordination for multiple needs" }).click());
    await checkPage(manager, "referrals-12-settings-service");
    expect(await manager.locator("#public-link-url").innerText()).toMatch(/\/refer\/demo-adults$/);
    await manager.locator("#needsAtLeast").fill("9");
    await navigating(manager, () => manager.getByRole("button", { name: "Save settings" }).click());
    await checkPage(manager, "referrals-13-settings-errors");
    expect(await manager.locator(".govuk-error-summary").innerText()).toContain("The number of needs must be no more than the number ticked (5)");
  });
});
