import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, fixedClock } from "../platform/clock.ts";
import { queryRows } from "../platform/database/query.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { insertAction } from "../../test/support/accountability.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf, type HttpClient } from "../../test/support/http.ts";

const TODAY = "2026-06-15";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({}, { clock: fixedClock(TODAY) });
});
afterAll(async () => {
  await testApp.close();
});

async function browserAs(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  expect((await client.signInBrowser(user.email, TEST_PASSWORD)).status).toBe(303);
  return client;
}

async function stored(tenantId: string) {
  return queryRows<{ chase_after_days: number; version: number }>(testApp.database.db, sql`SELECT chase_after_days, version FROM plan_settings WHERE tenant_id = ${tenantId}`);
}

async function scene() {
  const db = testApp.database.db;
  const tenant = await createTenant(db);
  const manager = await createUser(db, tenant, { roles: ["manager"], name: "Helen Marsh" });
  const otherManager = await createUser(db, tenant, { roles: ["manager"], team: "other", name: "Grace Adeyemi" });
  const worker = await createUser(db, tenant, { roles: ["key-worker"] });
  return { tenant, manager, otherManager, worker };
}

async function save(client: HttpClient, fields: Record<string, string>): Promise<Response> {
  return client.submitForm("/settings/plans", "/settings/plans", fields);
}

describe("when to chase overdue actions", () => {
  it("starts at 7 days; a manager changes it, sees it confirmed, and it is audited", async () => {
    const { tenant, manager } = await scene();
    const client = await browserAs(manager);
    const form = await (await client.get("/settings/plans")).text();
    expect(form).toContain('name="chaseAfterDays" type="text" value="7"');
    expect(form).toContain('name="version" value="0"');
    const response = await save(client, { chaseAfterDays: "10", version: "0" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/settings/plans");
    const after = textOf(await (await client.get("/settings/plans")).text());
    expect(after).toContain("Setting saved Open actions go on the chase list when they are 10 days or more overdue.");
    expect(after).toContain("Last changed by Helen Marsh");
    expect(await stored(tenant.tenantId)).toEqual([{ chase_after_days: 10, version: 1 }]);
    const [row] = await auditRows(testApp.database.db, tenant.tenantId, { action: "plan-settings.update" });
    expect(row).toMatchObject({ actor_user_id: manager.id, person_id: null, detail: { chaseAfterDays: 10, previous: 7, version: 1 } });
    // Saved again against the new version.
    expect((await save(client, { chaseAfterDays: "14", version: "1" })).status).toBe(303);
    expect(await stored(tenant.tenantId)).toEqual([{ chase_after_days: 14, version: 2 }]);
  });

  it("moves what is on the chase list", async () => {
    const { tenant, manager, worker } = await scene();
    const person = await createPerson(testApp.database.db, tenant, { members: [{ user: worker, role: "lead" }] });
    await insertAction(testApp.database.db, tenant, person, { description: "Send the licence conditions", dueOn: addDays(TODAY, -4) });
    const workerClient = await browserAs(worker);
    expect(textOf(await (await workerClient.get("/actions/chase")).text())).not.toContain("Send the licence conditions");
    expect((await save(await browserAs(manager), { chaseAfterDays: "3", version: "0" })).status).toBe(303);
    const list = textOf(await (await workerClient.get("/actions/chase")).text());
    expect(list).toContain("3 days or more overdue");
    expect(list).toContain("Send the licence conditions");
  });

  it("explains a number out of range, keeps what was typed and saves nothing", async () => {
    const { tenant, manager } = await scene();
    const client = await browserAs(manager);
    for (const [typed, message] of [
      ["0", "Enter a number of days from 1 to 90"],
      ["91", "Enter a number of days from 1 to 90"],
      ["two", "Enter the number of days as a whole number"],
      ["2.5", "Enter the number of days as a whole number"],
      ["", "Enter the number of days overdue after which an action is chased"],
    ] as const) {
      const response = await save(client, { chaseAfterDays: typed, version: "0" });
      expect(response.status, typed).toBe(400);
      const page = await response.text();
      expect(textOf(page)).toContain(`There is a problem ${message}`);
      expect(page).toContain('href="#chaseAfterDays"');
      expect(page).toContain(`name="chaseAfterDays" type="text" value="${typed}"`);
    }
    expect(await stored(tenant.tenantId)).toEqual([]);
  });

  it("says when someone else saved first, and shows what they saved", async () => {
    const { tenant, manager, otherManager } = await scene();
    const mine = await browserAs(manager);
    const theirs = await browserAs(otherManager);
    const myForm = await (await mine.get("/settings/plans")).text();
    expect((await save(theirs, { chaseAfterDays: "5", version: "0" })).status).toBe(303);
    const response = await mine.request("POST", "/settings/plans", { form: { _csrf: csrfTokenIn(myForm), chaseAfterDays: "20", version: "0" } });
    expect(response.status).toBe(409);
    const page = await response.text();
    expect(textOf(page)).toContain("Someone else changed this setting to 5 days after you opened the page (Grace Adeyemi)");
    expect(page).toContain('name="version" value="1"');
    expect(page).toContain('value="20"');
    expect(await stored(tenant.tenantId)).toEqual([{ chase_after_days: 5, version: 1 }]);
  });

  it("is for managers only", async () => {
    const { worker } = await scene();
    const client = await browserAs(worker);
    expect((await client.get("/settings/plans")).status).toBe(403);
  });
});
