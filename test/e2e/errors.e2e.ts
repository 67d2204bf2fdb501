/**
 * When things go wrong: a wrong password, and a person who is not yours to see.
 */
import { describe, expect, it } from "vitest";
import { useKeywork } from "./harness.ts";
import { CaseloadPage, KeyworkPage, NotFoundPage, SignInPage } from "./pages.ts";

const keywork = useKeywork();

describe("signing in with the wrong password", () => {
  it("shows the error summary and keeps the email address", async () => {
    const page = await keywork.newPage();
    const signInPage = await SignInPage.open(page);
    await signInPage.signIn("worker@demo.test", "not-the-password");

    await signInPage.verify("errors-01-wrong-password");
    expect(signInPage.path).toBe("/sign-in");
    expect(await page.title()).toMatch(/^Error: Sign in/);
    const { title, messages } = await signInPage.errors();
    expect(title).toBe("There is a problem");
    expect(messages).toEqual(["Enter a correct email address and password"]);
    expect(await page.locator(".govuk-error-summary:focus").count()).toBe(1);
    expect(await page.locator("#email").inputValue()).toBe("worker@demo.test");
    expect(await page.locator("#password").inputValue()).toBe("");
    expect(await page.locator(".keywork-header__user").count()).toBe(0);
  });

  it("shows what is missing when nothing is entered", async () => {
    const page = await keywork.newPage();
    const signInPage = await SignInPage.open(page);
    await signInPage.signIn("", "");
    await signInPage.verify("errors-02-empty-sign-in");
    expect((await signInPage.errors()).messages).toEqual(["Enter your email address", "Enter your password"]);
  });
});

describe("a person from another team", () => {
  it("is 'Page not found' to a key worker who is not in their team", async () => {
    // Jo Whitfield's caseload is in the children's service, which Sam Okafor has no part in.
    const other = await keywork.newPage();
    await (await SignInPage.open(other)).signIn("other@demo.test");
    const theirCaseload = await new CaseloadPage(other).verify("errors-03-other-caseload");
    const ethan = (await theirCaseload.rows()).find((row) => row.name === "Ethan Marsden");
    expect(ethan?.href).toMatch(/^\/people\/[0-9a-f-]{36}$/);
    const href = ethan?.href ?? "";

    const worker = await keywork.newPage();
    await (await SignInPage.open(worker)).signIn("worker@demo.test");
    const response = await worker.goto(href);
    expect(response?.status()).toBe(404);
    const notFound = await new NotFoundPage(worker).verify("errors-04-person-not-found");
    const main = await worker.locator("main").innerText();
    expect(main).not.toContain("Ethan");
    expect(main).toContain("Find a person");
    // Still signed in, with the menu.
    expect(await notFound.menuItems()).toContain("My caseload");

    // Nor can they open the form to change the record.
    expect((await worker.goto(`${href}/edit`))?.status()).toBe(404);
    await new NotFoundPage(worker).verify("errors-05-person-edit-not-found");
    // Key workers read no audit trails at all: the answer is the same whether the person exists or not.
    const auditResponse = await worker.goto(`${href}/audit`);
    expect(auditResponse?.status()).toBe(403);
    await new KeyworkPage(worker, "You cannot do that").verify("errors-06-audit-forbidden");
    expect(await worker.locator("main").innerText()).not.toContain("Ethan");
    expect((await worker.goto("/people/00000000-0000-4000-8000-000000000000/audit"))?.status()).toBe(403);
  });

  it("is 'Page not found' for an address that is not a person at all", async () => {
    const page = await keywork.newPage();
    await (await SignInPage.open(page)).signIn("worker@demo.test");
    const response = await page.goto("/people/not-a-person");
    expect(response?.status()).toBe(404);
    await new NotFoundPage(page).verify("errors-07-not-a-person");
  });
});
