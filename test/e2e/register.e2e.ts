/**
 * The dynamic support register: the register owner adds a young person, re-rates them, records an
 * admission and the discharge, and takes someone else off the register; the children's manager
 * takes a red young person on and finds the register line on their record. Every page passes axe.
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

/** A UK calendar date `days` from today, as the three parts of a GOV.UK date input. */
function dateParts(days: number): { day: string; month: string; year: string } {
  const iso = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(Date.now() + days * 86_400_000));
  const [year, month, day] = iso.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year: year ?? "" };
}

async function fillDate(page: Page, name: string, days: number): Promise<void> {
  const parts = dateParts(days);
  await page.locator(`#${name}-day`).fill(parts.day);
  await page.locator(`#${name}-month`).fill(parts.month);
  await page.locator(`#${name}-year`).fill(parts.year);
}

describe("the register owner", () => {
  it("adds a young person, re-rates them, and records a stay in hospital", async () => {
    const page = await signedInAs("register-owner");
    await page.goto("/register");
    await checkPage(page, "register-01-list");
    expect(await page.locator("main").innerText()).toContain("young people in hospital now");

    await navigating(page, () => page.getByRole("button", { name: "Add a young person" }).click());
    await checkPage(page, "register-02-new");
    await navigating(page, () => page.getByRole("button", { name: "Add to the register" }).click());
    await checkPage(page, "register-03-new-errors");
    expect(await page.locator(".govuk-error-summary").innerText()).toContain("Select their rating");

    await page.locator("#givenName").fill("Maisie");
    await page.locator("#familyName").fill("Cole");
    await page.locator("#dateOfBirth-day").fill("9");
    await page.locator("#dateOfBirth-month").fill("11");
    await page.locator("#dateOfBirth-year").fill("2011");
    await page.getByLabel("Amber", { exact: true }).check();
    await page.locator("#reason").fill("Not attending school; Mum worried about her eating.");
    await navigating(page, () => page.getByRole("button", { name: "Add to the register" }).click());
    expect(new URL(page.url()).pathname).toMatch(/^\/register\/[0-9a-f-]{36}$/);
    await checkPage(page, "register-04-entry");

    await navigating(page, () => page.getByRole("button", { name: "Review or change the rating" }).click());
    await checkPage(page, "register-05-rate");
    await page.getByLabel("Red", { exact: true }).check();
    await page.locator("#reason").fill("Three A&E attendances this month.");
    await navigating(page, () => page.getByRole("button", { name: "Save rating" }).click());
    expect(await page.locator(".govuk-notification-banner").innerText()).toContain("Rating saved: red");

    await navigating(page, () => page.getByRole("button", { name: "Record an admission" }).click());
    await checkPage(page, "register-06-admission");
    await fillDate(page, "admittedOn", -20);
    await page.locator("#setting").fill("Tier 4 CAMHS unit, Oakfield");
    await navigating(page, () => page.getByRole("button", { name: "Record admission" }).click());
    expect(await page.locator("main").innerText()).toContain("is now blue on the register");
    await checkPage(page, "register-07-entry-in-hospital");

    await navigating(page, () => page.getByRole("button", { name: "Record the discharge" }).click());
    await checkPage(page, "register-08-discharge");
    await fillDate(page, "dischargedOn", -1);
    await navigating(page, () => page.getByRole("button", { name: "Save" }).click());
    await checkPage(page, "register-09-discharge-errors");
    expect(await page.locator(".govuk-error-summary").innerText()).toContain("Select their rating after discharge");
    await page.getByLabel("Amber-red", { exact: true }).check();
    await page.locator("#dischargePlan").fill("Home with CAMHS outreach twice a week; school part-time to start.");
    await navigating(page, () => page.getByRole("button", { name: "Save" }).click());
    expect(await page.locator(".govuk-notification-banner").innerText()).toMatch(/Discharge recorded after 19 days: Maisie Cole is now amber-red/);

    await navigating(page, () => page.getByRole("link", { name: /Take Maisie Cole off the register/ }).click());
    await checkPage(page, "register-10-remove");
    await page.locator("#reason").fill("Moved to another area; their register has her now.");
    await navigating(page, () => page.getByRole("button", { name: "Take off the register" }).click());
    expect(await page.locator("main").innerText()).toContain("Taken off the register on");
  });
});

describe("the children's manager", () => {
  it("takes a red young person on from the register", async () => {
    const page = await signedInAs("children-manager");
    await page.goto("/register");
    await checkPage(page, "register-11-manager-list");
    await navigating(page, () => page.getByRole("button", { name: "Take on Amira Khalil" }).click());
    await checkPage(page, "register-12-take-on");
    await page.locator("#leadWorkerId").selectOption({ label: "Jo Whitfield" });
    await navigating(page, () => page.getByRole("button", { name: "Take on" }).click());
    expect(new URL(page.url()).pathname).toMatch(/^\/people\/[0-9a-f-]{36}\/team$/);
    expect(await page.locator(".govuk-notification-banner").innerText()).toContain("Amira Khalil has been taken on");
    await page.goto(new URL(page.url()).pathname.replace(/\/team$/, ""));
    await checkPage(page, "register-13-person-overview");
    expect(await page.locator("main").innerText()).toMatch(/On the dynamic support register: Red – reviewed by Sarah Lomas/);
  });
});
