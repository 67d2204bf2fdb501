/**
 * A CETR whose recommendations become actions: the children's keyworker opens a young person,
 * records a Care, Education and Treatment Review with the team around them and three
 * recommendations owned by three agencies, sees them on the meeting's page and in the plan, and
 * finds them waiting, still open, when the next meeting is recorded. Part of it by keyboard alone.
 */
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPage, hasFocus, navigating, signIn, useKeywork } from "./harness.ts";

const keywork = useKeywork();

const YOUNG_PERSON = "Zara Iqbal";
const RECOMMENDATIONS = [
  { description: "Move Zara to a quieter side room with dimmable lights until discharge", organisation: "Northmoor CAMHS", owner: "Dr Nadia Rahman (Northmoor CAMHS)", dueInDays: 7 },
  { description: "Arrange a home visit with Farah to plan support for the evenings", organisation: "Northmoor Children's Services", ownerName: "Lena Brooks, social worker", dueInDays: 21 },
  { description: "Ask Northmoor College to keep Zara's art place open and send work to the ward", organisation: "Northmoor Children's Keyworker Service", owner: "Jo Whitfield (Northmoor Children's Keyworker Service)", dueInDays: 14 },
];

function ukDate(daysFromToday: number): { day: string; month: string; year: string; long: string } {
  const date = new Date(Date.now() + daysFromToday * 86_400_000);
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(date).split("-");
  const long = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(date);
  return { day: String(Number(day)), month: String(Number(month)), year: year ?? "", long };
}

/** Presses Tab until `target` has focus; fails after `limit` presses. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press("Tab");
    if (await hasFocus(target)) return;
  }
  throw new Error(`Tab pressed ${limit} times without reaching ${target}`);
}

describe("a CETR whose recommendations become actions", () => {
  let page: Page;
  let personPath = "";
  const today = ukDate(0);

  beforeAll(async () => {
    page = await keywork.newPage();
    await signIn(page, "other@demo.test");
  });

  it("opens the young person's meetings from the caseload", async () => {
    await page.goto("/caseload");
    await navigating(page, () => page.getByRole("link", { name: YOUNG_PERSON }).first().click());
    personPath = new URL(page.url()).pathname;
    expect(personPath).toMatch(/^\/people\/[0-9a-f-]{36}$/);
    await navigating(page, () => page.getByRole("navigation", { name: YOUNG_PERSON }).getByRole("link", { name: "Meetings" }).click());
    expect(new URL(page.url()).pathname).toBe(`${personPath}/meetings`);
    await checkPage(page, "cetr-01-meetings-empty");
    await expect.poll(() => page.locator("main").innerText()).toContain("No meetings have been recorded");
  });

  it("records a CETR with the team around her and three recommendations for three agencies", async () => {
    await navigating(page, () => page.getByRole("button", { name: "Record a meeting" }).click());
    expect(new URL(page.url()).pathname).toBe(`${personPath}/meetings/new`);
    await checkPage(page, "cetr-02-record-a-meeting");

    await page.getByLabel("Care, Education and Treatment Review (CETR)").check();
    // The date by keyboard: type the day, Tab to the month, Tab to the year.
    await page.locator("#heldOn-day").focus();
    await page.keyboard.type(today.day);
    await page.keyboard.press("Tab");
    await page.keyboard.type(today.month);
    await page.keyboard.press("Tab");
    await page.keyboard.type(today.year);
    await page.locator("#location").fill("Beacon ward, Northmoor General Hospital");

    const present = page.getByRole("group", { name: "Who was there, or is invited" });
    for (const name of [YOUNG_PERSON, "Jo Whitfield", "Dr Nadia Rahman", "Farah Iqbal"]) await present.getByLabel(name, { exact: true }).check();
    await page.getByRole("group", { name: "Who sent apologies" }).getByLabel("Megan Hale", { exact: true }).check();
    await page.locator("#other-0-name").fill("Dr Owen Hughes");
    await page.locator("#other-0-role").fill("Consultant psychiatrist, Beacon ward");
    await page.locator("#notes").fill("Zara spoke first. She said the noise and the lights on the ward make everything worse, and she wants to be home for her brothers' birthdays.");

    for (const [index, recommendation] of RECOMMENDATIONS.entries()) {
      const due = ukDate(recommendation.dueInDays);
      await page.locator(`#rec-${index}-description`).fill(recommendation.description);
      await page.locator(`#rec-${index}-ownerOrganisationId`).selectOption({ label: recommendation.organisation });
      if (recommendation.owner) await page.locator(`#rec-${index}-ownerUserId`).selectOption({ label: recommendation.owner });
      if (recommendation.ownerName) await page.locator(`#rec-${index}-ownerName`).fill(recommendation.ownerName);
      await page.locator(`#rec-${index}-dueOn-day`).fill(due.day);
      await page.locator(`#rec-${index}-dueOn-month`).fill(due.month);
      await page.locator(`#rec-${index}-dueOn-year`).fill(due.year);
    }
    await checkPage(page, "cetr-03-form-filled");
    await navigating(page, () => page.getByRole("button", { name: "Save meeting" }).click());

    expect(new URL(page.url()).pathname).toMatch(/^\/meetings\/[0-9a-f-]{36}$/);
    await checkPage(page, "cetr-04-meeting-page");
    const main = await page.locator("main").innerText();
    expect(main).toContain(`CETR on ${today.long} recorded`);
    expect(main).toContain("3 recommendations added to the plan as actions.");
    expect(main).toContain("Dr Owen Hughes");
    const table = page.locator("table.keywork-recommendations");
    for (const recommendation of RECOMMENDATIONS) {
      const row = table.getByRole("row").filter({ hasText: recommendation.description });
      await expect.poll(() => row.innerText()).toContain(recommendation.organisation);
    }
    expect(await table.getByRole("row").filter({ hasText: RECOMMENDATIONS[1]?.description ?? "" }).innerText()).toContain("Lena Brooks, social worker");
  });

  it("shows the recommendations in the plan as actions with their owners", async () => {
    await navigating(page, () => page.getByRole("link", { name: "See them in the plan" }).click());
    expect(new URL(page.url()).pathname).toBe(`${personPath}/plan`);
    await checkPage(page, "cetr-05-plan");
    const plan = await page.locator("main").innerText();
    for (const recommendation of RECOMMENDATIONS) {
      expect(plan).toContain(recommendation.description);
      expect(plan).toContain(recommendation.organisation);
    }
    expect(plan).toContain("Dr Nadia Rahman");
  });

  it("opens the next meeting, by keyboard, with the outstanding recommendations carried over", async () => {
    await page.goto(`${personPath}/meetings`);
    await checkPage(page, "cetr-06-meetings-list");
    const record = page.getByRole("button", { name: "Record a meeting" });
    await tabTo(page, record);
    await navigating(page, () => page.keyboard.press("Enter"));
    expect(new URL(page.url()).pathname).toBe(`${personPath}/meetings/new`);
    await checkPage(page, "cetr-07-next-meeting-carried-over");
    const carried = page.locator(".keywork-carried-over");
    const text = await carried.innerText();
    expect(text).toContain(`Carried over from the CETR on ${today.long}`);
    for (const recommendation of RECOMMENDATIONS) expect(text).toContain(recommendation.description);
    expect(await carried.getByRole("link", { name: /^Update/ }).count()).toBe(3);
  });
});

describe("the demo's CETRs", () => {
  it("show done and overdue recommendations, the next CETR planned, and what a CAMHS clinician sees, passing axe", async () => {
    const page = await keywork.newPage();
    await signIn(page, "other@demo.test");
    await page.goto("/caseload");
    await navigating(page, () => page.getByRole("link", { name: "Ethan Marsden" }).first().click());
    const ethan = new URL(page.url()).pathname;
    await page.goto(`${ethan}/meetings`);
    await checkPage(page, "cetr-08-demo-meetings");
    const list = await page.locator("main").innerText();
    expect(list).toMatch(/Coming up\s+CETR on .*Planned/);
    expect(list).toMatch(/outstanding \(\d+ overdue\), 2 done/);
    await navigating(page, () => page.locator("main .govuk-summary-card__title a").nth(1).click());
    await checkPage(page, "cetr-09-demo-held-cetr");
    const held = page.locator("table.keywork-recommendations");
    expect(await held.getByText("Overdue", { exact: true }).count()).toBeGreaterThanOrEqual(2);
    expect(await held.getByText("Done", { exact: true }).count()).toBe(2);
    await page.goto(`${ethan}/meetings`);
    await navigating(page, () => page.locator("main .govuk-summary-card__title a").first().click());
    await checkPage(page, "cetr-10-demo-planned-cetr");
    expect(await page.locator(".keywork-carried-over").innerText()).toContain("Carried over from the CETR on");

    const camhs = await keywork.newPage();
    await signIn(camhs, "camhs@demo.test");
    await camhs.goto(`${ethan}/meetings`);
    await checkPage(camhs, "cetr-11-camhs-sees-meetings");
    const seen = await camhs.locator("main").innerText();
    expect(seen).toContain("Your organisation's recommendations");
    await navigating(camhs, () => camhs.locator("main .govuk-summary-card__title a").nth(1).click());
    await checkPage(camhs, "cetr-12-camhs-sees-held-cetr");
    const page12 = await camhs.locator("main").innerText();
    expect(page12).not.toContain("too loud to sleep");
    expect(page12).toContain("Northmoor CAMHS");
    expect(page12).not.toContain("Northmoor Education Service,");
  });
});
