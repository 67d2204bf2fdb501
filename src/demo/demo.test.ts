import { DEMO_TEST_PASSWORD } from "../../test/support/factories.ts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { queryRows } from "../platform/database/query.ts";
import { ROLES } from "../platform/access/roles.ts";
import { DEMO_USERS, demoEmail, seedDemo } from "./seed.ts";
import { demoPeople } from "./people.ts";
import type { DemoUserKey } from "./types.ts";

const PASSWORD = DEMO_TEST_PASSWORD;
let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
  await seedDemo(testApp.database.db, PASSWORD);
});
afterAll(async () => {
  await testApp.close();
});

async function apiAs(key: DemoUserKey) {
  const client = testApp.client();
  await client.signInApi(demoEmail(key), PASSWORD);
  return client;
}

describe("the demo partnership", () => {
  it("loads once: a second load changes nothing", async () => {
    expect(await seedDemo(testApp.database.db, PASSWORD)).toBe(false);
    const [row] = await queryRows<{ count: number }>(
      testApp.database.db,
      sql`SELECT count(*)::int AS count FROM people JOIN tenants ON tenants.id = people.tenant_id WHERE tenants.name LIKE 'Northmoor%'`,
    );
    expect(row?.count).toBe(demoPeople.length);
    expect(demoPeople.length).toBeGreaterThanOrEqual(36);
  });

  it("has a user for every role, and every demo user can sign in", async () => {
    const roles = new Set(Object.values(DEMO_USERS).flatMap((user) => user.roles));
    expect([...roles].sort()).toEqual([...ROLES].filter((role) => role !== "co-worker").sort());
    for (const key of Object.keys(DEMO_USERS) as DemoUserKey[]) {
      const { status } = await testApp.client().sendJson("POST", "/api/v1/session", { email: demoEmail(key), password: PASSWORD });
      expect(status, key).toBe(200);
    }
  });

  it("gives worker a caseload, coworker a share of it, and other nobody in common", async () => {
    const caseload = async (key: DemoUserKey) =>
      new Set((await (await apiAs(key)).getJson<{ items: Array<{ id: string }> }>("/api/v1/people")).body.items.map((item) => item.id));
    const worker = await caseload("worker");
    const coworker = await caseload("coworker");
    const other = await caseload("other");
    expect(worker.size).toBeGreaterThanOrEqual(10);
    expect([...coworker].filter((id) => worker.has(id)).length).toBeGreaterThan(0);
    expect(other.size).toBeGreaterThan(0);
    expect([...other].filter((id) => worker.has(id))).toEqual([]);
  });

  it("lets the housing partner see exactly the people whose team they are in", async () => {
    const partner = await apiAs("partner");
    const rows = await queryRows<{ id: string; given_name: string; family_name: string }>(
      testApp.database.db,
      sql`SELECT people.id, people.given_name, people.family_name FROM people JOIN tenants ON tenants.id = people.tenant_id WHERE tenants.name LIKE 'Northmoor%'`,
    );
    for (const row of rows) {
      const demo = demoPeople.find((person) => person.givenName === row.given_name && person.familyName === row.family_name);
      const expected = demo?.partners.includes("partner") ? 200 : 404;
      expect((await partner.getJson(`/api/v1/people/${row.id}`)).status, `${row.given_name} ${row.family_name}`).toBe(expected);
    }
  });

  it("shows the manager every worker in the multiple-needs team", async () => {
    const { body } = await (await apiAs("manager")).getJson<{ items: Array<{ name: string; leadCount: number }> }>("/api/v1/team/caseloads");
    expect(body.items.map((item) => item.name)).toEqual(expect.arrayContaining(["Sam Okafor", "Priya Nair"]));
    expect(body.items.find((item) => item.name === "Sam Okafor")?.leadCount).toBe(demoPeople.filter((person) => person.lead === "worker").length);
  });
});
