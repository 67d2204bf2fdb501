/**
 * The API documentation page is public and must be as accessible as the rest.
 */
import { describe, expect, it } from "vitest";
import { useKeywork } from "./harness.ts";
import { ApiDocsPage, SignInPage } from "./pages.ts";

const keywork = useKeywork();

describe("the API documentation", () => {
  it("is open without signing in and lists the endpoints", async () => {
    const page = await keywork.newPage();
    const response = await page.goto("/api/docs");
    expect(response?.status()).toBe(200);
    const docs = await new ApiDocsPage(page).verify("api-docs-signed-out");
    expect(docs.path).toBe("/api/docs");
    const endpoints = await page.locator("main table tbody tr").allInnerTexts();
    expect(endpoints.length).toBeGreaterThan(3);
    expect(endpoints.join("\n")).toContain("/api/v1/people");
    expect(await page.getByRole("link", { name: "OpenAPI 3.1 document" }).getAttribute("href")).toBe("/openapi.json");
  });

  it("is reached from the footer when signed in", async () => {
    const page = await keywork.newPage();
    await (await SignInPage.open(page)).signIn("worker@demo.test");
    await Promise.all([page.waitForEvent("load"), page.locator("footer").getByRole("link", { name: "API" }).click()]);
    await new ApiDocsPage(page).verify("api-docs-signed-in");
  });
});
