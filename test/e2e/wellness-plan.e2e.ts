/**
 * The wellness and crisis plan in a browser: a key worker writes a section with the person, in
 * their words, sees it saved, opens the printable copy and downloads the PDF; axe on every page.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPage, navigating, signIn, useKeywork } from "./harness.ts";

const keywork = useKeywork();

describe("a key worker writes a crisis plan with the person and prints it", () => {
  let page: Page;
  let planPath = "";

  beforeAll(async () => {
    page = await keywork.newPage();
    await signIn(page, "worker@demo.test");
  });

  it("opens the person's wellness plan, with the service's hours and the sections not written yet", async () => {
    await page.goto(`/people?q=${encodeURIComponent("Shabana Akhtar")}`);
    await navigating(page, () => page.getByRole("link", { name: "Shabana Akhtar" }).first().click());
    await navigating(page, () => page.locator(".keywork-person-nav").getByRole("link", { name: "Wellness plan" }).click());
    planPath = new URL(page.url()).pathname;
    expect(planPath).toMatch(/\/wellness-plan$/);
    await checkPage(page, "wellness-plan-01-plan");
    const text = await page.locator("main").innerText();
    expect(text).toContain("Monday to Friday");
    expect(text).toContain("Nothing has been written here yet");
  });

  it("writes a section in the person's words and sees who saved it", async () => {
    await navigating(page, () => page.getByRole("link", { name: "Write Crisis plan — what helps" }).click());
    await checkPage(page, "wellness-plan-02-edit");
    await page.getByLabel("Crisis plan — what helps").fill("Sit with me somewhere quiet. Remind me the children are safe.");
    await page.getByLabel("In my own words").check();
    await navigating(page, () => page.getByRole("button", { name: "Save the plan" }).click());
    expect(new URL(page.url()).pathname).toBe(planPath);
    await checkPage(page, "wellness-plan-03-saved");
    const section = await page.locator("#crisis-what-helps").innerText();
    expect(section).toContain("Sit with me somewhere quiet.");
    expect(section).toContain("In my own words");
    expect(section).toContain("Saved by Sam Okafor");
    expect(await page.locator("main").innerText()).toContain("Wellness plan saved");
  });

  it("opens the printable copy and downloads the PDF", async () => {
    await navigating(page, () => page.getByRole("link", { name: "Printable copy" }).click());
    await checkPage(page, "wellness-plan-04-print");
    expect(await page.locator("main").innerText()).toContain("Sit with me somewhere quiet.");
    expect(await page.locator(".govuk-service-navigation").count()).toBe(0);
    const href = await page.getByRole("link", { name: "Download as PDF" }).getAttribute("href");
    const download = await page.request.get(href ?? "");
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    const file = await download.body();
    expect(file.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(file.toString("latin1")).toContain("(Sit with me somewhere quiet.");
  });
});
