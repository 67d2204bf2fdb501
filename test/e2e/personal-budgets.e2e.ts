/**
 * Personal budgets in a browser: a key worker (Sam Okafor) opens Dean Holloway's budget, records a
 * spend, asks for an exception when a spend is more than the balance, adds and downloads a receipt,
 * cancels a spend and downloads the ledger; records a spend with the keyboard alone; a manager
 * (Helen Marsh) approves Kyle Bennett's deposit, declines the exception and changes the team's
 * approval threshold; and the spend form works with JavaScript off. axe on every page.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPage, expectNoBrowserProblems, hasFocus, navigating, signIn, useKeywork } from "./harness.ts";

const keywork = useKeywork();

/** A 1x1 PNG: the smallest real image, to upload as a receipt. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

const SPEND_NOTE = "Return bus fare to the dentist on Tuesday";
const EXCEPTION_REASON = "A second-hand washing machine: the launderette costs him £15 a week and he has a job interview.";
const CANCEL_REASON = "Refunded: the dentist paid his fare";

/** "£1,234.56" as pence. */
function pence(text: string): number {
  const match = /(−|-)?£([\d,]+)\.(\d\d)/.exec(text);
  if (!match) throw new Error(`No amount of money in "${text}"`);
  const value = Number.parseInt((match[2] ?? "").replace(/,/g, ""), 10) * 100 + Number.parseInt(match[3] ?? "", 10);
  return match[1] ? -value : value;
}

/** Pence as the pages write it: "£1,234.56". */
function pounds(amount: number): string {
  return `£${(amount / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** The amount on one of the budget page's summary cards ("Allocation", "Spent", "Awaiting approval", "Balance"). */
async function card(page: Page, label: string): Promise<number> {
  const column = page.getByTestId("budget-summary").locator(".govuk-grid-column-one-quarter").filter({ has: page.getByRole("heading", { name: label, exact: true }) });
  return pence(await column.locator("p").innerText());
}

/** The text of the notification banner (the confirmation after a form). */
async function banner(page: Page): Promise<string> {
  return page.locator(".govuk-notification-banner").innerText();
}

/** The rows of the table with this caption, each as its cells' text. */
async function tableRows(page: Page, caption: string | RegExp): Promise<string[][]> {
  const table = page.locator("table").filter({ has: page.locator("caption", { hasText: caption }) });
  const rows: string[][] = [];
  for (const row of await table.locator("tbody tr").all()) rows.push((await row.locator("th, td").allInnerTexts()).map((cell) => cell.trim()));
  return rows;
}

/** The POST a form sends, caught alongside the page it loads, to check its status. */
async function submitting(page: Page, path: RegExp, action: () => Promise<void>): Promise<Response> {
  const response = page.waitForResponse((candidate) => candidate.request().method() === "POST" && path.test(new URL(candidate.url()).pathname));
  await navigating(page, action);
  return response;
}

/** Describes whatever has focus, for failure messages. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return "nothing (the body)";
    return element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") + " " + JSON.stringify((element.textContent || "").trim().slice(0, 40));
  })()`);
}

/** Presses Tab until `target` has focus; fails after `limit` presses. */
async function tabTo(page: Page, target: Locator, limit = 40): Promise<void> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press("Tab");
    if (await hasFocus(target)) return;
  }
  throw new Error(`Tab pressed ${limit} times without reaching ${target}; focus is on ${await focused(page)}`);
}

let budgetPath = "";

describe("a key worker spends from Dean Holloway's personal budget", () => {
  let page: Page;
  let startingBalance = 0;
  let smallSpendPath = "";
  let scratch = "";

  beforeAll(async () => {
    page = await keywork.newPage();
    await signIn(page, "worker@demo.test");
    scratch = await mkdtemp(join(tmpdir(), "keywork-receipt-"));
  });

  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("opens the Budget tab: the balance, what was spent by category and the ledger", async () => {
    await page.goto(`/people?q=${encodeURIComponent("Dean Holloway")}`);
    await navigating(page, () => page.getByRole("link", { name: "Dean Holloway" }).first().click());
    await navigating(page, () => page.locator(".keywork-person-nav").getByRole("link", { name: "Budget", exact: true }).click());
    budgetPath = new URL(page.url()).pathname;
    expect(budgetPath).toMatch(/^\/people\/[^/]+\/budget$/);
    await checkPage(page, "personal-budgets-01-budget");

    expect(await page.getByRole("heading", { level: 2 }).filter({ hasText: "Personal budget:" }).count()).toBe(1);
    const allocation = await card(page, "Allocation");
    const spent = await card(page, "Spent");
    startingBalance = await card(page, "Balance");
    expect(allocation).toBe(100_000);
    // The demo: £86.40 + £17.50 + £10.00 + £6.50 spent; a duplicate £10.00 top-up was cancelled.
    expect(spent).toBe(12_040);
    expect(startingBalance).toBe(allocation - spent);
    expect(await card(page, "Awaiting approval")).toBe(0);

    const categories = await tableRows(page, "Spent by category");
    expect(categories.map((row) => row[0])).toEqual(expect.arrayContaining(["Furniture and household", "Travel", "Phone and internet", "Family and friends", "Total"]));
    expect(categories.find((row) => row[0] === "Total")?.[1]).toBe(pounds(spent));
    expect(await page.getByRole("img", { name: /Spent by category/ }).count()).toBe(1);

    const ledger = await tableRows(page, "Ledger for");
    expect(ledger[0]?.[1]).toMatch(/^Allocation for /);
    expect(ledger.some((row) => row[1]?.startsWith("Cancelled: Phone and internet"))).toBe(true);
    expect(ledger[ledger.length - 1]?.[4]).toBe(pounds(startingBalance));
  });

  it("records a £12.50 bus fare towards a goal and sees the new balance and the ledger entry", async () => {
    await navigating(page, () => page.getByRole("button", { name: "Record a spend" }).click());
    expect(new URL(page.url()).pathname).toBe(`${budgetPath}/spends/new`);
    await checkPage(page, "personal-budgets-02-spend-form");
    expect(await page.getByTestId("balance").innerText()).toContain(pounds(startingBalance));

    await page.getByRole("radio", { name: /^Get my teeth sorted/ }).check();
    await page.getByLabel("What is the money for?").selectOption({ label: "Travel" });
    await page.getByLabel("Amount", { exact: true }).fill("12.50");
    await page.getByLabel("Note (optional)").fill(SPEND_NOTE);
    const response = await submitting(page, /\/budget\/spends$/, () => page.getByRole("button", { name: "Record the spend" }).click());
    expect(response.status()).toBe(303);
    expect(new URL(page.url()).pathname).toBe(budgetPath);
    await checkPage(page, "personal-budgets-03-spend-recorded");

    const after = startingBalance - 1_250;
    expect(await banner(page)).toContain(`Spend recorded: balance now ${pounds(after)}`);
    expect(await card(page, "Balance")).toBe(after);
    const ledger = await tableRows(page, "Ledger for");
    const entry = ledger[ledger.length - 1];
    expect(entry?.[1]).toBe(`Travel: ${SPEND_NOTE}`);
    expect(entry?.[2]).toBe("Sam Okafor");
    // A debit is written with a minus sign (U+2212), as the page's typography has it.
    expect(entry?.[3]).toBe("\u2212£12.50");
    expect(entry?.[4]).toBe(pounds(after));
    const spends = await tableRows(page, "Spends from the");
    expect(spends[0]).toEqual(expect.arrayContaining(["Travel", "£12.50", "Approved"]));
  });

  it("is stopped by a spend larger than the balance, then asks a manager for an exception", async () => {
    const balance = await card(page, "Balance");
    await navigating(page, () => page.getByRole("button", { name: "Record a spend" }).click());
    await page.getByRole("radio", { name: /^Keep this flat/ }).check();
    await page.getByLabel("What is the money for?").selectOption({ label: "Furniture and household" });
    await page.getByLabel("Amount", { exact: true }).fill("5000");
    await page.getByLabel("Note (optional)").fill("Washing machine");
    const refused = await submitting(page, /\/budget\/spends$/, () => page.getByRole("button", { name: "Record the spend" }).click());
    expect(refused.status()).toBe(409);
    await checkPage(page, "personal-budgets-04-overspend");

    const summary = await page.locator(".govuk-error-summary").innerText();
    expect(summary).toContain("There is a problem");
    expect(summary).toContain(`This spend of £5,000.00 would take the`);
    expect(summary).toContain(`balance below zero: ${pounds(balance)} is left`);
    // What was typed is kept, and the exception question is open.
    expect(await page.getByLabel("Amount", { exact: true }).inputValue()).toBe("5000");
    expect(await page.getByLabel("What is the money for?").inputValue()).toBe("furniture-household");
    const exception = page.getByRole("checkbox", { name: "Ask a manager for an exception" });
    await exception.check();
    expect(await exception.isChecked()).toBe(true);
    const reason = page.getByLabel("Why should the balance go below zero?");
    expect(await reason.isVisible()).toBe(true);
    await reason.fill(EXCEPTION_REASON);
    const sent = await submitting(page, /\/budget\/spends$/, () => page.getByRole("button", { name: "Record the spend" }).click());
    expect(sent.status()).toBe(303);
    expect(new URL(page.url()).pathname).toBe(budgetPath);
    await checkPage(page, "personal-budgets-05-exception-requested");

    const text = await banner(page);
    expect(text).toContain("Sent to a manager for approval");
    expect(text).toContain("The spend of £5,000.00 is more than the balance");
    // Waiting for a manager does not take money from the balance.
    expect(await card(page, "Balance")).toBe(balance);
    expect(await card(page, "Awaiting approval")).toBe(500_000);
    const spends = await tableRows(page, "Spends from the");
    const waiting = spends.find((row) => row.includes("£5,000.00"));
    expect(waiting?.join(" ")).toContain("Awaiting approval");
    expect(waiting?.join(" ")).toContain("Exception asked for");
    expect(await page.locator("main").innerText()).toContain("1 spend of £5,000.00 is awaiting a manager's approval.");
  });

  it("adds a receipt to the £12.50 spend and downloads the same file", async () => {
    await navigating(page, () => page.getByRole("link", { name: /^View the spend of £12\.50 on / }).click());
    smallSpendPath = new URL(page.url()).pathname;
    expect(smallSpendPath).toMatch(/\/budget\/spends\/[^/]+$/);
    await checkPage(page, "personal-budgets-06-spend");
    expect(await page.locator("main").innerText()).toContain("No receipts yet.");

    const file = join(scratch, "bus-ticket.png");
    await writeFile(file, PNG);
    await page.getByLabel("Add a receipt").setInputFiles(file);
    const uploaded = await submitting(page, /\/receipts$/, () => page.getByRole("button", { name: "Upload the receipt" }).click());
    expect(uploaded.status()).toBe(303);
    expect(new URL(page.url()).pathname).toBe(smallSpendPath);
    await checkPage(page, "personal-budgets-07-spend-with-receipt");
    expect(await banner(page)).toContain("Receipt added");
    const receipts = await tableRows(page, "Receipts for this spend");
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.[0]).toBe("bus-ticket.png");
    expect(receipts[0]?.[2]).toMatch(/^Sam Okafor, /);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "bus-ticket.png" }).click()]);
    expect(download.suggestedFilename()).toBe("bus-ticket.png");
    const saved = join(scratch, "downloaded.png");
    await download.saveAs(saved);
    expect(Buffer.compare(await readFile(saved), PNG)).toBe(0);
    expectNoBrowserProblems(page);
  });

  it("cancels the £12.50 spend with a reason, and the ledger pays it back", async () => {
    await page.getByLabel("Why is it being cancelled?").fill(CANCEL_REASON);
    const cancelled = await submitting(page, /\/cancel$/, () => page.getByRole("button", { name: "Cancel the spend" }).click());
    expect(cancelled.status()).toBe(303);
    expect(new URL(page.url()).pathname).toBe(smallSpendPath);
    await checkPage(page, "personal-budgets-08-spend-cancelled");
    const text = await banner(page);
    expect(text).toContain("Spend cancelled");
    expect(text).toContain(`balance is ${pounds(startingBalance)}`);
    const details = await page.locator(".govuk-summary-list").innerText();
    expect(details).toContain("Cancelled");
    expect(details).toContain(CANCEL_REASON);
    // Nothing left to cancel.
    expect(await page.getByRole("button", { name: "Cancel the spend" }).count()).toBe(0);

    await navigating(page, () => page.getByRole("link", { name: "Back to the budget" }).click());
    await checkPage(page, "personal-budgets-09-budget-after-cancelling");
    expect(await card(page, "Balance")).toBe(startingBalance);
    const ledger = await tableRows(page, "Ledger for");
    const [spend, reversal] = ledger.slice(-2);
    expect(spend?.[1]).toBe(`Travel: ${SPEND_NOTE}`);
    expect(reversal?.[1]).toBe(`Cancelled: Travel (${CANCEL_REASON})`);
    expect(reversal?.[3]).toBe("+£12.50");
    expect(reversal?.[4]).toBe(pounds(startingBalance));
  });

  it("downloads the ledger as a CSV with a header row", async () => {
    const link = page.getByRole("link", { name: /ledger as a spreadsheet \(CSV\)/ });
    const href = await link.getAttribute("href");
    expect(href).toMatch(/\/budget\/ledger\.csv\?year=/);
    const response = await page.request.get(href ?? "");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/csv/);
    expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="budget-dean-holloway-/);
    const lines = (await response.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("Date recorded,Date of spend,Entry,Category,Goal,Description,Amount (£),Balance (£),Recorded by");
    expect(lines.some((line) => line.includes(`Cancelled: Travel (${CANCEL_REASON})`))).toBe(true);
    expect(lines.filter((line) => line.trim() !== "").length).toBeGreaterThan(2);
  });

  it("records a small spend with the keyboard alone", async () => {
    const balance = await card(page, "Balance");
    await page.goto(budgetPath);
    await tabTo(page, page.getByRole("button", { name: "Record a spend" }));
    await navigating(page, () => page.keyboard.press("Enter"));
    expect(new URL(page.url()).pathname).toBe(`${budgetPath}/spends/new`);

    // The goals are radios: Tab reaches the first of the group and Space chooses it.
    const firstGoal = page.getByRole("radio").first();
    await tabTo(page, firstGoal);
    await page.keyboard.press("Space");
    expect(await firstGoal.isChecked()).toBe(true);

    const category = page.getByLabel("What is the money for?");
    await tabTo(page, category, 3);
    // A closed select chooses the option whose words are typed.
    await page.keyboard.type("Food");
    expect(await category.inputValue()).toBe("food-essentials");

    await tabTo(page, page.getByLabel("Amount", { exact: true }), 3);
    await page.keyboard.type("3.20");
    await tabTo(page, page.getByLabel("Note (optional)"), 6);
    await page.keyboard.type("Milk and bread");

    const button = page.getByRole("button", { name: "Record the spend" });
    await tabTo(page, button, 6);
    await checkPage(page, "personal-budgets-10-keyboard-spend-form");
    const response = await submitting(page, /\/budget\/spends$/, () => page.keyboard.press("Enter"));
    expect(response.status()).toBe(303);
    expect(new URL(page.url()).pathname).toBe(budgetPath);
    await checkPage(page, "personal-budgets-11-keyboard-spend-recorded");
    expect(await banner(page)).toContain(`Spend recorded: balance now ${pounds(balance - 320)}`);
    const ledger = await tableRows(page, "Ledger for");
    expect(ledger[ledger.length - 1]?.[1]).toBe("Food and essentials: Milk and bread");
  });
});

describe("a manager decides on spends and changes the approval threshold", () => {
  let page: Page;

  beforeAll(async () => {
    page = await keywork.newPage();
    await signIn(page, "manager@demo.test");
  });

  it("finds the spends awaiting approval from the team page", async () => {
    await page.goto("/team");
    await checkPage(page, "personal-budgets-12-team");
    await navigating(page, () => page.getByRole("link", { name: /^Personal budgets: 2 spends awaiting approval$/ }).click());
    expect(new URL(page.url()).pathname).toBe("/personal-budgets/approvals");
    await checkPage(page, "personal-budgets-13-approvals");

    expect(await page.locator("main").innerText()).toContain("2 spends waiting, oldest first.");
    const rows = await tableRows(page, "Spends awaiting approval");
    expect(rows).toHaveLength(2);
    const kyle = rows.find((row) => row[0] === "Kyle Bennett");
    const dean = rows.find((row) => row[0] === "Dean Holloway");
    expect(kyle?.[1]).toBe("£375.00");
    expect(kyle?.[2]).toContain("Housing (deposit, rent in advance, moving)");
    expect(kyle?.[5]).toBe("No");
    expect(dean?.[1]).toBe("£5,000.00");
    expect(dean?.[3]).toMatch(/^Sam Okafor, /);
    expect(dean?.[5]).toBe("Beyond the balance");
  });

  it("approves Kyle Bennett's room deposit", async () => {
    await navigating(page, () => page.getByRole("link", { name: "Decide on the spend of £375.00 for Kyle Bennett" }).click());
    await checkPage(page, "personal-budgets-14-decide-deposit");
    const main = await page.locator("main").innerText();
    expect(main).toContain("Deposit and a week's rent in advance");
    expect(main).toContain("Awaiting approval");

    await page.getByRole("radio", { name: "Approve" }).check();
    await page.getByLabel("Reason").fill("Agreed: the room is affordable on his Universal Credit and near his probation office");
    const saved = await submitting(page, /\/decision$/, () => page.getByRole("button", { name: "Save the decision" }).click());
    expect(saved.status()).toBe(303);
    await checkPage(page, "personal-budgets-15-deposit-approved");
    const text = await banner(page);
    expect(text).toContain("Spend approved");
    expect(text).toMatch(/balance is now £[\d,]+\.\d\d/);
    const details = await page.locator(".govuk-summary-list").innerText();
    expect(details).toContain("Approved by");
    expect(details).toContain("Helen Marsh");
  });

  it("declines the exception for Dean Holloway, with a reason", async () => {
    await page.goto("/personal-budgets/approvals");
    await checkPage(page, "personal-budgets-16-approvals-one-left");
    expect(await page.locator("main").innerText()).toContain("1 spend waiting, oldest first.");
    await navigating(page, () => page.getByRole("link", { name: "Decide on the spend of £5,000.00 for Dean Holloway" }).click());
    await checkPage(page, "personal-budgets-17-decide-exception");
    const main = await page.locator("main").innerText();
    expect(main).toContain(EXCEPTION_REASON);
    expect(main).toContain("more than the balance");

    await page.getByRole("radio", { name: "Decline" }).check();
    await page.getByLabel("Reason").fill("Too much from one year's budget: ask the furniture project for a reconditioned machine first");
    const saved = await submitting(page, /\/decision$/, () => page.getByRole("button", { name: "Save the decision" }).click());
    expect(saved.status()).toBe(303);
    await checkPage(page, "personal-budgets-18-exception-declined");
    expect(await banner(page)).toContain("Spend declined");
    const details = await page.locator(".govuk-summary-list").innerText();
    expect(details).toContain("Declined by");
    expect(details).toContain("ask the furniture project");

    await page.goto("/personal-budgets/approvals");
    expect(await page.locator("main").innerText()).toContain("No spends are waiting for approval.");
  });

  it("changes the team's approval threshold in the personal budget settings", async () => {
    await navigating(page, () => page.getByRole("link", { name: "Personal budget settings" }).click());
    expect(new URL(page.url()).pathname).toBe("/settings/personal-budgets");
    await checkPage(page, "personal-budgets-19-settings");
    const threshold = page.getByLabel("Approval threshold");
    expect(await threshold.inputValue()).toBe("100.00");
    await threshold.fill("150");
    const saved = await submitting(page, /^\/settings\/personal-budgets$/, () => page.getByRole("button", { name: "Save", exact: true }).click());
    expect(saved.status()).toBe(303);
    await checkPage(page, "personal-budgets-20-settings-saved");
    const text = await banner(page);
    expect(text).toContain("Personal budget settings saved");
    expect(text).toContain("a manager approves spends over £150.00");
    expect(await page.getByLabel("Approval threshold").inputValue()).toBe("150.00");
    expect(await page.locator("main").innerText()).toContain("Spends over £150.00 need a manager's approval.");
    expect(await page.locator("main").innerText()).toMatch(/Last changed by Helen Marsh, /);
  });
});

describe("without JavaScript, a key worker", () => {
  let page: Page;

  beforeAll(async () => {
    page = await keywork.newPage({ javaScriptEnabled: false });
    await signIn(page, "worker@demo.test");
  });

  it("records a spend with the plain HTML form", async () => {
    await page.goto(budgetPath);
    await checkPage(page, "personal-budgets-21-no-js-budget");
    const balance = await card(page, "Balance");
    // The threshold the manager just set applies.
    expect(await page.getByTestId("threshold").innerText()).toContain("Spends over £150.00 need a manager's approval.");
    await navigating(page, () => page.getByRole("button", { name: "Record a spend" }).click());
    await checkPage(page, "personal-budgets-22-no-js-spend-form");
    expect(await page.locator("body.js-enabled").count()).toBe(0);

    await page.getByRole("radio", { name: /^Get back in touch with my daughter/ }).check();
    await page.getByLabel("What is the money for?").selectOption({ label: "Family and friends" });
    await page.getByLabel("Amount", { exact: true }).fill("8.99");
    await page.getByLabel("Note (optional)").fill("Birthday card and stamps for Kayleigh");
    const response = await submitting(page, /\/budget\/spends$/, () => page.getByRole("button", { name: "Record the spend" }).click());
    expect(response.status()).toBe(303);
    await checkPage(page, "personal-budgets-23-no-js-spend-recorded");
    expect(await banner(page)).toContain(`Spend recorded: balance now ${pounds(balance - 899)}`);
  });

  it("can give the reason for an exception: the field is there without the script that reveals it", async () => {
    await navigating(page, () => page.getByRole("button", { name: "Record a spend" }).click());
    const reason = page.getByLabel("Why should the balance go below zero?");
    // Nothing hides the conditional field without JavaScript.
    expect(await reason.isVisible()).toBe(true);
    await page.getByRole("radio", { name: /^Keep this flat/ }).check();
    await page.getByLabel("What is the money for?").selectOption({ label: "Furniture and household" });
    await page.getByLabel("Amount", { exact: true }).fill("2000");
    await page.getByRole("checkbox", { name: "Ask a manager for an exception" }).check();
    await reason.fill("A bed frame and mattress: he is sleeping on the floor");
    await checkPage(page, "personal-budgets-24-no-js-exception-filled");
    const response = await submitting(page, /\/budget\/spends$/, () => page.getByRole("button", { name: "Record the spend" }).click());
    expect(response.status()).toBe(303);
    await checkPage(page, "personal-budgets-25-no-js-exception-requested");
    expect(await banner(page)).toContain("Sent to a manager for approval");
    const spends = await tableRows(page, "Spends from the");
    const waiting = spends.find((row) => row.includes("£2,000.00"));
    expect(waiting?.join(" ")).toContain("Awaiting approval");
    expect(waiting?.join(" ")).toContain("Exception asked for");
  });
});
