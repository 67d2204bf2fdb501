import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf, type HttpClient } from "../../test/support/http.ts";
import { fixedClock } from "../platform/clock.ts";
import { queryRows } from "../platform/database/query.ts";
import { paths } from "../platform/http/paths.ts";

const TODAY = "2026-04-15";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({}, { clock: fixedClock(TODAY) });
});
afterAll(async () => {
  await testApp.close();
});

interface Team {
  tenant: TestTenant;
  worker: TestUser;
  manager: TestUser;
  secondManager: TestUser;
  otherManager: TestUser;
}

/** A partnership of its own for each test, so one test's settings never reach another. */
async function team(): Promise<Team> {
  const { db } = testApp.database;
  const tenant = await createTenant(db);
  return {
    tenant,
    worker: await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" }),
    manager: await createUser(db, tenant, { roles: ["manager"], name: "Helen Marsh" }),
    secondManager: await createUser(db, tenant, { roles: ["manager"], name: "Kofi Mensah" }),
    otherManager: await createUser(db, tenant, { roles: ["manager"], team: "other" }),
  };
}

async function as(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  await client.signInBrowser(user.email, TEST_PASSWORD);
  return client;
}

async function savedSettings(tenant: TestTenant) {
  return queryRows<{ team_id: string; yearly_allocation_pence: number; approval_threshold_pence: number; year_start_month: number; version: number }>(
    testApp.database.db,
    sql`SELECT team_id, yearly_allocation_pence, approval_threshold_pence, year_start_month, version FROM personal_budget_settings WHERE tenant_id = ${tenant.tenantId}`,
  );
}

async function save(client: HttpClient, fields: Record<string, string>): Promise<Response> {
  return client.submitForm(paths.settings.personalBudgets(), paths.settings.personalBudgets(), fields);
}

describe("personal budget settings", () => {
  it("shows the team's defaults to a manager and saves new ones, which only budget years not yet opened take", async () => {
    const t = await team();
    const { db } = testApp.database;
    const opened = await createPerson(db, t.tenant, { givenName: "Dean", members: [{ user: t.worker, role: "lead" }] });
    const client = await as(t.manager);
    // The worker opens this year's budget for Dean (with the default £1,000) before the change.
    expect((await (await as(t.worker)).get(paths.people.budget(opened.id))).status).toBe(200);

    const page = await (await client.get(paths.settings.personalBudgets())).text();
    expect(page).toContain('value="1000.00"');
    expect(page).toContain('value="100.00"');
    expect(page).toMatch(/<option value="4" selected>April<\/option>/);
    expect(page).toContain('name="version" value="0"');
    expect(textOf(page)).toContain("A new allocation applies to budget years not yet opened");

    const response = await save(client, { version: "0", yearlyAllocation: "£1,500", approvalThreshold: "50", yearStartMonth: "4" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(paths.settings.personalBudgets());
    const after = await (await client.get(paths.settings.personalBudgets())).text();
    expect(textOf(after)).toContain("Personal budget settings saved");
    expect(textOf(after)).toContain("£1,500.00 a year for each person, from budget years not yet opened; a manager approves spends over £50.00");
    expect(textOf(after)).toContain("Last changed by Helen Marsh");
    expect(after).toContain('value="1500.00"');
    expect(await savedSettings(t.tenant)).toEqual([{ team_id: t.tenant.teamId, yearly_allocation_pence: 150_000, approval_threshold_pence: 5_000, year_start_month: 4, version: 1 }]);
    expect(await auditRows(db, t.tenant.tenantId, { action: "budget.settings.save" })).toHaveLength(1);

    // Dean's open year keeps its £1,000; someone whose year opens now gets £1,500; the new threshold shows.
    const deanPage = textOf(await (await (await as(t.worker)).get(paths.people.budget(opened.id))).text());
    expect(deanPage).toMatch(/Allocation £1,000\.00/);
    expect(deanPage).toContain("Spends over £50.00 need a manager's approval.");
    const newcomer = await createPerson(db, t.tenant, { givenName: "Aisha", members: [{ user: t.worker, role: "lead" }] });
    expect(textOf(await (await (await as(t.worker)).get(paths.people.budget(newcomer.id))).text())).toMatch(/Allocation £1,500\.00/);
  });

  it("refuses a stale version with 409, showing what is saved now, and keeps the newer settings", async () => {
    const t = await team();
    const first = await as(t.manager);
    const second = await as(t.secondManager);
    const firstPage = await (await first.get(paths.settings.personalBudgets())).text();
    expect((await save(second, { version: "0", yearlyAllocation: "800", approvalThreshold: "75", yearStartMonth: "1" })).status).toBe(303);
    const stale = await first.request("POST", paths.settings.personalBudgets(), {
      form: { _csrf: csrfTokenIn(firstPage), version: "0", yearlyAllocation: "2000", approvalThreshold: "100", yearStartMonth: "4" },
    });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    const text = textOf(html);
    expect(text).toContain("Someone else changed these settings after you opened the page");
    expect(text).toMatch(/Yearly allocation £800\.00 Approval threshold £75\.00 The budget year starts in January/);
    expect(html).toContain('value="2000"');
    expect(html).toContain('name="version" value="1"');
    expect((await savedSettings(t.tenant))[0]).toMatchObject({ yearly_allocation_pence: 80_000, approval_threshold_pence: 7_500, year_start_month: 1, version: 1 });
  });

  it("says what is wrong with each field and saves nothing", async () => {
    const t = await team();
    const client = await as(t.manager);
    const response = await save(client, { version: "0", yearlyAllocation: "lots", approvalThreshold: "", yearStartMonth: "13" });
    expect(response.status).toBe(400);
    const html = await response.text();
    const text = textOf(html);
    expect(text).toContain("Error: Personal budgets");
    expect(text).toContain("Enter a yearly allocation from £0 to £100,000.00, such as 1000");
    expect(text).toContain("Enter an approval threshold from £0 to £100,000.00, such as 100");
    expect(text).toContain("Choose the month the budget year starts");
    expect(html).toContain('value="lots"');
    expect(html).toContain('href="#yearlyAllocation"');
    const noVersion = await save(client, { yearlyAllocation: "100", approvalThreshold: "10", yearStartMonth: "4" });
    expect(noVersion.status).toBe(400);
    expect(textOf(await noVersion.text())).toContain("Reload the page and make your changes again");
    expect(await savedSettings(t.tenant)).toEqual([]);
  });

  it("is for managers only, each for their own team", async () => {
    const t = await team();
    const worker = await as(t.worker);
    expect((await worker.get(paths.settings.personalBudgets())).status).toBe(403);
    const refused = await worker.submitForm(paths.caseload(), paths.settings.personalBudgets(), { version: "0", yearlyAllocation: "5000", approvalThreshold: "1000", yearStartMonth: "4" });
    expect(refused.status).toBe(403);
    expect(await savedSettings(t.tenant)).toEqual([]);
    expect((await save(await as(t.otherManager), { version: "0", yearlyAllocation: "300", approvalThreshold: "20", yearStartMonth: "9" })).status).toBe(303);
    expect((await savedSettings(t.tenant)).map((row) => row.team_id)).toEqual([t.tenant.otherTeamId]);
  });
});
