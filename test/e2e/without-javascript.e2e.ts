/**
 * The core journey with JavaScript turned off: every page must work as plain HTML forms and links.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useKeywork } from "./harness.ts";
import { CaseloadPage, PersonFormPage, PersonPage, SignInPage } from "./pages.ts";

const keywork = useKeywork();

describe("without JavaScript, a key worker", () => {
  let page: Page;

  beforeAll(async () => {
    page = await keywork.newPage({ javaScriptEnabled: false });
  });

  it("signs in and sees their caseload", async () => {
    const signInPage = await SignInPage.open(page);
    await signInPage.verify("no-js-01-sign-in");
    // govuk-frontend did not run: no "Show" button on the password, no js-enabled class.
    expect(await page.locator("body.js-enabled").count()).toBe(0);
    expect(await page.getByRole("button", { name: /Show/ }).isVisible()).toBe(false);

    await signInPage.signIn("worker@demo.test");
    const caseload = await new CaseloadPage(page).verify("no-js-02-caseload");
    const rows = await caseload.rows();
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.map((row) => row.name)).toContain("Gary Whitlock");
  });

  it("adds a person, after fixing a mistake", async () => {
    const form = await new CaseloadPage(page).addPerson();
    await form.verify("no-js-03-add-person");

    await form.fill({ givenName: "Tomasz", familyName: "", dateOfBirth: { day: "31", month: "2", year: "1990" } });
    await form.submit();
    await form.verify("no-js-04-add-person-with-errors");
    const { title, messages } = await form.errors();
    expect(title).toBe("There is a problem");
    expect(messages).toEqual(["Enter a family name", "Date of birth must be a real date"]);
    expect(await form.value("givenName")).toBe("Tomasz");
    expect(await form.value("dateOfBirth-day")).toBe("31");

    await form.fill({ familyName: "Zielinski", dateOfBirth: { day: "28", month: "2", year: "1990" } });
    await form.submit();
    const person = await new PersonPage(page, "Tomasz Zielinski").verify("no-js-05-person-added");
    expect(await person.bannerText()).toContain("Tomasz Zielinski has been added");
    expect(await person.detail("Date of birth")).toMatch(/^28 February 1990/);
  });

  it("finds the new person on their caseload and opens them", async () => {
    await new PersonFormPage(page, "Tomasz Zielinski").openMenuItem("My caseload");
    const caseload = await new CaseloadPage(page).verify("no-js-06-caseload-with-new-person");
    const rows = await caseload.rows();
    const added = rows.find((row) => row.name === "Tomasz Zielinski");
    expect(added?.cells).toContain("Lead worker");
    expect(added?.cells).toContain("Not seen yet");

    const person = await caseload.openPerson("Tomasz Zielinski");
    await person.verify("no-js-07-person");
    expect(await person.bannerText()).toBe("");
    expect(await person.detail("Full name")).toBe("Tomasz Zielinski");
  });
});
