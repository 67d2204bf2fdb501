import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClients, startTestApp, type TestApp } from "../../test/support/app.ts";
import { linkCarer } from "../../test/support/chronology.ts";
import { auditRows, createPerson, createTenant, createUser, type TestPerson, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf } from "../../test/support/http.ts";
import { fixedClock } from "../platform/clock.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import { paths } from "../platform/http/paths.ts";
import { goals } from "../plans/tables.ts";

/** Every page here is seen on 15 April 2026: the 2026 to 2027 budget year (April to March) is a fortnight old. */
const TODAY = "2026-04-15";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

let testApp: TestApp;
let tenant: TestTenant;
let worker: TestUser;
let manager: TestUser;
let partner: TestUser;
let outsider: TestUser;
let carer: TestUser;

beforeAll(async () => {
  testApp = await startTestApp({}, { clock: fixedClock(TODAY) });
  const { db } = testApp.database;
  tenant = await createTenant(db);
  worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  manager = await createUser(db, tenant, { roles: ["manager"], name: "Helen Marsh" });
  partner = await createUser(db, tenant, { roles: ["partner"], partner: true, name: "Marcus Bell" });
  outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
  carer = await createUser(db, tenant, { roles: ["carer"], team: "none", name: "Maureen Holloway" });
});
afterAll(async () => {
  await testApp.close();
});

const as = signedInClients(() => testApp, "browser");

/** A person with the worker as lead, the partner in their team, a linked carer, and one goal being worked on. */
async function personWithGoal(options: { goal?: boolean } = {}): Promise<{ person: TestPerson; goalId: string }> {
  const { db } = testApp.database;
  const person = await createPerson(db, tenant, { givenName: "Dean", members: [{ user: worker, role: "lead" }, { user: partner, role: "partner" }] });
  await linkCarer(db, tenant, person, carer);
  const goalId = newId();
  if (options.goal !== false) await db.insert(goals).values({ id: goalId, tenantId: tenant.tenantId, personId: person.id, description: "Get my own flat", status: "active", createdBy: worker.id });
  return { person, goalId };
}

async function spendRows(personId: string) {
  return queryRows<{ id: string; status: string; amount_pence: number; version: number }>(
    testApp.database.db,
    sql`SELECT id, status, amount_pence, version FROM budget_spends WHERE tenant_id = ${tenant.tenantId} AND person_id = ${personId} ORDER BY created_at`,
  );
}

/** Records a spend through the form as the worker; the fields are what a person would type. */
async function recordSpend(personId: string, fields: Record<string, string>, user: TestUser = worker): Promise<Response> {
  return (await as(user)).submitForm(paths.people.newBudgetSpend(personId), paths.people.budgetSpends(personId), fields);
}

async function recordedSpendId(personId: string, fields: Record<string, string>): Promise<string> {
  const response = await recordSpend(personId, fields);
  expect(response.status).toBe(303);
  const rows = await spendRows(personId);
  const last = rows[rows.length - 1];
  if (!last) throw new Error("no spend was recorded");
  return last.id;
}

async function pageText(user: TestUser, path: string): Promise<string> {
  const response = await (await as(user)).get(path);
  expect(response.status).toBe(200);
  return textOf(await response.text());
}

/** Posts the receipt form as a browser would: multipart, the CSRF token first, with the session cookies. */
async function uploadReceipt(user: TestUser, personId: string, spendId: string, file: { name: string; type: string; bytes: Buffer }, options: { token?: boolean } = {}): Promise<Response> {
  const client = await as(user);
  const page = await (await client.get(paths.people.budgetSpend(personId, spendId))).text();
  const form = new FormData();
  if (options.token !== false) form.append("_csrf", csrfTokenIn(page));
  form.append("receipt", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const cookie = ["keywork_session", "_csrf"].map((name) => `${name}=${client.cookie(name) ?? ""}`).join("; ");
  return fetch(testApp.baseUrl + paths.people.budgetSpendReceipts(personId, spendId), { method: "POST", body: form, headers: { cookie }, redirect: "manual" });
}

async function receiptIds(spendId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(testApp.database.db, sql`SELECT id FROM budget_receipts WHERE tenant_id = ${tenant.tenantId} AND spend_id = ${spendId} ORDER BY uploaded_at`);
  return rows.map((row) => row.id);
}

describe("the budget page", () => {
  it("shows the year's allocation, balance, the threshold in words, empty states and the opening ledger entry", async () => {
    const { person } = await personWithGoal();
    const text = await pageText(worker, paths.people.budget(person.id));
    expect(text).toContain("Personal budget: 2026 to 2027");
    expect(text).toMatch(/Allocation £1,000\.00 Spent £0\.00 Awaiting approval £0\.00 Balance £1,000\.00/);
    expect(text).toContain("Spends over £100.00 need a manager's approval.");
    expect(text).toContain("No spends yet this year.");
    expect(text).toContain("Nothing has been spent this year yet.");
    expect(text).toContain("Allocation for 2026 to 2027");
    expect(text).toContain("Record a spend");
    expect(text).toContain("Download the 2026 to 2027 ledger as a spreadsheet (CSV)");
    const html = await (await (await as(worker)).get(paths.people.budget(person.id))).text();
    expect(html).toContain(`href="${paths.people.budgetLedgerCsv(person.id, { year: "2026" })}"`);
    expect(html).toContain('<option value="2026" selected>2026 to 2027 (this year)</option>');
  });

  it("shows spends, spend by category and the ledger's running balance after spends", async () => {
    const { person, goalId } = await personWithGoal();
    await recordedSpendId(person.id, { goalId, category: "travel", amount: "25.50", spentOn: TODAY, note: "Bus pass" });
    await recordedSpendId(person.id, { goalId, category: "travel", amount: "£4.50", spentOn: "2026-04-10" });
    await recordedSpendId(person.id, { goalId, category: "clothing", amount: "150", spentOn: TODAY, note: "Interview suit" });
    const text = await pageText(worker, paths.people.budget(person.id));
    expect(text).toMatch(/Allocation £1,000\.00 Spent £30\.00 Awaiting approval £150\.00 Balance £970\.00/);
    expect(text).toContain("Travel £30.00 Total £30.00");
    expect(text).toContain("Travel: £30.00. The table below gives the same amounts.");
    expect(text).toMatch(/15 April 2026 Get my own flat Clothing and footwear £150\.00 Awaiting approval/);
    expect(text).toMatch(/Travel: Bus pass Sam Okafor −£25\.50 £974\.50/);
    expect(text).toContain("−£4.50 £970.00");
    expect(text).toContain("1 spend of £150.00 is awaiting a manager's approval.");
  });

  it("shows an earlier year with no budget, and refuses a year that is not a year", async () => {
    const { person } = await personWithGoal();
    const text = await pageText(worker, paths.people.budget(person.id, { year: "2024" }));
    expect(text).toContain("Personal budget: 2024 to 2025");
    expect(text).toContain("Dean");
    expect(text).toContain("had no budget open for 2024 to 2025");
    const bad = await (await as(worker)).get(paths.people.budget(person.id, { year: "last" }));
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain("Choose a budget year, such as 2026");
  });

  it("is not found for a partner in the team, a worker of another team and a carer", async () => {
    const { person } = await personWithGoal();
    for (const user of [partner, outsider, carer]) {
      expect((await (await as(user)).get(paths.people.budget(person.id))).status).toBe(404);
      expect((await (await as(user)).get(paths.people.budgetLedgerCsv(person.id))).status).toBe(404);
    }
  });
});

describe("recording a spend through the form", () => {
  it("offers the person's goals and categories, the balance and the threshold", async () => {
    const { person } = await personWithGoal();
    const html = await (await (await as(worker)).get(paths.people.newBudgetSpend(person.id))).text();
    expect(html).toContain('inputmode="decimal"');
    expect(html).toContain(`value="${TODAY}"`);
    expect(textOf(html)).toContain("The 2026 to 2027 balance is £1,000.00 of £1,000.00.");
    expect(textOf(html)).toContain("Spends over £100.00 need a manager's approval.");
    expect(textOf(html)).toContain("Get my own flat");
    expect(textOf(html)).toContain("Housing (deposit, rent in advance, moving)");
    expect(html).toContain('id="exceptionReason"');
  });

  it("explains and links to the plan when the person has no goal yet", async () => {
    const { person } = await personWithGoal({ goal: false });
    const html = await (await (await as(worker)).get(paths.people.newBudgetSpend(person.id))).text();
    expect(textOf(html)).toContain("they have no goal being worked on yet");
    expect(html).toContain(`href="${paths.people.newGoal(person.id)}"`);
    const response = await recordSpend(person.id, { category: "travel", amount: "5" });
    expect(response.status).toBe(400);
    expect(textOf(await response.text())).toContain("Add a goal to the person's plan first");
  });

  it("approves a spend within the threshold at once and sends a larger one to a manager", async () => {
    const { person, goalId } = await personWithGoal();
    const small = await recordSpend(person.id, { goalId, category: "phone-internet", amount: "25.50", spentOn: TODAY });
    expect(small.status).toBe(303);
    expect(small.headers.get("location")).toBe(paths.people.budget(person.id));
    expect(await pageText(worker, paths.people.budget(person.id))).toContain("Spend recorded: balance now £974.50");
    const large = await recordSpend(person.id, { goalId, category: "furniture-household", amount: "180", spentOn: TODAY });
    expect(large.status).toBe(303);
    const text = await pageText(worker, paths.people.budget(person.id));
    expect(text).toContain("Sent to a manager for approval");
    expect(text).toContain("over the £100.00 approval threshold");
    expect((await spendRows(person.id)).map((row) => [row.status, row.amount_pence])).toEqual([
      ["approved", 2550],
      ["awaiting-approval", 18000],
    ]);
  });

  it("charges a spend dated last budget year to that year", async () => {
    const { person, goalId } = await personWithGoal();
    const response = await recordSpend(person.id, { goalId, category: "travel", amount: "12", spentOn: "2026-03-20" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(paths.people.budget(person.id, { year: "2025" }));
  });

  it("refuses an overspend with 409, opens the exception question, then sends it with a reason to a manager", async () => {
    const { person, goalId } = await personWithGoal();
    const response = await recordSpend(person.id, { goalId, category: "housing", amount: "1200", spentOn: TODAY, note: "Deposit" });
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(textOf(html)).toContain("This spend of £1,200.00 would take the 2026 to 2027 balance below zero: £1,000.00 is left.");
    expect(html).toMatch(/id="requestException" name="requestException" type="checkbox" value="yes" checked/);
    expect(html).toContain('value="1200"');
    expect(await spendRows(person.id)).toHaveLength(0);

    const noReason = await recordSpend(person.id, { goalId, category: "housing", amount: "1200", spentOn: TODAY, requestException: "yes", exceptionReason: "" });
    expect(noReason.status).toBe(400);
    expect(textOf(await noReason.text())).toContain("Say why the balance should go below zero");

    const asked = await recordSpend(person.id, { goalId, category: "housing", amount: "1200", spentOn: TODAY, requestException: "yes", exceptionReason: "The flat goes to someone else on Friday" });
    expect(asked.status).toBe(303);
    expect(await pageText(worker, paths.people.budget(person.id))).toContain("a manager will decide whether to allow it as an exception");
    expect((await spendRows(person.id)).map((row) => row.status)).toEqual(["awaiting-approval"]);
  });

  it("keeps the input, says what is wrong in plain words and writes nothing", async () => {
    const { person, goalId } = await personWithGoal();
    const response = await recordSpend(person.id, { goalId: "", category: "", amount: "twelve pounds", spentOn: "2026-02-30", note: "Keep this note" });
    expect(response.status).toBe(400);
    const html = await response.text();
    const text = textOf(html);
    expect(text).toContain("Error: Record a spend");
    expect(text).toContain("Choose the goal this spend is towards");
    expect(text).toContain("Choose what the money is for");
    expect(text).toContain("Enter an amount in pounds and pence, such as 25.50");
    expect(text).toContain("Enter a real date for the spend");
    expect(text).toContain("Keep this note");
    expect(html).toContain('href="#amount"');
    // In the order of the form: goal, category, amount, date.
    expect(text.indexOf("Choose the goal")).toBeLessThan(text.indexOf("Choose what the money"));
    expect(text.indexOf("Choose what the money")).toBeLessThan(text.indexOf("Enter an amount in pounds"));
    const zero = await recordSpend(person.id, { goalId, category: "travel", amount: "0", spentOn: "2024-01-01" });
    expect(zero.status).toBe(400);
    const zeroText = textOf(await zero.text());
    expect(zeroText).toContain("Enter an amount of more than £0, such as 25.50");
    expect(zeroText).toContain("The date must be in this budget year or the last one");
    expect(await spendRows(person.id)).toHaveLength(0);
  });

  it("is forbidden to the manager's read-only colleagues and not found to others", async () => {
    const { person, goalId } = await personWithGoal();
    const psychologist = await createUser(testApp.database.db, tenant, { roles: ["psychologist"] });
    expect((await (await as(psychologist)).get(paths.people.budget(person.id))).status).toBe(200);
    expect((await (await as(psychologist)).get(paths.people.newBudgetSpend(person.id))).status).toBe(403);
    const response = await (await as(outsider)).submitForm(paths.caseload(), paths.people.budgetSpends(person.id), { goalId, category: "travel", amount: "5" });
    expect(response.status).toBe(404);
    expect(await spendRows(person.id)).toHaveLength(0);
  });
});

describe("deciding and cancelling through the spend page", () => {
  it("lets a manager approve a spend awaiting approval and refuses a decision on a stale version", async () => {
    const { person, goalId } = await personWithGoal();
    const spendId = await recordedSpendId(person.id, { goalId, category: "furniture-household", amount: "180", spentOn: TODAY, note: "A bed" });
    const workerView = await pageText(worker, paths.people.budgetSpend(person.id, spendId));
    expect(workerView).toContain("A manager of the person's team will approve or decline this spend.");
    expect(workerView).not.toContain("Save the decision");

    const managerView = await (await (await as(manager)).get(paths.people.budgetSpend(person.id, spendId))).text();
    expect(managerView).toContain('name="version" value="1"');
    expect(textOf(managerView)).toContain("Approve or decline");
    const path = paths.people.budgetSpend(person.id, spendId);
    const missing = await (await as(manager)).submitForm(path, paths.people.budgetSpendDecision(person.id, spendId), { version: "1" });
    expect(missing.status).toBe(400);
    expect(textOf(await missing.text())).toContain("Choose whether to approve or decline the spend");
    const declineWithoutReason = await (await as(manager)).submitForm(path, paths.people.budgetSpendDecision(person.id, spendId), { version: "1", decision: "decline" });
    expect(declineWithoutReason.status).toBe(400);
    expect(textOf(await declineWithoutReason.text())).toContain("Give the reason for declining");

    const approved = await (await as(manager)).submitForm(path, paths.people.budgetSpendDecision(person.id, spendId), { version: "1", decision: "approve", note: "Needed for the new flat" });
    expect(approved.status).toBe(303);
    expect(approved.headers.get("location")).toBe(path);
    const after = await pageText(manager, path);
    expect(after).toContain("Spend approved");
    expect(after).toContain("The 2026 to 2027 balance is now £820.00.");
    expect(after).toMatch(/Approved by Helen Marsh/);
    expect(after).toContain("Needed for the new flat");

    const stale = await (await as(manager)).submitForm(path, paths.people.budgetSpendDecision(person.id, spendId), { version: "1", decision: "decline", note: "Changed my mind" });
    expect(stale.status).toBe(409);
    expect(textOf(await stale.text())).toContain("This spend has already been approved by Helen Marsh. Nothing was changed.");
    expect((await spendRows(person.id))[0]?.status).toBe("approved");
  });

  it("needs an exception, with a reason, to approve beyond the balance", async () => {
    const { person, goalId } = await personWithGoal();
    const spendId = await recordedSpendId(person.id, { goalId, category: "housing", amount: "1050", spentOn: TODAY, requestException: "yes", exceptionReason: "Deposit due this week" });
    const path = paths.people.budgetSpend(person.id, spendId);
    const page = await pageText(manager, path);
    expect(page).toContain("This spend is £50.00 more than the balance.");
    expect(page).toContain("Deposit due this week");
    const plain = await (await as(manager)).submitForm(path, paths.people.budgetSpendDecision(person.id, spendId), { version: "1", decision: "approve" });
    expect(plain.status).toBe(409);
    expect(textOf(await plain.text())).toContain("Approve it as an exception, with a reason, or decline it.");
    const exception = await (await as(manager)).submitForm(path, paths.people.budgetSpendDecision(person.id, spendId), { version: "1", decision: "approve", approveAsException: "yes", note: "Housing comes first" });
    expect(exception.status).toBe(303);
    const budgetPage = await pageText(worker, paths.people.budget(person.id));
    expect(budgetPage).toContain("The balance is −£50.00: below zero");
    expect(budgetPage).toContain("(approved as an exception)");
  });

  it("cancels an approved spend with a reason, paying it back in the ledger, and refuses a second cancel", async () => {
    const { person, goalId } = await personWithGoal();
    const spendId = await recordedSpendId(person.id, { goalId, category: "travel", amount: "40", spentOn: TODAY });
    const path = paths.people.budgetSpend(person.id, spendId);
    const noReason = await (await as(worker)).submitForm(path, paths.people.budgetSpendCancel(person.id, spendId), { version: "1", reason: " " });
    expect(noReason.status).toBe(400);
    expect(textOf(await noReason.text())).toContain("Say why the spend is being cancelled");
    const cancelled = await (await as(worker)).submitForm(path, paths.people.budgetSpendCancel(person.id, spendId), { version: "1", reason: "Refunded by the shop" });
    expect(cancelled.status).toBe(303);
    const after = await pageText(worker, path);
    expect(after).toContain("Spend cancelled");
    expect(after).toContain("The 2026 to 2027 balance is £1,000.00.");
    expect(after).toContain("Refunded by the shop");
    expect(after).not.toContain("Cancel the spend");
    expect(await pageText(worker, paths.people.budget(person.id))).toContain("Cancelled: Travel (Refunded by the shop)");
    const again = await (await as(worker)).request("POST", paths.people.budgetSpendCancel(person.id, spendId), { form: { _csrf: csrfTokenIn(await (await (await as(worker)).get(path)).text()), version: "1", reason: "Twice" } });
    expect(again.status).toBe(409);
    expect(textOf(await again.text())).toContain("This spend has already been cancelled by Sam Okafor. Nothing was changed.");
  });
});

describe("receipts", () => {
  it("uploads a PNG and a PDF, downloads them with safe headers and identical bytes, and removes one", async () => {
    const { person, goalId } = await personWithGoal();
    const spendId = await recordedSpendId(person.id, { goalId, category: "travel", amount: "9.99", spentOn: TODAY });
    const png = await uploadReceipt(worker, person.id, spendId, { name: "bus ticket.png", type: "image/png", bytes: PNG });
    expect(png.status).toBe(303);
    expect(png.headers.get("location")).toBe(paths.people.budgetSpend(person.id, spendId));
    const pdf = await uploadReceipt(worker, person.id, spendId, { name: "C:\\Users\\sam\\receipt.pdf", type: "application/pdf", bytes: PDF });
    expect(pdf.status).toBe(303);
    const page = await pageText(worker, paths.people.budgetSpend(person.id, spendId));
    expect(page).toContain("Receipt added receipt.pdf");
    expect(page).toContain("bus ticket.png");
    const [pngId, pdfId] = await receiptIds(spendId);
    if (!pngId || !pdfId) throw new Error("the receipts were not saved");

    const download = await (await as(worker)).get(paths.people.budgetReceipt(person.id, pngId));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="bus ticket.png"; filename*=UTF-8''bus%20ticket.png`);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(download.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
    const pdfDownload = await (await as(manager)).get(paths.people.budgetReceipt(person.id, pdfId));
    expect(pdfDownload.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdfDownload.arrayBuffer()).equals(PDF)).toBe(true);

    for (const user of [partner, outsider, carer]) expect((await (await as(user)).get(paths.people.budgetReceipt(person.id, pngId))).status).toBe(404);
    expect((await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "budget.receipt.download" })).length).toBeGreaterThanOrEqual(2);

    const removed = await (await as(worker)).submitForm(paths.people.budgetSpend(person.id, spendId), paths.people.budgetReceiptRemove(person.id, pngId), {});
    expect(removed.status).toBe(303);
    expect(removed.headers.get("location")).toBe(paths.people.budgetSpend(person.id, spendId));
    expect(await pageText(worker, paths.people.budgetSpend(person.id, spendId))).toContain("Receipt removed bus ticket.png");
    expect(await receiptIds(spendId)).toEqual([pdfId]);
    expect((await (await as(worker)).get(paths.people.budgetReceipt(person.id, pngId))).status).toBe(404);
  });

  it("refuses a file that is not what its name says, one over 5 MB, none at all, and a form without its token", async () => {
    const { person, goalId } = await personWithGoal();
    const spendId = await recordedSpendId(person.id, { goalId, category: "travel", amount: "3", spentOn: TODAY });
    const fake = await uploadReceipt(worker, person.id, spendId, { name: "receipt.png", type: "image/png", bytes: Buffer.from("this is only text pretending to be a picture") });
    expect(fake.status).toBe(400);
    expect(textOf(await fake.text())).toContain("The receipt must be a PDF, JPEG, PNG or WebP file");

    const huge = Buffer.alloc(6 * 1024 * 1024, 0);
    PNG.copy(huge);
    const big = await uploadReceipt(worker, person.id, spendId, { name: "big.png", type: "image/png", bytes: huge });
    expect(big.status).toBe(400);
    const bigText = textOf(await big.text());
    expect(bigText).toContain("The receipt must be 5 MB or smaller");
    expect(bigText).toContain("Error: Spend of £3.00");

    const empty = await uploadReceipt(worker, person.id, spendId, { name: "", type: "application/octet-stream", bytes: Buffer.alloc(0) });
    expect(empty.status).toBe(400);
    expect(textOf(await empty.text())).toContain("Choose the receipt");

    const forged = await uploadReceipt(worker, person.id, spendId, { name: "receipt.png", type: "image/png", bytes: PNG }, { token: false });
    expect(forged.status).toBe(403);
    expect(await receiptIds(spendId)).toEqual([]);
  });

  it("turns away an upload from someone not signed in before reading it", async () => {
    const form = new FormData();
    form.append("receipt", new Blob([new Uint8Array(PNG)], { type: "image/png" }), "receipt.png");
    const response = await fetch(testApp.baseUrl + paths.people.budgetSpendReceipts(newId(), newId()), { method: "POST", body: form, redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(paths.signIn());
  });

  it("lets only those who record spends upload", async () => {
    const { person, goalId } = await personWithGoal();
    const spendId = await recordedSpendId(person.id, { goalId, category: "travel", amount: "3", spentOn: TODAY });
    const psychologist = await createUser(testApp.database.db, tenant, { roles: ["psychologist"] });
    const html = await (await (await as(psychologist)).get(paths.people.budgetSpend(person.id, spendId))).text();
    expect(html).not.toContain('type="file"');
    expect((await uploadReceipt(psychologist, person.id, spendId, { name: "r.png", type: "image/png", bytes: PNG })).status).toBe(403);
    expect(await receiptIds(spendId)).toEqual([]);
  });
});

describe("the ledger as CSV", () => {
  it("downloads the year's ledger with a file name, and keeps text that looks like a formula as text", async () => {
    const { person, goalId } = await personWithGoal();
    await recordedSpendId(person.id, { goalId, category: "food-essentials", amount: "12.34", spentOn: TODAY, note: "=HYPERLINK(\"http://example.test\")" });
    // Every cell that starts like a formula is guarded; the note is inside the entry's description, the goal is a cell of its own.
    const formulaGoal = newId();
    await testApp.database.db.insert(goals).values({ id: formulaGoal, tenantId: tenant.tenantId, personId: person.id, description: "=1+2 a sofa", status: "active", createdBy: worker.id });
    await recordedSpendId(person.id, { goalId: formulaGoal, category: "furniture-household", amount: "1", spentOn: TODAY });
    const response = await (await as(worker)).get(paths.people.budgetLedgerCsv(person.id, { year: "2026" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="budget-dean-person[a-z0-9-]*-2026\.csv"/);
    const body = await response.text();
    const lines = body.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("Date recorded,Date of spend,Entry,Category,Goal,Description,Amount (£),Balance (£),Recorded by");
    expect(lines[1]).toContain("Allocation for 2026 to 2027");
    expect(lines[1]).toContain("1000.00,1000.00");
    expect(lines[2]).toContain(`${TODAY},spend,Food and essentials,Get my own flat,`);
    expect(lines[2]).toContain("-12.34,987.66,Sam Okafor");
    expect(lines[2]).toContain('"Food and essentials: =HYPERLINK(""http://example.test"")"');
    expect(lines[3]).toContain(",Furniture and household,'=1+2 a sofa,");
    expect(body).not.toMatch(/(^|,)"?[=+@]/m);
    expect((await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "budget.read" })).some((row) => (row.detail as { purpose?: string }).purpose === "csv")).toBe(true);
  });
});

describe("the manager's approvals, team page and the handover", () => {
  it("lists the team's spends awaiting approval for a manager, links from the team page, and is forbidden to a key worker", async () => {
    const { person, goalId } = await personWithGoal();
    const spendId = await recordedSpendId(person.id, { goalId, category: "education-training", amount: "260", spentOn: TODAY });
    const html = await (await (await as(manager)).get(paths.budgetApprovals())).text();
    const text = textOf(html);
    expect(text).toContain("Spends awaiting approval");
    expect(text).toMatch(/Dean Person[a-z0-9]+ £260\.00 Education, training and work Goal: Get my own flat Sam Okafor/);
    expect(html).toContain(`href="${paths.people.budgetSpend(person.id, spendId)}"`);
    expect(html).toContain(`href="${paths.people.budget(person.id)}"`);
    const team = await pageText(manager, paths.team());
    expect(team).toMatch(/Personal budgets: \d+ spends? awaiting approval/);
    expect(team).toContain("Personal budget settings");
    expect((await (await as(worker)).get(paths.budgetApprovals())).status).toBe(403);
  });

  it("says so when nothing is waiting", async () => {
    const quiet = await createTenant(testApp.database.db);
    const quietManager = await createUser(testApp.database.db, quiet, { roles: ["manager"] });
    expect(await pageText(quietManager, paths.budgetApprovals())).toContain("No spends are waiting for approval.");
    expect(await pageText(quietManager, paths.team())).toContain("Personal budgets: 0 spends awaiting approval");
  });

  it("puts this year's balance, spent and awaiting approval on the handover summary", async () => {
    const { person, goalId } = await personWithGoal();
    await recordedSpendId(person.id, { goalId, category: "travel", amount: "60", spentOn: TODAY });
    await recordedSpendId(person.id, { goalId, category: "clothing", amount: "120", spentOn: TODAY });
    const text = await pageText(worker, paths.people.handover(person.id));
    expect(text).toContain("Personal budget Balance (2026 to 2027) £940.00 of £1,000.00 Spent £60.00 Awaiting approval £120.00 (1 spend)");
    expect(text).toContain("The personal budget and its ledger");
  });
});
