/**
 * A key worker's day: their caseload, adding someone (getting it wrong first), changing their story,
 * finding them again by name and by date of birth, and signing out.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useKeywork } from "./harness.ts";
import { CaseloadPage, PersonFormPage, PersonPage, SearchPage, SignInPage } from "./pages.ts";

const keywork = useKeywork();

const NEW_PERSON = { givenName: "Ruby", familyName: "Ellingham", dateOfBirth: { day: "7", month: "9", year: "1992" } };
const NEW_STORY = "I moved back to Northmoor to be near my mum. I want a flat on the bus route to her house.";

describe("a key worker", () => {
  let page: Page;
  let personUrl = "";

  beforeAll(async () => {
    page = await keywork.newPage();
  });

  it("signs in and lands on their caseload", async () => {
    const signInPage = await SignInPage.open(page);
    await signInPage.verify("key-worker-01-sign-in");
    await signInPage.signIn("worker@demo.test");

    const caseload = await new CaseloadPage(page).verify("key-worker-02-caseload");
    expect(caseload.path).toBe("/caseload");
    expect(await page.locator(".keywork-header__user").innerText()).toContain("Sam Okafor");
    expect(await caseload.menuItems()).toEqual(["My caseload", "My diary", "Actions", "Supervision", "Find a person", "Add a person"]);

    const rows = await caseload.rows();
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const names = rows.map((row) => row.name);
    expect(names).toContain("Dean Holloway");
    expect(names).toContain("Mac Reid"); // shown by preferred name
    expect(rows.find((row) => row.name === "Dean Holloway")?.cells).toContain("Lead worker");
    expect(await page.locator("main").innerText()).toMatch(/lead worker for 10, co-worker for 2/);
  });

  it("is told what is wrong when the given name is left out", async () => {
    const form = await new CaseloadPage(page).addPerson();
    await form.verify("key-worker-03-add-person");
    expect(form.path).toBe("/people/new");

    await form.fill({ givenName: "", familyName: NEW_PERSON.familyName });
    await form.submit();

    await form.verify("key-worker-04-add-person-with-errors");
    expect(await page.title()).toMatch(/^Error: /);
    const { title, messages } = await form.errors();
    expect(title).toBe("There is a problem");
    expect(messages).toEqual(["Enter a given name"]);
    expect(await form.errorSummary.isVisible()).toBe(true);
    // govuk-frontend moves focus to the summary so that screen readers read it out first.
    expect(await page.locator(".govuk-error-summary:focus").count()).toBe(1);
    expect(await form.fieldError("givenName")).toBe("Enter a given name");
    expect(await page.locator("#givenName").getAttribute("aria-describedby")).toContain("givenName-error");
    expect(await form.value("familyName")).toBe(NEW_PERSON.familyName);

    // The summary's link takes you to the field.
    await page.locator(".govuk-error-summary").getByRole("link", { name: "Enter a given name" }).click();
    expect(await page.locator("#givenName:focus").count()).toBe(1);
  });

  it("adds the person once the given name and date of birth are filled in", async () => {
    const form = new PersonFormPage(page, "Add a person");
    await form.fill({ givenName: NEW_PERSON.givenName, dateOfBirth: NEW_PERSON.dateOfBirth });
    await form.submit();

    const person = await new PersonPage(page, "Ruby Ellingham").verify("key-worker-05-person-added");
    personUrl = page.url();
    expect(person.path).toMatch(/^\/people\/[0-9a-f-]{36}$/);
    expect(await person.bannerText()).toContain("Ruby Ellingham has been added");
    expect(await person.detail("Full name")).toBe("Ruby Ellingham");
    expect(await person.detail("Date of birth")).toMatch(/^7 September 1992 \(\d+ years old\)$/);
    expect(await person.detail("Engagement")).toBe("Engaged");
    expect(await person.storyText()).toMatch(/Their story has not been written yet/);
    expect(await page.locator("main").innerText()).toContain("Sam Okafor");
  });

  it("writes their story and sees the change saved", async () => {
    const person = new PersonPage(page, "Ruby Ellingham");
    const form = await person.changeDetails();
    await form.verify("key-worker-06-change-details");
    expect(await form.value("givenName")).toBe("Ruby");
    expect(await form.value("dateOfBirth-year")).toBe("1992");

    await form.fill({ story: NEW_STORY });
    await form.submit();

    await person.verify("key-worker-07-changes-saved");
    expect(page.url()).toBe(personUrl);
    expect(await person.bannerText()).toContain("Changes saved");
    expect(await person.storyText()).toBe(NEW_STORY);

    // The banner is shown once, not on the next visit.
    await page.reload();
    expect(await person.bannerText()).toBe("");
  });

  it("finds the person by part of their name and by date of birth", async () => {
    await new PersonPage(page, "Ruby Ellingham").openMenuItem("Find a person");
    const search = await new SearchPage(page).verify("key-worker-08-find-a-person");
    expect(search.path).toBe("/people");

    await search.search("elling");
    await search.verify("key-worker-09-search-by-name");
    expect(await search.status()).toBe("1 person found");
    expect((await search.results()).map((row) => row.name)).toEqual(["Ruby Ellingham"]);

    await search.search("07/09/1992");
    await search.verify("key-worker-10-search-by-date-of-birth");
    const byDate = await search.results();
    expect(byDate.map((row) => row.name)).toEqual(["Ruby Ellingham"]);
    expect(byDate[0]?.cells).toContain("7 September 1992");
    expect(byDate[0]?.cells).toContain("Sam Okafor");

    // A demo person by date of birth too, and someone nobody can find.
    await search.search("14/03/1979");
    expect((await search.results()).map((row) => row.name)).toEqual(["Dean Holloway"]);
    await search.search("Zebedee");
    await search.verify("key-worker-11-search-no-match");
    expect(await search.status()).toContain("No one you can see matches “Zebedee”");

    const person = await search.search("Ellingham").then(() => search.openResult("Ruby Ellingham"));
    await person.verify("key-worker-12-person-from-search");
    expect(page.url()).toBe(personUrl);
  });

  it("signs out and is back on the sign-in page", async () => {
    const signedOut = await new PersonPage(page, "Ruby Ellingham").signOut();
    await signedOut.verify("key-worker-13-signed-out");
    expect(signedOut.path).toBe("/signed-out");
    expect(await page.locator(".keywork-header__user").count()).toBe(0);

    const signInPage = await signedOut.signInAgain();
    await signInPage.verify("key-worker-14-sign-in-again");
    expect(signInPage.path).toBe("/sign-in");

    // The session has gone: the caseload asks for sign-in again, and comes back after it.
    await page.goto("/caseload");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(new URL(page.url()).searchParams.get("returnTo")).toBe("/caseload");
  });
});
