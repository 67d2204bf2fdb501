/**
 * Checks the checks: axe must fail a page that breaks a rule, with JavaScript on and off, or the
 * "zero violations" on every other page would mean nothing.
 */
import { describe, expect, it } from "vitest";
import { checkAccessibility, useKeywork } from "./harness.ts";

const keywork = useKeywork();

/** Adds an image with no alternative text and an unlabelled input to the main content. */
const BREAK_THE_PAGE = `document.querySelector("main").insertAdjacentHTML("beforeend", '<img src="/static/favicon.svg"><input type="text">')`;

describe("the accessibility check", () => {
  it("passes the sign-in page and fails it once an image has no alt text", async () => {
    const page = await keywork.newPage();
    await page.goto("/sign-in");
    await checkAccessibility(page, "self-check-clean");
    await page.evaluate(BREAK_THE_PAGE);
    const failure = await checkAccessibility(page, "self-check-broken").then(() => null, (error: unknown) => error);
    expect(String(failure)).toMatch(/image-alt \(critical\)/);
    expect(String(failure)).toMatch(/label \(critical\)/);
    expect(String(failure)).toMatch(/^ +- img$/m);
  });

  it("also runs on pages opened with JavaScript off", async () => {
    const page = await keywork.newPage({ javaScriptEnabled: false });
    await page.goto("/sign-in");
    await checkAccessibility(page, "self-check-no-js-clean");
    await page.evaluate(BREAK_THE_PAGE);
    const failure = await checkAccessibility(page, "self-check-no-js-broken").then(() => null, (error: unknown) => error);
    expect(String(failure)).toMatch(/image-alt \(critical\)/);
  });
});
