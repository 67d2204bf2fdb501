import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { DEMO_TEST_PASSWORD } from "../../test/support/factories.ts";
import { queryRows } from "../platform/database/query.ts";
import { paths } from "../platform/http/paths.ts";
import { demoEmail, seedDemo } from "../demo/seed.ts";
import type { DemoUserKey } from "../demo/types.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
  await seedDemo(testApp.database.db, DEMO_TEST_PASSWORD);
});
afterAll(async () => {
  await testApp.close();
});

async function api(key: DemoUserKey) {
  const client = testApp.client();
  await client.signInApi(demoEmail(key), DEMO_TEST_PASSWORD);
  return client;
}

async function personId(givenName: string, familyName: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    testApp.database.db,
    sql`SELECT people.id FROM people JOIN tenants ON tenants.id = people.tenant_id WHERE tenants.name LIKE 'Northmoor%' AND given_name = ${givenName} AND family_name = ${familyName}`,
  );
  if (!row) throw new Error(`no demo person ${givenName} ${familyName}`);
  return row.id;
}

interface ApiPlan {
  sections: Array<{ key: string; text: string; version: number }>;
  serviceHours: string | null;
  outOfHours: string | null;
}

describe("the demo wellness plans", () => {
  it("gives Dean Holloway a full plan that his mum sees and his housing officer does not, and Shabana Akhtar part of one", async () => {
    const dean = await personId("Dean", "Holloway");
    const plan = await (await api("worker")).getJson<ApiPlan>(paths.api.personWellnessPlan(dean));
    expect(plan.status).toBe(200);
    expect(plan.body.sections.every((section) => section.text.length > 0)).toBe(true);
    expect(plan.body.sections.find((section) => section.key === "early-warning-signs")?.version).toBe(2);
    expect(plan.body.serviceHours).toContain("Monday to Friday");
    expect(plan.body.outOfHours).toContain("999");

    const mum = await (await api("carer")).getJson<ApiPlan>(paths.api.personWellnessPlan(dean));
    expect(mum.status).toBe(200);
    expect((await (await api("partner")).getJson(paths.api.personWellnessPlan(dean))).status).toBe(404);

    const shabana = await (await api("worker")).getJson<ApiPlan>(paths.api.personWellnessPlan(await personId("Shabana", "Akhtar")));
    const written = shabana.body.sections.filter((section) => section.text.length > 0).length;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(9);
  });
});
