/**
 * The second factor: a demo manager sets one up from the link in the header (the code worked out
 * here from the key on the page, as an authenticator app would), saves the recovery codes, signs
 * out, and signs in again with the password and a code; an administrator then resets it, which
 * signs the manager out. Every page passes axe.
 */
import { describe, expect, it } from "vitest";
import { totpCode, totpStep } from "../../src/platform/auth/totp.ts";
import { checkPage, navigating, signIn, signOut, useKeywork } from "./harness.ts";

const keywork = useKeywork();

/** The code an app shows one step from now: later than any code used a moment ago, and still accepted. */
function nextCode(secret: string): string {
  return totpCode(secret, totpStep(Date.now()) + 1);
}

describe("a second factor", () => {
  it("is set up by a demo user, who then signs in with the password and a code", async () => {
    const page = await keywork.newPage();
    await signIn(page, "manager@demo.test");
    await navigating(page, () => page.getByRole("link", { name: "Set up a second factor" }).click());
    await checkPage(page, "second-factor-01-setup");
    await page.setViewportSize({ width: 375, height: 800 });
    await checkPage(page, "second-factor-01-setup-on-a-phone");
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.getByRole("img", { name: "QR code that adds Keywork to an authenticator app" }).isVisible()).toBe(true);
    const secret = (await page.locator("#secret").innerText()).replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    await page.locator("#code").fill(totpCode(secret, totpStep(Date.now())));
    await navigating(page, () => page.getByRole("button", { name: "Turn on the second factor" }).click());
    await checkPage(page, "second-factor-02-recovery-codes");
    expect(await page.locator("h1").innerText()).toContain("Your second factor is on");
    expect(await page.locator(".keywork-recovery-codes code").count()).toBe(10);

    await navigating(page, () => page.getByRole("button", { name: "I have saved my recovery codes" }).click());
    await checkPage(page, "second-factor-03-account");
    expect(await page.locator("main").innerText()).toContain("10 of 10");

    await signOut(page);
    await signIn(page, "manager@demo.test");
    expect(new URL(page.url()).pathname).toBe("/sign-in/second-factor");
    await checkPage(page, "second-factor-04-challenge");
    await page.locator("#code").fill("12");
    await navigating(page, () => page.getByRole("button", { name: "Continue" }).click());
    await checkPage(page, "second-factor-05-challenge-error");
    expect(await page.locator(".govuk-error-summary").innerText()).toContain("Enter the 6-digit code from your authenticator app");

    await page.locator("#code").fill(nextCode(secret));
    await navigating(page, () => page.getByRole("button", { name: "Continue" }).click());
    expect(new URL(page.url()).pathname).toBe("/team");
    expect(await page.getByRole("link", { name: "Second factor", exact: true }).isVisible()).toBe(true);
    await checkPage(page, "second-factor-06-signed-in");

    // Having lost the phone and the codes, the manager asks the administrator to reset it.
    const admin = await keywork.newPage();
    await signIn(admin, "admin@demo.test");
    await navigating(admin, () => admin.getByRole("link", { name: /^Reset second factor of / }).click());
    await checkPage(admin, "second-factor-07-reset-confirm");
    await navigating(admin, () => admin.getByRole("button", { name: "Reset second factor" }).click());
    expect(new URL(admin.url()).pathname).toBe("/partnership");
    expect(await admin.locator(".govuk-notification-banner").innerText()).toContain("Second factor reset");
    await checkPage(admin, "second-factor-08-reset-done");
    await navigating(page, () => page.reload());
    expect(new URL(page.url()).pathname).toBe("/sign-in");
  });
});
