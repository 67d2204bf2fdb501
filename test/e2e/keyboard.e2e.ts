/**
 * Keyboard only: signing in and getting to "Find a person" with Tab, Shift+Tab and Enter, and the
 * skip link showing itself when it has focus.
 */
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPage, computedStyle, hasFocus, navigating, useKeywork } from "./harness.ts";
import { CaseloadPage, PersonPage, SearchPage, SignInPage } from "./pages.ts";

const keywork = useKeywork();

/** Describes whatever has focus, for failure messages. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return "nothing (the body)";
    return element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") + " " + JSON.stringify((element.textContent || "").trim().slice(0, 40));
  })()`);
}

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `limit` presses. */
async function tabTo(page: Page, target: Locator, options: { backwards?: boolean; limit?: number } = {}): Promise<number> {
  const key = options.backwards ? "Shift+Tab" : "Tab";
  const limit = options.limit ?? 25;
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press(key);
    if (await hasFocus(target)) return presses;
  }
  throw new Error(`${key} pressed ${limit} times without reaching ${target}; focus is on ${await focused(page)}`);
}

async function size(locator: Locator): Promise<{ width: number; height: number }> {
  const box = await locator.boundingBox();
  return { width: box?.width ?? 0, height: box?.height ?? 0 };
}

describe("using only the keyboard", () => {
  let page: Page;

  beforeAll(async () => {
    page = await keywork.newPage();
  });

  it("signs in with Tab, typing and Enter", async () => {
    const signInPage = await SignInPage.open(page);
    await signInPage.verify("keyboard-01-sign-in");

    await tabTo(page, page.locator("#email"));
    await page.keyboard.type("worker@demo.test");
    await tabTo(page, page.locator("#password"), { limit: 1 });
    await page.keyboard.type("keywork-demo");
    await navigating(page, () => page.keyboard.press("Enter"));

    const caseload = await new CaseloadPage(page).verify("keyboard-02-caseload");
    expect(caseload.path).toBe("/caseload");
  });

  it("sees the skip link when it has focus, and it skips to the main content", async () => {
    const skipLink = page.getByRole("link", { name: "Skip to main content" });
    const hidden = await size(skipLink);
    expect(hidden.width * hidden.height, "the skip link is visually hidden until focused").toBeLessThanOrEqual(1);

    // Tab from the top of the page: the skip link is the first thing to get focus.
    await page.keyboard.press("Tab");
    expect(await hasFocus(skipLink), `focus is on ${await focused(page)}`).toBe(true);
    const shown = await size(skipLink);
    expect(shown.width).toBeGreaterThan(50);
    expect(shown.height).toBeGreaterThan(15);
    expect(await skipLink.isVisible()).toBe(true);
    // GOV.UK's focus style: black text on yellow.
    expect(await computedStyle(skipLink, "background-color")).toBe("rgb(255, 221, 0)");
    // The screenshot shows the focused skip link; axe runs on the whole page.
    await checkPage(page, "keyboard-03-skip-link-focused");

    await page.keyboard.press("Enter");
    expect(new URL(page.url()).hash).toBe("#main-content");
    expect(await hasFocus(page.locator("main#main-content")), `focus is on ${await focused(page)}`).toBe(true);
  });

  it("reaches Find a person from the menu and searches with the keyboard", async () => {
    // From the main content, back up to the menu.
    const menuLink = page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Find a person" });
    await tabTo(page, menuLink, { backwards: true });
    expect(await computedStyle(menuLink, "background-color")).toBe("rgb(255, 221, 0)");
    await navigating(page, () => page.keyboard.press("Enter"));

    const search = await new SearchPage(page).verify("keyboard-04-find-a-person");
    await tabTo(page, page.locator("#q"));
    await page.keyboard.type("Whitlock");
    await navigating(page, () => page.keyboard.press("Enter"));
    await search.verify("keyboard-05-search-results");
    expect((await search.results()).map((row) => row.name)).toEqual(["Gary Whitlock"]);

    // The result's link is reachable and opens the person.
    const result = page.locator("main table").getByRole("link", { name: "Gary Whitlock" });
    await tabTo(page, result);
    await navigating(page, () => page.keyboard.press("Enter"));
    await new PersonPage(page, "Gary Whitlock").verify("keyboard-06-person");
  });
});
